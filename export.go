package kycd

import (
	"archive/zip"
	"context"
	"encoding/json"
	"io"
	"mime"
	"strings"
	"time"

	"github.com/kycd/kycd/checks/ocr"
	"github.com/kycd/kycd/reason"
)

// AccountExport is everything an applicant gets back about themselves
// (GET /v1/me/export): their account, identity data, their own documents,
// and the decisions with the reasons they were given. It never holds
// screening results, routing flags, reviewers' comments or reviewers'
// names: telling a person they matched a sanctions list, or what a
// reviewer suspected, is tipping-off, which anti-money-laundering law
// forbids. NotIncluded says so in the file.
type AccountExport struct {
	ExportedAt   time.Time           `json:"exported_at"`
	Account      ExportAccount       `json:"account"`
	Applications []ExportApplication `json:"applications"`
	NotIncluded  []string            `json:"not_included"`
	files        []exportFile
	blobs        BlobStore
}

// ExportAccount is the account as its owner may read it.
type ExportAccount struct {
	ID              string     `json:"id"`
	Email           string     `json:"email"`
	Phone           string     `json:"phone,omitempty"`
	Locale          string     `json:"locale"`
	Level           int        `json:"level"`
	InviteCode      string     `json:"invite_code"`
	InvitedBy       string     `json:"invited_by,omitempty"`
	InviteBenefit   string     `json:"invite_benefit,omitempty"`
	EmailVerifiedAt *time.Time `json:"email_verified_at,omitempty"`
	PhoneVerifiedAt *time.Time `json:"phone_verified_at,omitempty"`
	CreatedAt       time.Time  `json:"created_at"`
}

// ExportApplication is one application as its owner may read it.
type ExportApplication struct {
	ID          string           `json:"id"`
	Level       int              `json:"level"`
	State       State            `json:"state"`
	Attempt     int              `json:"attempt"`
	Identity    Identity         `json:"identity"`
	Findings    []reason.Finding `json:"findings"`
	Reasons     []reason.Finding `json:"reasons"`
	Redo        []string         `json:"redo"`
	Decisions   []ExportDecision `json:"decisions"`
	Documents   []ExportDocument `json:"documents"`
	CreatedAt   time.Time        `json:"created_at"`
	SubmittedAt *time.Time       `json:"submitted_at,omitempty"`
	DecidedAt   *time.Time       `json:"decided_at,omitempty"`
}

// ExportDecision is a decision the applicant was told of, with its
// reasons in their language; who decided and their comment stay out.
type ExportDecision struct {
	Decision   string           `json:"decision"`
	RejectType string           `json:"reject_type,omitempty"`
	Reasons    []reason.Finding `json:"reasons"`
	At         time.Time        `json:"at"`
}

// ExportDocument describes one document; File is its path in the ZIP.
type ExportDocument struct {
	ID          string           `json:"id"`
	Kind        string           `json:"kind"`
	File        string           `json:"file"`
	SHA256      string           `json:"sha256"`
	Size        int64            `json:"size"`
	ContentType string           `json:"content_type"`
	Accepted    bool             `json:"accepted"`
	Findings    []reason.Finding `json:"findings"`
	Replaced    bool             `json:"replaced,omitempty"`
	Reading     *ocr.Reading     `json:"reading,omitempty"`
	CreatedAt   time.Time        `json:"created_at"`
}

type exportFile struct{ name, blobKey string }

// exportNotIncluded is what the export says it leaves out, and why.
var exportNotIncluded = []string{
	"screening results (sanctions and PEP list checks) and the flags that sent a case to review: anti-money-laundering law forbids telling a person about them (tipping-off)",
	"reviewers' comments and names, and final rejections a second reviewer had not confirmed: the operator's internal deliberation",
	"the audit log: it records what was done to the account by id and code, without personal data",
}

// ExportAccount gathers the caller's own data for download. The reading
// of the account is audited like any other read of personal data.
func (s *Service) ExportAccount(ctx context.Context, who Principal) (*AccountExport, error) {
	if who.Role != RoleApplicant || who.AccountID == "" {
		return nil, ErrorWith("auth.forbidden")
	}
	a, err := s.Store.FindAccountByID(ctx, who.AccountID)
	if err != nil {
		return nil, err
	}
	lang := matchLocale(a.Locale)
	x := &AccountExport{ExportedAt: s.Now(), blobs: s.Blobs, NotIncluded: exportNotIncluded, Applications: []ExportApplication{},
		Account: ExportAccount{ID: a.ID, Email: a.Email, Phone: a.Phone, Locale: a.Locale, Level: a.Level, InviteCode: a.InviteCode,
			InvitedBy: a.InvitedBy, InviteBenefit: a.InviteBenefit, EmailVerifiedAt: a.EmailVerifiedAt,
			PhoneVerifiedAt: a.PhoneVerifiedAt, CreatedAt: a.CreatedAt}}
	apps, err := s.Store.FindApplications(ctx, ApplicationFilter{AccountID: a.ID})
	if err != nil {
		return nil, err
	}
	for _, app := range apps {
		ea := ExportApplication{ID: app.ID, Level: app.Level, State: app.State, Attempt: app.Attempt, Identity: app.Identity,
			Findings: reason.LocalizeAll(nonNil(app.IdentityFindings), lang), Reasons: reason.LocalizeAll(visibleReasons(app.Reasons), lang),
			Redo: app.Redo, Decisions: []ExportDecision{}, Documents: []ExportDocument{}, CreatedAt: app.CreatedAt,
			SubmittedAt: app.SubmittedAt, DecidedAt: app.DecidedAt}
		if ea.Redo == nil {
			ea.Redo = []string{}
		}
		decs, err := s.Store.FindDecisions(ctx, app.ID)
		if err != nil {
			return nil, err
		}
		for _, d := range decs {
			if !s.toldApplicant(d) {
				continue
			}
			var fs []reason.Finding
			for _, r := range d.Reasons {
				fs = append(fs, reason.New(r.Code).WithField(r.Item))
			}
			ea.Decisions = append(ea.Decisions, ExportDecision{Decision: d.Decision, RejectType: d.RejectType,
				Reasons: reason.LocalizeAll(visibleReasons(fs), lang), At: d.CreatedAt})
		}
		docs, err := s.Store.FindDocuments(ctx, app.ID)
		if err != nil {
			return nil, err
		}
		for _, d := range docs {
			name := "applications/" + app.ID + "/" + d.Kind + "-" + d.ID + extension(d.ContentType)
			ea.Documents = append(ea.Documents, ExportDocument{ID: d.ID, Kind: d.Kind, File: name, SHA256: d.SHA256, Size: d.Size,
				ContentType: d.ContentType, Accepted: d.Accepted, Findings: reason.LocalizeAll(visibleReasons(d.Findings), lang),
				Replaced: d.ReplacedAt != nil, Reading: d.Reading, CreatedAt: d.CreatedAt})
			x.files = append(x.files, exportFile{name: name, blobKey: d.BlobKey})
		}
		x.Applications = append(x.Applications, ea)
	}
	err = s.Store.WithTx(ctx, func(tx Tx) error {
		return s.audit(ctx, tx, who.Actor(), "account.exported", a.ID, map[string]any{"applications": len(apps),
			"documents": len(x.files)})
	})
	if err != nil {
		return nil, err
	}
	return x, nil
}

// toldApplicant reports whether the applicant was told of decision d: an
// approval, a request to redo, or a final rejection that took effect. A
// final rejection proposed under the four-eyes rule took effect only once
// a second reviewer confirmed it (a new decision row with ConfirmedBy).
func (s *Service) toldApplicant(d *Decision) bool {
	switch {
	case d.Decision == "approve", d.RejectType == "retry":
		return true
	case d.RejectType == "final":
		return d.ConfirmedBy != "" || !s.Settings.FourEyes
	}
	return false
}

// visibleReasons drops findings the applicant must never see (screening
// matches, even if a reviewer picked one as a reason).
func visibleReasons(fs []reason.Finding) []reason.Finding {
	out := []reason.Finding{}
	for _, f := range fs {
		if !strings.HasPrefix(f.Code, "screening.") {
			out = append(out, f)
		}
	}
	return out
}

func extension(contentType string) string {
	switch contentType {
	case "image/jpeg":
		return ".jpg"
	case "application/pdf":
		return ".pdf"
	}
	if exts, _ := mime.ExtensionsByType(contentType); len(exts) > 0 {
		return exts[0]
	}
	return ".bin"
}

// WriteZIP writes the export as a ZIP: export.json with everything above,
// then each document under the path its File names. The documents stream
// from the blob store one at a time, so a large video is never held in
// memory.
func (x *AccountExport) WriteZIP(ctx context.Context, w io.Writer) error {
	z := zip.NewWriter(w)
	f, err := z.CreateHeader(&zip.FileHeader{Name: "export.json", Method: zip.Deflate, Modified: x.ExportedAt})
	if err != nil {
		return err
	}
	enc := json.NewEncoder(f)
	enc.SetIndent("", "  ")
	if err := enc.Encode(x); err != nil {
		return err
	}
	for _, file := range x.files {
		rc, err := x.blobs.Open(ctx, file.blobKey)
		if err != nil {
			return err
		}
		// Photos and videos are compressed already: stored, not deflated.
		f, err := z.CreateHeader(&zip.FileHeader{Name: file.name, Method: zip.Store, Modified: x.ExportedAt})
		if err == nil {
			_, err = io.Copy(f, rc)
		}
		rc.Close()
		if err != nil {
			return err
		}
	}
	return z.Close()
}
