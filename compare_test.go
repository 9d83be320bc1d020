package kycd

import (
	"testing"
	"time"

	"github.com/kycd/kycd/checks/ocr"
	"github.com/kycd/kycd/reason"
)

// TestCompareFields: the desk's comparison shows typed, decoded and read
// values side by side and marks apart exactly the fields a check left a
// finding on (issue 11, item 6; issue 13: the desk compares nothing
// itself).
func TestCompareFields(t *testing.T) {
	now := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	typed := Identity{FullName: "李晓明", DocumentType: "cn_rid", DocumentNumber: "320102199001011234",
		BirthDate: "1990-01-01", Sex: "M"}
	read := ocr.Reading{Kind: ocr.IDFront, Fields: map[string]string{ocr.FDocumentNumber: "31010419900307123X",
		ocr.FFullName: "李 晓明", ocr.FBirthDate: "1990-01-01", ocr.FSex: "M"}}
	current := CaseDocument{DocumentView: DocumentView{Kind: KindIDFront,
		Read: &DocumentRead{State: ReadDone, Fields: read.Fields, Findings: CrossCheckDocument(typed, KindIDFront, read, now)}}}
	// An earlier photo, replaced: what it read no longer counts.
	old := ocr.Reading{Kind: ocr.IDFront, Fields: map[string]string{ocr.FFullName: "王五"}}
	replaced := CaseDocument{DocumentView: DocumentView{Kind: KindIDFront, Replaced: true,
		Read: &DocumentRead{State: ReadDone, Fields: old.Fields, Findings: CrossCheckDocument(typed, KindIDFront, old, now)}}}
	decoded := map[string]string{"birth_date": "1990-01-01", "sex": "F"}
	idFindings := []reason.Finding{reason.New("sex.mismatch").WithField("sex")}

	rows := map[string]FieldComparison{}
	for _, c := range compareFields(typed, decoded, idFindings, []CaseDocument{replaced, current}) {
		rows[c.Field] = c
	}
	want := map[string]FieldComparison{
		"document_number": {Field: "document_number", Typed: "320102199001011234", Read: "31010419900307123X", ReadFrom: KindIDFront, Match: false},
		"full_name":       {Field: "full_name", Typed: "李晓明", Read: "李 晓明", ReadFrom: KindIDFront, Match: true},
		"birth_date":      {Field: "birth_date", Typed: "1990-01-01", Decoded: "1990-01-01", Read: "1990-01-01", ReadFrom: KindIDFront, Match: true},
		"sex":             {Field: "sex", Typed: "M", Decoded: "F", Read: "M", ReadFrom: KindIDFront, Match: false},
	}
	if len(rows) != len(want) {
		t.Errorf("rows %v, want %d (no expiry: neither typed nor read)", rows, len(want))
	}
	for f, w := range want {
		if rows[f] != w {
			t.Errorf("%s: %+v, want %+v", f, rows[f], w)
		}
	}

	// A passport: its reading is compared with the Latin name.
	typed = Identity{FullName: "李晓明", LatinName: "LI XIAOMING", DocumentType: "passport", DocumentNumber: "E12345678", ExpiryDate: "2030-01-01"}
	pr := ocr.Reading{Kind: ocr.Passport, Fields: map[string]string{ocr.FFullName: "LI XIAOMING", ocr.FExpiryDate: "2031-01-01"}}
	pass := CaseDocument{DocumentView: DocumentView{Kind: KindPassport,
		Read: &DocumentRead{State: ReadDone, Fields: pr.Fields, Findings: CrossCheckDocument(typed, KindPassport, pr, now)}}}
	rows = map[string]FieldComparison{}
	for _, c := range compareFields(typed, nil, nil, []CaseDocument{pass}) {
		rows[c.Field] = c
	}
	if c := rows["full_name"]; c.Typed != "LI XIAOMING" || !c.Match {
		t.Errorf("passport name: %+v, want the Latin name, matching", c)
	}
	if c := rows["expiry_date"]; c.Typed != "2030-01-01" || c.Read != "2031-01-01" || c.Match {
		t.Errorf("passport expiry: %+v, want typed and read apart", c)
	}

	// The page's name in characters has its own row: when it disagrees
	// with the form, that row is apart and the MRZ's Latin row is not.
	pr = ocr.Reading{Kind: ocr.Passport, Fields: map[string]string{ocr.FFullName: "LI XIAOMING", ocr.FNativeName: "李小明"}}
	pass = CaseDocument{DocumentView: DocumentView{Kind: KindPassport,
		Read: &DocumentRead{State: ReadDone, Fields: pr.Fields, Findings: CrossCheckDocument(typed, KindPassport, pr, now)}}}
	rows = map[string]FieldComparison{}
	for _, c := range compareFields(typed, nil, nil, []CaseDocument{pass}) {
		rows[c.Field] = c
	}
	if c := rows["native_name"]; c.Typed != "李晓明" || c.Read != "李小明" || c.ReadFrom != KindPassport || c.Match {
		t.Errorf("passport name in characters: %+v, want typed and read apart", c)
	}
	if c := rows["full_name"]; c.Typed != "LI XIAOMING" || c.Read != "LI XIAOMING" || !c.Match {
		t.Errorf("passport MRZ name beside a differing name in characters: %+v, want matching", c)
	}

	// A Hong Kong card prints both names: the Chinese one matches, the
	// Latin one does not, and only the Latin row is apart.
	typed = Identity{FullName: "陳大文", LatinName: "CHAN TAI MAN", DocumentType: "hk_id"}
	hr := ocr.Reading{Kind: ocr.IDFront, DocumentType: "hk_id", Fields: map[string]string{ocr.FFullName: "陳大文", ocr.FLatinName: "CHAN SIU MING"}}
	hk := CaseDocument{DocumentView: DocumentView{Kind: KindIDFront,
		Read: &DocumentRead{State: ReadDone, Fields: hr.Fields, Findings: CrossCheckDocument(typed, KindIDFront, hr, now)}}}
	rows = map[string]FieldComparison{}
	for _, c := range compareFields(typed, nil, nil, []CaseDocument{hk}) {
		rows[c.Field] = c
	}
	if c := rows["full_name"]; !c.Match {
		t.Errorf("Chinese name: %+v, want matching", c)
	}
	if c := rows["latin_name"]; c.Typed != "CHAN TAI MAN" || c.Read != "CHAN SIU MING" || c.Match {
		t.Errorf("Latin name: %+v, want typed and read apart", c)
	}
}
