package mrz

import (
	"strconv"
	"strings"
	"time"

	"github.com/kycd/kycd/reason"
)

// check compares the check digit c (at 1-based pos on line) with the one
// computed over s, and reports field when they differ.
func (p *parser) check(field, s string, c byte, line, pos int) {
	want, _ := CheckDigit(s)
	if c == want || (c == '<' && want == '0' && strings.Trim(s, "<") == "") {
		return
	}
	p.add(reason.New("mrz.check_digit", "field", field, "line", strconv.Itoa(line),
		"position", strconv.Itoa(pos), "expected", string(want), "got", string(c)))
}

// country reads a three-character country field, fillers removed.
func (p *parser) country(field, s string, line, pos int, dst *string) {
	code := strip(s)
	*dst = code
	if !ValidCountry(code) {
		p.add(reason.New("mrz.country", "field", field, "code", s, "line", strconv.Itoa(line), "position", strconv.Itoa(pos)))
	}
}

// date reads a YYMMDD field. A birth date is put in the most recent
// century that does not make it lie in the future (relative to Now, or to
// the expiry date when Now is zero); an expiry date in 2000+YY unless that
// is more than twenty years ahead (no travel document is valid longer).
// Fields that are all fillers or contain fillers ("unknown day") yield no
// date and no finding.
func (p *parser) date(field, s string, line, pos int, birth bool, expiry time.Time) (time.Time, bool) {
	if strings.ContainsRune(s, '<') {
		return time.Time{}, false
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		p.add(reason.New("mrz.date", "field", field, "digits", s, "line", strconv.Itoa(line), "position", strconv.Itoa(pos)))
		return time.Time{}, false
	}
	yy, mm, dd := n/10000, n/100%100, n%100
	year := 2000 + yy
	switch {
	case birth && !p.opts.Now.IsZero():
		if time.Date(year, time.Month(mm), dd, 0, 0, 0, 0, time.UTC).After(p.opts.Now) {
			year -= 100
		}
	case birth:
		if !expiry.IsZero() && year > expiry.Year() {
			year -= 100
		}
	case !p.opts.Now.IsZero():
		if year > p.opts.Now.Year()+20 {
			year -= 100
		}
	default:
		if yy >= 70 {
			year -= 100
		}
	}
	t := time.Date(year, time.Month(mm), dd, 0, 0, 0, 0, time.UTC)
	if t.Year() != year || int(t.Month()) != mm || t.Day() != dd {
		p.add(reason.New("mrz.date", "field", field, "digits", s, "line", strconv.Itoa(line), "position", strconv.Itoa(pos)))
		return time.Time{}, false
	}
	return t, true
}

// expiry reports an expired or soon-expiring document.
func (p *parser) expiry() {
	if p.r.ExpiryDate == "" || p.opts.Now.IsZero() {
		return
	}
	exp, _ := time.Parse(time.DateOnly, p.r.ExpiryDate)
	if f, ok := ExpiryFinding(exp, p.opts.Now, "document.expired"); ok {
		p.r.Expired = f.Code == "document.expired"
		p.r.Findings = append(p.r.Findings, f)
	}
}

// ExpiringSoonDays is how far ahead ExpiryFinding warns of an expiry.
const ExpiringSoonDays = 30

// ExpiryFinding returns the finding for a document that expires on exp
// (a date; the document is valid through that day), judged at now:
// expiredCode (document.expired or id_number.expired) once it has passed,
// document.expiring_soon within ExpiringSoonDays. ok is false when there
// is nothing to say.
func ExpiryFinding(exp, now time.Time, expiredCode string) (reason.Finding, bool) {
	y, m, d := now.Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	exp = time.Date(exp.Year(), exp.Month(), exp.Day(), 0, 0, 0, 0, time.UTC)
	date := exp.Format(time.DateOnly)
	switch days := int(exp.Sub(today).Hours() / 24); {
	case days < 0:
		return reason.New(expiredCode, "date", date), true
	case days <= ExpiringSoonDays:
		return reason.New("document.expiring_soon", "date", date, "days", strconv.Itoa(days)), true
	}
	return reason.Finding{}, false
}

// names splits a name field: the primary identifier (surname) ends at the
// first "<<"; the secondary identifier's components are separated by
// single fillers and joined here with single spaces.
func (p *parser) names(s string) {
	sur, given, _ := strings.Cut(s, "<<")
	p.r.Surname = words(sur)
	p.r.GivenNames = words(given)
}

// words turns fillers into single spaces.
func words(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '<' }), " ")
}

// strip removes fillers at both ends of a field.
func strip(s string) string { return strings.Trim(s, "<") }
