package mrz

// CheckDigit returns the ICAO 9303 check digit of s: each character's
// value (digits as themselves, A–Z as 10–35, the filler < as 0) is
// multiplied by 7, 3, 1 repeating, and the sum is taken mod 10. ok is
// false if s contains anything else.
func CheckDigit(s string) (d byte, ok bool) {
	weights := [3]int{7, 3, 1}
	sum := 0
	for i := 0; i < len(s); i++ {
		v, ok := charValue(s[i])
		if !ok {
			return 0, false
		}
		sum += v * weights[i%3]
	}
	return byte('0' + sum%10), true
}

func charValue(c byte) (int, bool) {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0'), true
	case c >= 'A' && c <= 'Z':
		return int(c-'A') + 10, true
	case c == '<':
		return 0, true
	}
	return 0, false
}
