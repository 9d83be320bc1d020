package kycd

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/kycd/kycd/checks/identity"
	"github.com/kycd/kycd/checks/photo"
	"github.com/kycd/kycd/reason"
)

// FindingsError refuses an action because of blocking findings; the HTTP
// layer answers 422 with every finding so the user can fix them all at once.
type FindingsError struct {
	Code     string
	Findings []reason.Finding
}

func (e *FindingsError) Error() string {
	return e.Code + ": " + strings.Join(reason.Codes(e.Findings), ", ")
}

// ApplicationView is what an applicant sees of their application.
type ApplicationView struct {
	ID           string           `json:"id"`
	Level        int              `json:"level"`
	State        State            `json:"state"`
	Attempt      int              `json:"attempt"`
	Requirements Requirements     `json:"requirements"`
	Identity     Identity         `json:"identity"`
	Findings     []reason.Finding `json:"findings"`
	Documents    []DocumentView   `json:"documents"`
	Reasons      []reason.Finding `json:"reasons"`
	Redo         []string         `json:"redo"`
	// RedoPending are the redo items not yet redone (see redo.pending);
	// empty outside action_required.
	RedoPending []string `json:"redo_pending"`
	// Editable lists what the applicant may change now: "identity" (the
	// form) and the document kinds of the requirements. Pages show only
	// these as changeable; the service refuses the rest (application.locked).
	Editable []string `json:"editable"`
	// Note is what the reviewer wrote to the applicant with the last
	// decision.
	Note string `json:"note,omitempty"`
	// ReapplyAt is, on a final rejection, when the account may apply for
	// the level again; nil once that time has come.
	ReapplyAt *time.Time `json:"reapply_at,omitempty"`
	// VideoPhrase is what to say in the selfie video, when the level asks
	// for one: the reviewer's case shows the same digits beside the video.
	VideoPhrase string             `json:"video_phrase,omitempty"`
	SubmittedAt *time.Time         `json:"submitted_at,omitempty"`
	DueAt       *time.Time         `json:"due_at,omitempty"`
	DecidedAt   *time.Time         `json:"decided_at,omitempty"`
	CreatedAt   time.Time          `json:"created_at"`
	Decoded     map[string]string  `json:"decoded,omitempty"`
	Metrics     map[string]float64 `json:"-"`
}

// DocumentView is one attached document as its owner sees it.
type DocumentView struct {
	DocumentID string             `json:"document_id"`
	Kind       string             `json:"kind"`
	SHA256     string             `json:"sha256"`
	Size       int64              `json:"size"`
	Accepted   bool               `json:"accepted"`
	Findings   []reason.Finding   `json:"findings"`
	Metrics    map[string]float64 `json:"metrics,omitempty"`
	Attempt    int                `json:"attempt"`
	CreatedAt  time.Time          `json:"created_at"`
	Replaced   bool               `json:"replaced,omitempty"`
	// Outline is where the photo check found the document in the photo
	// (identity-document photos only), for pages to draw over it.
	Outline *photo.Outline `json:"outline,omitempty"`
	// Read is what document reading made of the photo, with its
	// cross-check against the identity form; absent for documents that
	// are not read. Its state is "pending" until the reading lands.
	Read *DocumentRead `json:"read,omitempty"`
}

// ownApplication loads an application of the caller; anything else is
// "not found", so that ids cannot be probed.
func (s *Service) ownApplication(ctx context.Context, tx Tx, who Principal, id string) (*Application, error) {
	a, err := tx.FindApplicationByID(ctx, id)
	if IsNotFound(err) || (err == nil && a.AccountID != who.AccountID) {
		return nil, ErrorWith("application.not_found")
	}
	return a, err
}

// OpenApplication starts a draft for level (the account's next level).
func (s *Service) OpenApplication(ctx context.Context, who Principal, level int) (*ApplicationView, error) {
	if _, ok := s.Policy.Level(level); !ok || level < 2 {
		return nil, ErrorWith("level.invalid")
	}
	var app *Application
	err := s.Store.WithTx(ctx, func(tx Tx) error {
		acct, err := tx.FindAccountByID(ctx, who.AccountID)
		if err != nil {
			return err
		}
		if level <= acct.Level {
			return ErrorWith("application.level_reached")
		}
		if level > acct.Level+1 {
			return ErrorWith("application.level_locked", "required", itoa(int64(level-1)))
		}
		now := s.Now()
		app = &Application{ID: NewID(), AccountID: acct.ID, Level: level, State: StateDraft, Attempt: 1,
			CreatedAt: now, UpdatedAt: now}
		// A higher level starts from the identity already verified, so the
		// applicant types it once.
		prev, err := tx.FindApplications(ctx, ApplicationFilter{AccountID: acct.ID, States: []State{StateApproved}})
		if err != nil {
			// Inside the transaction a failed read must end it: on
			// PostgreSQL the transaction is aborted anyway, and going on
			// would open a level without the verified identity.
			return fmt.Errorf("open application: find approved applications of %s: %w", acct.ID, err)
		}
		for _, p := range prev {
			if p.Level < level {
				app.Identity, app.IdentityFindings, app.DocIndex, app.Decoded = p.Identity, p.IdentityFindings, p.DocIndex, p.Decoded
			}
		}
		// A final rejection is final for a while: the same person must not
		// simply start over the moment they are refused.
		rejected, err := tx.FindApplications(ctx, ApplicationFilter{AccountID: acct.ID, Level: level, States: []State{StateRejected}})
		if err != nil {
			return err
		}
		for _, r := range rejected {
			if until := s.reapplyAt(r); until != nil {
				return ErrorWith("application.rejected_final", "date", until.Format("2006-01-02"))
			}
		}
		// Look before inserting: on PostgreSQL a failed insert aborts the
		// transaction, so the open application could not be named after it.
		open, err := tx.FindApplications(ctx, ApplicationFilter{AccountID: acct.ID, Level: level,
			States: []State{StateDraft, StateSubmitted, StateChecking, StateInReview, StateActionRequired}})
		if err != nil {
			return err
		}
		if len(open) > 0 {
			return ErrorWith("application.exists", "id", open[0].ID)
		}
		if err := tx.CreateApplication(ctx, app); err != nil {
			if IsConflict(err) { // opened by a concurrent request
				return ErrorWith("application.exists", "id", "")
			}
			return err
		}
		return s.audit(ctx, tx, who.Actor(), "application.opened", app.ID, map[string]any{"level": level})
	})
	if err != nil {
		return nil, err
	}
	return s.view(ctx, s.Store, app, nil)
}

// GetApplication returns the caller's application.
func (s *Service) GetApplication(ctx context.Context, who Principal, id string) (*ApplicationView, error) {
	app, err := s.ownApplication(ctx, s.Store, who, id)
	if err != nil {
		return nil, err
	}
	return s.view(ctx, s.Store, app, nil)
}

// ListApplications returns the caller's applications, newest first.
func (s *Service) ListApplications(ctx context.Context, who Principal) ([]*ApplicationView, error) {
	apps, err := s.Store.FindApplications(ctx, ApplicationFilter{AccountID: who.AccountID})
	if err != nil {
		return nil, err
	}
	out := []*ApplicationView{}
	for _, a := range apps {
		v, err := s.view(ctx, s.Store, a, nil)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

func (s *Service) view(ctx context.Context, tx Tx, a *Application, docs []*Document) (*ApplicationView, error) {
	if docs == nil {
		var err error
		if docs, err = tx.FindDocuments(ctx, a.ID); err != nil {
			return nil, err
		}
	}
	v := &ApplicationView{ID: a.ID, Level: a.Level, State: a.State, Attempt: a.Attempt,
		Requirements: s.RequirementsFor(a.Level, a.Identity.DocumentType), Identity: a.Identity,
		Findings: nonNil(a.IdentityFindings), Documents: []DocumentView{}, Reasons: nonNil(a.Reasons), Redo: a.Redo,
		SubmittedAt: a.SubmittedAt, DueAt: a.DueAt, DecidedAt: a.DecidedAt, CreatedAt: a.CreatedAt, Decoded: a.Decoded}
	if v.Redo == nil {
		v.Redo = []string{}
	}
	v.RedoPending, v.Editable = []string{}, []string{}
	v.ReapplyAt = s.reapplyAt(a)
	if a.State == StateActionRequired || a.State == StateRejected || a.State == StateApproved {
		v.Note = a.Note
	}
	if a.State == StateActionRequired {
		for _, f := range pendingRedo(a, docs) {
			v.RedoPending = append(v.RedoPending, f.Params["item"])
		}
	}
	if editable(a, "identity") {
		v.Editable = append(v.Editable, "identity")
	}
	for _, req := range v.Requirements.Documents {
		if editable(a, req.Kind) {
			v.Editable = append(v.Editable, req.Kind)
		}
		if req.Kind == KindSelfieVideo {
			v.VideoPhrase = s.videoPhrase(a.ID, uploadAttempt(a))
		}
	}
	for _, d := range docs {
		if d.ReplacedAt != nil {
			continue // applicants see what counts now; reviewers see the history
		}
		dv := docView(d)
		dv.Read = s.readView(a, d)
		v.Documents = append(v.Documents, dv)
	}
	return v, nil
}

func docView(d *Document) DocumentView {
	v := DocumentView{DocumentID: d.ID, Kind: d.Kind, SHA256: d.SHA256, Size: d.Size, Accepted: d.Accepted,
		Findings: nonNil(d.Findings), Metrics: d.Metrics, Attempt: d.Attempt, CreatedAt: d.CreatedAt, Replaced: d.ReplacedAt != nil}
	if o, ok := documentOutline(d); ok {
		v.Outline = &o
	}
	return v
}

func nonNil(fs []reason.Finding) []reason.Finding {
	if fs == nil {
		return []reason.Finding{}
	}
	return fs
}

// editable reports whether item (a document kind, or "identity": the
// form) may be changed in the application's current state. The view lists
// the result for pages (ApplicationView.Editable).
func editable(a *Application, item string) bool {
	switch a.State {
	case StateDraft:
		return true
	case StateActionRequired:
		if item == "identity" {
			return redoIncludesIdentity(a.Redo)
		}
		if slices.Contains(a.Redo, item) {
			return true
		}
		// "documents" covers every photo of the identity document.
		return IsIdentityDocumentKind(item) && slices.Contains(a.Redo, "documents")
	}
	return false
}

// IdentityFormFields are the identity form's fields, as findings and
// redo items name them.
var IdentityFormFields = []string{"full_name", "latin_name", "document_type", "document_number", "birth_date", "sex",
	"nationality", "expiry_date", "address"}

// identityFields are the items the identity item covers: the form's
// fields, the MRZ lines, and "identity" itself.
var identityFields = append(slices.Clone(IdentityFormFields), "mrz", "identity")

// IsIdentityItem reports whether a finding's field or a redo item belongs
// to the identity form (rather than to a document).
func IsIdentityItem(item string) bool { return slices.Contains(identityFields, item) }

// reapplyAt is when an account may apply again for the level of a, when a
// is a final rejection whose waiting period (Settings.ReapplyAfter) has
// not ended; nil otherwise. OpenApplication refuses until then, and the
// view says the date.
func (s *Service) reapplyAt(a *Application) *time.Time {
	if a.State != StateRejected || a.DecidedAt == nil {
		return nil
	}
	until := a.DecidedAt.Add(s.Settings.ReapplyAfter)
	if !s.Now().Before(until) {
		return nil
	}
	return &until
}

// uploadAttempt is the attempt a document attached now belongs to: a
// replacement made after action_required belongs to the coming attempt,
// so reviewers can tell it from what was rejected.
func uploadAttempt(a *Application) int {
	if a.State == StateActionRequired {
		return a.Attempt + 1
	}
	return a.Attempt
}

// pendingRedo lists, with a redo.pending finding each, the items a
// reviewer asked to redo that are still as they were: a document kind with
// no replacement since the decision (or one with the same bytes), and
// identity fields with the same value. Items kycd cannot compare (a
// free-form item name) are left to the reviewer.
func pendingRedo(app *Application, docs []*Document) []reason.Finding {
	var out []reason.Finding
	for _, item := range app.Redo {
		var changed, known bool
		switch {
		case item == "documents":
			known = true
			for _, k := range []string{KindIDFront, KindIDBack, KindPassport} {
				changed = changed || documentRedone(app, docs, k)
			}
		case slices.Contains(identityFields, item):
			if app.RedoFrom != nil {
				known = true
				changed = identityRedone(*app.RedoFrom, app.Identity, item)
			}
		case slices.ContainsFunc(docs, func(d *Document) bool { return d.Kind == item }):
			known = true
			changed = documentRedone(app, docs, item)
		}
		if known && !changed {
			out = append(out, reason.New("redo.pending", "item", item).WithField(item))
		}
	}
	return out
}

// documentRedone reports whether the current document of kind was
// attached after the redo request (its attempt is the coming one) with
// bytes unlike every earlier document of that kind.
func documentRedone(app *Application, docs []*Document, kind string) bool {
	var cur *Document
	for _, d := range docs {
		if d.Kind == kind && d.ReplacedAt == nil {
			cur = d
		}
	}
	if cur == nil || cur.Attempt <= app.Attempt {
		return false
	}
	return !slices.ContainsFunc(docs, func(d *Document) bool {
		return d.Kind == kind && d.Attempt <= app.Attempt && d.SHA256 == cur.SHA256
	})
}

// identityRedone reports whether field differs between the identity the
// reviewer saw and the current one ("identity" means any field).
func identityRedone(was, now Identity, field string) bool {
	if field == "identity" {
		return !reflect.DeepEqual(was, now)
	}
	if field == "mrz" {
		return !slices.Equal(was.MRZ, now.MRZ)
	}
	return identityField(was, field) != identityField(now, field)
}

func identityField(id Identity, field string) string {
	switch field {
	case "full_name":
		return id.FullName
	case "latin_name":
		return id.LatinName
	case "document_type":
		return id.DocumentType
	case "document_number":
		return id.DocumentNumber
	case "birth_date":
		return id.BirthDate
	case "sex":
		return id.Sex
	case "nationality":
		return id.Nationality
	case "expiry_date":
		return id.ExpiryDate
	case "address":
		return id.Address
	}
	return ""
}

func redoIncludesIdentity(redo []string) bool {
	return slices.ContainsFunc(redo, IsIdentityItem)
}

// CheckIdentity runs the identity checks on a form without saving it (the
// live validation behind the web form).
func (s *Service) CheckIdentity(form Identity) (identity.Result, error) {
	if err := checkIdentityText(form); err != nil {
		return identity.Result{}, err
	}
	return identity.Check(form, identity.Options{Now: s.Now(), MinAge: s.Settings.MinAge}), nil
}

// checkIdentityText applies TextLimits to every field of the identity
// form, before any check or normalisation spends time on it.
func checkIdentityText(in Identity) error {
	if len(in.MRZ) > 3 {
		return textTooLong("mrz", TextLimits["mrz"])
	}
	for _, line := range in.MRZ {
		if err := checkText("mrz", line); err != nil {
			return err
		}
	}
	return checkText("full_name", in.FullName, "latin_name", in.LatinName, "document_type", in.DocumentType,
		"document_number", in.DocumentNumber, "birth_date", in.BirthDate, "sex", in.Sex, "nationality", in.Nationality,
		"expiry_date", in.ExpiryDate, "address", in.Address)
}

// SaveIdentity stores the applicant's identity data (always, so nothing
// typed is lost) and returns every finding.
func (s *Service) SaveIdentity(ctx context.Context, who Principal, id string, in Identity) (*ApplicationView, error) {
	res, err := s.CheckIdentity(in)
	if err != nil {
		return nil, err
	}
	var out *ApplicationView
	err = s.Store.WithTx(ctx, func(tx Tx) error {
		app, err := s.ownApplication(ctx, tx, who, id)
		if err != nil {
			return err
		}
		if !editable(app, "identity") {
			return ErrorWith("application.locked")
		}
		n := res.Normalized
		app.Identity = n
		findings := res.Findings
		if s.RequirementsFor(app.Level, n.DocumentType).NeedsField("address") && app.Identity.Address == "" {
			findings = append(findings, reason.New("field.missing", "field", "address").WithField("address"))
		}
		app.IdentityFindings = findings
		app.Decoded = decoded(res.Decoded)
		app.DocIndex = nil
		if n.DocumentType != "" && n.DocumentNumber != "" {
			app.DocIndex = s.Sealer.BlindIndex("doc:"+n.DocumentType, n.DocumentNumber)
		}
		app.UpdatedAt = s.Now()
		if err := tx.UpdateApplication(ctx, app); err != nil {
			return err
		}
		if err := s.audit(ctx, tx, who.Actor(), "application.identity_saved", app.ID,
			map[string]any{"findings": reason.Codes(findings)}); err != nil {
			return err
		}
		out, err = s.view(ctx, tx, app, nil)
		return err
	})
	return out, err
}

func decoded(d identity.Decoded) map[string]string {
	m := map[string]string{}
	if d.BirthDate != "" {
		m["birth_date"] = d.BirthDate
	}
	if d.Sex != "" {
		m["sex"] = d.Sex
	}
	if d.Region != nil {
		m["region_code"] = d.Region.Code
		m["region"] = strings.TrimSpace(strings.Join([]string{d.Region.Province, d.Region.City, d.Region.County}, " "))
	}
	return m
}

// appTakingDocument loads the caller's application and checks that it asks
// for a document of kind and that the kind may be changed now.
func (s *Service) appTakingDocument(ctx context.Context, who Principal, appID, kind string) (*Application, error) {
	app, err := s.ownApplication(ctx, s.Store, who, appID)
	if err != nil {
		return nil, err
	}
	if !s.takesKind(app, kind) {
		return nil, ErrorWith("document.kind_invalid", "kind", kind)
	}
	if !editable(app, kind) {
		return nil, ErrorWith("application.locked")
	}
	return app, nil
}

// AttachDocument turns a finished upload into the application's document
// of kind, checks it, and replaces the previous document of that kind.
//
// Each piece of work is done once: the application is read once (the
// transaction only confirms, holding its row, that it has not moved on
// since), the upload's segments are listed once, and its bytes are
// decrypted once, for the check and the document. Their checksum was
// taken as they arrived, so they are not hashed again.
func (s *Service) AttachDocument(ctx context.Context, who Principal, appID, uploadID, kind string) (*DocumentView, error) {
	app, err := s.appTakingDocument(ctx, who, appID, kind)
	if err != nil {
		return nil, err
	}
	up, err := s.UploadOf(ctx, who, uploadID)
	if err != nil {
		return nil, err
	}
	if up.ApplicationID != app.ID {
		return nil, ErrorWith("upload.not_found")
	}
	switch {
	case up.Kind != kind:
		return nil, ErrorWith("upload.kind_mismatch")
	case up.State == UploadFailed:
		return nil, ErrorWith("upload.checksum_mismatch")
	case up.State == UploadAttached:
		return nil, ErrorWith("upload.not_found")
	case up.State != UploadFinished || up.Offset != up.Size:
		return nil, ErrorWith("upload.incomplete", "received", itoa(up.Offset), "size", itoa(up.Size))
	}
	segs, err := s.Store.FindSegments(ctx, up.ID)
	if err != nil {
		return nil, fmt.Errorf("attach upload %s: %w", up.ID, err)
	}
	buf := bytes.NewBuffer(make([]byte, 0, up.Size))
	if err := s.copySegments(ctx, up, segs, buf); err != nil {
		// An attach of the same upload that won meanwhile removes the
		// segments: answer as to any attach that comes after it.
		u, ferr := s.Store.FindUpload(ctx, up.ID)
		if ferr == nil && u.State == UploadAttached {
			return nil, ErrorWith("upload.not_found")
		}
		if ferr != nil {
			s.Log.Warn("could not look up an upload whose bytes did not read", "upload", up.ID, "err", ferr)
		}
		return nil, err
	}
	data := buf.Bytes()
	shaHex := up.SHA256
	if shaHex == "" {
		// Not kept by whatever finished the upload: hashed here, once.
		sum := sha256.Sum256(data)
		shaHex = hex.EncodeToString(sum[:])
	}
	now := s.Now()
	doc := &Document{ID: NewID(), ApplicationID: app.ID, AccountID: app.AccountID, Kind: kind, Attempt: app.Attempt,
		BlobKey: ApplicationBlobPrefix(app.ID) + "doc/" + NewID(), SHA256: shaHex, Size: int64(len(data)), ContentType: http.DetectContentType(data),
		CreatedAt: now, Metrics: map[string]float64{}}
	if err := s.gatedCheck(ctx, who.AccountID, doc, data); err != nil {
		return nil, err
	}
	// A photo that decodes is read, in the background (startReading).
	read := readable(kind) && doc.HasPHash && s.Reader.Status() == "on"
	if read {
		doc.ReadState = ReadPending
	}
	if doc.HasPHash {
		if err := s.findPhotoDuplicates(ctx, doc); err != nil {
			return nil, err
		}
	}
	if _, err := s.Blobs.Put(ctx, doc.BlobKey, bytes.NewReader(data)); err != nil {
		return nil, err
	}
	err = s.fault(FaultAttachChecked)
	if err == nil {
		err = s.Store.WithTx(ctx, func(tx Tx) error {
			return s.commitAttach(ctx, tx, who, app, up, doc, now)
		})
	}
	if err != nil {
		s.dropBlob(context.WithoutCancel(ctx), doc.BlobKey, "unattached document", "upload", up.ID, "application", app.ID)
		return nil, err
	}
	s.deleteSegmentBlobs(context.WithoutCancel(ctx), segs)
	if read {
		s.startReading(doc, data)
	}
	s.startFaceMatch(app.ID, doc, data)
	v := docView(doc)
	v.Read = s.readView(app, doc)
	return &v, nil
}

// commitAttach records an attach whose check is done: the upload taken,
// the previous document of its kind replaced, the new one created, the
// segments' rows gone, and the audit entry.
func (s *Service) commitAttach(ctx context.Context, tx Tx, who Principal, app *Application, up *Upload, doc *Document, now time.Time) error {
	// The application was read before the check, which takes a while: it
	// may have been submitted or decided meanwhile. The same state and
	// attempt leave the same items editable (a reviewer's redo list
	// changes only with them); the row stays held until commit.
	if ok, err := tx.HoldApplication(ctx, app.ID, app.State, app.Attempt); err != nil {
		return err
	} else if !ok {
		return ErrorWith("application.locked")
	}
	doc.Attempt = uploadAttempt(app)
	kind := doc.Kind
	// Taking the upload comes first: of several attaches of one upload at
	// once (double clicks, retries), one wins and the others find it
	// attached, as if they came after.
	if ok, err := tx.AttachUpload(ctx, up.ID); err != nil {
		return err
	} else if !ok {
		return ErrorWith("upload.not_found")
	}
	up.State = UploadAttached
	if err := tx.ReplaceDocuments(ctx, app.ID, kind, now); err != nil {
		return err
	}
	if err := tx.CreateDocument(ctx, doc); err != nil {
		return err
	}
	// The segments' rows go with the attach; their files right after it
	// (a crash in between leaves files without rows, which the
	// reconciliation removes).
	if err := tx.DeleteSegments(ctx, up.ID); err != nil {
		return err
	}
	return s.audit(ctx, tx, who.Actor(), "document.attached", app.ID, map[string]any{"document": doc.ID,
		"kind": kind, "accepted": doc.Accepted, "findings": reason.Codes(doc.Findings)})
}

// gatedCheck runs checkDocument, through the check gate for the kinds whose
// check decodes a whole image or video.
func (s *Service) gatedCheck(ctx context.Context, account string, doc *Document, data []byte) error {
	budget := time.Duration(0)
	switch {
	case IsPhotoKind(doc.Kind):
		budget = s.Checks.Limits().PhotoBudget
	case doc.Kind == KindSelfieVideo && s.Video != nil:
		budget = s.Checks.Limits().VideoBudget
	default:
		s.checkDocument(ctx, doc, data)
		return nil
	}
	return s.Checks.Do(ctx, account, budget, func(ctx context.Context) { s.checkDocument(ctx, doc, data) })
}

// checkDocument runs the check that fits the kind and fills doc's verdict.
func (s *Service) checkDocument(ctx context.Context, doc *Document, data []byte) {
	switch {
	case IsPhotoKind(doc.Kind):
		res := photo.Check(data, photo.Kind(doc.Kind), s.Photo)
		doc.Accepted, doc.Findings, doc.Metrics = res.Accepted, res.Findings, res.Metrics
		if res.Format != "" && res.Width > 0 {
			doc.PHash, doc.HasPHash = res.PHash, true
		}
	case doc.Kind == KindSelfieVideo:
		if s.Video == nil {
			doc.Accepted, doc.Findings = true, []reason.Finding{reason.New("video.not_analysed")}
			return
		}
		res := s.Video.CheckVideo(ctx, data)
		doc.Accepted, doc.Findings, doc.Metrics = res.Accepted, res.Findings, res.Metrics
	default:
		// Supporting documents: a PDF or a picture; a person reads them.
		ct := doc.ContentType
		if ct == "application/pdf" || ct == "image/jpeg" || ct == "image/png" {
			doc.Accepted, doc.Findings = true, []reason.Finding{}
		} else {
			doc.Accepted, doc.Findings = false, []reason.Finding{reason.New("document.unsupported_format").WithField(doc.Kind)}
		}
	}
	if doc.Findings == nil {
		doc.Findings = []reason.Finding{}
	}
	for i := range doc.Findings {
		doc.Findings[i].Field = doc.Kind
	}
}

// duplicatePhotos returns the documents of other applications (this
// account's earlier ones included) that show the same picture as hash: the
// store's band look-up gives candidates, the Hamming distance decides.
func (s *Service) duplicatePhotos(ctx context.Context, hash uint64, exceptApplication string) ([]*Document, error) {
	cands, err := s.Store.FindSimilarPhotos(ctx, hash, exceptApplication)
	if err != nil {
		return nil, err
	}
	var out []*Document
	for _, c := range cands {
		if c.HasPHash && photo.IsDuplicate(hash, c.PHash, s.Photo) {
			out = append(out, c)
		}
	}
	return out, nil
}

// findPhotoDuplicates adds photo.duplicate when the same picture was
// submitted in another application.
func (s *Service) findPhotoDuplicates(ctx context.Context, doc *Document) error {
	dups, err := s.duplicatePhotos(ctx, doc.PHash, doc.ApplicationID)
	if err != nil || len(dups) == 0 {
		return err
	}
	doc.Findings = append(doc.Findings, reason.New("photo.duplicate").AsWarning().WithField(doc.Kind))
	doc.Metrics["duplicate_distance"] = float64(photo.Distance(doc.PHash, dups[0].PHash))
	return nil
}

// Precheck lists everything kycd can detect before submission.
func (s *Service) Precheck(ctx context.Context, who Principal, id string) (bool, []reason.Finding, error) {
	app, err := s.ownApplication(ctx, s.Store, who, id)
	if err != nil {
		return false, nil, err
	}
	docs, err := s.Store.FindDocuments(ctx, app.ID)
	if err != nil {
		return false, nil, err
	}
	fs, err := s.precheck(ctx, s.Store, app, docs)
	if err != nil {
		return false, nil, err
	}
	return !reason.AnyBlocking(fs), fs, nil
}

// precheck lists the findings that block or flag app, given its documents
// (the caller has read them, so that Submit reads them once).
func (s *Service) precheck(ctx context.Context, tx Tx, app *Application, docs []*Document) ([]reason.Finding, error) {
	fs := []reason.Finding{}
	if app.Identity.DocumentType == "" && app.Identity.FullName == "" && app.Identity.DocumentNumber == "" {
		fs = append(fs, reason.New("field.missing", "field", "identity").WithField("identity"))
	} else {
		fs = append(fs, app.IdentityFindings...)
	}
	current := map[string]*Document{}
	for _, d := range docs {
		if d.ReplacedAt == nil {
			current[d.Kind] = d
		}
	}
	for _, req := range s.RequirementsFor(app.Level, app.Identity.DocumentType).Documents {
		d, ok := current[req.Kind]
		if !ok {
			if req.Kind == KindSelfieVideo {
				fs = append(fs, reason.New("video.missing").WithField(req.Kind))
			} else {
				fs = append(fs, reason.New("document.missing", "kind", req.Kind).WithField(req.Kind))
			}
			continue
		}
		fs = append(fs, d.Findings...)
		if d.Reading != nil {
			fs = append(fs, CrossCheckDocument(app.Identity, d.Kind, *d.Reading, s.Now())...)
		}
	}
	if app.State == StateActionRequired {
		fs = append(fs, pendingRedo(app, docs)...)
	}
	if len(app.DocIndex) > 0 {
		others, err := tx.FindApplicationsByDocIndex(ctx, app.DocIndex, app.AccountID)
		if err != nil {
			return nil, err
		}
		if len(others) > 0 {
			fs = append(fs, reason.New("id_number.duplicate"))
		}
	}
	return fs, nil
}

// ReadUpload returns an upload's bytes, joined from its sealed segments.
func (s *Service) ReadUpload(ctx context.Context, up *Upload) ([]byte, error) {
	segs, err := s.Store.FindSegments(ctx, up.ID)
	if err != nil {
		return nil, fmt.Errorf("read upload %s: %w", up.ID, err)
	}
	buf := bytes.NewBuffer(make([]byte, 0, up.Offset))
	if err := s.copySegments(ctx, up, segs, buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// copySegments writes the upload's bytes, segment by segment, to w. The
// segments must cover the upload's first Offset bytes without a gap; an
// error names the upload and the segment (never the bytes).
func (s *Service) copySegments(ctx context.Context, up *Upload, segs []Segment, w io.Writer) error {
	var at int64
	for _, seg := range segs {
		if seg.Offset != at {
			return Errorf("internal", "upload %s: a segment starts at %d, want %d", up.ID, seg.Offset, at)
		}
		rc, err := s.Blobs.Open(ctx, seg.BlobKey)
		if err != nil {
			return fmt.Errorf("upload %s segment at %d: %w", up.ID, seg.Offset, err)
		}
		n, err := io.Copy(w, rc)
		rc.Close()
		if err != nil {
			return fmt.Errorf("upload %s segment at %d: %w", up.ID, seg.Offset, err)
		}
		if n != seg.Length {
			return Errorf("internal", "upload %s segment at %d holds %d bytes, want %d", up.ID, seg.Offset, n, seg.Length)
		}
		at += n
	}
	if at != up.Offset {
		return Errorf("internal", "upload %s: its segments hold %d bytes, want %d", up.ID, at, up.Offset)
	}
	return nil
}

// dropSegments forgets an upload's segments: rows first, then files, so a
// crash in between leaves only files without rows (which the
// reconciliation removes), never rows pointing at deleted files.
func (s *Service) dropSegments(ctx context.Context, uploadID string) {
	segs, err := s.Store.FindSegments(ctx, uploadID)
	if err != nil {
		// The segments stay behind; the sweep job removes them later.
		s.Log.Warn("could not list upload segments to delete", "upload", uploadID, "err", err)
		return
	}
	if err := s.Store.DeleteSegments(ctx, uploadID); err != nil {
		s.Log.Warn("could not forget upload segments", "upload", uploadID, "err", err)
		return
	}
	s.deleteSegmentBlobs(ctx, segs)
}

func (s *Service) deleteSegmentBlobs(ctx context.Context, segs []Segment) {
	for _, seg := range segs {
		s.dropBlob(ctx, seg.BlobKey, "upload segment", "upload", seg.UploadID)
	}
}

// dropBlob deletes a blob no row refers to (or will refer to): a segment
// whose row was not written, a document whose transaction failed, an
// attached upload's segments. A failed delete is not the caller's failure:
// the reconciliation removes unreferenced blobs later, so it is logged
// (what, whose, which key: ids only, never content or file names) and left.
func (s *Service) dropBlob(ctx context.Context, key, what string, ids ...any) {
	if err := s.Blobs.Delete(ctx, key); err != nil {
		s.Log.Warn("could not delete "+what+"; the reconciliation removes it later",
			append(ids, "key", key, "err", err)...)
	}
}

// LimitCheck applies the live identity-check rate limit to a client.
func (s *Service) LimitCheck(clientIP string) error {
	return s.limit("check:ip:"+clientIP, s.Settings.CheckRate)
}

// DocumentContent returns a document's bytes to its owner, or to staff
// (audited: documents are personal data).
func (s *Service) DocumentContent(ctx context.Context, who Principal, id string) (io.ReadCloser, *Document, error) {
	d, err := s.Store.FindDocumentByID(ctx, id)
	if IsNotFound(err) || (err == nil && !who.Role.Staff() && d.AccountID != who.AccountID) {
		return nil, nil, ErrorWith("request.not_found")
	} else if err != nil {
		return nil, nil, err
	}
	if who.Role.Staff() {
		if err := s.Store.WithTx(ctx, func(tx Tx) error {
			return s.audit(ctx, tx, who.Actor(), "review.document_viewed", d.ApplicationID, map[string]any{"document": d.ID})
		}); err != nil {
			return nil, nil, err
		}
	}
	rc, err := s.Blobs.Open(ctx, d.BlobKey)
	if err != nil {
		return nil, nil, err
	}
	return rc, d, nil
}
