package facematch

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
)

// ErrBadWeights means a TensorFlow.js weights manifest or its shards do not
// decode: malformed JSON, an unknown data type, a shard shorter than the
// manifest says, a path that leaves the model directory. The wrapped
// message says which.
var ErrBadWeights = errors.New("facematch: bad model weights")

// Tensor is one decoded weight: its shape and its values, row-major as
// TensorFlow stores them.
type Tensor struct {
	Shape []int
	Data  []float32
}

// maxElements bounds one model's weights (the recognition model has 1.6 M
// values), so a hostile or corrupt manifest cannot ask for gigabytes.
const maxElements = 1 << 26

// tfjs weights manifest (model-weights_manifest.json): groups of weights,
// each group stored in the concatenation of its shard files, weight after
// weight in manifest order.
type manifestGroup struct {
	Paths   []string       `json:"paths"`
	Weights []manifestSpec `json:"weights"`
}

type manifestSpec struct {
	Name         string `json:"name"`
	Shape        []int  `json:"shape"`
	Dtype        string `json:"dtype"`
	Quantization *struct {
		Dtype string   `json:"dtype"`
		Scale *float64 `json:"scale"`
		Min   *float64 `json:"min"`
	} `json:"quantization"`
}

// DecodeWeights decodes a TensorFlow.js weights manifest and the shards it
// names, read through open (given a shard's file name). Weights may be
// float32 or int32, or quantised to uint8 or uint16 (value = q×scale+min,
// computed in float64 and rounded to float32, as tfjs does) or to float16.
func DecodeWeights(manifest []byte, open func(path string) ([]byte, error)) (map[string]Tensor, error) {
	var groups []manifestGroup
	if err := json.Unmarshal(manifest, &groups); err != nil {
		return nil, fmt.Errorf("%w: manifest: %v", ErrBadWeights, err)
	}
	out := map[string]Tensor{}
	total := 0
	for gi, g := range groups {
		var buf []byte
		for _, p := range g.Paths {
			if p == "" || p == "." || p == ".." || strings.ContainsAny(p, `/\`) {
				return nil, fmt.Errorf("%w: group %d: shard path %q is not a plain file name", ErrBadWeights, gi, p)
			}
			b, err := open(p)
			if err != nil {
				return nil, fmt.Errorf("%w: shard %s: %v", ErrBadWeights, p, err)
			}
			buf = append(buf, b...)
		}
		off := 0
		for _, s := range g.Weights {
			if s.Name == "" {
				return nil, fmt.Errorf("%w: group %d: a weight has no name", ErrBadWeights, gi)
			}
			if _, dup := out[s.Name]; dup {
				return nil, fmt.Errorf("%w: weight %s appears twice", ErrBadWeights, s.Name)
			}
			n := 1
			for _, d := range s.Shape {
				if d < 0 || d > maxElements || n*d > maxElements {
					return nil, fmt.Errorf("%w: weight %s: shape %v too large or negative", ErrBadWeights, s.Name, s.Shape)
				}
				n *= d
			}
			total += n
			if total > maxElements {
				return nil, fmt.Errorf("%w: more than %d values in all", ErrBadWeights, maxElements)
			}
			size, decode, err := decoder(s)
			if err != nil {
				return nil, err
			}
			if len(buf)-off < n*size {
				return nil, fmt.Errorf("%w: weight %s needs %d bytes, shards have %d left", ErrBadWeights, s.Name, n*size, len(buf)-off)
			}
			t := Tensor{Shape: append([]int(nil), s.Shape...), Data: make([]float32, n)}
			for i := range n {
				t.Data[i] = decode(buf[off+i*size:])
			}
			off += n * size
			out[s.Name] = t
		}
		if off != len(buf) {
			return nil, fmt.Errorf("%w: group %d: %d bytes left over after its weights", ErrBadWeights, gi, len(buf)-off)
		}
	}
	return out, nil
}

// decoder returns the stored size of one value of s and how to read it.
func decoder(s manifestSpec) (int, func([]byte) float32, error) {
	if s.Dtype != "float32" && s.Dtype != "int32" {
		return 0, nil, fmt.Errorf("%w: weight %s: data type %q not supported", ErrBadWeights, s.Name, s.Dtype)
	}
	q := s.Quantization
	if q == nil {
		if s.Dtype == "int32" {
			return 4, func(b []byte) float32 { return float32(int32(binary.LittleEndian.Uint32(b))) }, nil
		}
		return 4, func(b []byte) float32 { return math.Float32frombits(binary.LittleEndian.Uint32(b)) }, nil
	}
	if q.Dtype == "float16" {
		return 2, func(b []byte) float32 { return half(binary.LittleEndian.Uint16(b)) }, nil
	}
	if q.Scale == nil || q.Min == nil || math.IsNaN(*q.Scale) || math.IsInf(*q.Scale, 0) || math.IsNaN(*q.Min) || math.IsInf(*q.Min, 0) {
		return 0, nil, fmt.Errorf("%w: weight %s: quantisation needs a finite scale and min", ErrBadWeights, s.Name)
	}
	scale, lo := *q.Scale, *q.Min
	switch q.Dtype {
	case "uint8":
		return 1, func(b []byte) float32 { return float32(float64(b[0])*scale + lo) }, nil
	case "uint16":
		return 2, func(b []byte) float32 { return float32(float64(binary.LittleEndian.Uint16(b))*scale + lo) }, nil
	}
	return 0, nil, fmt.Errorf("%w: weight %s: quantisation type %q not supported", ErrBadWeights, s.Name, q.Dtype)
}

// half converts an IEEE 754 binary16 value to float32.
func half(h uint16) float32 {
	sign := uint32(h>>15) << 31
	exp := uint32(h>>10) & 0x1f
	frac := uint32(h) & 0x3ff
	switch {
	case exp == 0x1f: // infinity or NaN
		return math.Float32frombits(sign | 0xff<<23 | frac<<13)
	case exp != 0:
		return math.Float32frombits(sign | (exp+112)<<23 | frac<<13)
	case frac == 0:
		return math.Float32frombits(sign)
	}
	// subnormal: value = frac × 2⁻²⁴
	v := float32(frac) * (1.0 / (1 << 24))
	if sign != 0 {
		v = -v
	}
	return v
}
