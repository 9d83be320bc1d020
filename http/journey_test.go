package http_test

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/kycd/kycd"
	kycdhttp "github.com/kycd/kycd/http"
)

// inviteCodeForm is what DESIGN.md promises of invite codes: short and
// without the look-alikes 0/O/1/I.
var inviteCodeForm = regexp.MustCompile(`^[2-9A-HJ-NP-Z]{8}$`)

// sessionCookie returns the session cookie r sets.
func sessionCookie(t testing.TB, r resp) *http.Cookie {
	t.Helper()
	for _, c := range (&http.Response{Header: r.Header}).Cookies() {
		if c.Name == kycdhttp.SessionCookie {
			return c
		}
	}
	t.Fatalf("no %s cookie in %v", kycdhttp.SessionCookie, r.Header.Values("Set-Cookie"))
	return nil
}

// TestJourney walks register → verify both channels → level 1 → login
// (bearer and cookie) → GET /v1/me → logout on each database.
func TestJourney(t *testing.T) {
	eachDB(t, envConfig{}, func(t *testing.T, e *env) {
		policy := kycd.DefaultPolicy()
		level0, _ := policy.Level(0)
		level1, _ := policy.Level(1)
		level2, _ := policy.Level(2)

		// Register with a mixed-case address and a number typed the way
		// people type it in mainland China: both are normalised.
		r := e.post("/v1/accounts", "", map[string]any{"email": "  Li.Wei@Example.COM ", "phone": "139 1234 5678",
			"password": "correct horse battery staple", "locale": "zh-CN"})
		want(t, "register", r, http.StatusCreated, "")
		var reg struct{ ID, Token string }
		r.decode(t, &reg)
		if reg.ID == "" || reg.Token == "" {
			t.Fatalf("register answered %s, want an id and a token", r.Body)
		}
		if c := sessionCookie(t, r); c.Value != reg.Token || !c.HttpOnly || !c.Secure {
			t.Errorf("register cookie = %+v, want the token, HttpOnly and Secure outside dev mode", c)
		}
		const email, phone = "li.wei@example.com", "+8613912345678"

		msgs := e.outbox.Messages()
		if len(msgs) != 2 {
			t.Fatalf("outbox holds %d messages after registering, want 2", len(msgs))
		}
		for _, m := range msgs {
			if m.Channel == "email" && (m.To != email || !strings.Contains(m.Subject, "验证码")) {
				t.Errorf("email = %+v, want one to %s in Chinese (the registration locale)", m, email)
			}
			if m.Channel == "sms" && m.To != phone {
				t.Errorf("SMS to %q, want %q", m.To, phone)
			}
		}

		got := e.me(reg.Token)
		wantProfile := kycd.Profile{ID: reg.ID, Email: email, Phone: phone, Role: kycd.RoleApplicant, Locale: "zh-CN",
			Level: 0, LevelName: level0.Name["zh-CN"], Limits: level0.Limits, NextLevel: &level1, InviteCode: got.InviteCode}
		if diff := cmp.Diff(wantProfile, got); diff != "" {
			t.Errorf("GET /v1/me before verifying (-want +got):\n%s", diff)
		}
		if !inviteCodeForm.MatchString(got.InviteCode) {
			t.Errorf("invite code %q, want 8 characters without 0, O, 1 or I", got.InviteCode)
		}

		// The email alone does not unlock level 1.
		r = e.post("/v1/accounts/verify", reg.Token, map[string]string{"channel": "email", "code": e.lastCode(email)})
		want(t, "verify email", r, http.StatusOK, "")
		var afterEmail kycd.Profile
		r.decode(t, &afterEmail)
		if !afterEmail.EmailVerified || afterEmail.PhoneVerified || afterEmail.Level != 0 {
			t.Errorf("after the email code: email_verified=%v phone_verified=%v level=%d, want true false 0",
				afterEmail.EmailVerified, afterEmail.PhoneVerified, afterEmail.Level)
		}
		// Confirming twice is harmless.
		want(t, "verify email again", e.post("/v1/accounts/verify", reg.Token, map[string]string{"channel": "email", "code": "000000"}), http.StatusOK, "")

		r = e.post("/v1/accounts/verify", reg.Token, map[string]string{"channel": "phone", "code": e.lastCode(phone)})
		want(t, "verify phone", r, http.StatusOK, "")
		var afterPhone kycd.Profile
		r.decode(t, &afterPhone)
		if afterPhone.Level != 1 || afterPhone.Limits != level1.Limits {
			t.Errorf("after both codes: level=%d limits=%+v, want 1 %+v", afterPhone.Level, afterPhone.Limits, level1.Limits)
		}

		// Log in with a differently cased address: a bearer token and a
		// cookie carrying the same session.
		r = e.post("/v1/sessions", "", map[string]string{"email": "LI.WEI@example.com", "password": "correct horse battery staple"})
		want(t, "login", r, http.StatusCreated, "")
		var login struct{ ID, Token string }
		r.decode(t, &login)
		if login.ID != reg.ID || login.Token == "" || login.Token == reg.Token {
			t.Fatalf("login answered %s, want the account id and a new token", r.Body)
		}
		cookie := sessionCookie(t, r)

		wantProfile.Level, wantProfile.LevelName, wantProfile.Limits, wantProfile.NextLevel = 1, level1.Name["zh-CN"], level1.Limits, &level2
		wantProfile.EmailVerified, wantProfile.PhoneVerified = true, true
		if diff := cmp.Diff(wantProfile, e.me(login.Token)); diff != "" {
			t.Errorf("GET /v1/me with the bearer token (-want +got):\n%s", diff)
		}
		r = e.do(req{Method: http.MethodGet, Path: "/v1/me", Cookie: cookie.Value})
		want(t, "GET /v1/me with the cookie", r, http.StatusOK, "")
		var byCookie kycd.Profile
		r.decode(t, &byCookie)
		if diff := cmp.Diff(wantProfile, byCookie); diff != "" {
			t.Errorf("GET /v1/me with the cookie (-want +got):\n%s", diff)
		}
		// The wire names DESIGN.md promises, including invited_by (null
		// here: nobody invited this account).
		var raw map[string]json.RawMessage
		r.decode(t, &raw)
		for _, k := range []string{"id", "email", "phone", "level", "limits", "invite_code", "invited_by"} {
			if _, ok := raw[k]; !ok {
				t.Errorf("GET /v1/me lacks %q: %s", k, r.Body)
			}
		}

		// Log out the cookie session: it stops working, the registration
		// session does not.
		r = e.do(req{Method: http.MethodDelete, Path: "/v1/sessions/current", Cookie: cookie.Value})
		want(t, "logout", r, http.StatusNoContent, "")
		if c := sessionCookie(t, r); c.MaxAge >= 0 {
			t.Errorf("logout cookie MaxAge=%d, want it deleted", c.MaxAge)
		}
		want(t, "GET /v1/me after logout (bearer)", e.get("/v1/me", login.Token), http.StatusUnauthorized, "auth.required")
		want(t, "GET /v1/me after logout (cookie)", e.do(req{Method: http.MethodGet, Path: "/v1/me", Cookie: cookie.Value}), http.StatusUnauthorized, "auth.required")
		want(t, "GET /v1/me with the other session", e.get("/v1/me", reg.Token), http.StatusOK, "")
		want(t, "logout with a bearer token", e.do(req{Method: http.MethodDelete, Path: "/v1/sessions/current", Token: reg.Token}), http.StatusNoContent, "")
		want(t, "GET /v1/me after the second logout", e.get("/v1/me", reg.Token), http.StatusUnauthorized, "auth.required")

		// The exchange's backend reads the level with an API key.
		r = e.get("/v1/admin/accounts/"+reg.ID, e.apiKey())
		want(t, "GET /v1/admin/accounts/{id}", r, http.StatusOK, "")
		var sum kycd.AccountSummary
		r.decode(t, &sum)
		if diff := cmp.Diff(kycd.AccountSummary{ID: reg.ID, Level: 1, LevelName: level1.Name["en"], Limits: level1.Limits, Role: kycd.RoleApplicant}, sum); diff != "" {
			t.Errorf("admin account summary (-want +got):\n%s", diff)
		}
		want(t, "GET /v1/admin/accounts/unknown", e.get("/v1/admin/accounts/nosuchaccount", e.apiKey()), http.StatusNotFound, "account.not_found")

		// Registered, two verifications, the level change, one login: each
		// is in the audit chain, which is intact.
		if n := e.auditLen(); n < 5 {
			t.Errorf("audit chain holds %d entries after the journey, want at least 5", n)
		}
		// No personal data and no codes in the logs.
		logs := e.logs.String()
		for _, secret := range []string{email, phone, "13912345678", "correct horse", reg.Token, login.Token} {
			if strings.Contains(logs, secret) {
				t.Errorf("the logs contain %q", secret)
			}
		}
		for _, m := range msgs {
			if code := sixDigits.FindString(m.Body); strings.Contains(logs, code) {
				t.Errorf("the logs contain the one-time code %s", code)
			}
		}
	})
}

// TestInvites covers unknown codes (nothing created), the inviter recorded,
// the operator's benefit tag and the invitation counts.
func TestInvites(t *testing.T) {
	eachDB(t, envConfig{}, func(t *testing.T, e *env) {
		inviter := e.register(newPerson())
		code := e.me(inviter.Token).InviteCode

		accounts, audit, sent := e.countAccounts(), e.auditLen(), len(e.outbox.Messages())
		b := newPerson()
		form := b.form()
		form["invite_code"] = "ZZZZZZZZ"
		r := e.post("/v1/accounts", "", form)
		want(t, "register with an unknown code", r, http.StatusUnprocessableEntity, "invite.unknown")
		if d := r.errBody(t); d.Field != "invite_code" {
			t.Errorf("invite.unknown field=%q, want invite_code", d.Field)
		}
		if n := e.countAccounts(); n != accounts {
			t.Errorf("accounts after a refused invite code = %d, want %d", n, accounts)
		}
		if n := e.auditLen(); n != audit {
			t.Errorf("audit entries after a refused invite code = %d, want %d", n, audit)
		}
		if n := len(e.outbox.Messages()); n != sent {
			t.Errorf("messages after a refused invite code = %d, want %d", n, sent)
		}

		// The operator grants a benefit to the inviter's code (typed in
		// lower case with a dash, as people copy codes).
		key := e.apiKey()
		typed := strings.ToLower(code[:4] + "-" + code[4:])
		r = e.do(req{Method: http.MethodPut, Path: "/v1/admin/invites/" + typed, Token: key, Body: map[string]string{"benefit": "fee_discount_20"}})
		want(t, "PUT /v1/admin/invites/{code}", r, http.StatusOK, "")
		var saved map[string]string
		r.decode(t, &saved)
		if diff := cmp.Diff(map[string]string{"code": code, "benefit": "fee_discount_20"}, saved); diff != "" {
			t.Errorf("PUT /v1/admin/invites answer (-want +got):\n%s", diff)
		}
		want(t, "PUT an unknown invite", e.do(req{Method: http.MethodPut, Path: "/v1/admin/invites/ZZZZZZZZ", Token: key,
			Body: map[string]string{"benefit": "x"}}), http.StatusUnprocessableEntity, "invite.unknown")

		// The same person now registers with the right code: the refused
		// attempt left nothing behind that would make them a duplicate.
		form["invite_code"] = " " + typed + " "
		r = e.post("/v1/accounts", "", form)
		want(t, "register with the inviter's code", r, http.StatusCreated, "")
		r.decode(t, b)
		c := newPerson()
		cf := c.form()
		cf["invite_code"] = code
		r = e.post("/v1/accounts", "", cf)
		want(t, "second invitee", r, http.StatusCreated, "")
		r.decode(t, c)

		for _, p := range []*person{b, c} {
			got := e.me(p.Token)
			if diff := cmp.Diff(&kycd.InviterSummary{AccountID: inviter.ID, InviteCode: code}, got.InvitedBy); diff != "" {
				t.Errorf("%s invited_by (-want +got):\n%s", p.Email, diff)
			}
			if got.InviteBenefit != "fee_discount_20" {
				t.Errorf("%s invite_benefit=%q, want fee_discount_20", p.Email, got.InviteBenefit)
			}
			// The invitee's profile never reveals the inviter's personal data.
			if r := e.get("/v1/me", p.Token); strings.Contains(string(r.Body), inviter.Email) || strings.Contains(string(r.Body), inviter.Phone) {
				t.Errorf("%s's profile reveals the inviter: %s", p.Email, r.Body)
			}
		}

		r = e.get("/v1/me/invitations", inviter.Token)
		want(t, "GET /v1/me/invitations", r, http.StatusOK, "")
		var inv struct{ Invitations []kycd.InvitationCount }
		r.decode(t, &inv)
		if diff := cmp.Diff([]kycd.InvitationCount{{Code: code, Accounts: 2}}, inv.Invitations); diff != "" {
			t.Errorf("invitations (-want +got):\n%s", diff)
		}
		r = e.get("/v1/me/invitations", b.Token)
		r.decode(t, &inv)
		if diff := cmp.Diff([]kycd.InvitationCount{{Code: e.me(b.Token).InviteCode, Accounts: 0}}, inv.Invitations); diff != "" {
			t.Errorf("invitee's invitations (-want +got):\n%s", diff)
		}
	})
}

// TestPasswordReset resets by email code: old sessions die, the old
// password stops working, the new one works, and the code is single-use.
func TestPasswordReset(t *testing.T) {
	eachDB(t, envConfig{}, func(t *testing.T, e *env) {
		p := e.register(newPerson())
		r := e.post("/v1/sessions", "", map[string]string{"email": p.Email, "password": p.Password})
		want(t, "login", r, http.StatusCreated, "")
		var second struct{ Token string }
		r.decode(t, &second)

		r = e.post("/v1/password-resets", "", map[string]string{"email": p.Email})
		want(t, "request a reset", r, http.StatusAccepted, "")
		// An unknown address gets the very same answer.
		r2 := e.post("/v1/password-resets", "", map[string]string{"email": "nobody@example.com"})
		want(t, "request a reset for an unknown address", r2, http.StatusAccepted, "")
		if string(r.Body) != string(r2.Body) {
			t.Errorf("reset answers differ: %s vs %s (they must not reveal whether the address exists)", r.Body, r2.Body)
		}
		e.waitMessage(p.Email, "Reset")
		code := e.lastCode(p.Email)

		const newPassword = "a brand new passphrase"
		wrong := "000000"
		if code == wrong {
			wrong = "111111"
		}
		r = e.post("/v1/password-resets/confirm", "", map[string]string{"email": p.Email, "code": wrong, "password": newPassword})
		want(t, "confirm with a wrong code", r, http.StatusUnprocessableEntity, "reset.code_invalid")
		want(t, "confirm with a short password", e.post("/v1/password-resets/confirm", "", map[string]string{"email": p.Email, "code": code, "password": "short"}),
			http.StatusUnprocessableEntity, "password.too_short")
		want(t, "confirm", e.post("/v1/password-resets/confirm", "", map[string]string{"email": p.Email, "code": code, "password": newPassword}),
			http.StatusNoContent, "")

		want(t, "registration session after reset", e.get("/v1/me", p.Token), http.StatusUnauthorized, "auth.required")
		want(t, "login session after reset", e.get("/v1/me", second.Token), http.StatusUnauthorized, "auth.required")
		want(t, "login with the old password", e.post("/v1/sessions", "", map[string]string{"email": p.Email, "password": p.Password}),
			http.StatusUnauthorized, "auth.invalid_credentials")
		want(t, "login with the new password", e.post("/v1/sessions", "", map[string]string{"email": p.Email, "password": newPassword}),
			http.StatusCreated, "")
		want(t, "reuse the reset code", e.post("/v1/password-resets/confirm", "", map[string]string{"email": p.Email, "code": code, "password": "yet another passphrase"}),
			http.StatusUnprocessableEntity, "reset.code_invalid")
		want(t, "confirm for an unknown address", e.post("/v1/password-resets/confirm", "", map[string]string{"email": "nobody@example.com", "code": code, "password": newPassword}),
			http.StatusUnprocessableEntity, "reset.code_invalid")
	})
}

var _ = cmpopts.EquateEmpty
