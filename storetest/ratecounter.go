package storetest

import (
	"context"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/kycd/kycd"
)

// RateCounter checks what every kycd.RateCounter must do, whatever keeps
// the counts (the database, Redis): concurrent hits on one key each get
// their own count, keys count apart, and a window restarts once it has
// closed by the caller's clock. It returns the moment after the first
// window closed, for callers that check their own clean-up.
func RateCounter(t *testing.T, c kycd.RateCounter) time.Time {
	t.Helper()
	ctx := context.Background()
	now := time.Date(2026, 11, 30, 6, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	var counts []int
	var wg sync.WaitGroup
	for i := 0; i < 12; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n, start, err := c.Hit(ctx, "login:ip:192.0.2.1", time.Minute, now.Add(time.Duration(i)*time.Millisecond))
			if err != nil {
				t.Error(err)
				return
			}
			if start.Before(now) || start.After(now.Add(12*time.Millisecond)) {
				t.Errorf("window start %v", start)
			}
			mu.Lock()
			counts = append(counts, n)
			mu.Unlock()
		}()
	}
	wg.Wait()
	sort.Ints(counts)
	for i, n := range counts {
		if n != i+1 {
			t.Fatalf("counts %v, want 1..12 each once", counts)
		}
	}
	if n, _, _ := c.Hit(ctx, "login:ip:192.0.2.2", time.Minute, now); n != 1 {
		t.Errorf("another key starts at %d, want 1", n)
	}
	later := now.Add(61 * time.Second)
	n, start, err := c.Hit(ctx, "login:ip:192.0.2.1", time.Minute, later)
	if err != nil || n != 1 || !start.Equal(later) {
		t.Errorf("after the window: count %d start %v (%v), want 1 at %v", n, start, err, later)
	}
	if n, _, _ := c.Hit(ctx, "login:ip:192.0.2.1", time.Minute, later.Add(time.Second)); n != 2 {
		t.Errorf("second hit of the new window: count %d, want 2", n)
	}
	return later
}
