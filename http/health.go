package http

import (
	"context"
	"net/http"
	"time"

	"github.com/kycd/kycd"
)

// handleHealthz says the process is up; it touches nothing else so a load
// balancer's liveness probe never fails because the database is slow.
func (s *Server) handleHealthz(w http.ResponseWriter, r *http.Request, _ kycd.Principal) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// handleReadyz says the instance can serve: database reachable and schema
// current.
func (s *Server) handleReadyz(w http.ResponseWriter, r *http.Request, _ kycd.Principal) {
	ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
	defer cancel()
	if err := s.svc.Store.Ping(ctx); err != nil {
		s.log.WarnContext(r.Context(), "not ready", "err", err)
		s.writeError(w, r, kycd.ErrorWith("unavailable"))
		return
	}
	// detail names optional parts that are off, so an operator sees them
	// without reading the start-up log.
	writeJSON(w, http.StatusOK, map[string]any{"status": "ready",
		"detail": map[string]string{"document_reading": s.svc.Reader.Status()}})
}

func (s *Server) handleMetrics(w http.ResponseWriter, r *http.Request, _ kycd.Principal) {
	s.metricsHandler().ServeHTTP(w, r)
}
