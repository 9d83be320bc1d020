package harness

import (
	"context"
	"io"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kycd/kycd"
)

// TestParallel checks every index runs once and every worker index is in
// range: the applications benchmark gives each worker its own reviewer.
func TestParallel(t *testing.T) {
	var seen [100]atomic.Int32
	var bad atomic.Int32
	Parallel(len(seen), 4, func(w, i int) {
		if w < 0 || w >= 4 {
			bad.Add(1)
		}
		seen[i].Add(1)
	})
	for i := range seen {
		if seen[i].Load() != 1 {
			t.Fatalf("index %d ran %d times", i, seen[i].Load())
		}
	}
	if bad.Load() > 0 {
		t.Fatal("worker index out of range")
	}
}

// TestCodeSink checks a message without a code leaves the last code.
func TestCodeSink(t *testing.T) {
	var c CodeSink
	c.Send(context.Background(), kycd.Message{To: "a@example.com", Body: "Your code is 123456."})
	c.Send(context.Background(), kycd.Message{To: "a@example.com", Body: "Welcome."})
	if got := c.Get("a@example.com"); got != "123456" {
		t.Fatalf("Get = %q, want 123456", got)
	}
}

// TestRow checks both row forms keep the columns the READMEs' tables use.
func TestRow(t *testing.T) {
	var r Recorder
	r.Add(10 * time.Millisecond)
	r.Add(20 * time.Millisecond)
	got := capture(t, func() { r.Row("x", time.Second); r.Row("x", 0) })
	want := "| x | 2 | 0 | 2 | 20.0 ms | 20.0 ms |\n| x | 2 | 0 | 20.0 ms | 20.0 ms |\n"
	if got != want {
		t.Fatalf("rows:\n%s\nwant:\n%s", got, want)
	}
}

func capture(t *testing.T, f func()) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	old := os.Stdout
	os.Stdout = w
	f()
	os.Stdout = old
	w.Close()
	b, _ := io.ReadAll(r)
	return strings.ReplaceAll(string(b), "\r", "")
}
