package idnumber

import (
	"strconv"
	"time"

	"github.com/kycd/kycd/reason"
)

// Type names a kind of identity number. The values are the wire names used
// by the CLI and the HTTP API.
type Type string

// The supported types.
const (
	CNRID      Type = "cn_rid"       // PRC resident identity card (GB 11643-1999)
	HKID       Type = "hk_id"        // Hong Kong identity card
	TWID       Type = "tw_id"        // Taiwan national identification card
	MOID       Type = "mo_id"        // Macau resident identity card
	HKMOPermit Type = "hk_mo_permit" // Mainland travel permit for HK and Macau residents
	TWPermit   Type = "tw_permit"    // Mainland travel permit for Taiwan residents
)

// Types lists every supported type, in a stable order.
func Types() []Type { return []Type{CNRID, HKID, TWID, MOID, HKMOPermit, TWPermit} }

// DefaultMinAge is the age rule applied when Options.MinAge is zero.
const DefaultMinAge = 18

// Options are the policy and the clock a check runs with.
type Options struct {
	// Now is the current time. When zero, the checks that depend on the
	// date (birth date in the future, age rule) are skipped.
	Now time.Time
	// MinAge is the minimum age in whole years (0 means DefaultMinAge, a
	// negative value disables the rule). Being younger adds the policy
	// finding id_number.underage and does not change Result.Valid.
	MinAge int
}

// Result is the outcome of checking one number.
type Result struct {
	// Valid reports whether the number satisfies its standard. Policy
	// findings (id_number.underage) and warnings do not change it.
	Valid bool `json:"valid"`
	Type  Type `json:"type"`
	// Normalized is the number as the standard writes it, to show back to
	// the user. A 15-digit resident number is upgraded to 18 digits.
	Normalized string `json:"normalized"`
	// BirthDate ("YYYY-MM-DD") and Sex ("M" or "F") are set when the
	// number encodes them and they decode.
	BirthDate string `json:"birth_date,omitempty"`
	Sex       string `json:"sex,omitempty"`
	// Region is set for resident identity numbers whose province is known.
	Region   *Region          `json:"region,omitempty"`
	Findings []reason.Finding `json:"findings"`
}

// Birth returns BirthDate as a time at midnight UTC.
func (r Result) Birth() (time.Time, bool) {
	if r.BirthDate == "" {
		return time.Time{}, false
	}
	t, err := time.Parse(time.DateOnly, r.BirthDate)
	return t, err == nil
}

// Check normalises s and validates it as a number of type t.
func Check(t Type, s string, opts Options) Result {
	n := Normalize(s)
	r := Result{Type: t, Normalized: n, Findings: []reason.Finding{}}
	if n == "" {
		r.add(reason.New("id_number.empty"))
		return r.done()
	}
	switch t {
	case CNRID:
		checkCNRID(&r, opts)
	case HKID:
		checkHKID(&r)
	case TWID:
		checkTWID(&r)
	case MOID:
		checkMOID(&r)
	case HKMOPermit:
		checkHKMOPermit(&r)
	case TWPermit:
		checkTWPermit(&r)
	default:
		r.add(reason.New("id_number.type", "type", string(t)))
	}
	return r.done()
}

func (r *Result) add(f reason.Finding) { r.Findings = append(r.Findings, f) }

// done sets Valid: the number is valid unless a finding about the number
// itself (not a policy finding) blocks.
func (r *Result) done() Result {
	r.Valid = true
	for _, f := range r.Findings {
		if f.Severity == reason.Blocking && !policyCodes[f.Code] {
			r.Valid = false
		}
	}
	return *r
}

// policyCodes are findings that follow the operator's rules rather than
// the number's standard.
var policyCodes = map[string]bool{"id_number.underage": true}

// example returns a well-formed sample number of t, shown in findings so
// the user sees the expected shape (the samples are the standards' own or
// carry valid check characters).
func example(t Type) string {
	switch t {
	case CNRID:
		return "11010519491231002X"
	case HKID:
		return "A123456(3)"
	case TWID:
		return "A123456789"
	case MOID:
		return "1234567(8)"
	case HKMOPermit:
		return "H12345678"
	case TWPermit:
		return "12345678"
	}
	return ""
}

// formatFinding reports a number of the wrong length.
func formatFinding(t Type, length int, expected string) reason.Finding {
	return reason.New("id_number.format", "length", strconv.Itoa(length), "expected", expected, "example", example(t))
}

// charFinding reports the character at 0-based index i of s as not
// allowed there.
func charFinding(t Type, s string, i int) reason.Finding {
	r := []rune(s)
	return reason.New("id_number.char", "position", strconv.Itoa(i+1), "char", string(r[i]), "example", example(t))
}

// firstBad returns the index of the first rune of s for which ok is false,
// or -1.
func firstBad(s string, ok func(i int, c rune) bool) int {
	for i, c := range []rune(s) {
		if !ok(i, c) {
			return i
		}
	}
	return -1
}

func isDigit(c rune) bool  { return c >= '0' && c <= '9' }
func isLetter(c rune) bool { return c >= 'A' && c <= 'Z' }
