package http_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
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

// TestMetricsOffPublicPort: the public handler has no /metrics; the
// metrics handler (its own listener in serve) counts the public traffic.
func TestMetricsOffPublicPort(t *testing.T) {
	keys := storetest.Keyring(t)
	svc := storetest.Service(t, storetest.OpenSQLite(t, keys), keys, kycd.Options{})
	srv := kycdhttp.New(svc, kycdhttp.Options{})
	public := httptest.NewServer(srv)
	defer public.Close()
	res, err := public.Client().Get(public.URL + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	res, err = public.Client().Get(public.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("GET /metrics on the public port: %d, want 404", res.StatusCode)
	}
	metrics := httptest.NewServer(srv.Metrics())
	defer metrics.Close()
	res, err = metrics.Client().Get(metrics.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.Contains(string(body), `kycd_http_requests_total{route="GET /healthz",status="200"} 1`) {
		t.Errorf("metrics listener: %d, want 200 counting the public /healthz:\n%.1500s", res.StatusCode, body)
	}
}
