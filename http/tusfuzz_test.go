package http_test

import (
	"context"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/kycd/kycd"
	kycdhttp "github.com/kycd/kycd/http"
	"github.com/kycd/kycd/sqlstore"
	"github.com/kycd/kycd/storetest"
)

// tusSequence plays ops against a real server and store as a client
// would: whole PATCHes, PATCHes cut after some bytes, HEADs, restarts of
// the server process (a new handler over the same database and files, one
// with a stray temporary file as kill -9 leaves, one with a crash right
// before the finish). After each step the offset is what arrived; at the
// end the upload finishes with the content's hash, attaches, and the
// reconciliation finds no orphan but the stray files it was given.
func tusSequence(t *testing.T, e *env, blobDir string, ops []byte) {
	const size = 150_000
	content := make([]byte, size)
	r := rand.New(rand.NewPCG(uint64(len(ops)), 7))
	for i := range content {
		content[i] = byte(r.IntN(256))
	}
	p := e.applicantAtLevel1()
	app := e.openApp(p.Token, 2)
	st, id, body := e.tusCreate(p.Token, app.ID, kycd.KindIDBack, size, map[string]string{"sha256": sha256Hex(content)})
	if st != http.StatusCreated {
		t.Fatalf("tus POST: %d %s", st, body)
	}
	var offset int64
	strays := 0
	restart := func() {
		e.ts.Close()
		e.srv = kycdhttp.New(e.svc, kycdhttp.Options{Logger: e.svc.Log})
		e.ts = httptest.NewServer(e.srv)
	}
	e.allow5xx = true
	for i := 0; i+1 < len(ops) && offset < size; i += 2 {
		op, arg := ops[i]%5, int64(ops[i+1])+1
		n := min(arg*997, size-offset)
		switch op {
		case 0: // a whole PATCH
			st, off, body := e.tusPatch(p.Token, id, offset, content[offset:offset+n])
			if offset+n == size && e.faults.on() {
				e.faults.set(nil) // crashed before the finish: the bytes are in
			} else if st != http.StatusNoContent || off != offset+n {
				t.Fatalf("step %d PATCH %d+%d: %d offset %d %s", i, offset, n, st, off, body)
			}
			offset += n
		case 1: // cut after part of what was declared
			sent := n / 2
			e.tusCut(p.Token, id, offset, content[offset:offset+n], int(sent))
			if got := e.settledOffset(p.Token, id, offset+sent); got != offset+sent {
				t.Fatalf("step %d cut %d of %d at %d: HEAD offset %d, want %d", i, sent, n, offset, got, offset+sent)
			}
			offset += sent
		case 2: // HEAD
			if st, got := e.tusHead(p.Token, id); st != http.StatusOK || got != offset {
				t.Fatalf("step %d HEAD: %d offset %d, want 200 %d", i, st, got, offset)
			}
		case 3: // kill -9 mid-write, then restart
			dir := filepath.Join(blobDir, "seg", id)
			os.MkdirAll(dir, 0o700)
			if err := os.WriteFile(filepath.Join(dir, ".put-stray"+string(rune('a'+strays%26))), []byte("half-written"), 0o600); err == nil {
				strays++
			}
			restart()
		case 4: // the next last PATCH crashes right before the finish
			e.faults.set(func(step string) error {
				if step == kycd.FaultBeforeFinish {
					return context.Canceled
				}
				return nil
			})
		}
	}
	e.faults.set(nil)
	if offset < size {
		if st, off, body := e.tusPatch(p.Token, id, offset, content[offset:]); st != http.StatusNoContent || off != size {
			t.Fatalf("final PATCH: %d offset %d %s", st, off, body)
		}
	}
	e.allow5xx = false
	if st, got := e.tusHead(p.Token, id); st != http.StatusOK || got != size {
		t.Fatalf("final HEAD: %d offset %d, want %d", st, got, size)
	}
	u, err := e.store.FindUpload(context.Background(), id)
	if err != nil || u.State != kycd.UploadFinished || u.SHA256 != sha256Hex(content) {
		t.Fatalf("upload: %+v %v, want finished with the content's hash", u, err)
	}
	d := e.attach(p.Token, app.ID, id, kycd.KindIDBack)
	if d.SHA256 != sha256Hex(content) || d.Size != size {
		t.Fatalf("document sha256 %s size %d, want the content's", d.SHA256, d.Size)
	}
	rep, err := e.svc.Reconcile(context.Background(), -time.Second)
	if err != nil || rep.OrphanBlobs != 0 || rep.StaleWrites != strays || len(rep.BrokenUploads) != 0 || len(rep.MissingDocuments) != 0 {
		t.Fatalf("reconcile: %+v %v, want exactly the %d stray temporary files", rep, err, strays)
	}
}

var tusSeeds = [][]byte{
	{0, 255, 0, 255},                     // two whole PATCHes
	{1, 40, 2, 0, 1, 90, 0, 255},         // cuts, then the rest
	{0, 30, 3, 0, 1, 60, 3, 0, 0, 255},   // restarts with strays between
	{0, 50, 4, 0, 0, 255, 2, 0},          // crash before the finish, then HEAD
	{1, 1, 1, 1, 2, 0, 3, 0, 4, 0, 0, 9}, // tiny cuts, restart, crash armed
}

// TestTusSequences runs the fuzz seeds on SQLite and PostgreSQL.
func TestTusSequences(t *testing.T) {
	eachAppDB(t, envConfig{}, func(t *testing.T, e *env, blobDir string) {
		for _, ops := range tusSeeds {
			tusSequence(t, e, blobDir, ops)
		}
	})
}

// FuzzTusSequence explores PATCH/HEAD/cut/restart/crash sequences on
// SQLite: go test ./http -run '^$' -fuzz FuzzTusSequence -fuzztime 60s
func FuzzTusSequence(f *testing.F) {
	for _, s := range tusSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, ops []byte) {
		if len(ops) > 40 {
			ops = ops[:40]
		}
		e, dir := newAppEnv(t, func(t testing.TB) *sqlstore.DB { return storetest.OpenSQLite(t, storetest.Keyring(t)) }, envConfig{})
		tusSequence(t, e, dir, ops)
	})
}
