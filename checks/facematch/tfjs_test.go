package facematch

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"os"
	"testing"
)

func shards(files map[string][]byte) func(string) ([]byte, error) {
	return func(p string) ([]byte, error) {
		b, ok := files[p]
		if !ok {
			return nil, os.ErrNotExist
		}
		return b, nil
	}
}

// TestDecodeWeights: each stored form decodes as TensorFlow.js decodes it,
// across a group split over two shards.
func TestDecodeWeights(t *testing.T) {
	manifest := `[{"paths":["a.bin","b.bin"],"weights":[
	  {"name":"f32","shape":[2],"dtype":"float32"},
	  {"name":"i32","shape":[1],"dtype":"int32"},
	  {"name":"q8","shape":[3],"dtype":"float32","quantization":{"dtype":"uint8","scale":0.5,"min":-1}},
	  {"name":"q16","shape":[1,2],"dtype":"float32","quantization":{"dtype":"uint16","scale":0.001,"min":2}},
	  {"name":"f16","shape":[4],"dtype":"float32","quantization":{"dtype":"float16"}}]}]`
	var buf []byte
	buf = binary.LittleEndian.AppendUint32(buf, math.Float32bits(1.5))
	buf = binary.LittleEndian.AppendUint32(buf, math.Float32bits(-3.25))
	buf = binary.LittleEndian.AppendUint32(buf, uint32(0xFFFFFFFE)) // int32 -2
	buf = append(buf, 0, 3, 255)
	buf = binary.LittleEndian.AppendUint16(buf, 0)
	buf = binary.LittleEndian.AppendUint16(buf, 1000)
	// float16: 1.0, -2.0, the smallest subnormal, +Inf
	for _, h := range []uint16{0x3c00, 0xc000, 0x0001, 0x7c00} {
		buf = binary.LittleEndian.AppendUint16(buf, h)
	}
	w, err := DecodeWeights([]byte(manifest), shards(map[string][]byte{"a.bin": buf[:5], "b.bin": buf[5:]}))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]float32{
		"f32": {1.5, -3.25},
		"i32": {-2},
		"q8":  {-1, 0.5, 126.5},
		"q16": {2, float32(1000*0.001 + 2.0)},
		"f16": {1, -2, float32(math.Ldexp(1, -24)), float32(math.Inf(1))},
	}
	for name, v := range want {
		got := w[name].Data
		if fmt.Sprint(got) != fmt.Sprint(v) {
			t.Errorf("%s = %v, want %v", name, got, v)
		}
	}
	if s := w["q16"].Shape; len(s) != 2 || s[0] != 1 || s[1] != 2 {
		t.Errorf("q16 shape %v", s)
	}
}

func TestDecodeWeightsRejects(t *testing.T) {
	four := map[string][]byte{"a": make([]byte, 4)}
	for name, tc := range map[string]struct {
		manifest string
		files    map[string][]byte
	}{
		"empty":           {``, nil},
		"not json":        {`{`, nil},
		"path with slash": {`[{"paths":["../a"],"weights":[]}]`, four},
		"missing shard":   {`[{"paths":["zz"],"weights":[]}]`, four},
		"short shard":     {`[{"paths":["a"],"weights":[{"name":"x","shape":[2],"dtype":"float32"}]}]`, four},
		"left over":       {`[{"paths":["a"],"weights":[{"name":"x","shape":[1],"dtype":"float32","quantization":{"dtype":"uint8","scale":1,"min":0}}]}]`, four},
		"string dtype":    {`[{"paths":["a"],"weights":[{"name":"x","shape":[1],"dtype":"string"}]}]`, four},
		"unknown quant":   {`[{"paths":["a"],"weights":[{"name":"x","shape":[1],"dtype":"float32","quantization":{"dtype":"int4","scale":1,"min":0}}]}]`, four},
		"quant no scale":  {`[{"paths":["a"],"weights":[{"name":"x","shape":[4],"dtype":"float32","quantization":{"dtype":"uint8","min":0}}]}]`, four},
		"negative dim":    {`[{"paths":["a"],"weights":[{"name":"x","shape":[-1],"dtype":"float32"}]}]`, four},
		"huge":            {`[{"paths":["a"],"weights":[{"name":"x","shape":[65536,65536],"dtype":"float32"}]}]`, four},
		"duplicate":       {`[{"paths":["a"],"weights":[{"name":"x","shape":[],"dtype":"float32"},{"name":"x","shape":[0],"dtype":"float32"}]}]`, four},
		"no name":         {`[{"paths":["a"],"weights":[{"shape":[1],"dtype":"float32"}]}]`, four},
	} {
		_, err := DecodeWeights([]byte(tc.manifest), shards(tc.files))
		if !errors.Is(err, ErrBadWeights) {
			t.Errorf("%s: err = %v, want ErrBadWeights", name, err)
		}
	}
}

// TestNewNetChecksShapes: a model with a tensor missing or of the wrong
// shape is refused when loaded, not at the first descriptor.
func TestNewNetChecksShapes(t *testing.T) {
	if _, err := NewNet(map[string]Tensor{}); !errors.Is(err, ErrBadWeights) {
		t.Errorf("empty weights: %v", err)
	}
	_, dir := model(t)
	m, _ := os.ReadFile(dir + "/" + ManifestFile)
	w, err := DecodeWeights(m, func(p string) ([]byte, error) { return os.ReadFile(dir + "/" + p) })
	if err != nil {
		t.Fatal(err)
	}
	w["conv64_1/conv2/conv/filters"] = Tensor{Shape: []int{3, 3, 64, 32}, Data: make([]float32, 3*3*64*32)}
	if _, err := NewNet(w); !errors.Is(err, ErrBadWeights) {
		t.Errorf("wrong shape: %v", err)
	}
}

// FuzzDecodeWeights: any manifest and shard bytes give weights or
// ErrBadWeights, never a panic, and what decodes has as many values as its
// shape says.
func FuzzDecodeWeights(f *testing.F) {
	f.Add([]byte(`[{"paths":["a"],"weights":[{"name":"x","shape":[2],"dtype":"float32","quantization":{"dtype":"uint8","scale":0.1,"min":-1}}]}]`), []byte{1, 2})
	f.Add([]byte(`[{"paths":["a"],"weights":[{"name":"x","shape":[1],"dtype":"float32","quantization":{"dtype":"float16"}}]}]`), []byte{0, 0x3c})
	f.Add([]byte(`[{"paths":["a","a"],"weights":[{"name":"y","shape":[2,1],"dtype":"int32"}]}]`), []byte{1, 0, 0, 0})
	f.Fuzz(func(t *testing.T, manifest, shard []byte) {
		w, err := DecodeWeights(manifest, func(string) ([]byte, error) { return shard, nil })
		if err != nil {
			if !errors.Is(err, ErrBadWeights) {
				t.Fatalf("error %v does not wrap ErrBadWeights", err)
			}
			return
		}
		for name, tn := range w {
			n := 1
			for _, d := range tn.Shape {
				n *= d
			}
			if n != len(tn.Data) {
				t.Fatalf("%s: shape %v but %d values", name, tn.Shape, len(tn.Data))
			}
		}
	})
}
