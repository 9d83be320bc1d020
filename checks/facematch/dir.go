package facematch

import (
	"errors"

	"github.com/kycd/kycd/internal/thirdparty"
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
	return thirdparty.Missing(dir, modelFiles, ErrNotInstalled, InstallHint)
}

// Dir returns where the weights are: $KYCD_FACE_DIR when set, else the first
// third_party/face with the files found from the working directory upwards
// or next to the executable; "" when none has them.
func Dir() string { return thirdparty.Dir("KYCD_FACE_DIR", "face", modelFiles) }
