package kycd

import (
	"context"
	"time"
)

// RateCounter keeps a RateLimiter's counts. The default counts in memory,
// per instance; one shared by every instance (the database) makes a limit
// of N hold across the whole deployment.
type RateCounter interface {
	// Hit records one event for key and returns the number of events in
	// the key's current window, this one included, and when that window
	// started. A window opens with the first event after the last one
	// closed and lasts window.
	Hit(ctx context.Context, key string, window time.Duration, now time.Time) (count int, start time.Time, err error)
}

// JobLock is an instance's hold on one periodic job.
type JobLock interface {
	// Lost is closed when the hold ends without Release (the database
	// connection broke): the job must stop, another instance may start.
	Lost() <-chan struct{}
	Release()
}

// JobLocker elects one instance per periodic job and keeps each job's
// schedule where every instance sees it.
type JobLocker interface {
	// TryLock takes the named job's lock unless a live instance holds it
	// (then nil, nil). The lock dies with the holder's process.
	TryLock(ctx context.Context, name string) (JobLock, error)
	// JobLastRun is when the job's last run started (zero time
	// when it never ran).
	JobLastRun(ctx context.Context, name string) (time.Time, error)
	SetJobLastRun(ctx context.Context, name string, t time.Time) error
}
