package screening

import (
	"math"
	"math/bits"
	"sort"
	"strings"
	"unicode/utf8"
)

// Scoring constants. They were tuned on the labelled query set in
// bench/screening (see docs/screening.md); change them only with that
// harness at hand.
const (
	// DefaultThreshold is the score at and above which a Search result is
	// a hit, chosen from the labelled set (recall first: a hit only sends
	// the case to a reviewer, a miss lets a listed person through).
	DefaultThreshold = 0.86

	// minTokenSim is the Jaro-Winkler similarity below which two tokens
	// do not count as the same name part. Unrelated short names often
	// reach 0.6-0.7, so anything lower would be noise.
	minTokenSim = 0.82
	// initialSim is what an initial earns against a token with its letter:
	// evidence, but weaker than a spelled-out name.
	initialSim = 0.75
	// queryShare is how much the query's coverage counts against the
	// listed name's: applicants often omit middle names the lists carry,
	// so a missing listed token costs less than a missing query token.
	queryShare = 0.6
	// singleTokenCap bounds the score of two multi-token names that share
	// only one token.
	singleTokenCap = 0.8
	// middleWeight is how much a listed middle name counts against a
	// full-weight given or family name.
	middleWeight = 0.5
	// commonRarity is the rarity at or below which a listed token is a
	// common name, and looseSpelling the spelling similarity below which
	// two tokens are only alike: a common name and a loosely alike one
	// are no evidence of one person.
	commonRarity  = 0.6
	looseSpelling = 0.9
	// nearSpelling is how close the one name beside a common name that is
	// itself only alike must come (nameScore).
	nearSpelling = 0.95
	// omitWeight is what a listed middle name or second family name
	// still weighs, on top of its own weight, when the query leaves it
	// out and matches the rest strongly (every link at omitMinLink or
	// more) with names that are not common in the lists (rarity above
	// omitRarity), in order, first family and first given name included:
	// Hugo Carvajal for CARVAJAL BARRIOS, Hugo Armando, but not Maria
	// Garcia for GARCIA DURAN, Maria del Rosario. Chosen on the
	// calibration half (bench/screening README, eighth session): a
	// weaker weight or common names add namesakes. Links down to 0.92
	// (a sound or class key: Saad al-Fakih for AL-FAQIH, Saad Rashed
	// Mohammad) were let in in session 10: 0.95 left out those known
	// spellings for nothing, 0.90 and below (Belarusian readings,
	// spelling) added namesakes among ordinary names.
	omitWeight  = 0.5
	omitMinLink = 0.92
	// omitFamily2Weight is omitWeight for a second family name: Spanish
	// and Portuguese speakers go by the first family name alone (Carlos
	// Aigster for AIGSTER VILLAMIZAR, Carlos Eduardo; Omar Treviño for
	// TREVINO MORALES, Omar), more often than anyone leaves out a middle
	// name, and the long maternal name left the score just under the
	// threshold. Same conditions as omitWeight (omitRelief), and the
	// first family name rare in the lists (omitRareFamily): with a common
	// one (Manuel Perez for PEREZ URDANETA, Manuel Eduardo) the query is
	// as likely a namesake. Every link must be exact or a known variant
	// (omitFamily2Link): with one only alike in spelling (Hugo Carvajel)
	// the plain omitWeight applies. Session 11, written sets and the
	// calibration half.
	omitFamily2Weight = 0.3
	omitFamily2Link   = equivSim
	// omitStrongLink is what a link to a Chinese or Korean syllable
	// needs instead: their classes and Cantonese spellings (0.92) stand
	// for several names each (Chen Jing is not CHAN DY, King).
	omitStrongLink = 0.95
	omitRarity     = 0.7
	// omitRareFamily and omitRareGiven: see omitRelief (calibration
	// half, session 9).
	omitRareFamily = 0.99
	omitRareGiven  = 0.5
	// relativeCap bounds the score of a listed name whose first given
	// name the query leaves out while it matches a later one (a father's
	// name): below the threshold, since that is another person.
	relativeCap = 0.85
	// typoMinLen is the shortest token in which one letter typed on a
	// neighbouring key is a slip rather than another name.
	typoMinLen = 4
	// mergeMinSim is the similarity two joined tokens need to stand for
	// one token on the other side ("xiao ming" ~ "xiaoming").
	mergeMinSim = 0.90

	// Date of birth and nationality adjustments.
	dobExactBoost      = 0.05
	dobYearBoost       = 0.02
	dobMismatch        = -0.15
	nationalityBoost   = 0.03
	nationalityAgainst = -0.05
)

// maxTokens bounds the tokens compared per name, so a pathological name
// cannot make one comparison expensive; real names have far fewer.
const (
	maxQueryTokens = 12
	maxNameTokens  = 16
)

// tokenWeight is how much a token counts in coverage: longer tokens carry
// more identity than short ones, up to a point; an initial counts little.
func tokenWeight(t token) float32 {
	if t.initial {
		return 1
	}
	n := utf8.RuneCountInString(t.text)
	w := float32(min(max(n, 2), 10))
	if isPatronymic(t.text) || t.lineage {
		// Applicants routinely leave out the patronymic lists carry
		// ("Sergei Kuznetsov" for Sergei Vladimirovich Kuznetsov); it says
		// more about the father than the person.
		w /= 4
	} else if t.middle {
		w *= middleWeight
	}
	return w
}

// patronymicSuffixes end East Slavic patronymics in ICAO transliteration
// and its common variants.
// German (-owitsch), Hungarian and Serbo-Croat style (-ovits) spellings
// are in too: Alexandrowitsch and Alexandrovits are Aleksandrovich.
var patronymicSuffixes = []string{"ovich", "evich", "ovych", "evych", "ovna", "evna", "ivna", "ichna", "yevich", "avich", "ovitch", "evitch",
	"owitsch", "ewitsch", "ovits", "evits", "owna", "ewna"}

// patronymicStem returns the father's given name a patronymic is made
// from, as far as spelling shows it (Aleksandrovich → aleksandr,
// Sergeyevich → sergey, Hryhoryavich → hryhory).
func patronymicStem(t string) (string, bool) {
	if !isPatronymic(t) {
		return "", false
	}
	for _, s := range [...]string{"yevich", "ievich", "jewitsch", "ovitch", "evitch", "owitsch", "ewitsch", "ovich", "evich", "ovych", "evych", "avich", "ovits", "evits", "yevna", "ovna", "evna", "owna", "ewna", "ivna", "ichna"} {
		if strings.HasSuffix(t, s) && len(t)-len(s) >= 3 {
			stem := t[:len(t)-len(s)]
			switch s {
			case "yevich", "ievich", "yevna":
				stem += s[:1]
			}
			return stem, true
		}
	}
	return "", false
}

func isPatronymic(t string) bool {
	if len(t) < 7 {
		return false
	}
	for _, s := range patronymicSuffixes {
		if strings.HasSuffix(t, s) {
			return true
		}
	}
	return false
}

// side is one name prepared for comparison: its tokens, their weights and
// runs of adjacent tokens written as one.
type side struct {
	toks []token
	w    []float32
	wsum float32
	// rare is each token's rarity factor in the list (1 on the query side,
	// where it comes from the listed token a query token matches).
	rare []float32
	runs []run
	// givenMask has the listed name's given names, where its format
	// shows them.
	givenMask uint32
	// syllableGiven: the listed name's two given names are Chinese or
	// Korean syllables (set with the rarities, once per listed name).
	syllableGiven bool
}

// run is two to four adjacent tokens joined ("yo jong" as "yojong",
// "kim yo jong" as "kimyojong"), to meet a token written joined on the
// other side.
type run struct {
	mask    uint32
	text    string
	keys    []string
	letters uint32 // letterMask(text)
	kbits   uint64 // keyBits(keys)
}

// maxRun is the longest run of joined tokens compared with one token;
// whole names of up to maxRun tokens are compared joined too.
const maxRun = 4

// newSide prepares toks for comparison; keys gives each token's and run's
// knowledge keys (the index caches them) and rare each token's rarity
// (nil: all 1).
func newSide(toks []token, limit int, keys func(t string, joined bool) []string, rare func(string) float32) side {
	if len(toks) > limit {
		toks = toks[:limit]
	}
	s := side{toks: toks, w: make([]float32, len(toks)), rare: make([]float32, len(toks))}
	for i := range toks {
		if !toks[i].initial {
			toks[i].keys = keys(toks[i].text, false)
			toks[i].kbits = keyBits(toks[i].keys)
		}
		toks[i].mask = letterMask(toks[i].text)
		s.rare[i] = 1
		if rare != nil && !toks[i].initial {
			s.rare[i] = rare(toks[i].text)
		}
		s.w[i] = tokenWeight(toks[i]) * s.rare[i]
		if toks[i].given {
			s.givenMask |= 1 << i
		}
		s.wsum += s.w[i]
	}
	for i := range toks {
		for l := 2; l <= maxRun && i+l <= len(toks); l++ {
			if l == maxRun && len(toks) != maxRun {
				break // four tokens joined only as a whole name
			}
			var b strings.Builder
			for _, t := range toks[i : i+l] {
				b.WriteString(t.text)
			}
			s.addRun((1<<l-1)<<i, b.String(), keys)
		}
	}
	// A particle the name writes apart, joined to its name (Di Lauro as
	// Dilauro, Al Hamidan as Alhamidan): one token, spelt as one word.
	for i, t := range toks {
		if t.pre != "" && !t.initial {
			s.addRun(1<<i, t.pre+t.text, keys)
		}
	}
	// A listed name written "FAMILY, Given" is said given name first, and
	// so typed joined: the last given name and the first family name as
	// one word (Abduljabbar for JABBAR, Abdul; Mohammadnajjar for NAJJAR,
	// Mostafa Mohammad).
	if n := len(toks); n >= 2 && toks[n-1].given && !toks[0].given && !toks[0].initial && !toks[n-1].initial {
		s.addRun(1<<(n-1)|1, toks[n-1].text+toks[0].text, keys)
	}
	return s
}

// addRun adds a run of the tokens in mask written as text.
func (s *side) addRun(mask uint32, text string, keys func(t string, joined bool) []string) {
	rk := keys(text, true)
	s.runs = append(s.runs, run{mask: mask, text: text, keys: rk, kbits: keyBits(rk), letters: letterMask(text)})
}

// link is a candidate correspondence between query positions (qm) and name
// positions (nm), as bit masks, with its similarity and how it was found.
type link struct {
	qm, nm uint32
	s      float32
	how    matchKind
}

// matchKind says why two tokens were paired, for the explanation of a hit.
type matchKind uint8

const (
	matchExact    matchKind = iota
	matchKnown              // a shared knowledge key: variant spellings of one name
	matchSpelling           // similar spelling
	matchInitial
)

func (k matchKind) String() string {
	return [...]string{"exact", "variant", "spelling", "initial"}[k]
}

// tokenSim compares two tokens, initials included.
func tokenSim(a, b token) (float32, matchKind) {
	switch {
	case a.initial && b.initial:
		if a.text == b.text {
			return 1, matchExact
		}
		return 0, matchInitial
	case a.initial || b.initial:
		if a.text[0] == b.text[0] {
			return initialSim, matchInitial
		}
		return 0, matchInitial
	}
	s, how := textKeySim(a.text, b.text, a.keys, b.keys)
	if a.hebrew {
		if v := hebrewSim(a.text, b.text); v > s {
			return v, matchKnown
		}
	} else if a.bare {
		if v := bareSim(a.text, b.text); v > s {
			return v, matchKnown
		}
	}
	return s, how
}

// textKeySim is the better of the spelling similarity and what a shared
// knowledge key says.
func textKeySim(a, b string, ka, kb []string) (float32, matchKind) {
	if a == b {
		return 1, matchExact
	}
	s := textSim(a, b)
	k := keySim(ka, kb)
	// Two Chinese given names in pinyin differ in their vowels as often
	// as anything (Yiming, Yaming): a shared vowel frame says nothing.
	if k == frameSim && isPinyinWord(a) && isPinyinWord(b) {
		k = 0
	}
	// Two known given names of different classes are different names,
	// whatever their spelling or a reading rule says (Ghassan is not
	// Hasan, though Russian writes Hasan Gasan).
	if max(s, k) >= minTokenSim && differentGiven(ka, kb) {
		return 0, matchSpelling
	}
	// Two Burmese syllables are two names unless a given-name class
	// says otherwise: a reading rule (kh as h, a vowel frame) equates
	// Hein and Khin, Thin and Than, which Burmese keeps apart.
	if k > s && k < equivSim && otherBurmese(a, b) {
		k = 0
	}
	if k > s {
		return k, matchKnown
	}
	return s, matchSpelling
}

// textSim is Jaro-Winkler corrected where it is known to be too kind.
// Jaro-Winkler rates "hang" 0.93 against "zhang" and "wali" 0.92 against
// "ali": on short tokens one edit is a different name. So unless the two
// tokens sound alike (same skeleton: Mohammed/Muhammad, Ali/Aly) the score
// is averaged with an edit-distance similarity, which short tokens pay
// for and long ones barely notice; and two different pinyin syllables
// (Jing, Ting) never match, since each is a distinct Chinese name.
func textSim(a, b string) float32 {
	if a == b {
		return 1
	}
	// French writes sh as ch (al-Chareh for al-Shara, Chaabane for
	// Shaaban): read the ch as sh and compare again. Not for pinyin,
	// where chen and shen are two names.
	if frenchCh(a, b) {
		return max(textSimPlain(a, b), textSimPlain("sh"+a[2:], b))
	} else if frenchCh(b, a) {
		return max(textSimPlain(a, b), textSimPlain(a, "sh"+b[2:]))
	}
	v := textSimPlain(a, b)
	// One letter struck on the key beside it is the commonest slip of a
	// typing finger (Vsino for Vaino, Zanbada for Zambada); Jaro-Winkler
	// and the edit similarity average it with any substitution. Counted
	// as one slip in the token's length, half a letter.
	if t := 1 - 0.5/float32(len(a)); v < t && len(a) >= typoMinLen && neighbourTypo(a, b) && !(isSyllable(a) && isSyllable(b)) {
		v = t
	}
	// The first letter too, where Jaro-Winkler's prefix bonus is lost
	// and the edit similarity pays a whole letter: a neighbouring key in
	// a long name (Misanov for Nisanov, Ootanin for Potanin), or a capital
	// I read as a lower-case l in the sans-serif type lists and passports
	// are printed in (Lgor for Igor). Counted like a slip elsewhere.
	if t := 1 - 0.5/float32(len(a)); v < t && firstLetterSlip(a, b) {
		v = t
	}
	return v
}

// firstTypoMinLen is the shortest token in which a neighbouring key at
// the first letter is a slip: shorter, one first letter apart is as often
// another name (Nazzal and Bazzal, Qasim and Wasim).
const firstTypoMinLen = 7

// firstLetterSlip reports whether a and b differ in their first letter
// only, by a neighbouring key in a name of firstTypoMinLen letters or
// more, or by i for l (or l for i) in one of typoMinLen or more.
func firstLetterSlip(a, b string) bool {
	if len(a) != len(b) || len(a) < typoMinLen || a[0] == b[0] || a[1:] != b[1:] || !isLatinLetter(a[0]) || !isLatinLetter(b[0]) {
		return false
	}
	if x, y := a[0], b[0]; x == 'i' && y == 'l' || x == 'l' && y == 'i' {
		return true
	}
	// Korean and Chinese names are syllables: one letter apart is another
	// syllable, at the first letter too (Yongchol is not Tongchol).
	if len(a) < firstTypoMinLen || isSyllable(a) || isSyllable(b) || otherKorean(a, b) || otherPinyinWord(a, b) {
		return false
	}
	x, y := a[0], b[0]
	for _, r := range qwertyRows {
		if i := strings.IndexByte(r, x); i >= 0 {
			return i > 0 && r[i-1] == y || i+1 < len(r) && r[i+1] == y
		}
	}
	return false
}

// qwertyRows are the letter rows of the keyboard most names are typed
// on; a letter's neighbours are beside it in its row.
var qwertyRows = [...]string{"qwertyuiop", "asdfghjkl", "zxcvbnm"}

// neighbourTypo reports whether a and b have one length and differ in one
// letter only, not the first, the two letters being neighbours in a
// QWERTY row.
func neighbourTypo(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	d := -1
	for i := 0; i < len(a); i++ {
		if a[i] != b[i] {
			if d >= 0 {
				return false
			}
			d = i
		}
	}
	if d <= 0 {
		return false // no difference, or the first letter: Qasim and Wasim, Nazzal and Bazzal are names
	}
	x, y := a[d], b[d]
	for _, r := range qwertyRows {
		if i := strings.IndexByte(r, x); i >= 0 {
			return i > 0 && r[i-1] == y || i+1 < len(r) && r[i+1] == y
		}
	}
	return false
}

// frenchCh reports whether a begins with ch before a vowel where b begins
// with sh, neither being a Chinese syllable: in pinyin, Wade-Giles and
// Hong Kong spellings ch is never sh (Chen and Shen, Ching and Shing are
// other names).
func frenchCh(a, b string) bool {
	return len(a) >= 4 && len(b) >= 4 && a[0] == 'c' && a[1] == 'h' && isVowel(a[2]) && b[0] == 's' && b[1] == 'h' &&
		!chineseSyllable(a) && !chineseSyllable(b)
}

// chineseSyllable reports whether t is one Chinese syllable in pinyin,
// Wade-Giles or a Hong Kong spelling.
func chineseSyllable(t string) bool {
	if isSyllable(t) {
		return true
	}
	k := kb()
	if _, ok := k.wade[t]; ok {
		return true
	}
	return len(t) <= 6 && k.cantoSyl[cantoKey(t)]
}

// textSimPlain is textSim without the French ch.
func textSimPlain(a, b string) float32 {
	if a == b {
		return 1
	}
	jw := float32(jaroWinkler(a, b))
	if jw < minTokenSim {
		// Jaro-Winkler miscounts a vowel changed between repeated letters
		// as transpositions (Tazini/Tizini 0.78); when the consonants
		// agree, one edit in six letters or more is one edit.
		if jw >= 0.7 && len(a) >= 6 && len(b) >= 6 && sameSkeleton(a, b) {
			return max(jw, editSim(a, b))
		}
		return jw
	}
	if isSyllable(a) && isSyllable(b) {
		return 0
	}
	// Two Korean syllables, or two given names of the same number of
	// Korean syllables, that differ in one syllable are two names (Yong
	// and Myong, Kyong and Yong, Yongchol and Myongchol): Korean names
	// are made of a few hundred syllables, so one letter apart is
	// another syllable, not a slip. A shared syllable is a shared key.
	if otherKorean(a, b) {
		return 0
	}
	// Likewise two Burmese syllables (Hein and Thein, Thin and Than).
	if otherBurmese(a, b) {
		return 0
	}
	// Likewise two Chinese given names written as pinyin words of one
	// to three syllables (Dongming and Dongliang, Jianhua and Jianshu).
	if otherPinyinWord(a, b) {
		return 0
	}
	// Nor is one syllable a misspelt given name of two (Zhang, Zhiyong).
	if isSyllable(a) && isPinyinWord(b) || isSyllable(b) && isPinyinWord(a) {
		return 0
	}
	// A Slavic family name and its feminine form name two people
	// (Popov, Popova); spelling alone must not equate them.
	if genderForms(a, b) || genderForms(b, a) {
		return 0
	}
	if sameSkeleton(a, b) {
		// The same miscount above minTokenSim keeps a long name with
		// one vowel changed from a merge or from counting as more than
		// loosely alike (Mahammadkazem against Mohammad Kazem: 0.88, one
		// edit in 13): there too one edit is one edit.
		if len(a) >= 6 && len(b) >= 6 {
			return max(jw, editSim(a, b))
		}
		return jw
	}
	return (jw + editSim(a, b)) / 2
}

// genderForms reports whether f is the feminine form of the East Slavic
// or Polish family name m: -ov/-ev/-in/-yn + a, -sky/-skiy/-ski → -skaya/-ska.
func genderForms(m, f string) bool {
	if len(f) == len(m)+1 && f[len(m)] == 'a' && f[:len(m)] == m && len(m) >= 4 {
		switch m[len(m)-2:] {
		case "ov", "ev", "in", "yn":
			return true
		}
	}
	for _, p := range [...][2]string{{"skiy", "skaya"}, {"sky", "skaya"}, {"skii", "skaia"}, {"ski", "ska"}, {"skiy", "skaia"}} {
		if strings.HasSuffix(m, p[0]) && strings.HasSuffix(f, p[1]) && m[:len(m)-len(p[0])] == f[:len(f)-len(p[1])] {
			return true
		}
	}
	return false
}

// editSim is 1 - OSA distance / longer length: Levenshtein with adjacent
// transpositions counted as one edit, the commonest typing slip.
func editSim(a, b string) float32 {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > maxJW {
		ra = ra[:maxJW]
	}
	if len(rb) > maxJW {
		rb = rb[:maxJW]
	}
	la, lb := len(ra), len(rb)
	if la == 0 || lb == 0 {
		return 0
	}
	var rows [3][maxJW + 1]int
	prev2, prev, cur := &rows[0], &rows[1], &rows[2]
	for j := 0; j <= lb; j++ {
		prev[j] = j
	}
	for i := 1; i <= la; i++ {
		cur[0] = i
		for j := 1; j <= lb; j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return 1 - float32(prev[lb])/float32(max(la, lb))
}

// letterMask is the set of letters in an ASCII token (other bytes share
// a few bits), 0 for a token that is not ASCII: what jwBound needs.
func letterMask(t string) uint32 {
	var m uint32
	for i := 0; i < len(t); i++ {
		if t[i] >= utf8.RuneSelf {
			return 0
		}
		m |= letterBit(t[i])
	}
	return m
}

func letterBit(c byte) uint32 {
	if c >= 'a' && c <= 'z' {
		return 1 << (c - 'a')
	}
	return 1 << (26 + c%6)
}

// jwBound is an upper bound of the Jaro-Winkler similarity of two ASCII
// tokens (1 when it cannot tell): no more characters can match than a has
// letters that b contains (and the reverse), transpositions only lower
// the score, and the prefix bonus is at most the common prefix. Most pairs
// of listed and query tokens share too few letters to reach minTokenSim,
// and this settles them without Jaro-Winkler.
func jwBound(a string, am uint32, b string, bm uint32) float32 {
	la, lb := len(a), len(b)
	if am == 0 || bm == 0 || la > maxJW || lb > maxJW {
		return 1
	}
	// First from the masks alone: every letter of a that b lacks takes at
	// least one of a's characters out of the match (and the reverse).
	// Most pairs are settled here without reading the tokens.
	p := 0
	for p < 4 && p < la && p < lb && a[p] == b[p] {
		p++
	}
	if m := float32(min(la-bits.OnesCount32(am&^bm), lb-bits.OnesCount32(bm&^am))); m <= 0 {
		return 0
	} else if jaro := (m/float32(la) + m/float32(lb) + 1) / 3; jaro+float32(p)*0.1*(1-jaro) < minTokenSim-1e-3 {
		return jaro + float32(p)*0.1*(1-jaro)
	}
	ma, mb := 0, 0
	for i := 0; i < la; i++ {
		if bm&letterBit(a[i]) != 0 {
			ma++
		}
	}
	for i := 0; i < lb; i++ {
		if am&letterBit(b[i]) != 0 {
			mb++
		}
	}
	m := float32(min(ma, mb))
	if m == 0 {
		return 0
	}
	jaro := (m/float32(la) + m/float32(lb) + 1) / 3
	return jaro + float32(p)*0.1*(1-jaro)
}

// links collects every correspondence worth considering between q and n,
// sorted best first.
func links(q, n *side, links []link) []link {
	links = links[:0]
	for i := range q.toks {
		a := &q.toks[i]
		for j := range n.toks {
			b := &n.toks[j]
			// A pair Jaro-Winkler cannot bring to minTokenSim (the margin
			// covers float rounding) links only through a shared key.
			if !a.initial && !b.initial && !a.bare && jwBound(a.text, a.mask, b.text, b.mask) < minTokenSim-1e-3 && (a.kbits&b.kbits == 0 || keySim(a.keys, b.keys) == 0) && !frenchCh(a.text, b.text) && !frenchCh(b.text, a.text) {
				continue
			}
			if s, how := tokenSim(*a, *b); s >= minTokenSim || (s > 0 && (a.initial || b.initial)) {
				links = append(links, link{qm: 1 << i, nm: 1 << j, s: s, how: how})
			}
		}
	}
	// Runs of adjacent tokens on one side against one token on the other:
	// the length check and jwBound skip runs that could never reach
	// mergeMinSim (below minTokenSim Jaro-Winkler is the whole spelling
	// similarity).
	for _, r := range q.runs {
		for j, b := range n.toks {
			if near(len(r.text), len(b.text)) && jwBound(r.text, r.letters, b.text, b.mask) >= minTokenSim-1e-3 || r.kbits&b.kbits != 0 && keySim(r.keys, b.keys) > 0 {
				if s, how := textKeySim(r.text, b.text, r.keys, b.keys); s >= mergeMinSim {
					links = append(links, link{qm: r.mask, nm: 1 << j, s: s, how: how})
					continue
				}
			}
			if r.text[0] != b.text[0] || !near(len(r.text), len(b.text)) {
				continue // what runSplitSim asks first, without the call
			}
			if s := runSplitSim(q.toks, r, b.text, b.mask); s >= mergeMinSim {
				links = append(links, link{qm: r.mask, nm: 1 << j, s: s, how: matchSpelling})
			}
		}
	}
	for _, r := range n.runs {
		for i, a := range q.toks {
			if near(len(r.text), len(a.text)) && jwBound(a.text, a.mask, r.text, r.letters) >= minTokenSim-1e-3 || r.kbits&a.kbits != 0 && keySim(r.keys, a.keys) > 0 {
				if s, how := textKeySim(a.text, r.text, a.keys, r.keys); s >= mergeMinSim {
					links = append(links, link{qm: 1 << i, nm: r.mask, s: s, how: how})
					continue
				}
			}
			// A bare compound read from Arabic script (abdulkrim) against
			// the list's compound written apart (Abd al-Karim).
			if a.bare && !a.hebrew && a.text[0] == r.text[0] {
				if s := bareSim(a.text, r.text); s >= mergeMinSim {
					links = append(links, link{qm: 1 << i, nm: r.mask, s: s, how: matchKnown})
					continue
				}
			}
			if r.text[0] != a.text[0] || !near(len(r.text), len(a.text)) {
				continue
			}
			if s := runSplitSim(n.toks, r, a.text, a.mask); s >= mergeMinSim {
				links = append(links, link{qm: 1 << i, nm: r.mask, s: s, how: matchSpelling})
			}
		}
	}
	// Insertion sort: a handful of links, no allocation. Merged links win
	// ties so "xiaoming" pairs with "xiao"+"ming" rather than "xiao" alone.
	for i := 1; i < len(links); i++ {
		for j := i; j > 0 && better(links[j], links[j-1]); j-- {
			links[j], links[j-1] = links[j-1], links[j]
		}
	}
	return links
}

// nameScore compares a query with one listed name: token correspondences
// are chosen greedily, best first, each token used once, and the score is
// a blend of the weighted share of the query's tokens matched and the
// weighted share of the name's tokens matched (queryShare). Both sides
// count so that neither "Ali" against "Ali Hassan Al-Tikriti" nor the
// reverse scores high. A token common in the lists counts for less on
// both sides (the query token borrows the rarity of the listed token it
// matches), so a shared common given name says little. If chosen is not
// nil the chosen links are appended to it. ls is scratch space.
func nameScore(q, n *side, ls []link, chosen *[]link) (float64, []link) {
	ls = links(q, n, ls)
	var usedQ, usedN uint32
	var qcov, ncov, qsum float32
	var nlinks, commonLinks, looseLinks int
	// pos is the listed position each query token (or run, at its first
	// token) met, -1 where none.
	var pos [maxQueryTokens]int8
	for i := range pos {
		pos[i] = -1
	}
	weakest, minRare := float32(1), float32(1)
	var commonLoose bool
	var strongRare float32
	for _, l := range ls {
		if usedQ&l.qm != 0 || usedN&l.nm != 0 {
			continue
		}
		usedQ |= l.qm
		usedN |= l.nm
		pos[bits.TrailingZeros32(l.qm)] = int8(bits.TrailingZeros32(l.nm))
		weakest = min(weakest, l.s)
		if l.s < omitStrongLink && syllableLink(n, l.nm) {
			weakest = 0 // a Chinese or Korean syllable only alike: see omitMinLink
		}
		if chosen != nil {
			*chosen = append(*chosen, l)
		}
		var rare, cnt float32
		for j := range n.toks {
			if l.nm&(1<<j) != 0 {
				ncov += n.w[j] * l.s
				rare += n.rare[j]
				cnt++
			}
		}
		rare /= cnt
		minRare = min(minRare, rare)
		nlinks++
		if rare <= commonRarity {
			commonLinks++
			commonLoose = commonLoose || l.how == matchSpelling && l.s < looseSpelling
		} else {
			strongRare = max(strongRare, l.s)
			if looseLink(q, n, l) {
				looseLinks++
			}
		}
		for i := range q.toks {
			if l.qm&(1<<i) != 0 {
				w := q.w[i] * rare
				qcov += w * l.s
				qsum += w
			}
		}
	}
	var qn, nn int
	met := popcount(usedQ)
	for i := range q.toks {
		if usedQ&(1<<i) == 0 && !(met >= 2 && titleName(q.toks[i].text)) {
			qsum += q.w[i]
		}
		if !q.toks[i].initial {
			qn++
		}
	}
	for _, t := range n.toks {
		if !t.initial {
			nn++
		}
	}
	if qsum == 0 || n.wsum == 0 {
		return 0, ls
	}
	// What people leave out (a middle name, a second family name) costs
	// less when everything they wrote matches, in the listed order.
	nsum := n.wsum
	all := usedQ == 1<<len(q.toks)-1
	if omitRelief(all, weakest, minRare, famRare(n, usedN), pos[:len(q.toks)]) {
		nsum -= omitted(n, usedN, famRare(n, usedN) >= omitRareFamily && weakest >= omitFamily2Link)
	}
	if all && qn >= 3 && weakest >= omitMinLink && inOrder(pos[:len(q.toks)]) {
		nsum -= familyOmitted(n, usedN)
	}
	score := float64(queryShare*qcov/qsum + (1-queryShare)*ncov/nsum)
	// One shared token is never enough when both names have more.
	if qn >= 2 && nn >= 2 && popcount(usedQ) < 2 && popcount(usedN) < 2 {
		score = min(score, singleTokenCap)
	}
	// Nor a common name (Mohammed, Ahmed) with a name only spelt like the
	// listed one (Ahmed Hamdi for AL-HAMZI, Ahmad): one letter apart, a
	// short name is another name, and the common one says nothing.
	if nlinks == 2 && commonLinks == 1 && looseLinks == 1 && qn == 2 {
		score = min(score, singleTokenCap)
	}
	// Nor a common name that is itself only alike (Ahmadi for Ahmed: the
	// Persian -i makes another name) beside a name that is not close to
	// the listed one (Hamed for HEMED, a Belarusian-even reading, 0.90):
	// the identity then rests on the one token, which must come within
	// nearSpelling (Hamed Ahmadi for HEMED, Ahmed).
	if nlinks == 2 && commonLinks == 1 && commonLoose && strongRare < nearSpelling && qn == 2 {
		score = min(score, singleTokenCap)
	}
	// Nor is the family name alone when the list gives the person's given
	// names too (Mustafa Bakri for MUSTAFA BAKRI, Ali Sa'd Muhammad).
	// A given name written as syllables (Korean Yong Il, Chinese Ka Chiu)
	// is one name: half of it is another name (Yong He is not HO, Yong Il).
	if g := n.givenMask; n.syllableGiven && usedN&g != 0 && usedN&g != g {
		score = min(score, singleTokenCap)
	}
	// Nor is such a given name without the family name: East Asian
	// given names are chosen from a few hundred syllables and recur from
	// family to family, so Yong Ho alone is many people (Yong He is not
	// O, Yong Ho); the one-syllable family name is what the lists and
	// documents lead with.
	if g, all := n.givenMask, uint32(1)<<len(n.toks)-1; n.syllableGiven && usedN&g == g && usedN&all&^g == 0 && all&^g != 0 {
		score = min(score, singleTokenCap)
	}
	if qn >= 2 && n.givenMask != 0 && usedN&n.givenMask == 0 {
		score = min(score, singleTokenCap)
	}
	// A query that meets the listed middle names but not the first given
	// name names the father (or grandfather) the listed person is named
	// after, as Arabic names carry them: Saddam Hussein is not AL-TIKRITI,
	// Ali Saddam Hussein, his son. A relative shares the family name too,
	// so nothing else tells them apart.
	if score > relativeCap && relative(n, usedN) {
		score = relativeCap
	}
	return score, ls
}

// omitRelief reports whether the listed tokens a query left out may
// weigh less (omitted): every query token matched (all), the weakest link
// strong, the commonest matched listed token not common, and
// the query in the listed order.
//
// A rare family name (the first listed token, in no other listed name)
// may carry a common given name (Antonio Oseguera for OSEGUERA
// CERVANTES, Antonio), down to omitRareGiven; a common family name may
// not (Maria Garcia). minRare is the least rarity among the matched
// tokens, famRare the family name's.
func omitRelief(all bool, weakest, minRare, famRare float32, pos []int8) bool {
	if !all || weakest < omitMinLink || !inOrder(pos) {
		return false
	}
	return minRare > omitRarity || famRare >= omitRareFamily && minRare > omitRareGiven
}

// omitted is how much less the listed name's unmatched tokens weigh when
// they are the kind people leave out: a middle name or a second family
// name, with the first family name and the first given name matched.
func omitted(n *side, usedN uint32, rareFamily bool) float32 {
	g := n.givenMask
	if g == 0 || usedN&1 == 0 || g&1 != 0 {
		return 0
	}
	first := g & -g
	if usedN&first == 0 {
		return 0
	}
	var less float32
	for j := range n.toks {
		switch {
		case usedN&(1<<j) != 0:
		case n.toks[j].family2 && rareFamily:
			less += n.w[j] * (1 - omitFamily2Weight)
		case n.toks[j].middle || n.toks[j].family2:
			less += n.w[j] * (1 - omitWeight)
		}
	}
	return less
}

// inOrder reports whether the query's tokens meet the listed name's in
// the same order, up to putting the given names first: Hugo Carvajal and
// Carvajal Hugo against CARVAJAL BARRIOS, Hugo Armando, not Armando Hugo.
func inOrder(pos []int8) bool {
	descents, first, last := 0, int8(-1), int8(-1)
	for _, p := range pos {
		if p < 0 {
			continue // the rest of a run
		}
		if first < 0 {
			first = p
		} else if p < last {
			descents++
		}
		last = p
	}
	return descents == 0 || descents == 1 && last < first
}

// syllableGiven reports whether every given name of n is one Chinese or
// Korean syllable, as East Asian given names written apart are.
func syllableGiven(n *side) bool {
	k := kb()
	for i, t := range n.toks {
		if n.givenMask&(1<<i) == 0 {
			continue
		}
		if t.initial || len(t.text) > 6 {
			return false
		}
		if _, ok := k.korean[t.text]; !ok && !isSyllable(t.text) && !k.cantoSyl[cantoKey(t.text)] {
			return false
		}
	}
	return true
}

func better(a, b link) bool {
	if a.s != b.s {
		return a.s > b.s
	}
	return popcount(a.qm)+popcount(a.nm) > popcount(b.qm)+popcount(b.nm)
}

func popcount(x uint32) int {
	n := 0
	for ; x != 0; x &= x - 1 {
		n++
	}
	return n
}

// keyBits is a 64-bit Bloom filter of keys: two tokens whose filters
// share no bit share no key.
func keyBits(keys []string) uint64 {
	var m uint64
	for _, k := range keys {
		h := uint32(2166136261)
		for i := 0; i < len(k); i++ {
			h = (h ^ uint32(k[i])) * 16777619
		}
		m |= 1 << (h % 64)
	}
	return m
}

// near reports whether two lengths are close enough for a merge link.
func near(a, b int) bool { return a-b <= 2 && b-a <= 2 }

// adjust moves a name score by what the date of birth and nationality say.
// Lists often carry several or approximate birth dates, so a year off by
// one is neither evidence for nor against.
func adjust(score float64, q *Query, qnat string, e *Entry) float64 {
	if !q.DOB.IsZero() && len(e.DOBs) > 0 {
		best := dobMismatch
		for _, d := range e.DOBs {
			var v float64
			switch {
			case d == q.DOB && d.Day != 0:
				v = dobExactBoost
			case d.Year == q.DOB.Year && (d.Month == 0 || q.DOB.Month == 0 || d.Month == q.DOB.Month):
				v = dobYearBoost
			case d.Year == q.DOB.Year, d.Year-q.DOB.Year == 1, q.DOB.Year-d.Year == 1:
				v = 0
			default:
				v = dobMismatch
			}
			best = max(best, v)
		}
		score += best
	}
	if qnat != "" && len(e.Nationalities) > 0 {
		v := nationalityAgainst
		for _, n := range e.Nationalities {
			if n == qnat {
				v = nationalityBoost
			}
		}
		score += v
	}
	return min(max(score, 0), 1)
}

// explain turns the chosen links of a comparison into TokenMatches, in
// query order.
func explain(q, n *side, chosen []link) []TokenMatch {
	join := func(toks []token, m uint32) string {
		var b strings.Builder
		for i, t := range toks {
			if m&(1<<i) != 0 {
				if b.Len() > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(t.text)
			}
		}
		return b.String()
	}
	sort.Slice(chosen, func(i, j int) bool { return chosen[i].qm < chosen[j].qm })
	out := make([]TokenMatch, 0, len(chosen))
	for _, l := range chosen {
		out = append(out, TokenMatch{Query: join(q.toks, l.qm), Listed: join(n.toks, l.nm), How: l.how.String(),
			Score: math.Round(float64(l.s)*1000) / 1000})
	}
	return out
}

// otherKorean reports whether a and b each split wholly into the same
// number (one to three) of romanised Korean syllables and differ in at
// least one of them, neither being a given name given.txt knows (those
// are compared by their classes).
func otherKorean(a, b string) bool {
	k := kb()
	if len(a) > 3*k.koreanMax || len(b) > 3*k.koreanMax {
		return false
	}
	// The splits first: most pairs are not Korean and stop here.
	var pa, pb [3][]string
	na := k.koreanParts(a, &pa)
	if na == 0 || k.koreanParts(b, &pb) != na {
		return false
	}
	if len(k.given[a]) > 0 || len(k.given[b]) > 0 {
		return false
	}
	// Hong Kong and Wade-Giles spellings are mostly Korean spellings too;
	// between two of them the Chinese rules decide (Chung and Chun).
	if chineseSyllable(a) && chineseSyllable(b) {
		return false
	}
	for i := 0; i < na; i++ {
		same := false
		for _, x := range pa[i] {
			if contains(pb[i], x) {
				same = true
				break
			}
		}
		if !same {
			return true
		}
	}
	return false
}

// koreanParts splits t into the fewest romanised Korean syllables (at
// most three), each as its RR forms, and returns how many (0: t does not
// split so). Tokens of one syllable, the common case, are one lookup.
// Parts of a joined token have three letters or more: with the short
// ones (a, o, u, ri, sa) most Western and Arabic names split into Korean
// syllables (Salami, Duri).
func (k *knowledgeBase) koreanParts(t string, parts *[3][]string) int {
	if rr, ok := k.korean[t]; ok {
		parts[0] = rr
		return 1
	}
	const minPart = 3
	for l := min(k.koreanMax, len(t)-minPart); l >= minPart; l-- {
		rr, ok := k.korean[t[:l]]
		if !ok {
			continue
		}
		if rr2, ok := k.korean[t[l:]]; ok {
			parts[0], parts[1] = rr, rr2
			return 2
		}
		for m := min(k.koreanMax, len(t)-l-minPart); m >= minPart; m-- {
			if rr2, ok := k.korean[t[l:l+m]]; ok {
				if rr3, ok := k.korean[t[l+m:]]; ok && len(t)-l-m >= minPart {
					parts[0], parts[1], parts[2] = rr, rr2, rr3
					return 3
				}
			}
		}
	}
	return 0
}

// otherPinyinWord reports whether a and b are two different Chinese given
// names written as two pinyin syllables of three letters or more each
// (Dongming, Jianhua), neither a given name given.txt knows. Shorter
// syllables (sa, li, mi, du, ri) would make Salami and Salimi, Duri and
// Dari two Chinese names.
func otherPinyinWord(a, b string) bool {
	if !pinyinPair(a) || !pinyinPair(b) {
		return false
	}
	k := kb()
	return len(k.given[a]) == 0 && len(k.given[b]) == 0
}

// pinyinPair reports whether t is two pinyin syllables of three letters
// or more each.
func pinyinPair(t string) bool {
	if len(t) < 6 || len(t) > 12 {
		return false
	}
	for l := 3; l <= 6 && len(t)-l >= 3; l++ {
		if syllables[t[:l]] && fullSyllable(t[l:]) {
			return true
		}
	}
	return false
}

// relative reports whether a query that matched the listed tokens usedN
// names a relative of the listed person rather than the person: the first
// given name is left out while the names after it that Arabic naming
// takes from the father and grandfather are met — two or more of them
// (Saddam Hussein for AL-TIKRITI, Ali Saddam Hussein), or one that is a
// common name (Mohamed Makhlouf for MAKHLOUF, Rami Mohammad). Not when
// the first given name is one people drop before the name they go by (a
// Muhammad, Sayyid, Hafiz, Sultan; an Abu or Abd that opens a compound:
// Seyed Reza Mousavi is Reza Mousavi), nor when the names met are Chinese
// or Korean syllables (John Ka-chiu is Ka Chiu). A single uncommon middle
// name met is how Spanish and Western double given names are used (Jose
// de Jesus as Jesus), and is left alone.
func relative(n *side, usedN uint32) bool {
	g := n.givenMask
	first := g & -g
	if g == 0 || usedN&first != 0 || usedN&g == 0 {
		return false
	}
	met, common := 0, false
	for j := range n.toks {
		if usedN&g&(1<<j) != 0 {
			met++
			common = n.rare[j] <= commonRarity
		}
	}
	if met < 2 && !common {
		return false
	}
	f := bits.TrailingZeros32(first)
	if n.toks[f].initial || namePrefix(n.toks[f].text) {
		return false
	}
	for j := range n.toks {
		// An Abu among them is a kunya, a name the person goes by.
		if t := n.toks[j].text; usedN&g&(1<<j) != 0 && (t == "abu" || chineseSyllable(t) || len(kb().korean[t]) > 0) {
			return false
		}
	}
	return true
}

// titleName reports whether a query token the listed name does not have
// is a title that is also a name part (Sayyid, Seyed: a descendant of the
// Prophet), which the press writes before a name and lists keep only when
// it is part of how the person is named. Unmatched, it costs the query
// nothing, once two other names have matched: Sayyed Mohammad Hussein
// Fadlallah for FADLALLAH, Shaykh Muhammad Husayn. A listed name that has
// it still meets it.
func titleName(t string) bool {
	// Maulawi and Shri are titles OFAC also files as name parts (ACHEKZAI,
	// Maulawi Adam Khan; SHRI, Amin), so they are not stopwords either.
	return t == "maulawi" || t == "shri" || contains(kb().given[t], "sayyid")
}

// namePrefix reports whether t is a given name or title people write
// before the name they go by and often leave out.
func namePrefix(t string) bool {
	switch t {
	case "hafiz", "hafez", "sultan", "mir", "abu", "abd", "abdul", "abdel", "abdal", "abdol", "abdur", "abdus":
		return true
	}
	for _, c := range kb().given[t] {
		if c == "muhammad" || c == "sayyid" {
			return true
		}
	}
	return false
}

// familyOmitted is how much less a listed family name weighs when the
// query leaves it out but gives every listed given name, three or more
// names in all: Ali Saddam Hussein for AL-TIKRITI, Ali Saddam Hussein.
// Arabic names are a chain of the person's, the father's and the
// grandfather's names, which people use without the family or tribal
// name (nameScore asks for every query token matched, in order).
func familyOmitted(n *side, usedN uint32) float32 {
	g := n.givenMask
	if g == 0 || usedN&g != g {
		return 0
	}
	var less float32
	for j := range n.toks {
		if usedN&(1<<j) == 0 {
			if g&(1<<j) != 0 {
				return 0
			}
			less += n.w[j] * (1 - omitWeight)
		}
	}
	return less
}

// famRare is the rarity of the listed family name (the first token) when
// the query matched it, else 0.
func famRare(n *side, usedN uint32) float32 {
	if usedN&1 == 0 || len(n.rare) == 0 {
		return 0
	}
	return n.rare[0]
}

// runSplitSim compares a run of two tokens with one token t written as
// one word, part by part (0 when the run is longer, the lengths are far
// apart or the first letters differ): a compound that one side writes
// joined and the other apart with a vowel changed in each part (Seltan
// Mohammedi, Sultan Mohmadi for SOLTANMOHAMMADI) is two edits apart in
// fifteen letters, too far for the whole-run spelling similarity, while
// each part is a spelling of its half.
func runSplitSim(toks []token, r run, t string, tmask uint32) float32 {
	if popcount(r.mask) != 2 || !near(len(r.text), len(t)) || len(t) < 2*minSplitPart || r.text[0] != t[0] ||
		jwBound(r.text, r.letters, t, tmask) < splitMinBound {
		return 0
	}
	i, j := bits.TrailingZeros32(r.mask), 31-bits.LeadingZeros32(r.mask)
	if !strings.HasPrefix(r.text, toks[i].text) {
		i, j = j, i // a listed name's given name and family name, said in that order
	}
	a1, a2 := toks[i].text, toks[j].text
	if toks[i].initial || toks[j].initial || len(a1) < minSplitPart || len(a2) < minSplitPart {
		return 0
	}
	var best float32
	for p := max(len(a1)-2, minSplitPart); p <= len(a1)+2 && len(t)-p >= minSplitPart; p++ {
		s1 := partSim(a1, t[:p])
		if s1 < minTokenSim {
			continue
		}
		s2 := partSim(a2, t[p:])
		if s2 < minTokenSim {
			continue
		}
		best = max(best, (s1*float32(len(a1))+s2*float32(len(a2)))/float32(len(a1)+len(a2)))
	}
	return best
}

// minSplitPart is the shortest part runSplitSim compares: shorter parts
// match too much. splitMinBound is the bound of Jaro-Winkler between
// the whole run and the token below which no split is tried: two parts
// each at 0.82 or more leave the whole well above it (Sultan Mohmadi and
// Soltanmohammadi 0.82), and most pairs are settled by the letter masks.
const (
	minSplitPart  = 3
	splitMinBound = 0.75
)

// partSim is how alike a and b are as spellings of one name, from what
// can be said without the name tables' keys (which runSplitSim cannot
// afford for every split): spelling, the sound key, the vowel frame; two
// known given names of different classes are different names.
func partSim(a, b string) float32 {
	k := kb()
	if ga, gb := k.given[a], k.given[b]; len(ga) > 0 && len(gb) > 0 {
		shared := false
		for _, c := range ga {
			shared = shared || contains(gb, c)
		}
		if !shared {
			return 0
		}
	}
	s := textSim(a, b)
	if s < soundSim {
		if v := soundKey(a); v != "" && v == soundKey(b) {
			s = soundSim
		}
	}
	if s < frameSim {
		if v := vowelFrame(a); v != "" && v == vowelFrame(b) {
			s = frameSim
		}
	}
	return s
}

// syllableLink reports whether the listed tokens nm include a Chinese or
// Korean syllable.
func syllableLink(n *side, nm uint32) bool {
	for j := range n.toks {
		if nm&(1<<j) != 0 {
			if t := n.toks[j].text; chineseSyllable(t) || len(kb().korean[t]) > 0 {
				return true
			}
		}
	}
	return false
}

// looseLink reports whether l, beside a common name, is too weak to carry
// a hit: spelling below looseSpelling, or a known given name spelt like a
// longer listed name (givenSpeltLonger).
func looseLink(q, n *side, l link) bool {
	if l.how != matchSpelling {
		return false
	}
	return l.s < looseSpelling || givenSpeltLonger(q, n, l)
}

// givenSpeltLonger reports whether link l pairs a query token that is a
// known given name with a longer listed token that is none, by spelling
// alone (Khalil and KHALALU): had the listed token been a spelling of the
// given name, the classes would have said so; spelling alone says little
// more than a shared common name.
func givenSpeltLonger(q, n *side, l link) bool {
	if popcount(l.qm) != 1 || popcount(l.nm) != 1 {
		return false
	}
	a, b := q.toks[bits.TrailingZeros32(l.qm)], n.toks[bits.TrailingZeros32(l.nm)]
	if len(b.text) <= len(a.text) {
		return false
	}
	ga, gb := false, false
	for _, k := range a.keys {
		ga = ga || k[0] == keyGiven
	}
	for _, k := range b.keys {
		gb = gb || k[0] == keyGiven
	}
	return ga && !gb
}
