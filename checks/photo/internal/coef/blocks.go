package coef

// Blocks holds the features of every 8×8 luma block of an image, row-major
// with Stride entries per row (the grid may be padded to whole MCUs; only
// the first BW columns and BH rows cover the image).
//
// Coefficients use the scale of T.81's forward DCT, where the DC term is
// eight times the block's mean of level-shifted samples.
type Blocks struct {
	Width, Height int // image size in pixels
	BW, BH        int // blocks covering the image: ceil(Width/8) × ceil(Height/8)
	Stride        int

	// Mean is each block's mean luma, 0–255.
	Mean []float32
	// H, V and D are the dequantized lowest AC terms F(0,1) (horizontal),
	// F(1,0) (vertical) and F(1,1): with Mean they give a 2×2 image of the
	// block (see Quarter).
	H, V, D []float32
	// E1, E2 and E3 are the AC energy (sum of squared coefficients) in
	// three bands by u+v: 1–2 (coarse shading), 3–5 (edges), 6–14 (fine
	// detail and noise). Blur empties E2 and E3 first. Nil from
	// DecodeWindows and FromGrayWindows, which do not work them out.
	E1, E2, E3 []float32

	// Windows are the squares kept at full resolution (DecodeWindows,
	// GrayWindows); nil unless asked for.
	Windows []Window
	winIdx  []int32     // per block: its slot in winCoef, or -1
	winCoef [][64]int32 // dequantized coefficients, natural order
	// The windows' chroma: per MCU its window or -1, and the blocks.
	winMCU   []int32
	winCoefC [][64]int32
	mcusX    int
	// The chroma blocks' DC terms (see ChromaMeans), MCU by MCU: MCU m's
	// cper blocks of Cb (cdc[0]) or Cr (cdc[1]) from m·cper on, each in
	// the order of the scan (cstepX a row, cstepY rows); quantised, as the
	// predictions run. cq are the two DC quantisers.
	chroma         bool // keep them (DecodeChroma, DecodeWindows)
	cdc            [2][]int32
	cq             [2]int32
	cper           int
	cstepX, cstepY int
	cmcusX, cmcusY int
	csubX, csubY   int
	// adopted counts the MCUs the second core decoded and the result
	// kept (speculate.go): the tests check that it works, not only that
	// its result is right.
	adopted int
}

func newBlocks(w, h, stride, rows int, energy bool) *Blocks {
	n := stride * rows
	planes := 4
	if energy {
		planes = 7
	}
	// One allocation for the planes keeps a 12 MP photo's features at
	// ~3 MiB (~5 MiB with the energies) and one GC object.
	all := make([]float32, planes*n)
	b := &Blocks{
		Width: w, Height: h, BW: (w + 7) / 8, BH: (h + 7) / 8, Stride: stride,
		Mean: all[0:n:n], H: all[n : 2*n : 2*n], V: all[2*n : 3*n : 3*n], D: all[3*n : 4*n : 4*n],
	}
	if energy {
		b.E1, b.E2, b.E3 = all[4*n:5*n:5*n], all[5*n:6*n:6*n], all[6*n:7*n:7*n]
	}
	return b
}

// ChromaMeans returns the mean Cb and Cr (0–255, 128 grey) of every
// chroma block, row-major w × h, and the luma blocks a chroma block covers
// each way (2 × 2 in the 4:2:0 files phones write); nil when there are none
// (a grey JPEG, a non-interleaved scan, decoded by Decode). The decoder
// reads every block's DC term anyway; DecodeChroma and DecodeWindows keep it.
func (b *Blocks) ChromaMeans() (cb, cr []float32, w, h, subX, subY int) {
	if b.cdc[0] == nil {
		return nil, nil, 0, 0, 0, 0
	}
	w, h = b.cmcusX*b.cstepX, b.cmcusY*b.cstepY
	cb, cr = make([]float32, w*h), make([]float32, w*h)
	for y := range h {
		for x := range w {
			i := ((y/b.cstepY)*b.cmcusX+x/b.cstepX)*b.cper + (y%b.cstepY)*b.cstepX + x%b.cstepX
			cb[y*w+x] = float32(b.cdc[0][i]*b.cq[0])/8 + 128
			cr[y*w+x] = float32(b.cdc[1][i]*b.cq[1])/8 + 128
		}
	}
	return cb, cr, w, h, b.csubX, b.csubY
}

// Quarter weights: the mean of the DCT basis functions u=1 (and u=v=1)
// over one half (quarter) of the block, times the IDCT's normalisation.
// Higher terms are left out, so the 2×2 image is slightly smoothed.
const (
	q1 = 0.11326 // ¼ · 1/√2 · mean(cos((2x+1)π/16), x=0..3)
	q2 = 0.10262 // ¼ · mean(...)²
)

// Quarter renders the blocks as a grey image at 1/4 scale (two pixels per
// block each way), clipped to 0–255, row-major with width 2*BW.
func (b *Blocks) Quarter() []uint8 {
	return b.QuarterIn(0, 0, b.BW, b.BH)
}

// QuarterIn is Quarter that renders only the blocks of columns [bx0, bx1)
// and rows [by0, by1) (clipped to the image), leaving the other pixels 0:
// for a reader of one region (the sharpness of a document that fills half
// a 12 MP photo), half the work.
func (b *Blocks) QuarterIn(bx0, by0, bx1, by1 int) []uint8 {
	w := 2 * b.BW
	out := make([]uint8, w*2*b.BH)
	bx0, by0, bx1, by1 = max(bx0, 0), max(by0, 0), min(bx1, b.BW), min(by1, b.BH)
	if bx0 >= bx1 {
		return out
	}
	for by := by0; by < by1; by++ {
		top := out[2*by*w+2*bx0 : 2*by*w+2*bx1]
		bot := out[(2*by+1)*w+2*bx0 : (2*by+1)*w+2*bx1]
		row := by*b.Stride + bx0
		// Row slices of one length let the compiler drop the bounds
		// checks (Quarter was 3.8 % of a 12 MP check's instructions).
		mr := b.Mean[row : row+bx1-bx0]
		hr, vr, dr := b.H[row:row+len(mr)], b.V[row:row+len(mr)], b.D[row:row+len(mr)]
		for bx, m := range mr {
			h, v, d := hr[bx]*q1, vr[bx]*q1, dr[bx]*q2
			t, u := top[2*bx:2*bx+2], bot[2*bx:2*bx+2]
			t[0] = clamp(m + h + v + d)
			t[1] = clamp(m - h + v - d)
			u[0] = clamp(m + h - v - d)
			u[1] = clamp(m - h - v + d)
		}
	}
	return out
}

// clamp rounds f to the nearest of 0–255 (halves up), for finite f (the
// blocks' features are). It rounds first and clamps the sum to 0.5…255.5,
// which the compiler inlines; clipping first then rounding (clip in the
// tests, the earlier code) gives the same bytes.
func clamp(f float32) uint8 {
	f += 0.5
	if f < 0.5 {
		f = 0.5
	}
	if f > 255.5 {
		f = 255.5
	}
	return uint8(f)
}

// Eighth renders the block means as a grey image at 1/8 scale, width BW.
func (b *Blocks) Eighth() []uint8 {
	out := make([]uint8, b.BW*b.BH)
	for by := range b.BH {
		row := b.Mean[by*b.Stride : by*b.Stride+b.BW]
		o := out[by*b.BW : by*b.BW+b.BW]
		for i, m := range row {
			o[i] = clamp(m)
		}
	}
	return out
}

// zigzag[k] is the natural-order index (row*8+col) of zigzag position k.
var zigzag = [64]uint8{
	0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
	12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
	35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
	58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
}

// bandOf[k] is the energy band (0–2, for E1–E3) of zigzag position k ≥ 1.
var bandOf = func() (b [64]uint8) {
	for k := 1; k < 64; k++ {
		n := int(zigzag[k])
		s := n/8 + n%8
		switch {
		case s <= 2:
			b[k] = 0
		case s <= 5:
			b[k] = 1
		default:
			b[k] = 2
		}
	}
	return b
}()
