package screening

import "unicode/utf8"

// jaroWinkler returns the Jaro-Winkler similarity of a and b in [0, 1],
// with the usual prefix scale 0.1 over at most four characters. Names are
// short, so it works on fixed stack arrays and only decodes runes when a
// string is not ASCII.
func jaroWinkler(a, b string) float64 {
	if a == b {
		if a == "" {
			return 0
		}
		return 1
	}
	if isASCII(a) && isASCII(b) {
		return jw([]byte(a), []byte(b))
	}
	return jw([]rune(a), []rune(b))
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// maxJW bounds the compared length; longer strings are cut, which only
// matters for pathological input (names are far shorter).
const maxJW = 64

// jw is Jaro-Winkler over byte strings (the ASCII fast path) or runes.
func jw[E byte | rune](a, b []E) float64 {
	if len(a) > maxJW {
		a = a[:maxJW]
	}
	if len(b) > maxJW {
		b = b[:maxJW]
	}
	la, lb := len(a), len(b)
	if la == 0 || lb == 0 {
		return 0
	}
	window := max(la, lb)/2 - 1
	if window < 0 {
		window = 0
	}
	var ma, mb [maxJW]bool
	m := 0
	for i := 0; i < la; i++ {
		lo, hi := max(0, i-window), min(lb, i+window+1)
		for j := lo; j < hi; j++ {
			if !mb[j] && a[i] == b[j] {
				ma[i], mb[j] = true, true
				m++
				break
			}
		}
	}
	if m == 0 {
		return 0
	}
	t, j := 0, 0
	for i := 0; i < la; i++ {
		if !ma[i] {
			continue
		}
		for !mb[j] {
			j++
		}
		if a[i] != b[j] {
			t++
		}
		j++
	}
	fm := float64(m)
	jaro := (fm/float64(la) + fm/float64(lb) + (fm-float64(t/2))/fm) / 3
	p := 0
	for p < 4 && p < la && p < lb && a[p] == b[p] {
		p++
	}
	return jaro + float64(p)*0.1*(1-jaro)
}
