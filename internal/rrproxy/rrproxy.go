// Package rrproxy is a small round-robin reverse proxy for the one-machine
// cluster (deploy/cluster.sh and the cluster tests): each request goes to
// the next backend in turn, so consecutive requests land on different
// instances. A backend that fails its health check (GET /healthz) or
// refuses a connection is skipped, as a load balancer would.
package rrproxy

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// Proxy forwards requests to its backends in turn.
type Proxy struct {
	backends []backend
	next     atomic.Uint64
}

type backend struct {
	health    string
	rp        *httputil.ReverseProxy
	downUntil *atomic.Int64 // Unix nanoseconds
}

// downFor is how long a backend that refused a connection is skipped.
const downFor = 3 * time.Second

// checkTimeout is the least time a health check waits for an answer.
const checkTimeout = 2 * time.Second

// New returns a proxy over backend base URLs (http://127.0.0.1:8081, ...).
func New(urls []string) (*Proxy, error) {
	if len(urls) == 0 {
		return nil, fmt.Errorf("rrproxy: no backends")
	}
	p := &Proxy{}
	for _, s := range urls {
		u, err := url.Parse(s)
		if err != nil || u.Host == "" {
			return nil, fmt.Errorf("rrproxy: backend %q is not a URL", s)
		}
		b := backend{health: strings.TrimSuffix(s, "/") + "/healthz", rp: httputil.NewSingleHostReverseProxy(u), downUntil: new(atomic.Int64)}
		b.rp.ErrorHandler = func(w http.ResponseWriter, r *http.Request, err error) {
			b.downUntil.Store(time.Now().Add(downFor).UnixNano())
			http.Error(w, "backend unavailable", http.StatusBadGateway)
		}
		p.backends = append(p.backends, b)
	}
	return p, nil
}

// ServeHTTP implements http.Handler. The response names the backend that
// answered (X-Kycd-Backend, its index), so tests can see the spread.
func (p *Proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	now := time.Now().UnixNano()
	n := uint64(len(p.backends))
	start := p.next.Add(1) - 1
	i := start % n
	for k := uint64(0); k < n; k++ {
		if c := (start + k) % n; p.backends[c].downUntil.Load() < now {
			i = c
			break
		}
	}
	w.Header().Set("X-Kycd-Backend", strconv.FormatUint(i, 10))
	p.backends[i].rp.ServeHTTP(w, r)
}

// Check probes every backend's /healthz each interval until ctx ends; a
// backend that does not answer 200 is skipped until it does again.
func (p *Proxy) Check(ctx context.Context, every time.Duration) {
	// A slow answer is not a dead instance: on a loaded machine /healthz
	// can take longer than a short interval, and skipping a live instance
	// would break the round robin the tests rely on. A killed instance
	// refuses the connection at once, whatever the timeout.
	c := &http.Client{Timeout: max(every, checkTimeout)}
	for {
		for _, b := range p.backends {
			res, err := c.Get(b.health)
			if err == nil {
				res.Body.Close()
			}
			if err != nil || res.StatusCode != http.StatusOK {
				b.downUntil.Store(time.Now().Add(downFor).UnixNano())
			} else {
				b.downUntil.Store(0)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(every):
		}
	}
}

// Down reports whether backend i is being skipped.
func (p *Proxy) Down(i int) bool { return p.backends[i].downUntil.Load() > time.Now().UnixNano() }
