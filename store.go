package kycd

import (
	"context"
	"time"
)

// Store is kycd's persistence. Implementations (sqlite, postgres) translate
// driver errors into ECONFLICT and ENOTFOUND and hold no business rules;
// one conformance suite (storetest) runs against each.
type Store interface {
	// WithTx runs fn in one transaction: it commits when fn returns nil and
	// rolls back otherwise, so a state change and its audit entry land
	// together or not at all.
	WithTx(ctx context.Context, fn func(Tx) error) error
	// Tx's methods called on the Store run outside any transaction.
	Tx
	// Ping checks the database answers and its schema is current.
	Ping(ctx context.Context) error
	Close() error
}

// Tx is what can be done inside a transaction. Find* return an ENOTFOUND
// *Error when nothing matches, never nil, nil; so do Update*, Set* and
// Revoke* of a row that does not exist (any more), instead of writing
// nothing and succeeding.
type Tx interface {
	ApplicationTx
	DataKeyTx
	WebhookTx
	OutboxTx
	ScreeningTx
	RetentionTx
	RedactTx
	// CreateAccount inserts a; ECONFLICT when the email, phone or invite
	// code is taken.
	CreateAccount(ctx context.Context, a *Account) error
	FindAccountByID(ctx context.Context, id string) (*Account, error)
	FindAccountByEmail(ctx context.Context, email string) (*Account, error)
	FindAccountByInviteCode(ctx context.Context, code string) (*Account, error)
	UpdateAccount(ctx context.Context, id string, upd AccountUpdate) error
	// CountInvited counts the accounts registered with inviterID's code.
	CountInvited(ctx context.Context, inviterID string) (int, error)
	// CountAccounts counts all accounts (for the funnel and benchmarks).
	CountAccounts(ctx context.Context) (int, error)

	// FindInvite returns the operator's configuration for an invite code.
	FindInvite(ctx context.Context, code string) (*Invite, error)
	PutInvite(ctx context.Context, inv Invite) error

	// CreateOTP stores o, replacing any earlier code for the same account
	// and purpose (only the newest code is ever valid).
	CreateOTP(ctx context.Context, o *OTP) error
	FindOTP(ctx context.Context, accountID string, p Purpose) (*OTP, error)
	UpdateOTP(ctx context.Context, o *OTP) error

	CreateSession(ctx context.Context, s *Session) error
	FindSession(ctx context.Context, tokenHash []byte) (*Session, error)
	DeleteSession(ctx context.Context, tokenHash []byte) error
	DeleteSessionsOf(ctx context.Context, accountID string) error

	CreateAPIKey(ctx context.Context, k *APIKey) error
	FindAPIKeyByHash(ctx context.Context, keyHash []byte) (*APIKey, error)
	// RevokeAPIKey marks the key revoked; revoking twice keeps the first
	// time.
	RevokeAPIKey(ctx context.Context, id string, at time.Time) error

	// AuditHead returns the last entry's sequence number and hash (0, nil
	// for an empty log) and holds the chain's lock until the transaction
	// ends, so that concurrent appends cannot fork the chain.
	AuditHead(ctx context.Context) (int64, []byte, error)
	// InsertAudit appends e (Seq, PrevHash, Hash and Rule already set) and
	// moves the head to it, unsigned.
	InsertAudit(ctx context.Context, e *AuditEntry) error
	// SignAuditHead stores the head's signature if the head is still at seq.
	SignAuditHead(ctx context.Context, seq int64, mac []byte) error
	// SignedAuditHead returns the head with its signature (nil when
	// unsigned), without locking it.
	SignedAuditHead(ctx context.Context) (SignedAuditHead, error)
	// AuditEntries returns up to limit entries with Seq > after, in order.
	AuditEntries(ctx context.Context, after int64, limit int) ([]*AuditEntry, error)
}

// Sealer encrypts personal data at rest and computes blind indexes so that
// equality look-ups work without storing the value in clear.
type Sealer interface {
	// Seal encrypts plaintext bound to aad (e.g. the row id and column) so
	// a ciphertext moved to another row fails to open.
	Seal(plaintext, aad []byte) ([]byte, error)
	Open(ciphertext, aad []byte) ([]byte, error)
	// BlindIndex returns a keyed hash of value, separated by domain (e.g.
	// "email", "cn_rid") so equal values in different domains differ.
	BlindIndex(domain, value string) []byte
}

// Message is an email or SMS ready to send.
type Message struct {
	Channel string    `json:"channel"` // "email" or "sms"
	To      string    `json:"to"`
	Subject string    `json:"subject,omitempty"`
	Body    string    `json:"body"`
	SentAt  time.Time `json:"sent_at"`
}

// Sender delivers messages on one channel (SMTP, an SMS gateway, the dev
// outbox). Send must not log the message body.
type Sender interface {
	Send(ctx context.Context, m Message) error
}
