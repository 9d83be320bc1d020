package kycd_test

import (
	"context"
	"errors"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/sqlstore"
	"github.com/kycd/kycd/storetest"
)

// blockingSender holds every message until released, like a slow mail
// server; it records what it was given.
type blockingSender struct {
	release chan struct{}
	mu      sync.Mutex
	got     []kycd.Message
}

func (b *blockingSender) Send(ctx context.Context, m kycd.Message) error {
	<-b.release
	b.mu.Lock()
	b.got = append(b.got, m)
	b.mu.Unlock()
	return nil
}

func (b *blockingSender) count() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.got)
}

func resetService(t *testing.T, st *sqlstore.DB, mail kycd.Sender) *kycd.Service {
	set := kycd.DefaultSettings()
	set.Argon2 = kycd.Argon2Params{MemoryKiB: 64, Time: 1, Threads: 1}
	return storetest.Service(t, st, storetest.Keyring(t), kycd.Options{Mail: mail, SMS: discard{}, Settings: &set})
}

type discard struct{}

func (discard) Send(context.Context, kycd.Message) error { return nil }

// TestResetDoesNotRevealAccounts: a reset request returns while the mail
// server is still busy (the email leaves through the send queue), and a
// reset confirmation with a code that does not work answers with the same
// status, code and parameters for a registered address with a pending
// code, a registered address without one, and an unknown address — on
// both databases.
func TestResetDoesNotRevealAccounts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, open func(testing.TB) *sqlstore.DB) {
		ctx := context.Background()
		mail := &blockingSender{release: make(chan struct{})}
		svc := resetService(t, open(t), mail)
		reg := func(email, phone string) {
			t.Helper()
			if _, _, err := svc.Register(ctx, kycd.RegisterInput{Email: email, Phone: phone, Password: "correct horse battery", ClientIP: "192.0.2.1"}); err != nil {
				t.Fatal(err)
			}
		}
		// Registration sends its codes in the request; let them through.
		go func() {
			for i := 0; i < 2; i++ {
				mail.release <- struct{}{}
			}
		}()
		reg("known@example.com", "+8613900000101")
		reg("quiet@example.com", "+8613900000102")
		for mail.count() < 2 {
			time.Sleep(time.Millisecond)
		}

		done := make(chan error, 1)
		go func() { done <- svc.RequestPasswordReset(ctx, "known@example.com", "192.0.2.1") }()
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
		case <-time.After(5 * time.Second):
			close(mail.release)
			t.Fatal("the reset request waited for the mail server")
		}
		if mail.count() != 2 {
			t.Fatal("the reset email was sent before the mail server answered")
		}
		close(mail.release) // the queued email now goes out
		for deadline := time.Now().Add(5 * time.Second); mail.count() < 3 && time.Now().Before(deadline); {
			time.Sleep(time.Millisecond)
		}
		if mail.count() != 3 {
			t.Fatalf("the queued reset email was not sent (%d messages)", mail.count())
		}
		if err := svc.RequestPasswordReset(ctx, "nobody@example.com", "192.0.2.1"); err != nil {
			t.Errorf("reset request for an unknown address: %v, want the same nil answer", err)
		}

		answers := map[string]*kycd.Error{}
		for _, email := range []string{"known@example.com", "quiet@example.com", "nobody@example.com"} {
			err := svc.ResetPassword(ctx, email, "000000", "a brand new passphrase", "192.0.2.1")
			e, ok := err.(*kycd.Error)
			if !ok {
				t.Fatalf("%s: %v, want a domain error", email, err)
			}
			answers[email] = e
		}
		want := answers["nobody@example.com"]
		for email, got := range answers {
			if got.Code != want.Code || len(got.Params) != len(want.Params) || got.Code != "reset.code_invalid" {
				t.Errorf("%s: %s %v; unknown address: %s %v — the answers must not differ", email, got.Code, got.Params, want.Code, want.Params)
			}
		}
	})
}

// BenchmarkResetConfirm measures a wrong reset confirmation for a known
// and an unknown address with the default argon2 cost; the two must be
// close (both hash the new password).
func BenchmarkResetConfirm(b *testing.B) {
	st := storetest.OpenSQLite(b, storetest.Keyring(b))
	set := kycd.DefaultSettings()
	set.ResetRate = kycd.RateRule{Max: 1 << 30, Window: time.Hour}
	set.VerifyRate = set.ResetRate
	set.RegisterRate = set.ResetRate
	svc := storetest.Service(b, st, storetest.Keyring(b), kycd.Options{Mail: discard{}, SMS: discard{}, Settings: &set})
	ctx := context.Background()
	if _, _, err := svc.Register(ctx, kycd.RegisterInput{Email: "known@example.com", Phone: "+8613900000103", Password: "correct horse battery", ClientIP: "192.0.2.1"}); err != nil {
		b.Fatal(err)
	}
	for _, email := range []string{"known@example.com", "nobody@example.com"} {
		b.Run(email[:5], func(b *testing.B) {
			for b.Loop() {
				svc.ResetPassword(ctx, email, "000000", "a brand new passphrase", "192.0.2.1")
			}
		})
	}
}

// downSender is a mail server that is down: every send fails, and each
// attempt is signalled.
type downSender struct{ tried chan struct{} }

func (d downSender) Send(context.Context, kycd.Message) error {
	select {
	case d.tried <- struct{}{}:
	default:
	}
	return errors.New("connection refused")
}

// recorder keeps what it was given.
type recorder struct {
	mu  sync.Mutex
	got []kycd.Message
}

func (r *recorder) Send(_ context.Context, m kycd.Message) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.got = append(r.got, m)
	return nil
}

// TestResetMailIsDurable (item 4): the reset email is queued in the
// database with its code, in the request's transaction; when the process
// cannot send it (its mail server down, then the process gone), another
// process sends it later and the code in it works — on both databases.
func TestResetMailIsDurable(t *testing.T) {
	storetest.Each(t, func(t *testing.T, open func(testing.TB) *sqlstore.DB) {
		ctx := context.Background()
		st := open(t)
		down := downSender{tried: make(chan struct{}, 1)}
		keys := storetest.Keyring(t) // both processes hold the same keys
		set := kycd.DefaultSettings()
		set.Argon2 = kycd.Argon2Params{MemoryKiB: 64, Time: 1, Threads: 1}
		first := storetest.Service(t, st, keys, kycd.Options{Mail: down, SMS: discard{}, Settings: &set})
		if _, _, err := first.Register(ctx, kycd.RegisterInput{Email: "durable@example.com", Phone: "+8613900000111", Password: "correct horse battery", ClientIP: "192.0.2.1"}); err != nil {
			t.Fatal(err)
		}
		select { // registration's own email failed: drain the signal
		case <-down.tried:
		default:
		}
		if err := first.RequestPasswordReset(ctx, "durable@example.com", "192.0.2.1"); err != nil {
			t.Fatal(err)
		}
		select {
		case <-down.tried:
		case <-time.After(10 * time.Second):
			t.Fatal("the first process never tried to send the reset email")
		}

		// "Restarted": another process on the same database, later, with
		// a working mail server.
		rec := &recorder{}
		later := func() time.Time { return time.Now().Add(5 * time.Minute) }
		second := storetest.Service(t, st, keys, kycd.Options{Mail: rec, SMS: discard{}, Settings: &set, Now: later})
		sent := 0
		for deadline := time.Now().Add(10 * time.Second); sent == 0 && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			n, err := second.SendQueuedMessages(ctx)
			if err != nil {
				t.Fatal(err)
			}
			sent += n
		}
		if sent != 1 || len(rec.got) != 1 || rec.got[0].To != "durable@example.com" {
			t.Fatalf("the restarted process sent %d messages (%+v), want the one reset email", sent, rec.got)
		}
		code := regexp.MustCompile(`\b[0-9]{6}\b`).FindString(rec.got[0].Body)
		if err := second.ResetPassword(ctx, "durable@example.com", code, "a brand new passphrase", "192.0.2.1"); err != nil {
			t.Errorf("the code from the queued email: %v, want it to work", err)
		}
		if n, err := second.SendQueuedMessages(ctx); err != nil || n != 0 {
			t.Errorf("outbox after sending: %d more sent (%v), want it empty", n, err)
		}
	})
}
