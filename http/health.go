package http

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/kycd/kycd"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// DefaultMinFreeBytes is the free space below which /readyz fails: enough
// for a few dozen uploads in flight and the database's own growth.
const DefaultMinFreeBytes = 512 << 20

// handleHealthz says the process is up; it touches nothing else so a load
// balancer's liveness probe never fails because the database is slow.
func (s *Server) handleHealthz(w http.ResponseWriter, r *http.Request, _ kycd.Principal) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// handleReadyz says the instance can serve: database reachable and schema
// current, and the data directory writable with room to spare, so a load
// balancer stops sending uploads to an instance that would refuse them.
func (s *Server) handleReadyz(w http.ResponseWriter, r *http.Request, _ kycd.Principal) {
	ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
	defer cancel()
	if err := s.svc.Store.Ping(ctx); err != nil {
		s.log.WarnContext(r.Context(), "not ready", "err", err)
		s.writeError(w, r, kycd.ErrorWith("unavailable"))
		return
	}
	if s.opt.DataDir != "" {
		min := s.opt.MinFreeBytes
		if min == 0 {
			min = DefaultMinFreeBytes
		}
		if err := checkDataDir(s.opt.DataDir, min); err != nil {
			s.log.WarnContext(r.Context(), "not ready", "err", err)
			s.writeError(w, r, kycd.ErrorWith("unavailable"))
			return
		}
	}
	// detail names optional parts that are off, so an operator sees them
	// without reading the start-up log.
	writeJSON(w, http.StatusOK, map[string]any{"status": "ready",
		"detail": map[string]string{"document_reading": s.svc.Reader.Status(), "face_matching": s.svc.Faces.Status()}})
}

// checkDataDir writes and removes a probe file in dir, then checks the
// free space of its filesystem.
func checkDataDir(dir string, minFree uint64) error {
	f, err := os.CreateTemp(dir, ".ready-*")
	if err != nil {
		return fmt.Errorf("data directory not writable: %w", err)
	}
	name := f.Name()
	_, werr := f.Write([]byte("ok"))
	cerr := f.Close()
	os.Remove(name)
	if err := errors.Join(werr, cerr); err != nil {
		return fmt.Errorf("data directory not writable: %w", err)
	}
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return fmt.Errorf("data directory: %w", err)
	}
	if free := st.Bavail * uint64(st.Bsize); free < minFree {
		return fmt.Errorf("data directory nearly full: %d bytes free, want at least %d", free, minFree)
	}
	return nil
}

// Metrics serves GET /metrics (Prometheus text) for a listener of its own
// (serve's --metrics-addr). It is not on the public port: request counts,
// latencies and refusal rates tell an attacker how the service is doing
// and whether a probe is being noticed.
func (s *Server) Metrics() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(s.reg, promhttp.HandlerOpts{}))
	return s.withSecurityHeaders(mux)
}

// retentionCollector exports what this instance's retention runs erased,
// by data class. Only the instance holding the retention job counts, so
// the deployment's figure is the sum over instances (as for any counter).
type retentionCollector struct {
	svc  *kycd.Service
	desc *prometheus.Desc
}

func newRetentionCollector(svc *kycd.Service) retentionCollector {
	return retentionCollector{svc: svc, desc: prometheus.NewDesc("kycd_retention_erased_total",
		"Items erased by the retention policy since the process started, by data class.", []string{"class"}, nil)}
}

func (c retentionCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

func (c retentionCollector) Collect(ch chan<- prometheus.Metric) {
	for class, n := range c.svc.RetentionErased() {
		ch <- prometheus.MustNewConstMetric(c.desc, prometheus.CounterValue, float64(n), string(class))
	}
}
