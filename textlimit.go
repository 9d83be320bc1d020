package kycd

import (
	"strconv"
	"unicode/utf8"
)

// TextLimits are the longest values, in characters, that kycd accepts in
// each free-text field, wherever it arrives (API, pages, CLI). One table,
// so every entry point refuses the same way: a value past its limit is
// never stored, sealed, hashed, screened or shown to a reviewer. The
// limits sit well above any real value (the longest names on passports
// are under 100 characters) and far below what hurts: a field is sealed,
// stored and rendered in every view of its application.
var TextLimits = map[string]int{
	"full_name":       200,
	"latin_name":      200,
	"document_type":   32,
	"document_number": 64,
	"birth_date":      32,
	"sex":             8,
	"nationality":     64,
	"expiry_date":     32,
	"mrz":             100, // each line; TD1–TD3 lines are 30–44
	"address":         500,
	"comment":         4000, // a reviewer's comment
	"note":            1000, // a reviewer's note to the applicant
	"reason":          128,  // a reviewer's reason code
	"item":            64,   // what a reason asks to redo
	"benefit":         100,  // an invite code's benefit tag
	"invite_code":     64,
	"locale":          35, // BCP 47 tags are short; 35 is RFC 5646's advice
	"api_key_name":    100,
	"url":             2048, // a webhook URL
	"filename":        255,
	"kind":            64,
	"name":            300, // a name to screen
	"country":         64,
}

// textTooLong is the refusal of a value past its field's limit.
func textTooLong(field string, max int) *Error {
	return ErrorWith("text.too_long", "field", field, "max", strconv.Itoa(max))
}

// checkText refuses any value longer than its field's limit in
// TextLimits; fields are given as name, value pairs. A field missing
// from the table is a programming error, answered as internal.
func checkText(pairs ...string) error {
	for i := 0; i+1 < len(pairs); i += 2 {
		field, value := pairs[i], pairs[i+1]
		max, ok := TextLimits[field]
		if !ok {
			return Errorf("internal", "no text limit for field %q", field)
		}
		// Bytes bound characters from above: most values pass without
		// counting.
		if len(value) > max && utf8.RuneCountInString(value) > max {
			return textTooLong(field, max)
		}
	}
	return nil
}
