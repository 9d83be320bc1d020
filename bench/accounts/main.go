// Command accounts measures kycd's account API over real HTTP on loopback:
// register + confirm both codes, then GET /v1/me, on SQLite or PostgreSQL.
//
//	go run ./bench/accounts -db sqlite -n 400 -c 8
//	go run ./bench/accounts -db postgres -n 400 -c 8
//
// It starts kycd in-process (the same store, service and HTTP handler that
// `kycd serve` wires), with rate limits off and a sender that keeps the
// last code per recipient, so the figures are the server's and not a mail
// relay's. Results go to stdout as a Markdown table.
package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/kycd/kycd"
	kycdhttp "github.com/kycd/kycd/http"
	"github.com/kycd/kycd/postgres"
	"github.com/kycd/kycd/seal"
	"github.com/kycd/kycd/sqlite"
	"github.com/kycd/kycd/sqlstore"
)

func main() {
	db := flag.String("db", "sqlite", "sqlite or postgres")
	n := flag.Int("n", 400, "accounts to register (each: register + 2 verifications)")
	reads := flag.Int("reads", 0, "GET /v1/me requests (default 10×n)")
	conc := flag.Int("c", 8, "concurrent clients")
	pgURL := flag.String("pg", envOr("KYCD_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"),
		"PostgreSQL server; a fresh database is created on it and dropped afterwards")
	mem := flag.Uint("argon2-memory-kib", uint(kycd.DefaultArgon2.MemoryKiB), "argon2id memory (KiB)")
	passes := flag.Uint("argon2-time", uint(kycd.DefaultArgon2.Time), "argon2id passes")
	flag.Parse()
	if *reads == 0 {
		*reads = 10 * *n
	}
	argon := kycd.Argon2Params{MemoryKiB: uint32(*mem), Time: uint32(*passes), Threads: 1}
	if err := bench(*db, *pgURL, *n, *reads, *conc, argon); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

func bench(db, pgURL string, n, reads, conc int, argon kycd.Argon2Params) error {
	ctx := context.Background()
	keys, err := seal.Parse("b1:"+randB64(32), randB64(32))
	if err != nil {
		return err
	}
	st, cleanup, err := openStore(ctx, db, pgURL, keys)
	if err != nil {
		return err
	}
	defer cleanup()

	set := kycd.DefaultSettings()
	set.Argon2 = argon
	// A benchmark from one address would hit every per-IP limit at once.
	off := kycd.RateRule{}
	set.RegisterRate, set.LoginRate, set.VerifyRate, set.ResetRate = off, off, off, off
	codes := &codeSink{}
	quiet := slog.New(slog.DiscardHandler)
	svc := kycd.NewService(st, keys, kycd.DefaultPolicy(), codes, codes, set, time.Now, quiet)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: kycdhttp.New(svc, kycdhttp.Options{Logger: quiet})}
	go hs.Serve(ln)
	defer hs.Shutdown(ctx)
	base := "http://" + ln.Addr().String()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: conc, MaxConnsPerHost: conc}, Timeout: time.Minute}

	// Phase 1: register and confirm both channels, n accounts.
	tokens := make([]string, n)
	var reg, ver, flow recorder
	start := time.Now()
	var failed atomic.Int64
	parallel(n, conc, func(i int) {
		email, phone := fmt.Sprintf("bench%d@example.com", i), fmt.Sprintf("+86139%08d", i)
		t0 := time.Now()
		var tok struct{ Token string }
		if !reg.do(client, "POST", base+"/v1/accounts", "", map[string]string{"email": email, "phone": phone, "password": "correct horse battery staple"}, http.StatusCreated, &tok) {
			failed.Add(1)
			return
		}
		for _, c := range []struct{ channel, to string }{{"email", email}, {"phone", phone}} {
			if !ver.do(client, "POST", base+"/v1/accounts/verify", tok.Token, map[string]string{"channel": c.channel, "code": codes.get(c.to)}, http.StatusOK, nil) {
				failed.Add(1)
				return
			}
		}
		flow.add(time.Since(t0))
		tokens[i] = tok.Token
	})
	regWall := time.Since(start)

	// Phase 2: GET /v1/me with the sessions just opened.
	var me recorder
	start = time.Now()
	parallel(reads, conc, func(i int) {
		if tok := tokens[i%n]; tok != "" {
			me.do(client, "GET", base+"/v1/me", tok, nil, http.StatusOK, nil)
		}
	})
	meWall := time.Since(start)

	fmt.Printf("database=%s n=%d reads=%d concurrency=%d GOMAXPROCS=%d argon2id m=%d KiB t=%d p=%d\n\n",
		db, n, reads, conc, runtime.GOMAXPROCS(0), argon.MemoryKiB, argon.Time, argon.Threads)
	fmt.Println("| operation | requests | errors | req/s | p50 | p99 |")
	fmt.Println("|---|---:|---:|---:|---:|---:|")
	flow.row("register + verify ×2 (one account)", regWall)
	reg.row("POST /v1/accounts", regWall)
	ver.row("POST /v1/accounts/verify", regWall)
	me.row("GET /v1/me", meWall)
	if failed.Load() > 0 || reg.errs.Load()+ver.errs.Load()+me.errs.Load() > 0 {
		return fmt.Errorf("%d accounts failed; see errors above", failed.Load())
	}
	return nil
}

// openStore opens a fresh database of the chosen kind.
func openStore(ctx context.Context, db, pgURL string, keys *seal.Keyring) (*sqlstore.DB, func(), error) {
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
		admin, err := sql.Open("pgx", pgURL)
		if err != nil {
			return nil, nil, err
		}
		var b [6]byte
		rand.Read(b[:])
		name := "kycd_bench_" + hex.EncodeToString(b[:])
		if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
			admin.Close()
			return nil, nil, fmt.Errorf("create database: %w", err)
		}
		drop := func() { admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); admin.Close() }
		u, err := url.Parse(pgURL)
		if err != nil {
			drop()
			return nil, nil, err
		}
		u.Path = "/" + name
		st, err := postgres.Open(ctx, u.String(), keys)
		if err != nil {
			drop()
			return nil, nil, err
		}
		return st, func() { st.Close(); drop() }, nil
	}
	return nil, nil, fmt.Errorf("-db must be sqlite or postgres, not %q", db)
}

// codeSink is the mail and SMS sender: it keeps the newest code sent to
// each recipient (an outbox scan per verification would dominate).
type codeSink struct{ m sync.Map }

var sixDigits = regexp.MustCompile(`\b[0-9]{6}\b`)

func (c *codeSink) Send(_ context.Context, m kycd.Message) error {
	c.m.Store(m.To, sixDigits.FindString(m.Body))
	return nil
}

func (c *codeSink) get(to string) string {
	v, _ := c.m.Load(to)
	s, _ := v.(string)
	return s
}

// parallel runs fn(0..n-1) on conc workers.
func parallel(n, conc int, fn func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				fn(i)
			}
		}()
	}
	wg.Wait()
}

// recorder collects latencies of one kind of request.
type recorder struct {
	mu   sync.Mutex
	lat  []time.Duration
	errs atomic.Int64
}

func (r *recorder) add(d time.Duration) {
	r.mu.Lock()
	r.lat = append(r.lat, d)
	r.mu.Unlock()
}

// do sends one JSON request, records its latency and checks its status.
func (r *recorder) do(c *http.Client, method, url, token string, body any, want int, out any) bool {
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
	t0 := time.Now()
	res, err := c.Do(req)
	if err != nil {
		r.fail("%s %s: %v", method, url, err)
		return false
	}
	raw, err := io.ReadAll(res.Body)
	res.Body.Close()
	r.add(time.Since(t0))
	if err != nil || res.StatusCode != want {
		r.fail("%s %s: status %d: %.200s", method, url, res.StatusCode, raw)
		return false
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			r.fail("%s %s: %v", method, url, err)
			return false
		}
	}
	return true
}

func (r *recorder) fail(format string, args ...any) {
	// Print the first few failures only: one cause usually repeats.
	if r.errs.Add(1) <= 5 {
		fmt.Fprintf(os.Stderr, format+"\n", args...)
	}
}

// row prints count, throughput over wall and the p50/p99 latencies.
func (r *recorder) row(name string, wall time.Duration) {
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
	fmt.Printf("| %s | %d | %d | %.0f | %s | %s |\n", name, len(lat), r.errs.Load(),
		float64(len(lat))/wall.Seconds(), ms(pct(0.50)), ms(pct(0.99)))
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

func randB64(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return base64.StdEncoding.EncodeToString(b)
}
