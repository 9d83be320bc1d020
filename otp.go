package kycd

import "time"

// Purpose says what a one-time code proves.
type Purpose string

// Purposes of one-time codes.
const (
	PurposeVerifyEmail   Purpose = "verify_email"
	PurposeVerifyPhone   Purpose = "verify_phone"
	PurposeResetPassword Purpose = "reset_password"
)

// OTP is a one-time code. Only a keyed hash of the code is stored, so a
// database leak does not reveal codes that are still valid.
type OTP struct {
	ID        string
	AccountID string
	Purpose   Purpose
	CodeHash  []byte
	Tries     int
	SentAt    time.Time
	ExpiresAt time.Time
	UsedAt    *time.Time
}

// Session is a logged-in caller. The token itself is given to the client
// once; only its hash is stored.
type Session struct {
	TokenHash []byte
	AccountID string
	CreatedAt time.Time
	ExpiresAt time.Time
}

// APIKey lets the exchange's backend call the operator API.
type APIKey struct {
	ID        string
	Name      string
	KeyHash   []byte
	CreatedAt time.Time
	RevokedAt *time.Time
}
