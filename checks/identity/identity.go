package identity

import (
	"slices"
	"strings"
	"time"

	"github.com/kycd/kycd/checks/idnumber"
	"github.com/kycd/kycd/checks/mrz"
	"github.com/kycd/kycd/reason"
)

// Form field names, as Finding.Field carries them and the HTTP API and web
// form name their inputs.
const (
	FieldFullName       = "full_name"
	FieldLatinName      = "latin_name"
	FieldDocumentType   = "document_type"
	FieldDocumentNumber = "document_number"
	FieldBirthDate      = "birth_date"
	FieldSex            = "sex"
	FieldNationality    = "nationality"
	FieldExpiryDate     = "expiry_date"
	FieldMRZ            = "mrz"
)

// Passport is the document type of passports (and other MRZ travel
// documents), in addition to idnumber's types.
const Passport = "passport"

// Form is the identity part of an application as the user typed it.
type Form struct {
	// FullName is the name in the document's own script (张三).
	FullName string `json:"full_name"`
	// LatinName is the name in Latin letters when the document has one
	// (optional).
	LatinName string `json:"latin_name,omitempty"`
	// DocumentType is one of idnumber's types (cn_rid, hk_id, tw_id,
	// mo_id, hk_mo_permit, tw_permit) or "passport".
	DocumentType   string `json:"document_type"`
	DocumentNumber string `json:"document_number"`
	// BirthDate is "YYYY-MM-DD" (YYYY/MM/DD, YYYYMMDD and 1990年3月7日
	// are accepted and normalised).
	BirthDate string `json:"birth_date"`
	// Sex is "M" or "F" (male/female, 男/女 accepted).
	Sex string `json:"sex"`
	// Nationality is an ISO 3166-1 alpha-3 code.
	Nationality string `json:"nationality"`
	// ExpiryDate is the document's expiry date, optional.
	ExpiryDate string `json:"expiry_date,omitempty"`
	// MRZ holds the machine-readable zone's lines, optional.
	MRZ []string `json:"mrz,omitempty"`
	// Address is the postal address, for the levels that ask for it; it is
	// kept as typed (trimmed) and not checked here.
	Address string `json:"address,omitempty"`
}

// Options are the clock and policy a check runs with.
type Options struct {
	// Now is the current time; it decides expiry, dates in the future and
	// age. When zero, those checks are skipped.
	Now time.Time
	// MinAge is the minimum age (0 means idnumber.DefaultMinAge, a
	// negative value disables the rule).
	MinAge int
}

// Decoded is what the document number and MRZ say about the holder.
type Decoded struct {
	// BirthDate ("YYYY-MM-DD") and Sex ("M"/"F") from the number, or
	// else from the MRZ; empty when neither encodes them.
	BirthDate string `json:"birth_date,omitempty"`
	Sex       string `json:"sex,omitempty"`
	// Region is where a resident ID number was issued.
	Region *idnumber.Region `json:"region,omitempty"`
	// MRZ is the parsed zone, when the form has one.
	MRZ *mrz.Result `json:"mrz,omitempty"`
}

// Result is the outcome of checking a form.
type Result struct {
	// Valid reports that no finding blocks (policy findings included).
	Valid bool `json:"valid"`
	// Findings lists every problem; each has Field set to the form field
	// it concerns. Never nil.
	Findings []reason.Finding `json:"findings"`
	// Normalized holds the form's values normalised, to show back.
	Normalized Form    `json:"normalized"`
	Decoded    Decoded `json:"decoded"`
}

// DocumentTypes lists the accepted values of Form.DocumentType.
func DocumentTypes() []string {
	var out []string
	for _, t := range idnumber.Types() {
		out = append(out, string(t))
	}
	return append(out, Passport)
}

type checker struct {
	opts Options
	res  Result
}

func (c *checker) add(field string, fs ...reason.Finding) {
	for _, f := range fs {
		c.res.Findings = append(c.res.Findings, f.WithField(field))
	}
}

// Check validates a form. Empty optional fields (LatinName, ExpiryDate,
// MRZ) produce no findings; an empty required field gives field.missing.
func Check(form Form, opts Options) Result {
	c := &checker{opts: opts, res: Result{Findings: []reason.Finding{}}}
	n := &c.res.Normalized
	n.DocumentType = strings.ToLower(strings.TrimSpace(form.DocumentType))
	n.Address = strings.TrimSpace(form.Address)
	docKnown := slices.Contains(DocumentTypes(), n.DocumentType)

	// In form order, so the findings read top to bottom like the form.
	for _, fv := range [][2]string{{FieldFullName, form.FullName}, {FieldDocumentType, form.DocumentType},
		{FieldDocumentNumber, form.DocumentNumber}, {FieldBirthDate, form.BirthDate}, {FieldSex, form.Sex},
		{FieldNationality, form.Nationality}} {
		if strings.TrimSpace(fv[1]) == "" {
			c.add(fv[0], reason.New("field.missing", "field", fv[0]))
		}
	}
	if n.DocumentType != "" && !docKnown {
		c.add(FieldDocumentType, reason.New("document.type_unknown", "type", form.DocumentType))
	}

	// The MRZ comes first: the name, number, dates and sex are compared
	// with it.
	var zone *mrz.Result
	if len(form.MRZ) > 0 && strings.TrimSpace(strings.Join(form.MRZ, "")) != "" {
		z := mrz.ParseLines(form.MRZ, mrz.Options{Now: opts.Now})
		zone = &z
		n.MRZ = z.Lines
		c.res.Decoded.MRZ = zone
		for _, f := range z.Findings {
			// Expiry is judged once below, from the typed date or the MRZ's.
			if f.Code != "document.expired" && f.Code != "document.expiring_soon" {
				c.add(FieldMRZ, f)
			}
		}
		if !z.Valid {
			zone = nil // its fields cannot be trusted for cross-checks
		}
	}

	c.nationality(form.Nationality, zone)
	c.names(form, zone)
	id := c.number(form.DocumentNumber, docKnown, zone)
	c.birthAndSex(form, id, zone)
	c.expiry(form.ExpiryDate, zone)

	c.res.Valid = !reason.AnyBlocking(c.res.Findings)
	return c.res
}
