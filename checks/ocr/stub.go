//go:build !cgo

package ocr

import "fmt"

// Open always fails in a build without cgo: the ONNX Runtime binding is C.
func Open(cfg Config) (Reader, error) {
	return nil, fmt.Errorf("%w: this kycd was built without cgo (build with CGO_ENABLED=1 and gcc)", ErrNotInstalled)
}

// Available says why document reading cannot run: always, without cgo.
func Available(dir string) error {
	_, err := Open(Config{Dir: dir})
	return err
}
