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
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/bench/internal/harness"
	kycdhttp "github.com/kycd/kycd/http"
)

const makePhotos = "/work/shared/bench/make_photos.sh"

func main() {
	db := flag.String("db", "sqlite", "sqlite or postgres")
	n := flag.Int("n", 200, "applications to take through the whole flow")
	conc := flag.Int("c", 4, "concurrent applicants (each with its own reviewer)")
	photos := flag.String("photos", "", "directory holding make_photos.sh output (default: generate into a temporary directory)")
	pgURL := flag.String("pg", harness.EnvOr("KYCD_TEST_POSTGRES_URL", harness.DefaultPostgresURL),
		"PostgreSQL server; a fresh database is created on it and dropped afterwards")
	mem := flag.Uint("argon2-memory-kib", uint(kycd.DefaultArgon2.MemoryKiB), "argon2id memory (KiB)")
	passes := flag.Uint("argon2-time", uint(kycd.DefaultArgon2.Time), "argon2id passes")
	cluster := flag.String("cluster", "", "instance counts to run, e.g. 1,3: kycd processes on PostgreSQL and S3 (versitygw) behind a round-robin proxy, with production rate limits (default: kycd in this process)")
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
	if err := bench(*db, *pgURL, dir, *n, *conc, argon, *cluster); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "bench:", err)
	os.Exit(1)
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

func bench(db, pgURL, dir string, n, conc int, argon kycd.Argon2Params, cluster string) error {
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
	if cluster == "" {
		d, err := inProcess(ctx, db, pgURL, conc, argon)
		if err != nil {
			return err
		}
		defer d.stop()
		fmt.Printf("database=%s, in process; ", db)
		return run(d, photos, n, conc, argon, false)
	}
	if db != "postgres" {
		return fmt.Errorf("-cluster runs on PostgreSQL and S3: use -db postgres")
	}
	for _, f := range strings.Split(cluster, ",") {
		instances, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || instances < 1 {
			return fmt.Errorf("-cluster wants instance counts like 1,3, not %q", cluster)
		}
		d, err := startCluster(ctx, pgURL, instances, conc, argon)
		if err != nil {
			return err
		}
		fmt.Printf("database=postgres, blobs=S3 (versitygw), %d kycd instance(s) behind a round-robin proxy; ", instances)
		err = run(d, photos, n, conc, argon, true)
		d.stop()
		if err != nil {
			return err
		}
		fmt.Println()
	}
	return nil
}

// inProcess serves kycd from this process, with rate limits off.
func inProcess(ctx context.Context, db, pgURL string, conc int, argon kycd.Argon2Params) (*deployment, error) {
	keys, err := harness.NewKeys()
	if err != nil {
		return nil, err
	}
	st, cleanup, err := harness.OpenStore(ctx, db, pgURL, keys)
	if err != nil {
		return nil, err
	}
	d := &deployment{stop: cleanup}
	blobDir, err := os.MkdirTemp("", "kycd-bench-blobs-")
	if err != nil {
		d.stop()
		return nil, err
	}
	d.stop = func() { cleanup(); os.RemoveAll(blobDir) }
	codes := &harness.CodeSink{}
	quiet := slog.New(slog.DiscardHandler)
	svc, err := harness.Service(st, keys, codes, blobDir, argon, quiet)
	if err != nil {
		d.stop()
		return nil, err
	}
	base, stopServer, err := harness.Serve(ctx, kycdhttp.New(svc, kycdhttp.Options{Logger: quiet}))
	if err != nil {
		d.stop()
		return nil, err
	}
	d.stop = func() { stopServer(); cleanup(); os.RemoveAll(blobDir) }
	d.base, d.codes = base, codes.Get
	// One reviewer per concurrent applicant, created outside the timing.
	for i := range conc {
		email := fmt.Sprintf("reviewer%d@operator.example", i)
		if _, err := svc.CreateStaff(ctx, kycd.System, kycd.RoleReviewer, email, "correct horse battery staple"); err != nil {
			d.stop()
			return nil, err
		}
		_, tok, err := svc.Login(ctx, email, "correct horse battery staple", "127.0.0.1")
		if err != nil {
			d.stop()
			return nil, err
		}
		d.reviewers = append(d.reviewers, tok)
	}
	return d, nil
}

// run takes n applicants through the journey against d, conc at a time,
// and prints the table.
func run(d *deployment, photos []*photo, n, conc int, argon kycd.Argon2Params, spread bool) error {
	var rt http.RoundTripper = &http.Transport{MaxIdleConnsPerHost: 2 * conc, MaxConnsPerHost: 2 * conc}
	if spread {
		rt = spreadClients{rt}
	}
	client := &http.Client{Transport: rt, Timeout: 2 * time.Minute}
	rec := map[string]*harness.Recorder{}
	for _, s := range steps {
		rec[s] = &harness.Recorder{}
	}
	var failed, flagged atomic.Int64
	start := time.Now()
	harness.Parallel(n, conc, func(w, i int) {
		t0 := time.Now()
		if !journey(client, d.base, d.codes, rec, photos, d.reviewers[w], i, &flagged) {
			failed.Add(1)
			return
		}
		rec["whole application"].Add(time.Since(t0))
	})
	wall := time.Since(start)

	fmt.Printf("n=%d concurrency=%d GOMAXPROCS=%d argon2id m=%d KiB t=%d p=%d; photos 3 MP: %s\n\n",
		n, conc, runtime.GOMAXPROCS(0), argon.MemoryKiB, argon.Time, argon.Threads, sizes(photos))
	fmt.Println("| step | requests | errors | p50 | p99 |")
	fmt.Println("|---|---:|---:|---:|---:|")
	errs := int64(0)
	for _, s := range steps {
		rec[s].Row(s, 0)
		errs += rec[s].Errors()
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
func journey(c *http.Client, base string, codes func(to string) string, rec map[string]*harness.Recorder, photos []*photo, reviewer string, i int, flagged *atomic.Int64) bool {
	email, phone := fmt.Sprintf("bench%d@example.com", i), fmt.Sprintf("+86139%08d", i)
	var acct struct{ Token string }
	if !rec["register"].Do(c, "POST", base+"/v1/accounts", "", map[string]string{"email": email, "phone": phone,
		"password": "correct horse battery staple"}, http.StatusCreated, &acct) {
		return false
	}
	tok := acct.Token
	// The codes are read before the timing starts: in a cluster they come
	// from the instances' dev outboxes, which production does not have.
	emailCode, phoneCode := codes(email), codes(phone)
	t0 := time.Now()
	for _, ch := range []struct{ channel, code string }{{"email", emailCode}, {"phone", phoneCode}} {
		if !rec["verify (×2)"].Send(c, "POST", base+"/v1/accounts/verify", tok, map[string]string{"channel": ch.channel,
			"code": ch.code}, http.StatusOK, nil) {
			return false
		}
	}
	rec["verify (×2)"].Add(time.Since(t0))
	var app struct{ ID string }
	if !rec["open"].Do(c, "POST", base+"/v1/applications", tok, map[string]int{"level": 2}, http.StatusCreated, &app) {
		return false
	}
	number, birth, sex := idNumber(i)
	if !rec["identity"].Do(c, "PUT", base+"/v1/applications/"+app.ID+"/identity", tok, map[string]string{"full_name": "张三",
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
		r.Add(time.Since(t0))
		uploads[p.kind] = id
	}
	t0 = time.Now()
	for _, p := range photos {
		var d struct{ Accepted bool }
		if !rec["attach (×3)"].Send(c, "POST", base+"/v1/applications/"+app.ID+"/documents", tok,
			map[string]string{"upload_id": uploads[p.kind], "kind": p.kind}, http.StatusCreated, &d) {
			return false
		}
		if !d.Accepted {
			rec["attach (×3)"].Fail("%s refused by the photo checks", p.kind)
			return false
		}
	}
	rec["attach (×3)"].Add(time.Since(t0))
	var pre struct{ Ready bool }
	if !rec["precheck"].Do(c, "POST", base+"/v1/applications/"+app.ID+"/precheck", tok, nil, http.StatusOK, &pre) || !pre.Ready {
		return false
	}
	var sub struct{ State string }
	if !rec["submit"].Do(c, "POST", base+"/v1/applications/"+app.ID+"/submit", tok, nil, http.StatusOK, &sub) {
		return false
	}
	var claim struct{ Flags []string }
	if !rec["claim"].Do(c, "POST", base+"/v1/review/applications/"+app.ID+"/claim", reviewer, nil, http.StatusOK, &claim) {
		return false
	}
	if len(claim.Flags) > 0 {
		flagged.Add(1)
	}
	return rec["decide (approve)"].Do(c, "POST", base+"/v1/review/applications/"+app.ID+"/decision", reviewer,
		map[string]string{"decision": "approve"}, http.StatusOK, nil)
}

// tusUpload creates an upload and sends it in one PATCH, as tus-js-client
// does with its default (unbounded) chunk size.
func tusUpload(c *http.Client, base, tok, appID string, p *photo, r *harness.Recorder) (string, bool) {
	meta := "application_id " + b64(appID) + ",kind " + b64(p.kind) + ",filename " + b64(p.file) + ",sha256 " + b64(p.sha)
	req, _ := http.NewRequest("POST", base+"/v1/uploads/", nil)
	req.Header.Set("Tus-Resumable", "1.0.0")
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Upload-Length", strconv.Itoa(len(p.data)))
	req.Header.Set("Upload-Metadata", meta)
	res, err := c.Do(req)
	if err != nil {
		r.Fail("tus POST: %v", err)
		return "", false
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusCreated {
		r.Fail("tus POST: status %d", res.StatusCode)
		return "", false
	}
	id := path.Base(res.Header.Get("Location"))
	req, _ = http.NewRequest("PATCH", base+"/v1/uploads/"+id, bytes.NewReader(p.data))
	req.Header.Set("Tus-Resumable", "1.0.0")
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Upload-Offset", "0")
	req.Header.Set("Content-Type", "application/offset+octet-stream")
	if res, err = c.Do(req); err != nil {
		r.Fail("tus PATCH: %v", err)
		return "", false
	}
	raw, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusNoContent {
		r.Fail("tus PATCH: status %d: %.200s", res.StatusCode, raw)
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

func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
