package kycd

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/kycd/kycd/checks/ocr"
	"github.com/kycd/kycd/checks/photo"
)

// DocumentReader reads document photos (checks/ocr) for the service in a
// bounded pool: each read takes a few hundred milliseconds of two cores, so
// at most Workers run at once and the rest wait their turn in the
// background, never in an upload's answer.
type DocumentReader struct {
	engine ocr.Reader
	off    error
	pool   *workPool
}

// NewDocumentReader wraps an opened engine with a pool of workers. When
// engine is nil, reading is off and off says why.
func NewDocumentReader(engine ocr.Reader, off error, workers int) *DocumentReader {
	if engine == nil && off == nil {
		off = ocr.ErrNotInstalled
	}
	return &DocumentReader{engine: engine, off: off, pool: newWorkPool(workers)}
}

// Status is "on" or "off", as /readyz and `kycd config dump` report it.
func (d *DocumentReader) Status() string {
	if d == nil || d.engine == nil {
		return "off"
	}
	return "on"
}

// Off says why reading is off; nil when it is on.
func (d *DocumentReader) Off() error {
	if d == nil {
		return ocr.ErrNotInstalled
	}
	if d.engine == nil {
		return d.off
	}
	return nil
}

// errReadingOff is returned by Read when there is no engine.
var errReadingOff = errors.New("document reading is off")

// Read waits for a free worker, then reads data as a document of kind,
// cut out along the outline the photo check found (found false: none).
func (d *DocumentReader) Read(ctx context.Context, kind string, data []byte, outline photo.Outline, found bool, now time.Time) (ocr.Reading, error) {
	if d.Status() == "off" {
		return ocr.Reading{}, fmt.Errorf("%w: %v", errReadingOff, d.Off())
	}
	if err := d.pool.acquire(ctx); err != nil {
		return ocr.Reading{}, err
	}
	defer d.pool.release()
	return ocr.ReadDocument(d.engine, kind, data, outline, found, now)
}

// begin takes a place in the queue; false when reading is off or the
// queue is full.
func (d *DocumentReader) begin() bool {
	if d.Status() == "off" {
		return false
	}
	return d.pool.begin()
}

func (d *DocumentReader) end() {
	d.pool.end()
}

// Wait returns when every queued read has been stored.
func (d *DocumentReader) Wait() {
	if d != nil {
		d.pool.wait()
	}
}

// Close waits for the queued reads, then releases the engine.
func (d *DocumentReader) Close() error {
	if d == nil || d.engine == nil {
		return nil
	}
	d.pool.wait()
	return d.engine.Close()
}
