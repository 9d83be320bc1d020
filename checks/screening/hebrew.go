package screening

// Hebrew-script queries against Latin-listed names. Hebrew writes few
// vowels, and the letters it does write stand for more than one Latin
// spelling: ו is o, u or v (יינון Yinon, לוי Levi), י is y, i, e or a
// diphthong (גופשטיין Gopstein), פ p or f, ב b or v, צ ts, tz or z (צבי
// Zvi), ח and כ kh, ch or h (אביחי Avichai), ש sh or s, a final ה a vowel
// or nothing (סויסה Suissa). hebrewWord writes one reading; hebrewSim
// matches that reading against a listed token letter unit by letter unit,
// each unit taking any of its Latin spellings and the vowels Hebrew does
// not write allowed between units and at the end. Sources: the Academy of
// the Hebrew Language's rules of transcription into Latin letters (2006,
// simple version) and the spellings of Israeli names on the OFAC list
// (GOPSTEIN, Ben-Zion; BAR YOSEF, Zvi; SUISSA, Avichai; LEVI, Yinon).

// hebrewUnits are hebrewWord's output units, longest first, with the Latin
// spellings each may be. "a" is an א or ע that opens the word (a vowel of
// any colour, or none); "u" and "i" are ו and י inside a word, "v" and "y"
// the same letters at the start or doubled (or ב for v).
var hebrewUnits = []struct {
	unit  string
	latin []string
}{
	{"kh", []string{"kh", "ch", "h", "k", "c", "ck"}},
	{"ts", []string{"tz", "ts", "z", "tzs", "s", "zz"}},
	{"sh", []string{"sch", "sh", "ss", "s", "sz"}},
	{"a", []string{"a", "e", "i", "o", "u", ""}},
	{"u", []string{"oo", "ou", "o", "u", "v", "w", ""}},
	{"i", []string{"iy", "ee", "ei", "ai", "i", "e", "y", ""}},
	{"y", []string{"y", "j", "ei", "ey", "ai", "ay", "i", "e"}},
	{"v", []string{"vv", "v", "b", "w"}},
	{"b", []string{"b", "v"}},
	{"p", []string{"ph", "p", "f"}},
	{"f", []string{"ph", "ff", "pp", "f", "p"}},
	{"k", []string{"kh", "ch", "ck", "k", "c", "q"}},
	{"g", []string{"gh", "g", "j"}},
	{"h", []string{"h", ""}},
	{"t", []string{"th", "tt", "t"}},
	{"d", []string{"dd", "d"}},
	{"z", []string{"zz", "z", "s"}},
	{"s", []string{"ss", "s", "c"}},
	{"l", []string{"ll", "l"}},
	{"m", []string{"mm", "m"}},
	{"n", []string{"nn", "n"}},
	{"r", []string{"rr", "r"}},
}

// hebrewSplit splits a hebrewWord reading into its units; nil if some
// part is none.
func hebrewSplit(q string) []int {
	var units []int
	for i := 0; i < len(q); {
		found := false
		for u, hu := range hebrewUnits {
			if len(q)-i >= len(hu.unit) && q[i:i+len(hu.unit)] == hu.unit {
				units = append(units, u)
				i += len(hu.unit)
				found = true
				break
			}
		}
		if !found {
			return nil
		}
	}
	return units
}

// maxHebrewUnits bounds the units matched: longer words are no names.
const maxHebrewUnits = 16

// hebrewSim is how a Hebrew word's reading q compares with a listed
// Latin token l: soundSim when l spells q unit by unit, with unwritten
// vowels between units and at the end, and q or l has two consonants or
// more; else 0.
func hebrewSim(q, l string) float32 {
	units := hebrewSplit(q)
	if len(units) == 0 || len(units) > maxHebrewUnits || !isASCII(l) || len(l) > 32 {
		return 0
	}
	cons := 0
	for _, u := range units {
		switch hebrewUnits[u].unit {
		case "a", "u", "i", "h":
		default:
			cons++
		}
	}
	// Two consonants, written or met: לוי is one written consonant, and
	// Levi has two, Lu one (ו read as a vowel).
	if cons == 0 || cons < 2 && len(skeleton(l)) < 2 {
		return 0
	}
	if hebrewMatch(q, 0, l, 0) {
		return soundSim
	}
	return 0
}

// hebrewMatch reports whether l[j:] spells q[i:], unit by unit. The
// reading is split as it goes, every way it splits: כהן reads khn, which
// is k+h+n (Cohen) as well as kh+n. Unwritten vowels may follow any unit
// (never open the word: a Hebrew word that starts with a vowel writes it
// with א, ע, י or ו).
func hebrewMatch(q string, i int, l string, j int) bool {
	if i == len(q) {
		for ; j < len(l); j++ {
			if !isVowel(l[j]) || l[j] == 'y' {
				return false
			}
		}
		return true
	}
	for _, hu := range hebrewUnits {
		if len(q)-i < len(hu.unit) || q[i:i+len(hu.unit)] != hu.unit {
			continue
		}
		for _, sp := range hu.latin {
			if len(l)-j < len(sp) || l[j:j+len(sp)] != sp {
				continue
			}
			// Vowels the script leaves out, after this unit.
			for k := j + len(sp); ; k++ {
				if hebrewMatch(q, i+len(hu.unit), l, k) {
					return true
				}
				if k >= len(l) || !isVowel(l[k]) || l[k] == 'y' {
					break
				}
			}
		}
	}
	return false
}

// hebrewSkeletons returns the consonant skeletons (skeleton) the Latin
// spellings of a Hebrew reading may have, so that the shortlist finds
// listed tokens by them: at most maxHebrewSkeletons.
func hebrewSkeletons(q string) []string {
	units := hebrewSplit(q)
	if len(units) == 0 || len(units) > maxHebrewUnits {
		return nil
	}
	outs := []string{""}
	for _, u := range units {
		var next []string
		for _, o := range outs {
			for _, sp := range hebrewSkeletonChoices(hebrewUnits[u].unit) {
				if len(next) < maxHebrewSkeletons {
					next = append(next, o+sp)
				}
			}
		}
		outs = next
	}
	var keys []string
	for _, o := range outs {
		if k := skeleton(o); len(k) >= 2 && !contains(keys, k) {
			keys = append(keys, k)
		}
	}
	return keys
}

const maxHebrewSkeletons = 32

// hebrewSkeletonChoices are the spellings of a unit that give different
// consonant skeletons (vowels all read alike there).
func hebrewSkeletonChoices(unit string) []string {
	switch unit {
	case "u":
		return []string{"o", "v"}
	case "i":
		return []string{"i"}
	case "y":
		return []string{"y", "i"}
	case "v", "b":
		return []string{"v", "b"}
	case "p", "f":
		return []string{"p", "f"}
	case "kh":
		return []string{"k", "h"}
	case "ts":
		return []string{"ts", "z"}
	case "a":
		return []string{"a"}
	}
	return []string{unit}
}
