package kycd_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"log/slog"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/blob"
	"github.com/kycd/kycd/sqlstore"
	"github.com/kycd/kycd/storetest"
)

// countingBlobs is a blob store that counts the work done through it
// (opens, plaintext bytes read and written) and can refuse deletes.
type countingBlobs struct {
	kycd.BlobStore
	opens, puts         atomic.Int64
	bytesRead, bytesPut atomic.Int64
	failDelete          atomic.Bool
}

func (b *countingBlobs) Open(ctx context.Context, key string) (io.ReadCloser, error) {
	b.opens.Add(1)
	rc, err := b.BlobStore.Open(ctx, key)
	if err != nil {
		return nil, err
	}
	return countingReader{rc, &b.bytesRead}, nil
}

func (b *countingBlobs) Put(ctx context.Context, key string, r io.Reader) (int64, error) {
	b.puts.Add(1)
	n, err := b.BlobStore.Put(ctx, key, r)
	b.bytesPut.Add(n)
	return n, err
}

func (b *countingBlobs) Delete(ctx context.Context, key string) error {
	if b.failDelete.Load() {
		return errors.New("injected: delete failed")
	}
	return b.BlobStore.Delete(ctx, key)
}

func (b *countingBlobs) reset() {
	b.opens.Store(0)
	b.puts.Store(0)
	b.bytesRead.Store(0)
	b.bytesPut.Store(0)
}

type countingReader struct {
	io.ReadCloser
	n *atomic.Int64
}

func (r countingReader) Read(p []byte) (int, error) {
	n, err := r.ReadCloser.Read(p)
	r.n.Add(int64(n))
	return n, err
}

// lockedBuffer collects log lines written from several goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// uploadEnv is a service over a store and a blob store that count their
// work, with a fault hook the test sets.
type uploadEnv struct {
	svc    *kycd.Service
	st     *sqlstore.DB
	counts *storeCounts
	blobs  *countingBlobs
	logs   *lockedBuffer
	faults faultHook
}

// faultHook is an Options.FaultHook a test may set while the service runs.
type faultHook struct {
	f atomic.Pointer[func(string) error]
}

func (h *faultHook) set(f func(string) error) { h.f.Store(&f) }

func (h *faultHook) call(step string) error {
	if f := h.f.Load(); f != nil && *f != nil {
		return (*f)(step)
	}
	return nil
}

func newUploadEnv(t testing.TB, open func(testing.TB) *sqlstore.DB) *uploadEnv {
	t.Helper()
	st := open(t)
	keys := storetest.Keyring(t)
	local, err := blob.NewLocal(filepath.Join(t.TempDir(), "blobs"), st)
	if err != nil {
		t.Fatal(err)
	}
	set := kycd.DefaultSettings()
	set.Argon2 = kycd.Argon2Params{MemoryKiB: 1024, Time: 1, Threads: 1}
	e := &uploadEnv{st: st, counts: &storeCounts{}, blobs: &countingBlobs{BlobStore: local}, logs: &lockedBuffer{}}
	e.svc = storetest.Service(t, countingStore{st, e.counts}, keys, kycd.Options{Blobs: e.blobs, Settings: &set,
		Log: slog.New(slog.NewJSONHandler(e.logs, nil)), FaultHook: e.faults.call})
	return e
}

// TestFailedBlobDeleteIsLogged: a segment whose row could not be written
// (another request wrote to the upload first) is deleted; when that
// delete fails the request still answers as it would, and the failure is
// logged with the upload and key, without the file's name, for the
// reconciliation to clean up, instead of vanishing.
func TestFailedBlobDeleteIsLogged(t *testing.T) {
	storetest.Each(t, func(t *testing.T, open func(testing.TB) *sqlstore.DB) {
		e := newUploadEnv(t, open)
		ctx := context.Background()
		who, app := storetest.Apply(t, e.svc, "del@example.com", "+8613800000001")
		const name = "Zhang San id card.jpg"
		up, err := e.svc.BeginUpload(ctx, who, app.ID, kycd.KindIDFront, name, 8, "")
		if err != nil {
			t.Fatal(err)
		}
		stale := *up
		if _, err := e.svc.WriteUpload(ctx, up, 0, strings.NewReader("abcd")); err != nil {
			t.Fatal(err)
		}
		e.blobs.failDelete.Store(true)
		// The second writer still believes the offset is 0.
		if _, err := e.svc.WriteUpload(ctx, &stale, 0, strings.NewReader("wxyz")); kycd.ErrorCode(err) != "upload.invalid" {
			t.Fatalf("write at a stale offset: %v, want upload.invalid", err)
		}
		logs := e.logs.String()
		if !strings.Contains(logs, "could not delete unrecorded upload segment") || !strings.Contains(logs, up.ID) ||
			!strings.Contains(logs, "injected: delete failed") {
			t.Errorf("the failed delete was not logged with the upload and the cause:\n%s", logs)
		}
		if strings.Contains(logs, "Zhang") {
			t.Errorf("the log names the file: %s", logs)
		}
		// Left in place for the reconciliation: a blob no row refers to.
		refs, err := e.st.BlobRefs(ctx)
		if err != nil {
			t.Fatal(err)
		}
		orphans := 0
		if err := e.blobs.List(ctx, kycd.ApplicationBlobPrefix(app.ID), func(b kycd.BlobInfo) error {
			if _, ok := refs[b.Key]; !ok {
				orphans++
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if orphans != 1 {
			t.Errorf("%d unreferenced blobs, want the one whose delete failed", orphans)
		}
	})
}

// storeCounts counts the reads of one attach that must each happen once.
type storeCounts struct {
	apps, segLists, uploads atomic.Int64
}

func (c *storeCounts) reset() {
	c.apps.Store(0)
	c.segLists.Store(0)
	c.uploads.Store(0)
}

// countingStore counts reads of applications, uploads and segment lists,
// inside transactions as well as outside.
type countingStore struct {
	kycd.Store
	c *storeCounts
}

func (s countingStore) WithTx(ctx context.Context, fn func(kycd.Tx) error) error {
	return s.Store.WithTx(ctx, func(tx kycd.Tx) error { return fn(countingTx{tx, s.c}) })
}

func (s countingStore) FindApplicationByID(ctx context.Context, id string) (*kycd.Application, error) {
	return countingTx{s.Store, s.c}.FindApplicationByID(ctx, id)
}

func (s countingStore) FindSegments(ctx context.Context, id string) ([]kycd.Segment, error) {
	return countingTx{s.Store, s.c}.FindSegments(ctx, id)
}

func (s countingStore) FindUpload(ctx context.Context, id string) (*kycd.Upload, error) {
	return countingTx{s.Store, s.c}.FindUpload(ctx, id)
}

type countingTx struct {
	kycd.Tx
	c *storeCounts
}

func (t countingTx) FindApplicationByID(ctx context.Context, id string) (*kycd.Application, error) {
	t.c.apps.Add(1)
	return t.Tx.FindApplicationByID(ctx, id)
}

func (t countingTx) FindSegments(ctx context.Context, id string) ([]kycd.Segment, error) {
	t.c.segLists.Add(1)
	return t.Tx.FindSegments(ctx, id)
}

func (t countingTx) FindUpload(ctx context.Context, id string) (*kycd.Upload, error) {
	t.c.uploads.Add(1)
	return t.Tx.FindUpload(ctx, id)
}

// upload begins an upload of data for kind and writes it in parts
// segments, each as its own request would (the upload read afresh), with
// between called before each; it returns the upload, not yet finished.
func (e *uploadEnv) upload(t testing.TB, who kycd.Principal, appID, kind string, data []byte, parts int, between func(i int)) *kycd.Upload {
	t.Helper()
	ctx := context.Background()
	up, err := e.svc.BeginUpload(ctx, who, appID, kind, "photo.jpg", int64(len(data)), "")
	if err != nil {
		t.Fatal(err)
	}
	step := (len(data) + parts - 1) / parts
	for i, off := 0, 0; off < len(data); i, off = i+1, off+step {
		if between != nil {
			between(i)
		}
		if up, err = e.st.FindUpload(ctx, up.ID); err != nil {
			t.Fatal(err)
		}
		end := min(off+step, len(data))
		if _, err := e.svc.WriteUpload(ctx, up, int64(off), bytes.NewReader(data[off:end])); err != nil {
			t.Fatal(err)
		}
	}
	return up
}

func sha256Hex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// TestAttachDoesEachThingOnce (issue 13, no double work): finishing an
// upload reads none of its bytes back (they were hashed as they came),
// and one attach reads the application once, the upload once, lists its
// segments once and decrypts each byte once. An upload begun before kycd
// kept the running checksum still finishes and attaches, hashed once.
func TestAttachDoesEachThingOnce(t *testing.T) {
	photo := fixturePhoto(t, "card_good.jpg")
	storetest.Each(t, func(t *testing.T, open func(testing.TB) *sqlstore.DB) {
		e := newUploadEnv(t, open)
		ctx := context.Background()
		who, app := storetest.Apply(t, e.svc, "once@example.com", "+8613800000002")
		up := e.upload(t, who, app.ID, kycd.KindIDFront, photo, 3, nil)

		e.blobs.reset()
		if err := e.svc.FinishUpload(ctx, up); err != nil {
			t.Fatal(err)
		}
		if up.SHA256 != sha256Hex(photo) {
			t.Errorf("finished with sha256 %s, want %s", up.SHA256, sha256Hex(photo))
		}
		if n := e.blobs.bytesRead.Load(); n != 0 {
			t.Errorf("finishing read %d bytes back, want 0", n)
		}

		e.blobs.reset()
		e.counts.reset()
		d, err := e.svc.AttachDocument(ctx, who, app.ID, up.ID, kycd.KindIDFront)
		if err != nil {
			t.Fatal(err)
		}
		got := [...]int64{e.counts.apps.Load(), e.counts.uploads.Load(), e.counts.segLists.Load(), e.blobs.opens.Load(), e.blobs.bytesRead.Load()}
		if want := [...]int64{1, 1, 1, 3, int64(len(photo))}; got != want {
			t.Errorf("one attach: application reads, upload reads, segment lists, segment opens, bytes read = %v, want %v", got, want)
		}
		if doc, err := e.st.FindDocumentByID(ctx, d.DocumentID); err != nil || doc.SHA256 != sha256Hex(photo) ||
			doc.Size != int64(len(photo)) || doc.ContentType != "image/jpeg" {
			t.Errorf("document %+v %v, want the photo's hash, size and type", doc, err)
		}

		// Begun by a kycd without the running checksum: the first segment
		// came without it, so the finish reads the bytes once to hash them.
		old := e.upload(t, who, app.ID, kycd.KindIDBack, photo, 2, func(i int) {
			if i == 1 {
				if _, err := e.st.SQL().ExecContext(ctx, storetest.Rebind(e.st, `UPDATE uploads SET sum_state = NULL`)); err != nil {
					t.Fatal(err)
				}
			}
		})
		if old.SumState != nil {
			t.Fatalf("after a write following an unknown checksum: %x, want none", old.SumState)
		}
		e.blobs.reset()
		if err := e.svc.FinishUpload(ctx, old); err != nil || old.SHA256 != sha256Hex(photo) {
			t.Fatalf("finish without a running checksum: %v, sha256 %s", err, old.SHA256)
		}
		if n := e.blobs.bytesRead.Load(); n != int64(len(photo)) {
			t.Errorf("finishing without a running checksum read %d bytes, want %d (once)", n, len(photo))
		}
		// Finished without a stored hash at all: attach hashes what it reads.
		if _, err := e.st.SQL().ExecContext(ctx, storetest.Rebind(e.st, `UPDATE uploads SET sha256 = '' WHERE id = ?`), old.ID); err != nil {
			t.Fatal(err)
		}
		e.blobs.reset()
		if d, err := e.svc.AttachDocument(ctx, who, app.ID, old.ID, kycd.KindIDBack); err != nil || d.SHA256 != sha256Hex(photo) {
			t.Fatalf("attach of an upload finished without a hash: %v %+v", err, d)
		}
		if n := e.blobs.bytesRead.Load(); n != int64(len(photo)) {
			t.Errorf("that attach read %d bytes, want %d", n, len(photo))
		}
	})
}

// TestAttachRefusedWhenApplicationMovedOn: the application is read once,
// before the check; when it is submitted between the check and the
// attach's transaction, the transaction sees it and refuses, and the
// document's blob does not stay behind.
func TestAttachRefusedWhenApplicationMovedOn(t *testing.T) {
	photo := fixturePhoto(t, "card_good.jpg")
	storetest.Each(t, func(t *testing.T, open func(testing.TB) *sqlstore.DB) {
		e := newUploadEnv(t, open)
		ctx := context.Background()
		who, app := storetest.Apply(t, e.svc, "moved@example.com", "+8613800000003")
		up := e.upload(t, who, app.ID, kycd.KindIDFront, photo, 1, nil)
		if err := e.svc.FinishUpload(ctx, up); err != nil {
			t.Fatal(err)
		}
		e.faults.set(func(step string) error {
			if step != kycd.FaultAttachChecked {
				return nil
			}
			a, err := e.st.FindApplicationByID(ctx, app.ID)
			if err != nil {
				return err
			}
			a.State = kycd.StateSubmitted
			return e.st.UpdateApplication(ctx, a)
		})
		if _, err := e.svc.AttachDocument(ctx, who, app.ID, up.ID, kycd.KindIDFront); kycd.ErrorCode(err) != "application.locked" {
			t.Fatalf("attach to an application submitted meanwhile: %v, want application.locked", err)
		}
		docs, err := e.st.FindDocuments(ctx, app.ID)
		if err != nil || len(docs) != 0 {
			t.Errorf("documents after the refused attach: %d %v, want none", len(docs), err)
		}
		if u, err := e.st.FindUpload(ctx, up.ID); err != nil || u.State != kycd.UploadFinished {
			t.Errorf("upload after the refused attach: %+v %v, want still finished", u, err)
		}
		refs, err := e.st.BlobRefs(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if err := e.blobs.List(ctx, kycd.ApplicationBlobPrefix(app.ID), func(b kycd.BlobInfo) error {
			if _, ok := refs[b.Key]; !ok {
				t.Errorf("blob %s left behind", b.Key)
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	})
}

// BenchmarkAttach20MB writes, finishes and attaches a 20 MB upload in four
// parts and reports the bytes read back from the blob store per upload
// (finish and attach together). Run on the tree before issue 13's change
// for the reference: it reads every byte twice there.
func BenchmarkAttach20MB(b *testing.B) {
	data := make([]byte, kycd.MaxPhotoBytes)
	rand.NewChaCha8([32]byte{1}).Read(data)
	e := newUploadEnv(b, func(tb testing.TB) *sqlstore.DB { return storetest.OpenSQLite(tb, storetest.Keyring(tb)) })
	ctx := context.Background()
	who, app := storetest.Apply(b, e.svc, "bench@example.com", "+8613800000004")
	var read int64
	b.ResetTimer()
	for range b.N {
		// Timed from the first byte written: the checksum is taken there.
		e.blobs.reset()
		up := e.upload(b, who, app.ID, kycd.KindIDFront, data, 4, nil)
		if err := e.svc.FinishUpload(ctx, up); err != nil {
			b.Fatal(err)
		}
		if _, err := e.svc.AttachDocument(ctx, who, app.ID, up.ID, kycd.KindIDFront); err != nil {
			b.Fatal(err)
		}
		read += e.blobs.bytesRead.Load()
	}
	b.ReportMetric(float64(read)/float64(b.N), "read-B/attach")
}
