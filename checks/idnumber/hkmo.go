package idnumber

import (
	"unicode/utf8"

	"github.com/kycd/kycd/reason"
)

// HKCheckChar returns the check character of a Hong Kong identity card
// number body: one or two letters and six digits. The letters count
// A=10 … Z=35, a missing first letter counts as a space (36); the weights
// are 9 down to 2 and the check makes the sum divisible by 11, with 10
// written as A.
func HKCheckChar(body string) (byte, bool) {
	if len(body) == 7 {
		body = " " + body
	}
	if len(body) != 8 {
		return 0, false
	}
	sum := 0
	for i := 0; i < 8; i++ {
		c := body[i]
		var v int
		switch {
		case i == 0 && c == ' ':
			v = 36
		case i < 2 && c >= 'A' && c <= 'Z':
			v = int(c-'A') + 10
		case i >= 2 && c >= '0' && c <= '9':
			v = int(c - '0')
		default:
			return 0, false
		}
		sum += v * (9 - i)
	}
	switch c := (11 - sum%11) % 11; c {
	case 10:
		return 'A', true
	default:
		return byte('0' + c), true
	}
}

func checkHKID(r *Result) {
	s := r.Normalized
	n := utf8.RuneCountInString(s)
	if n != 8 && n != 9 {
		r.add(formatFinding(HKID, n, "8–9"))
		return
	}
	letters := n - 7
	if i := firstBad(s, func(i int, c rune) bool {
		switch {
		case i < letters:
			return isLetter(c)
		case i < n-1:
			return isDigit(c)
		default:
			return isDigit(c) || c == 'A'
		}
	}); i >= 0 {
		r.add(charFinding(HKID, s, i))
		return
	}
	want, _ := HKCheckChar(s[:n-1])
	if s[n-1] != want {
		r.add(reason.New("id_number.checksum", "position", itoa(n), "got", s[n-1:]))
	}
}

// checkMOID checks the shape of a Macau resident identity card number:
// eight digits, the first 1, 5 or 7, the last printed in brackets. The
// check-digit algorithm is not published, so only the shape is checked.
func checkMOID(r *Result) {
	s := r.Normalized
	n := utf8.RuneCountInString(s)
	if n != 8 {
		r.add(formatFinding(MOID, n, "8"))
		return
	}
	if i := firstBad(s, func(i int, c rune) bool {
		if i == 0 {
			return c == '1' || c == '5' || c == '7'
		}
		return isDigit(c)
	}); i >= 0 {
		r.add(charFinding(MOID, s, i))
	}
}

// checkHKMOPermit checks a mainland travel permit for Hong Kong and Macau
// residents: H (Hong Kong) or M (Macau), the holder's eight-digit lifetime
// number and, on older permits, a two-digit issue count.
func checkHKMOPermit(r *Result) {
	s := r.Normalized
	n := utf8.RuneCountInString(s)
	if n != 9 && n != 11 {
		r.add(formatFinding(HKMOPermit, n, "9 / 11"))
		return
	}
	if i := firstBad(s, func(i int, c rune) bool {
		if i == 0 {
			return c == 'H' || c == 'M'
		}
		return isDigit(c)
	}); i >= 0 {
		r.add(charFinding(HKMOPermit, s, i))
	}
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return string(rune('0'+n/10)) + string(rune('0'+n%10))
}
