package ocr

import (
	"regexp"
	"strings"
	"unicode"
)

// reLatinName is a name as passports and cards print it in Latin letters:
// words of capitals, separated by a space, hyphen or apostrophe. The VIZ
// may print national characters (MÜLLER) that the MRZ transliterates
// (ICAO 9303 part 3 §6), so accented capitals count as letters here.
var reLatinName = regexp.MustCompile(`^\p{Lu}+(?:[ '\-]\p{Lu}+)*$`)

// viz reads the holder's name from a passport's visual inspection zone:
// the rows under the "Surname" and "Given names" labels. Chinese passports
// print the value as "王/WANG" and "晓明/XIAOMING", others the Latin name
// alone. The name has no check of its own; a value is trusted when it is
// made of what a printed name can be (capitals; two to six Han
// characters), which keeps label rows and MRZ lines out.
func (rd *Reading) viz(rs []row) {
	var sur, giv *vizPart
	for i, r := range rs {
		low := strings.ToLower(r.text)
		switch {
		case sur == nil && strings.Contains(low, "surname"):
			sur = vizValue(rs, i, "surname")
		case giv == nil && strings.Contains(low, "givenname"):
			giv = vizValue(rs, i, "givenname")
		}
	}
	if sur == nil {
		return
	}
	if giv == nil {
		giv = &vizPart{}
	}
	conf := (sur.conf + giv.conf) / 2
	if giv.conf == 0 {
		conf = sur.conf
	}
	if latin := strings.TrimSpace(sur.latin + " " + giv.latin); sur.latin != "" {
		rd.set(FLatinName, latin, conf, reLatinName.MatchString(latin))
	}
	if han := sur.han + giv.han; sur.han != "" {
		n := len([]rune(han))
		rd.set(FNativeName, han, conf, giv.han != "" && n >= 2 && n <= 6)
	}
}

// vizPart is one value of the visual zone's name: its Han and Latin parts.
type vizPart struct {
	han, latin string
	conf       float64
}

// vizValue finds the value of the label on row i: after the label on the
// same row, as some passports print it, else the next row. A value row
// has no lower-case letters (the labels have), and is not part of the MRZ.
func vizValue(rs []row, i int, label string) *vizPart {
	r := rs[i]
	word := map[string]string{"surname": "surname", "givenname": "names"}[label]
	if k := lastIndexFold(r.spaced, word); k >= 0 {
		rest := r.spaced[k+len(word):]
		if p := splitVIZName(rest); p.latin != "" && !hasLower(rest) {
			p.conf = r.conf
			return &p
		}
	}
	if i+1 >= len(rs) {
		return nil
	}
	next := rs[i+1]
	if hasLower(next.spaced) {
		return nil
	}
	if _, mrz := mrzCandidate(next.text); mrz {
		return nil
	}
	p := splitVIZName(next.spaced)
	if p.han == "" && p.latin == "" {
		return nil
	}
	p.conf = next.conf
	return &p
}

// splitVIZName splits "王/WANG" (or "王 / WANG", or "WANG" alone) into its
// Han and Latin parts; anything else on the row is dropped.
func splitVIZName(s string) vizPart {
	var p vizPart
	p.han = cjkOnly(s)
	latin := s
	if i := strings.LastIndexAny(s, "/／"); i >= 0 {
		latin = s[i+len(string([]rune(s[i:])[0])):]
	} else if p.han != "" {
		// No slash read: the Latin part starts after the last Han character.
		latin = strings.TrimLeftFunc(s, func(r rune) bool { return !unicode.Is(unicode.Latin, r) })
	}
	var b strings.Builder
	for _, r := range strings.ToUpper(latin) {
		switch {
		case unicode.Is(unicode.Latin, r), r == '-', r == '\'':
			b.WriteRune(r)
		case unicode.IsSpace(r) || r == ',':
			b.WriteRune(' ')
		}
	}
	p.latin = strings.Join(strings.Fields(b.String()), " ")
	return p
}

func hasLower(s string) bool {
	for _, r := range s {
		if r >= 'a' && r <= 'z' {
			return true
		}
	}
	return false
}

// lastIndexFold is the last index of the ASCII word in s, ignoring case.
// Lower-casing s first would not do: invalid UTF-8 changes length when
// lowered, and the index would not fit s.
func lastIndexFold(s, word string) int {
	for i := len(s) - len(word); i >= 0; i-- {
		if strings.EqualFold(s[i:i+len(word)], word) {
			return i
		}
	}
	return -1
}
