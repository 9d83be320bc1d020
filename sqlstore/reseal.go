package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/seal"
)

var _ kycd.KeyStore = (*DB)(nil)

// column is one sealed column: its associated data is the row id, "|" and
// aad. Columns with a subject (the column naming the application) belong
// under the application's data key; the others under the active master key.
type column struct{ name, aad string }

type sealedTable struct {
	table, id, subject string
	cols               []column
}

// sealedTables are the database phases' tables (applications have a phase
// of their own, through FindApplicationByID and UpdateApplication, because
// moving their payload also moves a proposed rejection's comment).
var sealedTables = map[string]sealedTable{
	kycd.PhaseApplications: {"applications", "id", "id", []column{{"payload_enc", "payload"}}},
	kycd.PhaseDocuments:    {"documents", "id", "application_id", []column{{"reading_enc", "reading"}}},
	kycd.PhaseDecisions:    {"decisions", "id", "application_id", []column{{"comment_enc", "comment"}, {"note_enc", "note"}}},
	kycd.PhaseUploads:      {"uploads", "id", "application_id", []column{{"filename_enc", "filename"}}},
	kycd.PhaseAccounts:     {"accounts", "id", "", []column{{"email_enc", "email"}, {"phone_enc", "phone"}}},
	kycd.PhaseWebhooks:     {"webhook_endpoints", "id", "", []column{{"secret_enc", "secret"}}},
	kycd.PhaseDataKeys:     {"data_keys", "subject", "", nil},
}

func (q queries) scanKeyJob(r scanner) (kycd.KeyJob, error) {
	var j kycd.KeyJob
	var started, updated int64
	var finished sql.NullInt64
	err := r.Scan(&j.Phase, &j.Target, &j.After, &j.Done, &j.Total, &started, &updated, &finished)
	j.StartedAt, j.UpdatedAt, j.FinishedAt = fromMicros(started), fromMicros(updated), timePtr(finished)
	return j, err
}

const keyJobCols = `phase, target, after_id, done, total, started_at, updated_at, finished_at`

// KeyJobs implements kycd.KeyStore.
func (s *DB) KeyJobs(ctx context.Context) ([]kycd.KeyJob, error) {
	rows, err := s.rows(ctx, `SELECT `+keyJobCols+` FROM key_jobs ORDER BY phase`)
	if err != nil {
		return nil, s.translate(err, "key jobs")
	}
	defer rows.Close()
	var out []kycd.KeyJob
	for rows.Next() {
		j, err := s.scanKeyJob(rows)
		if err != nil {
			return nil, s.translate(err, "key jobs")
		}
		out = append(out, j)
	}
	return out, s.translate(rows.Err(), "key jobs")
}

// SaveKeyJob implements kycd.KeyStore.
func (s *DB) SaveKeyJob(ctx context.Context, j kycd.KeyJob) error {
	return s.saveKeyJob(ctx, j)
}

func (q queries) saveKeyJob(ctx context.Context, j kycd.KeyJob) error {
	_, err := q.exec(ctx, "save key job", `INSERT INTO key_jobs (`+keyJobCols+`) VALUES (?,?,?,?,?,?,?,?)
		ON CONFLICT (phase) DO UPDATE SET target = excluded.target, after_id = excluded.after_id, done = excluded.done,
		total = excluded.total, started_at = excluded.started_at, updated_at = excluded.updated_at,
		finished_at = excluded.finished_at`, j.Phase, j.Target, j.After, j.Done, j.Total, micros(j.StartedAt),
		micros(j.UpdatedAt), nullMicros(j.FinishedAt))
	return err
}

func (q queries) keyJob(ctx context.Context, phase string) (kycd.KeyJob, error) {
	lock := ""
	if q.inTx() {
		lock = q.s.d.ForUpdate
	}
	j, err := q.scanKeyJob(q.row(ctx, `SELECT `+keyJobCols+` FROM key_jobs WHERE phase = ?`+lock, phase))
	return j, err
}

// StartKeyJob implements kycd.KeyStore.
func (s *DB) StartKeyJob(ctx context.Context, phase, target string, now time.Time) (kycd.KeyJob, error) {
	var j kycd.KeyJob
	err := s.WithTx(ctx, func(tx kycd.Tx) error {
		q := tx.(queries)
		var err error
		j, err = q.keyJob(ctx, phase)
		if err == nil && j.Target == target {
			return nil
		}
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return s.translate(err, "key job")
		}
		j = kycd.KeyJob{Phase: phase, Target: target, StartedAt: now, UpdatedAt: now}
		if j.Total, err = q.countPhase(ctx, phase); err != nil {
			return err
		}
		return q.saveKeyJob(ctx, j)
	})
	return j, err
}

func (q queries) countPhase(ctx context.Context, phase string) (int64, error) {
	var n int64
	var err error
	if phase == kycd.PhaseBlobs {
		err = q.row(ctx, `SELECT (SELECT COUNT(*) FROM documents WHERE `+legacyBlob+`) +
			(SELECT COUNT(*) FROM upload_segments WHERE `+legacyBlob+`)`).Scan(&n)
	} else {
		t, ok := sealedTables[phase]
		if !ok {
			return 0, fmt.Errorf("sqlstore: no key phase %q", phase)
		}
		err = q.row(ctx, `SELECT COUNT(*) FROM `+t.table).Scan(&n)
	}
	return n, q.s.translate(err, "count "+phase)
}

// ResealBatch implements kycd.KeyStore.
func (s *DB) ResealBatch(ctx context.Context, phase string, limit int, now time.Time) (kycd.KeyJob, error) {
	t, ok := sealedTables[phase]
	if !ok {
		return kycd.KeyJob{}, fmt.Errorf("sqlstore: no key phase %q", phase)
	}
	var j kycd.KeyJob
	err := s.WithTx(ctx, func(tx kycd.Tx) error {
		q := tx.(queries)
		var err error
		if j, err = q.keyJob(ctx, phase); err != nil {
			return s.translate(err, "key job")
		}
		if j.FinishedAt != nil {
			return nil
		}
		ids, err := q.nextIDs(ctx, t, j.After, limit)
		if err != nil {
			return err
		}
		for _, id := range ids {
			switch phase {
			case kycd.PhaseApplications:
				err = q.resealApplication(ctx, id)
			case kycd.PhaseDataKeys:
				err = q.rewrapDataKey(ctx, id, j.Target)
			default:
				err = q.resealRow(ctx, t, id, j.Target)
			}
			if err != nil {
				return fmt.Errorf("%s %s: %w", t.table, id, err)
			}
		}
		if len(ids) > 0 {
			j.After = ids[len(ids)-1]
		}
		j.Done += int64(len(ids))
		j.UpdatedAt = now
		if len(ids) < limit {
			j.FinishedAt = &now
		}
		return q.saveKeyJob(ctx, j)
	})
	return j, err
}

func (q queries) nextIDs(ctx context.Context, t sealedTable, after string, limit int) ([]string, error) {
	rows, err := q.rows(ctx, `SELECT `+t.id+` FROM `+t.table+` WHERE `+t.id+` > ? ORDER BY `+t.id+` LIMIT ?`, after, limit)
	if err != nil {
		return nil, q.s.translate(err, "reseal ids")
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, q.s.translate(err, "reseal ids")
		}
		ids = append(ids, id)
	}
	return ids, q.s.translate(rows.Err(), "reseal ids")
}

// resealApplication rewrites an application whose payload is still under
// a master key, or whose proposed rejection still holds its comment in
// clear, through the ordinary write path.
func (q queries) resealApplication(ctx context.Context, id string) error {
	var enc []byte
	var pending sql.NullString
	if err := q.row(ctx, `SELECT payload_enc, pending_final FROM applications WHERE id = ?`, id).Scan(&enc, &pending); err != nil {
		return q.s.translate(err, "reseal application")
	}
	_, under := seal.Subject(enc)
	if (under || len(enc) == 0) && !strings.Contains(pending.String, `"comment"`) {
		return nil
	}
	if gone, err := q.DataKeyDestroyed(ctx, id); err != nil {
		return err
	} else if gone {
		// Erased while its values were still under the master key: they
		// go now, rather than under a new key.
		var p map[string]any
		if pending.Valid && json.Unmarshal([]byte(pending.String), &p) == nil {
			delete(p, "comment")
			b, _ := json.Marshal(p)
			pending.String = string(b)
		}
		_, err := q.exec(ctx, "reseal application", `UPDATE applications SET payload_enc = NULL, pending_final = ? WHERE id = ?`,
			pending, id)
		return err
	}
	a, err := q.FindApplicationByID(ctx, id)
	if err != nil {
		return err
	}
	if a.Erased {
		return nil
	}
	return q.UpdateApplication(ctx, a)
}

// resealRow brings one row's sealed columns to their target: under the
// application's data key for columns with a subject, else under the active
// master key. A value whose application's key is destroyed is cleared.
func (q queries) resealRow(ctx context.Context, t sealedTable, id, target string) error {
	subjectCol := "''"
	if t.subject != "" {
		subjectCol = t.subject
	}
	names := make([]string, len(t.cols))
	for i, c := range t.cols {
		names[i] = c.name
	}
	dest := make([]any, len(t.cols)+1)
	var subject string
	dest[0] = &subject
	vals := make([][]byte, len(t.cols))
	for i := range vals {
		dest[i+1] = &vals[i]
	}
	if err := q.row(ctx, `SELECT `+subjectCol+`, `+strings.Join(names, ", ")+` FROM `+t.table+` WHERE `+t.id+` = ?`,
		id).Scan(dest...); err != nil {
		return q.s.translate(err, "reseal "+t.table)
	}
	for i, c := range t.cols {
		ct := vals[i]
		if len(ct) == 0 {
			continue
		}
		aad := []byte(id + "|" + c.aad)
		var next []byte
		if t.subject != "" {
			if _, under := seal.Subject(ct); under {
				continue
			}
			pt, err := q.s.sealer.Open(ct, aad)
			if err != nil {
				return err
			}
			next, err = q.sealFor(ctx, subject, pt, aad)
			if kycd.IsErased(err) {
				next = nil
			} else if err != nil {
				return err
			}
		} else {
			if kid, err := seal.KeyID(ct); err == nil && kid == target {
				continue
			}
			pt, err := q.s.sealer.Open(ct, aad)
			if err != nil {
				return err
			}
			if next, err = q.s.sealer.Seal(pt, aad); err != nil {
				return err
			}
			if kid, _ := seal.KeyID(next); kid != target {
				return fmt.Errorf("the active key is %q, not the job's target %q: the keys changed during the run", kid, target)
			}
		}
		if _, err := q.exec(ctx, "reseal "+t.table, `UPDATE `+t.table+` SET `+c.name+` = ? WHERE `+t.id+` = ?`, next, id); err != nil {
			return err
		}
	}
	return nil
}

// rewrapDataKey moves one data key under the target master key.
func (q queries) rewrapDataKey(ctx context.Context, subject, target string) error {
	var wrapped []byte
	var master string
	if err := q.row(ctx, `SELECT wrapped, master_key FROM data_keys WHERE subject = ?`, subject).Scan(&wrapped, &master); err != nil {
		return q.s.translate(err, "rewrap data key")
	}
	if wrapped == nil || master == target {
		return nil
	}
	if q.s.wrap == nil || q.s.wrap.ActiveKeyID() != target {
		return fmt.Errorf("the active key is not the job's target %q: the keys changed during the run", target)
	}
	next, err := q.s.wrap.Rewrap(subject, wrapped)
	if err != nil {
		return err
	}
	_, err = q.exec(ctx, "rewrap data key", `UPDATE data_keys SET wrapped = ?, master_key = ? WHERE subject = ?`,
		next, target, subject)
	return err
}

// legacyBlob selects rows whose blob is outside its application's prefix.
const legacyBlob = `blob_key <> '' AND blob_key NOT LIKE 'a/%'`

// LegacyBlobs implements kycd.KeyStore.
func (s *DB) LegacyBlobs(ctx context.Context, after string, limit int) ([]kycd.LegacyBlob, error) {
	rows, err := s.rows(ctx, `SELECT * FROM (
		SELECT 'documents' AS t, id, 0 AS off, application_id, blob_key FROM documents WHERE `+legacyBlob+` AND blob_key > ?
		UNION ALL
		SELECT 'upload_segments', s.upload_id, s.segment_offset, u.application_id, s.blob_key
		  FROM upload_segments s JOIN uploads u ON u.id = s.upload_id WHERE s.`+legacyBlob+` AND s.blob_key > ?
		) x ORDER BY blob_key LIMIT ?`, after, after, limit)
	if err != nil {
		return nil, s.translate(err, "legacy blobs")
	}
	defer rows.Close()
	var out []kycd.LegacyBlob
	for rows.Next() {
		var b kycd.LegacyBlob
		if err := rows.Scan(&b.Table, &b.ID, &b.Offset, &b.AppID, &b.Key); err != nil {
			return nil, s.translate(err, "legacy blobs")
		}
		out = append(out, b)
	}
	return out, s.translate(rows.Err(), "legacy blobs")
}

// MoveBlob implements kycd.KeyStore.
func (s *DB) MoveBlob(ctx context.Context, b kycd.LegacyBlob, newKey string, now time.Time) (bool, error) {
	moved := false
	err := s.WithTx(ctx, func(tx kycd.Tx) error {
		q := tx.(queries)
		var res sql.Result
		var err error
		if b.Table == "documents" {
			res, err = q.exec(ctx, "move blob", `UPDATE documents SET blob_key = ? WHERE id = ? AND blob_key = ?`, newKey, b.ID, b.Key)
		} else {
			res, err = q.exec(ctx, "move blob", `UPDATE upload_segments SET blob_key = ? WHERE upload_id = ?
				AND segment_offset = ? AND blob_key = ?`, newKey, b.ID, b.Offset, b.Key)
		}
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		moved = true
		_, err = q.exec(ctx, "trash blob", `INSERT INTO blob_trash (blob_key, trashed_at) VALUES (?, ?)
			ON CONFLICT (blob_key) DO NOTHING`, b.Key, micros(now))
		return err
	})
	return moved, err
}

// TrashedBlobs implements kycd.KeyStore.
func (s *DB) TrashedBlobs(ctx context.Context, before time.Time, limit int) ([]string, error) {
	rows, err := s.rows(ctx, `SELECT blob_key FROM blob_trash WHERE trashed_at < ? ORDER BY blob_key LIMIT ?`, micros(before), limit)
	if err != nil {
		return nil, s.translate(err, "trashed blobs")
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, s.translate(err, "trashed blobs")
		}
		out = append(out, k)
	}
	return out, s.translate(rows.Err(), "trashed blobs")
}

// ForgetTrashedBlob implements kycd.KeyStore.
func (s *DB) ForgetTrashedBlob(ctx context.Context, key string) error {
	_, err := s.exec(ctx, "forget trashed blob", `DELETE FROM blob_trash WHERE blob_key = ?`, key)
	return err
}

// KeyReferences implements kycd.KeyStore: it reads the header of every
// value sealed under a master key (the first bytes only) and counts the
// data keys by the master key that wraps them.
func (s *DB) KeyReferences(ctx context.Context) (kycd.KeyReferences, error) {
	refs := kycd.KeyReferences{Values: map[string]int64{}}
	rows, err := s.rows(ctx, `SELECT master_key, COUNT(*) FROM data_keys WHERE wrapped IS NOT NULL GROUP BY master_key`)
	if err != nil {
		return refs, s.translate(err, "key references")
	}
	for rows.Next() {
		var id string
		var n int64
		if err := rows.Scan(&id, &n); err != nil {
			rows.Close()
			return refs, s.translate(err, "key references")
		}
		refs.Values[id] += n
	}
	rows.Close()
	for _, phase := range []string{kycd.PhaseApplications, kycd.PhaseDocuments, kycd.PhaseDecisions, kycd.PhaseUploads,
		kycd.PhaseAccounts, kycd.PhaseWebhooks} {
		t := sealedTables[phase]
		for _, c := range t.cols {
			if err := s.countHeaders(ctx, t.table, c.name, refs.Values); err != nil {
				return refs, err
			}
		}
	}
	err = s.row(ctx, `SELECT (SELECT COUNT(*) FROM documents WHERE `+legacyBlob+`) +
		(SELECT COUNT(*) FROM upload_segments WHERE `+legacyBlob+`), (SELECT COUNT(*) FROM blob_trash)`).
		Scan(&refs.LegacyBlobs, &refs.TrashedBlobs)
	return refs, s.translate(err, "key references")
}

// countHeaders counts col's values per master key; a header holds at most
// 2 + 255 bytes.
func (s *DB) countHeaders(ctx context.Context, table, col string, into map[string]int64) error {
	rows, err := s.rows(ctx, `SELECT substr(`+col+`, 1, 257) FROM `+table+` WHERE `+col+` IS NOT NULL`)
	if err != nil {
		return s.translate(err, "key references")
	}
	defer rows.Close()
	for rows.Next() {
		var h []byte
		if err := rows.Scan(&h); err != nil {
			return s.translate(err, "key references")
		}
		if id, err := seal.KeyID(h); err == nil {
			into[id]++
		}
	}
	return s.translate(rows.Err(), "key references")
}
