package kycd

import (
	"context"
	"sync"
)

// workPool bounds one kind of background work on photos (document reading,
// face matching): at most its workers run at once, at most maxQueuedReads
// wait, each holding a photo's bytes in memory (beyond that a photo is left
// to the desk), and wait returns when everything queued has finished.
type workPool struct {
	slots  chan struct{}
	mu     sync.Mutex
	queued int
	wg     sync.WaitGroup
}

func newWorkPool(workers int) *workPool {
	return &workPool{slots: make(chan struct{}, max(1, workers))}
}

// begin takes a place in the queue; false when the queue is full.
func (p *workPool) begin() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.queued >= maxQueuedReads {
		return false
	}
	p.queued++
	p.wg.Add(1)
	return true
}

// end gives the place back when the queued work is done.
func (p *workPool) end() {
	p.mu.Lock()
	p.queued--
	p.mu.Unlock()
	p.wg.Done()
}

// acquire waits for a free worker; release gives it back.
func (p *workPool) acquire(ctx context.Context) error {
	select {
	case p.slots <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (p *workPool) release() { <-p.slots }

// wait returns when every queued piece of work has ended.
func (p *workPool) wait() { p.wg.Wait() }
