package kycd

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/kycd/kycd/checks/facematch"
	"github.com/kycd/kycd/checks/ocr"
	"github.com/kycd/kycd/checks/photo"
)

// FaceMatcher finds and describes faces (checks/facematch) for the service
// in a bounded pool: a descriptor costs about a tenth of a second of one
// core and the alignment as much again, so at most Workers run at once and
// the rest wait in the background, never in an upload's answer.
type FaceMatcher struct {
	net    *facematch.Net
	off    error
	slots  chan struct{}
	mu     sync.Mutex
	queued int
	wg     sync.WaitGroup
}

// NewFaceMatcher wraps a loaded network with a pool of workers. When net is
// nil, face matching is off and off says why.
func NewFaceMatcher(net *facematch.Net, off error, workers int) *FaceMatcher {
	if workers <= 0 {
		workers = 1
	}
	if net == nil && off == nil {
		off = facematch.ErrNotInstalled
	}
	return &FaceMatcher{net: net, off: off, slots: make(chan struct{}, workers)}
}

// Status is "on" or "off", as /readyz and `kycd config dump` report it.
func (f *FaceMatcher) Status() string {
	if f == nil || f.net == nil {
		return "off"
	}
	return "on"
}

// Off says why face matching is off; nil when it is on.
func (f *FaceMatcher) Off() error {
	if f == nil {
		return facematch.ErrNotInstalled
	}
	if f.net == nil {
		return f.off
	}
	return nil
}

// errFacesOff is returned by Face when there is no network.
var errFacesOff = errors.New("face matching is off")

// Face waits for a free worker, then finds the face in a photo, cuts it out
// as the network expects and describes it. facematch.ErrNoFace means there
// is none to compare.
func (f *FaceMatcher) Face(ctx context.Context, data []byte) (*facematch.Chip, facematch.Descriptor, error) {
	if f.Status() == "off" {
		return nil, facematch.Descriptor{}, fmt.Errorf("%w: %v", errFacesOff, f.Off())
	}
	select {
	case f.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, facematch.Descriptor{}, ctx.Err()
	}
	defer func() { <-f.slots }()
	pix, w, h, err := photo.DecodeRGB(data, ocr.MaxPixels)
	if err != nil {
		return nil, facematch.Descriptor{}, err
	}
	chip, _, err := facematch.Align(pix, w, h, 0)
	if err != nil {
		return nil, facematch.Descriptor{}, err
	}
	return chip, f.net.Describe(chip), nil
}

// begin takes a place in the queue; false when matching is off or the
// queue is full.
func (f *FaceMatcher) begin() bool {
	if f.Status() == "off" {
		return false
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.queued >= maxQueuedReads {
		return false
	}
	f.queued++
	f.wg.Add(1)
	return true
}

func (f *FaceMatcher) end() {
	f.mu.Lock()
	f.queued--
	f.mu.Unlock()
	f.wg.Done()
}

// Wait returns when every queued comparison has been stored.
func (f *FaceMatcher) Wait() {
	if f != nil {
		f.wg.Wait()
	}
}
