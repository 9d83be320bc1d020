package http_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/sqlstore"
	"github.com/kycd/kycd/storetest"
)

// TestRetentionMetrics: what a retention run erased shows in /metrics, by
// data class.
func TestRetentionMetrics(t *testing.T) {
	e := newEnv(t, func(t testing.TB) *sqlstore.DB { return storetest.OpenSQLite(t, storetest.Keyring(t)) }, envConfig{})
	e.register(newPerson()) // two one-time codes, valid 10 minutes
	e.clock.advance(time.Hour)
	if _, err := e.svc.RunRetention(context.Background(), kycd.System); err != nil {
		t.Fatal(err)
	}
	// /metrics has its own listener (the server's Metrics handler).
	m := httptest.NewServer(e.srv.Metrics())
	defer m.Close()
	res, err := m.Client().Get(m.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /metrics: %d", res.StatusCode)
	}
	for _, line := range []string{`kycd_retention_erased_total{class="sessions"} 2`, `kycd_retention_erased_total{class="documents"} 0`} {
		if !strings.Contains(string(body), line) {
			t.Errorf("/metrics lacks %q", line)
		}
	}
}
