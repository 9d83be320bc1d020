package storetest

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/sqlstore"
)

// Run is the conformance suite. open returns a fresh, empty store.
func Run(t *testing.T, open func(t testing.TB) *sqlstore.DB) {
	ctx := context.Background()
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	newAccount := func(email, phone, code string) *kycd.Account {
		return &kycd.Account{ID: kycd.NewID(), Email: email, Phone: phone, PasswordHash: "h", Locale: "en",
			Role: kycd.RoleApplicant, InviteCode: code, CreatedAt: now, UpdatedAt: now}
	}

	t.Run("a value that does not open names its table, column and row", func(t *testing.T) {
		st := open(t)
		a := newAccount("bad.seal@example.com", "+8613912345600", "HJKLMNPQ")
		if err := st.CreateAccount(ctx, a); err != nil {
			t.Fatal(err)
		}
		// The phone's ciphertext in the email column: sealed with the
		// right key, bound to another column, so it must not open.
		if _, err := st.SQL().Exec(Rebind(st, "UPDATE accounts SET email_enc = phone_enc WHERE id = ?"), a.ID); err != nil {
			t.Fatal(err)
		}
		_, err := st.FindAccountByID(ctx, a.ID)
		if err == nil || !strings.Contains(err.Error(), "accounts.email") || !strings.Contains(err.Error(), a.ID) {
			t.Errorf("FindAccountByID of a row that does not open: %v, want an error naming accounts.email and %s", err, a.ID)
		}
		if err != nil && (strings.Contains(err.Error(), a.Phone) || strings.Contains(err.Error(), a.Email)) {
			t.Errorf("the error shows personal data: %v", err)
		}
		f := NewFixture(t, st, "s")
		if _, err := st.SQL().Exec(Rebind(st, "UPDATE applications SET payload_enc = ? WHERE id = ?"), []byte("not sealed"), f.App.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := st.FindApplicationByID(ctx, f.App.ID); err == nil || !strings.Contains(err.Error(), "applications.payload of "+f.App.ID) {
			t.Errorf("FindApplicationByID of a payload that does not open: %v, want an error naming applications.payload and the id", err)
		}
	})

	t.Run("accounts", func(t *testing.T) {
		st := open(t)
		a := newAccount("li@example.com", "+8613912345678", "ABCDEFGH")
		if err := st.CreateAccount(ctx, a); err != nil {
			t.Fatal(err)
		}
		for name, find := range map[string]func() (*kycd.Account, error){
			"id":     func() (*kycd.Account, error) { return st.FindAccountByID(ctx, a.ID) },
			"email":  func() (*kycd.Account, error) { return st.FindAccountByEmail(ctx, "li@example.com") },
			"invite": func() (*kycd.Account, error) { return st.FindAccountByInviteCode(ctx, "ABCDEFGH") },
		} {
			got, err := find()
			if err != nil {
				t.Fatalf("find by %s: %v", name, err)
			}
			if diff := cmp.Diff(a, got); diff != "" {
				t.Errorf("find by %s (-want +got):\n%s", name, diff)
			}
		}
		if _, err := st.FindAccountByID(ctx, "nope"); !kycd.IsNotFound(err) {
			t.Errorf("missing account: Code=%q, want %q", kycd.ErrorCode(err), kycd.ENOTFOUND)
		}
		for _, dup := range []*kycd.Account{
			newAccount("li@example.com", "+8613900000000", "BCDEFGHJ"),
			newAccount("other@example.com", "+8613912345678", "CDEFGHJK"),
			newAccount("third@example.com", "+8613911111111", "ABCDEFGH"),
		} {
			if err := st.CreateAccount(ctx, dup); !kycd.IsConflict(err) {
				t.Errorf("duplicate account %s: Code=%q, want %q", dup.InviteCode, kycd.ErrorCode(err), kycd.ECONFLICT)
			}
		}
		lvl, later := 2, now.Add(time.Hour)
		if err := st.UpdateAccount(ctx, a.ID, kycd.AccountUpdate{Level: &lvl, EmailVerifiedAt: &later, UpdatedAt: later}); err != nil {
			t.Fatal(err)
		}
		got, _ := st.FindAccountByID(ctx, a.ID)
		if got.Level != 2 || got.EmailVerifiedAt == nil || !got.EmailVerifiedAt.Equal(later) || got.PhoneVerifiedAt != nil {
			t.Errorf("after update: level %d email %v phone %v", got.Level, got.EmailVerifiedAt, got.PhoneVerifiedAt)
		}
		if err := st.UpdateAccount(ctx, "nope", kycd.AccountUpdate{UpdatedAt: later}); !kycd.IsNotFound(err) {
			t.Errorf("update missing: Code=%q, want %q", kycd.ErrorCode(err), kycd.ENOTFOUND)
		}
		// Personal data must not sit in the database in clear.
		var enc []byte
		if err := st.SQL().QueryRow("SELECT email_enc FROM accounts WHERE invite_code = 'ABCDEFGH'").Scan(&enc); err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(enc, []byte("li@example.com")) {
			t.Error("email stored in clear")
		}
		invited := newAccount("inv@example.com", "+8613922222222", "DEFGHJKL")
		invited.InvitedBy = a.ID
		if err := st.CreateAccount(ctx, invited); err != nil {
			t.Fatal(err)
		}
		if n, err := st.CountInvited(ctx, a.ID); err != nil || n != 1 {
			t.Errorf("CountInvited=%d, %v; want 1", n, err)
		}
		if err := st.PutInvite(ctx, kycd.Invite{Code: "ABCDEFGH", Benefit: "fee_discount_20"}); err != nil {
			t.Fatal(err)
		}
		if err := st.PutInvite(ctx, kycd.Invite{Code: "ABCDEFGH", Benefit: "fee_discount_30"}); err != nil {
			t.Fatal(err)
		}
		if inv, err := st.FindInvite(ctx, "ABCDEFGH"); err != nil || inv.Benefit != "fee_discount_30" {
			t.Errorf("FindInvite=%+v, %v", inv, err)
		}
	})

	t.Run("concurrent registration of one email", func(t *testing.T) {
		st := open(t)
		var wg sync.WaitGroup
		errs := make([]error, 8)
		for i := range errs {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				a := newAccount("race@example.com", "+86139"+string(rune('0'+i))+"0000000", "RACE000"+string(rune('A'+i)))
				errs[i] = st.WithTx(ctx, func(tx kycd.Tx) error { return tx.CreateAccount(ctx, a) })
			}(i)
		}
		wg.Wait()
		wins := 0
		for _, err := range errs {
			switch {
			case err == nil:
				wins++
			case !kycd.IsConflict(err):
				t.Errorf("loser got Code=%q (%v), want %q", kycd.ErrorCode(err), err, kycd.ECONFLICT)
			}
		}
		if wins != 1 {
			t.Errorf("%d registrations won, want exactly 1", wins)
		}
	})

	t.Run("transactions roll back", func(t *testing.T) {
		st := open(t)
		a := newAccount("tx@example.com", "+8613933333333", "TXTXTXTX")
		boom := errors.New("boom")
		err := st.WithTx(ctx, func(tx kycd.Tx) error {
			if err := tx.CreateAccount(ctx, a); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("WithTx=%v, want boom", err)
		}
		if _, err := st.FindAccountByID(ctx, a.ID); !kycd.IsNotFound(err) {
			t.Errorf("rolled-back account exists: %v", err)
		}
	})

	t.Run("otps and sessions", func(t *testing.T) {
		st := open(t)
		a := newAccount("otp@example.com", "+8613944444444", "OTPOTPOT")
		if err := st.CreateAccount(ctx, a); err != nil {
			t.Fatal(err)
		}
		o1 := &kycd.OTP{ID: kycd.NewID(), AccountID: a.ID, Purpose: kycd.PurposeVerifyEmail, CodeHash: []byte{1}, SentAt: now, ExpiresAt: now.Add(time.Minute)}
		o2 := &kycd.OTP{ID: kycd.NewID(), AccountID: a.ID, Purpose: kycd.PurposeVerifyEmail, CodeHash: []byte{2}, SentAt: now, ExpiresAt: now.Add(time.Minute)}
		for _, o := range []*kycd.OTP{o1, o2} {
			if err := st.CreateOTP(ctx, o); err != nil {
				t.Fatal(err)
			}
		}
		got, err := st.FindOTP(ctx, a.ID, kycd.PurposeVerifyEmail)
		if err != nil || got.ID != o2.ID {
			t.Fatalf("FindOTP=%+v, %v; want the newest code", got, err)
		}
		got.Tries, got.UsedAt = 3, &now
		if err := st.UpdateOTP(ctx, got); err != nil {
			t.Fatal(err)
		}
		got, _ = st.FindOTP(ctx, a.ID, kycd.PurposeVerifyEmail)
		if got.Tries != 3 || got.UsedAt == nil {
			t.Errorf("after UpdateOTP: tries %d used %v", got.Tries, got.UsedAt)
		}
		if _, err := st.FindOTP(ctx, a.ID, kycd.PurposeVerifyPhone); !kycd.IsNotFound(err) {
			t.Errorf("other purpose: Code=%q, want %q", kycd.ErrorCode(err), kycd.ENOTFOUND)
		}
		s := &kycd.Session{TokenHash: []byte("hash-1"), AccountID: a.ID, CreatedAt: now, ExpiresAt: now.Add(time.Hour)}
		if err := st.CreateSession(ctx, s); err != nil {
			t.Fatal(err)
		}
		if gs, err := st.FindSession(ctx, s.TokenHash); err != nil || gs.AccountID != a.ID || !gs.ExpiresAt.Equal(s.ExpiresAt) {
			t.Errorf("FindSession=%+v, %v", gs, err)
		}
		if err := st.DeleteSessionsOf(ctx, a.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := st.FindSession(ctx, s.TokenHash); !kycd.IsNotFound(err) {
			t.Errorf("deleted session: Code=%q, want %q", kycd.ErrorCode(err), kycd.ENOTFOUND)
		}
		k := &kycd.APIKey{ID: kycd.NewID(), Name: "exchange", KeyHash: []byte("kh"), CreatedAt: now}
		if err := st.CreateAPIKey(ctx, k); err != nil {
			t.Fatal(err)
		}
		if gk, err := st.FindAPIKeyByHash(ctx, []byte("kh")); err != nil || gk.ID != k.ID || gk.Name != "exchange" {
			t.Errorf("FindAPIKeyByHash=%+v, %v", gk, err)
		}
	})

	t.Run("audit chain under concurrent appends", func(t *testing.T) {
		st := open(t)
		var wg sync.WaitGroup
		for i := 0; i < 10; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				err := st.WithTx(ctx, func(tx kycd.Tx) error {
					seq, prev, err := tx.AuditHead(ctx)
					if err != nil {
						return err
					}
					e := &kycd.AuditEntry{Seq: seq + 1, At: now, Actor: "system", Action: "test", Subject: "s", Data: "{}", PrevHash: prev}
					e.Hash = e.ComputeHash()
					return tx.InsertAudit(ctx, e)
				})
				if err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		entries, err := st.AuditEntries(ctx, 0, 100)
		if err != nil {
			t.Fatal(err)
		}
		i := 0
		rep, err := kycd.VerifyAuditChain(nil, func() (*kycd.AuditEntry, error) {
			if i == len(entries) {
				return nil, nil
			}
			i++
			return entries[i-1], nil
		})
		if err != nil || rep.Break != nil || rep.Entries != 10 {
			t.Errorf("chain: break %+v, %d entries, %v; want intact with 10", rep.Break, rep.Entries, err)
		}
		if _, err := st.SQL().Exec("UPDATE audit_log SET action = 'x' WHERE seq = 1"); err == nil {
			t.Error("the database allowed an audit entry to be rewritten")
		}
		if _, err := st.SQL().Exec("DELETE FROM audit_log WHERE seq = 1"); err == nil {
			t.Error("the database allowed an audit entry to be deleted")
		}
	})

	t.Run("ping", func(t *testing.T) {
		if err := open(t).Ping(ctx); err != nil {
			t.Errorf("Ping=%v", err)
		}
	})
}
