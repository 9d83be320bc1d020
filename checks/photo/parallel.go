package photo

import "sync"

// The check runs on up to cfg.Workers cores. Besides the stages that split
// their own work (decoding, locating, face detection), measurements that
// read only what is already known run beside the stage in front of them:
// their results are put into the metrics and findings at the point where
// they were always added, so the order and the values are those of one
// core doing everything in turn.

// later is a value being worked out beside the caller.
type later[T any] struct {
	wg sync.WaitGroup
	v  T
}

// soon starts f beside the caller (at once with one worker).
func soon[T any](a *analysis, f func() T) *later[T] {
	l := &later[T]{}
	if a.cfg.Workers == 1 {
		l.v = f()
		return l
	}
	l.wg.Add(1)
	go func() {
		defer l.wg.Done()
		l.v = f()
	}()
	return l
}

// get waits for the value.
func (l *later[T]) get() T {
	l.wg.Wait()
	return l.v
}
