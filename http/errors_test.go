package http_test

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	kycdhttp "github.com/kycd/kycd/http"
)

// TestRegisterRefusals covers each refusal of POST /v1/accounts and checks
// that none of them leaves an account behind.
func TestRegisterRefusals(t *testing.T) {
	eachDB(t, envConfig{}, func(t *testing.T, e *env) {
		first := e.register(newPerson())
		accounts := e.countAccounts()

		form := func(email, phone, password string) map[string]any {
			return map[string]any{"email": email, "phone": phone, "password": password}
		}
		fresh := newPerson()
		// The same address or number, typed differently, is still taken;
		// the answer is the same for both so it reveals nothing about
		// which one matched.
		dupEmail := e.post("/v1/accounts", "", form(strings.ToUpper(first.Email), fresh.Phone, fresh.Password))
		want(t, "duplicate email", dupEmail, http.StatusConflict, "account.exists")
		national := strings.TrimPrefix(first.Phone, "+86")
		dupPhone := e.post("/v1/accounts", "", form(fresh.Email, national[:3]+" "+national[3:7]+" "+national[7:], fresh.Password))
		want(t, "duplicate phone", dupPhone, http.StatusConflict, "account.exists")
		ignoreID := cmpopts.IgnoreFields(kycdhttp.ErrorDetail{}, "RequestID")
		if diff := cmp.Diff(dupEmail.errBody(t), dupPhone.errBody(t), ignoreID); diff != "" {
			t.Errorf("duplicate email and duplicate phone answers differ (-email +phone):\n%s", diff)
		}

		for _, tc := range []struct {
			name                   string
			email, phone, password string
			code                   string
		}{
			{"phone: not a number", fresh.Email, "call me", fresh.Password, "phone.invalid"},
			{"phone: too short", fresh.Email, "12345", fresh.Password, "phone.invalid"},
			{"phone: Beijing landline", fresh.Email, "+86 10 6552 9988", fresh.Password, "phone.invalid"},
			{"phone: empty", fresh.Email, "", fresh.Password, "phone.invalid"},
			{"email: no @", "li.example.com", fresh.Phone, fresh.Password, "email.invalid"},
			{"email: no domain dot", "li@localhost", fresh.Phone, fresh.Password, "email.invalid"},
			{"email: display name", "Li <li@example.com>", fresh.Phone, fresh.Password, "email.invalid"},
			{"email: empty", "", fresh.Phone, fresh.Password, "email.invalid"},
			{"password: short", fresh.Email, fresh.Phone, "short", "password.too_short"},
			{"password: common", fresh.Email, fresh.Phone, "qwertyuiop", "password.common"},
			{"password: common with digits", fresh.Email, fresh.Phone, "password123!", "password.common"},
			{"password: too long", fresh.Email, fresh.Phone, strings.Repeat("x", 129), "password.too_long"},
		} {
			r := e.post("/v1/accounts", "", form(tc.email, tc.phone, tc.password))
			if r.Status != http.StatusUnprocessableEntity || r.code() != tc.code {
				t.Errorf("%s: Status=%d Code=%q, want 422 %q", tc.name, r.Status, r.code(), tc.code)
			}
			if d := r.errBody(t); d.Message == "" || d.RequestID == "" {
				t.Errorf("%s: error %+v lacks a message or request id", tc.name, d)
			}
		}
		if n := e.countAccounts(); n != accounts {
			t.Errorf("accounts after refusals = %d, want %d", n, accounts)
		}
		// Messages follow Accept-Language.
		r := e.do(req{Method: http.MethodPost, Path: "/v1/accounts", Body: form(fresh.Email, "12345", fresh.Password),
			Header: map[string]string{"Accept-Language": "zh-CN,zh;q=0.9"}})
		if msg := r.errBody(t).Message; !strings.Contains(msg, "手机") {
			t.Errorf("phone.invalid in zh-CN = %q, want a Chinese message", msg)
		}
		// The person refused above can register once the form is right.
		e.register(fresh)
	})
}

// TestOneTimeCodes covers wrong codes with tries left, the code voided by
// five wrong tries, expiry (with the service clock moved on), the resend
// cooldown and single use.
func TestOneTimeCodes(t *testing.T) {
	eachDB(t, envConfig{}, func(t *testing.T, e *env) {
		verify := func(p *person, channel, code string) resp {
			t.Helper()
			return e.post("/v1/accounts/verify", p.Token, map[string]string{"channel": channel, "code": code})
		}
		wrongCode := func(right string) string {
			if right == "000000" {
				return "000001"
			}
			return "000000"
		}

		// Four wrong tries count down; the fifth voids the code, after
		// which even the right code is refused.
		p := e.register(newPerson())
		right := e.lastCode(p.Email)
		for left := 4; left >= 1; left-- {
			r := verify(p, "email", wrongCode(right))
			want(t, "wrong code", r, http.StatusUnprocessableEntity, "otp.invalid")
			d := r.errBody(t)
			if d.Params["tries_left"] != strconv.Itoa(left) || !strings.Contains(d.Message, strconv.Itoa(left)) || d.Field != "code" {
				t.Errorf("wrong code: params=%v message=%q field=%q, want %d tries left on field code", d.Params, d.Message, d.Field, left)
			}
		}
		want(t, "fifth wrong code", verify(p, "email", wrongCode(right)), http.StatusUnprocessableEntity, "otp.expired")
		want(t, "right code after five wrong ones", verify(p, "email", right), http.StatusUnprocessableEntity, "otp.expired")
		// The phone code is a separate code with its own tries.
		want(t, "phone code", verify(p, "phone", e.lastCode(p.Phone)), http.StatusOK, "")

		// Resend: refused during the cooldown with Retry-After, accepted
		// after it; only the newest code is valid.
		r := e.post("/v1/accounts/resend", p.Token, map[string]string{"channel": "email"})
		want(t, "resend during the cooldown", r, http.StatusTooManyRequests, "otp.cooldown")
		if ra, err := strconv.Atoi(r.Header.Get("Retry-After")); err != nil || ra < 1 || ra > 60 {
			t.Errorf("Retry-After=%q, want 1..60 seconds", r.Header.Get("Retry-After"))
		}
		e.clock.advance(61 * time.Second)
		want(t, "resend after the cooldown", e.post("/v1/accounts/resend", p.Token, map[string]string{"channel": "email"}), http.StatusAccepted, "")
		fresh := e.lastCode(p.Email)
		if fresh != right {
			// (one chance in a million that the new code equals the old)
			want(t, "voided code after resend", verify(p, "email", right), http.StatusUnprocessableEntity, "otp.invalid")
		}
		want(t, "new code", verify(p, "email", fresh), http.StatusOK, "")
		want(t, "resend once confirmed", e.post("/v1/accounts/resend", p.Token, map[string]string{"channel": "email"}), http.StatusConflict, "otp.already_verified")
		want(t, "resend on an unknown channel", e.post("/v1/accounts/resend", p.Token, map[string]string{"channel": "fax"}), http.StatusUnprocessableEntity, "channel.invalid")
		want(t, "verify on an unknown channel", verify(p, "fax", "123456"), http.StatusUnprocessableEntity, "channel.invalid")
		if got := e.me(p.Token); got.Level != 1 {
			t.Errorf("level after both confirmations = %d, want 1", got.Level)
		}

		// Expiry: ten minutes and one second later the right code is
		// refused as expired.
		q := e.register(newPerson())
		e.clock.advance(10*time.Minute + time.Second)
		want(t, "expired code", verify(q, "phone", e.lastCode(q.Phone)), http.StatusUnprocessableEntity, "otp.expired")
		want(t, "resend after expiry", e.post("/v1/accounts/resend", q.Token, map[string]string{"channel": "phone"}), http.StatusAccepted, "")
		want(t, "code sent after expiry", verify(q, "phone", e.lastCode(q.Phone)), http.StatusOK, "")
	})
}

// TestMalformedRequests sends bodies a hostile or buggy client sends: each
// gets a 4xx naming the problem, never a 500.
func TestMalformedRequests(t *testing.T) {
	eachDB(t, envConfig{}, func(t *testing.T, e *env) {
		for _, tc := range []struct {
			name, body, ctype string
			status            int
			code, mention     string
		}{
			{"cut short", `{"email": "li@example.com",`, "", 400, "request.invalid", "ends too early"},
			{"trailing comma", `{"email": "li@example.com",}`, "", 400, "request.invalid", "malformed JSON at byte"},
			{"not JSON", `email=li@example.com`, "", 400, "request.invalid", "malformed JSON"},
			{"wrong type", `{"email": 5}`, "", 400, "request.invalid", `"email"`},
			{"unknown field", `{"email": "li@example.com", "emial": "x"}`, "", 400, "request.invalid", `"emial"`},
			{"array instead of object", `[]`, "", 400, "request.invalid", "JSON object"},
			{"empty", ``, "", 400, "request.invalid", "empty"},
			{"two objects", `{}{}`, "", 400, "request.invalid", "exactly one"},
			{"form content type", `{}`, "application/x-www-form-urlencoded", 400, "request.invalid", "Content-Type"},
			{"too large", `{"email": "` + strings.Repeat("a", 1<<20) + `"}`, "", 413, "request.too_large", ""},
		} {
			hdr := map[string]string{}
			if tc.ctype != "" {
				hdr["Content-Type"] = tc.ctype
			}
			r := e.do(req{Method: http.MethodPost, Path: "/v1/accounts", Body: tc.body, Header: hdr})
			if r.Status != tc.status || r.code() != tc.code {
				t.Errorf("%s: Status=%d Code=%q, want %d %q; body %.200s", tc.name, r.Status, r.code(), tc.status, tc.code, r.Body)
				continue
			}
			if msg := r.errBody(t).Message; !strings.Contains(msg, tc.mention) {
				t.Errorf("%s: message %q does not mention %q", tc.name, msg, tc.mention)
			}
			if strings.Contains(string(r.Body), "http.") || strings.Contains(string(r.Body), "kycd.") {
				t.Errorf("%s: the answer leaks Go type names: %s", tc.name, r.Body)
			}
		}
		// Unknown paths and methods answer the error shape too.
		want(t, "unknown path", e.get("/v1/nothing-here", ""), http.StatusNotFound, "request.not_found")
		r405 := e.do(req{Method: http.MethodPatch, Path: "/v1/me"})
		want(t, "unknown method", r405, http.StatusMethodNotAllowed, "request.method_not_allowed")
		if got := r405.Header.Get("Allow"); got != "GET, DELETE" {
			t.Errorf("unknown method: Allow=%q, want %q", got, "GET, DELETE")
		}
		// A bogus token is refused the same way as none.
		want(t, "bogus bearer token", e.get("/v1/me", "not-a-token"), http.StatusUnauthorized, "auth.required")
		want(t, "bogus API key", e.get("/v1/admin/accounts/x", "kycdk_not-a-key"), http.StatusUnauthorized, "auth.required")
		// A browser form posted from another site is refused before any
		// handler runs (cross-origin protection).
		r := e.do(req{Method: http.MethodPost, Path: "/v1/sessions", Body: `{}`,
			Header: map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"}})
		want(t, "cross-site POST", r, http.StatusForbidden, "auth.csrf")
	})
}

// TestConcurrentRegistration races registrations of one email (and of one
// phone): exactly one wins, the others get account.exists.
func TestConcurrentRegistration(t *testing.T) {
	eachDB(t, envConfig{}, func(t *testing.T, e *env) {
		const n = 8
		for _, shared := range []string{"email", "phone"} {
			base := newPerson()
			statuses := make([]int, n)
			codes := make([]string, n)
			var wg sync.WaitGroup
			start := make(chan struct{})
			for i := range n {
				p := newPerson()
				if shared == "email" {
					p.Email = base.Email
				} else {
					p.Phone = base.Phone
				}
				body := fmt.Sprintf(`{"email":%q,"phone":%q,"password":%q}`, p.Email, p.Phone, p.Password)
				wg.Add(1)
				go func() {
					defer wg.Done()
					<-start
					res, err := http.Post(e.ts.URL+"/v1/accounts", "application/json", bytes.NewBufferString(body))
					if err != nil {
						codes[i] = err.Error()
						return
					}
					defer res.Body.Close()
					statuses[i] = res.StatusCode
					var b kycdhttp.ErrorBody
					_ = decodeJSON(res, &b)
					codes[i] = b.Error.Code
				}()
			}
			close(start)
			wg.Wait()
			created := 0
			for i := range n {
				switch {
				case statuses[i] == http.StatusCreated:
					created++
				case statuses[i] == http.StatusConflict && codes[i] == "account.exists":
				default:
					t.Errorf("same %s, racer %d: Status=%d Code=%q, want 201 or 409 %q", shared, i, statuses[i], codes[i], "account.exists")
				}
			}
			if created != 1 {
				t.Errorf("same %s: %d registrations succeeded, want exactly 1", shared, created)
			}
		}
		e.auditLen() // the chain stays intact under concurrent appends
	})
}

// TestConcurrentWrongCodes fires many wrong codes at once: the try count
// is kept in the database under a lock, so racing requests cannot buy more
// than the allowed number of guesses.
func TestConcurrentWrongCodes(t *testing.T) {
	eachDB(t, envConfig{}, func(t *testing.T, e *env) {
		p := e.register(newPerson())
		right := e.lastCode(p.Email)
		wrong := "000000"
		if right == wrong {
			wrong = "000001"
		}
		const n = 20
		body := fmt.Sprintf(`{"channel":"email","code":%q}`, wrong)
		counts := map[string]int{}
		var mu sync.Mutex
		var wg sync.WaitGroup
		for range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				hr, _ := http.NewRequest(http.MethodPost, e.ts.URL+"/v1/accounts/verify", strings.NewReader(body))
				hr.Header.Set("Authorization", "Bearer "+p.Token)
				hr.Header.Set("Content-Type", "application/json")
				res, err := http.DefaultClient.Do(hr)
				code := ""
				if err != nil {
					code = err.Error()
				} else {
					var b kycdhttp.ErrorBody
					_ = decodeJSON(res, &b)
					res.Body.Close()
					code = b.Error.Code
				}
				mu.Lock()
				counts[code]++
				mu.Unlock()
			}()
		}
		wg.Wait()
		// Four answers can say "tries left"; every other one must say
		// the code is void.
		if counts["otp.invalid"] != 4 || counts["otp.expired"] != n-4 {
			t.Errorf("%d concurrent wrong codes answered %v, want 4 otp.invalid and %d otp.expired", n, counts, n-4)
		}
		want(t, "right code after the race", e.post("/v1/accounts/verify", p.Token, map[string]string{"channel": "email", "code": right}),
			http.StatusUnprocessableEntity, "otp.expired")
	})
}
