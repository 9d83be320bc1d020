package webhook_test

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/sqlstore"
	"github.com/kycd/kycd/storetest"
	"github.com/kycd/kycd/webhook"
)

// lastDelivery runs the worker once over a single pending delivery and
// returns it as recorded.
func lastDelivery(t *testing.T, st *sqlstore.DB, w *webhook.Worker) *kycd.Delivery {
	t.Helper()
	ctx := context.Background()
	if n := w.RunOnce(ctx); n != 1 {
		t.Fatalf("RunOnce tried %d deliveries, want 1", n)
	}
	ds, err := st.FindDeliveries(ctx, 10)
	if err != nil || len(ds) != 1 {
		t.Fatalf("deliveries: %v, %v", ds, err)
	}
	return ds[0]
}

// TestDeliveryRefusesInternalAddresses: without an allow-list the worker
// does not connect to loopback — neither to an address literal nor to a
// name that resolves there — and records why; with the operator's
// allow-list naming it, the same endpoint is reached.
func TestDeliveryRefusesInternalAddresses(t *testing.T) {
	storetest.Each(t, func(t *testing.T, open func(testing.TB) *sqlstore.DB) {
		now := time.Now().UTC().Truncate(time.Second)
		rcv := newReceiver(t, 0)
		port := rcv.ts.Listener.Addr().(*net.TCPAddr).Port
		for _, url := range []string{rcv.ts.URL, "http://localhost:" + strconv.Itoa(port)} {
			st := open(t)
			setup(t, st, url, now, 1)
			w := webhook.NewWorker(st, slog.New(slog.DiscardHandler), nil)
			w.Now = func() time.Time { return now }
			if d := lastDelivery(t, st, w); d.State != kycd.DeliveryPending || !strings.Contains(d.LastError, "address not allowed") {
				t.Errorf("%s without an allow-list: state %q, last error %q; want pending, address not allowed", url, d.State, d.LastError)
			}
		}
		if rcv.count() != 0 {
			t.Fatalf("the receiver on loopback got %d deliveries without an allow-list", rcv.count())
		}
		st := open(t)
		setup(t, st, rcv.ts.URL, now, 1)
		w := newWorker(st, &now) // allow-list: 127.0.0.1/32
		if d := lastDelivery(t, st, w); d.State != kycd.DeliveryDelivered || rcv.count() != 1 {
			t.Errorf("with 127.0.0.1/32 allowed: state %q (%s), received %d; want delivered once", d.State, d.LastError, rcv.count())
		}
	})
}

// TestDeliveryFollowsNoRedirect: an allowed endpoint answering 307 with
// another address does not get the signed POST sent on; the delivery
// fails, saying so.
func TestDeliveryFollowsNoRedirect(t *testing.T) {
	storetest.Each(t, func(t *testing.T, open func(testing.TB) *sqlstore.DB) {
		st := open(t)
		now := time.Now().UTC().Truncate(time.Second)
		target := newReceiver(t, 0)
		redirector := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, target.ts.URL+"/internal", http.StatusTemporaryRedirect)
		}))
		t.Cleanup(redirector.Close)
		setup(t, st, redirector.URL, now, 1)
		d := lastDelivery(t, st, newWorker(st, &now))
		if target.count() != 0 {
			t.Errorf("the redirect was followed: its target received %d signed POSTs", target.count())
		}
		if d.State != kycd.DeliveryPending || d.LastStatus != http.StatusTemporaryRedirect || !strings.Contains(d.LastError, "redirect") {
			t.Errorf("state %q status %d error %q; want pending, 307, a redirect named", d.State, d.LastStatus, d.LastError)
		}
	})
}

// TestDeliveryErrorsAreCoarse: a refused connection and one closed without
// an answer leave the same error in the log, so the log cannot be used to
// tell closed ports from open ones.
func TestDeliveryErrorsAreCoarse(t *testing.T) {
	now := time.Now().UTC().Truncate(time.Second)

	closed, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refusedURL := "http://" + closed.Addr().String()
	closed.Close()

	hangup, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { hangup.Close() })
	go func() {
		for {
			c, err := hangup.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()

	var got []string
	for _, url := range []string{refusedURL, "http://" + hangup.Addr().String()} {
		st := storetest.OpenSQLite(t, storetest.Keyring(t))
		setup(t, st, url, now, 1)
		got = append(got, lastDelivery(t, st, newWorker(st, &now)).LastError)
	}
	if got[0] != got[1] || got[0] == "" {
		t.Errorf("refused: %q, closed without answer: %q; want the same coarse error", got[0], got[1])
	}
	for _, e := range got {
		if strings.Contains(e, "refused") || strings.Contains(e, "EOF") || strings.Contains(e, "127.0.0.1") {
			t.Errorf("the delivery log holds network detail: %q", e)
		}
	}
}

// TestClientChecksEveryDial: the client refuses the metadata address and
// a private one at connect time, whatever the URL looked like.
func TestClientChecksEveryDial(t *testing.T) {
	c := webhook.NewClient(nil)
	for _, url := range []string{"http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "http://[fd00::1]/", "http://100.64.0.1/"} {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, url, nil)
		_, err := c.Do(req)
		cancel()
		if err == nil || !strings.Contains(err.Error(), "address not allowed") {
			t.Errorf("%s: err=%v, want address not allowed", url, err)
		}
	}
	allowed := webhook.NewClient([]netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")})
	rcv := newReceiver(t, 0)
	res, err := allowed.Post(rcv.ts.URL, "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatalf("allowed loopback: %v", err)
	}
	res.Body.Close()
}
