package kycd_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
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

type uploadEnv struct {
	svc   *kycd.Service
	st    *sqlstore.DB
	blobs *countingBlobs
	logs  *lockedBuffer
}

func newUploadEnv(t *testing.T, open func(testing.TB) *sqlstore.DB) *uploadEnv {
	t.Helper()
	st := open(t)
	keys := storetest.Keyring(t)
	local, err := blob.NewLocal(filepath.Join(t.TempDir(), "blobs"), st)
	if err != nil {
		t.Fatal(err)
	}
	set := kycd.DefaultSettings()
	set.Argon2 = kycd.Argon2Params{MemoryKiB: 1024, Time: 1, Threads: 1}
	e := &uploadEnv{st: st, blobs: &countingBlobs{BlobStore: local}, logs: &lockedBuffer{}}
	e.svc = storetest.Service(t, st, keys, kycd.Options{Blobs: e.blobs, Settings: &set,
		Log: slog.New(slog.NewJSONHandler(e.logs, nil))})
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
