package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"github.com/kycd/kycd"
)

// Account closure, legal holds and erasure (kycd.RetentionTx). Which data
// is due and whether a hold stops it is the service's decision; these are
// the statements that carry it out.

// notHeld restricts a query on a table with an account_id column to
// accounts without an active legal hold.
const notHeld = ` AND account_id NOT IN (SELECT account_id FROM legal_holds WHERE released_at IS NULL)`

func (q queries) CloseAccount(ctx context.Context, id string, at time.Time) error {
	// The look-up indexes are re-keyed to a value only this account has:
	// the address stays sealed in the row for the record, but neither a
	// login nor a new registration with it finds this account any more.
	res, err := q.exec(ctx, "close account", `UPDATE accounts SET closed_at = ?, updated_at = ?, email_idx = ?,
		phone_idx = NULL WHERE id = ? AND closed_at IS NULL`, micros(at), micros(at),
		q.s.sealer.BlindIndex("closed-account", id), id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return kycd.Errorf(kycd.ENOTFOUND, "close account %s: no such open account", id)
	}
	return nil
}

func (q queries) FindClosedAccounts(ctx context.Context, before time.Time, limit int) ([]*kycd.Account, error) {
	rows, err := q.rows(ctx, `SELECT `+accountCols+` FROM accounts WHERE closed_at IS NOT NULL AND closed_at <= ?
		AND erased_at IS NULL ORDER BY closed_at, id LIMIT ?`, micros(before), limit)
	if err != nil {
		return nil, q.s.translate(err, "find closed accounts")
	}
	defer rows.Close()
	var out []*kycd.Account
	for rows.Next() {
		a, err := q.scanAccount(rows, "scan closed account")
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, q.s.translate(rows.Err(), "find closed accounts")
}

func (q queries) EraseAccountContact(ctx context.Context, id string) error {
	// email_idx and email_enc are NOT NULL: the index keeps a value unique
	// to the account and meaningless without it, the ciphertext becomes
	// empty.
	_, err := q.exec(ctx, "erase account contact", `UPDATE accounts SET email_idx = ?, email_enc = ?, phone_idx = NULL,
		phone_enc = NULL, password_hash = '' WHERE id = ?`, q.s.sealer.BlindIndex("erased-account", id), []byte{}, id)
	return err
}

func (q queries) MarkAccountErased(ctx context.Context, id string, at time.Time) error {
	_, err := q.exec(ctx, "mark account erased", `UPDATE accounts SET erased_at = ? WHERE id = ?`, micros(at), id)
	return err
}

func (q queries) FindIdleDrafts(ctx context.Context, before time.Time, limit int) ([]*kycd.Application, error) {
	return q.queryApps(ctx, "find idle drafts", `SELECT `+appCols+` FROM applications WHERE state = 'draft'
		AND updated_at <= ? ORDER BY updated_at, id LIMIT ?`, micros(before), limit)
}

func (q queries) FindDecidedApplications(ctx context.Context, before time.Time, class kycd.DataClass, limit int) ([]*kycd.Application, error) {
	return q.queryApps(ctx, "find decided applications", `SELECT `+appCols+` FROM applications
		WHERE state IN ('approved', 'rejected', 'withdrawn') AND decided_at <= ?
		AND NOT EXISTS (SELECT 1 FROM erasures e WHERE e.subject = applications.id AND e.class = ?)
		ORDER BY decided_at, id LIMIT ?`, micros(before), string(class), limit)
}

func (q queries) FindReplacedDocuments(ctx context.Context, before time.Time, limit int) ([]*kycd.Document, error) {
	return q.queryDocs(ctx, "find replaced documents", `SELECT `+docCols+` FROM documents WHERE replaced_at IS NOT NULL
		AND application_id IN (SELECT id FROM applications WHERE state IN ('approved', 'rejected', 'withdrawn') AND decided_at <= ?)
		ORDER BY replaced_at, id LIMIT ?`, micros(before), limit)
}

func (q queries) FindUploadsOf(ctx context.Context, applicationID string) ([]*kycd.Upload, error) {
	rows, err := q.rows(ctx, `SELECT `+uploadCols+` FROM uploads WHERE application_id = ? ORDER BY created_at, id`, applicationID)
	if err != nil {
		return nil, q.s.translate(err, "find uploads")
	}
	return collect(ctx, q, "find uploads", rows, q.scanUpload, sealedUpload.open)
}

func (q queries) DeleteDocument(ctx context.Context, id string) error {
	_, err := q.exec(ctx, "delete document", `DELETE FROM documents WHERE id = ?`, id)
	return err
}

func (q queries) DeleteApplication(ctx context.Context, id string) error {
	var state string
	if err := q.row(ctx, `SELECT state FROM applications WHERE id = ?`, id).Scan(&state); err != nil {
		return q.s.translate(err, "delete application")
	}
	if state != string(kycd.StateDraft) {
		return kycd.Errorf(kycd.ENOTFOUND, "delete application %s: not a draft", id)
	}
	for _, stmt := range []string{
		`DELETE FROM documents WHERE application_id = ?`,
		`DELETE FROM uploads WHERE application_id = ?`, // segments cascade
		`DELETE FROM applications WHERE id = ?`,
	} {
		if _, err := q.exec(ctx, "delete application", stmt, id); err != nil {
			return err
		}
	}
	return nil
}

func (q queries) EraseDecisionComments(ctx context.Context, applicationID string) (int, error) {
	res, err := q.exec(ctx, "erase decision comments", `UPDATE decisions SET comment_enc = NULL
		WHERE application_id = ? AND comment_enc IS NOT NULL`, applicationID)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}

func (q queries) DeleteScreeningAlerts(ctx context.Context, applicationID string) (int, error) {
	res, err := q.exec(ctx, "delete screening alerts", `DELETE FROM screening_alerts WHERE application_id = ?`, applicationID)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}

func (q queries) DeleteOTPsOf(ctx context.Context, accountID string) error {
	_, err := q.exec(ctx, "delete codes", `DELETE FROM otps WHERE account_id = ?`, accountID)
	return err
}

func (q queries) CountExpired(ctx context.Context, before time.Time) (int, int, error) {
	var sessions, otps int
	if err := q.row(ctx, `SELECT COUNT(*) FROM sessions WHERE expires_at <= ?`+notHeld, micros(before)).Scan(&sessions); err != nil {
		return 0, 0, q.s.translate(err, "count expired sessions")
	}
	if err := q.row(ctx, `SELECT COUNT(*) FROM otps WHERE expires_at <= ?`+notHeld, micros(before)).Scan(&otps); err != nil {
		return 0, 0, q.s.translate(err, "count expired codes")
	}
	return sessions, otps, nil
}

func (q queries) DeleteExpired(ctx context.Context, before time.Time) (int, int, error) {
	var n [2]int
	for i, table := range []string{"sessions", "otps"} {
		res, err := q.exec(ctx, "delete expired "+table, `DELETE FROM `+table+` WHERE expires_at <= ?`+notHeld, micros(before))
		if err != nil {
			return 0, 0, err
		}
		c, _ := res.RowsAffected()
		n[i] = int(c)
	}
	return n[0], n[1], nil
}

func (q queries) RecordErasure(ctx context.Context, r kycd.ErasureRecord) error {
	_, err := q.exec(ctx, "record erasure", `INSERT INTO erasures (subject, class, rule, erased_at) VALUES (?,?,?,?)
		ON CONFLICT (subject, class) DO NOTHING`, r.Subject, string(r.Class), r.Rule, micros(r.ErasedAt))
	return err
}

func (q queries) FindErasures(ctx context.Context, subject string) ([]kycd.ErasureRecord, error) {
	rows, err := q.rows(ctx, `SELECT subject, class, rule, erased_at FROM erasures WHERE subject = ? ORDER BY erased_at, class`, subject)
	if err != nil {
		return nil, q.s.translate(err, "find erasures")
	}
	defer rows.Close()
	var out []kycd.ErasureRecord
	for rows.Next() {
		var r kycd.ErasureRecord
		var class string
		var at int64
		if err := rows.Scan(&r.Subject, &class, &r.Rule, &at); err != nil {
			return nil, q.s.translate(err, "scan erasure")
		}
		r.Class, r.ErasedAt = kycd.DataClass(class), fromMicros(at)
		out = append(out, r)
	}
	return out, q.s.translate(rows.Err(), "find erasures")
}

func (q queries) CreateHold(ctx context.Context, h *kycd.LegalHold) error {
	enc, err := q.s.sealer.Seal([]byte(h.Reason), []byte(h.ID+"|reason"))
	if err != nil {
		return err
	}
	_, err = q.exec(ctx, "create hold", `INSERT INTO legal_holds (id, account_id, reason_enc, placed_by, placed_at)
		VALUES (?,?,?,?,?)`, h.ID, h.AccountID, enc, h.PlacedBy, micros(h.PlacedAt))
	return err
}

func (q queries) FindHolds(ctx context.Context, f kycd.HoldFilter) ([]*kycd.LegalHold, error) {
	where, args := "1 = 1", []any{}
	if f.AccountID != "" {
		where, args = where+" AND account_id = ?", append(args, f.AccountID)
	}
	if f.Active {
		where += " AND released_at IS NULL"
	}
	rows, err := q.rows(ctx, `SELECT id, account_id, reason_enc, placed_by, placed_at, released_by, released_at
		FROM legal_holds WHERE `+where+` ORDER BY placed_at DESC, id`, args...)
	if err != nil {
		return nil, q.s.translate(err, "find holds")
	}
	defer rows.Close()
	out := []*kycd.LegalHold{}
	for rows.Next() {
		var h kycd.LegalHold
		var enc []byte
		var placed int64
		var released sql.NullInt64
		if err := rows.Scan(&h.ID, &h.AccountID, &enc, &h.PlacedBy, &placed, &h.ReleasedBy, &released); err != nil {
			return nil, q.s.translate(err, "scan hold")
		}
		reason, err := q.s.sealer.Open(enc, []byte(h.ID+"|reason"))
		if err != nil {
			return nil, openErr("legal_holds", "reason", h.ID, err)
		}
		h.Reason, h.PlacedAt, h.ReleasedAt = string(reason), fromMicros(placed), timePtr(released)
		out = append(out, &h)
	}
	return out, q.s.translate(rows.Err(), "find holds")
}

func (q queries) ReleaseHold(ctx context.Context, id, by string, at time.Time) error {
	res, err := q.exec(ctx, "release hold", `UPDATE legal_holds SET released_by = ?, released_at = ?
		WHERE id = ? AND released_at IS NULL`, by, micros(at), id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return kycd.Errorf(kycd.ENOTFOUND, "release hold %s: no such active hold", id)
	}
	return nil
}
