package ocr

import (
	"strings"
	"testing"
	"time"
)

// "CHN" read as "0HN" on line 2 (on both lines): each reads back
// as one real code, so the fields the check digits cover are trusted;
// the names and the nationality stay "could not read".
func TestExtractPassportRepairsCountryCodes(t *testing.T) {
	l1 := strings.Replace(mrz1, "CHN", "0HN", 1)
	l2 := strings.Replace(mrz2, "CHN", "0HN", 1)
	rd := Extract(Passport, card([]string{l1}, []string{l2}), time.Now())
	if rd.MRZ == nil || !rd.MRZ.Valid || rd.MRZ.Lines[0] != mrz1 || rd.MRZ.Lines[1] != mrz2 {
		t.Fatalf("zone %+v", rd.MRZ)
	}
	if rd.Fields[FDocumentNumber] != "E62846816" || rd.Fields[FBirthDate] != "1997-07-12" ||
		rd.Fields[FExpiryDate] != "2036-07-12" || rd.Fields[FSex] != "F" {
		t.Errorf("trusted %v", rd.Fields)
	}
	for _, f := range []string{FNationality, FFullName, FSurname, FGivenNames} {
		if _, ok := rd.Fields[f]; ok {
			t.Errorf("%s trusted after a guessed country code: %v", f, rd.Fields)
		}
		if rd.Unverified[f] == "" {
			t.Errorf("%s not among the unverified: %v", f, rd.Unverified)
		}
	}
}

// A code with two readings, one no letter can put right, or a fault
// besides the codes: nothing is repaired, nothing is trusted.
func TestExtractPassportRepairsOnlyCountryCodes(t *testing.T) {
	for name, l2 := range map[string]string{
		"two readings (COM or DOM)": strings.Replace(mrz2, "CHN", "0OM", 1),
		"no letter fits":            strings.Replace(mrz2, "CHN", "0H3", 1),
		"a check digit wrong too":   strings.Replace(strings.Replace(mrz2, "CHN", "0HN", 1), "E628468167", "E628468168", 1),
	} {
		rd := Extract(Passport, card([]string{mrz1}, []string{l2}), time.Now())
		if len(rd.Fields) != 0 || (rd.MRZ != nil && rd.MRZ.Valid) {
			t.Errorf("%s: trusted %v, zone valid %v", name, rd.Fields, rd.MRZ != nil && rd.MRZ.Valid)
		}
	}
}

// A data line with one character dropped (the recogniser merged "0C" of
// "…70CHN…" into "0") is put back when exactly one insertion makes the
// zone valid; the names are then not trusted.
func TestExtractPassportRepairsADroppedCharacter(t *testing.T) {
	l2 := strings.Replace(mrz2, "7CHN", "7HN", 1)
	l2 = strings.TrimRight(l2, "<08") // the recogniser drops the filler run's end too
	rd := Extract(Passport, card([]string{mrz1}, []string{l2 + "<<08"}), time.Now())
	if rd.MRZ == nil || !rd.MRZ.Valid || rd.MRZ.Lines[1] != mrz2 {
		t.Fatalf("zone %+v", rd.MRZ)
	}
	if rd.Fields[FDocumentNumber] != "E62846816" || rd.Fields[FExpiryDate] != "2036-07-12" {
		t.Errorf("trusted %v", rd.Fields)
	}
	if _, ok := rd.Fields[FFullName]; ok {
		t.Errorf("names trusted after a repair: %v", rd.Fields)
	}
}

// Names hold letters only: a 0 in them is OCR-B's O and the name is
// trusted; another digit makes the names doubtful.
func TestExtractPassportNamesWithDigits(t *testing.T) {
	rd := Extract(Passport, card([]string{strings.Replace(mrz1, "TAO", "TA0", 1)}, []string{mrz2}), time.Now())
	if rd.Fields[FFullName] != "LIU TAO" {
		t.Errorf("0 in a name: %v %v", rd.Fields, rd.Unverified)
	}
	rd = Extract(Passport, card([]string{strings.Replace(mrz1, "LIU", "L1U", 1)}, []string{mrz2}), time.Now())
	if _, ok := rd.Fields[FFullName]; ok || rd.Unverified[FFullName] != "LIU TAO" || rd.Fields[FDocumentNumber] != "E62846816" {
		t.Errorf("1 in a name: %v %v", rd.Fields, rd.Unverified)
	}
}
