package idnumber

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Normalize returns s as the standards write it: NFKC (full-width digits
// and letters become ASCII), letters upper-cased (a lower-case check
// character x is the commonest typing slip), and spaces, hyphens, dots
// and brackets removed (cards print "A123456(3)" and people type
// "110105 1949 1231 002X"). It never removes a digit or a letter.
func Normalize(s string) string {
	if isPlainASCII(s) {
		// Fast path: most input is already ASCII; skip NFKC.
		return clean(s)
	}
	// Removing separators can bring a letter next to a combining mark
	// that NFKC then composes ("A´" is "A", space, U+0301 after the first
	// pass), so repeat until nothing changes; two passes suffice in
	// practice, the bound only guards against surprises.
	for range 4 {
		n := clean(norm.NFKC.String(s))
		if n == s {
			break
		}
		s = n
	}
	return s
}

func isPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func clean(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z':
			b.WriteRune(r - 'a' + 'A')
		case isSeparator(r):
			// dropped
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isSeparator reports whether r is decoration around the characters of a
// number rather than part of it.
func isSeparator(r rune) bool {
	switch r {
	case '(', ')', '[', ']', '{', '}', '-', '.', '_', '/', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212', '\u3000',
		'\u3010', '\u3011', '\u3014', '\u3015':
		return true
	}
	return unicode.IsSpace(r) || unicode.Is(unicode.Cf, r)
}
