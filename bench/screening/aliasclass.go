package main

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Alias classes, decided from the two strings alone by the rule below and
// nothing of kycd's (no matcher, no name tables), so that the per-class
// figures cannot be flattered by the thing they measure.
//
// Tokens are the lower-case letter runs of a name with diacritics removed
// (hyphens, apostrophes and spaces all separate). Two tokens correspond
// when either
//   - their Levenshtein distance is at most max(1, ⌊longer/3⌋) and they
//     begin with the same letter or both with one of a e i o u y j
//     (Yevgeny/Evgeny, Iurii/Yuri), or
//   - their consonant skeletons are equal and at least two letters long
//     (skeleton: drop a e i o u y w h j, then collapse doubled letters:
//     Mohamed/Muhammad → mmd).
//
// A token may also correspond to two adjacent tokens of the other name
// written together (Yojong/Yo Jong, Abdulrahman/Abdul Rahman). Tokens are
// paired one to one (maximum matching). Then:
//
//	variant   every token of both names is paired: a spelling,
//	          transliteration, order, joining or typo of the same name
//	fewer     every alias token is paired, the primary name has more
//	          (a middle name, patronymic or second family name left out)
//	more      every primary token is paired, the alias adds names
//	partial   some tokens paired on both sides, some not
//	other     no token paired: another name altogether (kunya, nickname,
//	          maiden name, a name in another language)
const (
	classVariant = "variant"
	classFewer   = "fewer"
	classMore    = "more"
	classPartial = "partial"
	classOther   = "other"
)

var aliasClasses = []string{classVariant, classFewer, classMore, classPartial, classOther}

func classTokens(s string) []string {
	s = norm.NFD.String(strings.ToLower(s))
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r >= 'a' && r <= 'z':
			b.WriteRune(r)
		default:
			b.WriteByte(' ')
		}
	}
	return strings.Fields(b.String())
}

func levenshtein(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func skeleton(t string) string {
	var b []byte
	for i := 0; i < len(t); i++ {
		c := t[i]
		if strings.IndexByte("aeiouywhj", c) >= 0 {
			continue
		}
		if len(b) > 0 && b[len(b)-1] == c {
			continue
		}
		b = append(b, c)
	}
	return string(b)
}

func vowelish(c byte) bool { return strings.IndexByte("aeiouyj", c) >= 0 }

func correspond(a, b string) bool {
	if a == b {
		return true
	}
	if a[0] == b[0] || vowelish(a[0]) && vowelish(b[0]) {
		if levenshtein(a, b) <= max(1, max(len(a), len(b))/3) {
			return true
		}
	}
	sa := skeleton(a)
	return len(sa) >= 2 && sa == skeleton(b)
}

// unit is a token or two adjacent tokens written together; it covers the
// token positions in mask.
type unit struct {
	text string
	mask uint64
}

func units(t []string) []unit {
	var u []unit
	for i, s := range t {
		if i >= 63 {
			break
		}
		u = append(u, unit{s, 1 << i})
		if i+1 < len(t) && i+1 < 63 {
			u = append(u, unit{s + t[i+1], 3 << i})
		}
	}
	return u
}

// pairing returns how many tokens of each name are covered by the best
// set of disjoint corresponding pairs (searched exhaustively: names are
// short).
func pairing(a, b []string) (coveredA, coveredB int) {
	ua, ub := units(a), units(b)
	type edge struct{ ma, mb uint64 }
	var edges []edge
	for _, x := range ua {
		for _, y := range ub {
			// Two joined tokens against two joined tokens is just two
			// pairs; only one side may be joined.
			if bitsOf(x.mask) == 2 && bitsOf(y.mask) == 2 {
				continue
			}
			if correspond(x.text, y.text) {
				edges = append(edges, edge{x.mask, y.mask})
			}
		}
	}
	best := 0
	var bestA, bestB int
	var walk func(i int, ma, mb uint64)
	steps := 0
	walk = func(i int, ma, mb uint64) {
		steps++
		if steps > 200000 {
			return
		}
		if c := bitsOf(ma) + bitsOf(mb); c > best {
			best, bestA, bestB = c, bitsOf(ma), bitsOf(mb)
		}
		for ; i < len(edges); i++ {
			e := edges[i]
			if e.ma&ma == 0 && e.mb&mb == 0 {
				walk(i+1, ma|e.ma, mb|e.mb)
			}
		}
	}
	walk(0, 0, 0)
	return bestA, bestB
}

func bitsOf(m uint64) int {
	n := 0
	for ; m != 0; m &= m - 1 {
		n++
	}
	return n
}

// aliasClass classifies alias against the entry's primary name.
func aliasClass(alias, primary string) string {
	a, p := classTokens(alias), classTokens(primary)
	if len(a) == 0 || len(p) == 0 {
		return classOther
	}
	ca, cp := pairing(a, p)
	switch {
	case ca == 0:
		return classOther
	case ca == len(a) && cp == len(p):
		return classVariant
	case ca == len(a):
		return classFewer
	case cp == len(p):
		return classMore
	}
	return classPartial
}
