package screening

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"
)

// keyProbeNames exercise every kind of key and normalisation rule: a
// compiled index stores their output, so a change to any of them must
// change IndexVersion.
var keyProbeNames = []string{
	"PETROV, Aleksandr Ivanovich", "Volodymyrovych", "Jurij Chruschtschow", "Iouri Khrouchtchev",
	"Paulichenka Alyaksandr Ryhorovich", "Muhammad Yusuf al-Haddad", "Abdulqadir Abdurrahman",
	"Abd al-Rahman", "Abolghasem Abughasem", "Alsubaie Hajihosseini", "Qadhafi Gaddafi Sadeqi",
	"Kadhim Uthman", "Tawfiq Taufik", "Mahmadnezhad", "Kim Yo Jong", "Choe Ryong-hae",
	"Hsia Pao-lung", "Ch'en Ch'üan-kuo", "ZHANG, Xiaoming", "林鄭月娥", "张晓明", "Tsang Tsz-kei",
	"Farouk al-Chareh", "Khaled Cheikh Mohammed", "Mzee Mohamed", "O'Brien", "Müller Straße",
	"Popova", "Bashar Bushra", "Salah Salih Nasser",
	"CARVAJAL BARRIOS, Hugo Armando", "MURILLO DE ORTEGA, Rosario Maria",
	"Vice Senior General Min Aung Hlaing", "NYUNT, U Thein", "NILAR, Daw", "HAN, Kwon U", "RYOM, Hui Bong",
	"KAHWA, Chief", "Sen. Grigory Karasin", "Sasha Slava Bill", "ACHEKZAI, Maulawi Adam Khan", "Chuy Wali",
	"მორგოშია, კონსტანტინე",
	"AYE, Than Than", // four letters with th: no empty sound key (format 15)
	"Du Xiaoming",    // Du before pinyin is the family name 杜 (format 17)
}

// keyProbe is the probe's digest and the IndexVersion it was recorded
// under. When the test fails, either the keys changed without a new
// version (bump indexFormat in compiled.go) or the version changed (a
// name file or indexFormat): then record the two values the failure
// prints.
var keyProbe = struct{ version, digest string }{
	version: "17-a484c6cd4d636cd0",
	digest:  "44d3bf1bbc647d746ec6a401",
}

func keyProbeDigest() string {
	syllablesOnce.Do(loadSyllables) // as NewIndex and DecodeIndex do
	h := sha256.New()
	for _, n := range keyProbeNames {
		for _, tl := range listedTokens(n, Individual) {
			var texts []string
			for _, t := range tl {
				fmt.Fprintf(h, "%s %v %v %v %v %v\x00", t.text, t.initial, t.lineage, t.given, t.middle, t.family2)
				fmt.Fprintf(h, "%s\x00", strings.Join(tokenKeys(t.text, false), ","))
				texts = append(texts, t.text)
			}
			for i := range texts {
				for j := i + 2; j <= len(texts) && j-i <= maxRun; j++ {
					joined := strings.Join(texts[i:j], "")
					fmt.Fprintf(h, "%s:%s\x00", joined, strings.Join(tokenKeys(joined, true), ","))
				}
			}
		}
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}

// TestKeyProbe fails when what the matcher derives from a fixed set of
// names changes while IndexVersion stays the same: stored compiled
// indexes would then be loaded with stale keys.
func TestKeyProbe(t *testing.T) {
	t.Parallel()
	v, d := IndexVersion(), keyProbeDigest()
	switch {
	case v == keyProbe.version && d != keyProbe.digest:
		t.Errorf("keys or tokens changed under IndexVersion %s: bump indexFormat, then record version %q digest %q", v, v, d)
	case v != keyProbe.version:
		t.Errorf("IndexVersion is %s (recorded %s): check the change, then record version %q digest %q", v, keyProbe.version, v, d)
	}
}
