package screening

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/mozillazg/go-pinyin"
	"golang.org/x/text/unicode/norm"
)

// token is one normalised name part.
type token struct {
	text string
	// initial marks a single letter given as an abbreviation ("J." Smith),
	// which matches any token with that first letter, weakly.
	initial bool
	// keys are what the name knowledge says the token may stand for
	// (tokenKeys); filled in when a side is prepared for comparison.
	keys []string
	// kbits is keyBits(keys), so that most pairs of tokens are known to
	// share no key without comparing strings.
	kbits uint64
	// lineage marks a father's or grandfather's name after bin/ibn/ben,
	// which applicants often leave out.
	lineage bool
	// given and middle mark a listed name's given names and, among them,
	// the middle names (markMiddle), where the list's format shows them.
	given, middle bool
	// bare marks a query token romanised from a script that does not
	// write short vowels (Arabic, Persian, Hebrew): a consonant skeleton
	// that meets listed spellings through bareSim.
	bare bool
	// hebrew marks a bare token read from Hebrew, compared by hebrewSim.
	hebrew bool
	// family2 marks the family names after the first in a listed name
	// written "FAMILY FAMILY, Given" (a Spanish maternal name, a second
	// family name), which people leave out as they do middle names.
	family2 bool
	// pre is the particle (or particles) written before the token and
	// dropped by normalisation (di for DI LAURO, al for AL-OMGY, van der),
	// so that newSide can add the two written as one word (Dilauro,
	// Alomgy) as a run: what people type joined, lists write apart, and
	// the reverse.
	pre string
	// vid is a listed token's number in the index vocabulary (unused on
	// the query side).
	vid int32
	// mask is letterMask(text), for jwBound.
	mask uint32
}

// lineageWords introduce a father's name in Arabic and Hebrew naming.
var lineageWords = map[string]bool{"bin": true, "ibn": true, "ben": true, "bint": true, "binti": true}

// stopwords are honorifics, titles and particles: they say nothing about
// who someone is, and lists and applicants include or omit them at will.
// "abu" and "abd" stay: they are part of the name itself (Abu Bakr,
// Abd al-Rahman) and dropping them would merge distinct people.
var stopwords = map[string]bool{
	// honorifics and titles
	"mr": true, "mrs": true, "ms": true, "miss": true, "mx": true, "dr": true, "prof": true,
	"sir": true, "dame": true, "lord": true, "lady": true, "rev": true, "fr": true,
	"haj": true, "haji": true, "hajji": true, "hadji": true, "hajj": true, "alhaji": true, "alhaj": true,
	"sheikh": true, "shaikh": true, "sheik": true, "shaykh": true, "cheikh": true, "mullah": true, "mulla": true,
	// Mzee is Swahili "elder", said before an older man's name.
	"maulana": true, "maulvi": true, "mawlawi": true, "imam": true, "ayatollah": true, "mzee": true,
	"general": true, "gen": true, "col": true, "colonel": true, "capt": true, "captain": true,
	"major": true, "lt": true, "brig": true, "admiral": true, "hon": true, "jr": true, "sr": true,
	// The words of compound ranks ("Senior General", "Vice Senior General",
	// "Lieutenant General", "Brigadier General", "Field Marshal" keeps
	// Field: it is a surname too) and office: lists name the person, not
	// the rank they held when the query was written.
	"senior": true, "vice": true, "lieutenant": true, "brigadier": true, "marshal": true,
	"minister": true,
	// Offices and callings the press writes before a name (Senator Grigory
	// Karasin, President ..., Pastor ..., Hojatoleslam ...), and honorifics
	// of other languages (Herr, Sri). None of them is a name part of an
	// individual in the OFAC snapshot (checked word by word against sdn.csv
	// and alt.csv; Chief appears once, as "KAHWA, Chief", which is Chief
	// Kahwa; Pastor once, as a given name both sides drop alike). Left
	// out for that reason: Maulawi, the spelling OFAC files as a name
	// (ACHEKZAI, Maulawi Adam Khan; RAJAB, Maulawi), and Shri (SHRI, Amin).
	// Sayyid stays too: it is part of listed names (MUSAVI, Sayyed Kamal);
	// an unmatched one in a query is handled in scoring.
	"senator": true, "president": true, "professor": true, "doctor": true, "engineer": true,
	"pastor": true, "bishop": true, "reverend": true, "chief": true, "governor": true,
	"hojatoleslam": true, "hojjatoleslam": true, "hojatolislam": true, "mawlana": true,
	"moulvi": true, "molvi": true, "alhajji": true, "alhajj": true,
	"herr": true, "frau": true, "monsieur": true, "madame": true, "mme": true, "mister": true,
	"sri": true, "shree": true, "smt": true, "sheikha": true, "shaikha": true,
	// particles
	"al": true, "el": true, "ul": true, "bin": true, "ibn": true, "bint": true, "binti": true,
	"ben": true, "van": true, "von": true, "der": true, "den": true, "de": true, "da": true,
	"di": true, "del": true, "della": true, "la": true, "le": true, "du": true, "dos": true,
	"das": true, "do": true, "y": true, "e": true, "bte": true, "bt": true,
}

// dottedTitles are abbreviated titles that are dropped only when written
// with their dot: without it, Sen is a Cambodian and Vietnamese name (Hun
// Sen) and Eng a Chinese one.
var dottedTitles = map[string]bool{"sen": true, "eng": true, "engr": true, "pres": true, "gov": true, "sgt": true, "cdr": true, "cmdr": true}

// particles are the stopwords that precede the name they belong to.
var particles = map[string]bool{
	"al": true, "el": true, "ul": true, "van": true, "von": true, "der": true, "den": true, "de": true,
	"da": true, "di": true, "del": true, "della": true, "la": true, "le": true, "du": true, "dos": true,
	"das": true, "do": true,
}

// chineseParticle are the particles that are also Chinese family names.
var chineseParticle = map[string]bool{"du": true, "le": true, "di": true}

// pinyinNext reports whether t is a pinyin syllable or a given name of
// pinyin syllables written together.
func pinyinNext(t string) bool {
	syllablesOnce.Do(loadSyllables)
	return fullSyllable(t) || isPinyinWord(t)
}

// normalizeName splits a name into normalised tokens. Han characters become
// toneless pinyin (a run of Han becomes the family name and the given name
// joined, the way passports write it); everything else is folded to
// lower-case ASCII where a mapping exists. Stopwords are dropped unless
// nothing else is left.
func normalizeName(s string) []token { return normalizeWith(s, false) }

// cantoneseName is normalizeName reading Han characters in Cantonese
// (Hong Kong romanisation) instead of Mandarin; nil when s has no Han
// characters or one without a known Cantonese reading.
func cantoneseName(s string) []token {
	hasHan := false
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			hasHan = true
			break
		}
	}
	if !hasHan {
		return nil
	}
	return normalizeWith(s, true)
}

func normalizeWith(s string, cantonese bool) []token {
	var all []token
	var beforeComma uint64  // tokens that end a part ("DU, Jiaxin"), as bits
	var beforeHyphen uint64 // tokens joined to the next by a hyphen ("U-TERRA"), as bits
	var cur strings.Builder
	flush := func(dotted bool) {
		if cur.Len() == 0 {
			return
		}
		t := cur.String()
		cur.Reset()
		if dotted && dottedTitles[t] {
			return
		}
		all = append(all, token{text: t, initial: utf8.RuneCountInString(t) == 1 && dotted})
	}
	var han []rune
	flushHan := func() {
		if len(han) == 0 {
			return
		}
		toks := hanTokens(han)
		if cantonese {
			toks = cantoneseTokens(han)
		}
		for _, t := range toks {
			all = append(all, token{text: t})
		}
		han = han[:0]
	}
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			flush(false)
			han = append(han, r)
			continue
		}
		flushHan()
		switch {
		case r == '\'' || r == '’' || r == '‘' || r == '`' || r == 'ʻ' || r == 'ʼ':
			// Apostrophes join: O'Brien, Qa'ida.
		case r == '.':
			// A dot ends an abbreviation: "J." is an initial, "Dr." a title.
			flush(true)
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			cur.WriteString(foldRune(r))
		default:
			// Spaces, hyphens, commas, the Chinese middle dot: separators.
			flush(false)
			if r == ',' && len(all) > 0 && len(all) <= 64 {
				beforeComma |= 1 << (len(all) - 1)
			}
			if r == '-' && len(all) > 0 && len(all) <= 64 {
				beforeHyphen |= 1 << (len(all) - 1)
			}
		}
	}
	flush(false)
	flushHan()
	// A lone letter is an initial even without a dot ("John F Kennedy").
	for i := range all {
		if utf8.RuneCountInString(all[i].text) == 1 && isLatinLetter(all[i].text[0]) {
			all[i].initial = true
		}
	}
	out := all[:0:0]
	pre := ""
	for i, t := range all {
		// A particle introduces the name after it (da Silva, al-Rashid);
		// one with nothing after it, at the end or before a comma, is a
		// name itself: Do, Le and Du are common Vietnamese and Chinese
		// family names ("Jiaxin Du", "DU, Jiaxin").
		if particles[t.text] && (i == len(all)-1 && len(out) > 0 || i < 64 && beforeComma&(1<<i) != 0) {
			out, pre = append(out, all[i]), ""
			continue
		}
		// Du, Le and Di opening a name whose next word is pinyin are the
		// Chinese family names 杜, 乐 and 狄 (Du Xiaoming), not the French
		// and Italian particles: dropped, they left the given name alone
		// to meet every listed Xiaoming (ZHANG, Xiaoming at 0.862).
		if i == 0 && chineseParticle[t.text] && len(all) > 1 && !all[1].initial && pinyinNext(all[1].text) {
			out = append(out, all[i])
			continue
		}
		if burmeseHonorific(all, i, beforeComma, beforeHyphen) {
			pre = ""
			continue
		}
		if stopwords[t.text] {
			// What follows "bin Muhammad bin Awad" names the father and
			// grandfather; "BIN LADIN" at the start is the family name.
			if i > 0 && lineageWords[t.text] && i+1 < len(all) {
				all[i+1].lineage = true
			}
			if particles[t.text] || lineageWords[t.text] {
				pre += t.text
			} else {
				pre = ""
			}
			continue
		}
		if !all[i].initial && len(pre) <= 8 {
			all[i].pre = pre
		}
		pre = ""
		out = append(out, all[i])
	}
	if len(out) == 0 {
		return all
	}
	return out
}

// burmeseHonorific reports whether all[i] is U ("Mr") or Daw ("Mrs")
// said before a Burmese name: "U Thein Nyunt", "NYUNT, U Thein", and Daw
// wherever it stands unless it is a family name before a comma. U is also
// a Korean name syllable ("HAN, Kwon U"; the surname Woo), so it counts
// only where it opens a part and has a name after it, and not when every
// other word is a Korean syllable. A hyphen makes it part of a word
// ("U-TERRA LLC", "CHO, Il-U"). Not a plain stopword for that reason.
func burmeseHonorific(all []token, i int, beforeComma, beforeHyphen uint64) bool {
	t := all[i].text
	if t != "u" && t != "daw" {
		return false
	}
	endsPart := func(j int) bool { return j < 64 && beforeComma&(1<<j) != 0 }
	hyphened := func(j int) bool { return j < 64 && beforeHyphen&(1<<j) != 0 }
	if endsPart(i) || hyphened(i) || i > 0 && hyphened(i-1) || len(all) < 2 {
		return false
	}
	if t == "daw" {
		// Only Burmese says Daw, and never as a name of its own; lists
		// still file it as one ("NILAR, Daw" is Daw Nilar).
		return true
	}
	if i > 0 && !endsPart(i-1) || i+1 >= len(all) {
		return false
	}
	for j, o := range all {
		if j != i && kb().koreanKeys(o.text) == nil {
			return true
		}
	}
	return false
}

func isLatinLetter(c byte) bool { return c >= 'a' && c <= 'z' }

// foldRune maps one rune to its folded lower-case form: diacritics removed
// (NFKD without combining marks), ligatures expanded, Cyrillic, Greek and
// Georgian transliterated, Arabic letter variants unified. Other scripts pass
// through lower-cased, so two names in the same script still compare.
func foldRune(r rune) string {
	if r < utf8.RuneSelf {
		if r >= 'A' && r <= 'Z' {
			r += 'a' - 'A'
		}
		return string(r)
	}
	if s, ok := special[unicode.ToLower(r)]; ok {
		return s
	}
	if unicode.Is(unicode.Mn, r) {
		return ""
	}
	var b strings.Builder
	for _, d := range norm.NFKD.String(string(r)) {
		if unicode.Is(unicode.Mn, d) {
			continue
		}
		d = unicode.ToLower(d)
		if s, ok := special[d]; ok {
			b.WriteString(s)
			continue
		}
		b.WriteRune(d)
	}
	return b.String()
}

// foldLatin folds a whole string with foldRune.
func foldLatin(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteString(foldRune(r))
	}
	return b.String()
}

// special holds the letters NFKD does not decompose and the transliteration
// tables. Cyrillic follows ICAO Doc 9303 (what passports print), Arabic
// only unifies the letter variants spelling differs on (alef forms, teh
// marbuta, alef maksura), since a faithful romanisation needs vowels the
// script does not write.
//
// Georgian (Mkhedruli) follows the national system of 2002 (Georgian
// State Department of Geodesy and Cartography, adopted by BGN/PCGN in
// 2009), which Georgian passports print and OFAC lists Georgians under:
// SHUSHANASHVILI, MORGOSHIA. The apostrophes it marks ejectives with
// (k', t', p', ts', ch') are left out as the lists leave them out, so
// ქ and კ both read k. Mtavruli capitals reach these entries through
// unicode.ToLower. Georgian writes every vowel, so a plain
// transliteration is a full reading, as for Cyrillic.
var special = map[rune]string{
	'ß': "ss", 'æ': "ae", 'ø': "o", 'đ': "d", 'ð': "d", 'ł': "l", 'ı': "i", 'þ': "th", 'œ': "oe",
	'ħ': "h", 'ŧ': "t", 'ŋ': "ng", 'ſ': "s",
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e", 'ж': "zh", 'з': "z",
	'и': "i", 'й': "i", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r",
	'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh",
	'щ': "shch", 'ъ': "ie", 'ы': "y", 'ь': "", 'э': "e", 'ю': "iu", 'я': "ia",
	'є': "ie", 'і': "i", 'ї': "i", 'ґ': "g", 'ў': "u", 'ј': "j", 'љ': "lj", 'њ': "nj",
	'ђ': "dj", 'ћ': "c", 'џ': "dz", 'ѕ': "dz",
	'α': "a", 'β': "v", 'γ': "g", 'δ': "d", 'ε': "e", 'ζ': "z", 'η': "i", 'θ': "th", 'ι': "i",
	'κ': "k", 'λ': "l", 'μ': "m", 'ν': "n", 'ξ': "x", 'ο': "o", 'π': "p", 'ρ': "r", 'σ': "s",
	'ς': "s", 'τ': "t", 'υ': "y", 'φ': "f", 'χ': "ch", 'ψ': "ps", 'ω': "o",
	'ა': "a", 'ბ': "b", 'გ': "g", 'დ': "d", 'ე': "e", 'ვ': "v", 'ზ': "z", 'თ': "t", 'ი': "i",
	'კ': "k", 'ლ': "l", 'მ': "m", 'ნ': "n", 'ო': "o", 'პ': "p", 'ჟ': "zh", 'რ': "r", 'ს': "s",
	'ტ': "t", 'უ': "u", 'ფ': "p", 'ქ': "k", 'ღ': "gh", 'ყ': "q", 'შ': "sh", 'ჩ': "ch", 'ც': "ts",
	'ძ': "dz", 'წ': "ts", 'ჭ': "ch", 'ხ': "kh", 'ჯ': "j", 'ჰ': "h",
	'أ': "ا", 'إ': "ا", 'آ': "ا", 'ٱ': "ا", 'ة': "ه", 'ى': "ي", 'ـ': "",
}

// compoundSurnames are the two-character Chinese family names; the rest of
// a Han run after them is the given name.
var compoundSurnames = map[string]bool{
	"欧阳": true, "司马": true, "诸葛": true, "上官": true, "司徒": true, "东方": true, "皇甫": true,
	"尉迟": true, "公孙": true, "慕容": true, "令狐": true, "夏侯": true, "长孙": true, "宇文": true,
	"轩辕": true, "端木": true, "歐陽": true, "司馬": true, "諸葛": true, "東方": true, "長孫": true,
}

// surnameReadings fixes family names whose everyday reading differs from
// the surname reading (单 is dan, but Shan as a name).
var surnameReadings = map[rune]string{
	'单': "shan", '曾': "zeng", '解': "xie", '区': "ou", '查': "zha", '朴': "piao", '仇': "qiu",
	'秘': "bi", '乐': "yue", '覃': "qin", '翟': "zhai", '盖': "ge", '缪': "miao", '种': "chong",
	'尉': "yu", '召': "shao", '繁': "po", '员': "yun", '句': "gou", '华': "hua", '任': "ren",
	'沈': "shen", '柏': "bai", '薄': "bo", '万': "wan", '贾': "jia", '葛': "ge", '石': "shi",
}

var pinyinArgs = func() pinyin.Args {
	a := pinyin.NewArgs()
	a.Style = pinyin.Normal
	return a
}()

// hanTokens turns a run of Han characters into [family, given] in pinyin:
// 张晓明 → zhang, xiaoming. Characters pinyin does not know are skipped.
func hanTokens(run []rune) []string {
	py := func(r rune) string {
		p := pinyin.SinglePinyin(r, pinyinArgs)
		if len(p) == 0 {
			return ""
		}
		return p[0]
	}
	if len(run) == 1 {
		if p := py(run[0]); p != "" {
			return []string{p}
		}
		return nil
	}
	n := 1
	if len(run) > 2 && compoundSurnames[string(run[:2])] {
		n = 2
	}
	var family, given strings.Builder
	for i, r := range run {
		p := ""
		if i == 0 {
			p = surnameReadings[r]
		}
		if p == "" {
			p = py(r)
		}
		if i < n {
			family.WriteString(p)
		} else {
			given.WriteString(p)
		}
	}
	var out []string
	for _, s := range []string{family.String(), given.String()} {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

var (
	syllablesOnce sync.Once
	syllables     map[string]bool
)

// loadSyllables collects every toneless pinyin syllable from go-pinyin's
// dictionary (about 400), so the matcher can tell a Chinese syllable from
// a typo.
//
// The dictionary has some 40,000 readings but only about 1,500 distinct
// toned syllables: folding each distinct one once (instead of every
// reading) keeps this off the start-up time of every kycd command that
// screens.
func loadSyllables() {
	toned := make(map[string]bool, 2048)
	for _, v := range pinyin.PinyinDict {
		for v != "" {
			p := v
			if i := strings.IndexByte(v, ','); i >= 0 {
				p, v = v[:i], v[i+1:]
			} else {
				v = ""
			}
			toned[p] = true
		}
	}
	syllables = make(map[string]bool, 512)
	for p := range toned {
		syllables[foldLatin(p)] = true
	}
}

func isSyllable(t string) bool { return len(t) <= 6 && syllables[t] }

// fullSyllable is a pinyin syllable of two letters or more with a vowel:
// the interjections n, m, ng and hm would split almost anything.
func fullSyllable(t string) bool {
	return len(t) >= 2 && syllables[t] && strings.ContainsAny(t, "aeiouv")
}

// isPinyinWord reports whether t is two or more pinyin syllables written
// together, as Chinese given names are (Zhiyong, Xiaoming).
func isPinyinWord(t string) bool {
	if len(t) < 4 || len(t) > 18 || !isASCII(t) {
		return false
	}
	// At most three syllables: names are short, and the search is tiny.
	for l := min(6, len(t)-1); l >= 1; l-- {
		if fullSyllable(t[:l]) && syllablesFrom(t, l, 2) {
			return true
		}
	}
	return false
}

// syllablesFrom reports whether t[i:] is at most left pinyin syllables. A
// plain function, not a closure: textSim calls isPinyinWord per compared
// pair, and a recursive closure would be allocated each time.
func syllablesFrom(t string, i, left int) bool {
	if i == len(t) {
		return true
	}
	if left == 0 {
		return false
	}
	for l := min(6, len(t)-i); l >= 1; l-- {
		if fullSyllable(t[i:i+l]) && syllablesFrom(t, i+l, left-1) {
			return true
		}
	}
	return false
}
