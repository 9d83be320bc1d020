package kycd

import (
	"github.com/kycd/kycd/checks/identity"
	"time"

	"github.com/kycd/kycd/checks/ocr"
	"github.com/kycd/kycd/reason"
)

// State is where an application stands.
type State string

// Application states. draft → submitted → checking → approved |
// action_required | rejected | in_review (→ one of the three). Only the
// service moves an application, each move with an audit entry in the same
// transaction.
const (
	StateDraft          State = "draft"
	StateSubmitted      State = "submitted"
	StateChecking       State = "checking"
	StateInReview       State = "in_review"
	StateApproved       State = "approved"
	StateActionRequired State = "action_required"
	StateRejected       State = "rejected"
	// StateWithdrawn ends an application whose account was closed before
	// a decision: processing stops, the record is kept like a decided one.
	StateWithdrawn State = "withdrawn"
)

// Open reports whether the application can still change (not decided for
// good).
func (s State) Open() bool { return s != StateApproved && s != StateRejected && s != StateWithdrawn }

// Identity is what the applicant typed about themselves, normalised by the
// identity checks. It is personal data: sealed at rest, never logged. It
// is the identity checks' form itself (one type: the API, the live check
// and the store read and write the same fields).
type Identity = identity.Form

// Application is one attempt to reach a level, with its history of
// attempts (Attempt counts submissions after action_required).
type Application struct {
	ID        string
	AccountID string
	Level     int
	State     State
	Attempt   int
	// Identity and IdentityFindings are sealed together at rest.
	Identity         Identity
	IdentityFindings []reason.Finding
	// Decoded holds what the ID number encodes (region, birth date, sex),
	// shown to reviewers beside what was typed.
	Decoded map[string]string
	// DocIndex is a blind index of document type + number, to find the
	// same identity on another account without storing the number in clear.
	DocIndex []byte
	// Reasons are the user-visible reasons of the last decision and Redo
	// the items the applicant must replace after action_required.
	Reasons []reason.Finding
	Redo    []string
	// RedoFrom is the identity as it stood when the reviewer asked for a
	// redo, so submission can tell whether the named fields were changed.
	RedoFrom *Identity
	// Note is what the last decision's reviewer wrote to the applicant.
	Note string
	// Screening holds screening.hit findings from submission: for
	// reviewers only (the applicant is never told a list matched).
	Screening []reason.Finding
	// FaceMatch is the selfie's face compared with the document's
	// portrait: for reviewers only, sealed with the identity.
	FaceMatch *FaceMatch
	// Flags are the codes that routed the case to review (duplicates,
	// warnings, screening hits).
	Flags []string
	// PendingFinal is a final rejection proposed by a reviewer and waiting
	// for a senior reviewer's confirmation (four-eyes rule).
	PendingFinal   *Decision
	ClaimedBy      string
	ClaimExpiresAt *time.Time
	SubmittedAt    *time.Time
	DueAt          *time.Time
	DecidedAt      *time.Time
	CreatedAt      time.Time
	UpdatedAt      time.Time
	// Erased is set when the application's data key was destroyed: the
	// sealed fields (Identity, IdentityFindings, Decoded, Screening,
	// RedoFrom, PendingFinal's comment) are gone and read as empty.
	Erased bool
}

// ApplicationFilter selects applications.
type ApplicationFilter struct {
	AccountID string
	States    []State
	Level     int // 0 = any
	// ClaimedBy filters the review queue on a reviewer ("-" = unclaimed).
	ClaimedBy string
	Limit     int
}

// Document is a file attached to an application. Replaced documents stay
// (ReplacedAt set) so that reviewers can see previous attempts.
type Document struct {
	ID            string
	ApplicationID string
	AccountID     string
	Kind          string
	Attempt       int
	BlobKey       string
	SHA256        string
	Size          int64
	ContentType   string
	Accepted      bool
	Findings      []reason.Finding
	Metrics       map[string]float64
	// PHash is the perceptual hash of photos (0 for other files).
	PHash      uint64
	HasPHash   bool
	CreatedAt  time.Time
	ReplacedAt *time.Time
	// ReadState is the document reading's state ("" for documents that
	// are not read) and Reading its result once done; sealed at rest.
	ReadState string
	Reading   *ocr.Reading
}

// Upload is a resumable (tus) upload in progress or finished. Its bytes
// live in sealed segments in the BlobStore; this row, in the database, is
// what lets any instance resume it.
type Upload struct {
	ID             string
	AccountID      string
	ApplicationID  string
	Kind           string
	Filename       string // sealed at rest
	Size           int64
	Offset         int64
	DeclaredSHA256 string
	SHA256         string
	State          UploadState
	CreatedAt      time.Time
	FinishedAt     *time.Time
	// SumState is the SHA-256 of the first Offset bytes, carried from one
	// PATCH request to the next (see runningSum), so the checksum is taken
	// as the bytes arrive and never by reading them back; nil when not
	// known (bytes written by a kycd that did not keep it). Only a
	// receiving upload has one.
	SumState []byte
}

// UploadState tracks an upload's life.
type UploadState string

// Upload states.
const (
	UploadReceiving UploadState = "receiving"
	UploadFinished  UploadState = "finished"
	UploadFailed    UploadState = "failed" // e.g. checksum mismatch
	UploadAttached  UploadState = "attached"
)

// Segment is one PATCH request's worth of an upload's bytes.
type Segment struct {
	UploadID string
	Offset   int64
	Length   int64
	BlobKey  string
	// SumAfter is the upload's SumState once this segment is in (nil
	// when not known); AppendSegment stores it with the new offset.
	SumAfter []byte
}

// Decision is a reviewer's verdict on one attempt.
type Decision struct {
	ID            string   `json:"id"`
	ApplicationID string   `json:"application_id"`
	Attempt       int      `json:"attempt"`
	ReviewerID    string   `json:"reviewer_id"`
	Decision      string   `json:"decision"` // approve | reject
	RejectType    string   `json:"reject_type,omitempty"`
	Reasons       []Reason `json:"reasons"`
	Comment       string   `json:"comment,omitempty"` // reviewer-only; sealed at rest
	// Note is the reviewer's words to the applicant (shown on the status
	// page and in the decision email); sealed at rest like the comment.
	Note        string    `json:"note,omitempty"`
	CreatedAt   time.Time `json:"created_at"`
	ConfirmedBy string    `json:"confirmed_by,omitempty"`
}

// Reason is a user-visible reason a reviewer picked, with the item it
// concerns (a document kind such as "selfie", or an identity field).
type Reason struct {
	Code string `json:"code"`
	Item string `json:"item,omitempty"`
}
