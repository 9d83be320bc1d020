package name

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/kycd/kycd/reason"
	"golang.org/x/text/unicode/norm"
)

// MiddleDot is the separator of transliterated ethnic-minority and
// foreign names in Chinese (阿依古丽·买买提), U+00B7 as the ID card prints it.
const MiddleDot = '\u00b7'

// MaxLen is the longest name accepted, in characters.
const MaxLen = 100

// dotLookalikes are what input methods and fonts produce instead of U+00B7.
var dotLookalikes = map[rune]bool{
	'.': true, '\u2022': true, '\u30fb': true, '\uff65': true, '\uff0e': true, '\u2027': true,
	'\u2219': true, '\u22c5': true, '\u0387': true, '\u318d': true, '\u2e31': true, '\ua78f': true,
	'\u00b7': true, '\u2024': true, '\u25cf': true, '\u00b0': true,
}

// Script is the writing system a name is typed in.
type Script string

// Scripts.
const (
	ScriptNone  Script = ""
	ScriptHan   Script = "han"
	ScriptLatin Script = "latin"
	ScriptMixed Script = "mixed" // Han and Latin letters together
	ScriptOther Script = "other" // letters of another script only (Cyrillic, Arabic ...)
)

// Normalize returns a name in canonical form: NFKC, surrounding spaces
// trimmed, runs of spaces collapsed to one. In a name containing Chinese
// characters, the lookalikes of the middle dot become U+00B7 and spaces
// disappear (张 三 is 张三, 阿依古丽 · 买买提 is 阿依古丽·买买提).
func Normalize(s string) string {
	s = strings.Join(strings.Fields(norm.NFKC.String(s)), " ")
	if !hasHan(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == ' ':
		case dotLookalikes[r]:
			b.WriteRune(MiddleDot)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// DetectScript says which letters s is written in; separators are ignored.
func DetectScript(s string) Script {
	han, latin, other := false, false, false
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Han, r):
			han = true
		case unicode.Is(unicode.Latin, r):
			latin = true
		case unicode.IsLetter(r):
			other = true
		}
	}
	switch {
	case han && latin:
		return ScriptMixed
	case han:
		return ScriptHan
	case latin:
		return ScriptLatin
	case other:
		return ScriptOther
	}
	return ScriptNone
}

// NativeChinese reports whether the document type prints the holder's name
// in Chinese characters as the name of record, so that the form must carry
// it in Chinese: the resident ID card, Taiwan's ID card and the mainland
// travel permits for Hong Kong, Macau and Taiwan residents.
func NativeChinese(documentType string) bool {
	switch documentType {
	case "cn_rid", "tw_id", "tw_permit", "hk_mo_permit":
		return true
	}
	return false
}

// PinyinDocument reports whether the Latin name on a document of this type
// and nationality is the pinyin of the Chinese name, so that the two can
// be compared.
func PinyinDocument(documentType, nationality string) bool {
	switch documentType {
	case "cn_rid", "tw_permit":
		return true
	case "passport", "":
		return nationality == "CHN"
	}
	return false
}

// Options say what a name is checked against.
type Options struct {
	// DocumentType is the form's document type (idnumber's type names or
	// "passport"); it decides whether the name must be in Chinese.
	DocumentType string
	// Nationality (ISO 3166 alpha-3) decides, for passports, whether the
	// MRZ name is pinyin.
	Nationality string
	// MRZName is the document's Latin name, as an MRZ name field
	// ("ZHANG<<SAN") or plain text with the surname first. Empty skips
	// the comparison.
	MRZName string
}

// Result is the outcome of checking one name.
type Result struct {
	Valid      bool             `json:"valid"`
	Normalized string           `json:"normalized"`
	Script     Script           `json:"script"`
	Findings   []reason.Finding `json:"findings"`
}

// Check normalises a name and reports what is wrong with it.
func Check(s string, opts Options) Result {
	n := Normalize(s)
	r := Result{Normalized: n, Script: DetectScript(n), Findings: []reason.Finding{}}
	add := func(f reason.Finding) { r.Findings = append(r.Findings, f) }
	switch {
	case n == "":
		add(reason.New("name.empty"))
	case len([]rune(n)) > MaxLen:
		add(reason.New("name.too_long", "max", strconv.Itoa(MaxLen)))
	default:
		if bad := invalidChars(n); bad != "" {
			add(reason.New("name.invalid_chars", "chars", bad))
		} else if NativeChinese(opts.DocumentType) && r.Script != ScriptHan {
			add(reason.New("name.chinese_required"))
		} else if opts.MRZName != "" {
			if f, ok := compareMRZ(n, r.Script, opts); ok {
				add(f)
			}
		}
	}
	r.Valid = !reason.AnyBlocking(r.Findings)
	return r
}

// invalidChars returns the characters of s that cannot be part of a name,
// each once, separated by spaces. Names are letters (with their combining
// marks), spaces, the middle dot, and the hyphen, apostrophe and period of
// Latin names.
func invalidChars(s string) string {
	var bad []string
	seen := map[rune]bool{}
	for _, r := range s {
		ok := unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) || r == ' ' || r == MiddleDot ||
			r == '-' || r == '\'' || r == '.' || r == '\u2019'
		if !ok && !seen[r] {
			seen[r] = true
			bad = append(bad, string(r))
		}
	}
	return strings.Join(bad, " ")
}
