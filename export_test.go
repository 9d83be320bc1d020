package kycd

// SetAfterBlobsErased lets tests stop an erasure between deleting its
// blobs and committing its rows: the crash window.
func SetAfterBlobsErased(s *Service, f func() error) { s.afterBlobsErased = f }
