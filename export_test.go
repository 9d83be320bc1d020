package kycd

// SetAfterBlobsErased lets tests stop an erasure between deleting its
// blobs and committing its rows: the crash window.
func SetAfterBlobsErased(s *Service, f func() error) { s.afterBlobsErased = f }

// HoldFaceWorkers takes every worker of f until release is called, so that
// a test can submit while a comparison is certainly still waiting.
func HoldFaceWorkers(f *FaceMatcher) (release func()) {
	for range cap(f.pool.slots) {
		f.pool.slots <- struct{}{}
	}
	return func() {
		for range cap(f.pool.slots) {
			<-f.pool.slots
		}
	}
}
