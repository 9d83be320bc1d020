package thirdparty

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var errNotInstalled = errors.New("not installed")

func TestDirFindsCompleteFolderUpwards(t *testing.T) {
	root := t.TempDir()
	deep := filepath.Join(root, "a", "b")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	// An incomplete folder nearer the start is passed over.
	near := filepath.Join(root, "a", "third_party", "x")
	far := filepath.Join(root, "third_party", "x")
	for _, d := range []string{near, far} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"one", "two"} {
		if err := os.WriteFile(filepath.Join(far, f), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(near, "one"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(deep)
	t.Setenv("KYCD_TEST_DIR", "")
	files := []string{"one", "two"}
	if got := Dir("KYCD_TEST_DIR", "x", files); got != far {
		t.Errorf("Dir = %q, want the complete folder %q", got, far)
	}
	t.Setenv("KYCD_TEST_DIR", "/somewhere")
	if got := Dir("KYCD_TEST_DIR", "x", files); got != "/somewhere" {
		t.Errorf("Dir with the variable set = %q", got)
	}
	if err := Missing(far, files, errNotInstalled, "fetch it"); err != nil {
		t.Errorf("complete folder: %v", err)
	}
	err := Missing(near, files, errNotInstalled, "fetch it")
	if !errors.Is(err, errNotInstalled) || !strings.Contains(err.Error(), "two") || !strings.Contains(err.Error(), "fetch it") {
		t.Errorf("incomplete folder: %v", err)
	}
	if err := Missing("", files, errNotInstalled, "fetch it"); !errors.Is(err, errNotInstalled) {
		t.Errorf("no folder: %v", err)
	}
}
