package kycd_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/blob"
	"github.com/kycd/kycd/internal/s3test"
	"github.com/kycd/kycd/postgres"
	"github.com/kycd/kycd/seal"
	"github.com/kycd/kycd/sqlite"
	"github.com/kycd/kycd/sqlstore"
	"github.com/kycd/kycd/storetest"
)

// shredCase is one deployment: where the database and the blobs live and
// how to take a copy of both (a backup) and open it again.
type shredCase struct {
	st    *sqlstore.DB
	blobs kycd.BlobStore
	// backup copies the database and the blob store as they are now.
	backup func(t *testing.T)
	// openBackup opens the copy with keys.
	openBackup func(t *testing.T, keys *seal.Keyring) (*sqlstore.DB, kycd.BlobStore)
	// resurrect puts the copy's blob back into the live store, as a
	// remnant the erasure did not reach would be (an S3 object version, a
	// file restored by hand).
	resurrect func(t *testing.T, key string)
	// raw returns every stored byte of the live stores (live) or of the
	// copy, for the search for plaintext.
	raw func(t *testing.T, live bool) []byte
}

// applicant is what the test stores of one person and then looks for.
type applicant struct {
	f     *storetest.Fixture
	photo []byte
}

func (a applicant) secrets() map[string][]byte {
	tag := a.f.App.Identity.FullName[len(storetest.FixtureName):]
	return map[string][]byte{
		"name":      []byte(storetest.FixtureName + tag),
		"id number": []byte(storetest.FixtureNumber + tag),
		"comment":   []byte(storetest.FixtureComment + tag),
		"file name": []byte(storetest.FixtureFile + tag),
		"email":     []byte(a.f.Account.Email),
		"photo":     a.photo[1000:1064],
	}
}

// found names the secrets present in raw, in clear or hex-encoded (as
// PostgreSQL prints bytea).
func (a applicant) found(raw []byte) []string {
	var out []string
	for name, s := range a.secrets() {
		if bytes.Contains(raw, s) || bytes.Contains(raw, []byte(hex.EncodeToString(s))) {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

func newApplicant(t *testing.T, c *shredCase, tag string) applicant {
	t.Helper()
	f := storetest.NewFixture(t, c.st, tag)
	photo := make([]byte, 200<<10)
	rand.Read(photo)
	if _, err := c.blobs.Put(context.Background(), f.Doc.BlobKey, bytes.NewReader(photo)); err != nil {
		t.Fatal(err)
	}
	return applicant{f, photo}
}

// readable lists what of a the stores open.
func readable(t *testing.T, st *sqlstore.DB, blobs kycd.BlobStore, a applicant) []string {
	t.Helper()
	ctx := context.Background()
	var out []string
	if app, err := st.FindApplicationByID(ctx, a.f.App.ID); err == nil && app.Identity.FullName != "" {
		out = append(out, "identity")
	}
	if docs, err := st.FindDocuments(ctx, a.f.App.ID); err == nil && len(docs) > 0 && docs[0].Reading != nil {
		out = append(out, "reading")
	}
	if decs, err := st.FindDecisions(ctx, a.f.App.ID); err == nil && len(decs) > 0 && decs[0].Comment != "" {
		out = append(out, "comment")
	}
	if u, err := st.FindUpload(ctx, a.f.Upload.ID); err == nil && u.Filename != "" {
		out = append(out, "file name")
	}
	if acct, err := st.FindAccountByID(ctx, a.f.Account.ID); err == nil && acct.Email != "" {
		out = append(out, "email")
	}
	if got, err := readBlob(t, blobs, a.f.Doc.BlobKey); err == nil && bytes.Equal(got, a.photo) {
		out = append(out, "photo")
	}
	return out
}

// erase does what erasing an applicant takes at the storage level: destroy
// the application's data key, delete its rows and its blobs. (The
// lifecycle's erasure adds the rules: what may go, the audit entry.)
func erase(t *testing.T, c *shredCase, a applicant) {
	t.Helper()
	ctx := context.Background()
	now := time.Now()
	err := c.st.WithTx(ctx, func(tx kycd.Tx) error {
		return tx.DestroyDataKey(ctx, a.f.App.ID, now)
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, del := range []string{
		"DELETE FROM documents WHERE application_id = ?", "DELETE FROM decisions WHERE application_id = ?",
		"DELETE FROM uploads WHERE application_id = ?", "DELETE FROM applications WHERE id = ?",
	} {
		if _, err := c.st.SQL().Exec(storetest.Rebind(c.st, del), a.f.App.ID); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := c.st.SQL().Exec(storetest.Rebind(c.st, "DELETE FROM accounts WHERE id = ?"), a.f.Account.ID); err != nil {
		t.Fatal(err)
	}
	var keys []string
	c.blobs.List(ctx, kycd.ApplicationBlobPrefix(a.f.App.ID), func(b kycd.BlobInfo) error {
		keys = append(keys, b.Key)
		return nil
	})
	for _, k := range keys {
		if err := c.blobs.Delete(ctx, k); err != nil {
			t.Fatal(err)
		}
	}
}

// epoch rotates the master key, lets the re-sealing finish and retires
// the old key: what makes copies taken before unreadable.
func epoch(t *testing.T, c *shredCase, keys *seal.Keyring, keyFile string) {
	t.Helper()
	ctx := context.Background()
	old := keys.ActiveKeyID()
	if err := seal.AddKey(keyFile, "k2", true); err != nil {
		t.Fatal(err)
	}
	next, _ := seal.Load(keyFile)
	if err := keys.Replace(next); err != nil {
		t.Fatal(err)
	}
	r := &kycd.Resealer{Store: c.st, Blobs: c.blobs, Active: keys.ActiveKeyID, Now: time.Now, Log: slog.New(slog.DiscardHandler)}
	if err := r.Run(ctx); err != nil {
		t.Fatal(err)
	}
	rep, err := kycd.KeyStatus(ctx, c.st, keys.KeyIDs())
	if err != nil || !slices.Contains(rep.Retirable, old) {
		t.Fatalf("after re-sealing %s is not retirable: %+v, %v", old, rep, err)
	}
	if err := seal.Remove(keyFile, old); err != nil {
		t.Fatal(err)
	}
	only, _ := seal.Load(keyFile)
	keys.Replace(only)
}

// The crypto-shredding test (issue 16): take a copy of the database and
// the blob store, erase one applicant, and show that neither the live
// stores nor the copy, opened with the current keys, give anything of
// that applicant back — while the other applicant stays readable.
func TestCryptoShredding(t *testing.T) {
	run := func(t *testing.T, keys *seal.Keyring, keyFile string, c *shredCase) {
		a, b := newApplicant(t, c, "a"), newApplicant(t, c, "b")
		for _, p := range []applicant{a, b} {
			if got := readable(t, c.st, c.blobs, p); len(got) != 6 {
				t.Fatalf("before: readable %v", got)
			}
		}
		c.backup(t)
		erase(t, c, a)
		if got := readable(t, c.st, c.blobs, a); len(got) != 0 {
			t.Errorf("live stores after erasure give back %v", got)
		}
		// A remnant of the erased blob within the live system's reach
		// no longer opens there, at once: its data key is gone.
		c.resurrect(t, a.f.Doc.BlobKey)
		if got, err := readBlob(t, c.blobs, a.f.Doc.BlobKey); !kycd.IsErased(err) {
			t.Errorf("a remnant of the erased document opens: %d bytes, Code=%q, want %q", len(got), kycd.ErrorCode(err), kycd.EERASED)
		}
		c.blobs.Delete(context.Background(), a.f.Doc.BlobKey)
		// Until the epoch, the copy still opens: the residual window
		// docs/deploy.md states.
		old, oldBlobs := c.openBackup(t, keys)
		if got := readable(t, old, oldBlobs, a); len(got) != 6 {
			t.Errorf("before the epoch the copy reads %v (the test's premise: it should still read everything)", got)
		}
		old.Close()
		epoch(t, c, keys, keyFile)

		old, oldBlobs = c.openBackup(t, keys)
		defer old.Close()
		if got := readable(t, old, oldBlobs, a); len(got) != 0 {
			t.Errorf("the copy taken before the erasure, with the current keys, gives back %v", got)
		}
		for _, live := range []bool{true, false} {
			raw := c.raw(t, live)
			if len(raw) < len(b.photo) {
				t.Fatalf("only %d stored bytes found (live %v): the search would prove nothing", len(raw), live)
			}
			if got := a.found(raw); len(got) != 0 {
				t.Errorf("plaintext in the stored bytes (live %v): %v", live, got)
			}
		}
		if got := readable(t, c.st, c.blobs, b); len(got) != 6 {
			t.Errorf("the other applicant now reads only %v", got)
		}
	}

	t.Run("sqlite+local", func(t *testing.T) {
		dir := t.TempDir()
		keyFile := filepath.Join(dir, "keys.json")
		keys, err := seal.LoadOrCreate(keyFile)
		if err != nil {
			t.Fatal(err)
		}
		live, copyDir := filepath.Join(dir, "data"), filepath.Join(dir, "backup")
		st, err := sqlite.Open(context.Background(), filepath.Join(live, "kycd.db"), keys)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		blobs, err := blob.NewLocal(filepath.Join(live, "blobs"), st)
		if err != nil {
			t.Fatal(err)
		}
		c := &shredCase{st: st, blobs: blobs}
		c.backup = func(t *testing.T) {
			// A consistent file copy: the write-ahead log folded in first.
			if _, err := st.SQL().Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
				t.Fatal(err)
			}
			copyTree(t, live, copyDir)
		}
		c.openBackup = func(t *testing.T, keys *seal.Keyring) (*sqlstore.DB, kycd.BlobStore) {
			o, err := sqlite.Open(context.Background(), filepath.Join(copyDir, "kycd.db"), keys)
			if err != nil {
				t.Fatal(err)
			}
			ob, err := blob.NewLocal(filepath.Join(copyDir, "blobs"), o)
			if err != nil {
				t.Fatal(err)
			}
			return o, ob
		}
		c.resurrect = func(t *testing.T, key string) {
			b, err := os.ReadFile(filepath.Join(copyDir, "blobs", filepath.FromSlash(key)))
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(filepath.Join(live, "blobs", filepath.FromSlash(key)), b, 0o600)
		}
		c.raw = func(t *testing.T, isLive bool) []byte {
			if isLive {
				st.SQL().Exec("PRAGMA wal_checkpoint(TRUNCATE)")
				return treeBytes(t, live)
			}
			return treeBytes(t, copyDir)
		}
		run(t, keys, keyFile, c)
	})

	t.Run("postgres+s3", func(t *testing.T) {
		ctx := context.Background()
		srv := s3test.Start(t)
		dbURL := storetest.PostgresURL(t)
		copyURL := storetest.PostgresURL(t) // a name to drop at the end; replaced by the copy
		keyFile := filepath.Join(t.TempDir(), "keys.json")
		keys, err := seal.LoadOrCreate(keyFile)
		if err != nil {
			t.Fatal(err)
		}
		st, err := postgres.Open(ctx, dbURL, keys)
		if err != nil {
			t.Fatal(err)
		}
		defer func() { st.Close() }()
		cfg := blob.S3Config{Endpoint: srv.Endpoint, AccessKey: srv.AccessKey, SecretKey: srv.SecretKey,
			Bucket: "kycd", Prefix: "live/"}
		blobs, err := blob.NewS3(ctx, cfg, st)
		if err != nil {
			t.Fatal(err)
		}
		mc, err := minio.New(strings.TrimPrefix(srv.Endpoint, "http://"), &minio.Options{
			Creds: credentials.NewStaticV4(srv.AccessKey, srv.SecretKey, ""), BucketLookup: minio.BucketLookupPath})
		if err != nil {
			t.Fatal(err)
		}
		c := &shredCase{blobs: blobs, st: st}
		c.backup = func(t *testing.T) {
			// CREATE DATABASE … TEMPLATE copies the database file by
			// file, as a physical backup would; it needs the source
			// without connections for a moment.
			st.Close()
			admin, _ := sql.Open("pgx", os.Getenv("KYCD_TEST_POSTGRES_URL"))
			copyName, srcName := dbName(copyURL), dbName(dbURL)
			if _, err := admin.Exec("DROP DATABASE " + copyName + " WITH (FORCE)"); err == nil {
				_, err = admin.Exec("CREATE DATABASE " + copyName + " TEMPLATE " + srcName)
				if err != nil {
					t.Fatal(err)
				}
			} else {
				t.Fatal(err)
			}
			admin.Close()
			if st, err = postgres.Open(ctx, dbURL, keys); err != nil {
				t.Fatal(err)
			}
			c.st = st
			if c.blobs, err = blob.NewS3(ctx, cfg, st); err != nil {
				t.Fatal(err)
			}
			for o := range mc.ListObjects(ctx, "kycd", minio.ListObjectsOptions{Prefix: "live/", Recursive: true}) {
				if o.Err != nil {
					t.Fatal(o.Err)
				}
				_, err := mc.CopyObject(ctx, minio.CopyDestOptions{Bucket: "kycd", Object: "backup/" + strings.TrimPrefix(o.Key, "live/")},
					minio.CopySrcOptions{Bucket: "kycd", Object: o.Key})
				if err != nil {
					t.Fatal(err)
				}
			}
		}
		c.openBackup = func(t *testing.T, keys *seal.Keyring) (*sqlstore.DB, kycd.BlobStore) {
			o, err := postgres.Open(ctx, copyURL, keys)
			if err != nil {
				t.Fatal(err)
			}
			bc := cfg
			bc.Prefix = "backup/"
			ob, err := blob.NewS3(ctx, bc, o)
			if err != nil {
				t.Fatal(err)
			}
			return o, ob
		}
		c.resurrect = func(t *testing.T, key string) {
			_, err := mc.CopyObject(ctx, minio.CopyDestOptions{Bucket: "kycd", Object: "live/" + key},
				minio.CopySrcOptions{Bucket: "kycd", Object: "backup/" + key})
			if err != nil {
				t.Fatal(err)
			}
		}
		c.raw = func(t *testing.T, isLive bool) []byte {
			u, prefix := copyURL, "backup"
			if isLive {
				u, prefix = dbURL, "live"
			}
			out := pgBytes(t, u)
			// The objects as the S3 server keeps them on its disk.
			return append(out, treeBytes(t, filepath.Join(srv.Dir, "kycd", prefix))...)
		}
		run(t, keys, keyFile, c)
	})
}

func dbName(u string) string {
	name := u[strings.LastIndex(u, "/")+1:]
	if i := strings.IndexByte(name, '?'); i >= 0 {
		name = name[:i]
	}
	return name
}

// pgBytes prints every row of every table of the database as text
// (bytea in hex).
func pgBytes(t *testing.T, u string) []byte {
	t.Helper()
	db, err := sql.Open("pgx", u)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		tables = append(tables, n)
	}
	rows.Close()
	var out bytes.Buffer
	for _, tb := range tables {
		var s sql.NullString
		if err := db.QueryRow(`SELECT string_agg(x::text, E'\n') FROM "` + tb + `" x`).Scan(&s); err != nil {
			t.Fatal(err)
		}
		out.WriteString(s.String)
	}
	return out.Bytes()
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o700)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), b, 0o600)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func treeBytes(t *testing.T, dir string) []byte {
	t.Helper()
	var out []byte
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			out = append(out, b...)
		}
		return nil
	})
	return out
}
