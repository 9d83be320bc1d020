package screening

import (
	"sort"
	"strconv"
	"strings"
)

// Hong Kong spellings of mainland names. The press and Hong Kong documents
// write a mainland official's name in Cantonese (Fok Lau-kwan, Lee
// Sheung-fuk) where the lists give pinyin (HUO, Liujun; LI, Shangfu). A
// Cantonese syllable stands for the Mandarin syllables of the characters
// read so in Cantonese: cantopinyin.gen.tsv counts them, generated from
// the Cantonese readings (cantonese.gen.tsv) and go-pinyin's Mandarin
// ones, so nothing here is typed by hand.
const (
	// cantoMinShare is the share of a Cantonese syllable's characters a
	// Mandarin syllable needs to be one of its readings, and cantoMinChars
	// the fewest characters: the table counts every character, rare ones
	// included, so a reading a few obscure characters have is noise
	// (fok: jue 11, huo 10, he 1 keeps jue and huo).
	cantoMinShare = 0.05
	cantoMinChars = 3
	// maxCantoVars bounds the pinyin readings of one spelling: most
	// syllables have two to four, so a two-syllable given name has up to
	// sixteen; most likely first.
	maxCantoVars = 16
	// maxCantoSyl is the longest Hong Kong syllable spelling (cheung,
	// sheung, kwong).
	maxCantoSyl = 6
)

// loadCantoPinyin reads cantopinyin.gen.tsv into cantoPyKey(Hong Kong
// spelling) -> pinyin syllables, most characters first.
func loadCantoPinyin() map[string][]string {
	counts := map[string]map[string]int{}
	eachLine("names/cantopinyin.gen.tsv", func(f []string) {
		if len(f) != 2 {
			return
		}
		key := cantoPyKey(hkRoman(f[0]))
		if counts[key] == nil {
			counts[key] = map[string]int{}
		}
		for _, pc := range strings.Fields(f[1]) {
			py, n, ok := strings.Cut(pc, ":")
			c, err := strconv.Atoi(n)
			if !ok || err != nil {
				continue
			}
			counts[key][py] += c
		}
	})
	m := make(map[string][]string, len(counts))
	for key, cs := range counts {
		total := 0
		for _, c := range cs {
			total += c
		}
		var pys []string
		for py, c := range cs {
			if c >= cantoMinChars && float64(c) >= cantoMinShare*float64(total) {
				pys = append(pys, py)
			}
		}
		sort.Slice(pys, func(i, j int) bool {
			if cs[pys[i]] != cs[pys[j]] {
				return cs[pys[i]] > cs[pys[j]]
			}
			return pys[i] < pys[j]
		})
		if len(pys) > 0 {
			m[key] = pys
		}
	}
	return m
}

// cantoPyKey evens out a Hong Kong spelling of one syllable for the
// pinyin table: cantoKey's evening-out, and sh for s, which Hong Kong
// writes before some vowels and not others (Sheung and Seung for 常,
// Shing and Sing for 成).
func cantoPyKey(t string) string {
	if strings.HasPrefix(t, "sh") {
		t = "s" + t[2:]
	}
	return cantoKey(t)
}

// cantoPinyinKeys adds, for a spelling made of one to three Hong Kong
// syllables, every pinyin it may stand for (keyWade, the kind pinyin
// given names key as): fok → huo, laukwan → liujun. Syllables of one
// letter (m, a) are not read: they would split almost any name.
//
// A spelling that splits into as few Korean syllables is left alone: Korean
// names are written in the same letters (Man Chun, Kwang Il, Pak), and read
// as Cantonese they would meet Chinese names (Minjun, Kim Man Chun).
func (k *knowledgeBase) cantoPinyinKeys(t string, add func(byte, string)) {
	// A known given name or short form is not a Cantonese spelling (Chuy
	// is Jesus, not 徐 Xu).
	if len(t) > 3*maxCantoSyl || !isASCII(t) || len(k.given[t]) > 0 || len(k.nick[t]) > 0 {
		return
	}
	fewest := 4
	out := k.cantoRead(t, 0, 3, "", nil, &fewest)
	if len(out) == 0 {
		return
	}
	if kr := k.koreanKeys(t); len(kr) > 0 && strings.Count(kr[0], ".") <= fewest {
		return
	}
	for _, v := range out {
		add(keyWade, v)
	}
}

// cantoRead appends to out every pinyin reading of t[i:] as at most left
// Hong Kong syllables, each after prefix, and lowers *fewest to the fewest
// syllables a reading takes.
func (k *knowledgeBase) cantoRead(t string, i, left int, prefix string, out []string, fewest *int) []string {
	if i == len(t) {
		*fewest = min(*fewest, 3-left)
		if len(out) < maxCantoVars && !contains(out, prefix) {
			out = append(out, prefix)
		}
		return out
	}
	if left == 0 {
		return out
	}
	for l := min(maxCantoSyl, len(t)-i); l >= 2; l-- {
		for _, py := range k.cantoPy[cantoPyKey(t[i:i+l])] {
			out = k.cantoRead(t, i+l, left-1, prefix+py, out, fewest)
		}
	}
	return out
}
