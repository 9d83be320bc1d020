package kycd

import (
	"context"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/kycd/kycd/checks/identity"
	"github.com/kycd/kycd/checks/idnumber"
	"github.com/kycd/kycd/checks/name"
	"github.com/kycd/kycd/checks/ocr"
	"github.com/kycd/kycd/checks/photo"
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
	State string `json:"state"`
	// DocumentType is the document the photo was read as (a card front's
	// is told from its printed title; see ocr.Reading).
	DocumentType string             `json:"document_type,omitempty"`
	Fields       map[string]string  `json:"fields"`
	Confidence   map[string]float64 `json:"confidence"`
	Unverified   map[string]string  `json:"unverified,omitempty"`
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
	// passport's: across document types there is nothing to compare. A
	// card front's type is told from its title when it is read (a Hong
	// Kong card, a permit…); readings stored before that were resident
	// cards' and passports'.
	card := kind == KindIDFront || kind == KindIDBack
	docType := rd.DocumentType
	if docType == "" {
		docType = string(idnumber.CNRID)
		if kind == KindPassport {
			docType = identity.Passport
		}
	}
	if id.DocumentType != docType {
		// The card's title said what it is, and the form says otherwise:
		// ask (the title may be misread, so it does not block). Nothing
		// else is compared across types.
		if card && rd.DocumentType != "" && id.DocumentType != "" && id.DocumentType != identity.Passport {
			both(reason.New("document.type_mismatch_document", "read", rd.DocumentType, "typed", id.DocumentType, "kind", kind).AsWarning(), identity.FieldDocumentType)
		}
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
	if kind == KindPassport {
		fs = append(fs, crossCheckVIZ(id, rd, both)...)
	} else if read, ok := rd.Fields[ocr.FLatinName]; ok && id.LatinName != "" && nameKey(read) != nameKey(id.LatinName) {
		// The Hong Kong and Macau cards and the permits print the Latin
		// name too; the form's latin_name is optional, and the question is
		// about that field, not the Chinese name.
		both(reason.New("name.mismatch_document", "document_name", read, "read", read, "typed", id.LatinName, "kind", kind).AsWarning(), ocr.FLatinName)
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

// crossCheckVIZ compares the name printed in a passport's visual zone with
// its MRZ and with the form. The page disagreeing with its own MRZ is a
// warning for the desk (a misread, a damaged page or a forgery: a person
// decides), on the photo only. The Chinese name printed there is compared
// with the form's full name; the Latin one with the form's Latin name only
// when the MRZ's name was not read, since the MRZ's is already compared.
func crossCheckVIZ(id Identity, rd ocr.Reading, both func(reason.Finding, string)) []reason.Finding {
	var fs []reason.Finding
	viz, vizOK := rd.Fields[ocr.FLatinName]
	zone, zoneOK := rd.Fields[ocr.FFullName]
	if vizOK && zoneOK && !sameMRZName(viz, zone, rd) {
		fs = append(fs, reason.New("name.viz_mismatch_mrz", "viz", viz, "mrz", zone, "kind", KindPassport).AsWarning().WithField(KindPassport))
	}
	if vizOK && !zoneOK && id.LatinName != "" && nameKey(viz) != nameKey(id.LatinName) {
		both(reason.New("name.mismatch_document", "document_name", viz, "read", viz, "typed", id.LatinName, "kind", KindPassport).AsWarning(), ocr.FLatinName)
	}
	if native, ok := rd.Fields[ocr.FNativeName]; ok && id.FullName != "" && nameKey(native) != nameKey(id.FullName) {
		both(reason.New("name.mismatch_document", "document_name", native, "read", native, "typed", id.FullName, "kind", KindPassport).AsWarning(), ocr.FFullName)
	}
	return fs
}

// sameMRZName reports whether the visual zone's Latin name is the MRZ's.
// The MRZ keeps letters only and cuts a name longer than its field (39
// characters in TD3), so a zone name that fills its field and is a prefix
// of the printed one is the same name.
func sameMRZName(viz, zone string, rd ocr.Reading) bool {
	v, z := nameKey(foldMarks(viz)), nameKey(zone)
	if v == z {
		return true
	}
	full := rd.MRZ != nil && len(rd.MRZ.Lines) > 0 && !strings.HasSuffix(rd.MRZ.Lines[0], "<")
	return full && strings.HasPrefix(v, z)
}

// foldMarks drops diacritics (MÜLLER → MULLER), as the MRZ's
// transliteration does in its simplest form.
func foldMarks(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// nameKey is a name without spaces, fillers, dots and case, and with its
// traditional characters simplified, for comparing "LI XIAOMING" with "Li
// Xiaoming", "李 晓明" with "李晓明", or 黃大文 typed with 黄大文 read (the
// recogniser often reads a traditional character as its simplified form).
func nameKey(s string) string {
	var b strings.Builder
	for _, r := range name.FoldHan(s) {
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
		v.DocumentType = d.Reading.DocumentType
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
		outline, found := photo.OutlineOf(doc.Metrics)
		rd, err := s.Reader.Read(ctx, doc.Kind, data, outline, found, s.Now())
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
