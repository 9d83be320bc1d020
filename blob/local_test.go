package blob

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/seal"
)

func keyring(t *testing.T) *seal.Keyring {
	k, err := seal.LoadOrCreate(filepath.Join(t.TempDir(), "keys.json"))
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestRoundTrip(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	l, err := NewLocal(dir, keyring(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, size := range []int{0, 1, frameSize - 1, frameSize, frameSize + 1, 3*frameSize + 17} {
		data := make([]byte, size)
		rand.Read(data)
		copy(data, "PLAINTEXT-MARKER")
		n, err := l.Put(ctx, "docs/a", bytes.NewReader(data))
		if err != nil || n != int64(size) {
			t.Fatalf("Put(%d)=%d, %v", size, n, err)
		}
		raw, _ := os.ReadFile(filepath.Join(dir, "docs", "a"))
		if size > 16 && bytes.Contains(raw, []byte("PLAINTEXT-MARKER")) {
			t.Fatal("plaintext on disk")
		}
		rc, err := l.Open(ctx, "docs/a")
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(rc)
		rc.Close()
		if err != nil || !bytes.Equal(got, data) {
			t.Fatalf("size %d: read back %d bytes, %v", size, len(got), err)
		}
	}
}

type failingReader struct {
	r   io.Reader
	err error
}

func (f *failingReader) Read(p []byte) (int, error) {
	n, err := f.r.Read(p)
	if err == io.EOF {
		return n, f.err
	}
	return n, err
}

func TestPartialPutKeepsWhatArrived(t *testing.T) {
	ctx := context.Background()
	l, _ := NewLocal(t.TempDir(), keyring(t))
	data := bytes.Repeat([]byte("x"), 100000)
	cut := errors.New("connection reset")
	n, err := l.Put(ctx, "seg/1", &failingReader{r: bytes.NewReader(data), err: cut})
	if !errors.Is(err, cut) || n != int64(len(data)) {
		t.Fatalf("Put=%d, %v; want all bytes and the read error", n, err)
	}
	rc, _ := l.Open(ctx, "seg/1")
	got, _ := io.ReadAll(rc)
	if len(got) != len(data) {
		t.Errorf("kept %d bytes, want %d", len(got), len(data))
	}
}

func TestTamperAndTruncation(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	l, _ := NewLocal(dir, keyring(t))
	data := make([]byte, 3*frameSize)
	l.Put(ctx, "b", bytes.NewReader(data))
	p := filepath.Join(dir, "b")
	raw, _ := os.ReadFile(p)
	// Cut at a frame boundary: the last frame is gone.
	os.WriteFile(p, raw[:len(raw)-(4+16)], 0o600)
	rc, _ := l.Open(ctx, "b")
	if _, err := io.ReadAll(rc); err == nil {
		t.Error("truncated blob read without error")
	}
	raw[len(raw)/2] ^= 1
	os.WriteFile(p, raw, 0o600)
	rc, _ = l.Open(ctx, "b")
	if _, err := io.ReadAll(rc); err == nil {
		t.Error("altered blob read without error")
	}
	if _, err := l.Open(ctx, "missing"); !kycd.IsNotFound(err) {
		t.Errorf("missing blob: Code=%q, want %q", kycd.ErrorCode(err), kycd.ENOTFOUND)
	}
	if _, err := l.Put(ctx, "../escape", bytes.NewReader(nil)); err == nil {
		t.Error("a key escaping the root was accepted")
	}
}

func TestStaleTemporaryFilesRemoved(t *testing.T) {
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
	if _, err := NewLocal(dir, keyring(t)); err != nil {
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
}
