package screening

import (
	"bufio"
	"embed"
	"sort"
	"strings"
	"sync"
)

// The name knowledge lives in names/ as data (with its sources cited in
// each file) so that it can be reviewed and extended without touching the
// matcher: given-name classes, Chinese and Korean romanisation variants,
// Cyrillic transliteration tables and Cantonese readings of Han
// characters.
//
//go:embed names/*.txt names/*.tsv
var namesFS embed.FS

// Kinds of token key, and how similar two tokens sharing one are. A shared
// key is knowledge that the two spellings stand for one name, so it scores
// almost like the same spelling; Chinese surname classes are looser (one
// Cantonese spelling stands for several Mandarin names), so they count a
// little less.
const (
	keyGiven   = 'g'
	keySlavic  = 's'
	keyKorean  = 'k'
	keyChinese = 'c'
	keySound   = 'p'
	keyEast    = 'e'
	keyAbd     = 'a'
	keyCanto   = 'y'
	// keyNick joins a formal name no given-name class holds to its short
	// forms (nicknames.txt): Bill and William.
	keyNick    = 'n'
	equivSim   = 0.98
	chineseSim = 0.92
	// slavicSim is lower: decoding a Latin spelling as Cyrillic also makes
	// some unrelated Western names equal (Rizzo and Riccio both read as
	// рицо), so a Cyrillic reading alone must not carry a name.
	slavicSim = 0.92
	// soundSim is what two spellings that read alike (soundKey) earn:
	// evidence of one name, but from a rule rather than a table.
	soundSim = 0.92
	// eastSim is what two spellings earn whose Cyrillic readings agree
	// once Belarusian and Russian spelling habits are evened out
	// (eastSlavic): looser than one reading, so a little less.
	eastSim = 0.90
	// minEastLen is the shortest token that gets an eastSlavic key: the
	// merged vowels leave too little of shorter ones.
	minEastLen  = 5
	maxKeyVars  = 4
	minKeyedLen = 2
)

type knowledgeBase struct {
	given, chinese map[string][]string
	// nick maps a formal name outside given.txt and its short forms to
	// that formal name (addNicknames).
	nick map[string][]string
	// givenSound maps the soundKey of every spelling in given.txt to its
	// classes, for spellings the table does not list (Hussayn, Mouhammad).
	givenSound map[string][]string
	korean     map[string][]string // syllable spelling -> RR forms
	koreanMax  int
	cyr        []cyrDecoder
	canto      map[rune]string // Han character -> Hong Kong romanisation
	// cantoSyl holds the cantoKey of every Hong Kong syllable spelling:
	// a token whose cantoKey is here may be a Cantonese syllable.
	cantoSyl map[string]bool
	// wade maps a folded Wade-Giles syllable to the pinyin syllables it
	// stands for; wadeMax is the longest.
	wade    map[string][]string
	wadeMax int
	// cantoPy maps a Hong Kong syllable spelling (cantoPyKey) to the
	// pinyin syllables its characters read as in Mandarin.
	cantoPy map[string][]string
}

var kb = sync.OnceValue(loadKnowledge)

// classes reads a file of one class a line (first word names it) into
// spelling -> class names.
func classes(name string) map[string][]string {
	m := map[string][]string{}
	eachLine(name, func(f []string) {
		for _, w := range f {
			w = foldLatin(w)
			if !contains(m[w], f[0]) {
				m[w] = append(m[w], foldLatin(f[0]))
			}
		}
	})
	return m
}

func eachLine(name string, fn func([]string)) {
	f, err := namesFS.Open(name)
	if err != nil {
		panic(err) // embedded: a missing file is a build mistake
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<16), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.Contains(line, "\t") {
			fn(strings.Split(line, "\t"))
		} else {
			fn(strings.Fields(line))
		}
	}
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func loadKnowledge() *knowledgeBase {
	k := &knowledgeBase{given: classes("names/given.txt"), chinese: classes("names/chinese.txt"),
		korean: map[string][]string{}, canto: map[rune]string{}, cantoSyl: map[string]bool{}}
	eachLine("names/korean.txt", func(f []string) {
		for _, w := range f {
			if !contains(k.korean[w], f[0]) {
				k.korean[w] = append(k.korean[w], f[0])
			}
			k.koreanMax = max(k.koreanMax, len(w))
		}
	})
	k.givenSound = map[string][]string{}
	for w, cs := range k.given {
		if v := soundKey(w); v != "" {
			for _, c := range cs {
				if !contains(k.givenSound[v], c) {
					k.givenSound[v] = append(k.givenSound[v], c)
				}
			}
		}
	}
	// After givenSound: a short form is known by its spelling alone.
	k.addNicknames()
	k.cyr = loadCyrillic()
	k.wade, k.wadeMax = loadWade()
	k.cantoPy = loadCantoPinyin()
	eachLine("names/cantonese.gen.tsv", func(f []string) {
		if len(f) != 2 {
			return
		}
		hk := hkRoman(f[0])
		k.cantoSyl[cantoKey(hk)] = true
		for _, r := range f[1] {
			k.canto[r] = hk
		}
	})
	return k
}

// tokenKeys returns what the knowledge base says t may stand for: its
// given-name and Chinese surname classes, its Korean syllables in RR, and
// its Cyrillic reading under each transliteration system. Two tokens
// sharing a key are spellings of one name.
//
// For tokens joined from a run (joined), only the Korean syllables and
// the abd/abu compounds are looked at: that is where one name is written
// joined, hyphenated or apart ("Yojong", "Yo-jong", "Yeo Jeong"; "Abdul
// Qadir", "Abdulqadir"), and the other keys would only cost time.
func tokenKeys(t string, joined bool) []string {
	keys := collectKeys(t, joined)
	// Sorted, so that keySim intersects two lists in one pass: tokens
	// carry twenty keys and more.
	sort.Strings(keys)
	return keys
}

func collectKeys(t string, joined bool) []string {
	if len(t) < minKeyedLen {
		return nil
	}
	k := kb()
	var keys []string
	add := func(kind byte, v string) {
		// An empty key would join every token that has one: a four-letter
		// token with th read as s is three letters, too short for a sound
		// key, and Than, Thin, Ruth and Beth all shared "p:" until
		// session 11.
		if v == "" {
			return
		}
		v = string(kind) + ":" + v
		if !contains(keys, v) {
			keys = append(keys, v)
		}
	}
	if joined {
		if isASCII(t) {
			for _, v := range k.koreanKeys(t) {
				add(keyKorean, v)
			}
			if v := abdKey(t); v != "" {
				add(keyAbd, v)
			}
			if v := javaneseAbdKey(t); v != "" {
				add(keyAbd, v)
			}
			k.wadeKeys(t, true, add)
		}
		return keys
	}
	for _, c := range k.given[t] {
		add(keyGiven, c)
	}
	for _, c := range k.nick[t] {
		add(keyNick, c)
	}
	if len(k.given[t]) == 0 && isASCII(t) {
		for _, c := range k.givenSound[soundKey(t)] {
			add(keyGiven, c)
		}
	}
	// A patronymic is a given name with a suffix: Volodymyrovych and
	// Vladimirovich are one father's name, so they share the class of the
	// stem (marked, so that a patronymic never equals a given name).
	if stem, ok := patronymicStem(t); ok {
		// Ukrainian given names in -o keep their stem (Mykhaylo →
		// Mykhaylovych, Petro → Petrovych).
		for _, st := range [...]string{stem, stem + "o"} {
			for _, c := range k.given[st] {
				add(keyGiven, c+"/p")
			}
		}
	}
	for _, c := range k.chinese[t] {
		add(keyChinese, c)
	}
	k.wadeKeys(t, false, add)
	if len(t) <= 6 && isASCII(t) {
		if v := cantoKey(t); k.cantoSyl[v] {
			add(keyCanto, v)
		}
	}
	if !isASCII(t) {
		return keys
	}
	if v := soundKey(t); v != "" {
		add(keySound, v)
		// Persian writes ق and غ, one sound there, q or gh alike
		// (Sadeqi/Sadeghi, Moqadam/Moghadam); Arabic and Turkic q is k.
		if strings.Contains(t, "q") || strings.Contains(t, "gh") {
			add(keySound, soundKey(strings.ReplaceAll(strings.ReplaceAll(t, "gh", "G"), "q", "G")))
		}
		// Across the Gulf, Yemen, Libya, Sudan and the Bedouin dialects
		// ق is spoken g and written so (Qadhafi/Gaddafi, Al-Omqy/Al-Omgy,
		// Faqih/Fagih): K. Versteegh, The Arabic Language (2014), ch. 10.
		if strings.Contains(t, "q") {
			add(keySound, soundKey(strings.ReplaceAll(t, "q", "g")))
		}
		// ذ and ظ, romanised dh (ALA-LC, BGN/PCGN), are spoken z, and ث,
		// romanised th, s, in Persian, Urdu, Turkish and urban Levantine
		// and Egyptian Arabic, which spell them so (Kadhim/Kazim,
		// Bahadhiq/Bahaziq, Uthman/Usman).
		if strings.Contains(t, "dh") || strings.Contains(t, "th") {
			add(keySound, soundKey(strings.ReplaceAll(strings.ReplaceAll(t, "dh", "z"), "th", "s")))
		}
		if v := frenchShKey(t); v != "" {
			add(keySound, v)
		}
		// Indonesian and Malay write ش sy (Ba'asyir, Asyari, Musyarraf)
		// where English writes sh; between vowels sy is no other sound.
		if v := indonesianSy(t); v != "" {
			add(keySound, soundKey(v))
		}
		// The same Dutch-era spelling writes u oe (Soeharto, Roesdan for
		// Rusdan), as Dutch does.
		if v := dutchOe(t); v != "" {
			add(keySound, soundKey(v))
		}
	}
	if v := abdKey(t); v != "" {
		add(keyAbd, v)
	}
	if v := javaneseAbdKey(t); v != "" {
		add(keyAbd, v)
	}
	// The Arabic article is written apart, hyphenated or joined
	// (al-Subaiy, Al Subaiy, Alsubaie); normalisation drops it only when
	// it stands apart, so a joined one is read without it too.
	if rest, ok := joinedArticle(t); ok && len(k.given[t]) == 0 {
		for _, c := range k.given[rest] {
			add(keyGiven, c)
		}
		if v := soundKey(rest); v != "" {
			add(keySound, v)
		}
	}
	for _, v := range k.koreanKeys(t) {
		add(keyKorean, v)
	}
	if v := frameKey(t, keys); v != "" {
		add(keyFrame, v)
	}
	// Pinyin syllables are Chinese, not Cyrillic spelt otherwise (Yan and
	// Jian would both read as ян).
	if len(t) >= 4 && !isSyllable(t) {
		for i := range k.cyr {
			for _, v := range k.cyr[i].keys(t) {
				// The Belarusian-even reading replaces the plain one
				// rather than joining it: twice the keys cost a fifth
				// more per query and changed no answer on the
				// calibration half.
				if len(t) >= minEastLen {
					add(keyEast, eastSlavic(v))
				} else {
					add(keySlavic, v)
				}
			}
		}
	}
	return keys
}

// keySim is the similarity two tokens earn from a shared key, 0 if none.
// Both lists are sorted (tokenKeys).
func keySim(a, b []string) float32 {
	var best float32
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			best = max(best, kindSim(a[i][0]))
			i++
			j++
		}
	}
	return best
}

// kindSim is what a shared key of one kind says about two spellings.
func kindSim(kind byte) float32 {
	switch kind {
	case keyChinese, keyCanto, keyWade:
		return chineseSim
	case keySlavic:
		return slavicSim
	case keySound, keyAbd:
		return soundSim
	case keyEast:
		return eastSim
	case keyFrame:
		return frameSim
	}
	return equivSim
}

// abdKey reads an Arabic theophoric compound, "servant of" + a name of
// God, however it is written joined: Abdulqadir, Abdelkader, Abdiqadir,
// Abdurrahman, Abdurahman, Abdussalam all become abd + the sound of the
// name, the article (al, el, ul, or assimilated to the next consonant:
// ur-Rahman, us-Salam) dropped. The same compound written apart
// (Abdul Qadir) meets it as a joined run. "" when t is no such compound.
func abdKey(t string) string {
	if r, ok := abuRest(t); ok {
		// A kunya written joined (Abuobaida, Abu Ubaydah as one run):
		// abu + the class or sound of the name.
		if cs := kb().given[r]; len(cs) > 0 {
			return "abu+" + cs[0]
		}
		return "abu+" + soundKey(r)
	}
	if !strings.HasPrefix(t, "abd") {
		return ""
	}
	r := t[3:]
	for len(r) > 0 && strings.IndexByte("aeiou", r[0]) >= 0 {
		r = r[1:]
	}
	if strings.HasPrefix(r, "l") && len(r) > 1 && !isVowel(r[1]) {
		r = r[1:] // the article: abd-ul-Qadir
	}
	if len(r) > 1 && r[0] == r[1] {
		r = r[1:] // assimilated: abd-ur-Rahman
	}
	if len(r) < 3 {
		return ""
	}
	if v := soundKey(r); v != "" {
		return v
	}
	return r
}

// javaneseAbdKey is abdKey for an abd compound in the spelling of
// Indonesia before 1972 (Van Ophuijsen, after Dutch), still used in
// names: ch for ح and خ, and the Javanese o for the Arabic a beside it
// (Abdurrochim for Abdul Rahim, Abdurrochman for Abdurrahman). Only a
// compound with that ch is read so: o is a vowel of its own elsewhere
// (Ghafoor is not Ghaffar). "" when t is no such compound.
func javaneseAbdKey(t string) string {
	if !strings.HasPrefix(t, "abd") || !strings.Contains(t[3:], "ch") {
		return ""
	}
	v := abdKey(strings.ReplaceAll(strings.ReplaceAll(t[:3]+strings.ReplaceAll(t[3:], "ch", "h"), "o", "a"), "kh", "h"))
	if v == abdKey(t) {
		return ""
	}
	return v
}

// indonesianSy returns t with an sy between vowels written sh, as
// Indonesian and Malay spell ش (Basyir for Bashir), or "" when t has none.
func indonesianSy(t string) string {
	for i := 1; i+2 < len(t); i++ {
		if t[i] == 's' && t[i+1] == 'y' && isVowel(t[i-1]) && t[i-1] != 'y' && isVowel(t[i+2]) && t[i+2] != 'y' {
			return t[:i] + "sh" + t[i+2:]
		}
	}
	return ""
}

// dutchOe returns t with each oe before a consonant written u, as the
// Dutch and the pre-1972 Indonesian spelling write it (Soekarno,
// Roesdan), or "" when t has none. Not a final oe (Korean Choe) nor one
// before a vowel.
func dutchOe(t string) string {
	i := strings.Index(t, "oe")
	if i < 0 || i+2 >= len(t) || isVowel(t[i+2]) {
		return ""
	}
	return t[:i] + "u" + t[i+2:]
}

// abuRest returns what follows abu/abou/abo in a kunya written joined,
// when it is long enough to be a name. The article is dropped as in the
// abd compounds: Persian writes Abu al-Qasim Abolghasem or Abulqasem, and
// as often Abughasem without it.
func abuRest(t string) (string, bool) {
	for _, p := range [...]string{"abou", "abu", "abo"} {
		if strings.HasPrefix(t, p) && len(t)-len(p) >= 4 {
			r := t[len(p):]
			if r[0] == 'l' && !isVowel(r[1]) && len(r) >= 5 {
				r = r[1:]
			}
			return r, true
		}
	}
	return "", false
}

// joinedArticle returns t without a leading particle written joined to
// the name it introduces: the Arabic article al/el (Alsubaie for
// al-Subaiy, Alousta for al-Usta), ben/bin (Benhammedi for Ben Hammedi)
// or haj/haji (Hajihosseini for Haji Hosseini), which normalisation drops
// only when they stand apart. What is left must be long enough to be a
// name (four letters after al/el, five after the others); Alexander and
// Elena are known given names and the caller leaves those alone. Longer
// prefixes first: Hajihosseini is Haji Hosseini, not Haj Ihosseini.
func joinedArticle(t string) (string, bool) {
	for _, p := range [...]struct {
		prefix string
		rest   int
	}{{"al", 4}, {"el", 4}, {"ben", 5}, {"bin", 5}, {"hajji", 5}, {"haji", 5}, {"haj", 5}} {
		if strings.HasPrefix(t, p.prefix) && len(t)-len(p.prefix) >= p.rest {
			return t[len(p.prefix):], true
		}
	}
	return "", false
}

// differentGiven reports whether two tokens are both known given names
// with no class in common: Mahmud and Muhammad, Hamid and Ahmad look
// alike but are different names, which spelling similarity cannot tell.
func differentGiven(a, b []string) bool {
	ga, gb := false, false
	for _, x := range a {
		if x[0] != keyGiven {
			continue
		}
		ga = true
		for _, y := range b {
			if x == y {
				return false
			}
		}
	}
	if !ga {
		return false
	}
	for _, y := range b {
		gb = gb || y[0] == keyGiven
	}
	return gb
}

// koreanKeys splits t into romanised Korean syllables (fewest syllables
// first, at most four) and returns the RR spellings it stands for.
func (k *knowledgeBase) koreanKeys(t string) []string {
	if len(t) > 4*k.koreanMax {
		return nil
	}
	// best[i] = the fewest syllables covering t[i:], -1 if none.
	n := len(t)
	best := make([]int, n+1)
	for i := n - 1; i >= 0; i-- {
		best[i] = -1
		for l := 1; l <= k.koreanMax && i+l <= n; l++ {
			if _, ok := k.korean[t[i:i+l]]; ok && best[i+l] >= 0 && (best[i] < 0 || best[i+l]+1 < best[i]) {
				best[i] = best[i+l] + 1
			}
		}
	}
	if best[0] < 0 || best[0] > 4 {
		return nil
	}
	out := []string{""}
	for i := 0; i < n; {
		for l := min(k.koreanMax, n-i); l >= 1; l-- {
			rr, ok := k.korean[t[i:i+l]]
			if !ok || best[i+l] < 0 || best[i+l]+1 != best[i] {
				continue
			}
			var next []string
			for _, o := range out {
				for _, r := range rr {
					if len(next) < maxKeyVars {
						next = append(next, o+r+".")
					}
				}
			}
			out = next
			i += l
			break
		}
	}
	return out
}

// cyrDecoder reads a Latin spelling back into Cyrillic under one
// transliteration system, in a reduced alphabet where the letters systems
// disagree on (е/ё/э, и/й/ы, ъ/ь) are merged.
type cyrDecoder struct {
	system string
	seqs   map[string][]string // Latin spelling -> reduced Cyrillic
	maxLen int
	// byFirst lists the spellings by first letter, longest first: decoding
	// tries prefixes instead of hashing every substring.
	byFirst [128][]cyrSeq
}

type cyrSeq struct {
	lat  string
	reds []string
}

// cyrReduced maps each Cyrillic letter to its reduced form: upper-case
// letters stand for the sounds Latin writes with two letters.
var cyrReduced = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'ґ': "g", 'д': "d", 'е': "e", 'ё': "e", 'э': "e", 'є': "e",
	'ж': "Z", 'з': "z", 'и': "i", 'й': "i", 'ы': "i", 'і': "i", 'ї': "i", 'к': "k", 'л': "l", 'м': "m",
	'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ў': "u", 'ф': "f", 'х': "h",
	'ц': "c", 'ч': "C", 'ш': "S", 'щ': "X", 'ъ': "", 'ь': "", 'ю': "iu", 'я': "ia",
}

func reduceCyr(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteString(cyrReduced[r])
	}
	return b.String()
}

func loadCyrillic() []cyrDecoder {
	by := map[string]*cyrDecoder{}
	var order []string
	read := func(name string) {
		eachLine(name, func(f []string) {
			if len(f) != 3 || f[2] == "" {
				return
			}
			d := by[f[0]]
			if d == nil {
				d = &cyrDecoder{system: f[0], seqs: map[string][]string{}}
				by[f[0]] = d
				order = append(order, f[0])
			}
			red := reduceCyr(f[1])
			for _, lat := range strings.Fields(f[2]) {
				lat = foldLatin(lat)
				if lat == "" || !isASCII(lat) {
					continue
				}
				if !contains(d.seqs[lat], red) {
					d.seqs[lat] = append(d.seqs[lat], red)
				}
				d.maxLen = max(d.maxLen, len(lat))
			}
		})
	}
	read("names/cyrillic.gen.tsv")
	read("names/cyrillic.tsv")
	// "english" holds the customary spellings no standard gives; they
	// extend the ICAO/BGN reading rather than stand alone.
	if e, i := by["english"], by["bgn"]; e != nil && i != nil {
		for lat, reds := range i.seqs {
			for _, r := range reds {
				if !contains(e.seqs[lat], r) {
					e.seqs[lat] = append(e.seqs[lat], r)
				}
			}
		}
		e.maxLen = max(e.maxLen, i.maxLen)
	}
	sort.Strings(order)
	out := make([]cyrDecoder, 0, len(order))
	for _, s := range order {
		// bgn and wikipedia are read through "english", which extends them.
		if s == "bgn" || s == "wikipedia" {
			continue
		}
		d := by[s]
		for lat, reds := range d.seqs {
			d.byFirst[lat[0]] = append(d.byFirst[lat[0]], cyrSeq{lat, reds})
		}
		for i := range d.byFirst {
			sort.Slice(d.byFirst[i], func(a, b int) bool {
				x, y := d.byFirst[i][a], d.byFirst[i][b]
				if len(x.lat) != len(y.lat) {
					return len(x.lat) > len(y.lat)
				}
				return x.lat < y.lat
			})
		}
		out = append(out, *d)
	}
	return out
}

// latinFallback reads the letters a system does not use: x is кс, w is в,
// q is к; anything else stands for itself.
var latinFallback = map[byte]string{'x': "ks", 'w': "v", 'q': "k", 'h': "h", 'c': "c", 'j': "i", 'y': "i"}

// keys decodes t, longest spelling first, branching where one spelling
// stands for several letters, and returns at most maxKeyVars readings.
func (d *cyrDecoder) keys(t string) []string {
	// French writes a final -ин/-ын -ine/-yne so that it is not read as a
	// nasal vowel (Lénine, Poutine, Prigojine): the e is not a letter.
	if d.system == "french" && len(t) > 4 && (strings.HasSuffix(t, "ine") || strings.HasSuffix(t, "yne")) {
		t = t[:len(t)-1]
	}
	var buf [maxKeyVars][32]byte
	out := make([][]byte, 1, maxKeyVars)
	out[0] = buf[0][:0]
	for i := 0; i < len(t); {
		var reds []string
		l := 0
		if t[i] < 128 {
			for _, sq := range d.byFirst[t[i]] {
				if strings.HasPrefix(t[i:], sq.lat) {
					reds, l = sq.reds, len(sq.lat)
					break
				}
			}
		}
		if l == 0 {
			l = 1
			if f, ok := latinFallback[t[i]]; ok {
				reds = []string{f}
			} else {
				reds = []string{t[i : i+1]}
			}
		}
		if len(reds) == 1 {
			for k := range out {
				out[k] = append(out[k], reds[0]...)
			}
		} else {
			n := len(out)
			for k := 0; k < n; k++ {
				for _, r := range reds[1:] {
					if len(out) < maxKeyVars {
						out = append(out, append(buf[len(out)][:0], out[k]...))
						out[len(out)-1] = append(out[len(out)-1], r...)
					}
				}
				out[k] = append(out[k], reds[0]...)
			}
		}
		i += l
	}
	keys := make([]string, len(out))
	for k, o := range out {
		keys[k] = squeezeCyr(o)
	}
	return keys
}

// squeezeCyr evens out what the systems write differently for one sound:
// doubled letters (German ss), the glide before e (Yevgeny/Evgeny,
// Sergeyev/Sergeev), the ending -iy/-ii/-y (Yuriy/Yurii/Yury) and ё
// after a sibilant, which ICAO writes e and others o.
func squeezeCyr(s []byte) string {
	b := s[:0]
	for i := 0; i < len(s); i++ {
		c := s[i]
		if len(b) > 0 && b[len(b)-1] == c {
			continue
		}
		if c == 'e' && len(b) > 0 && b[len(b)-1] == 'i' {
			b[len(b)-1] = 'e'
			continue
		}
		if c == 'o' && len(b) > 0 && strings.IndexByte("ZSXC", b[len(b)-1]) >= 0 {
			c = 'e' // ё after a sibilant: Khrushchev, Chruschtschow
		}
		b = append(b, c)
	}
	return string(b)
}

// eastSlavic evens out, in a reduced Cyrillic reading, how Belarusian
// writes what Russian writes otherwise, so that one person's two
// passports (Paulichenka/Pavlichenko, Ipatau/Ipatov, Kanstantsinauna/
// Konstantinovna, Dzmitry/Dmitry) share a key: unstressed о and е are
// written а (akanye, yakanye), so о, е and я after a consonant read
// as а; дз and ць stand where Russian has д and ть before a soft vowel;
// ў after a vowel (-ау, -оу, -еу) stands for в; г is h in Belarusian and
// Ukrainian spellings, so х and г merge. Rules: Belarusian orthography
// (the 2008 Law "On the rules of Belarusian orthography and punctuation",
// §§ 6-8 akanye and yakanye, § 12 дз/ць) and the Belarusian national
// romanisation (Instruction on transliteration of Belarusian geographical
// names, 2007), which passports follow.
func eastSlavic(r string) string {
	b := make([]byte, 0, len(r))
	cons := func(c byte) bool { return c != 0 && strings.IndexByte("aeiouo", c) < 0 }
	last := func() byte {
		if len(b) == 0 {
			return 0
		}
		return b[len(b)-1]
	}
	for i := 0; i < len(r); i++ {
		c := r[i]
		next := byte(0)
		if i+1 < len(r) {
			next = r[i+1]
		}
		switch {
		case c == 'd' && next == 'z':
			i++ // дз: Dzmitry, Vadzim
		case c == 'c' && (next == 'i' || next == 'e'):
			c = 't' // ць: Kanstantsin
		case c == 'h':
			c = 'g'
		case c == 'u' && i > 0 && strings.IndexByte("aeo", r[i-1]) >= 0 && (next == 0 || cons(next)):
			c = 'v' // ў: Ipatau, Ivanauna
		case c == 'i' && next == 'a' && cons(last()):
			continue // я after a consonant: Valyantsin
		case c == 'o' || c == 'e':
			c = 'a'
		}
		if c == last() {
			continue
		}
		b = append(b, c)
	}
	return string(b)
}

// hkRoman spells a Jyutping syllable (tone dropped) the way the Hong Kong
// government romanises names on identity cards (a Yale-like scheme from
// the colonial registry, never formally published): b/d/g are written
// p/t/k, z and c are ch, j is y, aa is a, eo/oe are eu, yu is u/ue, ou is o.
func hkRoman(j string) string {
	initials := []struct{ jp, hk string }{
		{"gw", "kw"}, {"kw", "kw"}, {"ng", "ng"}, {"b", "p"}, {"p", "p"}, {"d", "t"}, {"t", "t"},
		{"g", "k"}, {"k", "k"}, {"z", "ch"}, {"c", "ch"}, {"s", "s"}, {"j", "y"}, {"h", "h"},
		{"f", "f"}, {"l", "l"}, {"m", "m"}, {"n", "n"}, {"w", "w"},
	}
	var ini, fin string
	fin = j
	for _, p := range initials {
		if strings.HasPrefix(j, p.jp) && len(j) > len(p.jp) {
			ini, fin = p.hk, j[len(p.jp):]
			break
		}
	}
	finals := []struct{ jp, hk string }{
		{"yun", "uen"}, {"yut", "uet"}, {"yu", "u"}, {"oeng", "eung"}, {"oek", "euk"}, {"oe", "oe"},
		{"eoi", "ui"}, {"eon", "un"}, {"eot", "ut"}, {"aa", "a"}, {"ou", "o"}, {"ei", "ei"},
	}
	for _, p := range finals {
		if strings.HasPrefix(fin, p.jp) {
			fin = p.hk + fin[len(p.jp):]
			break
		}
	}
	if ini == "y" && strings.HasPrefix(fin, "u") && fin != "u" {
		ini = "y" // jyut -> yuet
	}
	if ini == "ch" && fin == "e" {
		ini = "ts" // ze -> Tse
	}
	return ini + fin
}

// cantoKey evens out how Hong Kong spells one Cantonese syllable, which
// its registry never standardised: 基 is Kei or Ki, 子 Tsz, Tze or Chi,
// 詩 Sze, See or Si, 曾 Tsang or Chang, 源 Yuen or Yun, 東 Tung or Toong
// (the spellings of the Hong Kong Government's "Romanisation of Chinese
// names" practice as listed on its own lists of officials, and
// en.wikipedia.org/wiki/Hong_Kong_Government_Cantonese_Romanisation).
func cantoKey(t string) string {
	switch t {
	case "tsz", "tze", "tsze", "chi", "ji", "tsi":
		return "chi"
	case "sze", "see", "si", "shi", "sz":
		return "si"
	}
	var b strings.Builder
	for i := 0; i < len(t); i++ {
		rest := t[i:]
		switch {
		case strings.HasPrefix(rest, "ts"):
			b.WriteString("ch")
			i++
		case rest == "ei", rest == "ee", rest == "y" && i > 0:
			b.WriteByte('i')
			i = len(t)
		case strings.HasPrefix(rest, "oo"):
			b.WriteByte('u')
			i++
		case strings.HasPrefix(rest, "ue"):
			b.WriteByte('u')
			i++
		case rest == "eun", rest == "eui", rest == "eut":
			b.WriteString("u" + rest[2:])
			i = len(t)
		default:
			b.WriteByte(t[i])
		}
	}
	return b.String()
}

// cantoneseTokens reads a run of Han characters in Cantonese, one token a
// syllable, as Hong Kong writes names apart or hyphenated (林鄭月娥 → lam
// cheng yuet ngo); joined forms are met by runs. nil when a character has
// no known reading.
func cantoneseTokens(run []rune) []string {
	k := kb()
	out := make([]string, 0, len(run))
	for _, r := range run {
		hk, ok := k.canto[r]
		if !ok {
			return nil
		}
		out = append(out, hk)
	}
	return out
}

// minNickLen is the shortest short form that is read as a given name:
// two letters (Ed, Al) are initials and particles as often.
const minNickLen = 3

// addNicknames reads nicknames.txt: each short form joins the classes of
// its formal name, so Sasha and Aleksandr share a given-name key and
// count as one given name, no more. It runs after givenSound is built,
// so a short form is known by its exact spelling only: by sound, Will
// would meet Wali and Bob Babu. A short form that is also a pinyin or
// Korean syllable (Dan, Ken, Sam) is another name there and is skipped.
//
// A formal name given.txt does not hold (William, Andrew) does not become
// a known given name: that would part it from names spelt alike in other
// classes (Andrew from Andre). It and its short forms share a keyNick
// key instead, which counts as much but is not a class.
func (k *knowledgeBase) addNicknames() {
	syllablesOnce.Do(loadSyllables)
	k.nick = map[string][]string{}
	eachLine("names/nicknames.txt", func(f []string) {
		formal := foldLatin(f[0])
		cs, m := k.given[formal], k.given
		if len(cs) == 0 {
			cs, m = []string{formal}, k.nick
			if !contains(m[formal], formal) {
				m[formal] = append(m[formal], formal)
			}
		}
		for _, w := range f[1:] {
			w = foldLatin(w)
			if len(w) < minNickLen || isSyllable(w) || len(k.korean[w]) > 0 {
				continue
			}
			for _, c := range cs {
				if !contains(m[w], c) {
					m[w] = append(m[w], c)
				}
			}
		}
	})
}
