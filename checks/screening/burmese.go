package screening

import "strings"

// Burmese names are listed in the conventional romanisation Myanmar's own
// passports and the lists use (HLAING, Min Aung; WIN, Soe; SWE, Myint):
// one token per syllable, onset + rhyme, with the creaky tone of a nasal
// rhyme written as a final t (မြင့် Myint, ညွန့် Nyunt). burmeseWord reads
// a Burmese word that way. It is a reading for names, not a
// transliteration: tones other than the creaky nasal are not written, and
// the letters one sound has several of share one spelling. Sources: the
// Myanmar Language Commission's transcription tables as reproduced in
// the Wikipedia article "Romanization of Burmese" (the conventional
// column) and the spellings of Burmese names on the OFAC and EU lists.

// burmeseOnset is the conventional spelling of each consonant U+1000 to
// U+1021 as a syllable's onset; အ (U+1021) carries a vowel alone.
var burmeseOnset = [...]string{
	"k", "kh", "g", "g", "ng", "s", "s", "z", "z", "ny", // က ခ ဂ ဃ င စ ဆ ဇ ဈ ဉ
	"ny", "t", "ht", "d", "d", "n", "t", "ht", "d", "d", // ည ဋ ဌ ဍ ဎ ဏ တ ထ ဒ ဓ
	"n", "p", "ph", "b", "b", "m", "y", "y", "l", "w", // န ပ ဖ ဗ ဘ မ ယ ရ လ ဝ
	"th", "h", "l", "", // သ ဟ ဠ အ
}

// Burmese signs, by code point.
const (
	myAa       = 0x102C // ာ
	myTallAa   = 0x102B // ါ
	myI        = 0x102D // ိ
	myIi       = 0x102E // ီ
	myU        = 0x102F // ု
	myUu       = 0x1030 // ူ
	myE        = 0x1031 // ေ
	myAi       = 0x1032 // ဲ
	myAnusvara = 0x1036 // ံ
	myDotBelow = 0x1037 // ့ creaky tone
	myVisarga  = 0x1038 // း high tone
	myVirama   = 0x1039 // ္ stacks the next consonant
	myAsat     = 0x103A // ် kills the inherent vowel: a final
	myMedialY  = 0x103B // ျ
	myMedialR  = 0x103C // ြ
	myMedialW  = 0x103D // ွ
	myMedialH  = 0x103E // ှ
)

func isBurmeseConsonant(r rune) bool { return r >= 0x1000 && r <= 0x1021 }

// burmeseWord splits a Burmese word into syllables and spells each as a
// token: a consonant starts a syllable unless an asat or virama after it
// makes it the final of the one before.
func burmeseWord(w []rune) string {
	var toks []string
	start := -1
	for i := 0; i <= len(w); i++ {
		newSyl := i == len(w)
		if !newSyl {
			r := w[i]
			// The creaky-tone dot is stored before the asat (င့်).
			k := i + 1
			for k < len(w) && w[k] == myDotBelow {
				k++
			}
			final := k < len(w) && (w[k] == myAsat || w[k] == myVirama)
			switch {
			case isBurmeseConsonant(r) && !final:
				newSyl = true
			case r >= 0x1023 && r <= 0x102A: // independent vowels
				newSyl = true
			}
		}
		if newSyl && start >= 0 {
			if t := burmeseSyllable(w[start:i], len(toks) == 0); t != "" {
				toks = append(toks, t)
			}
			start = -1
		}
		if i < len(w) && newSyl {
			start = i
		}
	}
	return strings.Join(toks, " ")
}

// burmeseSyllable spells one syllable: onset (with its medials), then the
// rhyme its vowel signs and final make.
func burmeseSyllable(s []rune, first bool) string {
	var onset string
	switch r := s[0]; {
	case isBurmeseConsonant(r):
		onset = burmeseOnset[r-0x1000]
	case r == 0x1025: // ဥ
		return "u"
	case r == 0x1026: // ဦ: the honorific U opening a name, else Oo
		if first {
			return "u"
		}
		return "oo"
	case r == 0x1023 || r == 0x1024: // ဣ ဤ
		return "i"
	case r == 0x1027: // ဧ
		return "e"
	case r == 0x1029 || r == 0x102A: // ဩ ဪ
		return "aw"
	default:
		return ""
	}
	var (
		y, w, h  bool
		i, u, uu bool
		e, a, ai bool
		anusvara bool
		creaky   bool
		final    rune
	)
	for j := 1; j < len(s); j++ {
		switch r := s[j]; r {
		case myMedialY, myMedialR:
			y = true
		case myMedialW:
			w = true
		case myMedialH:
			h = true
		case myI, myIi:
			i = true
		case myU:
			u = true
		case myUu:
			u, uu = true, true
		case myE:
			e = true
		case myAa, myTallAa:
			a = true
		case myAi:
			ai = true
		case myAnusvara:
			anusvara = true
		case myDotBelow:
			creaky = true
		case myAsat, myVirama, myVisarga:
		default:
			if isBurmeseConsonant(r) {
				final = r
			}
		}
	}
	// Onset with its medials: ky, my, hl, hm, sh (ရှ, ယှ), ch (ချ).
	switch {
	case h && (onset == "y"):
		onset = "sh"
	case h:
		onset = "h" + onset
	}
	if y {
		if onset == "kh" {
			onset = "ch"
		} else if onset != "sh" {
			onset += "y"
		}
	}
	nasal := anusvara || final == 0x1004 || final == 0x1014 || final == 0x1019 || final == 0x1009 // င န မ ဉ
	var rhyme string
	switch {
	case final == 0x1004 && i && u: // ိုင်
		rhyme = "aing"
	case final == 0x1004 && e && a: // ောင်
		rhyme = "aung"
	case final == 0x1004, final == 0x1009: // င် ဉ်
		rhyme = "in"
	case final == 0x1000 && i && u: // ိုက်
		rhyme = "aik"
	case final == 0x1000 && e && a: // ောက်
		rhyme = "auk"
	case final == 0x1000: // က်
		rhyme = "et"
	case final == 0x1005: // စ်
		rhyme = "it"
	case final == 0x100A: // ည်
		rhyme = "i"
	case final == 0x1010 || final == 0x1015: // တ် ပ်
		switch {
		case w:
			rhyme, w = "ut", false
		case i:
			rhyme = "eik"
		case u:
			rhyme = "ok"
		default:
			rhyme = "at"
		}
	case nasal: // န် မ် ံ
		switch {
		case w:
			rhyme, w = "un", false
		case i:
			rhyme = "ein"
		case u:
			rhyme = "on"
		default:
			rhyme = "an"
		}
	case e && a: // ော, ော်
		rhyme = "aw"
	case i && u: // ို: Soe after s, else Ko, Myo
		rhyme = "o"
		if onset == "s" {
			rhyme = "oe"
		}
	case e:
		rhyme = "e"
		if onset == "" {
			rhyme = "aye" // အေး Aye
		}
	case ai:
		rhyme = "e"
	case i:
		rhyme = "i"
	case uu: // ူ Htoo
		rhyme = "oo"
	case u:
		rhyme = "u"
	default:
		rhyme = "a"
	}
	if w {
		onset += "w"
	}
	if creaky && nasal && final != 0 {
		rhyme += "t" // Myint, Nyunt, Thant
	}
	return onset + rhyme
}
