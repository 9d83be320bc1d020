package screening

import "strings"

// trigrams returns the padded character trigrams of t ("$ab", "abc", ...,
// "yz$"), the n-gram road from a misspelt token to listed ones. Tokens of
// one or two characters yield their padded forms.
func trigrams(t string) []string {
	r := []rune("$" + t + "$")
	if len(r) < 3 {
		return []string{string(r)}
	}
	out := make([]string, 0, len(r)-2)
	for i := 0; i+3 <= len(r); i++ {
		out = append(out, string(r[i:i+3]))
	}
	return out
}

// skeleton is a crude phonetic key for romanised names: the first letter
// (any vowel as "a"), then the consonants with sound-alike letters merged
// and repeats collapsed. Mohammed, Muhammad and Mohamad share "mmt"; Osama
// and Usama share "asm". It only proposes candidates; Jaro-Winkler decides.
// Non-ASCII tokens get no key.
func skeleton(t string) string {
	if !isASCII(t) || t == "" {
		return ""
	}
	return string(appendSkeleton(make([]byte, 0, len(t)), t))
}

// sameSkeleton reports whether two ASCII tokens have one skeleton of two
// letters or more, without allocating: the comparisons call it on every
// pair Jaro-Winkler brings near.
func sameSkeleton(a, b string) bool {
	if !isASCII(a) || !isASCII(b) || a == "" || b == "" || len(a) > 32 || len(b) > 32 {
		return false
	}
	var ba, bb [32]byte
	ka, kb := appendSkeleton(ba[:0], a), appendSkeleton(bb[:0], b)
	return len(ka) >= 2 && string(ka) == string(kb)
}

func appendSkeleton(b []byte, t string) []byte {
	var last byte
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch {
		case c == 'p' && i+1 < len(t) && t[i+1] == 'h':
			c = 'f'
			i++
		case c == 'k' && i+1 < len(t) && t[i+1] == 'h', c == 'q', c == 'c':
			c = 'k'
		case c == 'z':
			c = 's'
		case c == 'd':
			c = 't'
		case c == 'g':
			c = 'j'
		case c == 'w':
			c = 'v'
		}
		if i == 0 {
			if isVowel(c) {
				c = 'a'
			}
		} else if isVowel(c) || c == 'h' {
			continue
		}
		if c != last {
			b = append(b, c)
			last = c
		}
	}
	return b
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

// soundKey is a token as it sounds across the romanisation habits of
// Arabic, Persian, Turkic and Slavic names: one spelling for the sounds
// English, French, German and Polish write differently (q/k/c, w/v, y/j/i,
// ou/oo/u, kh/h, sch/sz/sh, tsch/tch/cz/ch), the vowels Arabic does not
// distinguish (e/i, o/u) merged, doubled letters collapsed and a final h
// dropped: Rifqi and Rifki, Tawfiq and Taufik, Qasem and Qasim,
// Jussuf and Yusuf read alike. Tokens shorter than four letters get none
// (one sound apart they are other names).
func soundKey(t string) string {
	if len(t) < 4 || !isASCII(t) {
		return ""
	}
	// Persian family names in -nezhad (نژاد, "of the lineage of") are
	// written -nejad, -nejhad and -nezhad alike.
	for _, s := range [...]string{"nezhad", "nejhad", "nejad", "nezhaad"} {
		if strings.HasSuffix(t, s) && len(t) > len(s)+2 {
			t = t[:len(t)-len(s)] + "nejad"
			break
		}
	}
	b := make([]byte, 0, len(t))
	for i := 0; i < len(t); i++ {
		c := t[i]
		rest := t[i:]
		switch {
		case strings.HasPrefix(rest, "tsch"):
			b, i = append(b, 'C'), i+3
			continue
		case strings.HasPrefix(rest, "sch"), strings.HasPrefix(rest, "tch"):
			b, i = append(b, "SC"[boolIdx(rest[0] == 't')]), i+2
			continue
		case strings.HasPrefix(rest, "sh"), strings.HasPrefix(rest, "sz"):
			b, i = append(b, 'S'), i+1
			continue
		case strings.HasPrefix(rest, "ch"), strings.HasPrefix(rest, "cz"):
			b, i = append(b, 'C'), i+1
			continue
		case strings.HasPrefix(rest, "kh"), strings.HasPrefix(rest, "gh"), strings.HasPrefix(rest, "dh"),
			strings.HasPrefix(rest, "th"), strings.HasPrefix(rest, "ph"):
			c = map[byte]byte{'k': 'h', 'g': 'g', 'd': 'd', 't': 't', 'p': 'f'}[c]
			i++
		case strings.HasPrefix(rest, "ou"), strings.HasPrefix(rest, "oo"):
			c = 'u'
			i++
		case strings.HasPrefix(rest, "ee"):
			c = 'i'
			i++
		case (c == 'a' || c == 'e') && len(rest) > 2 && (rest[1] == 'y' || rest[1] == 'i') && !isVowel(rest[2]):
			// The diphthong ay/ai/ei before a consonant is written e or i
			// as often (Sulayman/Suleiman/Soliman, Dulaymi/Dolemy).
			c = 'i'
			i++
		case strings.HasPrefix(rest, "au"):
			b, i = append(b, 'a', 'v'), i+1
			continue
		case c == 'x':
			b = append(b, 'k', 's')
			continue
		}
		switch c {
		case 'q', 'c':
			c = 'k'
		case 'w':
			c = 'v'
		case 'y', 'j', 'e':
			c = 'i'
		case 'o':
			c = 'u'
		}
		if len(b) > 0 && b[len(b)-1] == c {
			continue
		}
		b = append(b, c)
	}
	if n := len(b); n > 1 && b[n-1] == 'h' {
		b = b[:n-1]
	}
	return string(b)
}

func boolIdx(v bool) int {
	if v {
		return 1
	}
	return 0
}

// keyFrame is the kind of key that carries a token's vowel frame.
const keyFrame = 'v'

// frameSim is what two spellings sharing only a vowel frame earn: enough
// to count as one name, but less than a table or a sound rule says, and
// below looseSpelling, so a common name beside it does not carry a hit,
// and below the threshold, so it never carries a name of one token.
const frameSim = 0.85

// vowelFrame is a token's consonants in order, each run of vowels one
// slot: Zamur and Zomor, Kurd and Kird, Wihab and Wahhab read z.m.r,
// k.rd, w.h.b. Arabic writes short vowels not at all, so its
// romanisations agree on the consonants and differ in the vowels, which
// neither Jaro-Winkler (Zamur/Zomor 0.76) nor the sound key (o/u but not
// a/o) brings together. A y or w after a vowel and before a consonant or
// the end closes a diphthong and is part of the slot (Fawz and Foz,
// Ulayq and Aliq); a final h after a vowel is a silent ta marbuta (Astah,
// Usta). Doubled consonants count once. The slots keep their places, so
// a nisba -i (Karim, Karimi) or a vowel left out (Hamidan, Hmidan) is
// another frame. "" for tokens of fewer than two consonants, where a
// frame is too little to say anything.
func vowelFrame(t string) string {
	if len(t) < 3 || len(t) > 32 || !isASCII(t) {
		return ""
	}
	var b [48]byte
	out, cons := b[:0], 0
	slot := false // the last thing written is a vowel slot
	for i := 0; i < len(t); i++ {
		c := t[i]
		vowel := strings.IndexByte("aeiou", c) >= 0
		if !vowel && (c == 'y' || c == 'w') && slot && (i+1 == len(t) || strings.IndexByte("aeiou", t[i+1]) < 0) {
			vowel = true
		}
		if !vowel && c == 'h' && slot && i+1 == len(t) {
			continue
		}
		if vowel {
			if !slot {
				out = append(out, '.')
				slot = true
			}
			continue
		}
		if !slot && len(out) > 0 && out[len(out)-1] == c {
			continue
		}
		out = append(out, c)
		slot = false
		cons++
	}
	if cons < 2 {
		return ""
	}
	// A final vowel keeps its kind: -i/-y/-ee is a nisba or the Persian
	// -i (Rezaee, Rezai), -a/-e a feminine or ta marbuta (Raza, Reza), -u/-o
	// another ending again.
	if slot {
		out = out[:len(out)-1]
		switch e := strings.TrimRight(t, "h"); e[len(e)-1] {
		case 'i', 'y':
			out = append(out, 'I')
		case 'u', 'o', 'w':
			out = append(out, 'U')
		default:
			if strings.HasSuffix(e, "ee") || strings.HasSuffix(e, "ie") {
				out = append(out, 'I')
			} else {
				out = append(out, 'A')
			}
		}
	}
	return string(out)
}

// frameKey is t's vowel frame as a key, unless t reads as Korean
// syllables or one Chinese syllable (keys holds what t has so far): Chan,
// Chen and Chun, Yong and Yang are other names, whose vowels are the
// difference. Pinyin words keep theirs, since most tokens of a few
// letters also split into pinyin syllables (Futuyo, Fatiyo); two of them
// never match by it (textKeySim).
func frameKey(t string, keys []string) string {
	for _, k := range keys {
		switch k[0] {
		case keyKorean, keyChinese, keyCanto:
			return ""
		}
	}
	if chineseSyllable(t) {
		return ""
	}
	return vowelFrame(t)
}

// frenchShKey is the sound key of t with a ch inside it read as sh, as
// French writes the Arabic and Persian sh (Darwich, Hachem, Bachir,
// Achraf for Darwish, Hashem, Bashir, Ashraf); "" when t has none or may
// be Chinese (Xiaochun is not Xiaoshun). The initial ch is textSim's
// (frenchCh). German sch and tch are left to the sound key.
func frenchShKey(t string) string {
	if len(t) < 5 || !isASCII(t) {
		return ""
	}
	i := strings.Index(t[1:], "ch") + 1
	if i <= 0 || t[i-1] == 's' || t[i-1] == 't' || isPinyinWord(t) {
		return ""
	}
	return soundKey(t[:i] + "sh" + t[i+2:])
}
