package coef

import "image"

// A Window is a square of the image's luma kept at full resolution (the
// inverse DCT of its blocks), for what the block features cannot show: the
// recapture test looks in it for a screen's pixel grid, which lives at
// periods of a few pixels.
type Window struct {
	X0, Y0, N int // top-left corner and side in pixels, stored orientation
	// Pix is the N×N luma, 0–255 (not clipped), once Luma has made it.
	Pix []float32
	// Cb and Cr are the window's chroma (centred on 0) at the JPEG's own
	// chroma resolution, CW×CH (N/2 a side for 4:2:0), once Chroma has
	// made them; nil when the file has none or interleaves it differently
	// (CW, CH 0).
	Cb, Cr []float32
	CW, CH int

	mx0, my0   int // origin in MCUs
	cbw, cbh   int // chroma blocks a row and a column, per component
	cbase      int // first chroma block in winCoefC
	chromaSeen bool
}

// WindowsFunc chooses the windows to keep once the image's size is known.
// Windows are snapped to the 8×8 grid; any that leave the image or overlap
// an earlier one are dropped.
type WindowsFunc func(w, h int) []image.Rectangle

// DecodeWindows is Decode that also keeps the luma of the windows pick
// chooses, in Blocks.Windows, and leaves the band energies E1–E3 out (nil):
// the photo check measures sharpness on edge widths, and summing every
// coefficient's square was ~10 % of decoding a 12 MP photo. It keeps the
// chroma blocks' DC terms too (Blocks.ChromaMeans), as DecodeChroma does:
// the decoder reads them anyway, and storing them costs a store per chroma
// block (~0.3 % of a 12 MP check), where a photo whose locator needs its
// colour would otherwise be decoded a second time for them.
func DecodeWindows(data []byte, maxPixels int, pick WindowsFunc) (*Blocks, Info, error) {
	return decodeWith(data, maxPixels, pick, auto, false, true)
}

// planWindows snaps and filters rects (to whole MCUs of mcuW×mcuH
// pixels) and marks their blocks in b.
func (b *Blocks) planWindows(rects []image.Rectangle, mcuW, mcuH int) {
	if len(rects) == 0 {
		return
	}
	// A side of whole MCUs both ways (the least common multiple).
	unit := mcuW
	for unit%mcuH != 0 {
		unit += mcuW
	}
	idx := make([]int32, len(b.Mean))
	for i := range idx {
		idx[i] = -1
	}
	var n int32
	for _, r := range rects {
		x0, y0 := r.Min.X/mcuW*mcuW, r.Min.Y/mcuH*mcuH
		side := min(r.Dx(), r.Dy()) / unit * unit
		if side <= 0 || x0 < 0 || y0 < 0 || x0+side > b.Width || y0+side > b.Height {
			continue
		}
		free := true
		for by := y0 / 8; by < (y0+side)/8 && free; by++ {
			for bx := x0 / 8; bx < (x0+side)/8; bx++ {
				if idx[by*b.Stride+bx] >= 0 {
					free = false
					break
				}
			}
		}
		if !free {
			continue
		}
		for by := y0 / 8; by < (y0+side)/8; by++ {
			for bx := x0 / 8; bx < (x0+side)/8; bx++ {
				idx[by*b.Stride+bx] = n
				n++
			}
		}
		b.Windows = append(b.Windows, Window{X0: x0, Y0: y0, N: side, mx0: x0 / mcuW, my0: y0 / mcuH})
	}
	if n == 0 {
		return
	}
	b.winIdx = idx
	b.winCoef = make([][64]int32, n)
}

// planChroma marks the MCUs of the windows, for the chroma blocks of an
// interleaved scan: component c has ch×cv blocks an MCU.
func (b *Blocks) planChroma(mcusX, mcusY, mcuW, mcuH, ch, cv int) {
	if len(b.Windows) == 0 || b.winMCU != nil {
		return
	}
	b.winMCU = make([]int32, mcusX*mcusY)
	for i := range b.winMCU {
		b.winMCU[i] = -1
	}
	n := 0
	for wi := range b.Windows {
		w := &b.Windows[wi]
		m := w.N / mcuW
		mh := w.N / mcuH
		w.cbw, w.cbh, w.cbase, w.chromaSeen = m*ch, mh*cv, n, true
		n += 2 * w.cbw * w.cbh
		for y := range mh {
			for x := range m {
				b.winMCU[(w.my0+y)*mcusX+w.mx0+x] = int32(wi)
			}
		}
	}
	b.winCoefC = make([][64]int32, n)
	b.mcusX = mcusX
}

// finishWindows frees what only the decoding needed. Pixels are made
// when asked for (Luma, LumaReduced, Chroma): the recapture test usually
// looks at a few windows' chroma and at no window's full luma.
func (b *Blocks) finishWindows() {
	b.winMCU = nil
	for wi := range b.Windows {
		if w := &b.Windows[wi]; b.winCoefC != nil && w.chromaSeen {
			w.CW, w.CH = w.cbw*8, w.cbh*8
		}
	}
}

// Chroma fills window i's Cb and Cr (CW×CH) from its coefficients, once;
// it leaves them nil when the file has no chroma for it.
func (b *Blocks) Chroma(i int) {
	w := &b.Windows[i]
	if w.Cb != nil || b.winCoefC == nil || !w.chromaSeen {
		return
	}
	w.Cb, w.Cr = make([]float32, w.CW*w.CH), make([]float32, w.CW*w.CH)
	for c, plane := range [2][]float32{w.Cb, w.Cr} {
		for by := range w.cbh {
			for bx := range w.cbw {
				idct(&b.winCoefC[w.cbase+c*w.cbw*w.cbh+by*w.cbw+bx], plane[by*8*w.CW+bx*8:], w.CW, 0, 1)
			}
		}
	}
}

// Luma returns window i's luma at full resolution, N×N.
func (b *Blocks) Luma(i int) []float32 {
	w := &b.Windows[i]
	if w.Pix == nil {
		w.Pix = b.LumaReduced(i, 1)
	}
	return w.Pix
}

// LumaReduced returns window i's luma averaged over f×f pixels (f = 1, 2,
// 4 or 8), N/f a side: from the coefficients directly, at a fraction of a
// full inverse DCT's cost.
func (b *Blocks) LumaReduced(i, f int) []float32 {
	w := &b.Windows[i]
	n := w.N / f
	out := make([]float32, n*n)
	if w.Pix != nil || b.winIdx == nil {
		if w.Pix == nil {
			return out
		}
		inv := 1 / float32(f*f)
		for y := range n {
			for x := range n {
				var s float32
				for dy := range f {
					for dx := range f {
						s += w.Pix[(y*f+dy)*w.N+x*f+dx]
					}
				}
				out[y*n+x] = s * inv
			}
		}
		return out
	}
	k := 8 / f
	for by := 0; by < w.N/8; by++ {
		for bx := 0; bx < w.N/8; bx++ {
			idct(&b.winCoef[b.winIdx[(w.Y0/8+by)*b.Stride+w.X0/8+bx]], out[by*k*n+bx*k:], n, 128, f)
		}
	}
	return out
}

// reduced[f][i][v]: the mean over pixels i·f … i·f+f−1 of the DCT basis
// row A[v][·], so that B·F·Bᵀ is the f×f box average of the inverse DCT.
var reduced = func() (r [9][8][8]float32) {
	for _, f := range []int{1, 2, 4, 8} {
		for i := range 8 / f {
			for v := range 8 {
				var s float32
				for x := i * f; x < (i+1)*f; x++ {
					s += dctMat[v][x]
				}
				r[f][i][v] = s / float32(f)
			}
		}
	}
	return r
}()

// idct writes the 8×8 block of coefficients f (natural order) into dst
// (row stride n) as (8/red)² pixels, each the mean of red×red, plus level.
func idct(f *[64]int32, dst []float32, n int, level float32, red int) {
	m := &reduced[red]
	k := 8 / red
	var t [8][8]float32
	// Most coefficients are zero, and their terms are left out: adding
	// a zero product (+0 or −0) to a sum that starts at +0 changes no bit
	// of it (a sum of non-zero terms is never −0), so the sums are those
	// of every term, in the same order, to the bit.
	var vs [8]int
	var us [8]int
	nu := 0
	// Columns: t[y][u] = Σ_v B[y][v]·F[v][u].
	for u := range 8 {
		nv := 0
		for v := range 8 {
			if f[v*8+u] != 0 {
				vs[nv] = v
				nv++
			}
		}
		if nv == 0 {
			continue
		}
		us[nu] = u
		nu++
		for y := range k {
			var a float32
			for _, v := range vs[:nv] {
				a += m[y][v] * float32(f[v*8+u])
			}
			t[y][u] = a
		}
	}
	for y := range k {
		row := dst[y*n:]
		for x := range k {
			var a float32
			for _, u := range us[:nu] {
				a += m[x][u] * t[y][u]
			}
			row[x] = a + level
		}
	}
}

// GrayWindows cuts windows out of a w×h grey image (the path for formats
// other than baseline JPEG), with the same snapping and filtering.
func GrayWindows(b *Blocks, pix []uint8, w, h int, rects []image.Rectangle) {
	b.planWindows(rects, 8, 8)
	b.winIdx, b.winCoef, b.winMCU, b.winCoefC = nil, nil, nil, nil
	for wi := range b.Windows {
		win := &b.Windows[wi]
		win.Pix = make([]float32, win.N*win.N)
		for y := range win.N {
			for x := range win.N {
				win.Pix[y*win.N+x] = float32(pix[(win.Y0+y)*w+win.X0+x])
			}
		}
	}
}
