// Package sms sends text messages through an HTTP gateway: a JSON POST to
// the operator's URL, which their SMS provider (or a small adapter in front
// of it) turns into a text message.
package sms

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/kycd/kycd"
)

// Webhook posts {"to", "body"} to URL with an optional bearer token.
type Webhook struct {
	URL    string
	Token  string
	Client *http.Client
}

// NewWebhook returns a gateway client with a bounded timeout, so a slow
// gateway cannot hold registration requests.
func NewWebhook(url, token string) *Webhook {
	return &Webhook{URL: url, Token: token, Client: &http.Client{Timeout: 10 * time.Second}}
}

// Send delivers m; any non-2xx answer is an error.
func (w *Webhook) Send(ctx context.Context, m kycd.Message) error {
	body, _ := json.Marshal(map[string]string{"to": m.To, "body": m.Body})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.URL, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("sms: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	if w.Token != "" {
		req.Header.Set("Authorization", "Bearer "+w.Token)
	}
	resp, err := w.Client.Do(req)
	if err != nil {
		return fmt.Errorf("sms: gateway: %w", err)
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("sms: gateway answered %s", resp.Status)
	}
	return nil
}
