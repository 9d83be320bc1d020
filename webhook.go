package kycd

import (
	"context"
	"encoding/json"
	"fmt"
	"net/netip"
	"net/url"
	"slices"
	"strings"
	"time"
)

// Webhook event types.
var WebhookEvents = []string{"application.submitted", "application.action_required", "application.approved",
	"application.rejected", "account.level_changed", "account.closed"}

// WebhookEndpoint is an operator's URL that receives signed events.
type WebhookEndpoint struct {
	ID         string     `json:"id"`
	URL        string     `json:"url"`
	Secret     string     `json:"-"` // sealed at rest; shown once at creation
	Events     []string   `json:"events"`
	CreatedAt  time.Time  `json:"created_at"`
	DisabledAt *time.Time `json:"disabled_at,omitempty"`
}

// Delivery states.
const (
	DeliveryPending   = "pending"
	DeliveryDelivered = "delivered"
	DeliveryDead      = "dead" // gave up after the last retry
)

// Delivery is one event on its way to one endpoint, and its log.
type Delivery struct {
	ID          string     `json:"id"`
	EndpointID  string     `json:"endpoint_id"`
	EventID     string     `json:"event_id"`
	EventType   string     `json:"event_type"`
	Payload     string     `json:"-"`
	Attempts    int        `json:"attempts"`
	State       string     `json:"state"`
	NextAt      time.Time  `json:"next_at"`
	LeaseUntil  *time.Time `json:"-"`
	LastStatus  int        `json:"last_status"`
	LastError   string     `json:"last_error,omitempty"`
	CreatedAt   time.Time  `json:"created_at"`
	DeliveredAt *time.Time `json:"delivered_at,omitempty"`
}

// WebhookTx is the part of Tx that keeps webhooks.
type WebhookTx interface {
	CreateWebhookEndpoint(ctx context.Context, e *WebhookEndpoint) error
	// DisableWebhookEndpoint marks the endpoint disabled (kept, with its
	// delivery log); disabling twice keeps the first time.
	DisableWebhookEndpoint(ctx context.Context, id string, at time.Time) error
	// SetWebhookSecret replaces the signing secret of an endpoint that is
	// not disabled; ENOTFOUND otherwise.
	SetWebhookSecret(ctx context.Context, id, secret string) error
	FindWebhookEndpoints(ctx context.Context) ([]*WebhookEndpoint, error)
	CreateDelivery(ctx context.Context, d *Delivery) error
	// LeaseDeliveries takes up to limit pending deliveries due at now whose
	// lease is free, leasing them until the given time; an instance that
	// dies mid-send loses its lease and another instance retries.
	LeaseDeliveries(ctx context.Context, now, until time.Time, limit int) ([]*Delivery, error)
	UpdateDelivery(ctx context.Context, d *Delivery) error
	FindDeliveries(ctx context.Context, limit int) ([]*Delivery, error)
}

// Event is the JSON body of a webhook call. ID lets receivers drop
// duplicates: delivery is at least once.
type Event struct {
	ID        string         `json:"id"`
	Type      string         `json:"type"`
	CreatedAt time.Time      `json:"created_at"`
	Data      map[string]any `json:"data"`
}

// emit queues an event for every endpoint that wants it, inside tx, so the
// event exists if and only if the state change that raised it committed.
// Data holds ids, levels and codes, never personal data.
func (s *Service) emit(ctx context.Context, tx Tx, typ string, app *Application, extra map[string]any) error {
	data := map[string]any{"application_id": app.ID, "account_id": app.AccountID, "level": app.Level,
		"state": string(app.State), "attempt": app.Attempt}
	if len(app.Reasons) > 0 {
		codes := []string{}
		for _, r := range app.Reasons {
			codes = append(codes, r.Code)
		}
		data["reasons"] = codes
		data["redo"] = app.Redo
	}
	for k, v := range extra {
		data[k] = v
	}
	return s.emitEvent(ctx, tx, typ, data)
}

// emitEvent queues an event with data for every endpoint that wants it,
// inside tx.
func (s *Service) emitEvent(ctx context.Context, tx Tx, typ string, data map[string]any) error {
	eps, err := tx.FindWebhookEndpoints(ctx)
	if err != nil || len(eps) == 0 {
		return err
	}
	now := s.Now()
	ev := Event{ID: NewID(), Type: typ, CreatedAt: now, Data: data}
	body, err := json.Marshal(ev)
	if err != nil {
		return err
	}
	for _, ep := range eps {
		if ep.DisabledAt != nil || !slices.Contains(ep.Events, typ) {
			continue
		}
		d := &Delivery{ID: NewID(), EndpointID: ep.ID, EventID: ev.ID, EventType: typ, Payload: string(body),
			State: DeliveryPending, NextAt: now, CreatedAt: now}
		if err := tx.CreateDelivery(ctx, d); err != nil {
			return err
		}
	}
	return nil
}

// CreateWebhook registers an endpoint and returns its signing secret,
// shown once.
func (s *Service) CreateWebhook(ctx context.Context, by Principal, rawURL string, events []string) (*WebhookEndpoint, error) {
	if err := checkText("url", rawURL); err != nil {
		return nil, err
	}
	u, err := url.Parse(rawURL)
	if err != nil || u.Host == "" || u.User != nil || (u.Scheme != "https" && !(u.Scheme == "http" && isLoopback(u.Hostname()))) {
		return nil, ErrorWith("webhook.invalid", "detail", "the URL must be https:// (http:// only for localhost)")
	}
	// Names are checked again on every call, after resolution (the
	// worker's dialer); an address literal can be refused now.
	if ip, err := netip.ParseAddr(strings.Trim(u.Hostname(), "[]")); err == nil && !WebhookAddressAllowed(ip, s.Settings.WebhookAllow) {
		return nil, ErrorWith("webhook.invalid", "detail", "the address is in a private, loopback, link-local or metadata range that --webhook-allow does not name")
	}
	if len(events) == 0 {
		events = WebhookEvents
	}
	for _, e := range events {
		if !slices.Contains(WebhookEvents, e) {
			return nil, ErrorWith("webhook.invalid", "detail", "unknown event "+e)
		}
	}
	ep := &WebhookEndpoint{ID: NewID(), URL: rawURL, Secret: "whsec_" + newSecret(), Events: events, CreatedAt: s.Now()}
	err = s.Store.WithTx(ctx, func(tx Tx) error {
		if err := tx.CreateWebhookEndpoint(ctx, ep); err != nil {
			return err
		}
		return s.audit(ctx, tx, by.Actor(), "webhook.created", ep.ID, map[string]any{"events": events})
	})
	if err != nil {
		return nil, err
	}
	return ep, nil
}

// isLoopback says whether plain http:// may be used: only for the name
// localhost or a loopback address literal. A name that merely starts with
// "127." is any host on the internet.
func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.Unmap().IsLoopback()
}

// blockedNets are ranges kycd never calls unless the operator's allow-list
// names them, beyond what netip classifies (loopback, private incl. ULA,
// link-local, multicast, unspecified): the places a webhook URL could
// reach the operator's own network or a cloud metadata service.
var blockedNets = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),      // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),  // carrier-grade NAT (and Alibaba's metadata, 100.100.100.200)
	netip.MustParsePrefix("192.0.0.0/24"),   // IETF protocol assignments
	netip.MustParsePrefix("198.18.0.0/15"),  // benchmarking
	netip.MustParsePrefix("240.0.0.0/4"),    // reserved, broadcast
	netip.MustParsePrefix("64:ff9b::/96"),   // NAT64: embeds any IPv4 address
	netip.MustParsePrefix("64:ff9b:1::/48"), // local-use NAT64
	netip.MustParsePrefix("2002::/16"),      // 6to4: embeds any IPv4 address
	netip.MustParsePrefix("fec0::/10"),      // deprecated site-local
	netip.MustParsePrefix("100::/64"),       // discard-only
	netip.MustParsePrefix("2001:db8::/32"),  // documentation
	netip.MustParsePrefix("169.254.0.0/16"), // link-local, cloud metadata (169.254.169.254)
	netip.MustParsePrefix("fd00:ec2::/32"),  // AWS metadata over IPv6 (inside ULA too)
	netip.MustParsePrefix("192.88.99.0/24"), // 6to4 relay anycast
	netip.MustParsePrefix("255.255.255.255/32"),
}

// WebhookAddressAllowed reports whether kycd may connect to addr for a
// webhook: public unicast addresses always, the loopback, private (RFC
// 1918, ULA), link-local, CGNAT, metadata and other special ranges only
// when an allow-list prefix contains addr. The worker applies it to every
// address it dials, after name resolution, so a name that resolves (or
// re-resolves) to an internal address is refused too.
func WebhookAddressAllowed(addr netip.Addr, allow []netip.Prefix) bool {
	addr = addr.Unmap().WithZone("")
	for _, p := range allow {
		if p.Contains(addr) {
			return true
		}
	}
	if !addr.IsValid() || addr.IsLoopback() || addr.IsPrivate() || addr.IsLinkLocalUnicast() || addr.IsLinkLocalMulticast() ||
		addr.IsInterfaceLocalMulticast() || addr.IsMulticast() || addr.IsUnspecified() {
		return false
	}
	for _, p := range blockedNets {
		if p.Contains(addr) {
			return false
		}
	}
	return true
}

// ParseNetworks reads a comma-separated list of CIDR prefixes or single
// addresses ("10.1.2.0/24,fd00::7").
func ParseNetworks(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if p, err := netip.ParsePrefix(part); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(part)
		if err != nil {
			return nil, fmt.Errorf("%q is neither an address nor a CIDR prefix", part)
		}
		out = append(out, netip.PrefixFrom(a, a.BitLen()))
	}
	return out, nil
}

// Webhooks lists the endpoints (secrets not included).
func (s *Service) Webhooks(ctx context.Context) ([]*WebhookEndpoint, error) {
	return s.Store.FindWebhookEndpoints(ctx)
}

// WebhookDeliveries is the delivery log, newest first.
func (s *Service) WebhookDeliveries(ctx context.Context, limit int) ([]*Delivery, error) {
	return s.Store.FindDeliveries(ctx, limit)
}
