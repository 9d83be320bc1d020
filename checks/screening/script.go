package screening

import (
	"strings"
	"unicode"
)

// Names typed in their own script (Korean Hangul, Arabic, Persian, Hebrew,
// Devanagari, Burmese) against a list that writes the same people only in Latin
// letters (OFAC does) find nothing by spelling. scriptReadings romanises
// such a query the way the lists spell it, at query time only: the index
// is unchanged, and a query with none of these scripts gets no extra
// reading, so Latin queries cannot match more than before.
//
// Hangul is read twice, in Revised Romanization and in McCune-Reischauer
// as North Korean listings spell it; each syllable becomes a token, so
// the Korean syllable keys (names/korean.txt) and the joined-run matching
// see it as they see "Kim Jong Un". Arabic, Persian and Hebrew do not
// write short vowels, so their reading is a consonant skeleton with the
// long vowels their matres lectionis show; such a token is marked bare and
// matches a listed token with the same consonant skeleton whose vowels
// agree with the written ones (bareSim). Devanagari writes every vowel and
// is transliterated letter for letter; Burmese is read syllable by
// syllable in the conventional romanisation of names (burmese.go).

// scriptReading is one Latin reading of a query and which of its words
// are bare consonant skeletons.
type scriptReading struct {
	text string
	bare map[string]bool
	// hebrew marks the bare words read from Hebrew: hebrewSim compares
	// them.
	hebrew map[string]bool
}

// scriptReadings returns the Latin readings of a name written (in part) in
// Hangul, Arabic, Persian, Hebrew, Devanagari or Burmese; nil for any
// other name.
func scriptReadings(s string) []scriptReading {
	has := false
	hangul := false
	for _, r := range s {
		switch scriptOf(r) {
		case scriptHangul:
			has, hangul = true, true
		case scriptArabic, scriptHebrew, scriptDevanagari, scriptBurmese:
			has = true
		}
	}
	if !has {
		return nil
	}
	out := []scriptReading{romanise(s, false)}
	if hangul || strings.ContainsAny(s, persianValued) {
		out = append(out, romanise(s, true))
	}
	return out
}

type script uint8

const (
	scriptOther script = iota
	scriptHangul
	scriptArabic
	scriptHebrew
	scriptDevanagari
	scriptBurmese
)

func scriptOf(r rune) script {
	switch {
	case r >= 0xAC00 && r <= 0xD7A3:
		return scriptHangul
	case r >= 0x0600 && r <= 0x06FF, r >= 0x0750 && r <= 0x077F, r >= 0xFB50 && r <= 0xFDFF, r >= 0xFE70 && r <= 0xFEFF:
		return scriptArabic
	case r >= 0x0590 && r <= 0x05FF:
		return scriptHebrew
	case r >= 0x0900 && r <= 0x097F:
		return scriptDevanagari
	case r >= 0x1000 && r <= 0x109F:
		return scriptBurmese
	}
	return scriptOther
}

// persianValued are the Arabic letters Persian (and Urdu, Turkish, Dari)
// speaks otherwise than Arabic: ذ ض ظ as z, ث as s, ق and غ as gh, so the
// names of Iranians are listed Zolfaghari and Sadeghi where an Arab's are
// Dhu al-Fiqar and Sadiq. A query with them is read both ways.
const persianValued = "ذضظثقغ"

// romanise writes s with every word in one of the scripts romanised; alt
// chooses McCune-Reischauer over Revised Romanization for Hangul and the
// Persian values of persianValued for Arabic script.
func romanise(s string, alt bool) scriptReading {
	rd := scriptReading{bare: map[string]bool{}, hebrew: map[string]bool{}}
	var b strings.Builder
	var word []rune
	flush := func() {
		if len(word) == 0 {
			return
		}
		b.WriteString(romaniseWord(word, alt, rd.bare, rd.hebrew))
		word = word[:0]
	}
	for _, r := range s {
		// ZWNJ and ZWJ sit inside Persian compound names (عزت‌الله):
		// one word, Ezzatollah.
		if r == 0x200C || r == 0x200D {
			continue
		}
		if unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r) {
			word = append(word, r)
			continue
		}
		flush()
		b.WriteRune(r)
	}
	flush()
	rd.text = b.String()
	return rd
}

// romaniseWord romanises one word by the script of its first letter;
// words in other scripts are returned as they are.
func romaniseWord(w []rune, alt bool, bare, heb map[string]bool) string {
	switch scriptOf(w[0]) {
	case scriptHangul:
		return hangulWord(w, alt)
	case scriptArabic:
		return arabicWord(w, alt, bare)
	case scriptHebrew:
		t := hebrewWord(w, bare)
		if bare[t] {
			heb[t] = true
		}
		return t
	case scriptDevanagari:
		return devanagariWord(w)
	case scriptBurmese:
		return burmeseWord(w)
	}
	return string(w)
}

// Hangul jamo in the order of the Unicode syllable arithmetic
// (syllable = 0xAC00 + (initial×21 + medial)×28 + final). Romanisations:
// National Institute of Korean Language, "Romanization of Korean" (2000);
// McCune & Reischauer (1939) as tabulated by the Library of Congress
// (ALA-LC Korean), with ŏ and ŭ folded to o and u and the aspiration
// apostrophe dropped, as the UN, OFAC and EU write DPRK names (KANG P'il
// Hun is listed as both P'il and Pil).
var (
	rrInitial = [19]string{"g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"}
	mrInitial = [19]string{"k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "ch", "tch", "ch", "k", "t", "p", "h"}
	rrMedial  = [21]string{"a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i"}
	mrMedial  = [21]string{"a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "u", "ui", "i"}
	// Final consonants as spoken at the end of a syllable (the same in
	// both systems).
	hangulFinal = [28]string{"", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"}
)

// hangulWord writes each syllable as a token of its own, the way names
// are listed and typed (KIM Jong Un, RI Pyong Chol): the first is the
// family name, the rest the given name, and the matcher's joined runs
// cover those who write it joined or hyphenated. The initial ㄹ is kept as
// r (North Korean Ri, Ryu), which names/korean.txt puts with Lee, Yi, Yu.
func hangulWord(w []rune, mr bool) string {
	var b strings.Builder
	for i, r := range w {
		if i > 0 {
			b.WriteByte(' ')
		}
		if scriptOf(r) != scriptHangul {
			b.WriteRune(r)
			continue
		}
		n := int(r - 0xAC00)
		l, m, f := n/588, n%588/28, n%28
		if mr {
			b.WriteString(mrInitial[l] + mrMedial[m])
		} else {
			b.WriteString(rrInitial[l] + rrMedial[m])
		}
		b.WriteString(hangulFinal[f])
	}
	return b.String()
}

// arabicLetters romanises the consonants of Arabic, Persian and Urdu the
// way English-language lists spell them (close to the BGN/PCGN and ALA-LC
// tables with the diacritics dropped): emphatics as their plain letters,
// the interdentals as th and dh (Persian and Turkic spellings as s and z
// are met by the matcher's sound keys), ع and ء unwritten inside a word.
var arabicLetters = map[rune]string{
	'ب': "b", 'ت': "t", 'ث': "th", 'ج': "j", 'ح': "h", 'خ': "kh", 'د': "d", 'ذ': "dh",
	'ر': "r", 'ز': "z", 'س': "s", 'ش': "sh", 'ص': "s", 'ض': "d", 'ط': "t", 'ظ': "z",
	'ع': "", 'غ': "gh", 'ف': "f", 'ق': "q", 'ك': "k", 'ک': "k", 'ل': "l", 'م': "m", 'ن': "n",
	'ه': "h", 'ھ': "h", 'ۀ': "h", 'ة': "a", 'ء': "", 'ؤ': "u", 'ئ': "i", 'ى': "a",
	'پ': "p", 'چ': "ch", 'ژ': "zh", 'گ': "g", 'ٹ': "t", 'ڈ': "d", 'ڑ': "r", 'ں': "n", 'ے': "e",
	'ا': "a", 'أ': "a", 'إ': "i", 'آ': "a", 'ٱ': "a",
}

// persianLetters are the Persian values of persianValued.
var persianLetters = map[rune]string{'ذ': "z", 'ض': "z", 'ظ': "z", 'ث': "s", 'ق': "gh", 'غ': "gh"}

// arabicWord romanises one Arabic or Persian word. A word that
// names/given.txt lists in Arabic script becomes its class name, so the
// given-name classes apply as to any Latin spelling; the article ال
// becomes a separate al (dropped like al- in a Latin name); abd + al +
// name becomes one abdul compound. The rest is a bare skeleton.
func arabicWord(w []rune, persian bool, bare map[string]bool) string {
	// Harakat, shadda, sukun and tanwin are not letters of the name.
	letters := w[:0:0]
	for _, r := range w {
		if r >= 0x064B && r <= 0x065F || r == 0x0670 || r == 'ـ' {
			continue
		}
		// Persian yeh and keheh are the Arabic letters the given-name
		// file spells with.
		switch r {
		case 'ی', 'ې', 'ێ':
			r = 'ي'
		case 'ک':
			r = 'ك'
		}
		letters = append(letters, r)
	}
	if len(letters) == 0 {
		return ""
	}
	if c := givenClass(string(letters)); c != "" {
		return c
	}
	if p, ok := arabicParticles[string(letters)]; ok {
		return p
	}
	// A compound ending in the name of God (نصرالله Nasrallah, سيفالله
	// Seifallah, عبدالله where the given-name file lacks it) is read with
	// allah whole: its article and doubled lam are one word, which the
	// letter-by-letter reading would leave as "lh".
	if n := len(letters); n > 4 && string(letters[n-4:]) == "الله" {
		t := arabicSkeleton(letters[:n-4], persian) + "allah"
		bare[t] = true
		return t
	}
	prefix := ""
	switch {
	case len(letters) > 5 && string(letters[:5]) == "عبدال":
		prefix, letters = "abdul", letters[5:]
	case len(letters) > 3 && string(letters[:2]) == "ال":
		if c := givenClass(string(letters[2:])); c != "" {
			return "al " + c
		}
		prefix, letters = "al ", letters[2:]
	}
	t := prefix + arabicSkeleton(letters, persian)
	bare[strings.TrimPrefix(t, "al ")] = true
	return t
}

// arabicParticles are the words of lineage and the article written apart,
// spelt as the matcher's stopwords and compounds know them.
var arabicParticles = map[string]string{
	"بن": "bin", "ابن": "ibn", "أبن": "ibn", "بنت": "bint", "ابو": "abu", "أبو": "abu", "ابي": "abi",
	"عبد": "abd", "ال": "al", "الله": "allah",
}

// givenClass returns the name of the given-name class a word in Arabic
// script belongs to, or "".
func givenClass(w string) string {
	if c := kb().given[foldLatin(w)]; len(c) > 0 {
		return c[0]
	}
	return ""
}

// arabicSkeleton writes the consonants and the long vowels. و and ي are
// consonants (w, y) at the start of a word, after a long vowel and before
// alef (Marwan, Dawud, Ayman), else the vowels u and i; ع and hamza at the
// start of a word stand for its first vowel (Umar, Abbas, Osama); و
// before the article of a compound is a vowel (ذوالفقار Zolfaghar,
// ابوالفضل Abolfazl).
func arabicSkeleton(w []rune, persian bool) string {
	var b strings.Builder
	for i, r := range w {
		next := rune(0)
		if i+1 < len(w) {
			next = w[i+1]
		}
		prevVowel := i > 0 && (w[i-1] == 'ا' || w[i-1] == 'و' || w[i-1] == 'ي')
		switch r {
		case 'و':
			if i == 0 || prevVowel || next == 'ا' && !(i+2 < len(w) && w[i+2] == 'ل') {
				b.WriteString("w")
			} else {
				b.WriteString("u")
			}
		case 'ي':
			if i == 0 || prevVowel || next == 'ا' {
				b.WriteString("y")
			} else {
				b.WriteString("i")
			}
		case 'ع', 'ء':
			if i == 0 {
				b.WriteString("a")
			}
		default:
			if s, ok := persianLetters[r]; ok && persian {
				b.WriteString(s)
			} else if s, ok := arabicLetters[r]; ok {
				b.WriteString(s)
			}
		}
	}
	return b.String()
}

// hebrewLetters romanises Hebrew consonants as Israeli names are spelt in
// English (the Academy of the Hebrew Language's 2006 simple transcription,
// without its vowel points, which names are not written with): final
// forms as their letters; ח and כ as kh, ב as v and פ as f except at the
// start of a word (Avraham, Yosef; Binyamin, Peretz), where the letter
// is usually the stop.
var hebrewLetters = map[rune]string{
	'ב': "v", 'ג': "g", 'ד': "d", 'ה': "h", 'ז': "z", 'ח': "kh", 'ט': "t", 'כ': "kh", 'ך': "kh",
	'ל': "l", 'מ': "m", 'ם': "m", 'נ': "n", 'ן': "n", 'ס': "s", 'פ': "f", 'ף': "f", 'צ': "ts",
	'ץ': "ts", 'ק': "k", 'ר': "r", 'ש': "sh", 'ת': "t",
}

// hebrewWord romanises a Hebrew word as a bare skeleton: א and ע are
// unwritten but at the start (a vowel), ו and י are vowels (u, i) but at
// the start and doubled (v, y), as in Arabic.
func hebrewWord(w []rune, bare map[string]bool) string {
	// בן is "son of", which lists write ben and the matcher drops (BEN
	// PAZI, Neriya; GOPSTEIN, Ben-Zion).
	if string(w) == "בן" {
		return "ben"
	}
	var b strings.Builder
	for i := 0; i < len(w); i++ {
		r := w[i]
		if r >= 0x0591 && r <= 0x05C7 && r != 0x05BE {
			continue // points and cantillation
		}
		double := i+1 < len(w) && w[i+1] == r
		switch {
		case r == 'א' || r == 'ע':
			if i == 0 {
				b.WriteString("a")
			}
		case r == 'ו':
			if i == 0 || double {
				b.WriteString("v")
				if double {
					i++
				}
			} else {
				b.WriteString("u")
			}
		case r == 'י':
			if i == 0 || double {
				b.WriteString("y")
				if double {
					i++
				}
			} else {
				b.WriteString("i")
			}
		case r == 'פ' && i == 0:
			b.WriteString("p")
		case r == 'ב' && i == 0:
			b.WriteString("b")
		case r == 'כ' && i == 0:
			b.WriteString("k")
		default:
			b.WriteString(hebrewLetters[r])
		}
	}
	t := b.String()
	bare[t] = true
	return t
}

// Devanagari after ISO 15919 with the diacritics folded, and the Hindi
// spellings people use for names: ch for c, sh for ś and ṣ, the inherent
// a not written at the end of a word (Atul, not Atula), anusvara and
// candrabindu as n (m before a labial).
var (
	devaConsonant = map[rune]string{
		'क': "k", 'ख': "kh", 'ग': "g", 'घ': "gh", 'ङ': "n", 'च': "ch", 'छ': "chh", 'ज': "j", 'झ': "jh",
		'ञ': "n", 'ट': "t", 'ठ': "th", 'ड': "d", 'ढ': "dh", 'ण': "n", 'त': "t", 'थ': "th", 'द': "d",
		'ध': "dh", 'न': "n", 'प': "p", 'फ': "ph", 'ब': "b", 'भ': "bh", 'म': "m", 'य': "y", 'र': "r",
		'ल': "l", 'व': "v", 'श': "sh", 'ष': "sh", 'स': "s", 'ह': "h", 'ळ': "l",
		0x0958: "q", 0x0959: "kh", 0x095A: "gh", 0x095B: "z", 0x095C: "r", 0x095D: "rh", 0x095E: "f", 0x095F: "y",
	}
	devaVowel = map[rune]string{
		'अ': "a", 'आ': "a", 'इ': "i", 'ई': "i", 'उ': "u", 'ऊ': "u", 'ऋ': "ri", 'ए': "e", 'ऐ': "ai",
		'ओ': "o", 'औ': "au", 'ऑ': "o",
	}
	// devaNukta gives the letter a consonant with a nukta after it makes
	// (क + ़ = क़), for text not in NFC.
	devaNukta = map[rune]rune{'क': 0x0958, 'ख': 0x0959, 'ग': 0x095A, 'ज': 0x095B, 'ड': 0x095C, 'ढ': 0x095D, 'फ': 0x095E, 'य': 0x095F}
	devaMatra = map[rune]string{
		'ा': "a", 'ि': "i", 'ी': "i", 'ु': "u", 'ू': "u", 'ृ': "ri", 'े': "e", 'ै': "ai", 'ो': "o",
		'ौ': "au", 'ॉ': "o",
	}
)

func devanagariWord(w []rune) string {
	var b strings.Builder
	for i := 0; i < len(w); i++ {
		r := w[i]
		next := rune(0)
		if i+1 < len(w) {
			next = w[i+1]
		}
		if next == '़' { // nukta: क + ़ is क़
			if n, ok := devaNukta[r]; ok {
				r = n
			}
			i++
			if i+1 < len(w) {
				next = w[i+1]
			} else {
				next = 0
			}
		}
		if c, ok := devaConsonant[r]; ok {
			b.WriteString(c)
			switch {
			case next == '्': // virama: no vowel
				i++
			case devaMatra[next] != "":
				b.WriteString(devaMatra[next])
				i++
			case next == 0:
				// The inherent a is not spoken at the end of a Hindi word.
			default:
				b.WriteString("a")
			}
			continue
		}
		if v, ok := devaVowel[r]; ok {
			b.WriteString(v)
			continue
		}
		switch r {
		case 'ं', 'ँ':
			if strings.ContainsRune("पफबभम", next) {
				b.WriteString("m")
			} else {
				b.WriteString("n")
			}
		case 'ः':
			b.WriteString("h")
		}
	}
	return b.String()
}

// bareSim is how a bare skeleton from a script that does not write short
// vowels compares with a listed Latin token: like two spellings that
// sound alike (soundSim) when they have one consonant skeleton of two
// letters or more and the listed token has a vowel of the kind each
// written long vowel is (Hussain for حسين has its i; Hassan has none, so
// it is not حسين), else 0.
func bareSim(q, l string) float32 {
	// A compound with abd reads with and without its article alike
	// (عبدالكريم, abdulkrim, meets Abd al-Karim, abdkarim, and
	// Abdulkarim).
	if strings.HasPrefix(q, "abd") && strings.HasPrefix(l, "abd") {
		q, l = abdStrip(q), abdStrip(l)
	}
	if !sameSkeleton(q, l) || !sameSibilants(q, l) {
		return 0
	}
	for _, v := range [...]struct {
		q byte
		l string
	}{{'a', "aeo"}, {'i', "iey"}, {'u', "uow"}} {
		if strings.IndexByte(q[1:], v.q) >= 0 && !strings.ContainsAny(l[1:], v.l) {
			return 0
		}
	}
	return soundSim
}

// sameSibilants reports whether q and l have their s, z and sh sounds in
// one order: the skeleton merges them (Persian and Turkic spellings cross
// them), but a script that writes ز, س and ش apart says which one it is
// (ظريف Zarif is not Sharif).
func sameSibilants(q, l string) bool {
	var bq, bl [16]byte
	return string(sibilants(bq[:0], q)) == string(sibilants(bl[:0], l))
}

func sibilants(b []byte, t string) []byte {
	for i := 0; i < len(t) && len(b) < cap(b); i++ {
		c := t[i]
		switch {
		case c == 's' && strings.HasPrefix(t[i+1:], "h"):
			c = 'x'
			i++
		case c == 's' && strings.HasPrefix(t[i+1:], "ch"):
			c = 'x'
			i += 2
		case c == 'z' && strings.HasPrefix(t[i+1:], "h"):
			i++
		case c != 's' && c != 'z':
			continue
		}
		if len(b) == 0 || b[len(b)-1] != c {
			b = append(b, c)
		}
	}
	return b
}

// abdStrip returns a compound with abd ("servant of") without the
// article after abd, as abdKey reads it: abdulkarim and abdelkarim as
// abdkarim, abdurrahman as abdrahman. Other tokens are returned as they
// are.
func abdStrip(t string) string {
	if !strings.HasPrefix(t, "abd") {
		return t
	}
	r := t[3:]
	for len(r) > 0 && strings.IndexByte("aeiou", r[0]) >= 0 {
		r = r[1:]
	}
	if len(r) > 1 && r[0] == 'l' && !isVowel(r[1]) {
		r = r[1:]
	}
	if len(r) > 1 && r[0] == r[1] {
		r = r[1:]
	}
	if len(r) < 3 {
		return t
	}
	return "abd" + r
}
