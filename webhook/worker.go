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
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"syscall"
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
// 12 attempts over about 11 hours. allow names the internal networks its
// client may reach anyway (see NewClient).
func NewWorker(st kycd.Store, log *slog.Logger, allow []netip.Prefix) *Worker {
	return &Worker{Store: st, Client: NewClient(allow), Now: time.Now, Log: log,
		Tick: time.Second, Lease: 30 * time.Second, MaxTry: 12, Backoff: DefaultBackoff, wake: make(chan struct{}, 1)}
}

// errBlocked is what the dialer answers for an address kycd must not call.
var errBlocked = errors.New("webhook: address not allowed")

// NewClient returns the HTTP client deliveries go through. Its dialer
// checks every address it actually connects to — after name resolution,
// for each address tried, on redirects and reconnects alike — against
// kycd.WebhookAddressAllowed, so neither a name resolving to an internal
// address nor DNS rebinding reaches the operator's network. It ignores
// proxy settings from the environment (the proxy's address is not the
// endpoint's) and follows no redirects: a 3xx is a failed delivery.
func NewClient(allow []netip.Prefix) *http.Client {
	d := &net.Dialer{Timeout: 5 * time.Second, Control: func(network, address string, _ syscall.RawConn) error {
		ap, err := netip.ParseAddrPort(address)
		if err != nil || !kycd.WebhookAddressAllowed(ap.Addr(), allow) {
			return errBlocked
		}
		return nil
	}}
	tr := &http.Transport{Proxy: nil, DialContext: d.DialContext, TLSHandshakeTimeout: 5 * time.Second,
		MaxIdleConnsPerHost: 2, IdleConnTimeout: 30 * time.Second, ForceAttemptHTTP2: true}
	return &http.Client{Transport: tr, Timeout: 10 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// statusError is a delivery error worded for the log as it is.
type statusError string

func (e statusError) Error() string { return string(e) }

var errGone = statusError("endpoint removed or disabled")

// coarse turns a delivery error into what the delivery log keeps. The
// operator needs to know what to fix, not how a far host's network
// behaves: telling "connection refused" from "EOF" or a reset would make
// the log a port scanner's read-out.
func coarse(err error) string {
	var tlsErr *tls.CertificateVerificationError
	var recErr tls.RecordHeaderError
	var netErr net.Error
	var se statusError
	switch {
	case errors.As(err, &se):
		return string(se)
	case errors.Is(err, errBlocked):
		return "address not allowed: private, loopback, link-local or metadata range (see --webhook-allow)"
	case errors.As(err, &tlsErr) || errors.As(err, &recErr):
		return "TLS handshake failed"
	case errors.As(err, &netErr) && netErr.Timeout():
		return "no answer in time"
	default:
		return "could not deliver: no usable answer from the endpoint"
	}
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
		err = errGone
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
		d.State, d.LastError = kycd.DeliveryDead, coarse(err)
	default:
		d.NextAt, d.LastError = now.Add(w.Backoff(d.Attempts)), coarse(err)
	}
	if uerr := w.Store.UpdateDelivery(context.WithoutCancel(ctx), d); uerr != nil {
		w.Log.Error("webhook: record delivery", "delivery", d.ID, "err", uerr)
	}
	if err != nil {
		w.Log.Warn("webhook: delivery failed", "delivery", d.ID, "event", d.EventType, "attempt", d.Attempts, "status", status, "err", d.LastError)
		w.Log.Debug("webhook: delivery error detail", "delivery", d.ID, "detail", err.Error())
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
	if resp.StatusCode/100 == 3 {
		return resp.StatusCode, statusError(fmt.Sprintf("endpoint answered HTTP %d, a redirect (not followed)", resp.StatusCode))
	}
	if resp.StatusCode/100 != 2 {
		return resp.StatusCode, statusError(fmt.Sprintf("endpoint answered HTTP %d", resp.StatusCode))
	}
	return resp.StatusCode, nil
}
