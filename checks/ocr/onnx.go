//go:build cgo

package ocr

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	ort "github.com/yalue/onnxruntime_go"
)

// ONNX Runtime has one environment per process, bound to the first library
// it was pointed at.
var (
	envOnce sync.Once
	envErr  error
)

func initEnv(lib string) error {
	envOnce.Do(func() {
		ort.SetSharedLibraryPath(lib)
		envErr = ort.InitializeEnvironment(ort.WithLogLevelError())
	})
	return envErr
}

// engine runs PP-OCRv4 detection then recognition on each box.
type engine struct {
	det, rec      *ort.DynamicAdvancedSession
	detIn, detOut string
	recIn, recOut string
	dict          []string
}

// Open loads the runtime and the models from cfg.Dir. It fails with an
// error wrapping ErrNotInstalled when something is missing or unusable.
func Open(cfg Config) (Reader, error) {
	if err := missing(cfg.Dir); err != nil {
		return nil, err
	}
	if err := initEnv(filepath.Join(cfg.Dir, "libonnxruntime.so")); err != nil {
		return nil, fmt.Errorf("%w: loading ONNX Runtime: %v; %s", ErrNotInstalled, err, InstallHint)
	}
	raw, err := os.ReadFile(filepath.Join(cfg.Dir, "dict.txt"))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotInstalled, err)
	}
	e := &engine{dict: strings.Split(strings.TrimRight(string(raw), "\n"), "\n")}
	threads := cfg.Threads
	if threads <= 0 {
		threads = 2
	}
	open := func(name string) (*ort.DynamicAdvancedSession, string, string, error) {
		path := filepath.Join(cfg.Dir, name)
		ins, outs, err := ort.GetInputOutputInfo(path)
		if err != nil || len(ins) != 1 || len(outs) != 1 {
			return nil, "", "", fmt.Errorf("%w: %s is not the expected model: %v", ErrNotInstalled, path, err)
		}
		opts, err := ort.NewSessionOptions()
		if err != nil {
			return nil, "", "", err
		}
		defer opts.Destroy()
		if err := opts.SetIntraOpNumThreads(threads); err != nil {
			return nil, "", "", err
		}
		if err := opts.SetInterOpNumThreads(1); err != nil {
			return nil, "", "", err
		}
		s, err := ort.NewDynamicAdvancedSession(path, []string{ins[0].Name}, []string{outs[0].Name}, opts)
		if err != nil {
			return nil, "", "", fmt.Errorf("%w: %s: %v", ErrNotInstalled, path, err)
		}
		return s, ins[0].Name, outs[0].Name, nil
	}
	if e.det, e.detIn, e.detOut, err = open("det.onnx"); err != nil {
		return nil, err
	}
	if e.rec, e.recIn, e.recOut, err = open("rec.onnx"); err != nil {
		e.det.Destroy()
		return nil, err
	}
	return e, nil
}

func (e *engine) Close() error {
	e.det.Destroy()
	return e.rec.Destroy()
}

// Lines detects the text boxes on a copy of img at most 960 pixels a side,
// then recognises each box cut from the full-resolution image.
func (e *engine) Lines(img Image) ([]Line, error) {
	if img.W <= 0 || img.H <= 0 || len(img.Pix) < 3*img.W*img.H {
		return nil, fmt.Errorf("ocr: empty or short image")
	}
	nw, nh := detSize(img.W, img.H)
	in, err := ort.NewTensor(ort.NewShape(1, 3, int64(nh), int64(nw)), detTensor(img, nw, nh))
	if err != nil {
		return nil, err
	}
	defer in.Destroy()
	outs := []ort.Value{nil}
	if err := e.det.Run([]ort.Value{in}, outs); err != nil {
		return nil, fmt.Errorf("ocr: detection: %w", err)
	}
	prob, ok := outs[0].(*ort.Tensor[float32])
	if !ok {
		outs[0].Destroy()
		return nil, fmt.Errorf("ocr: detection gave %T", outs[0])
	}
	sh := prob.GetShape()
	if len(sh) != 4 || int(sh[2]) != nh || int(sh[3]) != nw {
		prob.Destroy()
		return nil, fmt.Errorf("ocr: detection map has shape %v", sh)
	}
	found := boxes(prob.GetData(), nw, nh)
	prob.Destroy()
	sx, sy := float64(img.W)/float64(nw), float64(img.H)/float64(nh)
	var lines []Line
	for _, b := range found {
		for i := range b {
			b[i][0] *= sx
			b[i][1] *= sy
		}
		text, conf, err := e.recognise(img, b)
		if err != nil {
			return nil, err
		}
		if text == "" {
			continue
		}
		lines = append(lines, Line{Text: text, Conf: conf, Box: b})
	}
	return lines, nil
}

func (e *engine) recognise(img Image, box [4][2]float64) (string, float64, error) {
	data, w := recTensor(img, box)
	in, err := ort.NewTensor(ort.NewShape(1, 3, recHeight, int64(w)), data)
	if err != nil {
		return "", 0, err
	}
	defer in.Destroy()
	outs := []ort.Value{nil}
	if err := e.rec.Run([]ort.Value{in}, outs); err != nil {
		return "", 0, fmt.Errorf("ocr: recognition: %w", err)
	}
	defer outs[0].Destroy()
	t, ok := outs[0].(*ort.Tensor[float32])
	if !ok {
		return "", 0, fmt.Errorf("ocr: recognition gave %T", outs[0])
	}
	sh := t.GetShape()
	if len(sh) != 3 || int(sh[2]) != len(e.dict)+2 {
		return "", 0, fmt.Errorf("ocr: recognition output %v does not fit a dictionary of %d", sh, len(e.dict))
	}
	text, conf := ctcDecode(t.GetData(), int(sh[1]), int(sh[2]), e.dict)
	return text, conf, nil
}

// Available reports, without loading anything, whether Open can be
// expected to work with dir: nil, or an error wrapping ErrNotInstalled.
func Available(dir string) error { return missing(dir) }
