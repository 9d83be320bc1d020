package facematch

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// ErrNotInstalled means face matching cannot run here: the recognition
// weights are not on this machine. The wrapped message says how to get them.
var ErrNotInstalled = errors.New("face matching is not installed")

// InstallHint is what to run to get the weights.
const InstallHint = "run scripts/fetch-face.sh (needs npm; puts face-api's recognition weights in third_party/face, or in $KYCD_FACE_DIR)"

// modelFiles are what LoadNet reads from the model directory.
var modelFiles = []string{ManifestFile, "face_recognition_model.bin"}

// Available reports why the model in dir cannot be loaded (wrapping
// ErrNotInstalled), or nil when its files are there.
func Available(dir string) error {
	if dir == "" {
		return fmt.Errorf("%w: no model directory found; %s", ErrNotInstalled, InstallHint)
	}
	for _, f := range modelFiles {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			return fmt.Errorf("%w: %s is missing; %s", ErrNotInstalled, filepath.Join(dir, f), InstallHint)
		}
	}
	return nil
}

// Dir returns where the weights are: $KYCD_FACE_DIR when set, else the first
// third_party/face with the files found from the working directory upwards
// or next to the executable; "" when none has them.
func Dir() string {
	if d := os.Getenv("KYCD_FACE_DIR"); d != "" {
		return d
	}
	var starts []string
	if wd, err := os.Getwd(); err == nil {
		starts = append(starts, wd)
	}
	if exe, err := os.Executable(); err == nil {
		starts = append(starts, filepath.Dir(exe))
	}
	for _, s := range starts {
		for d := s; ; d = filepath.Dir(d) {
			c := filepath.Join(d, "third_party", "face")
			if Available(c) == nil {
				return c
			}
			if filepath.Dir(d) == d {
				break
			}
		}
	}
	return ""
}
