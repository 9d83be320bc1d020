package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kycd/kycd/checks/ocr"
	"github.com/kycd/kycd/checks/ocr/synth"
)

func runReadCmd(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), append([]string{"read"}, args...),
		stdio{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(k string) string { return env[k] }})
	return code, out.String(), errb.String()
}

// TestReadCard reads a generated card front with the real engine: exit 0
// and the §5 JSON with the number, name and birth date as printed.
func TestReadCard(t *testing.T) {
	if err := ocr.Available(ocr.Dir()); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("document reading must run in CI: %v", err)
		}
		t.Skip(err)
	}
	g, err := synth.New()
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	jpg, truth, err := g.Card(11, ocr.IDFront, synth.Options{Width: 1632, Height: 1224})
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "card.jpg")
	if err := os.WriteFile(file, jpg, 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := runReadCmd(t, nil, "--kind", "id_front", "--json", file)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var got struct {
		Kind       string
		Fields     map[string]string
		Confidence map[string]float64
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if got.Kind != "id_front" || got.Fields["document_number"] != truth.Number || got.Fields["full_name"] != truth.Name ||
		got.Fields["birth_date"] != truth.BirthDate || got.Confidence["document_number"] <= 0 {
		t.Errorf("read %+v, want %s %s %s", got, truth.Number, truth.Name, truth.BirthDate)
	}
	// Something that is no photo: nothing readable.
	bad := filepath.Join(t.TempDir(), "x.jpg")
	os.WriteFile(bad, []byte("not a photo"), 0o600)
	if code, _, _ := runReadCmd(t, nil, "--kind", "id_front", bad); code != 1 {
		t.Errorf("garbage: exit %d, want 1", code)
	}
}

func TestReadUsageAndNotInstalled(t *testing.T) {
	file := filepath.Join(t.TempDir(), "x.jpg")
	os.WriteFile(file, []byte("\xff\xd8\xff"), 0o600)
	for _, args := range [][]string{{}, {"--kind", "selfie", file}, {"--kind", "id_front"}, {"--kind", "id_front", file, file}} {
		if code, _, _ := runReadCmd(t, nil, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	code, _, stderr := runReadCmd(t, map[string]string{"KYCD_OCR_DIR": t.TempDir()}, "--kind", "id_back", file)
	if code != 2 || !strings.Contains(stderr, "not installed") || !strings.Contains(stderr, "scripts/fetch-ocr.sh") {
		t.Errorf("not installed: exit %d, stderr %q", code, stderr)
	}
}

// TestServeWithoutReading starts the server with no models: it serves,
// says once why reading is off, and /readyz reports it.
func TestServeWithoutReading(t *testing.T) {
	dir := t.TempDir()
	s := startServe(t, append([]string{"--dev", "--data", dir, "--ocr-dir", filepath.Join(dir, "none")}, fastHashing...)...)
	var ready struct {
		Status string
		Detail map[string]string
	}
	if st := s.call("GET", "/readyz", "", nil, &ready); st != http.StatusOK || ready.Status != "ready" || ready.Detail["document_reading"] != "off" {
		t.Errorf("readyz: %d %+v", st, ready)
	}
	if n := strings.Count(s.stderr.String(), "document reading is off"); n != 1 {
		t.Errorf("%d start-up notes about reading, want 1:\n%s", n, s.stderr.String())
	}
	var out bytes.Buffer
	run(context.Background(), []string{"config", "dump", "--ocr-dir", filepath.Join(dir, "none")},
		stdio{strings.NewReader(""), &out, &out, func(string) string { return "" }})
	if !strings.Contains(out.String(), `document_reading:`) || !strings.Contains(out.String(), `"off"`) {
		t.Errorf("config dump:\n%s", out.String())
	}
}
