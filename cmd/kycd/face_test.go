package main

import (
	"bytes"
	"context"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestServeWithoutFaceMatching starts the server with no face weights: it
// serves, says once why face matching is off, and /readyz and config dump
// report it.
func TestServeWithoutFaceMatching(t *testing.T) {
	dir := t.TempDir()
	none := filepath.Join(dir, "none")
	s := startServe(t, append([]string{"--dev", "--data", dir, "--face-dir", none}, fastHashing...)...)
	var ready struct {
		Status string
		Detail map[string]string
	}
	if st := s.call("GET", "/readyz", "", nil, &ready); st != http.StatusOK || ready.Status != "ready" || ready.Detail["face_matching"] != "off" {
		t.Errorf("readyz: %d %+v", st, ready)
	}
	if n := strings.Count(s.stderr.String(), "face matching is off"); n != 1 {
		t.Errorf("%d start-up notes about face matching, want 1:\n%s", n, s.stderr.String())
	}
	var out bytes.Buffer
	run(context.Background(), []string{"config", "dump", "--face-dir", none},
		stdio{strings.NewReader(""), &out, &out, func(string) string { return "" }})
	if !regexp.MustCompile(`(?m)^\s*face_matching:\s+"off"$`).MatchString(out.String()) {
		t.Errorf("config dump:\n%s", out.String())
	}
}
