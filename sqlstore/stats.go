package sqlstore

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/kycd/kycd"
)

// The dashboard's aggregate reads (kycd.StatsReader). They return rows and
// leave the counting to the service, so the rules of the funnel are written
// once for both databases.

var _ kycd.StatsReader = queries{}

func (q queries) AuditBetween(ctx context.Context, from, to time.Time, actions []string, limit int) ([]*kycd.AuditEntry, error) {
	if len(actions) == 0 {
		return nil, nil
	}
	args := []any{micros(from), micros(to)}
	for _, a := range actions {
		args = append(args, a)
	}
	args = append(args, limit)
	// Sequence order is time order (entries are appended under the chain's
	// lock), and seq is the primary key, so this walks an index.
	rows, err := q.rows(ctx, `SELECT seq, at, actor, action, subject, data FROM audit_log
		WHERE at >= ? AND at < ? AND action IN (?`+strings.Repeat(",?", len(actions)-1)+`) ORDER BY seq LIMIT ?`, args...)
	if err != nil {
		return nil, q.s.translate(err, "audit between")
	}
	defer rows.Close()
	var out []*kycd.AuditEntry
	for rows.Next() {
		var e kycd.AuditEntry
		var at int64
		if err := rows.Scan(&e.Seq, &at, &e.Actor, &e.Action, &e.Subject, &e.Data); err != nil {
			return nil, q.s.translate(err, "scan audit entry")
		}
		e.At = fromMicros(at)
		out = append(out, &e)
	}
	return out, q.s.translate(rows.Err(), "audit between")
}

func (q queries) ReviewTimes(ctx context.Context, from, to time.Time) ([]kycd.ReviewTime, error) {
	rows, err := q.rows(ctx, `SELECT state, submitted_at, due_at, decided_at FROM applications
		WHERE submitted_at >= ? AND submitted_at < ?`, micros(from), micros(to))
	if err != nil {
		return nil, q.s.translate(err, "review times")
	}
	defer rows.Close()
	var out []kycd.ReviewTime
	for rows.Next() {
		var rt kycd.ReviewTime
		var state string
		var sub int64
		var due, dec sql.NullInt64
		if err := rows.Scan(&state, &sub, &due, &dec); err != nil {
			return nil, q.s.translate(err, "scan review time")
		}
		rt.State, rt.SubmittedAt, rt.DueAt, rt.DecidedAt = kycd.State(state), fromMicros(sub), timePtr(due), timePtr(dec)
		out = append(out, rt)
	}
	return out, q.s.translate(rows.Err(), "review times")
}
