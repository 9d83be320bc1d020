package facematch

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
)

// ChipSize is the side of the aligned face crop the recognition network
// reads, as dlib extracts it (get_face_chip_details(shape, 150, 0.25)).
const ChipSize = 150

// Chip is an aligned face: ChipSize×ChipSize packed 8-bit RGB, row-major.
type Chip [ChipSize * ChipSize * 3]uint8

// DescriptorLen is the length of a face descriptor.
const DescriptorLen = 128

// Descriptor is the network's embedding of one face. Two photos of the same
// person are closer than Threshold (Euclidean distance), by dlib's training.
type Descriptor [DescriptorLen]float32

// Threshold is dlib's published decision distance for
// dlib_face_recognition_resnet_model_v1: pairs closer than 0.6 are the same
// person (99.38 % on LFW by its author's measurement). kycd has no data set
// of its own to confirm it, which is why a mismatch is only ever a warning
// for a reviewer.
const Threshold = 0.6

// Distance is the Euclidean distance between two descriptors.
func Distance(a, b Descriptor) float64 {
	s := 0.0
	for i := range a {
		d := float64(a[i]) - float64(b[i])
		s += d * d
	}
	return math.Sqrt(s)
}

// convLayer is a convolution followed by its bias and dlib's affine
// ("scale") layer, the batch norm folded at training's end:
// out = (conv(x) + bias) × mul + add, per output channel.
type convLayer struct {
	k, cin, cout int
	filters      []float32 // [k][k][cin][cout], TensorFlow's HWIO
	bias         []float32
	mul, add     []float32
}

type residualLayer struct{ conv1, conv2 convLayer }

// Net is dlib's face recognition ResNet as face-api publishes it: a 7×7
// stride-2 convolution, a 3×3 max pool, 14 residual blocks of two 3×3
// convolutions (four of them halving the side and doubling the channels,
// with a 2×2 average pool on the shortcut), a global average and a 256→128
// fully connected layer. It is only read after NewNet, so one Net serves
// any number of goroutines.
type Net struct {
	down   convLayer
	blocks []block
	fc     []float32 // [256][128]
}

type block struct {
	residualLayer
	downsample bool
}

// The blocks in order, as face-api's FaceRecognitionNet.forwardInput runs
// them.
var blockNames = []struct {
	name string
	down bool
}{
	{"conv32_1", false}, {"conv32_2", false}, {"conv32_3", false},
	{"conv64_down", true}, {"conv64_1", false}, {"conv64_2", false}, {"conv64_3", false},
	{"conv128_down", true}, {"conv128_1", false}, {"conv128_2", false},
	{"conv256_down", true}, {"conv256_1", false}, {"conv256_2", false},
	{"conv256_down_out", true},
}

// ManifestFile is the recognition model's weights manifest in the model
// directory (scripts/fetch-face.sh puts it there with its shard).
const ManifestFile = "face_recognition_model-weights_manifest.json"

// LoadNet reads the recognition model from dir.
func LoadNet(dir string) (*Net, error) {
	m, err := os.ReadFile(filepath.Join(dir, ManifestFile))
	if err != nil {
		return nil, err
	}
	w, err := DecodeWeights(m, func(p string) ([]byte, error) { return os.ReadFile(filepath.Join(dir, p)) })
	if err != nil {
		return nil, err
	}
	return NewNet(w)
}

// NewNet builds the network from decoded weights, checking that every
// tensor it needs is there with the shape it needs.
func NewNet(w map[string]Tensor) (*Net, error) {
	get := func(name string, shape ...int) ([]float32, error) {
		t, ok := w[name]
		if !ok {
			return nil, fmt.Errorf("%w: weight %s is missing", ErrBadWeights, name)
		}
		if len(t.Shape) != len(shape) {
			return nil, fmt.Errorf("%w: weight %s has shape %v, want %v", ErrBadWeights, name, t.Shape, shape)
		}
		for i := range shape {
			if t.Shape[i] != shape[i] {
				return nil, fmt.Errorf("%w: weight %s has shape %v, want %v", ErrBadWeights, name, t.Shape, shape)
			}
		}
		return t.Data, nil
	}
	conv := func(prefix string, k, cin, cout int) (convLayer, error) {
		l := convLayer{k: k, cin: cin, cout: cout}
		var err error
		if l.filters, err = get(prefix+"/conv/filters", k, k, cin, cout); err != nil {
			return l, err
		}
		if l.bias, err = get(prefix+"/conv/bias", cout); err != nil {
			return l, err
		}
		if l.mul, err = get(prefix+"/scale/weights", cout); err != nil {
			return l, err
		}
		l.add, err = get(prefix+"/scale/biases", cout)
		return l, err
	}
	n := &Net{}
	var err error
	if n.down, err = conv("conv32_down", 7, 3, 32); err != nil {
		return nil, err
	}
	ch := 32
	for _, b := range blockNames {
		out := ch
		if b.down && b.name != "conv256_down_out" {
			out = ch * 2
		}
		var blk block
		blk.downsample = b.down
		if blk.conv1, err = conv(b.name+"/conv1", 3, ch, out); err != nil {
			return nil, err
		}
		if blk.conv2, err = conv(b.name+"/conv2", 3, out, out); err != nil {
			return nil, err
		}
		n.blocks = append(n.blocks, blk)
		ch = out
	}
	if n.fc, err = get("fc", 256, DescriptorLen); err != nil {
		return nil, err
	}
	return n, nil
}

// fmap is a feature map, height × width × channels, channels fastest
// (TensorFlow's NHWC without the batch).
type fmap struct {
	h, w, c int
	v       []float32
}

// The mean colour face-api subtracts before dividing by 255
// (FaceRecognitionNet.forwardInput), in float32 as its tf.fill makes it.
var meanRGB = [3]float32{122.782, 117.001, 104.298}

// Describe computes the descriptor of an aligned face.
func (n *Net) Describe(chip *Chip) Descriptor {
	x := fmap{h: ChipSize, w: ChipSize, c: 3, v: make([]float32, len(chip))}
	for i, p := range chip {
		x.v[i] = (float32(p) - meanRGB[i%3]) / 255
	}
	x = n.down.apply(x, 2, false, true)
	x = maxPool3s2(x)
	for _, b := range n.blocks {
		x = b.apply(x)
	}
	// global average, then the fully connected layer
	avg := make([]float32, x.c)
	for p := 0; p < x.h*x.w; p++ {
		for c := range x.c {
			avg[c] += x.v[p*x.c+c]
		}
	}
	var d Descriptor
	for c := range x.c {
		a := avg[c] / float32(x.h*x.w)
		row := n.fc[c*DescriptorLen : (c+1)*DescriptorLen]
		for j := range d {
			d[j] += a * row[j]
		}
	}
	return d
}

func (b *block) apply(x fmap) fmap {
	if !b.downsample {
		out := b.conv1.apply(x, 1, true, true)
		out = b.conv2.apply(out, 1, true, false)
		for i := range out.v {
			out.v[i] = max(out.v[i]+x.v[i], 0)
		}
		return out
	}
	out := b.conv1.apply(x, 2, false, true)
	out = b.conv2.apply(out, 1, true, false)
	// Shortcut: a 2×2 average pool, zero channels appended when the block
	// doubles them; where the convolution came out a pixel smaller than the
	// pool (odd sides), face-api appends a zero row and column to it.
	pooled := avgPool2(x)
	sum := fmap{h: pooled.h, w: pooled.w, c: out.c, v: make([]float32, pooled.h*pooled.w*out.c)}
	for y := range pooled.h {
		for xx := range pooled.w {
			dst := sum.v[(y*sum.w+xx)*sum.c:][:sum.c]
			copy(dst, pooled.v[(y*pooled.w+xx)*pooled.c:][:pooled.c])
			if y < out.h && xx < out.w {
				src := out.v[(y*out.w+xx)*out.c:][:out.c]
				for c := range dst {
					dst[c] += src[c]
				}
			}
		}
	}
	for i := range sum.v {
		sum.v[i] = max(sum.v[i], 0)
	}
	return sum
}

// apply runs the convolution with TensorFlow's padding: "same" pads so that
// the output side is ceil(side/stride), the odd pixel at the end; "valid"
// does not pad.
func (l *convLayer) apply(x fmap, stride int, same, relu bool) fmap {
	var oh, ow, padT, padL int
	if same {
		oh, ow = (x.h+stride-1)/stride, (x.w+stride-1)/stride
		padT = max((oh-1)*stride+l.k-x.h, 0) / 2
		padL = max((ow-1)*stride+l.k-x.w, 0) / 2
	} else {
		oh, ow = (x.h-l.k)/stride+1, (x.w-l.k)/stride+1
	}
	out := fmap{h: oh, w: ow, c: l.cout, v: make([]float32, oh*ow*l.cout)}
	kk := l.k * l.k * l.cin
	// im2col, a block of output pixels at a time, then a matrix product
	// with the filters: a row of patch values times the [kk][cout] filters.
	const block = 4
	col := make([]float32, block*kk)
	for p0 := 0; p0 < oh*ow; p0 += block {
		nb := min(block, oh*ow-p0)
		for b := range nb {
			p := p0 + b
			oy, ox := p/ow, p%ow
			row := col[b*kk : (b+1)*kk]
			i := 0
			for ky := range l.k {
				iy := oy*stride + ky - padT
				for kx := range l.k {
					ix := ox*stride + kx - padL
					dst := row[i : i+l.cin]
					if iy < 0 || iy >= x.h || ix < 0 || ix >= x.w {
						clear(dst)
					} else {
						copy(dst, x.v[(iy*x.w+ix)*x.c:][:l.cin])
					}
					i += l.cin
				}
			}
		}
		if nb == block {
			matmul4(col, kk, l.filters, l.cout, out.v[p0*l.cout:(p0+block)*l.cout])
		} else {
			for b := range nb {
				matmul1(col[b*kk:(b+1)*kk], l.filters, l.cout, out.v[(p0+b)*l.cout:(p0+b+1)*l.cout])
			}
		}
	}
	for p := 0; p < oh*ow; p++ {
		o := out.v[p*l.cout : (p+1)*l.cout]
		for c := range o {
			v := (o[c]+l.bias[c])*l.mul[c] + l.add[c]
			if relu {
				v = max(v, 0)
			}
			o[c] = v
		}
	}
	return out
}

// matmul1 adds a[kk] × w[kk][n] to out[n].
func matmul1(a, w []float32, n int, out []float32) {
	for k, av := range a {
		if av == 0 {
			continue // after a ReLU about half the inputs are zero
		}
		wr := w[k*n : (k+1)*n]
		o := out[:len(wr)]
		for j, wv := range wr {
			o[j] += av * wv
		}
	}
}

// matmul4 adds four rows a[4][kk] × w[kk][n] to out[4][n], reading each
// filter row once for the four pixels.
func matmul4(a []float32, kk int, w []float32, n int, out []float32) {
	a0, a1, a2, a3 := a[:kk], a[kk:2*kk], a[2*kk:3*kk], a[3*kk:4*kk]
	o0, o1, o2, o3 := out[:n], out[n:2*n], out[2*n:3*n], out[3*n:4*n]
	for k := range kk {
		v0, v1, v2, v3 := a0[k], a1[k], a2[k], a3[k]
		if v0 == 0 && v1 == 0 && v2 == 0 && v3 == 0 {
			continue
		}
		wr := w[k*n : (k+1)*n]
		o0, o1, o2, o3 := o0[:len(wr)], o1[:len(wr)], o2[:len(wr)], o3[:len(wr)]
		for j, wv := range wr {
			o0[j] += v0 * wv
			o1[j] += v1 * wv
			o2[j] += v2 * wv
			o3[j] += v3 * wv
		}
	}
}

// maxPool3s2 is a 3×3 max pool with stride 2, "valid".
func maxPool3s2(x fmap) fmap {
	oh, ow := (x.h-3)/2+1, (x.w-3)/2+1
	out := fmap{h: oh, w: ow, c: x.c, v: make([]float32, oh*ow*x.c)}
	for y := range oh {
		for xx := range ow {
			dst := out.v[(y*ow+xx)*x.c:][:x.c]
			for c := range dst {
				dst[c] = float32(math.Inf(-1))
			}
			for ky := range 3 {
				for kx := range 3 {
					src := x.v[((2*y+ky)*x.w+2*xx+kx)*x.c:][:x.c]
					for c := range dst {
						dst[c] = max(dst[c], src[c])
					}
				}
			}
		}
	}
	return out
}

// avgPool2 is a 2×2 average pool with stride 2, "valid".
func avgPool2(x fmap) fmap {
	oh, ow := x.h/2, x.w/2
	out := fmap{h: oh, w: ow, c: x.c, v: make([]float32, oh*ow*x.c)}
	for y := range oh {
		for xx := range ow {
			dst := out.v[(y*ow+xx)*x.c:][:x.c]
			for ky := range 2 {
				for kx := range 2 {
					src := x.v[((2*y+ky)*x.w+2*xx+kx)*x.c:][:x.c]
					for c := range dst {
						dst[c] += src[c]
					}
				}
			}
			for c := range dst {
				dst[c] /= 4
			}
		}
	}
	return out
}
