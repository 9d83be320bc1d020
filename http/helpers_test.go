package http_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/blob"
	kycdhttp "github.com/kycd/kycd/http"
	"github.com/kycd/kycd/internal/s3test"
	"github.com/kycd/kycd/mail"
	"github.com/kycd/kycd/sqlstore"
	"github.com/kycd/kycd/storetest"
	"github.com/kycd/kycd/webhook"
)

// fastArgon2 keeps tests quick: the hash cost is not what they prove, and
// the default (19 MiB, t=2) costs ~60 ms per hash on the CI machine.
var fastArgon2 = kycd.Argon2Params{MemoryKiB: 64, Time: 1, Threads: 1}

// clock is the service's injected clock; tests move it forward to expire
// codes without sleeping.
type clock struct{ off atomic.Int64 }

func (c *clock) now() time.Time {
	return time.Now().Add(time.Duration(c.off.Load())).UTC().Truncate(time.Microsecond)
}

func (c *clock) advance(d time.Duration) { c.off.Add(int64(d)) }

// syncBuffer collects log output from concurrent handlers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// env is one real kycd server over httptest with a real store. The outbox
// is both the mail and the SMS sender, so codes are read from it.
type env struct {
	t      *testing.T
	svc    *kycd.Service
	srv    *kycdhttp.Server
	ts     *httptest.Server
	store  *sqlstore.DB
	outbox *mail.Outbox
	clock  *clock
	logs   *syncBuffer
	// blobDir holds the service's encrypted documents and upload segments;
	// with envConfig.s3 they are in bucket instead.
	blobDir string
	bucket  string
	// worker is the webhook worker the service wakes; startWorker runs it.
	worker *webhook.Worker
	// allow5xx lets a test expect a server error; by default any 5xx fails.
	allow5xx bool
	// validate checks every response against the OpenAPI document.
	validate bool
	// faults is the service's fault hook (Options.FaultHook): a test
	// injects a crash with faults.set and removes it with faults.set(nil).
	faults *faultSwitch
}

// faultSwitch is a fault hook a test can change while the service runs.
type faultSwitch struct {
	mu sync.Mutex
	f  func(step string) error
}

func (s *faultSwitch) set(f func(step string) error) {
	s.mu.Lock()
	s.f = f
	s.mu.Unlock()
}

func (s *faultSwitch) on() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.f != nil
}

func (s *faultSwitch) call(step string) error {
	s.mu.Lock()
	f := s.f
	s.mu.Unlock()
	if f == nil {
		return nil
	}
	return f(step)
}

type envConfig struct {
	dev        bool
	trustProxy bool
	// proxies are the trusted proxies' addresses (Options.TrustedProxies).
	proxies     []netip.Prefix
	settings    func(*kycd.Settings)
	noOpenAPI   bool
	realArgon2  bool
	outboxLimit int
	// s3 keeps blobs in a bucket on a real S3 server (versitygw) instead
	// of a directory; blobDir is then empty.
	s3 *s3test.Server
	// wrapBlobs, when set, wraps the blob store the service is built
	// with (to make it fail or count).
	wrapBlobs func(kycd.BlobStore) kycd.BlobStore
	// checks are the check gate's limits (Options.Checks).
	checks *kycd.CheckLimits
}

func newEnv(t *testing.T, open func(testing.TB) *sqlstore.DB, cfg envConfig) *env {
	t.Helper()
	st := open(t)
	set := kycd.DefaultSettings()
	if !cfg.realArgon2 {
		set.Argon2 = fastArgon2
	}
	// Every request comes from 127.0.0.1; the rate-limit tests lower these
	// again on purpose.
	generous := kycd.RateRule{Max: 10000, Window: time.Hour}
	set.RegisterRate, set.LoginRate, set.VerifyRate, set.ResetRate = generous, generous, generous, generous
	set.LoginPairRate = generous
	// Webhook sinks are httptest servers on loopback, which kycd refuses
	// unless the operator's allow-list names it.
	set.WebhookAllow = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}
	if cfg.settings != nil {
		cfg.settings(&set)
	}
	if cfg.outboxLimit == 0 {
		cfg.outboxLimit = 1000
	}
	outbox := mail.NewOutbox(cfg.outboxLimit)
	logs := &syncBuffer{}
	log := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	clk := &clock{}
	keys := storetest.Keyring(t)
	var blobs kycd.BlobStore
	blobDir, bucket := filepath.Join(t.TempDir(), "blobs"), ""
	if cfg.s3 != nil {
		blobDir, bucket = "", "k"+kycd.NewID()
		b, err := blob.NewS3(context.Background(), blob.S3Config{Endpoint: cfg.s3.Endpoint, AccessKey: cfg.s3.AccessKey,
			SecretKey: cfg.s3.SecretKey, Bucket: bucket}, st)
		if err != nil {
			t.Fatal(err)
		}
		blobs = b
	} else {
		b, err := blob.NewLocal(blobDir, st)
		if err != nil {
			t.Fatal(err)
		}
		blobs = b
	}
	if cfg.wrapBlobs != nil {
		blobs = cfg.wrapBlobs(blobs)
	}
	worker := webhook.NewWorker(st, slog.New(slog.DiscardHandler), set.WebhookAllow)
	faults := &faultSwitch{}
	svc := storetest.Service(t, st, keys, kycd.Options{Blobs: blobs, Mail: outbox, SMS: outbox, Settings: &set,
		Now: clk.now, Log: log, Wake: worker.Wake, Checks: cfg.checks, FaultHook: faults.call})
	srv := kycdhttp.New(svc, kycdhttp.Options{Dev: cfg.dev, Outbox: outbox, TrustProxyHeaders: cfg.trustProxy,
		TrustedProxies: cfg.proxies, Logger: log})
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return &env{t: t, svc: svc, srv: srv, ts: ts, store: st, outbox: outbox, clock: clk, logs: logs, blobDir: blobDir, bucket: bucket, worker: worker, validate: !cfg.noOpenAPI,
		faults: faults}
}

// resp is a finished response with its body read.
type resp struct {
	Status int
	Header http.Header
	Body   []byte
}

func (r resp) decode(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("decode %s: %v", r.Body, err)
	}
}

func (r resp) errBody(t testing.TB) kycdhttp.ErrorDetail {
	t.Helper()
	var b kycdhttp.ErrorBody
	r.decode(t, &b)
	return b.Error
}

// code returns the error code of the body ("" for a success).
func (r resp) code() string {
	var b kycdhttp.ErrorBody
	_ = json.Unmarshal(r.Body, &b)
	return b.Error.Code
}

// req describes one request; Body is JSON-encoded unless it is a string or
// []byte, which are sent as they are.
type req struct {
	Method, Path string
	Token        string // sent as a bearer token
	Cookie       string // sent as the session cookie
	Body         any
	Header       map[string]string
}

func (e *env) do(r req) resp {
	e.t.Helper()
	var body io.Reader
	switch b := r.Body.(type) {
	case nil:
	case string:
		body = strings.NewReader(b)
	case []byte:
		body = bytes.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			e.t.Fatal(err)
		}
		body = bytes.NewReader(raw)
	}
	hr, err := http.NewRequestWithContext(context.Background(), r.Method, e.ts.URL+r.Path, body)
	if err != nil {
		e.t.Fatal(err)
	}
	if body != nil {
		hr.Header.Set("Content-Type", "application/json")
	}
	if r.Token != "" {
		hr.Header.Set("Authorization", "Bearer "+r.Token)
	}
	if r.Cookie != "" {
		hr.AddCookie(&http.Cookie{Name: kycdhttp.SessionCookie, Value: r.Cookie})
	}
	for k, v := range r.Header {
		hr.Header.Set(k, v)
	}
	res, err := e.ts.Client().Do(hr)
	if err != nil {
		e.t.Fatalf("%s %s: %v", r.Method, r.Path, err)
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		e.t.Fatalf("%s %s: read body: %v", r.Method, r.Path, err)
	}
	out := resp{Status: res.StatusCode, Header: res.Header, Body: raw}
	if res.StatusCode >= 500 && !e.allow5xx {
		e.t.Errorf("%s %s: status %d (a server fault): %s", r.Method, r.Path, res.StatusCode, raw)
	}
	if e.validate {
		validateResponse(e.t, hr, out)
	}
	return out
}

func (e *env) post(path, token string, body any) resp {
	e.t.Helper()
	return e.do(req{Method: http.MethodPost, Path: path, Token: token, Body: body})
}

func (e *env) get(path, token string) resp {
	e.t.Helper()
	return e.do(req{Method: http.MethodGet, Path: path, Token: token})
}

// want fails the test unless r has status and, for errors, code.
func want(t testing.TB, what string, r resp, status int, code string) {
	t.Helper()
	if r.Status != status || r.code() != code {
		t.Fatalf("%s: Status=%d Code=%q, want %d %q; body %s", what, r.Status, r.code(), status, code, r.Body)
	}
}

// sixDigits finds one-time codes: DESIGN.md promises a code is the only
// 6-digit number in a message body.
var sixDigits = regexp.MustCompile(`\b[0-9]{6}\b`)

// lastCode returns the code of the newest message sent to to.
// waitMessage waits for a message to `to` whose subject holds subject:
// some messages leave through the send queue, after the answer.
func (e *env) waitMessage(to, subject string) {
	e.t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		for _, m := range e.outbox.Messages() {
			if m.To == to && strings.Contains(m.Subject, subject) {
				return
			}
		}
	}
	e.t.Fatalf("no message to %s about %q within 5s", to, subject)
}

func (e *env) lastCode(to string) string {
	e.t.Helper()
	msgs := e.outbox.Messages()
	for i := len(msgs) - 1; i >= 0; i-- {
		if msgs[i].To != to {
			continue
		}
		codes := sixDigits.FindAllString(msgs[i].Body, -1)
		if len(codes) != 1 {
			e.t.Fatalf("message to %s holds %d six-digit numbers, want 1: %q", to, len(codes), msgs[i].Body)
		}
		return codes[0]
	}
	e.t.Fatalf("no message to %s in the outbox (%d messages)", to, len(msgs))
	return ""
}

// person is a registration form plus what registering gave back.
type person struct {
	Email, Phone, Password string
	ID, Token              string
}

var seq atomic.Int64

// newPerson returns unique, valid registration data. The phone numbers are
// mainland mobile numbers (139 prefix) so that they pass validation.
func newPerson() *person {
	n := seq.Add(1)
	return &person{
		Email:    fmt.Sprintf("person%d@example.com", n),
		Phone:    fmt.Sprintf("+86139%08d", n),
		Password: "correct horse battery staple",
	}
}

func (p *person) form() map[string]any {
	return map[string]any{"email": p.Email, "phone": p.Phone, "password": p.Password}
}

// register creates p and fills in its id and token.
func (e *env) register(p *person) *person {
	e.t.Helper()
	r := e.post("/v1/accounts", "", p.form())
	want(e.t, "register "+p.Email, r, http.StatusCreated, "")
	var tok struct{ ID, Token string }
	r.decode(e.t, &tok)
	p.ID, p.Token = tok.ID, tok.Token
	return p
}

// verifyBoth confirms the email and phone of p with the codes sent.
func (e *env) verifyBoth(p *person) {
	e.t.Helper()
	want(e.t, "verify email", e.post("/v1/accounts/verify", p.Token, map[string]string{"channel": "email", "code": e.lastCode(p.Email)}), http.StatusOK, "")
	want(e.t, "verify phone", e.post("/v1/accounts/verify", p.Token, map[string]string{"channel": "phone", "code": e.lastCode(p.Phone)}), http.StatusOK, "")
}

func (e *env) me(token string) kycd.Profile {
	e.t.Helper()
	r := e.get("/v1/me", token)
	want(e.t, "GET /v1/me", r, http.StatusOK, "")
	var p kycd.Profile
	r.decode(e.t, &p)
	return p
}

// countAccounts reads the number of accounts straight from the store.
func (e *env) countAccounts() int {
	e.t.Helper()
	n, err := e.store.CountAccounts(context.Background())
	if err != nil {
		e.t.Fatal(err)
	}
	return n
}

// auditLen is the number of entries in the audit chain.
func (e *env) auditLen() int64 {
	e.t.Helper()
	rep, err := e.svc.VerifyAudit(context.Background(), nil)
	if err != nil {
		e.t.Fatal(err)
	}
	if rep.Break != nil {
		e.t.Fatalf("audit chain broken at %d: %s", rep.Break.Seq, rep.Break.Reason)
	}
	return rep.Entries
}

// apiKey creates an API key for the exchange's backend.
func (e *env) apiKey() string {
	e.t.Helper()
	_, secret, err := e.svc.CreateAPIKey(context.Background(), kycd.System, "exchange-backend")
	if err != nil {
		e.t.Fatal(err)
	}
	return secret
}

// eachDB runs fn over SQLite and PostgreSQL with a fresh env each.
func eachDB(t *testing.T, cfg envConfig, fn func(t *testing.T, e *env)) {
	storetest.Each(t, func(t *testing.T, open func(testing.TB) *sqlstore.DB) {
		fn(t, newEnv(t, open, cfg))
	})
}

func decodeJSON(res *http.Response, v any) error {
	return json.NewDecoder(res.Body).Decode(v)
}
