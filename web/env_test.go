package web_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kycd/kycd"
	kycdhttp "github.com/kycd/kycd/http"
	"github.com/kycd/kycd/mail"
	"github.com/kycd/kycd/sqlstore"
	"github.com/kycd/kycd/storetest"
	"github.com/kycd/kycd/web"
)

// env is a whole kycd (API + pages) over a real SQLite store, served by
// httptest on loopback, with the outbox as mail and SMS sender.
type env struct {
	t      *testing.T
	svc    *kycd.Service
	ts     *httptest.Server
	outbox *mail.Outbox
	// cutNextPatch makes the next tus PATCH lose its connection half-way,
	// as a phone on a train would: the server keeps what arrived and the
	// client must resume from there.
	cutNextPatch atomic.Bool
	patches      atomic.Int32
	// creations counts tus POSTs (uploads begun).
	creations atomic.Int32
	// dbDown makes application look-ups fail as a lost database would.
	dbDown *atomic.Bool
}

// flakyStore fails application look-ups while down is set, with a plain
// (non-domain) error as a broken connection gives. It embeds the concrete
// store so optional interfaces (StatsReader) still show through.
type flakyStore struct {
	*sqlstore.DB
	down *atomic.Bool
}

func (f flakyStore) FindApplicationByID(ctx context.Context, id string) (*kycd.Application, error) {
	if f.down.Load() {
		return nil, errors.New("connection refused")
	}
	return f.DB.FindApplicationByID(ctx, id)
}

// newEnv builds the server; tweak may set Options (optional parts such as
// face matching) before the service is built.
func newEnv(t *testing.T, tweak ...func(*kycd.Options)) *env {
	t.Helper()
	keys := storetest.Keyring(t)
	st := storetest.OpenSQLite(t, keys)
	set := kycd.DefaultSettings()
	// The hash cost is not what these tests prove.
	set.Argon2 = kycd.Argon2Params{MemoryKiB: 64, Time: 1, Threads: 1}
	generous := kycd.RateRule{Max: 10000, Window: time.Hour}
	set.RegisterRate, set.LoginRate, set.VerifyRate, set.ResetRate, set.CheckRate = generous, generous, generous, generous, generous
	outbox := mail.NewOutbox(1000)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	down := &atomic.Bool{}
	o := kycd.Options{Mail: outbox, SMS: outbox, Settings: &set, Log: log}
	for _, f := range tweak {
		f(&o)
	}
	svc := storetest.Service(t, flakyStore{st, down}, keys, o)
	e := &env{t: t, svc: svc, outbox: outbox, dbDown: down}
	api := kycdhttp.New(svc, kycdhttp.Options{Dev: true, Outbox: outbox, Logger: log,
		Web: web.New(svc, web.Options{Dev: true, Logger: log})})
	e.ts = httptest.NewServer(e.cutter(api))
	t.Cleanup(e.ts.Close)
	return e
}

// cutter wraps the server: when cutNextPatch is set, the next PATCH to the
// upload endpoint delivers only its first 40 KiB to kycd and then drops
// the connection, so the browser sees a network error.
func (e *env) cutter(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost && strings.HasPrefix(r.URL.Path, "/v1/uploads/") {
			e.creations.Add(1)
		}
		if r.Method != http.MethodPatch || !strings.HasPrefix(r.URL.Path, "/v1/uploads/") {
			next.ServeHTTP(w, r)
			return
		}
		e.patches.Add(1)
		if !e.cutNextPatch.CompareAndSwap(true, false) {
			next.ServeHTTP(w, r)
			return
		}
		r.Body = io.NopCloser(&failAfter{r: r.Body, left: 40 << 10})
		next.ServeHTTP(httptest.NewRecorder(), r)
		panic(http.ErrAbortHandler) // closes the connection without an answer
	})
}

type failAfter struct {
	r    io.Reader
	left int
}

func (f *failAfter) Read(p []byte) (int, error) {
	if f.left <= 0 {
		return 0, io.ErrUnexpectedEOF
	}
	if len(p) > f.left {
		p = p[:f.left]
	}
	n, err := f.r.Read(p)
	f.left -= n
	return n, err
}

var sixDigits = regexp.MustCompile(`\b\d{6}\b`)

// code returns the newest one-time code sent to addr.
func (e *env) code(addr string) string {
	e.t.Helper()
	msgs := e.outbox.Messages()
	for i := len(msgs) - 1; i >= 0; i-- {
		if msgs[i].To == addr {
			if c := sixDigits.FindString(msgs[i].Body); c != "" {
				return c
			}
		}
	}
	e.t.Fatalf("no code sent to %s in %d messages", addr, len(msgs))
	return ""
}

func (e *env) staff(role kycd.Role, email string) {
	e.t.Helper()
	if _, err := e.svc.CreateStaff(context.Background(), kycd.System, role, email, staffPassword); err != nil {
		e.t.Fatalf("CreateStaff(%s): %v", role, err)
	}
}

const staffPassword = "reviewer password long enough"
