package sqlstore

import (
	"context"
	"strings"

	"github.com/kycd/kycd"
)

func (q queries) AuditHead(ctx context.Context) (int64, []byte, error) {
	var seq int64
	var hash []byte
	// On PostgreSQL the row lock serialises appenders until commit; SQLite
	// transactions already hold the database's single write lock.
	err := q.row(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`+q.s.d.ForUpdate).Scan(&seq, &hash)
	if err != nil {
		return 0, nil, q.s.translate(err, "audit head")
	}
	return seq, hash, nil
}

func (q queries) SignedAuditHead(ctx context.Context) (kycd.SignedAuditHead, error) {
	var h kycd.SignedAuditHead
	err := q.row(ctx, `SELECT seq, hash, mac FROM audit_head WHERE id = 1`).Scan(&h.Seq, &h.Hash, &h.MAC)
	return h, q.s.translate(err, "signed audit head")
}

func (q queries) InsertAudit(ctx context.Context, e *kycd.AuditEntry) error {
	rule := e.Rule
	if rule == 0 {
		rule = kycd.AuditRuleV1
	}
	if _, err := q.exec(ctx, "insert audit", `INSERT INTO audit_log (seq, at, actor, action, subject, data, prev_hash, hash, rule)
		VALUES (?,?,?,?,?,?,?,?,?)`, e.Seq, micros(e.At), e.Actor, e.Action, e.Subject, e.Data, e.PrevHash, e.Hash, rule); err != nil {
		return err
	}
	_, err := q.exec(ctx, "advance audit head", `UPDATE audit_head SET seq = ?, hash = ?, mac = NULL WHERE id = 1`, e.Seq, e.Hash)
	return err
}

func (q queries) SignAuditHead(ctx context.Context, seq int64, mac []byte) error {
	_, err := q.exec(ctx, "sign audit head", `UPDATE audit_head SET mac = ? WHERE id = 1 AND seq = ?`, mac, seq)
	return err
}

func (q queries) AuditEntries(ctx context.Context, after int64, limit int) ([]*kycd.AuditEntry, error) {
	return q.auditRows(ctx, "audit entries", `SELECT `+auditCols+` FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?`, after, limit)
}

const auditCols = `seq, at, actor, action, subject, data, prev_hash, hash, rule, data_digest`

func (q queries) auditRows(ctx context.Context, op, query string, args ...any) ([]*kycd.AuditEntry, error) {
	rows, err := q.rows(ctx, query, args...)
	if err != nil {
		return nil, q.s.translate(err, op)
	}
	defer rows.Close()
	var out []*kycd.AuditEntry
	for rows.Next() {
		var e kycd.AuditEntry
		var at int64
		var prev []byte
		if err := rows.Scan(&e.Seq, &at, &e.Actor, &e.Action, &e.Subject, &e.Data, &prev, &e.Hash, &e.Rule, &e.DataDigest); err != nil {
			return nil, q.s.translate(err, "scan audit entry")
		}
		e.At, e.PrevHash = fromMicros(at), prev
		out = append(out, &e)
	}
	return out, q.s.translate(rows.Err(), op)
}

// FindAuditBySubjects implements kycd.RedactTx.
func (q queries) FindAuditBySubjects(ctx context.Context, subjects []string, limit int) ([]*kycd.AuditEntry, error) {
	if len(subjects) == 0 {
		return nil, nil
	}
	args := make([]any, 0, len(subjects)+2)
	args = append(args, kycd.AuditRuleV3)
	for _, s := range subjects {
		args = append(args, s)
	}
	args = append(args, limit)
	return q.auditRows(ctx, "audit by subjects", `SELECT `+auditCols+` FROM audit_log WHERE rule >= ? AND data_digest IS NULL
		AND subject IN (?`+strings.Repeat(",?", len(subjects)-1)+`) ORDER BY seq LIMIT ?`, args...)
}

// RedactAudit implements kycd.RedactTx. The database's trigger admits
// this one change to an entry and no other.
func (q queries) RedactAudit(ctx context.Context, seq int64, digest []byte) error {
	res, err := q.exec(ctx, "redact audit entry", `UPDATE audit_log SET data = ?, data_digest = ? WHERE seq = ? AND data_digest IS NULL`,
		kycd.AuditRedactedData, digest, seq)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return kycd.Errorf(kycd.ENOTFOUND, "redact audit entry %d: none unredacted", seq)
	}
	return nil
}
