package http_test

import (
	"net/http/httptest"
	"testing"

	"github.com/kycd/kycd"
	kycdhttp "github.com/kycd/kycd/http"
	"github.com/kycd/kycd/storetest"
)

// TestSecurityHeaders: every response — probes, the API, its errors, the
// metrics — says nosniff; HSTS is sent over TLS, or over plain HTTP when
// told a proxy in front terminates TLS, and not otherwise.
func TestSecurityHeaders(t *testing.T) {
	keys := storetest.Keyring(t)
	svc := storetest.Service(t, storetest.OpenSQLite(t, keys), keys, kycd.Options{})
	paths := []string{"/healthz", "/v1/openapi.json", "/v1/no/such/thing", "/v1/me", "/nothing-here"}
	check := func(name string, ts *httptest.Server, wantHSTS bool) {
		t.Helper()
		for _, p := range paths {
			res, err := ts.Client().Get(ts.URL + p)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if got := res.Header.Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("%s %s (%d): X-Content-Type-Options %q, want nosniff", name, p, res.StatusCode, got)
			}
			if hsts := res.Header.Get("Strict-Transport-Security"); (hsts != "") != wantHSTS {
				t.Errorf("%s %s: Strict-Transport-Security %q, want it sent: %v", name, p, hsts, wantHSTS)
			}
		}
	}
	plain := httptest.NewServer(kycdhttp.New(svc, kycdhttp.Options{}))
	defer plain.Close()
	check("plain HTTP", plain, false)
	behind := httptest.NewServer(kycdhttp.New(svc, kycdhttp.Options{BehindTLS: true}))
	defer behind.Close()
	check("behind TLS", behind, true)
	tls := httptest.NewTLSServer(kycdhttp.New(svc, kycdhttp.Options{}))
	defer tls.Close()
	check("TLS", tls, true)
}
