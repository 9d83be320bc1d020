package identity

import (
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/kycd/kycd/checks/idnumber"
	"github.com/kycd/kycd/checks/mrz"
	"github.com/kycd/kycd/checks/name"
	"github.com/kycd/kycd/reason"
	"golang.org/x/text/unicode/norm"
)

func (c *checker) nationality(v string, zone *mrz.Result) {
	code := strings.ToUpper(strings.TrimSpace(norm.NFKC.String(v)))
	if code == "D" {
		code = "DEU" // the MRZ's code for Germany, typed from the passport
	}
	c.res.Normalized.Nationality = code
	if code == "" {
		return
	}
	if len(code) != 3 || !mrz.ValidCountry(code) {
		c.add(FieldNationality, reason.New("nationality.invalid", "code", code))
		return
	}
	if zone != nil && zone.Nationality != "" {
		doc := zone.Nationality
		if doc == "D" {
			doc = "DEU"
		}
		if doc != code {
			c.add(FieldNationality, reason.New("nationality.mismatch", "typed", code, "document", doc))
		}
	}
}

func (c *checker) names(form Form, zone *mrz.Result) {
	n := &c.res.Normalized
	mrzName := ""
	if zone != nil {
		mrzName = zone.Surname + "<<" + zone.GivenNames
	}
	opts := name.Options{DocumentType: n.DocumentType, Nationality: n.Nationality}
	latin := strings.TrimSpace(form.LatinName) != ""
	if strings.TrimSpace(form.FullName) != "" {
		o := opts
		// A Latin full name is compared with the MRZ here; a Chinese one
		// by pinyin. When a separate Latin name is given, it is the one
		// compared letter for letter.
		if !latin || name.DetectScript(name.Normalize(form.FullName)) == name.ScriptHan {
			o.MRZName = mrzName
		}
		r := name.Check(form.FullName, o)
		n.FullName = r.Normalized
		c.add(FieldFullName, r.Findings...)
	}
	if latin {
		r := name.Check(form.LatinName, name.Options{MRZName: mrzName})
		n.LatinName = r.Normalized
		c.add(FieldLatinName, r.Findings...)
	}
}

// number checks the document number and returns what it decodes, if it
// is an identity number.
func (c *checker) number(v string, docKnown bool, zone *mrz.Result) *idnumber.Result {
	n := &c.res.Normalized
	if strings.TrimSpace(v) == "" {
		return nil
	}
	n.DocumentNumber = idnumber.Normalize(v)
	if !docKnown {
		return nil
	}
	if n.DocumentType == Passport {
		c.passportNumber(n.DocumentNumber, zone)
		return nil
	}
	r := idnumber.Check(idnumber.Type(n.DocumentType), v, idnumber.Options{Now: c.opts.Now, MinAge: c.opts.MinAge})
	n.DocumentNumber = r.Normalized
	c.add(FieldDocumentNumber, r.Findings...)
	c.res.Decoded.Region = r.Region
	if zone != nil && zone.DocumentNumber != "" && zone.DocumentNumber != r.Normalized {
		c.add(FieldDocumentNumber, reason.New("id_number.mismatch_mrz", "typed", r.Normalized, "document", zone.DocumentNumber))
	}
	return &r
}

// passportNumber checks the shape ICAO allows any passport number (letters
// and digits; longer than nine only through the TD1/TD2 overflow) and
// compares it with the MRZ.
func (c *checker) passportNumber(s string, zone *mrz.Result) {
	const example = "E12345678"
	for i, r := range []rune(s) {
		if !(r >= '0' && r <= '9' || r >= 'A' && r <= 'Z') {
			c.add(FieldDocumentNumber, reason.New("id_number.char", "position", strconv.Itoa(i+1), "char", string(r), "example", example))
			return
		}
	}
	if l := len(s); l < 5 || l > 20 {
		c.add(FieldDocumentNumber, reason.New("id_number.format", "length", strconv.Itoa(l), "expected", "5–20", "example", example))
		return
	}
	if zone != nil && zone.DocumentNumber != "" && zone.DocumentNumber != s {
		c.add(FieldDocumentNumber, reason.New("id_number.mismatch_mrz", "typed", s, "document", zone.DocumentNumber))
	}
}

func (c *checker) birthAndSex(form Form, id *idnumber.Result, zone *mrz.Result) {
	n := &c.res.Normalized
	d := &c.res.Decoded
	if id != nil {
		d.BirthDate, d.Sex = id.BirthDate, id.Sex
	}
	if zone != nil {
		if d.BirthDate == "" {
			d.BirthDate = zone.BirthDate
		}
		if d.Sex == "" {
			d.Sex = zone.Sex
		}
	}

	if strings.TrimSpace(form.BirthDate) != "" {
		t, ok := ParseDate(form.BirthDate)
		switch {
		case !ok || (!c.opts.Now.IsZero() && t.After(c.opts.Now)) || t.Year() < 1880:
			n.BirthDate = strings.TrimSpace(form.BirthDate)
			c.add(FieldBirthDate, reason.New("dob.invalid", "value", n.BirthDate))
		default:
			n.BirthDate = t.Format(time.DateOnly)
			if d.BirthDate != "" && d.BirthDate != n.BirthDate {
				c.add(FieldBirthDate, reason.New("dob.mismatch", "typed", n.BirthDate, "document", d.BirthDate))
			} else if (id == nil || id.BirthDate == "") && !c.opts.Now.IsZero() {
				// The number does not encode the birth date, so the age
				// rule applies to the typed one.
				c.age(t)
			}
		}
	}

	if strings.TrimSpace(form.Sex) != "" {
		s, ok := ParseSex(form.Sex)
		n.Sex = s
		switch {
		case !ok:
			n.Sex = strings.TrimSpace(form.Sex)
			c.add(FieldSex, reason.New("sex.invalid", "value", n.Sex))
		case d.Sex != "" && d.Sex != s:
			c.add(FieldSex, reason.New("sex.mismatch", "typed", s, "document", d.Sex))
		}
	}
}

func (c *checker) age(birth time.Time) {
	min := c.opts.MinAge
	if min == 0 {
		min = idnumber.DefaultMinAge
	}
	if min < 0 {
		return
	}
	if a := idnumber.Age(birth, c.opts.Now); a < min {
		c.add(FieldBirthDate, reason.New("dob.underage", "min_age", strconv.Itoa(min), "age", strconv.Itoa(a)))
	}
}

func (c *checker) expiry(v string, zone *mrz.Result) {
	n := &c.res.Normalized
	var exp time.Time
	if strings.TrimSpace(v) != "" {
		t, ok := ParseDate(v)
		if !ok {
			n.ExpiryDate = strings.TrimSpace(v)
			c.add(FieldExpiryDate, reason.New("document.expiry_invalid", "value", n.ExpiryDate))
			return
		}
		exp = t
		n.ExpiryDate = t.Format(time.DateOnly)
	} else if zone != nil && zone.ExpiryDate != "" {
		exp, _ = time.Parse(time.DateOnly, zone.ExpiryDate)
	}
	if exp.IsZero() || c.opts.Now.IsZero() {
		return
	}
	code := "id_number.expired"
	if n.DocumentType == Passport || n.DocumentType == "" {
		code = "document.expired"
	}
	if f, ok := mrz.ExpiryFinding(exp, c.opts.Now, code); ok {
		c.add(FieldExpiryDate, f)
	}
}

// ParseDate reads a date typed as YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD,
// YYYYMMDD or 1990年3月7日 (full-width digits too) and reports whether it
// is a real date.
func ParseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(norm.NFKC.String(s))
	parts := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsDigit(r) })
	if len(parts) == 1 && len(parts[0]) == 8 {
		p := parts[0]
		parts = []string{p[:4], p[4:6], p[6:]}
	}
	if len(parts) != 3 || len(parts[0]) != 4 || len(parts[1]) > 2 || len(parts[2]) > 2 {
		return time.Time{}, false
	}
	// Only separators may stand between the numbers.
	for _, r := range s {
		if !unicode.IsDigit(r) && !strings.ContainsRune("-/. 年月日", r) {
			return time.Time{}, false
		}
	}
	y, _ := strconv.Atoi(parts[0])
	m, _ := strconv.Atoi(parts[1])
	d, _ := strconv.Atoi(parts[2])
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != m || t.Day() != d {
		return time.Time{}, false
	}
	return t, true
}

// ParseSex reads M or F, also written in full or in Chinese.
func ParseSex(s string) (string, bool) {
	switch strings.ToUpper(strings.TrimSpace(norm.NFKC.String(s))) {
	case "M", "MALE", "男":
		return "M", true
	case "F", "FEMALE", "女":
		return "F", true
	}
	return "", false
}
