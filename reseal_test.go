package kycd_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/blob"
	"github.com/kycd/kycd/internal/s3test"
	"github.com/kycd/kycd/seal"
	"github.com/kycd/kycd/sqlstore"
	"github.com/kycd/kycd/storetest"
)

// resealCase is a database and a blob store to re-seal on.
type resealCase struct {
	name  string
	open  func(testing.TB, *seal.Keyring) *sqlstore.DB
	blobs func(t *testing.T, keys blob.Keys) kycd.BlobStore
}

// resealCases: SQLite with local files, PostgreSQL with local files and
// with an S3 bucket, each opened on keys the test controls (a key file it
// can rotate).
func resealCases() []resealCase {
	local := func() func(t *testing.T, keys blob.Keys) kycd.BlobStore {
		var dir string
		return func(t *testing.T, keys blob.Keys) kycd.BlobStore {
			if dir == "" {
				dir = t.TempDir()
			}
			b, err := blob.NewLocal(dir, keys)
			if err != nil {
				t.Fatal(err)
			}
			return b
		}
	}
	var srv *s3test.Server
	s3 := func(t *testing.T, keys blob.Keys) kycd.BlobStore {
		if srv == nil {
			srv = s3test.Start(t)
		}
		b, err := blob.NewS3(context.Background(), blob.S3Config{Endpoint: srv.Endpoint, AccessKey: srv.AccessKey,
			SecretKey: srv.SecretKey, Bucket: "kycd", Prefix: "reseal/"}, keys)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	return []resealCase{
		{"sqlite+local", storetest.OpenSQLite, local()},
		{"postgres+local", storetest.OpenPostgres, local()},
		{"postgres+s3", storetest.OpenPostgres, s3},
	}
}

// sealedColumns are the per-application sealed columns: table, id
// column, sealed column, associated data suffix.
var sealedColumns = [][4]string{
	{"applications", "id", "payload_enc", "payload"},
	{"documents", "id", "reading_enc", "reading"},
	{"decisions", "id", "comment_enc", "comment"},
	{"decisions", "id", "note_enc", "note"},
	{"uploads", "id", "filename_enc", "filename"},
}

// makeLegacy turns f's application back into what kycd stored before
// per-application keys: every value sealed under the master key, no data
// key, the proposed rejection's comment in clear, and its document and an
// upload segment as blobs outside the application's prefix.
func makeLegacy(t testing.TB, st *sqlstore.DB, keys *seal.Keyring, legacyBlobs kycd.BlobStore, f *storetest.Fixture, photo []byte) {
	t.Helper()
	ctx := context.Background()
	db := st.SQL()
	var wrapped []byte
	if err := db.QueryRow(storetest.Rebind(st, "SELECT wrapped FROM data_keys WHERE subject = ?"), f.App.ID).Scan(&wrapped); err != nil {
		t.Fatal(err)
	}
	dk, err := keys.Unwrap(f.App.ID, wrapped)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range sealedColumns {
		rows, err := db.Query(storetest.Rebind(st, "SELECT "+c[1]+", "+c[2]+" FROM "+c[0]+" WHERE "+c[2]+" IS NOT NULL"))
		if err != nil {
			t.Fatal(err)
		}
		type row struct {
			id string
			ct []byte
		}
		var all []row
		for rows.Next() {
			var r row
			rows.Scan(&r.id, &r.ct)
			all = append(all, r)
		}
		rows.Close()
		for _, r := range all {
			if s, _ := seal.Subject(r.ct); s != f.App.ID {
				continue
			}
			aad := []byte(r.id + "|" + c[3])
			pt, err := dk.Open(r.ct, aad)
			if err != nil {
				t.Fatal(err)
			}
			if c[0] == "applications" {
				// Payloads had no place for the proposed rejection's
				// comment: it was in pending_final, in clear.
				var m map[string]any
				json.Unmarshal(pt, &m)
				delete(m, "pending_comment")
				pt, _ = json.Marshal(m)
			}
			old, _ := keys.Seal(pt, aad)
			if _, err := db.Exec(storetest.Rebind(st, "UPDATE "+c[0]+" SET "+c[2]+" = ? WHERE "+c[1]+" = ?"), old, r.id); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := db.Exec(storetest.Rebind(st, `UPDATE applications SET pending_final = ? WHERE id = ?`),
		`{"id":"p1","application_id":"","attempt":0,"reviewer_id":"","decision":"reject","reasons":null,"comment":"`+
			storetest.FixtureComment+`old","created_at":"2026-11-27T10:00:00Z"}`, f.App.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(storetest.Rebind(st, "DELETE FROM data_keys WHERE subject = ?"), f.App.ID); err != nil {
		t.Fatal(err)
	}
	docKey, segKey := "doc/"+f.Doc.ID, "seg/"+f.Upload.ID+"/"+kycd.NewID()
	for _, k := range []string{docKey, segKey} {
		if _, err := legacyBlobs.Put(ctx, k, bytes.NewReader(photo)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.Exec(storetest.Rebind(st, "UPDATE documents SET blob_key = ? WHERE id = ?"), docKey, f.Doc.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(storetest.Rebind(st, `INSERT INTO upload_segments (upload_id, segment_offset, length, blob_key) VALUES (?, 0, ?, ?)`),
		f.Upload.ID, len(photo), segKey); err != nil {
		t.Fatal(err)
	}
}

func readBlob(t testing.TB, b kycd.BlobStore, key string) ([]byte, error) {
	t.Helper()
	rc, err := b.Open(context.Background(), key)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

var errCrash = errors.New("injected crash")

// Data stored before per-application keys moves to them in the
// background, and a rotation re-wraps the data keys and re-seals what the
// master key seals; each survives a crash at its most delicate step and
// resumes where it stopped, and the old key may be retired once nothing
// references it.
func TestResealAndRotate(t *testing.T) {
	for _, rc := range resealCases() {
		t.Run(rc.name, func(t *testing.T) { testResealAndRotate(t, rc) })
	}
}

func testResealAndRotate(t *testing.T, rc resealCase) {
	ctx := context.Background()
	keyFile := filepath.Join(t.TempDir(), "keys.json")
	keys, err := seal.LoadOrCreate(keyFile)
	if err != nil {
		t.Fatal(err)
	}
	st := rc.open(t, keys)
	blobs := rc.blobs(t, st)
	legacyBlobs := rc.blobs(t, keys)
	photo := make([]byte, 150<<10)
	rand.Read(photo)
	legacy, fresh := storetest.NewFixture(t, st, "a"), storetest.NewFixture(t, st, "b")
	makeLegacy(t, st, keys, legacyBlobs, legacy, photo)
	// An application erased while its values were still under the
	// master key: re-sealing clears them instead of sealing them anew.
	erased := storetest.NewFixture(t, st, "c")
	makeLegacy(t, st, keys, legacyBlobs, erased, photo)
	if err := st.DestroyDataKey(ctx, erased.App.ID, time.Now()); err != nil {
		t.Fatal(err)
	}
	st.ForgetKeys()

	rep, err := kycd.KeyStatus(ctx, st, keys.KeyIDs())
	if err != nil {
		t.Fatal(err)
	}
	if rep.Done || rep.References.LegacyBlobs != 4 || len(rep.Retirable) != 0 {
		t.Fatalf("before re-sealing: done %v, legacy blobs %d, retirable %v", rep.Done, rep.References.LegacyBlobs, rep.Retirable)
	}

	zero := time.Duration(0)
	r := &kycd.Resealer{Store: st, Blobs: blobs, Active: keys.ActiveKeyID, Now: time.Now, Batch: 1, TrashDelay: &zero,
		Log: slog.New(slog.DiscardHandler)}
	// Crash after the document's copy is stored, before its row
	// points at it.
	r.Hook = func(phase, step string) error {
		if phase == kycd.PhaseBlobs && step == "blob-copied" {
			return errCrash
		}
		return nil
	}
	if err := r.Run(ctx); !errors.Is(err, errCrash) {
		t.Fatalf("first run: %v, want the injected crash", err)
	}
	d, _ := st.FindDocumentByID(ctx, legacy.Doc.ID)
	if d.BlobKey != "doc/"+legacy.Doc.ID {
		t.Fatalf("the row moved to %s before the crash point", d.BlobKey)
	}
	r.Hook = nil
	if err := r.Run(ctx); err != nil {
		t.Fatalf("resumed run: %v", err)
	}
	if got := legacy.Readable(t, st); len(got) != 5 {
		t.Errorf("after re-sealing the legacy application reads %v", got)
	}
	a, _ := st.FindApplicationByID(ctx, legacy.App.ID)
	if a.PendingFinal == nil || a.PendingFinal.Comment != storetest.FixtureComment+"old" {
		t.Errorf("the proposed rejection's comment was lost: %+v", a.PendingFinal)
	}
	for _, c := range sealedColumns {
		var ct []byte
		st.SQL().QueryRow(storetest.Rebind(st, "SELECT "+c[2]+" FROM "+c[0]+" WHERE "+c[1]+" = ?"), map[string]string{
			"applications": legacy.App.ID, "documents": legacy.Doc.ID, "uploads": legacy.Upload.ID,
		}[c[0]]).Scan(&ct)
		if c[0] != "decisions" && len(ct) > 0 {
			if s, _ := seal.Subject(ct); s != legacy.App.ID {
				t.Errorf("%s.%s is not under the application's data key", c[0], c[2])
			}
		}
	}
	for _, f := range []*storetest.Fixture{legacy, erased} {
		var pending string
		st.SQL().QueryRow(storetest.Rebind(st, "SELECT pending_final FROM applications WHERE id = ?"), f.App.ID).Scan(&pending)
		if strings.Contains(pending, storetest.FixtureComment) {
			t.Errorf("the proposed rejection's comment is still in clear: %s", pending)
		}
	}
	for _, c := range sealedColumns {
		of := "application_id"
		if c[0] == "applications" {
			of = "id"
		}
		var n int
		st.SQL().QueryRow(storetest.Rebind(st, "SELECT COUNT(*) FROM "+c[0]+" WHERE "+c[2]+" IS NOT NULL AND "+of+" = ?"),
			erased.App.ID).Scan(&n)
		if n != 0 {
			t.Errorf("%s.%s of the erased application kept %d values", c[0], c[2], n)
		}
	}
	d, _ = st.FindDocumentByID(ctx, legacy.Doc.ID)
	if want := kycd.ApplicationBlobPrefix(legacy.App.ID) + "doc/" + legacy.Doc.ID; d.BlobKey != want {
		t.Errorf("document blob %s, want %s", d.BlobKey, want)
	}
	if got, err := readBlob(t, blobs, d.BlobKey); err != nil || !bytes.Equal(got, photo) {
		t.Errorf("moved document: %d bytes, %v", len(got), err)
	}
	segs, _ := st.FindSegments(ctx, legacy.Upload.ID)
	if len(segs) != 1 || !strings.HasPrefix(segs[0].BlobKey, kycd.ApplicationBlobPrefix(legacy.App.ID)) {
		t.Errorf("segments %+v, want one under the application's prefix", segs)
	}
	var stored []string
	blobs.List(ctx, "", func(b kycd.BlobInfo) error { stored = append(stored, b.Key); return nil })
	for _, k := range stored {
		if !strings.HasPrefix(k, "a/") {
			t.Errorf("blob %s outside every application's prefix is left after the sweep", k)
		}
	}
	if len(stored) != 2 {
		t.Errorf("stored blobs %v, want the document and the segment of the live application once each", stored)
	}

	// Rotation: a new active master key; the first run crashes
	// after re-wrapping one data key.
	if err := seal.AddKey(keyFile, "k2", true); err != nil {
		t.Fatal(err)
	}
	next, _ := seal.Load(keyFile)
	if err := keys.Replace(next); err != nil {
		t.Fatal(err)
	}
	batches := 0
	r.Hook = func(phase, step string) error {
		if phase == kycd.PhaseDataKeys && step == "batch" {
			if batches++; batches == 1 {
				return errCrash
			}
		}
		return nil
	}
	if err := r.Run(ctx); !errors.Is(err, errCrash) {
		t.Fatalf("rotation run: %v, want the injected crash", err)
	}
	rep, _ = kycd.KeyStatus(ctx, st, keys.KeyIDs())
	for _, p := range rep.Phases {
		if p.Phase == kycd.PhaseDataKeys && (p.Done != 1 || p.FinishedAt != nil || p.Target != "k2") {
			t.Errorf("after the crash the data-keys phase is %+v, want 1 done toward k2", p)
		}
	}
	if rep.Done || slices.Contains(rep.Retirable, "k1") {
		t.Errorf("mid-rotation: done %v, retirable %v", rep.Done, rep.Retirable)
	}
	r.Hook = nil
	if err := r.Run(ctx); err != nil {
		t.Fatal(err)
	}
	rep, _ = kycd.KeyStatus(ctx, st, keys.KeyIDs())
	if !rep.Done || !slices.Equal(rep.Retirable, []string{"k1"}) || rep.References.Values["k1"] != 0 {
		t.Fatalf("after the rotation: done %v, retirable %v, references %v", rep.Done, rep.Retirable, rep.References)
	}
	for _, p := range rep.Phases {
		if p.Phase == kycd.PhaseDataKeys && p.Done != p.Total {
			t.Errorf("data-keys phase %d of %d", p.Done, p.Total)
		}
	}
	// Retire k1: everything still opens with k2 alone.
	if err := seal.Remove(keyFile, "k1"); err != nil {
		t.Fatal(err)
	}
	only, _ := seal.Load(keyFile)
	keys.Replace(only)
	st.ForgetKeys()
	for _, f := range []*storetest.Fixture{legacy, fresh} {
		if got := f.Readable(t, st); len(got) != 5 {
			t.Errorf("with k1 retired, %s reads %v", f.App.ID, got)
		}
		acct, err := st.FindAccountByID(ctx, f.Account.ID)
		if err != nil || acct.Email == "" {
			t.Errorf("with k1 retired, the account: %v", err)
		}
	}
	if got, err := readBlob(t, blobs, d.BlobKey); err != nil || !bytes.Equal(got, photo) {
		t.Errorf("with k1 retired, the document: %d bytes, %v", len(got), err)
	}
}
