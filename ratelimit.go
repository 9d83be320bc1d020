package kycd

import (
	"context"
	"math"
	"sync"
	"time"
)

// RateRule allows Max events per Window for one key.
type RateRule struct {
	Max    int           `json:"max"`
	Window time.Duration `json:"window"`
}

// RateLimiter counts events per key in fixed windows. With a Counter (the
// database or Redis, given as Options.RateCounter) the count is shared by every instance, so a
// limit of N holds behind a load balancer; without one it counts in this
// process's memory, which is also the fallback while the Counter fails (a
// bound per instance is better than none).
type RateLimiter struct {
	Counter RateCounter

	mu      sync.Mutex
	now     func() time.Time
	buckets map[string]*bucket
	sweep   time.Time
}

type bucket struct {
	start time.Time
	count int
}

// NewRateLimiter returns a limiter using now as its clock.
func NewRateLimiter(now func() time.Time) *RateLimiter {
	return &RateLimiter{now: now, buckets: map[string]*bucket{}}
}

// Allow records one event for key and returns 0 when allowed, or how long
// the caller must wait.
func (l *RateLimiter) Allow(key string, r RateRule) time.Duration {
	if r.Max <= 0 {
		return 0
	}
	now := l.now()
	if l.Counter != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		count, start, err := l.Counter.Hit(ctx, key, r.Window, now)
		cancel()
		if err == nil {
			if count > r.Max {
				return start.Add(r.Window).Sub(now)
			}
			return 0
		}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.sweep) > time.Minute {
		// Drop finished windows so the map cannot grow without bound.
		for k, b := range l.buckets {
			if now.Sub(b.start) > time.Hour {
				delete(l.buckets, k)
			}
		}
		l.sweep = now
	}
	b := l.buckets[key]
	if b == nil || now.Sub(b.start) >= r.Window {
		b = &bucket{start: now}
		l.buckets[key] = b
	}
	if b.count >= r.Max {
		return b.start.Add(r.Window).Sub(now)
	}
	b.count++
	return 0
}

// Peek returns, without recording anything, how many events key has in
// r's current window and how long it must wait before the next one is
// allowed (0 = now).
func (l *RateLimiter) Peek(key string, r RateRule) (int, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.buckets[key]
	now := l.now()
	if b == nil || now.Sub(b.start) >= r.Window {
		return 0, 0
	}
	if r.Max > 0 && b.count >= r.Max {
		return b.count, b.start.Add(r.Window).Sub(now)
	}
	return b.count, 0
}

// Record counts one event for key in r's window without refusing it.
func (l *RateLimiter) Record(key string, r RateRule) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b := l.buckets[key]
	if b == nil || now.Sub(b.start) >= r.Window {
		b = &bucket{start: now}
		l.buckets[key] = b
	}
	b.count++
}

// The password-guessing policy. Counting failures per account alone lets
// anyone lock an account by failing on purpose from rotating addresses;
// counting per client alone lets a botnet guess without end. So:
//   - each (account, client) pair has its own budget of failures
//     (LoginPairRate): a client that keeps failing is stopped;
//   - when the account's failures from all clients pass LoginRate.Max in
//     the window, the account is under attack, and every client that has
//     already failed on it is stopped — a fresh address gets one guess,
//     which slows a botnet to one guess per address per window;
//   - a client that has not failed on the account is never refused by
//     these counts, so the owner's correct login from their own device
//     goes through whatever an attacker does elsewhere.
// The per-address limit (LoginRate, all accounts) is separate.

func loginPairKey(account, client string) string { return "login:fail:" + account + "|" + client }
func loginAcctKey(account string) string         { return "login:fail:" + account }

// loginGate refuses a guess from client on account under the policy above.
func (s *Service) loginGate(account, client string) error {
	pair, wait := s.Limiter.Peek(loginPairKey(account, client), s.Settings.LoginPairRate)
	if wait > 0 {
		return rateLimited(wait)
	}
	if pair == 0 {
		return nil
	}
	if _, wait := s.Limiter.Peek(loginAcctKey(account), s.Settings.LoginRate); wait > 0 {
		return rateLimited(wait)
	}
	return nil
}

// loginFailed records a wrong guess from client on account.
func (s *Service) loginFailed(account, client string) {
	s.Limiter.Record(loginPairKey(account, client), s.Settings.LoginPairRate)
	s.Limiter.Record(loginAcctKey(account), s.Settings.LoginRate)
}

// rateLimited builds the request.rate_limited error with whole seconds.
func rateLimited(wait time.Duration) *Error {
	secs := int64(math.Ceil(wait.Seconds()))
	if secs < 1 {
		secs = 1
	}
	return ErrorWith("request.rate_limited", "retry_after", itoa(secs))
}
