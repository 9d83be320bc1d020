package web_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestBundleUpToDate rebuilds static/app.js from src/ with the pinned
// packages and fails when the committed bundle differs, so a change to the
// sources cannot ship without its bundle (and a hand-edited bundle cannot
// ship at all). Without Node.js it skips, unless CI is set.
func TestBundleUpToDate(t *testing.T) {
	if testing.Short() {
		t.Skip("rebuilds the bundle with npm")
	}
	if _, err := exec.LookPath("npm"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("CI is set but npm is not installed: the bundle cannot be checked")
		}
		t.Skip("npm not installed")
	}
	out := filepath.Join(t.TempDir(), "app.js")
	cmd := exec.Command("./build.sh")
	cmd.Env = append(os.Environ(), "OUT="+out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build.sh: %v\n%s", err, b)
	}
	built, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	committed, err := os.ReadFile("static/app.js")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(built, committed) {
		t.Fatalf("static/app.js is stale (%d bytes committed, %d rebuilt): run web/build.sh and commit the result", len(committed), len(built))
	}
}
