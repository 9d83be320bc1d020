package name

import (
	_ "embed"
	"strings"
	"sync"
)

// tsCharacters is OpenCC's traditional → simplified character table
// (opencc/README.md).
//
//go:embed opencc/TSCharacters.txt
var tsCharacters string

var tsMap = sync.OnceValue(func() map[rune]rune {
	m := make(map[rune]rune, 4200)
	for _, line := range strings.Split(tsCharacters, "\n") {
		from, to, ok := strings.Cut(line, "\t")
		if !ok {
			continue
		}
		f, tos := []rune(from), strings.Fields(to)
		if len(f) != 1 || len(tos) == 0 {
			continue
		}
		if t := []rune(tos[0]); len(t) == 1 {
			m[f[0]] = t[0]
		}
	}
	return m
})

// FoldHan writes each traditional Chinese character of s in its
// simplified form (黃 → 黄, 楊 → 杨), leaving every other character as it
// is. Two spellings of one name in the two scripts then compare equal: a
// Hong Kong or Taiwan resident types 黃大文 while a reader trained mostly
// on simplified text reads 黄大文, and a mainland form may hold 黄大文 for
// a card printing 黃大文. A character with several simplified forms takes
// OpenCC's first.
func FoldHan(s string) string {
	m := tsMap()
	return strings.Map(func(r rune) rune {
		if t, ok := m[r]; ok {
			return t
		}
		return r
	}, s)
}
