package kycd

import (
	"context"
	"encoding/json"
	"net/url"
	"slices"
	"strings"
	"time"
)

// Webhook event types.
var WebhookEvents = []string{"application.submitted", "application.action_required", "application.approved",
	"application.rejected", "account.level_changed"}

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
	eps, err := tx.FindWebhookEndpoints(ctx)
	if err != nil || len(eps) == 0 {
		return err
	}
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
	u, err := url.Parse(rawURL)
	if err != nil || u.Host == "" || (u.Scheme != "https" && !(u.Scheme == "http" && isLoopback(u.Hostname()))) {
		return nil, ErrorWith("webhook.invalid", "detail", "the URL must be https:// (http:// only for localhost)")
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

func isLoopback(host string) bool {
	return host == "localhost" || host == "::1" || strings.HasPrefix(host, "127.")
}

// Webhooks lists the endpoints (secrets not included).
func (s *Service) Webhooks(ctx context.Context) ([]*WebhookEndpoint, error) {
	return s.Store.FindWebhookEndpoints(ctx)
}

// WebhookDeliveries is the delivery log, newest first.
func (s *Service) WebhookDeliveries(ctx context.Context, limit int) ([]*Delivery, error) {
	return s.Store.FindDeliveries(ctx, limit)
}
