package kycd

import (
	"context"
	"time"

	"github.com/kycd/kycd/checks/ocr"
)

// ApplicationTx is the part of Tx that keeps applications, documents,
// uploads and decisions.
type ApplicationTx interface {
	// CreateApplication inserts a; ECONFLICT when the account already has
	// an open application for that level.
	CreateApplication(ctx context.Context, a *Application) error
	FindApplicationByID(ctx context.Context, id string) (*Application, error)
	// HoldApplication reports whether the application is still in state
	// at attempt and, in a transaction, holds its row until commit: a
	// change decided on an earlier read (attaching a document after its
	// check) confirms that the application has not moved on (submitted,
	// decided) without reading it again, and a submission waits for it.
	HoldApplication(ctx context.Context, id string, state State, attempt int) (bool, error)
	FindApplications(ctx context.Context, f ApplicationFilter) ([]*Application, error)
	// UpdateApplication writes every mutable field of a.
	UpdateApplication(ctx context.Context, a *Application) error
	// ClaimApplication gives the case to reviewer until the given time when
	// it is in review and unclaimed, claimed by the same reviewer, or its
	// lease has expired at now. It reports whether the claim was taken; one
	// statement decides, so two reviewers can never both win.
	ClaimApplication(ctx context.Context, id, reviewer string, until, now time.Time) (bool, error)
	// FindApplicationsByDocIndex returns other accounts' applications with
	// the same blind-indexed document number.
	FindApplicationsByDocIndex(ctx context.Context, idx []byte, exceptAccount string) ([]*Application, error)

	CreateDocument(ctx context.Context, d *Document) error
	FindDocumentByID(ctx context.Context, id string) (*Document, error)
	// FindDocuments returns the application's documents, replaced ones
	// included, oldest first.
	FindDocuments(ctx context.Context, applicationID string) ([]*Document, error)
	// SetDocumentReading stores what document reading made of a photo:
	// its state and, once done, the reading (sealed).
	SetDocumentReading(ctx context.Context, id, state string, reading *ocr.Reading) error
	// ReplaceDocuments marks the current documents of kind as replaced.
	ReplaceDocuments(ctx context.Context, applicationID, kind string, at time.Time) error
	// FindSimilarPhotos returns documents of other applications (this
	// account's earlier ones included) whose perceptual hash shares at least one 16-bit band with h (the candidates for a
	// near-duplicate; the caller measures the distance).
	FindSimilarPhotos(ctx context.Context, h uint64, exceptApplication string) ([]*Document, error)

	CreateUpload(ctx context.Context, u *Upload) error
	FindUpload(ctx context.Context, id string) (*Upload, error)
	// AppendSegment records seg and advances the upload's offset (and its
	// SumState to seg.SumAfter), only if the offset is still seg.Offset;
	// it reports whether it did.
	AppendSegment(ctx context.Context, seg Segment) (bool, error)
	FindSegments(ctx context.Context, uploadID string) ([]Segment, error)
	// AttachUpload marks a finished upload attached, only if it is still
	// finished; it reports whether it did, so that of several attaches of
	// one upload at once exactly one makes a document.
	AttachUpload(ctx context.Context, id string) (bool, error)
	DeleteUpload(ctx context.Context, id string) error
	// CompleteUpload writes u's checksum, state and finish time (and
	// forgets its SumState) only while
	// the stored upload is still receiving with every byte in; it reports
	// whether it did, so that finishing twice (after a crash, or by two
	// requests at once) never undoes a later state such as attached.
	CompleteUpload(ctx context.Context, u *Upload) (bool, error)
	// DeleteSegments forgets an upload's segment rows (not their blobs).
	DeleteSegments(ctx context.Context, uploadID string) error
	// PendingUploads counts the account's uploads that hold or await bytes
	// and are not attached (receiving or finished), and sums their
	// declared sizes.
	PendingUploads(ctx context.Context, accountID string) (count int, bytes int64, err error)
	// FindStaleUploads returns up to limit unattached uploads created
	// before the given time, oldest first.
	FindStaleUploads(ctx context.Context, before time.Time, limit int) ([]*Upload, error)
	// BlobRefs returns every blob key the database refers to (upload
	// segments, documents, and blobs the re-sealing moved and will delete
	// shortly), each with what refers to it: "upload:ID", "document:ID" or
	// "trash:KEY".
	BlobRefs(ctx context.Context) (map[string]string, error)

	CreateDecision(ctx context.Context, d *Decision) error
	FindDecisions(ctx context.Context, applicationID string) ([]*Decision, error)
}
