package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kycd/kycd/internal/rrproxy"
	"github.com/kycd/kycd/internal/s3test"
	"github.com/kycd/kycd/storetest"
)

// cluster is three `kycd serve` processes on one PostgreSQL database and
// one S3 bucket (versitygw), behind a round-robin proxy: what
// deploy/cluster.sh brings up, in a test. Each instance has a data
// directory of its own that holds nothing they need.
type cluster struct {
	t     *testing.T
	pg    string
	s3    *s3test.Server
	args  []string
	nodes []*serveProcess
	via   *serveProcess // the proxy
	proxy *rrproxy.Proxy
}

// kill ends instance i with SIGKILL and waits until the proxy's health
// check skips it, as a load balancer would within its check interval.
func (c *cluster) kill(i int) {
	c.nodes[i].kill()
	for deadline := time.Now().Add(10 * time.Second); !c.proxy.Down(i); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			c.t.Fatal("the proxy still routes to a killed instance")
		}
	}
}

func randomB64(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return base64.StdEncoding.EncodeToString(b)
}

func startCluster(t *testing.T, n int, extra ...string) *cluster {
	c := &cluster{t: t, pg: storetest.PostgresURL(t), s3: s3test.Start(t)}
	c.args = append([]string{"--database", c.pg, "--encryption-keys", "k1:" + randomB64(32), "--index-key", randomB64(32),
		"--blobs", "s3://kycd/cluster", "--s3-endpoint", c.s3.Endpoint, "--s3-access-key", c.s3.AccessKey,
		"--s3-secret-key", c.s3.SecretKey, "--trusted-proxies", "127.0.0.1/32", "--webhook-allow", "127.0.0.1/32", "--job-poll", "300ms"}, extra...)
	// The first instance migrates alone; the others start together.
	c.nodes = append(c.nodes, startServeProcess(t, t.TempDir(), c.args...))
	var wg sync.WaitGroup
	rest := make([]*serveProcess, n-1)
	for i := range rest {
		wg.Add(1)
		go func() { defer wg.Done(); rest[i] = startServeProcess(t, t.TempDir(), c.args...) }()
	}
	wg.Wait()
	c.nodes = append(c.nodes, rest...)
	var urls []string
	for _, p := range c.nodes {
		urls = append(urls, p.url)
	}
	p, err := rrproxy.New(urls)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	go p.Check(ctx, 100*time.Millisecond)
	srv := httptest.NewServer(p)
	t.Cleanup(func() { cancel(); srv.Close() })
	c.proxy = p
	c.via = &serveProcess{url: srv.URL}
	return c
}

// db opens the cluster's database for assertions.
func (c *cluster) db() *sql.DB {
	db, err := sql.Open("pgx", c.pg)
	if err != nil {
		c.t.Fatal(err)
	}
	c.t.Cleanup(func() { db.Close() })
	return db
}

// codes reads the one-time codes sent to to from every instance's dev
// outbox (the outbox is per process: it stands in for mail and SMS).
func (c *cluster) codes(to string) map[string]string {
	out := map[string]string{}
	for _, p := range c.nodes {
		if p.cmd.ProcessState != nil {
			continue
		}
		var msgs []struct{ Channel, To, Body string }
		p.json(c.t, "GET", "/dev/outbox", "", nil, &msgs, http.StatusOK)
		for _, m := range msgs {
			if m.To == to {
				out[map[string]string{"email": "email", "sms": "phone"}[m.Channel]] = otpCode.FindString(m.Body)
			}
		}
	}
	return out
}

// applicant registers and verifies through the proxy and opens a level-2
// application; it returns the session token and the application id.
func (c *cluster) applicant(email, phone string) (string, string) {
	t := c.t
	var acct struct{ ID, Token string }
	c.via.json(t, "POST", "/v1/accounts", "", map[string]string{"email": email, "phone": phone,
		"password": "correct horse battery staple"}, &acct, http.StatusCreated)
	for _, to := range []string{email, phone} {
		for ch, code := range c.codes(to) {
			c.via.json(t, "POST", "/v1/accounts/verify", acct.Token, map[string]string{"channel": ch, "code": code}, nil, http.StatusOK)
		}
	}
	var me struct{ Level int }
	if c.via.json(t, "GET", "/v1/me", acct.Token, nil, &me, http.StatusOK); me.Level != 1 {
		t.Fatalf("level %d after verifying both channels, want 1", me.Level)
	}
	var app struct{ ID string }
	c.via.json(t, "POST", "/v1/applications", acct.Token, map[string]int{"level": 2}, &app, http.StatusCreated)
	return acct.Token, app.ID
}

// staff creates a staff account with the CLI and logs it in.
func (c *cluster) staff(role, email string) string {
	code, _, errOut := opRun(context.Background(), "correct horse battery staple\n", nil,
		append([]string{"admin", "create-user", "--role", role, "--email", email}, c.args...)...)
	if code != exitOK {
		c.t.Fatalf("create-user: exit %d: %s", code, errOut)
	}
	var s struct{ Token string }
	c.via.json(c.t, "POST", "/v1/sessions", "", map[string]string{"email": email, "password": "correct horse battery staple"}, &s, http.StatusCreated)
	return s.Token
}

func fixturePhoto(t *testing.T, name string) []byte {
	b, err := os.ReadFile(filepath.Join("..", "..", "checks", "photo", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// tusCreate starts an upload through p and returns its id.
func tusCreate(t *testing.T, p *serveProcess, tok, appID, kind string, data []byte) string {
	meta := "application_id " + b64(appID) + ",kind " + b64(kind) + ",filename " + b64(kind+".jpg") + ",sha256 " + b64(sha(data))
	st, hdr, body := p.call(t, "POST", "/v1/uploads/", tok, map[string]string{"Tus-Resumable": "1.0.0",
		"Upload-Length": strconv.Itoa(len(data)), "Upload-Metadata": meta}, nil)
	if st != http.StatusCreated {
		t.Fatalf("tus POST: Status=%d: %s", st, body)
	}
	return path.Base(hdr.Get("Location"))
}

func tusPatch(t *testing.T, p *serveProcess, tok, id string, data []byte, from, to int) (int, int, string) {
	st, hdr, body := p.call(t, "PATCH", "/v1/uploads/"+id, tok, map[string]string{"Tus-Resumable": "1.0.0",
		"Upload-Offset": strconv.Itoa(from), "Content-Type": "application/offset+octet-stream"}, data[from:to])
	off, _ := strconv.Atoi(hdr.Get("Upload-Offset"))
	if st != http.StatusNoContent {
		t.Fatalf("PATCH %d-%d: Status=%d: %s", from, to, st, body)
	}
	return st, off, hdr.Get("X-Kycd-Backend")
}

func tusHead(t *testing.T, p *serveProcess, tok, id string) (int, string) {
	// A HEAD that lands on an instance that just died answers 502 from
	// the proxy, which then skips it: a client retries, as tus clients do.
	for try := 0; ; try++ {
		st, hdr, _ := p.call(t, "HEAD", "/v1/uploads/"+id, tok, map[string]string{"Tus-Resumable": "1.0.0"}, nil)
		if st == http.StatusBadGateway && try < 3 {
			continue
		}
		if st != http.StatusOK {
			t.Fatalf("HEAD: Status=%d", st)
		}
		off, _ := strconv.Atoi(hdr.Get("Upload-Offset"))
		return off, hdr.Get("X-Kycd-Backend")
	}
}

func TestCluster(t *testing.T) {
	listFile := filepath.Join(t.TempDir(), "pep.csv")
	os.WriteFile(listFile, []byte("id,name,dob,nationality\npep-1,Liu Yang,1975-04-12,CN\n"), 0o600)
	const refresh = 2 * time.Second
	hooks := &hookSink{seen: map[string]int{}}
	hookSrv := httptest.NewServer(hooks)
	t.Cleanup(hookSrv.Close)

	c := startCluster(t, 3, "--screening-sources", "csv:"+listFile, "--screening-refresh", refresh.String())
	db := c.db()
	admin := c.staff("admin", "admin@operator.example")
	c.via.json(t, "POST", "/v1/admin/webhooks", admin, map[string]any{"url": hookSrv.URL + "/hook"}, nil, http.StatusCreated)
	reviewer := c.staff("reviewer", "reviewer@operator.example")

	t.Run("journey across instances", func(t *testing.T) {
		tok, app := c.applicant("journey@example.com", "+8613900000151")
		// What card_good.jpg prints: the instances read documents when
		// the OCR files are present (CI fetches them), and a reading that
		// lands before the precheck would block a form that differs.
		c.via.json(t, "PUT", "/v1/applications/"+app+"/identity", tok, map[string]string{"full_name": "李晓明",
			"document_type": "cn_rid", "document_number": "310104198611204572", "birth_date": "1986-11-20", "sex": "M",
			"nationality": "CHN"}, nil, http.StatusOK)
		photos := map[string][]byte{"id_front": fixturePhoto(t, "card_good.jpg"), "id_back": fixturePhoto(t, "card_back.jpg"),
			"selfie": fixturePhoto(t, "selfie_good.jpg")}
		backends := map[string]bool{}
		for kind, data := range photos {
			id := tusCreate(t, c.via, tok, app, kind, data)
			// Each PATCH and HEAD lands on the next instance: the upload
			// is begun on one, continued on another, resumed on a third.
			half := len(data) / 2
			_, off, b1 := tusPatch(t, c.via, tok, id, data, 0, half)
			got, b2 := tusHead(t, c.via, tok, id)
			if got != off || off != half {
				t.Fatalf("%s: HEAD on another instance says %d, want %d", kind, got, half)
			}
			_, off, b3 := tusPatch(t, c.via, tok, id, data, half, len(data))
			if off != len(data) || b1 == b2 || b2 == b3 || b1 == b3 {
				t.Fatalf("%s: offset %d over backends %s,%s,%s; want %d over three instances", kind, off, b1, b2, b3, len(data))
			}
			backends[b1], backends[b2], backends[b3] = true, true, true
			var doc struct {
				SHA256   string
				Accepted bool
			}
			c.via.json(t, "POST", "/v1/applications/"+app+"/documents", tok, map[string]string{"upload_id": id, "kind": kind}, &doc, http.StatusCreated)
			if doc.SHA256 != sha(data) || !doc.Accepted {
				t.Fatalf("%s attached: sha256 %s accepted %v, want %s true", kind, doc.SHA256, doc.Accepted, sha(data))
			}
		}
		if len(backends) != 3 {
			t.Errorf("requests reached %d instances, want 3", len(backends))
		}
		// Wait for the readings, so that the precheck sees them every
		// time instead of when the race happens to go that way.
		for deadline := time.Now().Add(90 * time.Second); ; time.Sleep(200 * time.Millisecond) {
			var v struct {
				Documents []struct {
					Kind string
					Read *struct{ State string }
				}
			}
			c.via.json(t, "GET", "/v1/applications/"+app, tok, nil, &v, http.StatusOK)
			pending := 0
			for _, d := range v.Documents {
				if d.Read != nil && d.Read.State == "pending" {
					pending++
				}
			}
			if pending == 0 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%d readings still pending", pending)
			}
		}
		var pre struct {
			Ready    bool
			Findings []map[string]any
		}
		if c.via.json(t, "POST", "/v1/applications/"+app+"/precheck", tok, nil, &pre, http.StatusOK); !pre.Ready {
			t.Fatalf("precheck not ready: %v", pre.Findings)
		}
		c.via.json(t, "POST", "/v1/applications/"+app+"/submit", tok, nil, nil, http.StatusOK)
		c.via.json(t, "POST", "/v1/review/applications/"+app+"/claim", reviewer, nil, nil, http.StatusOK)
		checkDocumentLinks(t, c.via, reviewer, app, photos)
		c.via.json(t, "POST", "/v1/review/applications/"+app+"/decision", reviewer, map[string]any{"decision": "approve"}, nil, http.StatusOK)
		var got struct{ State string }
		if c.via.json(t, "GET", "/v1/applications/"+app, tok, nil, &got, http.StatusOK); got.State != "approved" {
			t.Errorf("state %q, want approved", got.State)
		}
		var me struct{ Level int }
		if c.via.json(t, "GET", "/v1/me", tok, nil, &me, http.StatusOK); me.Level != 2 {
			t.Errorf("level %d, want 2", me.Level)
		}
	})

	t.Run("rate limit shared", func(t *testing.T) {
		// The login limit is 10 per 15 minutes per client: 11 tries
		// spread over three instances get exactly one 429, the last.
		var statuses []int
		backends := map[string]bool{}
		for i := 0; i < 11; i++ {
			body, _ := json.Marshal(map[string]string{"email": "nobody@example.com", "password": "wrong password " + strconv.Itoa(i)})
			st, hdr, _ := c.via.call(t, "POST", "/v1/sessions", "", map[string]string{"X-Forwarded-For": "198.51.100.7"}, body)
			statuses = append(statuses, st)
			backends[hdr.Get("X-Kycd-Backend")] = true
		}
		n429 := 0
		for _, st := range statuses {
			if st == http.StatusTooManyRequests {
				n429++
			}
		}
		if n429 != 1 || statuses[10] != http.StatusTooManyRequests || len(backends) != 3 {
			t.Errorf("statuses %v over %d instances; want one 429, the 11th, over 3", statuses, len(backends))
		}
	})

	t.Run("webhooks once per attempt", func(t *testing.T) {
		var want int
		deadline := time.Now().Add(20 * time.Second)
		for {
			db.QueryRow(`SELECT COUNT(*) FROM webhook_deliveries`).Scan(&want)
			var pending int
			db.QueryRow(`SELECT COUNT(*) FROM webhook_deliveries WHERE delivered_at IS NULL`).Scan(&pending)
			if want > 0 && pending == 0 || time.Now().After(deadline) {
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
		time.Sleep(time.Second) // a duplicate would arrive now
		hooks.mu.Lock()
		defer hooks.mu.Unlock()
		if want < 3 || len(hooks.seen) != want {
			t.Errorf("%d events received, %d deliveries stored; want the same, at least 3 (submitted, approved, level changed)", len(hooks.seen), want)
		}
		for id, n := range hooks.seen {
			if n != 1 {
				t.Errorf("event %s delivered %d times", id, n)
			}
		}
	})

	t.Run("list refresh moves to a survivor", func(t *testing.T) {
		imports := func() []time.Time {
			rows, err := db.Query(`SELECT at FROM audit_log WHERE action = 'screening.list_imported' ORDER BY seq`)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			var out []time.Time
			for rows.Next() {
				var us int64
				rows.Scan(&us)
				out = append(out, time.UnixMicro(us))
			}
			return out
		}
		holder := func() int {
			for i, p := range c.nodes {
				if p.cmd.ProcessState == nil && strings.Contains(p.stderr.String(), `"msg":"job taken","job":"screening-refresh"`) {
					return i
				}
			}
			return -1
		}
		for deadline := time.Now().Add(15 * time.Second); len(imports()) < 2 && time.Now().Before(deadline); {
			time.Sleep(100 * time.Millisecond)
		}
		h := holder()
		if h < 0 {
			t.Fatal("no instance took the screening-refresh job")
		}
		killed := time.Now()
		c.kill(h)
		for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
			if ts := imports(); ts[len(ts)-1].After(killed) {
				break
			}
		}
		ts := imports()
		if !ts[len(ts)-1].After(killed) {
			t.Fatalf("no import after the holder (instance %d) was killed", h)
		}
		if h2 := holder(); h2 < 0 || h2 == h {
			t.Errorf("the job moved from instance %d to %d", h, h2)
		}
		// One import per schedule: three instances refreshing would
		// import in bursts.
		for i := 1; i < len(ts); i++ {
			if gap := ts[i].Sub(ts[i-1]); gap < refresh*3/4 {
				t.Errorf("imports %d and %d only %v apart (schedule %v): %v", i-1, i, gap, refresh, ts)
			}
		}
	})

	t.Run("instance killed mid-PATCH", func(t *testing.T) {
		tok, app := c.applicant("killed@example.com", "+8613900000152")
		data := fixturePhoto(t, "card_good.jpg")
		id := tusCreate(t, c.via, tok, app, "id_front", data)
		v := 0
		for c.nodes[v].cmd.ProcessState != nil {
			v++
		}
		victim := c.nodes[v]
		// A PATCH straight to one instance sends half of what it
		// declares; the instance is killed while it waits for the rest.
		conn, err := net.Dial("tcp", strings.TrimPrefix(victim.url, "http://"))
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		w := bufio.NewWriter(conn)
		fmt.Fprintf(w, "PATCH /v1/uploads/%s HTTP/1.1\r\nHost: kycd\r\nTus-Resumable: 1.0.0\r\nAuthorization: Bearer %s\r\n"+
			"Upload-Offset: 0\r\nContent-Type: application/offset+octet-stream\r\nContent-Length: %d\r\n\r\n", id, tok, len(data))
		w.Write(data[:len(data)/2])
		w.Flush()
		time.Sleep(300 * time.Millisecond)
		c.kill(v)

		off, _ := tusHead(t, c.via, tok, id)
		if off != 0 {
			t.Fatalf("offset %d after the kill, want 0 (the killed PATCH never committed)", off)
		}
		tusPatch(t, c.via, tok, id, data, off, len(data))
		var doc struct{ SHA256 string }
		c.via.json(t, "POST", "/v1/applications/"+app+"/documents", tok, map[string]string{"upload_id": id, "kind": "id_front"}, &doc, http.StatusCreated)
		if doc.SHA256 != sha(data) {
			t.Fatalf("stored sha256 %s, want the source's %s", doc.SHA256, sha(data))
		}
		// No orphans: every object in the bucket is a document the
		// database knows; upload segments are gone once attached.
		var stored []string
		root := filepath.Join(c.s3.Dir, "kycd", "cluster")
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				rel, _ := filepath.Rel(root, p)
				stored = append(stored, filepath.ToSlash(rel))
			}
			return nil
		})
		known := map[string]bool{}
		rows, err := db.Query(`SELECT blob_key FROM documents`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var k string
			rows.Scan(&k)
			known[k] = true
		}
		rows.Close()
		for _, k := range stored {
			if !known[k] {
				t.Errorf("object %s in the bucket is no document's", k)
			}
		}
		if len(stored) != len(known) || len(known) != 4 {
			t.Errorf("%d objects for %d documents, want 4 each", len(stored), len(known))
		}
	})
}

// hookSink counts webhook deliveries per event id.
type hookSink struct {
	mu   sync.Mutex
	seen map[string]int
}

func (h *hookSink) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	io.Copy(io.Discard, r.Body)
	h.mu.Lock()
	h.seen[r.Header.Get("Kycd-Event-Id")]++
	h.mu.Unlock()
	w.WriteHeader(http.StatusNoContent)
}

// checkDocumentLinks fetches every document of the case through the proxy
// with the signed link one instance issued: each link must open on every
// instance (the link key is shared, not per process) and give the bytes
// uploaded, and a link with a changed signature opens on none.
func checkDocumentLinks(t *testing.T, via *serveProcess, reviewer, app string, photos map[string][]byte) {
	t.Helper()
	var cv struct {
		Documents []struct{ Kind, URL string }
	}
	st, hdr, body := via.call(t, "GET", "/v1/review/applications/"+app, reviewer, nil, nil)
	if st != http.StatusOK || json.Unmarshal(body, &cv) != nil || len(cv.Documents) != len(photos) {
		t.Fatalf("case: Status=%d, %d documents: %s", st, len(cv.Documents), body)
	}
	signer := hdr.Get("X-Kycd-Backend")
	for _, d := range cv.Documents {
		served := map[string]bool{}
		for range 3 {
			st, hdr, body := via.call(t, "GET", d.URL, reviewer, nil, nil)
			if st != http.StatusOK || sha(body) != sha(photos[d.Kind]) {
				t.Fatalf("%s: link signed on %s, opened on %s: Status=%d, sha256 %s", d.Kind, signer, hdr.Get("X-Kycd-Backend"), st, sha(body))
			}
			served[hdr.Get("X-Kycd-Backend")] = true
		}
		if len(served) != 3 {
			t.Errorf("%s: link opened on %d instances, want 3", d.Kind, len(served))
		}
		forged := strings.Replace(d.URL, "sig=", "sig=0", 1)
		for range 3 {
			if st, hdr, _ := via.call(t, "GET", forged, reviewer, nil, nil); st != http.StatusNotFound {
				t.Fatalf("%s: forged link on %s: Status=%d, want 404", d.Kind, hdr.Get("X-Kycd-Backend"), st)
			}
		}
	}
}
