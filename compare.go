package kycd

import (
	"slices"

	"github.com/kycd/kycd/checks/identity"
	"github.com/kycd/kycd/reason"
)

// FieldComparison is one row of the desk's comparison of an identity
// field: what the applicant typed, what the ID number encodes (Decoded)
// and what document reading read from a photo (Read, from the photo of
// kind ReadFrom). Match is false when a check left a finding on the field:
// the identity checks compare the typed value with the decoded one, and
// CrossCheckDocument with the read one. The desk highlights what the
// checks found; it compares nothing itself.
type FieldComparison struct {
	Field    string `json:"field"`
	Typed    string `json:"typed"`
	Decoded  string `json:"decoded,omitempty"`
	Read     string `json:"read,omitempty"`
	ReadFrom string `json:"read_from,omitempty"`
	Match    bool   `json:"match"`
}

// ComparedFields are the identity fields a photo or the number can
// confirm, in the order the desk and the applicant's photo cards list
// them.
var ComparedFields = []string{"document_number", "full_name", "latin_name", "native_name", "birth_date", "sex", "expiry_date"}

// rowField is the form field a comparison row is about, where the two
// differ: a passport prints the name in Chinese characters beside the
// Latin one, and the form's full name is what it is compared with.
var rowField = map[string]string{"native_name": "full_name"}

// compareFields builds the comparison from the case's identity, what its
// number decodes to, its identity findings and the readings of its
// current documents.
func compareFields(id Identity, decoded map[string]string, idFindings []reason.Finding, docs []CaseDocument) []FieldComparison {
	findings := slices.Clone(idFindings)
	for _, d := range docs {
		if !d.Replaced && d.Read != nil {
			findings = append(findings, d.Read.Findings...)
		}
	}
	typed := map[string]string{
		"document_number": id.DocumentNumber, "full_name": id.FullName, "latin_name": id.LatinName,
		"birth_date": id.BirthDate, "sex": id.Sex, "expiry_date": id.ExpiryDate,
	}
	// A passport's MRZ gives the Latin name, which is what the cross-check
	// compares it with; the form's full name is compared with the name
	// printed in characters on the page, on a row of its own.
	if id.DocumentType == identity.Passport {
		typed["native_name"] = id.FullName
		if id.LatinName != "" {
			typed["full_name"] = id.LatinName
		}
	}
	rows := make([]FieldComparison, 0, len(ComparedFields))
	reads := map[string]string{}
	for _, f := range ComparedFields {
		c := FieldComparison{Field: f, Typed: typed[f], Decoded: decoded[f]}
		for _, d := range docs {
			if d.Replaced || d.Read == nil {
				continue
			}
			if v, ok := d.Read.Fields[f]; ok {
				c.Read, c.ReadFrom = v, d.Kind
				reads[f] = v
				break
			}
		}
		rows = append(rows, c)
	}
	out := []FieldComparison{}
	for _, c := range rows {
		f := c.Field
		if (f == "expiry_date" || f == "latin_name") && c.Typed == "" && c.Read == "" {
			continue // not asked for, not read: nothing to compare
		}
		if f == "native_name" && c.Read == "" {
			continue // only a passport page's name in characters, once read
		}
		c.Match = !slices.ContainsFunc(findings, func(x reason.Finding) bool { return apart(x, f, reads) })
		out = append(out, c)
	}
	return out
}

// apart reports whether finding x is about the comparison row of field f;
// reads are the rows' read values. A finding is about the row of its form
// field, except that a value shown on a row of its own belongs to that
// row: a passport's Chinese name disagreeing with the form is a finding on
// full_name, shown on the native_name row, not on the full_name row (which
// shows the MRZ's Latin name).
func apart(x reason.Finding, f string, reads map[string]string) bool {
	r, hasRead := x.Params["read"]
	if field, ok := rowField[f]; ok {
		return x.Field == field && (!hasRead || r == reads[f])
	}
	if x.Field != f {
		return false
	}
	for row, field := range rowField {
		if field == f && hasRead && reads[row] != "" && r == reads[row] {
			return false
		}
	}
	return true
}
