// Package jobs runs kycd's periodic work (list refresh, sweeps) on exactly
// one instance at a time. Every instance runs the same loop; the job's
// lock in the database picks who works, and the schedule, also in the
// database, survives the holder: an instance that takes a job over from a
// dead one waits for the job's next due time instead of running it again.
package jobs

import (
	"context"
	"log/slog"
	"time"

	"github.com/kycd/kycd"
)

// Job is one periodic task.
type Job struct {
	Name     string
	Interval time.Duration
	Run      func(ctx context.Context) error
}

// Runner runs jobs under locks.
type Runner struct {
	Locker kycd.JobLocker
	Log    *slog.Logger
	// Poll is how often an instance that does not hold a job's lock tries
	// to take it: the longest a job waits after its holder died.
	Poll time.Duration
	Now  func() time.Time
}

// Start runs j on this instance whenever it holds j's lock, until ctx
// ends. It returns at once.
func (r *Runner) Start(ctx context.Context, j Job) {
	go r.loop(ctx, j)
}

func (r *Runner) now() time.Time {
	if r.Now != nil {
		return r.Now()
	}
	return time.Now()
}

func (r *Runner) loop(ctx context.Context, j Job) {
	poll := r.Poll
	if poll <= 0 {
		poll = 10 * time.Second
	}
	for {
		lock, err := r.Locker.TryLock(ctx, j.Name)
		if err != nil && ctx.Err() == nil {
			r.Log.Warn("job lock", "job", j.Name, "err", err)
		}
		if lock != nil {
			r.Log.Info("job taken", "job", j.Name)
			r.hold(ctx, j, lock)
			lock.Release()
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(poll):
		}
	}
}

// hold runs j on schedule while the lock holds.
func (r *Runner) hold(ctx context.Context, j Job, lock kycd.JobLock) {
	for {
		last, err := r.Locker.JobLastRun(ctx, j.Name)
		if err != nil {
			r.Log.Warn("job schedule", "job", j.Name, "err", err)
			return
		}
		if wait := last.Add(j.Interval).Sub(r.now()); wait > 0 {
			select {
			case <-ctx.Done():
				return
			case <-lock.Lost():
				r.Log.Warn("job lock lost", "job", j.Name)
				return
			case <-time.After(wait):
			}
			continue
		}
		// The run is recorded before it starts: an instance that dies
		// between the job's work and this record would otherwise leave
		// the slot open, and the one taking over would run the job again
		// at once (a second list import 0.1 s after the first).
		started := r.now()
		if err := r.Locker.SetJobLastRun(ctx, j.Name, started); err != nil {
			r.Log.Warn("job schedule", "job", j.Name, "err", err)
			return
		}
		jctx, cancel := context.WithCancel(ctx)
		done := make(chan error, 1)
		go func() { done <- j.Run(jctx) }()
		select {
		case err = <-done:
		case <-lock.Lost():
			// Another instance may start the job now: stop ours.
			cancel()
			<-done
			r.Log.Warn("job lock lost during a run", "job", j.Name)
			return
		}
		cancel()
		// A failed run counts too: it retries at the next due time, as
		// the job's own error handling expects (a list that fails to
		// download keeps its previous version).
		if err != nil {
			r.Log.Error("job failed", "job", j.Name, "err", err)
		}
	}
}
