package screening

import "strings"

// keyWade is the kind of key that carries a Chinese given name's pinyin
// (wadegiles.tsv): Pao-lung and Baolong share w:baolong.
const keyWade = 'w'

// maxWadeVars bounds the pinyin readings of one Wade-Giles spelling. With
// the apostrophes gone, most syllables stand for two pinyin ones
// (chien: jian or qian; kuo: guo or kuo) and chuan for four, so a
// two-syllable name has up to eight readings.
const maxWadeVars = 16

// loadWade reads wadegiles.tsv into folded Wade-Giles syllable -> pinyin
// syllables. Folded as people type them: no apostrophe, no umlaut or
// circumflex (Ch'üan → chuan).
func loadWade() (map[string][]string, int) {
	m := map[string][]string{}
	longest := 0
	eachLine("names/wadegiles.tsv", func(f []string) {
		if len(f) != 2 {
			return
		}
		py := foldLatin(f[0])
		for _, w := range strings.Fields(f[1]) {
			w = strings.ReplaceAll(foldLatin(w), "'", "")
			if !contains(m[w], py) {
				m[w] = append(m[w], py)
			}
			longest = max(longest, len(w))
		}
	})
	return m, longest
}

// wadeKeys returns the keys that let a Chinese given name written in
// Wade-Giles meet its pinyin: a pinyin syllable or word keys as itself,
// and a spelling made of one to three Wade-Giles syllables keys as each
// pinyin it may stand for. The Wade-Giles reading is taken only where
// the spelling is not pinyin already (Hsiao, Chienming, Lung), or where
// it was written apart and meets as a run (Chuan-kuo): a pinyin word
// read again as Wade-Giles would make Baolong and Paolong, or Dana and
// Tana, one name.
func (k *knowledgeBase) wadeKeys(t string, joined bool, add func(byte, string)) {
	if len(t) > 18 || !isASCII(t) {
		return
	}
	pinyin := isSyllable(t) || isPinyinWord(t)
	if pinyin {
		add(keyWade, t)
	}
	if pinyin && !joined {
		return
	}
	out := k.wadeRead(t, 0, 3, "", nil)
	for _, v := range out {
		add(keyWade, v)
	}
	k.cantoPinyinKeys(t, add)
}

// wadeRead appends to out every pinyin reading of t[i:] as at most left
// Wade-Giles syllables, each after prefix.
func (k *knowledgeBase) wadeRead(t string, i, left int, prefix string, out []string) []string {
	if i == len(t) {
		if len(out) < maxWadeVars && !contains(out, prefix) {
			out = append(out, prefix)
		}
		return out
	}
	if left == 0 {
		return out
	}
	for l := min(k.wadeMax, len(t)-i); l >= 1; l-- {
		for _, py := range k.wade[t[i:i+l]] {
			out = k.wadeRead(t, i+l, left-1, prefix+py, out)
		}
	}
	return out
}
