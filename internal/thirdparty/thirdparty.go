// Package thirdparty finds the files kycd fetches rather than builds (ONNX
// Runtime and the OCR models, the face-recognition weights): scripts put
// them in third_party/NAME of the checkout, an operator may point an
// environment variable elsewhere.
package thirdparty

import (
	"fmt"
	"os"
	"path/filepath"
)

// Missing reports the first of files absent from dir, wrapping
// notInstalled and saying how to install them (hint); nil when all are
// there.
func Missing(dir string, files []string, notInstalled error, hint string) error {
	if dir == "" {
		return fmt.Errorf("%w: no directory found; %s", notInstalled, hint)
	}
	for _, f := range files {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			return fmt.Errorf("%w: %s is missing; %s", notInstalled, filepath.Join(dir, f), hint)
		}
	}
	return nil
}

// Dir returns $env when it is set; else the first third_party/name holding
// every one of files, looking from the working directory upwards and then
// next to the executable (tests run in a package's folder, an installed
// binary may sit beside its data); "" when none has them.
func Dir(env, name string, files []string) string {
	if d := os.Getenv(env); d != "" {
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
			c := filepath.Join(d, "third_party", name)
			if complete(c, files) {
				return c
			}
			if filepath.Dir(d) == d {
				break
			}
		}
	}
	return ""
}

func complete(dir string, files []string) bool {
	for _, f := range files {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			return false
		}
	}
	return true
}
