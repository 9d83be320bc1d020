package sqlstore

import (
	"context"
	"database/sql"
	"strings"

	"github.com/kycd/kycd"
)

// Personal data columns are sealed with the row id and column name as
// associated data, so a ciphertext copied to another row does not open.
func (q queries) seal(id, col, v string) ([]byte, error) {
	if v == "" {
		return nil, nil
	}
	return q.s.sealer.Seal([]byte(v), []byte(id+"|"+col))
}

// open opens column col of the accounts row id (sealed under the master
// key: accounts have no data key of their own).
func (q queries) open(id, col string, ct []byte) (string, error) {
	if len(ct) == 0 {
		return "", nil
	}
	pt, err := q.s.sealer.Open(ct, []byte(id+"|"+col))
	return string(pt), openErr("accounts", col, id, err)
}

func (q queries) CreateAccount(ctx context.Context, a *kycd.Account) error {
	emailEnc, err := q.seal(a.ID, "email", a.Email)
	if err != nil {
		return err
	}
	phoneEnc, err := q.seal(a.ID, "phone", a.Phone)
	if err != nil {
		return err
	}
	var phoneIdx []byte
	if a.Phone != "" {
		phoneIdx = q.s.sealer.BlindIndex("phone", a.Phone)
	}
	_, err = q.exec(ctx, "create account", `INSERT INTO accounts (id, email_idx, email_enc, phone_idx, phone_enc,
		password_hash, locale, role, level, invite_code, invited_by, invite_benefit, email_verified_at,
		phone_verified_at, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		a.ID, q.s.sealer.BlindIndex("email", a.Email), emailEnc, phoneIdx, phoneEnc, a.PasswordHash, a.Locale,
		string(a.Role), a.Level, a.InviteCode, nullString(a.InvitedBy), a.InviteBenefit,
		nullMicros(a.EmailVerifiedAt), nullMicros(a.PhoneVerifiedAt), micros(a.CreatedAt), micros(a.UpdatedAt))
	return err
}

const accountCols = `id, email_enc, phone_enc, password_hash, locale, role, level, invite_code, invited_by,
	invite_benefit, email_verified_at, phone_verified_at, created_at, updated_at, disabled_at, closed_at, erased_at`

func (q queries) scanAccount(r scanner, op string) (*kycd.Account, error) {
	var a kycd.Account
	var emailEnc, phoneEnc []byte
	var role string
	var invitedBy sql.NullString
	var ev, pv, disabled, closed, erased sql.NullInt64
	var created, updated int64
	err := r.Scan(&a.ID, &emailEnc, &phoneEnc, &a.PasswordHash, &a.Locale, &role, &a.Level, &a.InviteCode,
		&invitedBy, &a.InviteBenefit, &ev, &pv, &created, &updated, &disabled, &closed, &erased)
	if err != nil {
		return nil, q.s.translate(err, op)
	}
	a.Role, a.InvitedBy = kycd.Role(role), invitedBy.String
	a.EmailVerifiedAt, a.PhoneVerifiedAt, a.DisabledAt = timePtr(ev), timePtr(pv), timePtr(disabled)
	a.ClosedAt, a.ErasedAt = timePtr(closed), timePtr(erased)
	a.CreatedAt, a.UpdatedAt = fromMicros(created), fromMicros(updated)
	if a.Email, err = q.open(a.ID, "email", emailEnc); err != nil {
		return nil, err
	}
	if a.Phone, err = q.open(a.ID, "phone", phoneEnc); err != nil {
		return nil, err
	}
	return &a, nil
}

func (q queries) FindAccountByID(ctx context.Context, id string) (*kycd.Account, error) {
	return q.scanAccount(q.row(ctx, `SELECT `+accountCols+` FROM accounts WHERE id = ?`, id), "find account")
}

func (q queries) FindAccountByEmail(ctx context.Context, email string) (*kycd.Account, error) {
	return q.scanAccount(q.row(ctx, `SELECT `+accountCols+` FROM accounts WHERE email_idx = ?`,
		q.s.sealer.BlindIndex("email", email)), "find account by email")
}

func (q queries) FindAccountByInviteCode(ctx context.Context, code string) (*kycd.Account, error) {
	return q.scanAccount(q.row(ctx, `SELECT `+accountCols+` FROM accounts WHERE invite_code = ?`, code), "find account by invite code")
}

func (q queries) UpdateAccount(ctx context.Context, id string, u kycd.AccountUpdate) error {
	set := []string{"updated_at = ?"}
	args := []any{micros(u.UpdatedAt)}
	if u.PasswordHash != nil {
		set, args = append(set, "password_hash = ?"), append(args, *u.PasswordHash)
	}
	if u.Level != nil {
		set, args = append(set, "level = ?"), append(args, *u.Level)
	}
	if u.EmailVerifiedAt != nil {
		set, args = append(set, "email_verified_at = ?"), append(args, micros(*u.EmailVerifiedAt))
	}
	if u.PhoneVerifiedAt != nil {
		set, args = append(set, "phone_verified_at = ?"), append(args, micros(*u.PhoneVerifiedAt))
	}
	if u.Locale != nil {
		set, args = append(set, "locale = ?"), append(args, *u.Locale)
	}
	if u.DisabledAt != nil {
		set, args = append(set, "disabled_at = ?"), append(args, micros(*u.DisabledAt))
	}
	return q.execOne(ctx, "update account", id, `UPDATE accounts SET `+strings.Join(set, ", ")+` WHERE id = ?`, append(args, id)...)
}

func (q queries) CountInvited(ctx context.Context, inviterID string) (int, error) {
	var n int
	err := q.row(ctx, `SELECT COUNT(*) FROM accounts WHERE invited_by = ?`, inviterID).Scan(&n)
	return n, q.s.translate(err, "count invited")
}

func (q queries) CountAccounts(ctx context.Context) (int, error) {
	var n int
	err := q.row(ctx, `SELECT COUNT(*) FROM accounts`).Scan(&n)
	return n, q.s.translate(err, "count accounts")
}

func (q queries) FindInvite(ctx context.Context, code string) (*kycd.Invite, error) {
	inv := kycd.Invite{Code: code}
	if err := q.row(ctx, `SELECT benefit FROM invites WHERE code = ?`, code).Scan(&inv.Benefit); err != nil {
		return nil, q.s.translate(err, "find invite")
	}
	return &inv, nil
}

func (q queries) PutInvite(ctx context.Context, inv kycd.Invite) error {
	_, err := q.exec(ctx, "put invite", `INSERT INTO invites (code, benefit) VALUES (?, ?)
		ON CONFLICT (code) DO UPDATE SET benefit = excluded.benefit`, inv.Code, inv.Benefit)
	return err
}
