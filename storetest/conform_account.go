package storetest

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/kycd/kycd"
)

func testAccounts(t *testing.T, st kycd.Store) {
	before, err := st.CountAccounts(bg)
	must(t, err)
	a := newAccount("li")
	a.Phone, a.InviteBenefit = "+86139"+a.ID[:8], "fee_discount_20"
	a.EmailVerifiedAt = ptr(t0.Add(time.Minute))
	must(t, st.CreateAccount(bg, a))
	for name, find := range map[string]func() (*kycd.Account, error){
		"id":     func() (*kycd.Account, error) { return st.FindAccountByID(bg, a.ID) },
		"email":  func() (*kycd.Account, error) { return st.FindAccountByEmail(bg, a.Email) },
		"invite": func() (*kycd.Account, error) { return st.FindAccountByInviteCode(bg, a.InviteCode) },
	} {
		got, err := find()
		if err != nil {
			t.Fatalf("find by %s: %v", name, err)
		}
		if diff := cmp.Diff(a, got); diff != "" {
			t.Errorf("find by %s (-want +got):\n%s", name, diff)
		}
	}
	_, err = st.FindAccountByID(bg, "nope")
	wantCode(t, "FindAccountByID of a missing account", err, kycd.ENOTFOUND)
	_, err = st.FindAccountByEmail(bg, "nobody@example.com")
	wantCode(t, "FindAccountByEmail of an unknown address", err, kycd.ENOTFOUND)
	_, err = st.FindAccountByInviteCode(bg, "NOSUCHCODE")
	wantCode(t, "FindAccountByInviteCode of an unknown code", err, kycd.ENOTFOUND)

	// Email, phone and invite code are each unique.
	sameEmail, samePhone, sameCode := newAccount("x"), newAccount("y"), newAccount("z")
	sameEmail.Email, samePhone.Phone, sameCode.InviteCode = a.Email, a.Phone, a.InviteCode
	for name, dup := range map[string]*kycd.Account{"email": sameEmail, "phone": samePhone, "invite code": sameCode} {
		wantCode(t, "CreateAccount with a taken "+name, st.CreateAccount(bg, dup), kycd.ECONFLICT)
	}
	// Accounts without a phone do not collide on it.
	noPhone := addAccount(t, st, "nophone")
	addAccount(t, st, "nophone")
	if after, err := st.CountAccounts(bg); err != nil || after != before+3 {
		t.Errorf("CountAccounts=%d, %v; want %d (three more)", after, err, before+3)
	}

	// UpdateAccount writes only the fields it is given.
	later := t0.Add(time.Hour)
	hash, locale := "h2", "zh-CN"
	must(t, st.UpdateAccount(bg, a.ID, kycd.AccountUpdate{Level: ptr(2), PhoneVerifiedAt: &later, PasswordHash: &hash,
		Locale: &locale, UpdatedAt: later}))
	want := *a
	want.Level, want.PhoneVerifiedAt, want.PasswordHash, want.Locale, want.UpdatedAt = 2, &later, hash, locale, later
	got, err := st.FindAccountByID(bg, a.ID)
	must(t, err)
	if diff := cmp.Diff(&want, got); diff != "" {
		t.Errorf("after UpdateAccount (-want +got):\n%s", diff)
	}
	must(t, st.UpdateAccount(bg, a.ID, kycd.AccountUpdate{DisabledAt: &later, EmailVerifiedAt: &later, UpdatedAt: later}))
	if got, _ := st.FindAccountByID(bg, a.ID); got == nil || got.DisabledAt == nil || !got.DisabledAt.Equal(later) ||
		!got.EmailVerifiedAt.Equal(later) || got.Level != 2 {
		t.Errorf("after disabling: %+v", got)
	}
	wantCode(t, "UpdateAccount of a missing account", st.UpdateAccount(bg, "nope", kycd.AccountUpdate{UpdatedAt: later}), kycd.ENOTFOUND)

	// Invitations: counted per inviter.
	for _, inv := range []*kycd.Account{newAccount("inv1"), newAccount("inv2")} {
		inv.InvitedBy = a.ID
		must(t, st.CreateAccount(bg, inv))
	}
	if n, err := st.CountInvited(bg, a.ID); err != nil || n != 2 {
		t.Errorf("CountInvited=%d, %v; want 2", n, err)
	}
	if n, err := st.CountInvited(bg, noPhone.ID); err != nil || n != 0 {
		t.Errorf("CountInvited of an account that invited nobody=%d, %v; want 0", n, err)
	}

	// Invites: PutInvite adds or replaces.
	code1, code2 := "P"+kycd.NewID()[:9], "Q"+kycd.NewID()[:9]
	_, err = st.FindInvite(bg, code1)
	wantCode(t, "FindInvite before PutInvite", err, kycd.ENOTFOUND)
	must(t, st.PutInvite(bg, kycd.Invite{Code: code1, Benefit: "fee_discount_20"}))
	must(t, st.PutInvite(bg, kycd.Invite{Code: code2, Benefit: "vip"}))
	must(t, st.PutInvite(bg, kycd.Invite{Code: code1, Benefit: "fee_discount_30"}))
	for c, benefit := range map[string]string{code1: "fee_discount_30", code2: "vip"} {
		if inv, err := st.FindInvite(bg, c); err != nil || *inv != (kycd.Invite{Code: c, Benefit: benefit}) {
			t.Errorf("FindInvite(%s)=%+v, %v; want benefit %s", c, inv, err, benefit)
		}
	}
}

func testTransactions(t *testing.T, st kycd.Store) {
	t.Run("commit", func(t *testing.T) {
		a := newAccount("commit")
		mustTx(t, st, func(tx kycd.Tx) error {
			if err := tx.CreateAccount(bg, a); err != nil {
				return err
			}
			// The transaction sees its own write.
			_, err := tx.FindAccountByID(bg, a.ID)
			return err
		})
		if _, err := st.FindAccountByID(bg, a.ID); err != nil {
			t.Errorf("committed account: %v", err)
		}
	})
	t.Run("error rolls back", func(t *testing.T) {
		a, kept := newAccount("rollback"), addAccount(t, st, "kept")
		boom := errors.New("boom")
		err := st.WithTx(bg, func(tx kycd.Tx) error {
			if err := tx.CreateAccount(bg, a); err != nil {
				return err
			}
			if err := tx.UpdateAccount(bg, kept.ID, kycd.AccountUpdate{Level: ptr(3), UpdatedAt: t0}); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("WithTx=%v, want fn's error", err)
		}
		_, err = st.FindAccountByID(bg, a.ID)
		wantCode(t, "account created in a rolled-back transaction", err, kycd.ENOTFOUND)
		if got, err := st.FindAccountByID(bg, kept.ID); err != nil || got.Level != 0 {
			t.Errorf("account updated in a rolled-back transaction: level %d, %v; want 0", got.Level, err)
		}
	})
	t.Run("panic rolls back and panics on", func(t *testing.T) {
		a := newAccount("panic")
		func() {
			defer func() {
				if p := recover(); p != "boom" {
					t.Errorf("recovered %v, want the panic of fn", p)
				}
			}()
			st.WithTx(bg, func(tx kycd.Tx) error {
				if err := tx.CreateAccount(bg, a); err != nil {
					return err
				}
				panic("boom")
			})
		}()
		_, err := st.FindAccountByID(bg, a.ID)
		wantCode(t, "account created before a panic", err, kycd.ENOTFOUND)
		// The store still works: the connection was given back.
		if err := st.CreateAccount(bg, newAccount("after.panic")); err != nil {
			t.Errorf("CreateAccount after a panic: %v", err)
		}
	})
	t.Run("concurrent registration of one email", func(t *testing.T) {
		email := "race." + kycd.NewID()[:8] + "@example.com"
		var wg sync.WaitGroup
		errs := make([]error, 8)
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				a := newAccount("race")
				a.Email = email
				errs[i] = st.WithTx(bg, func(tx kycd.Tx) error { return tx.CreateAccount(bg, a) })
			}()
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
}

func testOTPs(t *testing.T, st kycd.Store) {
	a, b := addAccount(t, st, "otp"), addAccount(t, st, "otp.other")
	o1 := &kycd.OTP{ID: kycd.NewID(), AccountID: a.ID, Purpose: kycd.PurposeVerifyEmail, CodeHash: []byte{1}, SentAt: t0, ExpiresAt: t0.Add(time.Minute)}
	o2 := &kycd.OTP{ID: kycd.NewID(), AccountID: a.ID, Purpose: kycd.PurposeVerifyEmail, CodeHash: []byte{2}, Tries: 1,
		SentAt: t0.Add(time.Second), ExpiresAt: t0.Add(2 * time.Minute)}
	phone := &kycd.OTP{ID: kycd.NewID(), AccountID: a.ID, Purpose: kycd.PurposeVerifyPhone, CodeHash: []byte{3}, SentAt: t0, ExpiresAt: t0.Add(time.Minute)}
	other := &kycd.OTP{ID: kycd.NewID(), AccountID: b.ID, Purpose: kycd.PurposeVerifyEmail, CodeHash: []byte{4}, SentAt: t0, ExpiresAt: t0.Add(time.Minute)}
	_, err := st.FindOTP(bg, a.ID, kycd.PurposeVerifyEmail)
	wantCode(t, "FindOTP before any code", err, kycd.ENOTFOUND)
	for _, o := range []*kycd.OTP{o1, phone, other, o2} {
		must(t, st.CreateOTP(bg, o))
	}
	// Only the newest code of an account and purpose is kept.
	got, err := st.FindOTP(bg, a.ID, kycd.PurposeVerifyEmail)
	must(t, err)
	if diff := cmp.Diff(o2, got); diff != "" {
		t.Errorf("FindOTP after a second code (-want +got):\n%s", diff)
	}
	for _, o := range []*kycd.OTP{phone, other} {
		if got, err := st.FindOTP(bg, o.AccountID, o.Purpose); err != nil || got.ID != o.ID {
			t.Errorf("FindOTP(%s) = %+v, %v: a code of another purpose or account was replaced", o.Purpose, got, err)
		}
	}
	got.Tries, got.UsedAt = 3, ptr(t0.Add(time.Minute))
	must(t, st.UpdateOTP(bg, got))
	again, err := st.FindOTP(bg, a.ID, kycd.PurposeVerifyEmail)
	must(t, err)
	if diff := cmp.Diff(got, again); diff != "" {
		t.Errorf("after UpdateOTP (-want +got):\n%s", diff)
	}
	gone := *got
	gone.ID = kycd.NewID()
	wantCode(t, "UpdateOTP of a missing code", st.UpdateOTP(bg, &gone), kycd.ENOTFOUND)
	// UpdateOTP inside a rolled-back transaction leaves the code as it was.
	st.WithTx(bg, func(tx kycd.Tx) error {
		o, err := tx.FindOTP(bg, a.ID, kycd.PurposeVerifyEmail)
		if err != nil {
			return err
		}
		o.Tries = 9
		if err := tx.UpdateOTP(bg, o); err != nil {
			return err
		}
		return errors.New("roll back")
	})
	if o, err := st.FindOTP(bg, a.ID, kycd.PurposeVerifyEmail); err != nil || o.Tries != 3 {
		t.Errorf("after a rolled-back UpdateOTP: %+v, %v; want 3 tries", o, err)
	}
}

func testSessions(t *testing.T, st kycd.Store) {
	a, b := addAccount(t, st, "session"), addAccount(t, st, "session.other")
	mk := func(acct *kycd.Account) *kycd.Session {
		return &kycd.Session{TokenHash: []byte("tok-" + kycd.NewID()), AccountID: acct.ID, CreatedAt: t0, ExpiresAt: t0.Add(time.Hour)}
	}
	s1, s2, s3 := mk(a), mk(a), mk(b)
	for _, s := range []*kycd.Session{s1, s2, s3} {
		must(t, st.CreateSession(bg, s))
	}
	wantCode(t, "CreateSession with a taken token hash", st.CreateSession(bg, &kycd.Session{TokenHash: s1.TokenHash,
		AccountID: b.ID, CreatedAt: t0, ExpiresAt: t0}), kycd.ECONFLICT)
	got, err := st.FindSession(bg, s1.TokenHash)
	must(t, err)
	if diff := cmp.Diff(s1, got); diff != "" {
		t.Errorf("FindSession (-want +got):\n%s", diff)
	}
	alive := func() (out []bool) {
		for _, s := range []*kycd.Session{s1, s2, s3} {
			_, err := st.FindSession(bg, s.TokenHash)
			if err != nil && !kycd.IsNotFound(err) {
				t.Fatal(err)
			}
			out = append(out, err == nil)
		}
		return out
	}
	must(t, st.DeleteSession(bg, s1.TokenHash))
	if got := alive(); !cmp.Equal(got, []bool{false, true, true}) {
		t.Errorf("after DeleteSession of the first: alive %v, want [false true true]", got)
	}
	must(t, st.DeleteSessionsOf(bg, a.ID))
	if got := alive(); !cmp.Equal(got, []bool{false, false, true}) {
		t.Errorf("after DeleteSessionsOf the first account: alive %v, want [false false true]", got)
	}
	must(t, st.DeleteSession(bg, s1.TokenHash)) // deleting a session that is gone is no error
}

func testAPIKeys(t *testing.T, st kycd.Store) {
	k := &kycd.APIKey{ID: kycd.NewID(), Name: "exchange", KeyHash: []byte("kh-" + kycd.NewID()), CreatedAt: t0}
	must(t, st.CreateAPIKey(bg, k))
	wantCode(t, "CreateAPIKey with a taken hash", st.CreateAPIKey(bg, &kycd.APIKey{ID: kycd.NewID(), Name: "x",
		KeyHash: k.KeyHash, CreatedAt: t0}), kycd.ECONFLICT)
	got, err := st.FindAPIKeyByHash(bg, k.KeyHash)
	must(t, err)
	if diff := cmp.Diff(k, got); diff != "" {
		t.Errorf("FindAPIKeyByHash (-want +got):\n%s", diff)
	}
	_, err = st.FindAPIKeyByHash(bg, []byte("unknown"))
	wantCode(t, "FindAPIKeyByHash of an unknown hash", err, kycd.ENOTFOUND)
	first, second := t0.Add(time.Hour), t0.Add(2*time.Hour)
	must(t, st.RevokeAPIKey(bg, k.ID, first))
	must(t, st.RevokeAPIKey(bg, k.ID, second))
	if got, err := st.FindAPIKeyByHash(bg, k.KeyHash); err != nil || got.RevokedAt == nil || !got.RevokedAt.Equal(first) {
		t.Errorf("revoked twice: RevokedAt %v, %v; want the first time %v", got.RevokedAt, err, first)
	}
	wantCode(t, "RevokeAPIKey of a missing key", st.RevokeAPIKey(bg, "nope", first), kycd.ENOTFOUND)
}
