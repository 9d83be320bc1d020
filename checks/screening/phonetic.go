package screening

// trigrams returns the padded character trigrams of t ("$ab", "abc", ...,
// "yz$"), the n-gram road from a misspelt token to listed ones. Tokens of
// one or two characters yield their padded forms.
func trigrams(t string) []string {
	r := []rune("$" + t + "$")
	if len(r) < 3 {
		return []string{string(r)}
	}
	out := make([]string, 0, len(r)-2)
	for i := 0; i+3 <= len(r); i++ {
		out = append(out, string(r[i:i+3]))
	}
	return out
}

// skeleton is a crude phonetic key for romanised names: the first letter
// (any vowel as "a"), then the consonants with sound-alike letters merged
// and repeats collapsed. Mohammed, Muhammad and Mohamad share "mmt"; Osama
// and Usama share "asm". It only proposes candidates; Jaro-Winkler decides.
// Non-ASCII tokens get no key.
func skeleton(t string) string {
	if !isASCII(t) || t == "" {
		return ""
	}
	b := make([]byte, 0, len(t))
	var last byte
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch {
		case c == 'p' && i+1 < len(t) && t[i+1] == 'h':
			c = 'f'
			i++
		case c == 'k' && i+1 < len(t) && t[i+1] == 'h', c == 'q', c == 'c':
			c = 'k'
		case c == 'z':
			c = 's'
		case c == 'd':
			c = 't'
		case c == 'g':
			c = 'j'
		case c == 'w':
			c = 'v'
		}
		if i == 0 {
			if isVowel(c) {
				c = 'a'
			}
		} else if isVowel(c) || c == 'h' {
			continue
		}
		if c != last {
			b = append(b, c)
			last = c
		}
	}
	return string(b)
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}
