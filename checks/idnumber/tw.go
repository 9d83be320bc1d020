package idnumber

import (
	"unicode/utf8"

	"github.com/kycd/kycd/reason"
)

// twLetterValues are the two-digit values of a Taiwan ID's first letter,
// which encodes the place of first registration. The order is not
// alphabetical: I, O, W, X, Y and Z were added after the original series.
var twLetterValues = [26]int{
	10, 11, 12, 13, 14, 15, 16, 17, 34, 18, 19, 20, 21, // A–M
	22, 35, 23, 24, 25, 26, 27, 28, 29, 32, 30, 31, 33, // N–Z
}

// TWCheckDigit returns the check digit of a Taiwan ID body: a letter and
// eight digits. The letter's two digits weigh 1 and 9, the eight digits 8
// down to 1, and the check digit makes the sum divisible by 10.
func TWCheckDigit(body string) (byte, bool) {
	if len(body) != 9 || body[0] < 'A' || body[0] > 'Z' {
		return 0, false
	}
	v := twLetterValues[body[0]-'A']
	sum := v/10 + (v%10)*9
	for i := 1; i < 9; i++ {
		c := body[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		sum += int(c-'0') * (9 - i)
	}
	return byte('0' + (10-sum%10)%10), true
}

// checkTWID checks a Taiwan national identification number: a letter, a
// sex digit (1 male, 2 female; 8 and 9 on the resident certificates of
// foreign nationals since 2021, with the same check), seven digits and a
// check digit.
func checkTWID(r *Result) {
	s := r.Normalized
	n := utf8.RuneCountInString(s)
	if n != 10 {
		r.add(formatFinding(TWID, n, "10"))
		return
	}
	if i := firstBad(s, func(i int, c rune) bool {
		switch i {
		case 0:
			return isLetter(c)
		case 1:
			return c == '1' || c == '2' || c == '8' || c == '9'
		}
		return isDigit(c)
	}); i >= 0 {
		r.add(charFinding(TWID, s, i))
		return
	}
	if s[1] == '1' || s[1] == '8' {
		r.Sex = "M"
	} else {
		r.Sex = "F"
	}
	want, _ := TWCheckDigit(s[:9])
	if s[9] != want {
		r.add(reason.New("id_number.checksum", "position", "10", "got", s[9:]))
	}
}

// checkTWPermit checks a mainland travel permit for Taiwan residents: eight
// digits on the card-style permit (since 2015), or ten on older booklets
// where two digits count the issues.
func checkTWPermit(r *Result) {
	s := r.Normalized
	n := utf8.RuneCountInString(s)
	if n != 8 && n != 10 {
		r.add(formatFinding(TWPermit, n, "8"))
		return
	}
	if i := firstBad(s, func(_ int, c rune) bool { return isDigit(c) }); i >= 0 {
		r.add(charFinding(TWPermit, s, i))
	}
}
