package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kycd/kycd/storetest"
)

// freeAddr returns a loopback address nothing listens on. serve takes a
// fixed --addr, so the port is picked here and released just before.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// server is `kycd serve` running in the test process.
type server struct {
	t      *testing.T
	url    string
	cancel context.CancelFunc
	done   chan int
	stderr *lockedBuffer
}

// startServe runs `kycd serve` with args and waits until /healthz answers.
func startServe(t *testing.T, args ...string) *server {
	t.Helper()
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	s := &server{t: t, url: "http://" + addr, cancel: cancel, done: make(chan int, 1), stderr: &lockedBuffer{}}
	var stdout lockedBuffer
	go func() {
		s.done <- run(ctx, append([]string{"serve", "--addr", addr}, args...),
			stdio{strings.NewReader(""), &stdout, s.stderr, func(string) string { return "" }})
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-s.done:
		case <-time.After(30 * time.Second):
		}
	})
	deadline := time.Now().Add(20 * time.Second)
	for {
		select {
		case code := <-s.done:
			t.Fatalf("serve exited with %d before answering; stderr:\n%s", code, s.stderr.String())
		default:
		}
		res, err := http.Get(s.url + "/healthz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return s
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve did not answer /healthz within 20s; stderr:\n%s", s.stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// stop cancels serve's context (what SIGTERM does in main) and returns its
// exit code.
func (s *server) stop() int {
	s.t.Helper()
	s.cancel()
	select {
	case code := <-s.done:
		s.done <- code // let Cleanup see it too
		return code
	case <-time.After(25 * time.Second):
		s.t.Fatalf("serve did not shut down within 25s")
		return -1
	}
}

// call sends a JSON request and decodes a JSON answer into out.
func (s *server) call(method, path, token string, body, out any) int {
	s.t.Helper()
	var rd *bytes.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	} else {
		rd = bytes.NewReader(nil)
	}
	req, _ := http.NewRequest(method, s.url+path, rd)
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	if out != nil {
		if err := json.NewDecoder(res.Body).Decode(out); err != nil {
			s.t.Fatalf("%s %s: decode: %v", method, path, err)
		}
	}
	return res.StatusCode
}

var sixDigit = regexp.MustCompile(`\b[0-9]{6}\b`)

// journey registers, confirms both channels with the codes read from
// /dev/outbox, and logs in: the DESIGN.md dev-mode contract, end to end.
func (s *server) journey(email, phone string) {
	s.t.Helper()
	var reg struct{ ID, Token string }
	if st := s.call("POST", "/v1/accounts", "", map[string]string{"email": email, "phone": phone, "password": "correct horse battery staple"}, &reg); st != http.StatusCreated {
		s.t.Fatalf("register: status %d", st)
	}
	var outbox []struct{ Channel, To, Subject, Body string }
	if st := s.call("GET", "/dev/outbox", "", nil, &outbox); st != http.StatusOK {
		s.t.Fatalf("GET /dev/outbox: status %d", st)
	}
	for _, m := range outbox {
		channel := map[string]string{"email": "email", "sms": "phone"}[m.Channel]
		if m.To != email && m.To != phone {
			continue
		}
		codes := sixDigit.FindAllString(m.Body, -1)
		if len(codes) != 1 {
			s.t.Fatalf("%s message holds %d six-digit numbers, want 1: %q", m.Channel, len(codes), m.Body)
		}
		if st := s.call("POST", "/v1/accounts/verify", reg.Token, map[string]string{"channel": channel, "code": codes[0]}, nil); st != http.StatusOK {
			s.t.Fatalf("verify %s: status %d", channel, st)
		}
	}
	var me struct{ Level int }
	if st := s.call("GET", "/v1/me", reg.Token, nil, &me); st != http.StatusOK || me.Level != 1 {
		s.t.Fatalf("GET /v1/me: status %d level %d, want 200 and level 1", st, me.Level)
	}
	if st := s.call("POST", "/v1/sessions", "", map[string]string{"email": email, "password": "correct horse battery staple"}, nil); st != http.StatusCreated {
		s.t.Fatalf("login: status %d", st)
	}
}

// TestServe starts `kycd serve --dev` on SQLite with no other
// configuration, walks the journey over HTTP, and shuts it down the way
// SIGTERM does: the command returns 0 and the port is released.
func TestServe(t *testing.T) {
	dir := t.TempDir()
	metricsAddr := freeAddr(t)
	s := startServe(t, append([]string{"--dev", "--data", dir, "--metrics-addr", metricsAddr}, fastHashing...)...)
	if st := s.call("GET", "/readyz", "", nil, nil); st != http.StatusOK {
		t.Errorf("GET /readyz: status %d, want 200", st)
	}
	s.journey("serve@example.com", "+8613900000001")
	// Metrics are on their own listener only, never on the public port.
	if st := s.call("GET", "/metrics", "", nil, nil); st != http.StatusNotFound {
		t.Errorf("GET /metrics on the public port: status %d, want 404", st)
	}
	res, err := http.Get("http://" + metricsAddr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	var metrics bytes.Buffer
	metrics.ReadFrom(res.Body)
	res.Body.Close()
	if !strings.Contains(metrics.String(), `kycd_http_requests_total{route="POST /v1/accounts",status="201"} 1`) {
		t.Errorf("/metrics does not count the registration:\n%.2000s", metrics.String())
	}
	if code := s.stop(); code != exitOK {
		t.Errorf("serve exited with %d after cancel, want 0; stderr:\n%s", code, s.stderr.String())
	}
	if _, err := http.Get(s.url + "/healthz"); err == nil {
		t.Error("the server still answers after shutdown")
	}
	logs := s.stderr.String()
	for _, want := range []string{"kycd listening", "shutting down"} {
		if !strings.Contains(logs, want) {
			t.Errorf("serve logs lack %q:\n%s", want, logs)
		}
	}
	// No personal data in the logs (dev mode included).
	for _, pd := range []string{"serve@example.com", "13900000001"} {
		if strings.Contains(logs, pd) {
			t.Errorf("serve logs contain %q", pd)
		}
	}
	if files, _ := filepath.Glob(filepath.Join(dir, "kycd.db*")); len(files) == 0 {
		t.Errorf("no SQLite database in --data %s", dir)
	}
}

// TestServeRefusesBadConfig checks serve fails fast, with exit 2, on
// configuration it cannot use.
func TestServeRefusesBadConfig(t *testing.T) {
	for name, args := range map[string][]string{
		"mysql database":   {"--database", "mysql://root@localhost/kycd"},
		"bad duration":     {"--otp-ttl", "ten minutes"},
		"stray argument":   {"now"},
		"address in use":   nil, // filled below
		"unknown flag":     {"--no-such-flag"},
		"bad policy path":  {"--policy", "/nonexistent/policy.yaml"},
		"bad smtp url":     {"--smtp-url", "http://mail.example"},
		"bad index key":    {"--encryption-keys", "k1:AAAA", "--index-key", "short"},
		"bad argon2 value": {"--argon2-time", "two"},
	} {
		if name == "address in use" {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			defer ln.Close()
			args = []string{"--addr", ln.Addr().String()}
		} else {
			args = append([]string{"--addr", "127.0.0.1:0"}, args...)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		code, _, errOut := opRun(ctx, "", nil, append([]string{"serve", "--data", t.TempDir()}, args...)...)
		cancel()
		if code != exitUsage {
			t.Errorf("%s: exit %d, want %d; stderr %s", name, code, exitUsage, errOut)
		}
	}
}

// tamper runs stmt on the audit log as an attacker with DDL rights would:
// the append-only triggers refuse it at first, so they are dropped (when
// dropTriggers is given; a later call finds them gone).
func tamper(t *testing.T, driver, dsn, stmt string, dropTriggers ...string) {
	t.Helper()
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if len(dropTriggers) > 0 {
		if _, err := db.Exec(stmt); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Fatalf("%s with the triggers in place: err=%v, want the append-only refusal", stmt, err)
		}
		for _, d := range dropTriggers {
			if _, err := db.Exec(d); err != nil {
				t.Fatal(err)
			}
		}
	}
	res, err := db.Exec(stmt)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		t.Fatalf("%s changed %d rows, want 1", stmt, n)
	}
}

// TestAuditVerify runs the journey through `kycd serve`, checks `kycd audit
// verify` finds the chain intact, then tampers with the log in raw SQL and
// checks verify exits 1 naming the entry — on SQLite and on PostgreSQL.
func TestAuditVerify(t *testing.T) {
	for _, db := range []string{"sqlite", "postgres"} {
		t.Run(db, func(t *testing.T) {
			dir := t.TempDir()
			flags := []string{"--data", dir}
			driver, dsn := "sqlite", filepath.Join(dir, "kycd.db")
			drop := []string{"DROP TRIGGER audit_log_no_update", "DROP TRIGGER audit_log_no_delete"}
			if db == "postgres" {
				url := storetest.PostgresURL(t)
				flags = append(flags, "--database", url)
				driver, dsn, drop = "pgx", url, []string{"DROP TRIGGER audit_log_no_change ON audit_log"}
			}
			s := startServe(t, append(append([]string{"--dev"}, flags...), fastHashing...)...)
			s.journey("audit-"+db+"@example.com", "+8613900000002")
			if code := s.stop(); code != exitOK {
				t.Fatalf("serve exited with %d", code)
			}
			ctx := context.Background()
			if code, _, errOut := opRun(ctx, "", nil, append([]string{"admin", "create-api-key", "--name", "backend"}, flags...)...); code != exitOK {
				t.Fatalf("create-api-key: exit %d: %s", code, errOut)
			}
			verify := func() (int, string) {
				t.Helper()
				code, out, errOut := opRun(ctx, "", nil, append([]string{"audit", "verify"}, flags...)...)
				if code == exitUsage {
					t.Fatalf("audit verify: exit 2: %s", errOut)
				}
				return code, out
			}

			code, out := verify()
			m := regexp.MustCompile(`intact: (\d+) entries`).FindStringSubmatch(out)
			if code != exitOK || m == nil {
				t.Fatalf("audit verify on an intact log: exit %d stdout %q, want 0 and the entry count", code, out)
			}
			var n int
			fmt.Sscan(m[1], &n)
			// registered, email, phone, level 1, login, API key
			if n < 6 {
				t.Errorf("audit verify read %d entries, want at least 6", n)
			}

			// Removing the newest entry leaves a valid but shorter chain;
			// the head row still records it.
			tamper(t, driver, dsn, fmt.Sprintf("DELETE FROM audit_log WHERE seq = %d", n), drop...)
			if code, out := verify(); code != exitInvalid || !strings.Contains(out, fmt.Sprintf("entry %d:", n)) {
				t.Errorf("audit verify after removing entry %d: exit %d stdout %q, want 1 naming entry %d", n, code, out, n)
			}

			// Rewriting an entry in the middle breaks the chain there.
			const broken = 3
			tamper(t, driver, dsn, fmt.Sprintf(`UPDATE audit_log SET data = '{"tampered":true}' WHERE seq = %d`, broken))
			if code, out := verify(); code != exitInvalid || !strings.Contains(out, fmt.Sprintf("entry %d:", broken)) {
				t.Errorf("audit verify after corrupting entry %d: exit %d stdout %q, want 1 naming entry %d", broken, code, out, broken)
			}
		})
	}
}
