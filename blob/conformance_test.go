package blob

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/internal/s3test"
	"github.com/kycd/kycd/seal"
)

func keyring(t *testing.T) *seal.Keyring {
	k, err := seal.LoadOrCreate(filepath.Join(t.TempDir(), "keys.json"))
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// fixture is a store under test and where its bytes sit on disk, so the
// suite can look for plaintext and tamper with the stored form.
type fixture struct {
	store kycd.BlobStore
	file  func(key string) string
}

// The conformance suite: every BlobStore passes the same tests.
func TestLocal(t *testing.T) {
	t.Parallel()
	conformance(t, func(t *testing.T) fixture {
		dir := t.TempDir()
		l, err := NewLocal(dir, keyring(t))
		if err != nil {
			t.Fatal(err)
		}
		return fixture{l, func(key string) string { return filepath.Join(dir, filepath.FromSlash(key)) }}
	})
}

func TestS3(t *testing.T) {
	t.Parallel()
	srv := s3test.Start(t)
	n := 0
	conformance(t, func(t *testing.T) fixture {
		n++
		bucket := "conf" + string(rune('a'+n))
		s := newS3(t, srv, bucket, "pre/fix/")
		return fixture{s, func(key string) string { return filepath.Join(srv.Dir, bucket, "pre", "fix", filepath.FromSlash(key)) }}
	})
}

func newS3(t *testing.T, srv *s3test.Server, bucket, prefix string) *S3 {
	s, err := NewS3(context.Background(), S3Config{Endpoint: srv.Endpoint, AccessKey: srv.AccessKey, SecretKey: srv.SecretKey,
		Bucket: bucket, Prefix: prefix}, keyring(t))
	if err != nil {
		t.Fatal(err)
	}
	// The smallest part S3 allows, so the multipart path is exercised
	// with a few MiB.
	s.singleMax = 5 << 20
	return s
}

func conformance(t *testing.T, open func(t *testing.T) fixture) {
	t.Run("RoundTrip", func(t *testing.T) {
		ctx := context.Background()
		f := open(t)
		sizes := []int{0, 1, frameSize - 1, frameSize, frameSize + 1, 3*frameSize + 17, 6 << 20}
		for _, size := range sizes {
			data := make([]byte, size)
			rand.Read(data)
			copy(data, "PLAINTEXT-MARKER")
			n, err := f.store.Put(ctx, "docs/a", bytes.NewReader(data))
			if err != nil || n != int64(size) {
				t.Fatalf("Put(%d)=%d, %v", size, n, err)
			}
			raw, err := os.ReadFile(f.file("docs/a"))
			if err != nil {
				t.Fatalf("stored form of docs/a: %v", err)
			}
			if size > 16 && bytes.Contains(raw, []byte("PLAINTEXT-MARKER")) {
				t.Fatal("plaintext at rest")
			}
			if len(raw) < size {
				t.Fatalf("stored %d bytes for %d of plaintext", len(raw), size)
			}
			rc, err := f.store.Open(ctx, "docs/a")
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(rc)
			rc.Close()
			if err != nil || !bytes.Equal(got, data) {
				t.Fatalf("size %d: read back %d bytes, %v", size, len(got), err)
			}
		}
	})
	t.Run("PartialPutKeepsWhatArrived", func(t *testing.T) {
		f := open(t)
		data := bytes.Repeat([]byte("x"), 100000)
		cut := errors.New("connection reset")
		// The caller's context ends with the connection, as an HTTP
		// request's does.
		ctx, cancel := context.WithCancel(context.Background())
		n, err := f.store.Put(ctx, "seg/1", &failingReader{r: bytes.NewReader(data), err: cut, onEOF: cancel})
		if !errors.Is(err, cut) || n != int64(len(data)) {
			t.Fatalf("Put=%d, %v; want all bytes and the read error", n, err)
		}
		rc, err := f.store.Open(context.Background(), "seg/1")
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(rc)
		rc.Close()
		if len(got) != len(data) {
			t.Errorf("kept %d bytes, want %d", len(got), len(data))
		}
	})
	t.Run("TamperAndTruncation", func(t *testing.T) {
		ctx := context.Background()
		f := open(t)
		data := make([]byte, 3*frameSize)
		if _, err := f.store.Put(ctx, "b", bytes.NewReader(data)); err != nil {
			t.Fatal(err)
		}
		p := f.file("b")
		raw, _ := os.ReadFile(p)
		// Cut at a frame boundary: the last frame is gone.
		os.WriteFile(p, raw[:len(raw)-(4+16)], 0o600)
		if rc, err := f.store.Open(ctx, "b"); err == nil {
			if _, err := io.ReadAll(rc); err == nil {
				t.Error("truncated blob read without error")
			}
			rc.Close()
		}
		raw[len(raw)/2] ^= 1
		os.WriteFile(p, raw, 0o600)
		if rc, err := f.store.Open(ctx, "b"); err == nil {
			if _, err := io.ReadAll(rc); err == nil {
				t.Error("altered blob read without error")
			}
			rc.Close()
		}
	})
	t.Run("MissingKeysAndDelete", func(t *testing.T) {
		ctx := context.Background()
		f := open(t)
		if _, err := f.store.Open(ctx, "missing"); !kycd.IsNotFound(err) {
			t.Errorf("missing blob: Code=%q (%v), want %q", kycd.ErrorCode(err), err, kycd.ENOTFOUND)
		}
		if err := f.store.Delete(ctx, "missing"); err != nil {
			t.Errorf("deleting a missing key: %v", err)
		}
		f.store.Put(ctx, "doc/x", bytes.NewReader([]byte("hello")))
		if err := f.store.Delete(ctx, "doc/x"); err != nil {
			t.Fatal(err)
		}
		if _, err := f.store.Open(ctx, "doc/x"); !kycd.IsNotFound(err) {
			t.Errorf("deleted blob still opens: %v", err)
		}
		for _, bad := range []string{"../escape", "/abs", "", "UPPER", "a/../../b"} {
			if _, err := f.store.Put(ctx, bad, bytes.NewReader(nil)); err == nil {
				t.Errorf("key %q was accepted", bad)
			}
		}
	})
	t.Run("List", func(t *testing.T) {
		ctx := context.Background()
		f := open(t)
		before := time.Now().Add(-time.Minute)
		for _, k := range []string{"seg/u1/a", "seg/u1/b", "seg/u2/c", "doc/d", "segment"} {
			if _, err := f.store.Put(ctx, k, bytes.NewReader([]byte(k))); err != nil {
				t.Fatal(err)
			}
		}
		list := func(prefix string) []string {
			var keys []string
			err := f.store.List(ctx, prefix, func(b kycd.BlobInfo) error {
				if b.Size <= 0 || b.Modified.Before(before) {
					t.Errorf("%s: size %d, modified %v", b.Key, b.Size, b.Modified)
				}
				keys = append(keys, b.Key)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			sort.Strings(keys)
			return keys
		}
		for prefix, want := range map[string][]string{
			"":        {"doc/d", "seg/u1/a", "seg/u1/b", "seg/u2/c", "segment"},
			"seg/":    {"seg/u1/a", "seg/u1/b", "seg/u2/c"},
			"seg/u1/": {"seg/u1/a", "seg/u1/b"},
			"seg":     {"seg/u1/a", "seg/u1/b", "seg/u2/c", "segment"},
			"none/":   nil,
		} {
			if got := list(prefix); !equal(got, want) {
				t.Errorf("List(%q) = %v, want %v", prefix, got, want)
			}
		}
		stop := errors.New("enough")
		calls := 0
		err := f.store.List(ctx, "", func(kycd.BlobInfo) error { calls++; return stop })
		if !errors.Is(err, stop) || calls != 1 {
			t.Errorf("List after fn's error: %v, %d calls", err, calls)
		}
	})
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

type failingReader struct {
	r     io.Reader
	err   error
	onEOF func()
}

func (f *failingReader) Read(p []byte) (int, error) {
	n, err := f.r.Read(p)
	if err == io.EOF {
		if f.onEOF != nil {
			f.onEOF()
		}
		return n, f.err
	}
	return n, err
}

func TestLocalStaleTemporaryFilesRemoved(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "seg", "u1"), 0o700)
	old := filepath.Join(dir, "seg", "u1", ".put-123")
	fresh := filepath.Join(dir, "seg", "u1", ".put-456")
	kept := filepath.Join(dir, "seg", "u1", "abc")
	for _, p := range []string{old, fresh, kept} {
		os.WriteFile(p, []byte("x"), 0o600)
	}
	past := time.Now().Add(-2 * staleAfter)
	os.Chtimes(old, past, past)
	os.Chtimes(kept, past, past)
	l, err := NewLocal(dir, keyring(t))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Error("a stale temporary file survived")
	}
	for _, p := range []string{fresh, kept} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s was removed: %v", filepath.Base(p), err)
		}
	}
	var listed []string
	l.List(context.Background(), "", func(b kycd.BlobInfo) error { listed = append(listed, b.Key); return nil })
	if !equal(listed, []string{"seg/u1/abc"}) {
		t.Errorf("List = %v; temporary files must not be listed", listed)
	}
}

// A multipart upload left incomplete by a crash holds storage without
// being an object; SweepStale aborts it once it is old enough.
func TestS3SweepStaleAbortsIncompleteUploads(t *testing.T) {
	t.Parallel()
	srv := s3test.Start(t)
	s := newS3(t, srv, "sweep", "p/")
	ctx := context.Background()
	core := minio.Core{Client: s.c}
	if _, err := core.NewMultipartUpload(ctx, "sweep", "p/seg/u/crashed", minio.PutObjectOptions{}); err != nil {
		t.Fatal(err)
	}
	count := func() int {
		n := 0
		for u := range s.c.ListIncompleteUploads(ctx, "sweep", "p/", true) {
			if u.Err != nil {
				t.Fatal(u.Err)
			}
			n++
		}
		return n
	}
	if n := count(); n != 1 {
		t.Fatalf("%d incomplete uploads before the sweep, want 1", n)
	}
	if n, err := s.SweepStale(ctx, time.Now().Add(-time.Hour)); err != nil || n != 0 {
		t.Fatalf("sweep of fresh uploads: %d %v, want 0 aborted", n, err)
	}
	if n := count(); n != 1 {
		t.Fatalf("a fresh upload was aborted")
	}
	if n, err := s.SweepStale(ctx, time.Now().Add(time.Minute)); err != nil || n != 1 {
		t.Fatalf("sweep: %d %v, want 1 aborted", n, err)
	}
	if n := count(); n != 0 {
		t.Fatalf("%d incomplete uploads after the sweep, want 0", n)
	}
}

func TestParseS3URL(t *testing.T) {
	for in, want := range map[string][2]string{
		"s3://kycd":            {"kycd", ""},
		"s3://kycd/":           {"kycd", ""},
		"s3://kycd/prod/docs":  {"kycd", "prod/docs/"},
		"s3://kycd/prod/docs/": {"kycd", "prod/docs/"},
	} {
		b, p, err := ParseS3URL(in)
		if err != nil || b != want[0] || p != want[1] {
			t.Errorf("ParseS3URL(%q) = %q, %q, %v; want %q, %q", in, b, p, err, want[0], want[1])
		}
	}
	for _, bad := range []string{"kycd", "http://kycd/x", "s3://", "s3://user@kycd", "s3://kycd/../x", "s3://kycd/UP"} {
		if _, _, err := ParseS3URL(bad); err == nil {
			t.Errorf("ParseS3URL(%q) accepted", bad)
		}
	}
}
