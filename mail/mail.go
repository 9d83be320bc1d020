// Package mail delivers email over SMTP and keeps the dev outbox.
package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"mime"
	"net"
	"net/mail"
	"net/smtp"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/kycd/kycd"
)

// SMTP sends mail through one SMTP server, using STARTTLS when the server
// offers it and authenticating when the URL has credentials.
type SMTP struct {
	addr string
	host string
	auth smtp.Auth
	from string // the From header
	// envelopeFrom is the bare address given in MAIL FROM.
	envelopeFrom string
	tlsConfig    *tls.Config
	timeout      time.Duration
}

// NewSMTP parses smtp://user:pass@host:port. from is the sender address.
func NewSMTP(rawURL, from string) (*SMTP, error) {
	u, err := url.Parse(rawURL)
	if err != nil || u.Scheme != "smtp" || u.Host == "" {
		return nil, errors.New("mail: the SMTP URL must look like smtp://user:pass@host:port")
	}
	host := u.Hostname()
	port := u.Port()
	if port == "" {
		port = "587"
	}
	// from may carry a display name ("kycd <no-reply@…>") for the From
	// header, where a non-ASCII name is RFC 2047-encoded like the subject;
	// the envelope (MAIL FROM) takes the bare address only.
	sender, err := mail.ParseAddress(from)
	if err != nil {
		return nil, fmt.Errorf("mail: sender address %q: %w", from, err)
	}
	s := &SMTP{addr: net.JoinHostPort(host, port), host: host, from: sender.String(), envelopeFrom: sender.Address, timeout: 30 * time.Second,
		tlsConfig: &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}}
	if u.User != nil {
		pass, _ := u.User.Password()
		// net/smtp's PLAIN auth refuses to send credentials unencrypted
		// except to localhost, which is the safe behaviour we want.
		s.auth = smtp.PlainAuth("", u.User.Username(), pass, host)
	}
	return s, nil
}

// WithTLSConfig replaces the TLS settings (tests trust their own CA). The
// server name still comes from the URL unless c sets one: without it
// crypto/tls refuses every handshake.
func (s *SMTP) WithTLSConfig(c *tls.Config) *SMTP {
	c = c.Clone()
	if c.ServerName == "" {
		c.ServerName = s.host
	}
	s.tlsConfig = c
	return s
}

// Send delivers one message.
func (s *SMTP) Send(ctx context.Context, m kycd.Message) error {
	d := net.Dialer{Timeout: s.timeout}
	conn, err := d.DialContext(ctx, "tcp", s.addr)
	if err != nil {
		return fmt.Errorf("mail: connect: %w", err)
	}
	deadline := time.Now().Add(s.timeout)
	if dl, ok := ctx.Deadline(); ok && dl.Before(deadline) {
		deadline = dl
	}
	conn.SetDeadline(deadline)
	c, err := smtp.NewClient(conn, s.host)
	if err != nil {
		conn.Close()
		return fmt.Errorf("mail: greeting: %w", err)
	}
	defer c.Close()
	if ok, _ := c.Extension("STARTTLS"); ok {
		if err := c.StartTLS(s.tlsConfig); err != nil {
			return fmt.Errorf("mail: starttls: %w", err)
		}
	}
	if s.auth != nil {
		// Credentials were configured: sending without them would hide a
		// misconfiguration until the relay starts refusing mail.
		if ok, _ := c.Extension("AUTH"); !ok {
			return fmt.Errorf("mail: credentials are configured but %s does not offer AUTH", s.host)
		}
		if err := c.Auth(s.auth); err != nil {
			return fmt.Errorf("mail: auth: %w", err)
		}
	}
	if err := c.Mail(s.envelopeFrom); err != nil {
		return fmt.Errorf("mail: MAIL FROM: %w", err)
	}
	if err := c.Rcpt(m.To); err != nil {
		return fmt.Errorf("mail: RCPT TO: %w", err)
	}
	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("mail: DATA: %w", err)
	}
	if _, err := w.Write(Format(s.from, m)); err != nil {
		return fmt.Errorf("mail: write: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("mail: end of data: %w", err)
	}
	return c.Quit()
}

// Format renders m as an RFC 5322 message with a UTF-8 body; the subject is
// RFC 2047-encoded so Chinese subjects survive every relay.
func Format(from string, m kycd.Message) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "From: %s\r\nTo: %s\r\nSubject: %s\r\nDate: %s\r\n", from, m.To,
		mime.BEncoding.Encode("utf-8", m.Subject), m.SentAt.Format(time.RFC1123Z))
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
	// net/smtp's DATA writer does the dot-stuffing; lines only need CRLF.
	for _, line := range strings.Split(m.Body, "\n") {
		b.WriteString(strings.TrimRight(line, "\r"))
		b.WriteString("\r\n")
	}
	return []byte(b.String())
}

// Outbox keeps sent messages in memory for development: `kycd serve --dev`
// shows them at GET /dev/outbox so one-time codes can be read without a
// mail server or SMS gateway. It is never used outside dev mode unless no
// sender is configured, and it never logs.
type Outbox struct {
	mu   sync.Mutex
	msgs []kycd.Message
	max  int
}

// NewOutbox keeps up to max messages (oldest dropped first).
func NewOutbox(max int) *Outbox { return &Outbox{max: max} }

// Send stores m.
func (o *Outbox) Send(_ context.Context, m kycd.Message) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.msgs = append(o.msgs, m)
	if len(o.msgs) > o.max {
		o.msgs = o.msgs[len(o.msgs)-o.max:]
	}
	return nil
}

// Messages returns a copy of the stored messages, oldest first.
func (o *Outbox) Messages() []kycd.Message {
	o.mu.Lock()
	defer o.mu.Unlock()
	return append([]kycd.Message{}, o.msgs...)
}
