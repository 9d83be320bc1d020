package screening

import "strings"

// Burmese names have no family name: each word is one syllable of the
// name, spelt in the conventional romanisation burmeseWord writes (the
// Myanmar Language Commission's conventional column; see burmese.go), and
// the lists put the first syllable before the comma (SOE, Thein; AYE,
// Than Than). Those syllables are few, so, as with Korean ones, a letter
// apart at the start is another syllable, not a slip: Hein is not Thein.
// isBurmeseSyllable recognises a token that is wholly one such
// syllable: an onset (with its medials) and a rhyme from the tables below.

// burmeseOnsets are the onsets burmeseSyllable writes, medials included,
// plus the customary hs for ဆ.
var burmeseOnsets = [...]string{
	"", "k", "kh", "g", "ng", "s", "hs", "z", "ny", "t", "ht", "d", "n", "p", "ph", "b", "m", "y", "l", "w", "th", "h",
	"sh", "ch", "ky", "khy", "gy", "py", "phy", "by", "my", "hl", "hm", "hn", "hny", "hmy", "j",
	"kw", "khw", "gw", "sw", "zw", "tw", "htw", "thw", "nw", "pw", "mw", "lw", "hlw", "shw", "yw", "hw",
}

// burmeseRhymes are the rhymes burmeseSyllable writes, the creaky-tone
// final t of the nasal ones included (Myint, Nyunt, Thant, Eint).
var burmeseRhymes = map[string]bool{
	"a": true, "i": true, "u": true, "e": true, "o": true, "oo": true, "aw": true, "aye": true, "ay": true, "oe": true,
	"in": true, "an": true, "un": true, "on": true, "ein": true, "aing": true, "aung": true, "yin": true,
	"int": true, "ant": true, "unt": true, "ont": true, "eint": true, "aint": true,
	"et": true, "it": true, "at": true, "ut": true, "ok": true, "aik": true, "auk": true, "eik": true,
}

// isBurmeseSyllable reports whether t is one Burmese syllable in the
// conventional romanisation (two to six letters).
func isBurmeseSyllable(t string) bool {
	_, ok := burmeseOnsetOf(t)
	return ok
}

// burmeseOnsetOf returns the onset of t read as one Burmese syllable,
// the longest that leaves a rhyme, and whether t reads so.
func burmeseOnsetOf(t string) (string, bool) {
	if len(t) < 2 || len(t) > 6 {
		return "", false
	}
	best, ok := "", false
	for _, o := range burmeseOnsets {
		if strings.HasPrefix(t, o) && burmeseRhymes[t[len(o):]] && (!ok || len(o) > len(best)) {
			best, ok = o, true
		}
	}
	return best, ok
}

// plainOnset is an onset without the h the romanisations write for
// aspiration and for the voiceless nasals and laterals, which the lists
// write or leave out for one letter (Khaing and Kaing, Thaing and Taing,
// Hsaing and Saing, Hlaing).
func plainOnset(o string) string { return strings.ReplaceAll(o, "h", "") }

// otherBurmese reports whether a and b are Burmese syllables with
// different onsets, aspiration aside (Hein and Thein, Hein and Khin),
// neither a given name given.txt knows nor a Korean or pinyin syllable
// (their own rules decide those), so that spelling or a reading rule alone
// does not pair them. Rhymes are left alone: the lists write one rhyme
// several ways (Khet and Khat for one person).
func otherBurmese(a, b string) bool {
	if a == b {
		return false
	}
	oa, ok := burmeseOnsetOf(a)
	if !ok {
		return false
	}
	ob, ok := burmeseOnsetOf(b)
	if !ok || plainOnset(oa) == plainOnset(ob) {
		return false
	}
	k := kb()
	for _, t := range [2]string{a, b} {
		if len(k.given[t]) > 0 || len(k.korean[t]) > 0 || isSyllable(t) {
			return false
		}
	}
	return true
}
