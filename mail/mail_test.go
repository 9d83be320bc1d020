package mail_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"io"
	"math/big"
	"mime"
	"net"
	netmail "net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
	"github.com/google/go-cmp/cmp"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/mail"
)

// selfSigned returns a certificate for 127.0.0.1 and a pool trusting it.
func selfSigned(t *testing.T) (tls.Certificate, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "kycd test SMTP"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
		DNSNames:              []string{"localhost"},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: cert}, pool
}

// delivery is what the test SMTP server saw of one message.
type delivery struct {
	From string
	To   []string
	Data string
	User string
	TLS  bool // the message was sent after STARTTLS
}

// backend is an in-process SMTP server that offers STARTTLS and, only
// after it, AUTH PLAIN with one user.
type backend struct {
	user, pass string
	mu         sync.Mutex
	got        []delivery
	authFails  int
}

func (b *backend) NewSession(c *smtp.Conn) (smtp.Session, error) {
	return &session{b: b, c: c}, nil
}

func (b *backend) deliveries() []delivery {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]delivery{}, b.got...)
}

type session struct {
	b    *backend
	c    *smtp.Conn
	user string
	d    delivery
}

func (s *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (s *session) Auth(mech string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(identity, user, pass string) error {
		if user != s.b.user || pass != s.b.pass {
			s.b.mu.Lock()
			s.b.authFails++
			s.b.mu.Unlock()
			return errors.New("invalid credentials")
		}
		s.user = user
		return nil
	}), nil
}

func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	if s.user == "" {
		return smtp.ErrAuthRequired
	}
	_, tlsOn := s.c.TLSConnectionState()
	s.d = delivery{From: from, User: s.user, TLS: tlsOn}
	return nil
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.d.To = append(s.d.To, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.d.Data = string(b)
	s.b.mu.Lock()
	s.b.got = append(s.b.got, s.d)
	s.b.mu.Unlock()
	return nil
}

func (s *session) Reset()        {}
func (s *session) Logout() error { return nil }

// startSMTP runs the server on a loopback port and returns its address.
func startSMTP(t *testing.T, be *backend, cert tls.Certificate) string {
	t.Helper()
	srv := smtp.NewServer(be)
	srv.Domain = "localhost"
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}}
	// AUTH is offered only once the connection is encrypted, as on real
	// submission servers.
	srv.AllowInsecureAuth = false
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String()
}

func TestSMTPDelivery(t *testing.T) {
	cert, pool := selfSigned(t)
	be := &backend{user: "kycd", pass: "s3cret pass"}
	addr := startSMTP(t, be, cert)

	// The sender has a display name, as the default does: the envelope
	// must carry the bare address.
	snd, err := mail.NewSMTP("smtp://kycd:s3cret%20pass@"+addr, "kycd 验证 <no-reply@kycd.example>")
	if err != nil {
		t.Fatal(err)
	}
	// A test trusts its own CA; ServerName comes from the URL.
	snd.WithTLSConfig(&tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12})

	sent := time.Date(2026, 11, 27, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))
	m := kycd.Message{Channel: "email", To: "li.wei@example.com", Subject: "您的邮箱验证码：123456",
		Body: "您的验证码是 123456，10 分钟内有效。\n.a line that starts with a dot\n如果不是您本人操作，请忽略本邮件。", SentAt: sent}
	if err := snd.Send(context.Background(), m); err != nil {
		t.Fatalf("Send: %v", err)
	}

	got := be.deliveries()
	if len(got) != 1 {
		t.Fatalf("server received %d messages, want 1", len(got))
	}
	d := got[0]
	if !d.TLS {
		t.Error("the message was sent without STARTTLS although the server offered it")
	}
	if d.User != "kycd" {
		t.Errorf("authenticated as %q, want kycd", d.User)
	}
	if diff := cmp.Diff(delivery{From: "no-reply@kycd.example", To: []string{"li.wei@example.com"}}, delivery{From: d.From, To: d.To}); diff != "" {
		t.Errorf("envelope (-want +got):\n%s", diff)
	}

	msg, err := netmail.ReadMessage(strings.NewReader(d.Data))
	if err != nil {
		t.Fatalf("parse the delivered message: %v\n%s", err, d.Data)
	}
	from, err := msg.Header.AddressList("From")
	if err != nil || len(from) != 1 || from[0].Address != "no-reply@kycd.example" || from[0].Name != "kycd 验证" {
		t.Errorf("From = %q (%v), want kycd 验证 <no-reply@kycd.example>", msg.Header.Get("From"), err)
	}
	if to := msg.Header.Get("To"); to != "li.wei@example.com" {
		t.Errorf("To = %q, want li.wei@example.com", to)
	}
	rawSubject := msg.Header.Get("Subject")
	if !strings.HasPrefix(strings.ToLower(rawSubject), "=?utf-8?b?") {
		t.Errorf("Subject = %q, want an RFC 2047 encoded-word", rawSubject)
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(rawSubject)
	if err != nil || subject != m.Subject {
		t.Errorf("decoded Subject = %q (%v), want %q", subject, err, m.Subject)
	}
	header, _, _ := strings.Cut(d.Data, "\r\n\r\n")
	for _, r := range header {
		if r > 127 {
			t.Errorf("the header holds a raw non-ASCII character %q; it must be RFC 2047-encoded:\n%s", r, header)
			break
		}
	}
	for _, line := range strings.Split(d.Data, "\r\n") {
		if len(line) > 998 {
			t.Errorf("a line of %d octets exceeds RFC 5322's limit", len(line))
		}
	}
	if ct := msg.Header.Get("Content-Type"); ct != "text/plain; charset=utf-8" {
		t.Errorf("Content-Type = %q, want text/plain; charset=utf-8", ct)
	}
	if date, err := msg.Header.Date(); err != nil || !date.Equal(sent) {
		t.Errorf("Date = %v (%v), want %v", date, err, sent)
	}
	body, _ := io.ReadAll(msg.Body)
	wantBody := strings.ReplaceAll(m.Body, "\n", "\r\n") + "\r\n"
	if string(body) != wantBody {
		t.Errorf("body = %q, want %q (UTF-8, CRLF, the leading dot kept)", body, wantBody)
	}
}

func TestSMTPWrongPassword(t *testing.T) {
	cert, pool := selfSigned(t)
	be := &backend{user: "kycd", pass: "right"}
	addr := startSMTP(t, be, cert)
	snd, err := mail.NewSMTP("smtp://kycd:wrong@"+addr, "no-reply@kycd.example")
	if err != nil {
		t.Fatal(err)
	}
	snd.WithTLSConfig(&tls.Config{RootCAs: pool})
	err = snd.Send(context.Background(), kycd.Message{To: "li@example.com", Subject: "x", Body: "y", SentAt: time.Now()})
	if err == nil || !strings.Contains(err.Error(), "auth") {
		t.Errorf("Send with a wrong password: err=%v, want an auth error", err)
	}
	be.mu.Lock()
	fails := be.authFails
	be.mu.Unlock()
	if fails != 1 || len(be.deliveries()) != 0 {
		t.Errorf("server saw %d failed logins and %d messages, want 1 and 0", fails, len(be.deliveries()))
	}
}

func TestSMTPUntrustedCertificate(t *testing.T) {
	cert, _ := selfSigned(t)
	be := &backend{user: "kycd", pass: "p"}
	addr := startSMTP(t, be, cert)
	// Without the test CA the server's certificate must be refused, not
	// silently accepted.
	snd, err := mail.NewSMTP("smtp://kycd:p@"+addr, "no-reply@kycd.example")
	if err != nil {
		t.Fatal(err)
	}
	err = snd.Send(context.Background(), kycd.Message{To: "li@example.com", Subject: "x", Body: "y", SentAt: time.Now()})
	if err == nil || !strings.Contains(err.Error(), "starttls") {
		t.Errorf("Send to an untrusted server: err=%v, want a STARTTLS failure", err)
	}
	if len(be.deliveries()) != 0 {
		t.Error("a message was delivered over an untrusted connection")
	}
}

func TestSMTPContextDeadline(t *testing.T) {
	// A server that accepts the connection and never greets.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		c, err := ln.Accept()
		if err == nil {
			defer c.Close()
			time.Sleep(5 * time.Second)
		}
	}()
	snd, err := mail.NewSMTP("smtp://"+ln.Addr().String(), "no-reply@kycd.example")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	if err := snd.Send(ctx, kycd.Message{To: "li@example.com", Body: "y", SentAt: time.Now()}); err == nil {
		t.Error("Send to a silent server succeeded")
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("Send ignored the context deadline: returned after %v", d)
	}
}

func TestNewSMTPRefusesBadURLs(t *testing.T) {
	for _, u := range []string{"", "mail.example.com:587", "http://mail.example.com", "smtp://", "smtp:///nohost"} {
		if _, err := mail.NewSMTP(u, "no-reply@kycd.example"); err == nil {
			t.Errorf("NewSMTP(%q) succeeded, want an error", u)
		}
	}
}

func TestOutbox(t *testing.T) {
	o := mail.NewOutbox(2)
	for _, to := range []string{"a", "b", "c"} {
		if err := o.Send(context.Background(), kycd.Message{To: to}); err != nil {
			t.Fatal(err)
		}
	}
	got := o.Messages()
	if len(got) != 2 || got[0].To != "b" || got[1].To != "c" {
		t.Errorf("outbox = %+v, want the newest two (b, c), oldest first", got)
	}
	got[0].To = "changed"
	if o.Messages()[0].To != "b" {
		t.Error("Messages returned the outbox's own slice")
	}
}
