// Package harness holds what the benchmark programs under bench/ share:
// a fresh store to run against, a loopback server, a sender that hands the
// verification codes back to the client, a worker pool and a latency
// recorder that prints Markdown table rows. Each program keeps only its own
// workload, so a fix to how latencies are measured or a database is set up
// reaches every benchmark at once.
package harness

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver OpenStore's admin connection uses

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/blob"
	"github.com/kycd/kycd/postgres"
	"github.com/kycd/kycd/seal"
	"github.com/kycd/kycd/sqlite"
	"github.com/kycd/kycd/sqlstore"
)

// DefaultPostgresURL is the server the -pg flags point at unless
// KYCD_TEST_POSTGRES_URL says otherwise, the same one the tests use.
const DefaultPostgresURL = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

// EnvOr returns the environment variable k, or def when it is unset or
// empty, so a flag's default can follow the environment the tests use.
func EnvOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

// NewKeys returns a keyring with fresh random keys: a benchmark's data is
// thrown away, so nothing needs to be able to read it afterwards.
func NewKeys() (*seal.Keyring, error) {
	return seal.Parse("b1:"+RandB64(32), RandB64(32))
}

// RandB64 returns n random bytes in standard base64, the form seal.Parse
// takes keys in.
func RandB64(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return base64.StdEncoding.EncodeToString(b)
}

// OpenStore opens a fresh, empty database of the kind db names ("sqlite" or
// "postgres"), so that runs do not see each other's rows. SQLite lives in a
// temporary directory; for PostgreSQL a database with a random name is
// created on the server at pgURL. The returned cleanup closes the store and
// removes the directory or drops the database.
func OpenStore(ctx context.Context, db, pgURL string, keys *seal.Keyring) (*sqlstore.DB, func(), error) {
	switch db {
	case "sqlite":
		dir, err := os.MkdirTemp("", "kycd-bench-")
		if err != nil {
			return nil, nil, err
		}
		st, err := sqlite.Open(ctx, filepath.Join(dir, "kycd.db"), keys)
		if err != nil {
			os.RemoveAll(dir)
			return nil, nil, err
		}
		return st, func() { st.Close(); os.RemoveAll(dir) }, nil
	case "postgres":
		dbURL, drop, err := CreateDatabase(ctx, pgURL)
		if err != nil {
			return nil, nil, err
		}
		st, err := postgres.Open(ctx, dbURL, keys)
		if err != nil {
			drop()
			return nil, nil, err
		}
		return st, func() { st.Close(); drop() }, nil
	}
	return nil, nil, fmt.Errorf("-db must be sqlite or postgres, not %q", db)
}

// CreateDatabase makes a database with a random name on the PostgreSQL
// server at pgURL, so that runs do not see each other's rows, and returns
// its URL and a function that drops it.
func CreateDatabase(ctx context.Context, pgURL string) (string, func(), error) {
	admin, err := sql.Open("pgx", pgURL)
	if err != nil {
		return "", nil, err
	}
	var b [6]byte
	rand.Read(b[:])
	name := "kycd_bench_" + hex.EncodeToString(b[:])
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		admin.Close()
		return "", nil, fmt.Errorf("create database: %w", err)
	}
	drop := func() { admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); admin.Close() }
	u, err := url.Parse(pgURL)
	if err != nil {
		drop()
		return "", nil, err
	}
	u.Path = "/" + name
	return u.String(), drop, nil
}

// Serve serves h on a random loopback port and returns its base URL
// ("http://127.0.0.1:PORT"), so requests cross a real TCP connection as
// they would in production, and a stop that shuts the server down.
func Serve(ctx context.Context, h http.Handler) (base string, stop func(), err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	hs := &http.Server{Handler: h}
	go hs.Serve(ln)
	return "http://" + ln.Addr().String(), func() { hs.Shutdown(ctx) }, nil
}

// CodeSink is the mail and SMS sender: it keeps the newest code sent to
// each recipient, so a client can confirm its address at once (an outbox
// scan per verification would dominate the figures).
type CodeSink struct{ m sync.Map }

// OTPCode finds a one-time code in a message body.
var OTPCode = regexp.MustCompile(`\b[0-9]{6}\b`)

// Send keeps the 6-digit code in m, if it has one; a message without a
// code does not overwrite the last one.
func (c *CodeSink) Send(_ context.Context, m kycd.Message) error {
	if code := OTPCode.FindString(m.Body); code != "" {
		c.m.Store(m.To, code)
	}
	return nil
}

// Get returns the newest code sent to to, or "" if none was.
func (c *CodeSink) Get(to string) string {
	v, _ := c.m.Load(to)
	s, _ := v.(string)
	return s
}

// Parallel runs fn for i in 0..n-1 on conc workers and waits for all of
// them. fn also gets the index of the worker (0..conc-1) running it, so a
// caller can give each worker its own resource, such as a session.
func Parallel(n, conc int, fn func(worker, i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				fn(w, i)
			}
		}()
	}
	wg.Wait()
}

// Recorder collects the latencies and errors of one kind of request or
// step, from any number of goroutines, and prints them as a table row.
// The zero Recorder is ready to use.
type Recorder struct {
	mu   sync.Mutex
	lat  []time.Duration
	errs atomic.Int64
}

// Add records one latency, for steps the caller times itself.
func (r *Recorder) Add(d time.Duration) {
	r.mu.Lock()
	r.lat = append(r.lat, d)
	r.mu.Unlock()
}

// Do sends one JSON request like Send and, if it succeeds, records its
// latency.
func (r *Recorder) Do(c *http.Client, method, url, token string, body any, want int, out any) bool {
	t0 := time.Now()
	ok := r.Send(c, method, url, token, body, want, out)
	if ok {
		r.Add(time.Since(t0))
	}
	return ok
}

// Send sends one request with body (if not nil) as JSON and token (if not
// empty) as its bearer token, checks that the status is want and decodes
// the response into out (if not nil). It counts and reports a failure but
// records no latency: for steps made of several requests, timed by the
// caller with Add.
func (r *Recorder) Send(c *http.Client, method, url, token string, body any, want int, out any) bool {
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, url, rd)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := c.Do(req)
	if err != nil {
		r.Fail("%s %s: %v", method, url, err)
		return false
	}
	raw, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil || res.StatusCode != want {
		r.Fail("%s %s: status %d: %.300s", method, url, res.StatusCode, raw)
		return false
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			r.Fail("%s %s: %v", method, url, err)
			return false
		}
	}
	return true
}

// Fail counts an error and prints it to stderr, the first five only: one
// cause usually repeats, and a thousand copies would bury the table.
func (r *Recorder) Fail(format string, args ...any) {
	if r.errs.Add(1) <= 5 {
		fmt.Fprintf(os.Stderr, format+"\n", args...)
	}
}

// Errors returns how many failures were counted, so a program can exit
// non-zero when any request went wrong.
func (r *Recorder) Errors() int64 { return r.errs.Load() }

// Row prints a Markdown table row: name, the number of latencies
// recorded, the errors, and the p50 and p99 latencies. If wall is not zero
// a throughput column (recorded latencies per second of wall) comes before
// p50; a zero wall leaves it out, for steps of a journey whose throughput
// is only the journey's.
func (r *Recorder) Row(name string, wall time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	lat := slices.Clone(r.lat)
	slices.Sort(lat)
	pct := func(p float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		return lat[min(len(lat)-1, int(p*float64(len(lat))))]
	}
	rate := ""
	if wall != 0 {
		rate = fmt.Sprintf(" %.0f |", float64(len(lat))/wall.Seconds())
	}
	fmt.Printf("| %s | %d | %d |%s %s | %s |\n", name, len(lat), r.errs.Load(), rate, MS(pct(0.50)), MS(pct(0.99)))
}

// MS formats d in milliseconds with one decimal ("12.3 ms"), the unit and
// precision of every latency column, so tables from different programs
// compare at a glance.
func MS(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

// Settings returns kycd's default settings with argon for password hashing
// and every per-IP rate limit off: a benchmark's clients all come from one
// address and would hit each limit at once.
func Settings(argon kycd.Argon2Params) kycd.Settings {
	set := kycd.DefaultSettings()
	set.Argon2 = argon
	off := kycd.RateRule{}
	set.RegisterRate, set.LoginRate, set.VerifyRate, set.ResetRate, set.CheckRate = off, off, off, off, off
	return set
}

// Service builds the service a benchmark serves: documents in blobDir,
// codes to sink, password hashing at argon and rate limits off. tweak
// may change the options before the service is built.
func Service(st kycd.Store, keys *seal.Keyring, sink kycd.Sender, blobDir string, argon kycd.Argon2Params, log *slog.Logger,
	tweak ...func(*kycd.Options)) (*kycd.Service, error) {
	blobs, err := blob.NewLocal(blobDir, keys)
	if err != nil {
		return nil, err
	}
	set := Settings(argon)
	o := kycd.Options{Store: st, Sealer: keys, Blobs: blobs, Mail: sink, SMS: sink, Settings: &set,
		LinkKey: keys.LinkKey(), Log: log}
	for _, f := range tweak {
		f(&o)
	}
	return kycd.NewService(o)
}
