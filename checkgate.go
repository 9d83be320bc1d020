package kycd

import (
	"context"
	"fmt"
	"runtime"
	"strconv"
	"sync"
	"time"
)

// CheckLimits bound the photo and video checks: they decode whole images
// and videos, so a handful at once can take every core and most of the
// memory of a small server.
type CheckLimits struct {
	// Slots is how many checks run at once, server-wide (default: the
	// number of CPUs).
	Slots int
	// Queue is how many more may wait for a slot; beyond it a request is
	// refused at once with server.busy.
	Queue int
	// Wait is the longest a check waits for a slot before server.busy.
	Wait time.Duration
	// PerAccount is how many checks one account may have running or
	// waiting at once.
	PerAccount int
	// PhotoBudget and VideoBudget bound one check's running time; past it
	// the request answers server.busy (the check itself still finishes in
	// its slot, so the bound on work holds).
	PhotoBudget, VideoBudget time.Duration
}

// DefaultCheckLimits size the gate to the machine.
func DefaultCheckLimits() CheckLimits {
	n := runtime.NumCPU()
	return CheckLimits{Slots: n, Queue: 4 * n, Wait: 3 * time.Second, PerAccount: 2,
		PhotoBudget: 10 * time.Second, VideoBudget: 60 * time.Second}
}

// CheckGate admits photo and video checks under CheckLimits.
type CheckGate struct {
	lim     CheckLimits
	slots   chan struct{}
	mu      sync.Mutex
	waiting int
	account map[string]int
}

// NewCheckGate returns a gate; zero fields of lim take the defaults.
func NewCheckGate(lim CheckLimits) *CheckGate {
	def := DefaultCheckLimits()
	if lim.Slots <= 0 {
		lim.Slots = def.Slots
	}
	if lim.Queue < 0 {
		lim.Queue = 0
	}
	if lim.Wait <= 0 {
		lim.Wait = def.Wait
	}
	if lim.PerAccount <= 0 {
		lim.PerAccount = def.PerAccount
	}
	if lim.PhotoBudget <= 0 {
		lim.PhotoBudget = def.PhotoBudget
	}
	if lim.VideoBudget <= 0 {
		lim.VideoBudget = def.VideoBudget
	}
	return &CheckGate{lim: lim, slots: make(chan struct{}, lim.Slots), account: map[string]int{}}
}

// Limits returns the gate's limits.
func (g *CheckGate) Limits() CheckLimits { return g.lim }

// busy is the refusal when the gate cannot take a check now; retry_after
// is a hint in whole seconds.
func (g *CheckGate) busy(why string) error {
	e := ErrorWith("server.busy", "retry_after", strconv.Itoa(max(1, int(g.lim.Wait/time.Second))))
	e.Detail = why
	return e
}

// Do runs check for account when a slot is free, within budget. It
// answers server.busy when the account already has PerAccount checks in
// hand, when the queue is full or the wait too long, and when the check
// overruns its budget.
func (g *CheckGate) Do(ctx context.Context, account string, budget time.Duration, check func(context.Context)) error {
	if g == nil {
		check(ctx)
		return nil
	}
	g.mu.Lock()
	switch {
	case g.account[account] >= g.lim.PerAccount:
		g.mu.Unlock()
		return g.busy("per-account limit")
	case len(g.slots) == cap(g.slots) && g.waiting >= g.lim.Queue:
		g.mu.Unlock()
		return g.busy("queue full")
	}
	g.account[account]++
	g.waiting++
	g.mu.Unlock()
	leave := func() {
		g.mu.Lock()
		if g.account[account]--; g.account[account] <= 0 {
			delete(g.account, account)
		}
		g.mu.Unlock()
	}
	unqueue := func() {
		g.mu.Lock()
		g.waiting--
		g.mu.Unlock()
	}
	wait := time.NewTimer(g.lim.Wait)
	defer wait.Stop()
	select {
	case g.slots <- struct{}{}:
		unqueue()
	case <-wait.C:
		unqueue()
		leave()
		return g.busy("no slot within the wait")
	case <-ctx.Done():
		unqueue()
		leave()
		return ctx.Err()
	}
	cctx, cancel := context.WithTimeout(ctx, budget)
	defer cancel()
	done := make(chan error, 1)
	go func() {
		defer func() {
			<-g.slots
			leave()
			if p := recover(); p != nil {
				done <- fmt.Errorf("check panicked: %v", p)
			}
			close(done)
		}()
		check(cctx)
	}()
	select {
	case err := <-done:
		return err
	case <-cctx.Done():
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return g.busy("check over its time budget")
	}
}
