package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"
	"time"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/reason"
)

// payload is what is sealed in applications.payload_enc.
type payload struct {
	Identity kycd.Identity     `json:"identity"`
	Findings []reason.Finding  `json:"findings"`
	Decoded  map[string]string `json:"decoded,omitempty"`
	// Screening hits name list entries: sealed with the rest.
	Screening []reason.Finding `json:"screening,omitempty"`
	// RedoFrom is the identity a reviewer asked to redo: personal data.
	RedoFrom *kycd.Identity `json:"redo_from,omitempty"`
	// PendingComment is the comment of a proposed final rejection
	// (pending_final): a reviewer's words about the applicant, sealed
	// here while the rest of the proposal stays readable for queries.
	PendingComment string `json:"pending_comment,omitempty"`
	// Note is the reviewer's note to the applicant; PendingNote that of a
	// proposed final rejection.
	Note        string `json:"note,omitempty"`
	PendingNote string `json:"pending_note,omitempty"`
	// FaceMatch holds two face crops and their distance: biometric data.
	FaceMatch *kycd.FaceMatch `json:"face_match,omitempty"`
}

func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil || string(b) == "null" {
		return "[]"
	}
	return string(b)
}

// sealPayload seals the application's personal data under its own data
// key. An erased application has none left to seal: writing one fails
// with EERASED rather than bring a new key into being.
func (q queries) sealPayload(ctx context.Context, a *kycd.Application) ([]byte, error) {
	p := payload{Identity: a.Identity, Findings: a.IdentityFindings, Decoded: a.Decoded, Screening: a.Screening,
		RedoFrom: a.RedoFrom, Note: a.Note, FaceMatch: a.FaceMatch}
	if a.PendingFinal != nil {
		p.PendingComment, p.PendingNote = a.PendingFinal.Comment, a.PendingFinal.Note
	}
	raw, err := json.Marshal(p)
	if err != nil {
		return nil, err
	}
	return q.sealFor(ctx, a.ID, raw, []byte(a.ID+"|payload"))
}

func (q queries) appArgs(ctx context.Context, a *kycd.Application) ([]any, error) {
	enc, err := q.sealPayload(ctx, a)
	if err != nil {
		return nil, err
	}
	var pending sql.NullString
	if a.PendingFinal != nil {
		clear := *a.PendingFinal
		clear.Comment, clear.Note = "", "" // sealed in the payload
		b, _ := json.Marshal(clear)
		pending = sql.NullString{String: string(b), Valid: true}
	}
	return []any{a.Level, string(a.State), a.Attempt, enc, a.DocIndex, jsonText(a.Reasons), jsonText(a.Redo),
		jsonText(a.Flags), pending, nullString(a.ClaimedBy), nullMicros(a.ClaimExpiresAt), nullMicros(a.SubmittedAt),
		nullMicros(a.DueAt), nullMicros(a.DecidedAt), micros(a.UpdatedAt)}, nil
}

func (q queries) CreateApplication(ctx context.Context, a *kycd.Application) error {
	args, err := q.appArgs(ctx, a)
	if err != nil {
		return err
	}
	_, err = q.exec(ctx, "create application", `INSERT INTO applications (level, state, attempt, payload_enc, doc_idx,
		reasons, redo, flags, pending_final, claimed_by, claim_expires_at, submitted_at, due_at, decided_at, updated_at,
		id, account_id, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		append(args, a.ID, a.AccountID, micros(a.CreatedAt))...)
	return err
}

func (q queries) UpdateApplication(ctx context.Context, a *kycd.Application) error {
	args, err := q.appArgs(ctx, a)
	if err != nil {
		return err
	}
	return q.execOne(ctx, "update application", a.ID, `UPDATE applications SET level = ?, state = ?, attempt = ?,
		payload_enc = ?, doc_idx = ?, reasons = ?, redo = ?, flags = ?, pending_final = ?, claimed_by = ?,
		claim_expires_at = ?, submitted_at = ?, due_at = ?, decided_at = ?, updated_at = ? WHERE id = ?`, append(args, a.ID)...)
}

const appCols = `id, account_id, level, state, attempt, payload_enc, doc_idx, reasons, redo, flags, pending_final,
	claimed_by, claim_expires_at, submitted_at, due_at, decided_at, created_at, updated_at`

type scanner interface{ Scan(dest ...any) error }

// sealedApp is an application as scanned, its payload still sealed: it is
// opened after the rows are closed, because opening may look up a data
// key, and a transaction's connection runs one query at a time.
type sealedApp struct {
	a   *kycd.Application
	enc []byte
}

func (q queries) scanApp(r scanner) (sealedApp, error) {
	var a kycd.Application
	var state, reasons, redo, flags string
	var enc []byte
	var pending, claimedBy sql.NullString
	var claimExp, submitted, due, decided sql.NullInt64
	var created, updated int64
	if err := r.Scan(&a.ID, &a.AccountID, &a.Level, &state, &a.Attempt, &enc, &a.DocIndex, &reasons, &redo, &flags,
		&pending, &claimedBy, &claimExp, &submitted, &due, &decided, &created, &updated); err != nil {
		return sealedApp{}, err
	}
	a.State, a.ClaimedBy = kycd.State(state), claimedBy.String
	a.ClaimExpiresAt, a.SubmittedAt, a.DueAt, a.DecidedAt = timePtr(claimExp), timePtr(submitted), timePtr(due), timePtr(decided)
	a.CreatedAt, a.UpdatedAt = fromMicros(created), fromMicros(updated)
	if err := json.Unmarshal([]byte(reasons), &a.Reasons); err != nil {
		return sealedApp{}, err
	}
	if err := json.Unmarshal([]byte(redo), &a.Redo); err != nil {
		return sealedApp{}, err
	}
	if err := json.Unmarshal([]byte(flags), &a.Flags); err != nil {
		return sealedApp{}, err
	}
	if pending.Valid {
		a.PendingFinal = &kycd.Decision{}
		if err := json.Unmarshal([]byte(pending.String), a.PendingFinal); err != nil {
			return sealedApp{}, err
		}
	}
	return sealedApp{&a, enc}, nil
}

// open opens the scanned application's payload. An erased application
// comes back marked, without its personal data, not as an error: its
// other columns (state, dates, reason codes) may be kept longer.
func (sa sealedApp) open(ctx context.Context, q queries) (*kycd.Application, error) {
	a := sa.a
	if len(sa.enc) == 0 {
		return a, nil
	}
	raw, err := q.openAny(ctx, "applications", a.ID, "payload", sa.enc)
	if kycd.IsErased(err) {
		a.Erased = true
		return a, nil
	} else if err != nil {
		return nil, err
	}
	var p payload
	if err := json.Unmarshal(raw, &p); err != nil {
		return nil, err
	}
	a.Identity, a.IdentityFindings, a.Decoded, a.Screening, a.RedoFrom = p.Identity, p.Findings, p.Decoded, p.Screening, p.RedoFrom
	a.Note, a.FaceMatch = p.Note, p.FaceMatch
	if a.PendingFinal != nil {
		a.PendingFinal.Note = p.PendingNote
	}
	if a.PendingFinal != nil && p.PendingComment != "" {
		a.PendingFinal.Comment = p.PendingComment
	}
	return a, nil
}

func (q queries) FindApplicationByID(ctx context.Context, id string) (*kycd.Application, error) {
	// In a transaction the row stays locked until commit, so that two
	// requests that read, check and rewrite the same application (a
	// double-clicked decision, two submits) take turns on PostgreSQL
	// instead of both passing the checks on the same old row. SQLite's
	// immediate transactions serialise writers already.
	lock := ""
	if _, inTx := q.x.(*sql.Tx); inTx {
		lock = q.s.d.ForUpdate
	}
	sa, err := q.scanApp(q.row(ctx, `SELECT `+appCols+` FROM applications WHERE id = ?`+lock, id))
	if err != nil {
		return nil, q.s.translate(err, "find application")
	}
	return sa.open(ctx, q)
}

func (q queries) HoldApplication(ctx context.Context, id string, state kycd.State, attempt int) (bool, error) {
	// Locked as FindApplicationByID locks it, so a submission that reads
	// the application in its transaction waits for this one's commit.
	lock := ""
	if _, inTx := q.x.(*sql.Tx); inTx {
		lock = q.s.d.ForUpdate
	}
	var one int
	err := q.row(ctx, `SELECT 1 FROM applications WHERE id = ? AND state = ? AND attempt = ?`+lock,
		id, string(state), attempt).Scan(&one)
	if err != nil {
		if err = q.s.translate(err, "hold application"); kycd.IsNotFound(err) {
			return false, nil
		}
		return false, err
	}
	return true, nil
}

func (q queries) queryApps(ctx context.Context, op, query string, args ...any) ([]*kycd.Application, error) {
	rows, err := q.rows(ctx, query, args...)
	if err != nil {
		return nil, q.s.translate(err, op)
	}
	return collect(ctx, q, op, rows, q.scanApp, sealedApp.open)
}

func (q queries) FindApplications(ctx context.Context, f kycd.ApplicationFilter) ([]*kycd.Application, error) {
	where, args := []string{"1 = 1"}, []any{}
	if f.AccountID != "" {
		where, args = append(where, "account_id = ?"), append(args, f.AccountID)
	}
	if len(f.States) > 0 {
		ph := strings.TrimSuffix(strings.Repeat("?,", len(f.States)), ",")
		where = append(where, "state IN ("+ph+")")
		for _, s := range f.States {
			args = append(args, string(s))
		}
	}
	if f.Level > 0 {
		where, args = append(where, "level = ?"), append(args, f.Level)
	}
	switch f.ClaimedBy {
	case "":
	case "-":
		where = append(where, "claimed_by IS NULL")
	default:
		where, args = append(where, "claimed_by = ?"), append(args, f.ClaimedBy)
	}
	limit := f.Limit
	if limit <= 0 || limit > 1000 {
		limit = 1000
	}
	// Oldest due first: the review queue's order; drafts (no due date)
	// after, newest first.
	return q.queryApps(ctx, "find applications", `SELECT `+appCols+` FROM applications WHERE `+strings.Join(where, " AND ")+
		` ORDER BY CASE WHEN due_at IS NULL THEN 1 ELSE 0 END, due_at, created_at DESC, id LIMIT ?`, append(args, limit)...)
}

func (q queries) ClaimApplication(ctx context.Context, id, reviewer string, until, now time.Time) (bool, error) {
	res, err := q.exec(ctx, "claim application", `UPDATE applications SET claimed_by = ?, claim_expires_at = ?
		WHERE id = ? AND state = 'in_review' AND (claimed_by IS NULL OR claimed_by = ? OR claim_expires_at <= ?)`,
		reviewer, micros(until), id, reviewer, micros(now))
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

func (q queries) FindApplicationsByDocIndex(ctx context.Context, idx []byte, exceptAccount string) ([]*kycd.Application, error) {
	if len(idx) == 0 {
		return nil, nil
	}
	return q.queryApps(ctx, "find applications by document", `SELECT `+appCols+` FROM applications
		WHERE doc_idx = ? AND account_id <> ? ORDER BY created_at, id`, idx, exceptAccount)
}

func (q queries) CreateDecision(ctx context.Context, d *kycd.Decision) error {
	// The reviewer's comment and the note to the applicant are both free
	// text about a person: sealed under the application's data key.
	var sealed [2][]byte
	for i, f := range []struct{ v, col string }{{d.Comment, "comment"}, {d.Note, "note"}} {
		if f.v == "" {
			continue
		}
		var err error
		if sealed[i], err = q.sealFor(ctx, d.ApplicationID, []byte(f.v), []byte(d.ID+"|"+f.col)); err != nil {
			return err
		}
	}
	_, err := q.exec(ctx, "create decision", `INSERT INTO decisions (id, application_id, attempt, reviewer_id, decision,
		reject_type, reasons, comment_enc, note_enc, confirmed_by, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
		d.ID, d.ApplicationID, d.Attempt, d.ReviewerID, d.Decision, d.RejectType, jsonText(d.Reasons), sealed[0], sealed[1],
		d.ConfirmedBy, micros(d.CreatedAt))
	return err
}

func (q queries) FindDecisions(ctx context.Context, applicationID string) ([]*kycd.Decision, error) {
	rows, err := q.rows(ctx, `SELECT id, application_id, attempt, reviewer_id, decision, reject_type, reasons,
		comment_enc, note_enc, confirmed_by, created_at FROM decisions WHERE application_id = ? ORDER BY created_at, id`, applicationID)
	if err != nil {
		return nil, q.s.translate(err, "find decisions")
	}
	out := []*kycd.Decision{}
	var sealed [][2][]byte // comment, note
	for rows.Next() {
		var d kycd.Decision
		var reasons string
		var enc [2][]byte
		var created int64
		if err := rows.Scan(&d.ID, &d.ApplicationID, &d.Attempt, &d.ReviewerID, &d.Decision, &d.RejectType, &reasons,
			&enc[0], &enc[1], &d.ConfirmedBy, &created); err != nil {
			rows.Close()
			return nil, q.s.translate(err, "scan decision")
		}
		d.CreatedAt = fromMicros(created)
		if err := json.Unmarshal([]byte(reasons), &d.Reasons); err != nil {
			rows.Close()
			return nil, err
		}
		out, sealed = append(out, &d), append(sealed, enc)
	}
	if err := rows.Close(); err != nil {
		return nil, q.s.translate(err, "find decisions")
	}
	if err := rows.Err(); err != nil {
		return nil, q.s.translate(err, "find decisions")
	}
	// Opened after the rows are closed (see sealedApp). An erased
	// application's comments and notes read as empty.
	for i, d := range out {
		for j, f := range []struct {
			col string
			dst *string
		}{{"comment", &d.Comment}, {"note", &d.Note}} {
			if len(sealed[i][j]) == 0 {
				continue
			}
			pt, err := q.openAny(ctx, "decisions", d.ID, f.col, sealed[i][j])
			if err != nil && !kycd.IsErased(err) {
				return nil, err
			}
			*f.dst = string(pt)
		}
	}
	return out, nil
}
