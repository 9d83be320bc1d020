package http_test

import (
	"context"
	"database/sql"
	"io"
	"net"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kycd/kycd/postgres"
	"github.com/kycd/kycd/sqlite"
	"github.com/kycd/kycd/sqlstore"
	"github.com/kycd/kycd/storetest"
)

// dbProxy sits between kycd and PostgreSQL: a network that works, then
// stalls (bytes stop flowing, connections stay open) or drops (every
// connection closed, new ones refused). It is the fault at the outer edge;
// the database behind it is real.
type dbProxy struct {
	ln     net.Listener
	target string
	mode   atomic.Int32 // 0 forward, 1 stall, 2 down
	mu     sync.Mutex
	conns  []net.Conn
}

func newDBProxy(t *testing.T, target string) *dbProxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &dbProxy{ln: ln, target: target}
	t.Cleanup(func() { ln.Close(); p.drop() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			if p.mode.Load() == 2 {
				c.Close()
				continue
			}
			s, err := net.Dial("tcp", target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, s)
			p.mu.Unlock()
			go p.pipe(c, s)
			go p.pipe(s, c)
		}
	}()
	return p
}

func (p *dbProxy) pipe(dst, src net.Conn) {
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		for p.mode.Load() == 1 {
			time.Sleep(10 * time.Millisecond)
		}
		if n > 0 {
			if _, werr := dst.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			if err != io.EOF {
				dst.Close()
			}
			return
		}
	}
}

func (p *dbProxy) drop() {
	p.mode.Store(2)
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

// TestDatabaseUnavailable (item 12): with PostgreSQL stalled or
// unreachable, requests answer 503 unavailable with Retry-After, promptly
// (every statement has a deadline), on the JSON API and on tus alike.
func TestDatabaseUnavailable(t *testing.T) {
	t.Parallel()
	t.Run("postgres", func(t *testing.T) {
		t.Parallel()
		dbURL := storetest.PostgresURL(t)
		u, _ := url.Parse(dbURL)
		proxy := newDBProxy(t, u.Host)
		u.Host = proxy.ln.Addr().String()
		open := func(t testing.TB) *sqlstore.DB {
			st, err := postgres.Open(context.Background(), u.String(), storetest.Keyring(t))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			st.SetCallTimeout(time.Second)
			return st
		}
		e := newEnv(t, open, envConfig{})
		p := e.register(newPerson())
		e.allow5xx = true

		proxy.mode.Store(1) // stalled
		start := time.Now()
		r := e.get("/v1/me", p.Token)
		wantUnavailable(t, "GET /v1/me with the database stalled", r.Status, r.Header, r.Body)
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("answered after %v with the database stalled, want within the statement deadline", d)
		}
		proxy.drop() // unreachable
		r = e.get("/v1/me", p.Token)
		wantUnavailable(t, "GET /v1/me with the database down", r.Status, r.Header, r.Body)
		res, body := e.tusReq(http.MethodPost, "/v1/uploads/", p.Token, map[string]string{"Upload-Length": "10",
			"Upload-Metadata": tusMetadata(map[string]string{"application_id": "x", "kind": "id_front"})}, nil)
		wantUnavailable(t, "tus POST with the database down", res.StatusCode, res.Header, body)
	})
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		path := filepath.Join(t.TempDir(), "kycd.db")
		open := func(t testing.TB) *sqlstore.DB {
			st, err := sqlite.Open(context.Background(), path, storetest.Keyring(t))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			st.SetCallTimeout(time.Second)
			return st
		}
		e := newEnv(t, open, envConfig{})
		p := e.applicantAtLevel1()
		e.allow5xx = true
		// Another process holds the database's write lock.
		other, err := sql.Open("sqlite", "file:"+path)
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close()
		conn, err := other.Conn(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		if _, err := conn.ExecContext(context.Background(), "BEGIN EXCLUSIVE"); err != nil {
			t.Fatal(err)
		}
		defer conn.ExecContext(context.Background(), "ROLLBACK")
		// SQLite's wait for a lock is bounded by busy_timeout (10 s, the
		// same as the statement deadline); the driver does not cut that
		// wait short on a context deadline, so the bound here is 10 s.
		start := time.Now()
		r := e.post("/v1/applications", p.Token, map[string]int{"level": 2})
		wantUnavailable(t, "POST /v1/applications with the database locked", r.Status, r.Header, r.Body)
		if d := time.Since(start); d > 15*time.Second {
			t.Errorf("answered after %v with the database locked, want within busy_timeout", d)
		}
	})
}

func wantUnavailable(t *testing.T, what string, status int, h http.Header, body []byte) {
	t.Helper()
	if status != http.StatusServiceUnavailable || !strings.Contains(string(body), `"code":"unavailable"`) || h.Get("Retry-After") == "" {
		t.Errorf("%s: %d Retry-After %q %s, want 503 unavailable with Retry-After", what, status, h.Get("Retry-After"), body)
	}
	if strings.Contains(string(body), "postgres") || strings.Contains(string(body), "sqlite") {
		t.Errorf("%s: the answer names the database: %s", what, body)
	}
}
