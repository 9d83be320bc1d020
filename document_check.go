package kycd

import (
	"context"
	"strings"
	"time"
	"unicode"

	"github.com/kycd/kycd/checks/identity"
	"github.com/kycd/kycd/checks/idnumber"
	"github.com/kycd/kycd/checks/ocr"
	"github.com/kycd/kycd/reason"
)

// States of a document's reading (Document.ReadState).
const (
	ReadPending = "pending" // queued or running
	ReadDone    = "done"
	ReadFailed  = "failed"  // the photo could not be decoded or the engine failed
	ReadSkipped = "skipped" // reading is off, or the queue was full
)

// DocumentRead is what the applicant and the desk see of a reading: the
// values read that pass their own checks, the ones that do not, and the
// cross-check with the identity form.
type DocumentRead struct {
	State      string             `json:"state"`
	Fields     map[string]string  `json:"fields"`
	Confidence map[string]float64 `json:"confidence"`
	Unverified map[string]string  `json:"unverified,omitempty"`
	// Findings are the cross-check's, as CrossCheckDocument gives them.
	Findings []reason.Finding `json:"findings"`
}

// readable reports whether kycd reads photos of kind.
func readable(kind string) bool {
	return IsIdentityDocumentKind(kind)
}

// CrossCheckDocument compares what was read from the photo of kind with the
// identity the applicant typed: number, name, birth date, sex and expiry.
// It is the one place this rule lives. A value is compared only if it
// passed its own checks (rd.Fields); what failed them (rd.Unverified) is a
// warning that the field could not be read, never a mismatch. Each
// mismatch is reported on the form's field and again on the photo, with
// both values, as a question: OCR can be wrong.
func CrossCheckDocument(id Identity, kind string, rd ocr.Reading, now time.Time) []reason.Finding {
	fs := []reason.Finding{}
	both := func(f reason.Finding, field string) {
		fs = append(fs, f.WithField(field), f.WithField(kind))
	}
	// A card's reading speaks to a card's number, a passport's to a
	// passport's: across document types there is nothing to compare.
	card := kind == KindIDFront || kind == KindIDBack
	if (card && id.DocumentType != string(idnumber.CNRID)) || (kind == KindPassport && id.DocumentType != identity.Passport) {
		return fs
	}
	compare := func(field, typed, code string, same func(read, typed string) bool) {
		read, ok := rd.Fields[field]
		if !ok || strings.TrimSpace(typed) == "" || same(read, typed) {
			return
		}
		both(reason.New(code, "read", read, "typed", typed, "kind", kind), field)
	}
	equal := func(a, b string) bool { return a == strings.TrimSpace(b) }
	compare(ocr.FDocumentNumber, id.DocumentNumber, "document.number_mismatch", func(read, typed string) bool {
		return read == strings.ToUpper(idnumber.Normalize(typed))
	})
	compare(ocr.FBirthDate, id.BirthDate, "dob.mismatch_document", equal)
	compare(ocr.FSex, id.Sex, "sex.mismatch_document", func(read, typed string) bool { return read == strings.ToUpper(strings.TrimSpace(typed)) })
	// The name is the recogniser's weakest field and has no check of its
	// own: a mismatch is a warning for the desk, shown to the applicant.
	if read, ok := rd.Fields[ocr.FFullName]; ok {
		typed := id.FullName
		if kind == KindPassport {
			typed = id.LatinName
		}
		if typed != "" && nameKey(read) != nameKey(typed) {
			both(reason.New("name.mismatch_document", "document_name", read, "read", read, "typed", typed, "kind", kind).AsWarning(), ocr.FFullName)
		}
	}
	if read, ok := rd.Fields[ocr.FExpiryDate]; ok {
		if exp, err := time.Parse(time.DateOnly, read); err == nil && exp.Before(now.Truncate(24*time.Hour)) {
			both(reason.New("document.expired", "date", read, "read", read, "kind", kind), ocr.FExpiryDate)
		}
		if id.ExpiryDate != "" && !equal(read, id.ExpiryDate) {
			both(reason.New("expiry.mismatch_document", "read", read, "typed", id.ExpiryDate, "kind", kind), ocr.FExpiryDate)
		}
	}
	for field := range rd.Unverified {
		if _, ok := rd.Fields[field]; !ok {
			fs = append(fs, reason.New("document.unreadable_field", "field", field, "kind", kind).AsWarning().WithField(kind))
		}
	}
	return fs
}

// nameKey is a name without spaces, fillers, dots and case, for comparing
// "LI XIAOMING" with "Li Xiaoming" or "李 晓明" with "李晓明".
func nameKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) {
			b.WriteRune(unicode.ToUpper(r))
		}
	}
	return b.String()
}

// readView is the reading of d as its owner and the desk see it, with the
// cross-check against app's identity as it is now.
func (s *Service) readView(app *Application, d *Document) *DocumentRead {
	if d.ReadState == "" {
		return nil
	}
	v := &DocumentRead{State: d.ReadState, Fields: map[string]string{}, Confidence: map[string]float64{}, Findings: []reason.Finding{}}
	if d.Reading != nil {
		v.Fields, v.Confidence, v.Unverified = d.Reading.Fields, d.Reading.Confidence, d.Reading.Unverified
		v.Findings = CrossCheckDocument(app.Identity, d.Kind, *d.Reading, s.Now())
	}
	return v
}

// maxQueuedReads bounds the photos waiting for a reader: each holds its
// bytes in memory. Beyond it a photo is left unread (the desk reads it).
const maxQueuedReads = 32

// startReading queues the photo for reading after its document is stored.
// The upload's answer does not wait: the reading lands in the document a
// moment later, and the application's view shows it.
func (s *Service) startReading(doc *Document, data []byte) {
	if !s.Reader.begin() {
		return
	}
	go func() {
		defer s.Reader.end()
		ctx := context.Background()
		rd, err := s.Reader.Read(ctx, doc.Kind, data, s.Now())
		state, reading := ReadDone, &rd
		if err != nil {
			// The error says what failed (decoding, the engine), never what
			// the photo shows.
			s.Log.Warn("document not read", "document", doc.ID, "err", err.Error())
			state, reading = ReadFailed, nil
		}
		if err := s.Store.SetDocumentReading(ctx, doc.ID, state, reading); err != nil {
			s.Log.Warn("document reading not stored", "document", doc.ID, "err", err.Error())
		}
	}()
}
