// Command applications measures kycd's whole verification journey over
// real HTTP on loopback, on SQLite or PostgreSQL: register, confirm both
// codes, open a level-2 application, save the identity, upload three 3 MP
// photos over tus, attach them (each runs the photo checks), precheck,
// submit, and a reviewer claims and approves.
//
//	go run ./bench/applications -db sqlite -n 200
//	go run ./bench/applications -db postgres -n 200
//
// The photos come from /work/shared/bench/make_photos.sh (ImageMagick),
// generated into a temporary directory unless -photos names a directory
// that already holds them. kycd runs in-process (the store, service, blob
// store and HTTP handler `kycd serve` wires) with rate limits off; results
// go to stdout as a Markdown table.
package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
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
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/blob"
	kycdhttp "github.com/kycd/kycd/http"
	"github.com/kycd/kycd/postgres"
	"github.com/kycd/kycd/seal"
	"github.com/kycd/kycd/sqlite"
	"github.com/kycd/kycd/sqlstore"
)

const makePhotos = "/work/shared/bench/make_photos.sh"

func main() {
	db := flag.String("db", "sqlite", "sqlite or postgres")
	n := flag.Int("n", 200, "applications to take through the whole flow")
	conc := flag.Int("c", 4, "concurrent applicants (each with its own reviewer)")
	photos := flag.String("photos", "", "directory holding make_photos.sh output (default: generate into a temporary directory)")
	pgURL := flag.String("pg", envOr("KYCD_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"),
		"PostgreSQL server; a fresh database is created on it and dropped afterwards")
	mem := flag.Uint("argon2-memory-kib", uint(kycd.DefaultArgon2.MemoryKiB), "argon2id memory (KiB)")
	passes := flag.Uint("argon2-time", uint(kycd.DefaultArgon2.Time), "argon2id passes")
	flag.Parse()
	dir := *photos
	if dir == "" {
		if _, err := exec.LookPath("convert"); err != nil {
			fmt.Println("skipped: ImageMagick (convert) is not installed; make_photos.sh needs it (or pass -photos DIR)")
			return
		}
		tmp, err := os.MkdirTemp("", "kycd-bench-photos-")
		if err != nil {
			fail(err)
		}
		defer os.RemoveAll(tmp)
		cmd := exec.Command("bash", makePhotos, tmp)
		if out, err := cmd.CombinedOutput(); err != nil {
			fmt.Printf("skipped: %s failed (%v):\n%s", makePhotos, err, out)
			return
		}
		dir = tmp
	}
	argon := kycd.Argon2Params{MemoryKiB: uint32(*mem), Time: uint32(*passes), Threads: 1}
	if err := bench(*db, *pgURL, dir, *n, *conc, argon); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "bench:", err)
	os.Exit(1)
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

// photo is one file to upload, with its declared digest.
type photo struct {
	kind, file string
	data       []byte
	sha        string
}

// steps are the timed steps, in the order of the journey.
var steps = []string{"register", "verify (×2)", "open", "identity", "upload id_front", "upload id_back", "upload selfie",
	"attach (×3)", "precheck", "submit", "claim", "decide (approve)", "whole application"}

func bench(db, pgURL, dir string, n, conc int, argon kycd.Argon2Params) error {
	ctx := context.Background()
	photos := []*photo{{kind: "id_front", file: "card_3mp.jpg"}, {kind: "id_back", file: "card_back_3mp.jpg"},
		{kind: "selfie", file: "selfie_3mp.jpg"}}
	for _, p := range photos {
		var err error
		if p.data, err = os.ReadFile(filepath.Join(dir, p.file)); err != nil {
			return err
		}
		s := sha256.Sum256(p.data)
		p.sha = hex.EncodeToString(s[:])
	}
	keys, err := seal.Parse("b1:"+randB64(32), randB64(32))
	if err != nil {
		return err
	}
	st, cleanup, err := openStore(ctx, db, pgURL, keys)
	if err != nil {
		return err
	}
	defer cleanup()
	blobDir, err := os.MkdirTemp("", "kycd-bench-blobs-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(blobDir)

	set := kycd.DefaultSettings()
	set.Argon2 = argon
	// A benchmark from one address would hit every per-IP limit at once.
	off := kycd.RateRule{}
	set.RegisterRate, set.LoginRate, set.VerifyRate, set.ResetRate, set.CheckRate = off, off, off, off, off
	codes := &codeSink{}
	quiet := slog.New(slog.DiscardHandler)
	svc := kycd.NewService(st, keys, kycd.DefaultPolicy(), codes, codes, set, time.Now, quiet)
	if svc.Blobs, err = blob.NewLocal(blobDir, keys); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: kycdhttp.New(svc, kycdhttp.Options{Logger: quiet})}
	go hs.Serve(ln)
	defer hs.Shutdown(ctx)
	base := "http://" + ln.Addr().String()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 2 * conc, MaxConnsPerHost: 2 * conc}, Timeout: 2 * time.Minute}

	// One reviewer per concurrent applicant, created outside the timing.
	reviewers := make([]string, conc)
	for i := range reviewers {
		email := fmt.Sprintf("reviewer%d@operator.example", i)
		if _, err := svc.CreateStaff(ctx, kycd.System, kycd.RoleReviewer, email, "correct horse battery staple"); err != nil {
			return err
		}
		if _, reviewers[i], err = svc.Login(ctx, email, "correct horse battery staple", "127.0.0.1"); err != nil {
			return err
		}
	}

	rec := map[string]*recorder{}
	for _, s := range steps {
		rec[s] = &recorder{}
	}
	var failed, flagged atomic.Int64
	start := time.Now()
	parallel(n, conc, func(w, i int) {
		t0 := time.Now()
		if !journey(client, base, codes, rec, photos, reviewers[w], i, &flagged) {
			failed.Add(1)
			return
		}
		rec["whole application"].add(time.Since(t0))
	})
	wall := time.Since(start)

	fmt.Printf("database=%s n=%d concurrency=%d GOMAXPROCS=%d argon2id m=%d KiB t=%d p=%d; photos 3 MP: %s\n\n",
		db, n, conc, runtime.GOMAXPROCS(0), argon.MemoryKiB, argon.Time, argon.Threads, sizes(photos))
	fmt.Println("| step | requests | errors | p50 | p99 |")
	fmt.Println("|---|---:|---:|---:|---:|")
	errs := int64(0)
	for _, s := range steps {
		rec[s].row(s)
		errs += rec[s].errs.Load()
	}
	done := int64(n) - failed.Load()
	fmt.Printf("\n%d applications approved in %s: **%.0f applications per minute** (%d flagged for review with warnings)\n",
		done, wall.Round(time.Millisecond), float64(done)/wall.Minutes(), flagged.Load())
	if failed.Load() > 0 || errs > 0 {
		return fmt.Errorf("%d applications failed; see errors above", failed.Load())
	}
	return nil
}

func sizes(ps []*photo) string {
	var b bytes.Buffer
	for i, p := range ps {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s %d KB", p.kind, len(p.data)>>10)
	}
	return b.String()
}

// journey takes applicant i from registration to approval.
func journey(c *http.Client, base string, codes *codeSink, rec map[string]*recorder, photos []*photo, reviewer string, i int, flagged *atomic.Int64) bool {
	email, phone := fmt.Sprintf("bench%d@example.com", i), fmt.Sprintf("+86139%08d", i)
	var acct struct{ Token string }
	if !rec["register"].do(c, "POST", base+"/v1/accounts", "", map[string]string{"email": email, "phone": phone,
		"password": "correct horse battery staple"}, http.StatusCreated, &acct) {
		return false
	}
	tok := acct.Token
	t0 := time.Now()
	for _, ch := range []struct{ channel, to string }{{"email", email}, {"phone", phone}} {
		if !rec["verify (×2)"].send(c, "POST", base+"/v1/accounts/verify", tok, map[string]string{"channel": ch.channel,
			"code": codes.get(ch.to)}, http.StatusOK, nil) {
			return false
		}
	}
	rec["verify (×2)"].add(time.Since(t0))
	var app struct{ ID string }
	if !rec["open"].do(c, "POST", base+"/v1/applications", tok, map[string]int{"level": 2}, http.StatusCreated, &app) {
		return false
	}
	number, birth, sex := idNumber(i)
	if !rec["identity"].do(c, "PUT", base+"/v1/applications/"+app.ID+"/identity", tok, map[string]string{"full_name": "张三",
		"document_type": "cn_rid", "document_number": number, "birth_date": birth, "sex": sex, "nationality": "CHN"}, http.StatusOK, nil) {
		return false
	}
	uploads := map[string]string{}
	for _, p := range photos {
		r := rec["upload "+p.kind]
		t0 := time.Now()
		id, ok := tusUpload(c, base, tok, app.ID, p, r)
		if !ok {
			return false
		}
		r.add(time.Since(t0))
		uploads[p.kind] = id
	}
	t0 = time.Now()
	for _, p := range photos {
		var d struct{ Accepted bool }
		if !rec["attach (×3)"].send(c, "POST", base+"/v1/applications/"+app.ID+"/documents", tok,
			map[string]string{"upload_id": uploads[p.kind], "kind": p.kind}, http.StatusCreated, &d) {
			return false
		}
		if !d.Accepted {
			rec["attach (×3)"].fail("%s refused by the photo checks", p.kind)
			return false
		}
	}
	rec["attach (×3)"].add(time.Since(t0))
	var pre struct{ Ready bool }
	if !rec["precheck"].do(c, "POST", base+"/v1/applications/"+app.ID+"/precheck", tok, nil, http.StatusOK, &pre) || !pre.Ready {
		return false
	}
	var sub struct{ State string }
	if !rec["submit"].do(c, "POST", base+"/v1/applications/"+app.ID+"/submit", tok, nil, http.StatusOK, &sub) {
		return false
	}
	var claim struct{ Flags []string }
	if !rec["claim"].do(c, "POST", base+"/v1/review/applications/"+app.ID+"/claim", reviewer, nil, http.StatusOK, &claim) {
		return false
	}
	if len(claim.Flags) > 0 {
		flagged.Add(1)
	}
	return rec["decide (approve)"].do(c, "POST", base+"/v1/review/applications/"+app.ID+"/decision", reviewer,
		map[string]string{"decision": "approve"}, http.StatusOK, nil)
}

// tusUpload creates an upload and sends it in one PATCH, as tus-js-client
// does with its default (unbounded) chunk size.
func tusUpload(c *http.Client, base, tok, appID string, p *photo, r *recorder) (string, bool) {
	meta := "application_id " + b64(appID) + ",kind " + b64(p.kind) + ",filename " + b64(p.file) + ",sha256 " + b64(p.sha)
	req, _ := http.NewRequest("POST", base+"/v1/uploads/", nil)
	req.Header.Set("Tus-Resumable", "1.0.0")
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Upload-Length", strconv.Itoa(len(p.data)))
	req.Header.Set("Upload-Metadata", meta)
	res, err := c.Do(req)
	if err != nil {
		r.fail("tus POST: %v", err)
		return "", false
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusCreated {
		r.fail("tus POST: status %d", res.StatusCode)
		return "", false
	}
	id := path.Base(res.Header.Get("Location"))
	req, _ = http.NewRequest("PATCH", base+"/v1/uploads/"+id, bytes.NewReader(p.data))
	req.Header.Set("Tus-Resumable", "1.0.0")
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Upload-Offset", "0")
	req.Header.Set("Content-Type", "application/offset+octet-stream")
	if res, err = c.Do(req); err != nil {
		r.fail("tus PATCH: %v", err)
		return "", false
	}
	raw, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusNoContent {
		r.fail("tus PATCH: status %d: %.200s", res.StatusCode, raw)
		return "", false
	}
	return id, true
}

// idNumber is a valid Chinese resident ID, unique to applicant i (so no
// application is flagged id_number.duplicate): region 110105, a birth date
// from 1970 on, a sequence number and its ISO 7064 check character.
func idNumber(i int) (number, birth, sex string) {
	d := time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i/1000)
	body := fmt.Sprintf("110105%s%03d", d.Format("20060102"), i%1000)
	weights := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for k, w := range weights {
		sum += int(body[k]-'0') * w
	}
	sex = "F"
	if (body[16]-'0')%2 == 1 {
		sex = "M"
	}
	return body + string("10X98765432"[sum%11]), d.Format("2006-01-02"), sex
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
// each recipient.
type codeSink struct{ m sync.Map }

var sixDigits = regexp.MustCompile(`\b[0-9]{6}\b`)

func (c *codeSink) Send(_ context.Context, m kycd.Message) error {
	if code := sixDigits.FindString(m.Body); code != "" {
		c.m.Store(m.To, code)
	}
	return nil
}

func (c *codeSink) get(to string) string {
	v, _ := c.m.Load(to)
	s, _ := v.(string)
	return s
}

// parallel runs fn(worker, 0..n-1) on conc workers.
func parallel(n, conc int, fn func(w, i int)) {
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

// recorder collects latencies of one step.
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

// do sends one JSON request and records its latency.
func (r *recorder) do(c *http.Client, method, url, token string, body any, want int, out any) bool {
	t0 := time.Now()
	ok := r.send(c, method, url, token, body, want, out)
	if ok {
		r.add(time.Since(t0))
	}
	return ok
}

// send sends one JSON request and checks its status, without recording
// (for steps made of several requests, timed by the caller).
func (r *recorder) send(c *http.Client, method, url, token string, body any, want int, out any) bool {
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
		r.fail("%s %s: %v", method, url, err)
		return false
	}
	raw, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil || res.StatusCode != want {
		r.fail("%s %s: status %d: %.300s", method, url, res.StatusCode, raw)
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

// row prints the count and the p50/p99 latencies.
func (r *recorder) row(name string) {
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
	fmt.Printf("| %s | %d | %d | %s | %s |\n", name, len(lat), r.errs.Load(), ms(pct(0.50)), ms(pct(0.99)))
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

func randB64(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return base64.StdEncoding.EncodeToString(b)
}

func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
