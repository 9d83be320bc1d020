package web_test

import (
	"context"
	"testing"
	"time"

	"github.com/kycd/kycd"
)

// maleID is a valid resident ID of a man born 1980-01-01 (the same region
// as goodID, which is a woman's born 1949-12-31).
const maleID = "110105198001010016"

// startApplication registers and confirms an account through the service,
// signs it in in a browser and opens its level-2 application at the
// identity form, so a browser test can start at the part it is about.
func startApplication(t *testing.T, email, phone string, tweak ...func(*kycd.Options)) (*env, *browser) {
	t.Helper()
	e := newEnv(t, tweak...)
	ctx := context.Background()
	a, _, err := e.svc.Register(ctx, kycd.RegisterInput{Email: email, Phone: phone, Password: password, ClientIP: "t"})
	if err != nil {
		t.Fatalf("Register: %v", err)
	}
	who := kycd.Principal{AccountID: a.ID, Role: kycd.RoleApplicant}
	for ch, addr := range map[string]string{"email": email, "phone": phone} {
		if _, err := e.svc.Verify(ctx, who, ch, e.code(addr)); err != nil {
			t.Fatalf("Verify %s: %v", ch, err)
		}
	}
	b := newBrowser(t, e.ts.URL)
	b.login(email, password)
	b.click(`form[action="/apply"] button`)
	b.wait("#identity-form")
	return e, b
}

// TestIdentityDerivedFollowNumber: birth date and sex filled from the
// number follow it when the number is corrected, and stop following once
// the person picks a value (issue 13, item 3); the length finding waits
// for the number to be whole or left.
func TestIdentityDerivedFollowNumber(t *testing.T) {
	_, b := startApplication(t, "follow@example.com", "+8613700000011")

	// Half a number is not a mistake yet: "10 of 18 characters" waits
	// until the field is left (issue 13, item 7).
	b.fill("#document_number", goodID[:10])
	time.Sleep(800 * time.Millisecond)
	if b.eval(`String(!!document.querySelector('#document_number-msg [data-code="id_number.format"]'))`) != "false" {
		t.Error("the length finding shows while the number is still being typed")
	}
	b.click("#full_name")
	b.wait(`#document_number-msg [data-code="id_number.format"]`)

	b.fill("#document_number", goodID)
	b.waitEval(`document.querySelector('#sex').value`, "F")
	b.waitEval(`document.querySelector('#birth_date').value`, "1949-12-31")
	// A corrected number brings its own sex and date with it.
	b.fill("#document_number", maleID)
	b.waitEval(`document.querySelector('#sex').value`, "M")
	b.waitEval(`document.querySelector('#birth_date').value`, "1980-01-01")

	// Once the person chooses, the number no longer overrides them.
	b.set("#sex", "F")
	b.fill("#document_number", goodID)
	b.waitEval(`document.querySelector('#birth_date').value`, "1949-12-31")
	if got := b.eval(`document.querySelector('#sex').value`); got != "F" {
		t.Errorf("sex = %q after the person chose F, want it kept", got)
	}
}

// TestIdentityServerMarksStay: what the server marked when it answered the
// form stays marked until that field changes, however long the page is
// open (issue 13, item 3: the sex mismatch vanished within a second).
func TestIdentityServerMarksStay(t *testing.T) {
	_, b := startApplication(t, "marks@example.com", "+8613700000012")
	b.fill("#document_number", goodID)
	b.waitEval(`document.querySelector('#sex').value`, "F")
	b.set("#full_name", "林梅")
	b.set("#sex", "M") // the number says F
	b.click(`#identity-form button[type=submit]`)
	b.wait(`#page-error`)
	b.wait(`#sex-msg [data-code="sex.mismatch"]`)
	// The live check runs on load and after every change elsewhere; the
	// mark must survive both.
	time.Sleep(1500 * time.Millisecond)
	b.set("#full_name", "林美")
	time.Sleep(1000 * time.Millisecond)
	if b.eval(`String(!!document.querySelector('#sex-msg [data-code="sex.mismatch"]'))`) != "true" {
		t.Fatal("the server's sex mismatch was erased although the sex was not changed")
	}
	if b.eval(`document.querySelector('#sex').getAttribute('aria-invalid')||''`) != "true" {
		t.Error("the sex field lost aria-invalid although the server marked it")
	}
	// Changing the field hands it to the live check, which clears it.
	b.set("#sex", "F")
	b.waitGone(`#sex-msg [data-code="sex.mismatch"]`)
}
