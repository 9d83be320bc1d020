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
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"runtime"
	"sync/atomic"
	"time"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/bench/internal/harness"
	kycdhttp "github.com/kycd/kycd/http"
)

func main() {
	db := flag.String("db", "sqlite", "sqlite or postgres")
	n := flag.Int("n", 400, "accounts to register (each: register + 2 verifications)")
	reads := flag.Int("reads", 0, "GET /v1/me requests (default 10×n)")
	conc := flag.Int("c", 8, "concurrent clients")
	pgURL := flag.String("pg", harness.EnvOr("KYCD_TEST_POSTGRES_URL", harness.DefaultPostgresURL),
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

func bench(db, pgURL string, n, reads, conc int, argon kycd.Argon2Params) error {
	ctx := context.Background()
	keys, err := harness.NewKeys()
	if err != nil {
		return err
	}
	st, cleanup, err := harness.OpenStore(ctx, db, pgURL, keys)
	if err != nil {
		return err
	}
	defer cleanup()

	codes := &harness.CodeSink{}
	quiet := slog.New(slog.DiscardHandler)
	blobDir, err := os.MkdirTemp("", "kycd-bench-blobs-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(blobDir)
	svc, err := harness.Service(st, keys, codes, blobDir, argon, quiet)
	if err != nil {
		return err
	}
	base, stop, err := harness.Serve(ctx, kycdhttp.New(svc, kycdhttp.Options{Logger: quiet}))
	if err != nil {
		return err
	}
	defer stop()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: conc, MaxConnsPerHost: conc}, Timeout: time.Minute}

	// Phase 1: register and confirm both channels, n accounts.
	tokens := make([]string, n)
	var reg, ver, flow harness.Recorder
	start := time.Now()
	var failed atomic.Int64
	harness.Parallel(n, conc, func(_, i int) {
		email, phone := fmt.Sprintf("bench%d@example.com", i), fmt.Sprintf("+86139%08d", i)
		t0 := time.Now()
		var tok struct{ Token string }
		if !reg.Do(client, "POST", base+"/v1/accounts", "", map[string]string{"email": email, "phone": phone, "password": "correct horse battery staple"}, http.StatusCreated, &tok) {
			failed.Add(1)
			return
		}
		for _, c := range []struct{ channel, to string }{{"email", email}, {"phone", phone}} {
			if !ver.Do(client, "POST", base+"/v1/accounts/verify", tok.Token, map[string]string{"channel": c.channel, "code": codes.Get(c.to)}, http.StatusOK, nil) {
				failed.Add(1)
				return
			}
		}
		flow.Add(time.Since(t0))
		tokens[i] = tok.Token
	})
	regWall := time.Since(start)

	// Phase 2: GET /v1/me with the sessions just opened.
	var me harness.Recorder
	start = time.Now()
	harness.Parallel(reads, conc, func(_, i int) {
		if tok := tokens[i%n]; tok != "" {
			me.Do(client, "GET", base+"/v1/me", tok, nil, http.StatusOK, nil)
		}
	})
	meWall := time.Since(start)

	fmt.Printf("database=%s n=%d reads=%d concurrency=%d GOMAXPROCS=%d argon2id m=%d KiB t=%d p=%d\n\n",
		db, n, reads, conc, runtime.GOMAXPROCS(0), argon.MemoryKiB, argon.Time, argon.Threads)
	fmt.Println("| operation | requests | errors | req/s | p50 | p99 |")
	fmt.Println("|---|---:|---:|---:|---:|---:|")
	flow.Row("register + verify ×2 (one account)", regWall)
	reg.Row("POST /v1/accounts", regWall)
	ver.Row("POST /v1/accounts/verify", regWall)
	me.Row("GET /v1/me", meWall)
	if failed.Load() > 0 || reg.Errors()+ver.Errors()+me.Errors() > 0 {
		return fmt.Errorf("%d accounts failed; see errors above", failed.Load())
	}
	return nil
}
