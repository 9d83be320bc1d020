package http_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/reason"
	"github.com/kycd/kycd/sqlstore"
	"github.com/kycd/kycd/storetest"
	"github.com/kycd/kycd/webhook"
)

// The photo checks' committed fixtures: a good card front and back, the
// same front blurred, and a good selfie.
var (
	photoFront   = fixture("card_good.jpg")
	photoBack    = fixture("card_back.jpg")
	photoBlurred = fixture("card_blurred.jpg")
	photoSelfie  = fixture("selfie_good.jpg")
)

func fixture(name string) func(testing.TB) []byte {
	var once sync.Once
	var b []byte
	var err error
	return func(t testing.TB) []byte {
		t.Helper()
		once.Do(func() { b, err = os.ReadFile(filepath.Join("..", "checks", "photo", "testdata", name)) })
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
}

// A valid Chinese resident ID (region 110105, born 1949-12-31, female)
// typed with a lower-case check character and stray spaces.
const (
	typedIDNumber = " 11010519491231002x "
	cleanIDNumber = "11010519491231002X"
)

func identityForm(number string) map[string]any {
	return map[string]any{"full_name": "张三", "document_type": "cn_rid", "document_number": number,
		"birth_date": "1949-12-31", "sex": "F", "nationality": "CHN"}
}

// newAppEnv is an env whose service keeps documents in an encrypted blob
// store under blobDir, as cmd/kycd wires it.
func newAppEnv(t *testing.T, open func(testing.TB) *sqlstore.DB, cfg envConfig) (*env, string) {
	t.Helper()
	if cfg.settings == nil {
		cfg.settings = func(*kycd.Settings) {}
	}
	e := newEnv(t, open, cfg)
	return e, e.blobDir
}

func eachAppDB(t *testing.T, cfg envConfig, fn func(t *testing.T, e *env, blobDir string)) {
	storetest.Each(t, func(t *testing.T, open func(testing.TB) *sqlstore.DB) {
		e, dir := newAppEnv(t, open, cfg)
		fn(t, e, dir)
	})
}

// applicantAtLevel1 registers a person and confirms both channels.
func (e *env) applicantAtLevel1() *person {
	e.t.Helper()
	return e.applicantAtLevel1In("")
}

// applicantAtLevel1In is applicantAtLevel1 for an account with locale.
func (e *env) applicantAtLevel1In(locale string) *person {
	e.t.Helper()
	p := newPerson()
	form := p.form()
	if locale != "" {
		form["locale"] = locale
	}
	r := e.post("/v1/accounts", "", form)
	want(e.t, "register "+p.Email, r, http.StatusCreated, "")
	var tok struct{ ID, Token string }
	r.decode(e.t, &tok)
	p.ID, p.Token = tok.ID, tok.Token
	e.verifyBoth(p)
	if lvl := e.me(p.Token).Level; lvl != 1 {
		e.t.Fatalf("level after verifying = %d, want 1", lvl)
	}
	return p
}

// staff creates a staff account of role and logs it in over HTTP.
func (e *env) staff(role kycd.Role) (id, token string) {
	e.t.Helper()
	email := fmt.Sprintf("%s%d@operator.example", role, seq.Add(1))
	a, err := e.svc.CreateStaff(context.Background(), kycd.System, role, email, "correct horse battery staple")
	if err != nil {
		e.t.Fatalf("create %s: %v", role, err)
	}
	r := e.post("/v1/sessions", "", map[string]string{"email": email, "password": "correct horse battery staple"})
	want(e.t, "log in as "+string(role), r, http.StatusCreated, "")
	var tok struct{ Token string }
	r.decode(e.t, &tok)
	return a.ID, tok.Token
}

// appView is the applicant's view of an application, as JSON gives it.
type appView struct {
	ID           string           `json:"id"`
	State        string           `json:"state"`
	Attempt      int              `json:"attempt"`
	Findings     []reason.Finding `json:"findings"`
	Reasons      []reason.Finding `json:"reasons"`
	Redo         []string         `json:"redo"`
	Documents    []docView        `json:"documents"`
	Identity     kycd.Identity    `json:"identity"`
	Requirements struct {
		Documents []struct{ Kind string } `json:"documents"`
	} `json:"requirements"`
}

type docView struct {
	DocumentID string           `json:"document_id"`
	Kind       string           `json:"kind"`
	SHA256     string           `json:"sha256"`
	Size       int64            `json:"size"`
	Accepted   bool             `json:"accepted"`
	Findings   []reason.Finding `json:"findings"`
}

func (e *env) openApp(token string, level int) appView {
	e.t.Helper()
	r := e.post("/v1/applications", token, map[string]int{"level": level})
	want(e.t, "open application", r, http.StatusCreated, "")
	var v appView
	r.decode(e.t, &v)
	return v
}

func (e *env) getApp(token, id string) appView {
	e.t.Helper()
	r := e.get("/v1/applications/"+id, token)
	want(e.t, "GET application", r, http.StatusOK, "")
	var v appView
	r.decode(e.t, &v)
	return v
}

func (e *env) saveIdentity(token, id string, form map[string]any) []reason.Finding {
	e.t.Helper()
	r := e.do(req{Method: http.MethodPut, Path: "/v1/applications/" + id + "/identity", Token: token, Body: form})
	want(e.t, "PUT identity", r, http.StatusOK, "")
	var out struct{ Findings []reason.Finding }
	r.decode(e.t, &out)
	return out.Findings
}

func (e *env) attach(token, appID, uploadID, kind string) docView {
	e.t.Helper()
	r := e.post("/v1/applications/"+appID+"/documents", token, map[string]string{"upload_id": uploadID, "kind": kind})
	want(e.t, "attach "+kind, r, http.StatusCreated, "")
	var d docView
	r.decode(e.t, &d)
	return d
}

func (e *env) precheck(token, appID string) (bool, []reason.Finding) {
	e.t.Helper()
	r := e.post("/v1/applications/"+appID+"/precheck", token, nil)
	want(e.t, "precheck", r, http.StatusOK, "")
	var out struct {
		Ready    bool
		Findings []reason.Finding
	}
	r.decode(e.t, &out)
	return out.Ready, out.Findings
}

func (e *env) submit(token, appID string) appView {
	e.t.Helper()
	r := e.post("/v1/applications/"+appID+"/submit", token, nil)
	want(e.t, "submit", r, http.StatusOK, "")
	var v appView
	r.decode(e.t, &v)
	return v
}

// uploadAndAttach uploads data in one PATCH and attaches it.
func (e *env) uploadAndAttach(token, appID, kind string, data []byte) docView {
	e.t.Helper()
	id := e.tusUpload(token, appID, kind, data)
	return e.attach(token, appID, id, kind)
}

// readyApplication takes a fresh level-1 applicant to a level-2 draft with
// identity and the three photos attached.
func (e *env) readyApplication(p *person, number string) appView {
	e.t.Helper()
	app := e.openApp(p.Token, 2)
	e.saveIdentity(p.Token, app.ID, identityForm(number))
	for kind, data := range map[string][]byte{kycd.KindIDFront: photoFront(e.t), kycd.KindIDBack: photoBack(e.t),
		kycd.KindSelfie: photoSelfie(e.t)} {
		if d := e.uploadAndAttach(p.Token, app.ID, kind, data); !d.Accepted {
			e.t.Fatalf("%s refused: %v", kind, reason.Codes(d.Findings))
		}
	}
	return app
}

// submittedCase is an application in the review queue.
func (e *env) submittedCase() (*person, appView) {
	e.t.Helper()
	p := e.applicantAtLevel1()
	app := e.readyApplication(p, typedIDNumber)
	if v := e.submit(p.Token, app.ID); v.State != string(kycd.StateInReview) {
		e.t.Fatalf("state after submit = %q, want %q", v.State, kycd.StateInReview)
	}
	return p, app
}

// ---- a raw tus client -------------------------------------------------

// tusReq sends one tus request; the responses are not in the OpenAPI
// document's JSON shape, so they are not validated against it.
func (e *env) tusReq(method, p, token string, hdr map[string]string, body io.Reader) (*http.Response, []byte) {
	e.t.Helper()
	hr, err := http.NewRequest(method, e.ts.URL+p, body)
	if err != nil {
		e.t.Fatal(err)
	}
	hr.Header.Set("Tus-Resumable", "1.0.0")
	if token != "" {
		hr.Header.Set("Authorization", "Bearer "+token)
	}
	for k, v := range hdr {
		hr.Header.Set(k, v)
	}
	if cl, ok := hdr["Content-Length"]; ok {
		hr.ContentLength, _ = strconv.ParseInt(cl, 10, 64)
	}
	res, err := e.ts.Client().Do(hr)
	if err != nil {
		e.t.Fatalf("%s %s: %v", method, p, err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	if res.StatusCode >= 500 && !e.allow5xx {
		e.t.Errorf("%s %s: status %d (a server fault): %s", method, p, res.StatusCode, raw)
	}
	return res, raw
}

func tusMetadata(kv map[string]string) string {
	var parts []string
	for k, v := range kv {
		parts = append(parts, k+" "+base64.StdEncoding.EncodeToString([]byte(v)))
	}
	return strings.Join(parts, ",")
}

// tusCreate starts an upload; extra metadata (e.g. sha256) is added.
func (e *env) tusCreate(token, appID, kind string, size int, extra map[string]string) (status int, id string, body []byte) {
	e.t.Helper()
	meta := map[string]string{"application_id": appID, "kind": kind, "filename": kind + ".jpg"}
	for k, v := range extra {
		meta[k] = v
	}
	res, raw := e.tusReq(http.MethodPost, "/v1/uploads/", token,
		map[string]string{"Upload-Length": strconv.Itoa(size), "Upload-Metadata": tusMetadata(meta)}, nil)
	if res.StatusCode == http.StatusCreated {
		id = path.Base(res.Header.Get("Location"))
	}
	return res.StatusCode, id, raw
}

func (e *env) tusPatch(token, id string, offset int64, data []byte) (status int, newOffset int64, body []byte) {
	e.t.Helper()
	res, raw := e.tusReq(http.MethodPatch, "/v1/uploads/"+id, token, map[string]string{
		"Upload-Offset": strconv.FormatInt(offset, 10), "Content-Type": "application/offset+octet-stream",
		"Content-Length": strconv.Itoa(len(data))}, bytes.NewReader(data))
	newOffset, _ = strconv.ParseInt(res.Header.Get("Upload-Offset"), 10, 64)
	return res.StatusCode, newOffset, raw
}

func (e *env) tusHead(token, id string) (status int, offset int64) {
	e.t.Helper()
	res, _ := e.tusReq(http.MethodHead, "/v1/uploads/"+id, token, nil, nil)
	offset, _ = strconv.ParseInt(res.Header.Get("Upload-Offset"), 10, 64)
	return res.StatusCode, offset
}

// tusUpload uploads data in one PATCH, declaring its SHA-256.
func (e *env) tusUpload(token, appID, kind string, data []byte) string {
	e.t.Helper()
	st, id, body := e.tusCreate(token, appID, kind, len(data), map[string]string{"sha256": sha256Hex(data)})
	if st != http.StatusCreated {
		e.t.Fatalf("tus POST %s: Status=%d, want 201: %s", kind, st, body)
	}
	if st, off, body := e.tusPatch(token, id, 0, data); st != http.StatusNoContent || off != int64(len(data)) {
		e.t.Fatalf("tus PATCH %s: Status=%d Upload-Offset=%d, want 204 %d: %s", kind, st, off, len(data), body)
	}
	return id
}

// tusCut sends a PATCH that declares all of data but delivers only its
// first n bytes, then closes the connection: a phone losing its network
// half-way. A raw connection makes sure exactly those n bytes leave.
func (e *env) tusCut(token, id string, offset int64, data []byte, n int) {
	e.t.Helper()
	u, _ := url.Parse(e.ts.URL)
	c, err := net.Dial("tcp", u.Host)
	if err != nil {
		e.t.Fatal(err)
	}
	defer c.Close()
	w := bufio.NewWriter(c)
	fmt.Fprintf(w, "PATCH /v1/uploads/%s HTTP/1.1\r\nHost: %s\r\nTus-Resumable: 1.0.0\r\nAuthorization: Bearer %s\r\n"+
		"Upload-Offset: %d\r\nContent-Type: application/offset+octet-stream\r\nContent-Length: %d\r\n\r\n",
		id, u.Host, token, offset, len(data))
	w.Write(data[:n])
	if err := w.Flush(); err != nil {
		e.t.Fatal(err)
	}
}

// settledOffset waits until the server has finished the cut request, then
// asks HEAD for the offset. It waits by reading the database rather than
// by polling HEAD: tusd lets a new request on an upload interrupt the one
// in progress (so a client whose old connection is half-dead can resume at
// once), and an early HEAD would cut short the reading of bytes that did
// arrive.
func (e *env) settledOffset(token, id string, want int64) int64 {
	e.t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		u, err := e.store.FindUpload(context.Background(), id)
		if err != nil {
			e.t.Fatal(err)
		}
		if u.Offset >= want {
			break
		}
	}
	st, off := e.tusHead(token, id)
	if st != http.StatusOK {
		e.t.Fatalf("tus HEAD: Status=%d, want 200", st)
	}
	return off
}

func sha256Hex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// ---- webhooks ---------------------------------------------------------

// hookSink is an operator's webhook receiver.
type hookSink struct {
	ts   *httptest.Server
	mu   sync.Mutex
	got  []hookCall
	fail int // answer 500 to this many calls first
}

type hookCall struct {
	Header http.Header
	Body   []byte
}

func newHookSink(t *testing.T) *hookSink {
	h := &hookSink{}
	h.ts = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		h.mu.Lock()
		defer h.mu.Unlock()
		if h.fail > 0 {
			h.fail--
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		h.got = append(h.got, hookCall{Header: r.Header.Clone(), Body: body})
	}))
	t.Cleanup(h.ts.Close)
	return h
}

func (h *hookSink) calls() []hookCall {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]hookCall(nil), h.got...)
}

// startWorker runs the webhook worker for the rest of the test, woken by
// the service after every transaction that queues deliveries.
func (e *env) startWorker() *webhook.Worker {
	w := e.worker
	w.Tick = 50 * time.Millisecond
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { w.Run(ctx); close(done) }()
	e.t.Cleanup(func() { cancel(); <-done })
	return w
}
