// Package webhook delivers the events kycd queues (transactional outbox)
// to operators' endpoints: signed JSON POSTs, retried with exponential
// backoff, at least once. Any number of kycd instances may run a worker;
// leases in the database keep two from sending the same delivery at once.
package webhook

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/kycd/kycd"
)

// Headers of a delivery.
const (
	SignatureHeader = "Kycd-Signature" // t=UNIX,v1=HEX(HMAC-SHA256(secret, "UNIX.BODY"))
	EventIDHeader   = "Kycd-Event-Id"
	EventTypeHeader = "Kycd-Event-Type"
)

// Sign returns the signature header value for body at t.
func Sign(secret string, t time.Time, body []byte) string {
	ts := strconv.FormatInt(t.Unix(), 10)
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(ts))
	m.Write([]byte("."))
	m.Write(body)
	return "t=" + ts + ",v1=" + hex.EncodeToString(m.Sum(nil))
}

// Verify checks a signature header against body, refusing timestamps more
// than tolerance away from now (replays). Receivers can use it as is.
func Verify(secret, header string, body []byte, now time.Time, tolerance time.Duration) bool {
	var ts int64
	var sig string
	for _, part := range bytes.Split([]byte(header), []byte(",")) {
		k, v, ok := bytes.Cut(part, []byte("="))
		if !ok {
			continue
		}
		switch string(k) {
		case "t":
			ts, _ = strconv.ParseInt(string(v), 10, 64)
		case "v1":
			sig = string(v)
		}
	}
	t := time.Unix(ts, 0)
	if ts == 0 || now.Sub(t) > tolerance || t.Sub(now) > tolerance {
		return false
	}
	return hmac.Equal([]byte(Sign(secret, t, body)), []byte("t="+strconv.FormatInt(ts, 10)+",v1="+sig))
}

// Worker sends due deliveries.
type Worker struct {
	Store   kycd.Store
	Client  *http.Client
	Now     func() time.Time
	Log     *slog.Logger
	Tick    time.Duration // how often to look for due deliveries
	Lease   time.Duration // how long one attempt may hold a delivery
	MaxTry  int           // attempts before a delivery is dead
	Backoff func(attempt int) time.Duration
	wake    chan struct{}
}

// NewWorker returns a worker with sane defaults: 1 s tick, 10 s timeout,
// 12 attempts over about 11 hours.
func NewWorker(st kycd.Store, log *slog.Logger) *Worker {
	return &Worker{Store: st, Client: &http.Client{Timeout: 10 * time.Second}, Now: time.Now, Log: log,
		Tick: time.Second, Lease: 30 * time.Second, MaxTry: 12, Backoff: DefaultBackoff, wake: make(chan struct{}, 1)}
}

// DefaultBackoff waits 10 s, 20 s, 40 s, … capped at 3 hours.
func DefaultBackoff(attempt int) time.Duration {
	d := 10 * time.Second << min(attempt-1, 10)
	return min(d, 3*time.Hour)
}

// Wake asks the worker to look now instead of at its next tick.
func (w *Worker) Wake() {
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// Run delivers until ctx ends.
func (w *Worker) Run(ctx context.Context) {
	t := time.NewTicker(w.Tick)
	defer t.Stop()
	for {
		w.RunOnce(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-w.wake:
		}
	}
}

// RunOnce sends every delivery due now and returns how many it tried.
func (w *Worker) RunOnce(ctx context.Context) int {
	now := w.Now()
	ds, err := w.Store.LeaseDeliveries(ctx, now, now.Add(w.Lease), 20)
	if err != nil {
		if ctx.Err() == nil {
			w.Log.Error("webhook: lease", "err", err)
		}
		return 0
	}
	if len(ds) == 0 {
		return 0
	}
	eps, err := w.Store.FindWebhookEndpoints(ctx)
	if err != nil {
		w.Log.Error("webhook: endpoints", "err", err)
		return 0
	}
	byID := map[string]*kycd.WebhookEndpoint{}
	for _, e := range eps {
		byID[e.ID] = e
	}
	for _, d := range ds {
		w.deliver(ctx, d, byID[d.EndpointID])
	}
	return len(ds)
}

func (w *Worker) deliver(ctx context.Context, d *kycd.Delivery, ep *kycd.WebhookEndpoint) {
	d.Attempts++
	status, err := 0, error(nil)
	if ep == nil || ep.DisabledAt != nil {
		err = fmt.Errorf("endpoint removed or disabled")
		d.Attempts = w.MaxTry
	} else {
		status, err = w.post(ctx, ep, d)
	}
	now := w.Now()
	d.LastStatus, d.LeaseUntil = status, nil
	switch {
	case err == nil:
		d.State, d.DeliveredAt, d.LastError = kycd.DeliveryDelivered, &now, ""
	case d.Attempts >= w.MaxTry:
		d.State, d.LastError = kycd.DeliveryDead, err.Error()
	default:
		d.NextAt, d.LastError = now.Add(w.Backoff(d.Attempts)), err.Error()
	}
	if uerr := w.Store.UpdateDelivery(context.WithoutCancel(ctx), d); uerr != nil {
		w.Log.Error("webhook: record delivery", "delivery", d.ID, "err", uerr)
	}
	if err != nil {
		w.Log.Warn("webhook: delivery failed", "delivery", d.ID, "event", d.EventType, "attempt", d.Attempts, "status", status, "err", err)
	}
}

func (w *Worker) post(ctx context.Context, ep *kycd.WebhookEndpoint, d *kycd.Delivery) (int, error) {
	body := []byte(d.Payload)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, ep.URL, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "kycd-webhook/1")
	req.Header.Set(EventIDHeader, d.EventID)
	req.Header.Set(EventTypeHeader, d.EventType)
	req.Header.Set(SignatureHeader, Sign(ep.Secret, w.Now(), body))
	resp, err := w.Client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode/100 != 2 {
		return resp.StatusCode, fmt.Errorf("endpoint answered %s", resp.Status)
	}
	return resp.StatusCode, nil
}
