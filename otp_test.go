package kycd_test

import (
	"errors"
	"slices"
	"strconv"
	"testing"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/sqlstore"
	"github.com/kycd/kycd/storetest"
)

// TestOTPFormatCostsNoTry: a code of the wrong length is refused with
// otp.format and leaves the code's tries alone; a wrong 6-digit code costs
// one (issue 13, item 7).
func TestOTPFormatCostsNoTry(t *testing.T) {
	e := newScreeningEnv(t, func(t testing.TB) *sqlstore.DB { return storetest.OpenSQLite(t, storetest.Keyring(t)) })
	a, _, err := e.svc.Register(e.ctx, kycd.RegisterInput{Email: "otp@example.com", Phone: "+8613900000031", Password: "correct horse battery 7", ClientIP: "192.0.2.31"})
	if err != nil {
		t.Fatal(err)
	}
	who := kycd.Principal{AccountID: a.ID, Role: kycd.RoleApplicant}
	for _, typed := range []string{"12", "1234567", "12a456"} {
		_, err := e.svc.Verify(e.ctx, who, "email", typed)
		if kycd.ErrorCode(err) != "otp.format" {
			t.Errorf("Verify(%q): Code=%q, want %q", typed, kycd.ErrorCode(err), "otp.format")
		}
	}
	// One code in a million is 000000: then this one is right, not wrong.
	_, err = e.svc.Verify(e.ctx, who, "email", "000000")
	if err == nil {
		return
	}
	var ke *kycd.Error
	if !errors.As(err, &ke) || ke.Code != "otp.invalid" {
		t.Fatalf("Verify(000000): %v, want otp.invalid", err)
	}
	if want := []string{"tries_left", strconv.Itoa(e.svc.Settings.OTPMaxTries - 1)}; !slices.Equal(ke.Params, want) {
		t.Errorf("after three mistyped codes and one wrong one: Params=%v, want %v", ke.Params, want)
	}
}
