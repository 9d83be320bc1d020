package kycd

import (
	"math"
	"sync"
	"time"
)

// RateRule allows Max events per Window for one key.
type RateRule struct {
	Max    int           `json:"max"`
	Window time.Duration `json:"window"`
}

// RateLimiter counts events per key in fixed windows. It is per instance:
// behind a load balancer each instance enforces its own share, which bounds
// abuse without a shared store on the hot path. Correctness rules that must
// hold across instances (one-time code tries) live in the database instead.
type RateLimiter struct {
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
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
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

// rateLimited builds the request.rate_limited error with whole seconds.
func rateLimited(wait time.Duration) *Error {
	secs := int64(math.Ceil(wait.Seconds()))
	if secs < 1 {
		secs = 1
	}
	return ErrorWith("request.rate_limited", "retry_after", itoa(secs))
}
