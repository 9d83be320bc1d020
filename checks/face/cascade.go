package face

import (
	"encoding/binary"
	"errors"
	"math"
	"unsafe"

	pigo "github.com/esimov/pigo/core"
)

// cascade is pigo's classifier, read from the same file, with the window
// scan done the same way but cheaper: pigo computes the two pixels each
// tree node compares from the window's centre and size at every visit
// (four multiplications and shifts), while here, for each window size, the
// nodes of the first trees have their two pixels as offsets from the
// centre worked out once.
// Because r·256 is a multiple of 256, pigo's ((r·256 + code·s) >> 8) is
// r + (code·s >> 8) exactly, so the same pixels are compared, the same
// float32 sums taken in the same order, and the detections are pigo's to
// the bit (TestCascadeMatchesPigo).
type cascade struct {
	depth int // nodes per tree: 2^depth (node 0 unused)
	trees int
	codes []int8    // 4 per node: dy1, dx1, dy2, dx2 in 1/256 of the window
	pred  []float32 // 2^depth leaves per tree
	thr   []float32 // per tree
}

// parseCascade reads pigo's cascade format (as pigo's Unpack does).
func parseCascade(p []byte) (*cascade, error) {
	if len(p) < 16 {
		return nil, errors.New("face: cascade too short")
	}
	d := int(binary.LittleEndian.Uint32(p[8:]))
	n := int(binary.LittleEndian.Uint32(p[12:]))
	if d < 1 || d > 16 || n < 1 {
		return nil, errors.New("face: bad cascade header")
	}
	nodes := 1 << d
	c := &cascade{depth: nodes, trees: n}
	pos := 16
	for range n {
		if len(p) < pos+4*nodes-4+4*nodes+4 {
			return nil, errors.New("face: cascade truncated")
		}
		c.codes = append(c.codes, 0, 0, 0, 0)
		for _, b := range p[pos : pos+4*nodes-4] {
			c.codes = append(c.codes, int8(b))
		}
		pos += 4*nodes - 4
		for range nodes {
			c.pred = append(c.pred, math.Float32frombits(binary.LittleEndian.Uint32(p[pos:])))
			pos += 4
		}
		c.thr = append(c.thr, math.Float32frombits(binary.LittleEndian.Uint32(p[pos:])))
		pos += 4
	}
	return c, nil
}

// run is pigo's RunCascade without rotation: every window of every size
// from minSize to maxSize whose score is positive.
func (c *cascade) run(pix []uint8, rows, cols, dim, minSize, maxSize int, shift, scaleBy float64) []pigo.Detection {
	var dets []pigo.Detection
	nodes := c.depth
	// The first trees reject nearly every window: their nodes' offsets
	// are worked out for each size; the few windows that go deeper (faces
	// and things like them) work theirs out as they go.
	pre := min(c.trees, preTrees)
	off := make([]int, 2*nodes*pre)
	for scale := minSize; scale <= maxSize; {
		for t := range pre {
			root := 4 * nodes * t
			for idx := 1; idx < nodes; idx++ {
				k := root + 4*idx
				o := 2 * (nodes*t + idx)
				off[o] = ((int(c.codes[k])*scale)>>8)*dim + (int(c.codes[k+1])*scale)>>8
				off[o+1] = ((int(c.codes[k+2])*scale)>>8)*dim + (int(c.codes[k+3])*scale)>>8
			}
		}
		step := int(math.Max(shift*float64(scale), 1))
		offset := scale/2 + 1
		for row := offset; row <= rows-offset; row += step {
			for col := offset; col <= cols-offset; col += step {
				if q := c.classify(pix, row*dim+col, dim, scale, off, pre); q > 0 {
					dets = append(dets, pigo.Detection{Row: row, Col: col, Scale: scale, Q: q})
				}
			}
		}
		scale = int(float64(scale) + math.Max(2, float64(scale)*scaleBy-float64(scale)))
	}
	return dets
}

// preTrees is how many trees have their offsets worked out per size.
const preTrees = 24

// classify is pigo's classifyRegion for the window of side scale centred
// at pixel centre; off holds the offsets of the first pre trees.
func (c *cascade) classify(pix []uint8, centre, dim, scale int, off []int, pre int) float32 {
	nodes := c.depth
	var out float32
	// Every pixel a node compares lies inside the window, and run only
	// visits windows inside the image (a code of -128…127 reaches at most
	// scale/2 from the centre, at least scale/2+1 from the image's edge):
	// the first trees, where nearly all the time goes, read the pixels
	// and their offsets without bounds checks.
	p0 := unsafe.Pointer(unsafe.SliceData(pix))
	o0 := unsafe.Pointer(unsafe.SliceData(off))
	for i := range c.trees {
		idx := 1
		if i < pre {
			o := unsafe.Add(o0, 2*nodes*i*int(unsafe.Sizeof(off[0])))
			for idx < nodes {
				pair := (*[2]int)(unsafe.Add(o, 2*idx*int(unsafe.Sizeof(off[0]))))
				b := 0
				if *(*uint8)(unsafe.Add(p0, centre+pair[0])) <= *(*uint8)(unsafe.Add(p0, centre+pair[1])) {
					b = 1
				}
				idx = 2*idx + b
			}
		} else {
			code := c.codes[4*nodes*i : 4*nodes*(i+1)]
			for idx < nodes {
				k := 4 * idx
				x1 := centre + ((int(code[k])*scale)>>8)*dim + (int(code[k+1])*scale)>>8
				x2 := centre + ((int(code[k+2])*scale)>>8)*dim + (int(code[k+3])*scale)>>8
				b := 0
				if pix[x1] <= pix[x2] {
					b = 1
				}
				idx = 2*idx + b
			}
		}
		out += c.pred[nodes*i+idx-nodes]
		if out <= c.thr[i] {
			return -1
		}
	}
	return out - c.thr[c.trees-1]
}
