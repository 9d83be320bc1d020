package kycd

import (
	"context"
	"time"
)

// RetentionTx is the part of Tx that closes accounts, keeps legal holds
// and erases data when its retention period ends. It holds no rule: which
// data is due, and whether a hold stops it, is decided by the service.
type RetentionTx interface {
	// CloseAccount marks the account closed at at and takes its email and
	// phone out of the look-up indexes (they stay sealed for the record),
	// so the person can register again and logins no longer find it.
	CloseAccount(ctx context.Context, id string, at time.Time) error
	// FindClosedAccounts returns up to limit accounts closed at or before
	// before whose erasure is not finished, oldest closure first.
	FindClosedAccounts(ctx context.Context, before time.Time, limit int) ([]*Account, error)
	// EraseAccountContact removes the account's email, phone and password
	// hash; the row stays (id, role, level, dates) so that audit entries
	// and applications keep a subject.
	EraseAccountContact(ctx context.Context, id string) error
	// MarkAccountErased records that nothing of the account is left to
	// erase.
	MarkAccountErased(ctx context.Context, id string, at time.Time) error

	// FindIdleDrafts returns up to limit applications in draft whose row
	// was last changed at or before before.
	FindIdleDrafts(ctx context.Context, before time.Time, limit int) ([]*Application, error)
	// FindDecidedApplications returns up to limit applications approved,
	// rejected or withdrawn at or before before (by DecidedAt), oldest
	// first, that have no erasure of class recorded.
	FindDecidedApplications(ctx context.Context, before time.Time, class DataClass, limit int) ([]*Application, error)
	// FindReplacedDocuments returns up to limit replaced documents of
	// applications approved, rejected or withdrawn at or before before,
	// oldest replacement first.
	FindReplacedDocuments(ctx context.Context, before time.Time, limit int) ([]*Document, error)
	// FindUploadsOf returns the application's uploads in any state.
	FindUploadsOf(ctx context.Context, applicationID string) ([]*Upload, error)
	DeleteDocument(ctx context.Context, id string) error
	// DeleteApplication deletes a draft with its documents' and uploads'
	// rows; ENOTFOUND when it is not (or no longer) a draft.
	DeleteApplication(ctx context.Context, id string) error
	// EraseDecisionComments removes reviewers' comments on the
	// application's decisions and returns how many there were.
	EraseDecisionComments(ctx context.Context, applicationID string) (int, error)
	// DeleteScreeningAlerts deletes the application's screening alerts.
	DeleteScreeningAlerts(ctx context.Context, applicationID string) (int, error)
	// DeleteOTPsOf deletes every one-time code of the account.
	DeleteOTPsOf(ctx context.Context, accountID string) error
	// CountExpired counts sessions and one-time codes that expired at or
	// before before, leaving out accounts under an active legal hold;
	// DeleteExpired deletes them.
	CountExpired(ctx context.Context, before time.Time) (sessions, otps int, err error)
	DeleteExpired(ctx context.Context, before time.Time) (sessions, otps int, err error)

	// RecordErasure notes that class was erased for subject (an account or
	// application id), so later runs skip it.
	RecordErasure(ctx context.Context, r ErasureRecord) error
	// FindErasures returns what was erased for subject.
	FindErasures(ctx context.Context, subject string) ([]ErasureRecord, error)

	CreateHold(ctx context.Context, h *LegalHold) error
	// FindHolds returns holds, newest first: of one account when
	// f.AccountID is set, and only those not released when f.Active.
	FindHolds(ctx context.Context, f HoldFilter) ([]*LegalHold, error)
	// ReleaseHold ends an active hold; ENOTFOUND when there is none with
	// that id.
	ReleaseHold(ctx context.Context, id, by string, at time.Time) error
}

// ErasureRecord is one class erased for one subject: ids and names of
// rules, nothing personal.
type ErasureRecord struct {
	Subject  string    `json:"subject"`
	Class    DataClass `json:"class"`
	Rule     string    `json:"rule"`
	ErasedAt time.Time `json:"erased_at"`
}

// LegalHold stops every erasure of an account while it is active. The
// reason may name people and cases, so it is sealed at rest and kept out
// of the audit log.
type LegalHold struct {
	ID         string     `json:"id"`
	AccountID  string     `json:"account_id"`
	Reason     string     `json:"reason"`
	PlacedBy   string     `json:"placed_by"`
	PlacedAt   time.Time  `json:"placed_at"`
	ReleasedBy string     `json:"released_by,omitempty"`
	ReleasedAt *time.Time `json:"released_at,omitempty"`
}

// HoldFilter selects legal holds.
type HoldFilter struct {
	AccountID string
	Active    bool
}
