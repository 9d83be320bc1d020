package http_test

import (
	"net/http"
	"net/netip"
	"strconv"
	"testing"
	"time"

	"github.com/kycd/kycd"
)

// wantLimited checks a 429 with a usable Retry-After header.
func wantLimited(t testing.TB, what string, r resp, window time.Duration) {
	t.Helper()
	want(t, what, r, http.StatusTooManyRequests, "request.rate_limited")
	ra, err := strconv.Atoi(r.Header.Get("Retry-After"))
	if err != nil || ra < 1 || ra > int(window.Seconds()) {
		t.Errorf("%s: Retry-After=%q, want 1..%d seconds", what, r.Header.Get("Retry-After"), int(window.Seconds()))
	}
}

// fromIP sends r as if from ip (the server trusts X-Forwarded-For here).
func fromIP(r req, ip string) req {
	r.Header = map[string]string{"X-Forwarded-For": ip}
	return r
}

// TestRateLimits lowers each limit and checks the caller over it gets 429
// with Retry-After, per client address and per account.
func TestRateLimits(t *testing.T) {
	const max = 2
	rule := kycd.RateRule{Max: max, Window: 10 * time.Minute}
	cfg := envConfig{trustProxy: true, settings: func(s *kycd.Settings) {
		s.RegisterRate, s.LoginRate, s.ResetRate, s.VerifyRate, s.LoginPairRate = rule, rule, rule, rule, rule
	}}
	eachDB(t, cfg, func(t *testing.T, e *env) {
		// Register: per address, whether or not the attempts succeed.
		for i := range max {
			p := newPerson()
			if i == 0 {
				p.Phone = "12345" // a refused attempt counts too
			}
			e.do(fromIP(req{Method: http.MethodPost, Path: "/v1/accounts", Body: p.form()}, "198.51.100.1"))
		}
		wantLimited(t, "register over the limit", e.do(fromIP(req{Method: http.MethodPost, Path: "/v1/accounts", Body: newPerson().form()}, "198.51.100.1")), rule.Window)
		want(t, "register from another address", e.do(fromIP(req{Method: http.MethodPost, Path: "/v1/accounts", Body: newPerson().form()}, "198.51.100.2")),
			http.StatusCreated, "")

		// Login per address: different accounts from one address.
		login := func(email, ip string) resp {
			t.Helper()
			return e.do(fromIP(req{Method: http.MethodPost, Path: "/v1/sessions", Body: map[string]string{"email": email, "password": "wrong password!"}}, ip))
		}
		for range max {
			want(t, "failed login", login(newPerson().Email, "198.51.100.3"), http.StatusUnauthorized, "auth.invalid_credentials")
		}
		wantLimited(t, "login over the per-address limit", login(newPerson().Email, "198.51.100.3"), rule.Window)

		// Guesses per account: TestLoginCannotLockOwner.

		// Password reset requests per address.
		reset := func(ip string) resp {
			t.Helper()
			return e.do(fromIP(req{Method: http.MethodPost, Path: "/v1/password-resets", Body: map[string]string{"email": newPerson().Email}}, ip))
		}
		for range max {
			want(t, "reset request", reset("198.51.100.4"), http.StatusAccepted, "")
		}
		wantLimited(t, "reset over the limit", reset("198.51.100.4"), rule.Window)

		// Code confirmation per account (whatever the address).
		p := e.register(newPerson())
		for range max {
			e.do(fromIP(req{Method: http.MethodPost, Path: "/v1/accounts/verify", Token: p.Token, Body: map[string]string{"channel": "email", "code": "000000"}}, "192.0.2.1"))
		}
		wantLimited(t, "verify over the limit", e.do(fromIP(req{Method: http.MethodPost, Path: "/v1/accounts/verify", Token: p.Token,
			Body: map[string]string{"channel": "email", "code": e.lastCode(p.Email)}}, "192.0.2.2")), rule.Window)
	})
}

// TestClientAddressNotSpoofable checks that without TrustProxyHeaders a
// client cannot dodge the per-address limit by sending X-Forwarded-For.
func TestClientAddressNotSpoofable(t *testing.T) {
	rule := kycd.RateRule{Max: 1, Window: time.Hour}
	eachDB(t, envConfig{settings: func(s *kycd.Settings) { s.RegisterRate = rule }}, func(t *testing.T, e *env) {
		want(t, "first registration", e.do(fromIP(req{Method: http.MethodPost, Path: "/v1/accounts", Body: newPerson().form()}, "198.51.100.1")), http.StatusCreated, "")
		wantLimited(t, "second registration with another X-Forwarded-For", e.do(fromIP(req{Method: http.MethodPost, Path: "/v1/accounts", Body: newPerson().form()}, "198.51.100.2")), rule.Window)
	})
}

// TestForwardedForRotation: behind a trusted proxy, a client that rotates
// the left part of X-Forwarded-For (which it writes itself) is still
// counted at the address the proxy appended, so it cannot dodge the
// per-address limit; a request that does not come from the proxy is
// counted at its peer address whatever it claims.
func TestForwardedForRotation(t *testing.T) {
	rule := kycd.RateRule{Max: 1, Window: time.Hour}
	// The test server's peer is 127.0.0.1: it plays the proxy.
	cfg := envConfig{proxies: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")},
		settings: func(s *kycd.Settings) { s.RegisterRate = rule }}
	eachDB(t, cfg, func(t *testing.T, e *env) {
		register := func(xff string) resp {
			return e.do(fromIP(req{Method: http.MethodPost, Path: "/v1/accounts", Body: newPerson().form()}, xff))
		}
		want(t, "first registration", register("203.0.113.1, 198.51.100.9"), http.StatusCreated, "")
		wantLimited(t, "second with a rotated left part", register("203.0.113.2, 198.51.100.9"), rule.Window)
		want(t, "another real client", register("203.0.113.2, 198.51.100.10"), http.StatusCreated, "")
	})
	cfg.proxies = []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")} // the peer is not a proxy now
	eachDB(t, cfg, func(t *testing.T, e *env) {
		want(t, "first registration", e.do(fromIP(req{Method: http.MethodPost, Path: "/v1/accounts", Body: newPerson().form()}, "198.51.100.1")), http.StatusCreated, "")
		wantLimited(t, "second from the same peer, another claim", e.do(fromIP(req{Method: http.MethodPost, Path: "/v1/accounts", Body: newPerson().form()}, "198.51.100.2")), rule.Window)
	})
}

// TestLoginCannotLockOwner: failed guesses from rotating addresses stop
// each address that failed (after its own budget, or at once when the
// account is under attack) and leave fresh addresses one guess each, but
// never refuse the owner's correct password from a client that has not
// failed — issue 12's "anyone can lock an account", on both databases.
func TestLoginCannotLockOwner(t *testing.T) {
	window := 15 * time.Minute
	cfg := envConfig{trustProxy: true, settings: func(s *kycd.Settings) {
		s.LoginRate = kycd.RateRule{Max: 4, Window: window}     // per address; account failures before "under attack"
		s.LoginPairRate = kycd.RateRule{Max: 2, Window: window} // failures per (account, address)
	}}
	eachDB(t, cfg, func(t *testing.T, e *env) {
		owner := e.register(newPerson())
		login := func(password, ip string) resp {
			t.Helper()
			return e.do(fromIP(req{Method: http.MethodPost, Path: "/v1/sessions", Body: map[string]string{"email": owner.Email, "password": password}}, ip))
		}
		// One address keeps failing: stopped after its own budget, while
		// the account is not under attack yet.
		for range 2 {
			want(t, "failed guess", login("wrong password!", "203.0.113.1"), http.StatusUnauthorized, "auth.invalid_credentials")
		}
		wantLimited(t, "third guess from the same address", login("wrong password!", "203.0.113.1"), window)
		// Rotating addresses put the account under attack (4 failures)...
		for i := 2; i <= 3; i++ {
			want(t, "failed guess", login("wrong password!", "203.0.113."+strconv.Itoa(i)), http.StatusUnauthorized, "auth.invalid_credentials")
		}
		// ...now an address that failed once is stopped at once...
		wantLimited(t, "an address that failed, under attack", login("wrong password!", "203.0.113.2"), window)
		// ...and a fresh address gets one guess, not two.
		want(t, "fresh address, one guess", login("wrong password!", "203.0.113.50"), http.StatusUnauthorized, "auth.invalid_credentials")
		wantLimited(t, "fresh address, second guess", login("wrong password!", "203.0.113.50"), window)
		// Ten more failures from rotating addresses change nothing for
		// the owner: the right password from a client that has not failed.
		for i := 60; i < 70; i++ {
			login("wrong password!", "203.0.113."+strconv.Itoa(i))
		}
		want(t, "the owner's correct login from their own address", login(owner.Password, "198.51.100.200"), http.StatusCreated, "")
	})
}
