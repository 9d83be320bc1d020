package name

import (
	"strings"
	"unicode"

	"github.com/kycd/kycd/reason"
	"github.com/mozillazg/go-pinyin"
	"golang.org/x/text/unicode/norm"
)

// SplitMRZ splits an MRZ name field into surname and given names, fillers
// turned into single spaces. A field without "<<" is all surname.
func SplitMRZ(s string) (surname, given string) {
	sur, giv, _ := strings.Cut(strings.ToUpper(strings.TrimSpace(s)), "<<")
	words := func(s string) string {
		return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '<' || r == ' ' }), " ")
	}
	return words(sur), words(giv)
}

// compareMRZ compares a normalised name with the document's Latin name and
// returns a finding when they differ.
func compareMRZ(n string, script Script, opts Options) (reason.Finding, bool) {
	sur, giv := SplitMRZ(opts.MRZName)
	shown := strings.TrimSpace(sur + " " + giv)
	if shown == "" {
		return reason.Finding{}, false
	}
	var match bool
	switch script {
	case ScriptHan:
		if !PinyinDocument(opts.DocumentType, opts.Nationality) {
			return reason.Finding{}, false
		}
		var known bool
		match, known = MatchPinyin(n, sur+giv)
		if !known {
			return reason.Finding{}, false
		}
	case ScriptLatin:
		match = MatchLatin(n, sur, giv)
	default:
		return reason.Finding{}, false
	}
	if match {
		return reason.Finding{}, false
	}
	f := reason.New("name.mismatch_document", "document_name", shown)
	if strings.ContainsRune(n, MiddleDot) {
		// Minority names are often transliterated from the holder's own
		// language rather than from the Chinese characters' pinyin.
		f = f.AsWarning()
	}
	return f, true
}

// letters returns the Latin letters of s upper-cased, accents removed
// (MRZs drop them: MÜLLER is MULLER), everything else dropped.
func letters(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		r = unicode.ToUpper(r)
		if r >= 'A' && r <= 'Z' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// MatchLatin reports whether a Latin name typed in any order of surname
// and given names matches the document's surname and given names. MRZs
// truncate long names, so a document name that is a prefix of the typed
// one in either order also matches when it is at least 25 letters long.
func MatchLatin(typed, surname, given string) bool {
	t := letters(typed)
	s, g := letters(surname), letters(given)
	for _, want := range []string{s + g, g + s} {
		if t == want || (len(want) >= 25 && strings.HasPrefix(t, want)) {
			return true
		}
	}
	// Typed words may be in another order still (given names first, then
	// the surname split differently): compare the words as a multiset.
	return sortedWords(typed) == sortedWords(surname+" "+given)
}

func sortedWords(s string) string {
	w := strings.FieldsFunc(letterSpace(s), func(r rune) bool { return r == ' ' })
	for i := 1; i < len(w); i++ {
		for j := i; j > 0 && w[j] < w[j-1]; j-- {
			w[j], w[j-1] = w[j-1], w[j]
		}
	}
	return strings.Join(w, " ")
}

// letterSpace upper-cases s and keeps letters, turning anything else into
// spaces.
func letterSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if u := []rune(letters(string(r))); len(u) == 1 {
			return u[0]
		}
		return ' '
	}, s)
}

var pinyinArgs = func() pinyin.Args {
	a := pinyin.NewArgs()
	a.Heteronym = true
	return a
}()

// MatchPinyin reports whether latin (letters only, surname first) spells
// the Chinese name han in pinyin, trying every reading of each character
// and ü as YU, U or V. known is false when a character has no pinyin in
// the dictionary (rare characters), so no verdict is possible.
func MatchPinyin(han, latin string) (match, known bool) {
	target := letters(latin)
	var readings [][]string
	for _, r := range han {
		if r == MiddleDot || r == ' ' {
			continue
		}
		if !unicode.Is(unicode.Han, r) {
			return false, false
		}
		rs := pinyin.SinglePinyin(r, pinyinArgs)
		if len(rs) == 0 {
			return false, false
		}
		readings = append(readings, umlautVariants(rs))
	}
	// reach[i] is true when target[:i] can be spelled by the characters
	// so far; several readings make this a small dynamic programme.
	reach := make([]bool, len(target)+1)
	reach[0] = true
	for _, rs := range readings {
		next := make([]bool, len(target)+1)
		any := false
		for i, ok := range reach {
			if !ok {
				continue
			}
			for _, p := range rs {
				if strings.HasPrefix(target[i:], p) {
					next[i+len(p)] = true
					any = true
				}
			}
		}
		if !any {
			return false, true
		}
		reach = next
	}
	return reach[len(target)], true
}

// umlautVariants upper-cases readings and spells go-pinyin's v (ü) the
// three ways found on documents: YU (the passport rule since 2012), U and V.
func umlautVariants(rs []string) []string {
	var out []string
	for _, r := range rs {
		r = strings.ToUpper(r)
		if strings.Contains(r, "V") {
			out = append(out, strings.ReplaceAll(r, "V", "YU"), strings.ReplaceAll(r, "V", "U"))
		}
		out = append(out, r)
	}
	return out
}
