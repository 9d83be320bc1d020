package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/checks/ocr"
)

// bands splits a 64-bit hash into four 16-bit bands.
func bands(h uint64) [4]int64 {
	return [4]int64{int64(h >> 48), int64(h >> 32 & 0xffff), int64(h >> 16 & 0xffff), int64(h & 0xffff)}
}

func (q queries) CreateDocument(ctx context.Context, d *kycd.Document) error {
	metrics, _ := json.Marshal(d.Metrics)
	var ph sql.NullInt64
	var b [4]sql.NullInt64
	if d.HasPHash {
		// Stored as the signed reinterpretation of the unsigned hash:
		// BIGINT is signed in both engines.
		ph = sql.NullInt64{Int64: int64(d.PHash), Valid: true}
		for i, v := range bands(d.PHash) {
			b[i] = sql.NullInt64{Int64: v, Valid: true}
		}
	}
	accepted := 0
	if d.Accepted {
		accepted = 1
	}
	reading, err := q.sealReading(ctx, d.ApplicationID, d.ID, d.Reading)
	if err != nil {
		return err
	}
	_, err = q.exec(ctx, "create document", `INSERT INTO documents (id, application_id, account_id, kind, attempt,
		blob_key, sha256, size, content_type, accepted, findings, metrics, phash, phash_b0, phash_b1, phash_b2, phash_b3,
		created_at, replaced_at, read_state, reading_enc) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		d.ID, d.ApplicationID, d.AccountID, d.Kind, d.Attempt, d.BlobKey, d.SHA256, d.Size, d.ContentType, accepted,
		jsonText(d.Findings), string(metrics), ph, b[0], b[1], b[2], b[3], micros(d.CreatedAt), nullMicros(d.ReplacedAt),
		d.ReadState, reading)
	return err
}

// sealReading seals a document reading (names, numbers, addresses) under
// the application's data key, bound to the document's id; nil stays NULL.
func (q queries) sealReading(ctx context.Context, appID, id string, r *ocr.Reading) ([]byte, error) {
	if r == nil {
		return nil, nil
	}
	raw, err := json.Marshal(r)
	if err != nil {
		return nil, err
	}
	return q.sealFor(ctx, appID, raw, []byte(id+"|reading"))
}

func (q queries) SetDocumentReading(ctx context.Context, id, state string, reading *ocr.Reading) error {
	var appID string
	if err := q.row(ctx, `SELECT application_id FROM documents WHERE id = ?`, id).Scan(&appID); err != nil {
		return q.s.translate(err, "set reading of document")
	}
	enc, err := q.sealReading(ctx, appID, id, reading)
	if err != nil {
		return err
	}
	return q.execOne(ctx, "set document reading", id, `UPDATE documents SET read_state = ?, reading_enc = ? WHERE id = ?`, state, enc, id)
}

const docCols = `id, application_id, account_id, kind, attempt, blob_key, sha256, size, content_type, accepted,
	findings, metrics, phash, created_at, replaced_at, read_state, reading_enc`

// sealedDoc is a document as scanned, its reading still sealed (see
// sealedApp for why it is opened later).
type sealedDoc struct {
	d       *kycd.Document
	reading []byte
}

// open opens the reading; an erased application's reads as nil.
func (sd sealedDoc) open(ctx context.Context, q queries) (*kycd.Document, error) {
	d := sd.d
	if sd.reading == nil {
		return d, nil
	}
	raw, err := q.openAny(ctx, "documents", d.ID, "reading", sd.reading)
	if kycd.IsErased(err) {
		return d, nil
	} else if err != nil {
		return nil, err
	}
	d.Reading = &ocr.Reading{}
	if err := json.Unmarshal(raw, d.Reading); err != nil {
		return nil, err
	}
	return d, nil
}

func (q queries) scanDoc(r scanner) (sealedDoc, error) {
	var d kycd.Document
	var accepted int
	var findings, metrics string
	var ph, replaced sql.NullInt64
	var created int64
	var reading []byte
	if err := r.Scan(&d.ID, &d.ApplicationID, &d.AccountID, &d.Kind, &d.Attempt, &d.BlobKey, &d.SHA256, &d.Size,
		&d.ContentType, &accepted, &findings, &metrics, &ph, &created, &replaced, &d.ReadState, &reading); err != nil {
		return sealedDoc{}, err
	}
	d.Accepted = accepted == 1
	d.PHash, d.HasPHash = uint64(ph.Int64), ph.Valid
	d.CreatedAt, d.ReplacedAt = fromMicros(created), timePtr(replaced)
	if err := json.Unmarshal([]byte(findings), &d.Findings); err != nil {
		return sealedDoc{}, err
	}
	if err := json.Unmarshal([]byte(metrics), &d.Metrics); err != nil {
		return sealedDoc{}, err
	}
	return sealedDoc{&d, reading}, nil
}

func (q queries) FindDocumentByID(ctx context.Context, id string) (*kycd.Document, error) {
	sd, err := q.scanDoc(q.row(ctx, `SELECT `+docCols+` FROM documents WHERE id = ?`, id))
	if err != nil {
		return nil, q.s.translate(err, "find document")
	}
	return sd.open(ctx, q)
}

func (q queries) queryDocs(ctx context.Context, op, query string, args ...any) ([]*kycd.Document, error) {
	rows, err := q.rows(ctx, query, args...)
	if err != nil {
		return nil, q.s.translate(err, op)
	}
	return collect(ctx, q, op, rows, q.scanDoc, sealedDoc.open)
}

func (q queries) FindDocuments(ctx context.Context, applicationID string) ([]*kycd.Document, error) {
	return q.queryDocs(ctx, "find documents", `SELECT `+docCols+` FROM documents WHERE application_id = ?
		ORDER BY created_at, id`, applicationID)
}

func (q queries) ReplaceDocuments(ctx context.Context, applicationID, kind string, at time.Time) error {
	_, err := q.exec(ctx, "replace documents", `UPDATE documents SET replaced_at = ?
		WHERE application_id = ? AND kind = ? AND replaced_at IS NULL`, micros(at), applicationID, kind)
	return err
}

func (q queries) FindSimilarPhotos(ctx context.Context, h uint64, exceptApplication string) ([]*kycd.Document, error) {
	b := bands(h)
	return q.queryDocs(ctx, "find similar photos", `SELECT `+docCols+` FROM documents WHERE application_id <> ?
		AND (phash_b0 = ? OR phash_b1 = ? OR phash_b2 = ? OR phash_b3 = ?) LIMIT 50`, exceptApplication, b[0], b[1], b[2], b[3])
}
