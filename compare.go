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
var ComparedFields = []string{"document_number", "full_name", "latin_name", "birth_date", "sex", "expiry_date"}

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
	// A passport's reading gives the Latin name, which is what the
	// cross-check compares it with.
	if id.DocumentType == identity.Passport && id.LatinName != "" {
		typed["full_name"] = id.LatinName
	}
	out := []FieldComparison{}
	for _, f := range ComparedFields {
		c := FieldComparison{Field: f, Typed: typed[f], Decoded: decoded[f]}
		for _, d := range docs {
			if d.Replaced || d.Read == nil {
				continue
			}
			if v, ok := d.Read.Fields[f]; ok {
				c.Read, c.ReadFrom = v, d.Kind
				break
			}
		}
		if (f == "expiry_date" || f == "latin_name") && c.Typed == "" && c.Read == "" {
			continue // not asked for, not read: nothing to compare
		}
		c.Match = !slices.ContainsFunc(findings, func(x reason.Finding) bool { return x.Field == f })
		out = append(out, c)
	}
	return out
}
