package http

import (
	"context"
	"errors"
	"net"
	"net/http"
	"time"
)

// DrainTimeout is how long requests still running when the grace period
// ends get to wrap up once their contexts are cancelled: long enough for
// an upload to seal and record the bytes that arrived.
const DrainTimeout = 5 * time.Second

// Serve serves hs on ln until ctx ends, then shuts down in two steps: no new
// connections, and the requests in flight get grace to finish; past it
// their contexts are cancelled (an upload then stores what arrived, as on a
// cut connection) and they get DrainTimeout to do so. It returns nil after
// a clean shutdown and Serve's error when serving failed.
func Serve(ctx context.Context, hs *http.Server, ln net.Listener, grace time.Duration) error {
	base, cancel := context.WithCancel(context.Background())
	defer cancel()
	hs.BaseContext = func(net.Listener) context.Context { return base }
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, scancel := context.WithTimeout(context.Background(), grace)
	defer scancel()
	err := hs.Shutdown(sctx)
	if err == nil || !errors.Is(err, context.DeadlineExceeded) {
		return ignoreClosed(err)
	}
	cancel()
	dctx, dcancel := context.WithTimeout(context.Background(), DrainTimeout)
	defer dcancel()
	return ignoreClosed(hs.Shutdown(dctx))
}

func ignoreClosed(err error) error {
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}
