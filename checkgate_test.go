package kycd

import (
	"context"
	"sync"
	"testing"
	"time"
)

// TestCheckGate (issue 12 item 1): checks run at most Slots at once; more
// wait in a bounded queue for a bounded time; an account holds at most
// PerAccount; a check over its budget is answered busy while it keeps its
// slot until it ends.
func TestCheckGate(t *testing.T) {
	t.Parallel()
	g := NewCheckGate(CheckLimits{Slots: 2, Queue: 1, Wait: 150 * time.Millisecond, PerAccount: 1})
	release := make(chan struct{})
	var running sync.WaitGroup
	running.Add(2)
	for _, acct := range []string{"a", "b"} {
		go g.Do(context.Background(), acct, time.Minute, func(context.Context) { running.Done(); <-release })
	}
	running.Wait()
	busy := func(what string, err error) {
		t.Helper()
		if ErrorCode(err) != "server.busy" {
			t.Errorf("%s: %v, want server.busy", what, err)
		}
	}
	busy("same account again", g.Do(context.Background(), "a", time.Minute, func(context.Context) {}))
	// c waits in the queue (the one place), d finds it full.
	cerr := make(chan error)
	start := time.Now()
	go func() { cerr <- g.Do(context.Background(), "c", time.Minute, func(context.Context) {}) }()
	time.Sleep(30 * time.Millisecond)
	busy("queue full", g.Do(context.Background(), "d", time.Minute, func(context.Context) {}))
	busy("waited too long", <-cerr)
	if d := time.Since(start); d < 150*time.Millisecond {
		t.Errorf("gave up after %v, want the 150 ms wait", d)
	}
	close(release)

	// Over its budget: busy, and the slot stays taken until the check ends.
	g = NewCheckGate(CheckLimits{Slots: 1, Queue: 0, Wait: 50 * time.Millisecond, PerAccount: 1})
	stop := make(chan struct{})
	busy("over budget", g.Do(context.Background(), "a", 20*time.Millisecond, func(context.Context) { <-stop }))
	busy("slot still held by the overrunning check", g.Do(context.Background(), "b", time.Minute, func(context.Context) {}))
	close(stop)
	time.Sleep(20 * time.Millisecond)
	ran := false
	if err := g.Do(context.Background(), "b", time.Minute, func(context.Context) { ran = true }); err != nil || !ran {
		t.Errorf("after the check ended: %v ran=%v, want the slot free", err, ran)
	}
}
