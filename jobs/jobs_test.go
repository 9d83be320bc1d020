package jobs

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kycd/kycd"
)

// memLocker is one job lock and schedule shared by runners in this
// process, standing in for the database; kill ends the holder's lock as a
// dead instance's connection would.
type memLocker struct {
	mu      sync.Mutex
	held    *memLock
	lastRun time.Time
}

type memLock struct {
	l    *memLocker
	lost chan struct{}
}

func (l *memLocker) TryLock(context.Context, string) (kycd.JobLock, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.held != nil {
		return nil, nil
	}
	l.held = &memLock{l: l, lost: make(chan struct{})}
	return l.held, nil
}

func (l *memLocker) JobLastRun(context.Context, string) (time.Time, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.lastRun, nil
}

func (l *memLocker) SetJobLastRun(_ context.Context, _ string, t time.Time) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lastRun = t
	return nil
}

// kill ends the current hold without Release.
func (l *memLocker) kill() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.held != nil {
		close(l.held.lost)
		l.held = nil
	}
}

func (m *memLock) Lost() <-chan struct{} { return m.lost }

func (m *memLock) Release() {
	m.l.mu.Lock()
	defer m.l.mu.Unlock()
	if m.l.held == m {
		m.l.held = nil
	}
}

// TestTakeOverWaitsForTheSchedule: the holder dies in the middle of a run
// (injected: its lock is lost while the job runs); the instance that takes
// the job over waits for the next due time instead of running it again at
// once. Recording the run only after it finished left that slot open.
func TestTakeOverWaitsForTheSchedule(t *testing.T) {
	locker := &memLocker{}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	var runs atomic.Int32
	inRun := make(chan struct{}, 10)
	job := Job{Name: "refresh", Interval: time.Hour, Run: func(ctx context.Context) error {
		runs.Add(1)
		inRun <- struct{}{}
		<-ctx.Done() // the work goes on until the holder dies
		return ctx.Err()
	}}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// The first instance dies mid-run (its process ends: its context and
	// its lock); a second one starts polling.
	actx, stopA := context.WithCancel(ctx)
	a := &Runner{Locker: locker, Log: log, Poll: 10 * time.Millisecond}
	a.Start(actx, job)
	<-inRun
	stopA()
	locker.kill()
	b := &Runner{Locker: locker, Log: log, Poll: 10 * time.Millisecond}
	b.Start(ctx, job)
	select {
	case <-inRun:
		t.Fatalf("the job ran again at once after its holder died (%d runs); the schedule says in an hour", runs.Load())
	case <-time.After(300 * time.Millisecond):
	}
	if runs.Load() != 1 {
		t.Errorf("runs = %d, want 1", runs.Load())
	}
}
