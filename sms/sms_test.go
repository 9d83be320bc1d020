package sms_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/sms"
)

// gateway records what the SMS gateway received and answers status.
type gateway struct {
	status int
	method string
	auth   string
	ctype  string
	body   map[string]string
	raw    string
}

func (g *gateway) serve(t *testing.T) *httptest.Server {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, _ := io.ReadAll(r.Body)
		g.method, g.auth, g.ctype, g.raw = r.Method, r.Header.Get("Authorization"), r.Header.Get("Content-Type"), string(raw)
		g.body = nil
		if err := json.Unmarshal(raw, &g.body); err != nil {
			t.Errorf("gateway got a body that is not a JSON object of strings: %q", raw)
		}
		w.WriteHeader(g.status)
		io.WriteString(w, `{"id":"msg-1"}`)
	}))
	t.Cleanup(ts.Close)
	return ts
}

var msg = kycd.Message{Channel: "sms", To: "+8613912345678", Body: "您的验证码为 123456，10 分钟内有效，请勿泄露给他人。", SentAt: time.Now()}

func TestWebhookDelivers(t *testing.T) {
	for _, status := range []int{http.StatusOK, http.StatusAccepted, http.StatusNoContent} {
		g := &gateway{status: status}
		ts := g.serve(t)
		if err := sms.NewWebhook(ts.URL+"/send", "gw-token").Send(context.Background(), msg); err != nil {
			t.Fatalf("gateway answering %d: Send: %v", status, err)
		}
		if g.method != http.MethodPost || g.auth != "Bearer gw-token" || !strings.HasPrefix(g.ctype, "application/json") {
			t.Errorf("gateway saw %s with Authorization=%q Content-Type=%q, want POST, Bearer gw-token, application/json", g.method, g.auth, g.ctype)
		}
		if diff := cmp.Diff(map[string]string{"to": msg.To, "body": msg.Body}, g.body); diff != "" {
			t.Errorf("gateway body (-want +got):\n%s", diff)
		}
	}
}

func TestWebhookWithoutToken(t *testing.T) {
	g := &gateway{status: http.StatusOK}
	ts := g.serve(t)
	if err := sms.NewWebhook(ts.URL, "").Send(context.Background(), msg); err != nil {
		t.Fatal(err)
	}
	if g.auth != "" {
		t.Errorf("Authorization=%q without a token, want none", g.auth)
	}
}

func TestWebhookRefusals(t *testing.T) {
	for _, status := range []int{http.StatusMovedPermanently, http.StatusBadRequest, http.StatusUnauthorized, http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusBadGateway} {
		g := &gateway{status: status}
		ts := g.serve(t)
		err := sms.NewWebhook(ts.URL, "gw-token").Send(context.Background(), msg)
		if err == nil || !strings.Contains(err.Error(), http.StatusText(status)) {
			t.Errorf("gateway answering %d: err=%v, want an error naming the status", status, err)
		}
		// The error is logged by the service: it must not carry the code.
		if err != nil && strings.Contains(err.Error(), "123456") {
			t.Errorf("the error reveals the message: %v", err)
		}
	}
}

func TestWebhookUnreachable(t *testing.T) {
	ts := httptest.NewServer(http.NotFoundHandler())
	url := ts.URL
	ts.Close()
	if err := sms.NewWebhook(url, "").Send(context.Background(), msg); err == nil {
		t.Error("Send to a closed port succeeded")
	}
}

func TestWebhookHonoursContext(t *testing.T) {
	release := make(chan struct{})
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer ts.Close()
	defer close(release)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	if err := sms.NewWebhook(ts.URL, "").Send(ctx, msg); err == nil {
		t.Error("Send to a gateway that never answers succeeded")
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("Send ignored the context: returned after %v", d)
	}
}
