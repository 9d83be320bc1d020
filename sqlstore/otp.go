package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"github.com/kycd/kycd"
)

func (q queries) CreateOTP(ctx context.Context, o *kycd.OTP) error {
	if _, err := q.exec(ctx, "replace otp", `DELETE FROM otps WHERE account_id = ? AND purpose = ?`, o.AccountID, string(o.Purpose)); err != nil {
		return err
	}
	_, err := q.exec(ctx, "create otp", `INSERT INTO otps (id, account_id, purpose, code_hash, tries, sent_at, expires_at, used_at)
		VALUES (?,?,?,?,?,?,?,?)`, o.ID, o.AccountID, string(o.Purpose), o.CodeHash, o.Tries, micros(o.SentAt),
		micros(o.ExpiresAt), nullMicros(o.UsedAt))
	return err
}

func (q queries) FindOTP(ctx context.Context, accountID string, p kycd.Purpose) (*kycd.OTP, error) {
	var o kycd.OTP
	var purpose string
	var sent, expires int64
	var used sql.NullInt64
	err := q.row(ctx, `SELECT id, account_id, purpose, code_hash, tries, sent_at, expires_at, used_at FROM otps
		WHERE account_id = ? AND purpose = ?`+q.s.d.ForUpdate, accountID, string(p)).
		Scan(&o.ID, &o.AccountID, &purpose, &o.CodeHash, &o.Tries, &sent, &expires, &used)
	if err != nil {
		return nil, q.s.translate(err, "find otp")
	}
	o.Purpose, o.SentAt, o.ExpiresAt, o.UsedAt = kycd.Purpose(purpose), fromMicros(sent), fromMicros(expires), timePtr(used)
	return &o, nil
}

func (q queries) UpdateOTP(ctx context.Context, o *kycd.OTP) error {
	return q.execOne(ctx, "update otp", o.ID, `UPDATE otps SET tries = ?, used_at = ? WHERE id = ?`, o.Tries, nullMicros(o.UsedAt), o.ID)
}

func (q queries) CreateSession(ctx context.Context, s *kycd.Session) error {
	_, err := q.exec(ctx, "create session", `INSERT INTO sessions (token_hash, account_id, created_at, expires_at) VALUES (?,?,?,?)`,
		s.TokenHash, s.AccountID, micros(s.CreatedAt), micros(s.ExpiresAt))
	return err
}

func (q queries) FindSession(ctx context.Context, tokenHash []byte) (*kycd.Session, error) {
	s := kycd.Session{TokenHash: tokenHash}
	var created, expires int64
	err := q.row(ctx, `SELECT account_id, created_at, expires_at FROM sessions WHERE token_hash = ?`, tokenHash).
		Scan(&s.AccountID, &created, &expires)
	if err != nil {
		return nil, q.s.translate(err, "find session")
	}
	s.CreatedAt, s.ExpiresAt = fromMicros(created), fromMicros(expires)
	return &s, nil
}

func (q queries) DeleteSession(ctx context.Context, tokenHash []byte) error {
	_, err := q.exec(ctx, "delete session", `DELETE FROM sessions WHERE token_hash = ?`, tokenHash)
	return err
}

func (q queries) DeleteSessionsOf(ctx context.Context, accountID string) error {
	_, err := q.exec(ctx, "delete sessions", `DELETE FROM sessions WHERE account_id = ?`, accountID)
	return err
}

func (q queries) CreateAPIKey(ctx context.Context, k *kycd.APIKey) error {
	_, err := q.exec(ctx, "create api key", `INSERT INTO api_keys (id, name, key_hash, created_at, revoked_at) VALUES (?,?,?,?,?)`,
		k.ID, k.Name, k.KeyHash, micros(k.CreatedAt), nullMicros(k.RevokedAt))
	return err
}

func (q queries) RevokeAPIKey(ctx context.Context, id string, at time.Time) error {
	// COALESCE keeps the first revocation's time: revoking twice is a no-op.
	return q.execOne(ctx, "revoke api key", id, `UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?`, micros(at), id)
}

func (q queries) FindAPIKeyByHash(ctx context.Context, keyHash []byte) (*kycd.APIKey, error) {
	k := kycd.APIKey{KeyHash: keyHash}
	var created int64
	var revoked sql.NullInt64
	err := q.row(ctx, `SELECT id, name, created_at, revoked_at FROM api_keys WHERE key_hash = ?`, keyHash).
		Scan(&k.ID, &k.Name, &created, &revoked)
	if err != nil {
		return nil, q.s.translate(err, "find api key")
	}
	k.CreatedAt, k.RevokedAt = fromMicros(created), timePtr(revoked)
	return &k, nil
}
