package webhook_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/sqlstore"
	"github.com/kycd/kycd/storetest"
	"github.com/kycd/kycd/webhook"
)

// receiver answers 500 to its first fail calls, then 200, and keeps what
// it was sent.
type receiver struct {
	ts    *httptest.Server
	fail  atomic.Int64
	mu    sync.Mutex
	sigs  []string
	bodys [][]byte
}

func newReceiver(t *testing.T, fail int) *receiver {
	r := &receiver{}
	r.fail.Store(int64(fail))
	r.ts = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		if r.fail.Add(-1) >= 0 {
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		r.mu.Lock()
		r.sigs, r.bodys = append(r.sigs, req.Header.Get(webhook.SignatureHeader)), append(r.bodys, body)
		r.mu.Unlock()
	}))
	t.Cleanup(r.ts.Close)
	return r
}

func (r *receiver) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.bodys)
}

// setup stores an endpoint for url and n pending deliveries to it.
func setup(t *testing.T, st *sqlstore.DB, url string, now time.Time, n int) *kycd.WebhookEndpoint {
	t.Helper()
	ctx := context.Background()
	ep := &kycd.WebhookEndpoint{ID: kycd.NewID(), URL: url, Secret: "whsec_test", Events: kycd.WebhookEvents, CreatedAt: now}
	if err := st.CreateWebhookEndpoint(ctx, ep); err != nil {
		t.Fatal(err)
	}
	for range n {
		d := &kycd.Delivery{ID: kycd.NewID(), EndpointID: ep.ID, EventID: kycd.NewID(), EventType: "application.approved",
			Payload: `{"type":"application.approved"}`, State: kycd.DeliveryPending, NextAt: now, CreatedAt: now}
		if err := st.CreateDelivery(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	return ep
}

// loopback is the allow-list the tests need: their receivers are
// httptest servers on 127.0.0.1, which kycd otherwise refuses to call.
var loopback = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}

func newWorker(st kycd.Store, now *time.Time) *webhook.Worker {
	w := webhook.NewWorker(st, slog.New(slog.DiscardHandler), loopback)
	w.Now = func() time.Time { return *now }
	return w
}

// TestRetryBackoff: a failing endpoint is retried after 10 s, then 20 s,
// and not before; the delivery log records each attempt.
func TestRetryBackoff(t *testing.T) {
	storetest.Each(t, func(t *testing.T, open func(testing.TB) *sqlstore.DB) {
		st := open(t)
		ctx := context.Background()
		now := time.Now().UTC().Truncate(time.Second)
		rcv := newReceiver(t, 2)
		setup(t, st, rcv.ts.URL, now, 1)
		w := newWorker(st, &now)

		for i, step := range []struct {
			advance  time.Duration
			tried    int
			state    string
			attempts int
		}{
			{0, 1, kycd.DeliveryPending, 1},
			{9 * time.Second, 0, kycd.DeliveryPending, 1}, // backoff 10 s not over
			{time.Second, 1, kycd.DeliveryPending, 2},
			{19 * time.Second, 0, kycd.DeliveryPending, 2}, // backoff 20 s not over
			{time.Second, 1, kycd.DeliveryDelivered, 3},
			{time.Hour, 0, kycd.DeliveryDelivered, 3},
		} {
			now = now.Add(step.advance)
			if got := w.RunOnce(ctx); got != step.tried {
				t.Errorf("step %d: RunOnce tried %d, want %d", i, got, step.tried)
			}
			ds, err := st.FindDeliveries(ctx, 10)
			if err != nil {
				t.Fatal(err)
			}
			if d := ds[0]; d.State != step.state || d.Attempts != step.attempts {
				t.Errorf("step %d: state=%q attempts=%d, want %q %d", i, d.State, d.Attempts, step.state, step.attempts)
			}
		}
		if rcv.count() != 1 {
			t.Fatalf("receiver kept %d deliveries, want 1", rcv.count())
		}
		// Signed when sent, an hour before the last step.
		if !webhook.Verify("whsec_test", rcv.sigs[0], rcv.bodys[0], now.Add(-time.Hour), 5*time.Minute) {
			t.Errorf("signature %q does not verify", rcv.sigs[0])
		}
	})
}

// TestDeadAfterMaxTries: a delivery that keeps failing is given up.
func TestDeadAfterMaxTries(t *testing.T) {
	st := storetest.OpenSQLite(t, storetest.Keyring(t))
	ctx := context.Background()
	now := time.Now().UTC()
	rcv := newReceiver(t, 1000)
	setup(t, st, rcv.ts.URL, now, 1)
	w := newWorker(st, &now)
	w.MaxTry = 3
	for range 3 {
		w.RunOnce(ctx)
		now = now.Add(time.Hour)
	}
	ds, _ := st.FindDeliveries(ctx, 10)
	if d := ds[0]; d.State != kycd.DeliveryDead || d.Attempts != 3 || d.LastStatus != http.StatusInternalServerError || d.LastError == "" {
		t.Errorf("after 3 failures: %+v, want dead after 3 attempts with status 500 and an error", d)
	}
	if n := w.RunOnce(ctx); n != 0 {
		t.Errorf("a dead delivery was tried again (%d)", n)
	}
}

// TestWorkersShareNothing: two instances' workers running at once send
// each delivery exactly once (the lease).
func TestWorkersShareNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, open func(testing.TB) *sqlstore.DB) {
		st := open(t)
		ctx := context.Background()
		now := time.Now().UTC()
		rcv := newReceiver(t, 0)
		setup(t, st, rcv.ts.URL, now, 30)
		var wg sync.WaitGroup
		for range 4 {
			w := newWorker(st, &now)
			wg.Add(1)
			go func() {
				defer wg.Done()
				for w.RunOnce(ctx) > 0 {
				}
			}()
		}
		wg.Wait()
		if rcv.count() != 30 {
			t.Errorf("receiver got %d calls for 30 deliveries, want 30", rcv.count())
		}
	})
}

// TestVerify: Verify accepts its own signature and refuses an altered
// body, a wrong secret and a replay outside the tolerance.
func TestVerify(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	body := []byte(`{"id":"e1","type":"application.approved"}`)
	sig := webhook.Sign("whsec_a", now, body)
	for _, c := range []struct {
		name   string
		secret string
		body   []byte
		at     time.Time
		want   bool
	}{
		{"as signed", "whsec_a", body, now, true},
		{"a minute later", "whsec_a", body, now.Add(time.Minute), true},
		{"altered body", "whsec_a", append([]byte(" "), body...), now, false},
		{"wrong secret", "whsec_b", body, now, false},
		{"replayed an hour later", "whsec_a", body, now.Add(time.Hour), false},
		{"from the future", "whsec_a", body, now.Add(-time.Hour), false},
	} {
		if got := webhook.Verify(c.secret, sig, c.body, c.at, 5*time.Minute); got != c.want {
			t.Errorf("%s: Verify=%v, want %v", c.name, got, c.want)
		}
	}
	for _, h := range []string{"", "t=,v1=", "v1=" + sig[len("t=1800000000,v1="):], "t=1800000000"} {
		if webhook.Verify("whsec_a", h, body, now, 5*time.Minute) {
			t.Errorf("Verify accepted the header %q", h)
		}
	}
}
