package coef

import (
	"math"
	"runtime"
	"sync"
)

// dctMat[u][x] = ½·C(u)·cos((2x+1)uπ/16), so that F = A·S·Aᵀ is T.81's
// forward DCT (DC = 8 × mean of the level-shifted block).
var dctMat = func() (m [8][8]float32) {
	for u := range 8 {
		c := 1.0
		if u == 0 {
			c = 1 / math.Sqrt2
		}
		for x := range 8 {
			m[u][x] = float32(0.5 * c * math.Cos(float64(2*x+1)*float64(u)*math.Pi/16))
		}
	}
	return m
}()

// FromGray computes the block features of a w×h grey image (row-major,
// stride w) with a forward DCT, for formats that are not baseline JPEG.
// Edge blocks repeat the last row and column, as JPEG encoders do.
func FromGray(pix []uint8, w, h int) *Blocks { return fromGray(pix, w, h, true) }

// FromGrayWindows is FromGray for the photo check, as DecodeWindows is
// Decode: it cuts out the windows pick chooses (nil: none) and leaves the
// band energies E1–E3 out (nil). Without them only the two lowest terms of
// each row and column are transformed, a sixth of the products: on a
// 12 MP PNG the full transform was a third of the check.
func FromGrayWindows(pix []uint8, w, h int, pick WindowsFunc) *Blocks {
	b := fromGray(pix, w, h, false)
	if pick != nil {
		GrayWindows(b, pix, w, h, pick(w, h))
	}
	return b
}

func fromGray(pix []uint8, w, h int, energy bool) *Blocks {
	bw, bh := (w+7)/8, (h+7)/8
	b := newBlocks(w, h, bw, bh, energy)
	// Blocks are independent: a large image's rows of blocks are shared
	// between two cores (a 12 MP PNG has 190 000 blocks).
	if bw*bh < 1<<14 || runtime.GOMAXPROCS(0) < 2 {
		b.fdctRows(pix, w, h, 0, bh, energy)
		return b
	}
	var wg sync.WaitGroup
	wg.Go(func() { b.fdctRows(pix, w, h, 0, bh/2, energy) })
	b.fdctRows(pix, w, h, bh/2, bh, energy)
	wg.Wait()
	return b
}

// fdctRows fills the features of block rows [by0, by1), the energies
// only if energy. Without them it works out only F(0,0), F(0,1), F(1,0)
// and F(1,1), each summed in the same order as by the full transform, so
// they are the same to the bit.
func (b *Blocks) fdctRows(pix []uint8, w, h, by0, by1 int, energy bool) {
	bw := b.Stride
	var s, t [8][8]float32
	nu := 8
	if !energy {
		nu = 2
	}
	for by := by0; by < by1; by++ {
		for bx := range bw {
			if !energy && bx*8+8 <= w && by*8+8 <= h {
				// A whole block without energies (nearly all of a
				// PNG's): lowTerms, without clamps or the 64 terms.
				i := by*bw + bx
				f00, f01, f10, f11 := lowTerms(pix[by*8*w+bx*8:], w)
				b.Mean[i] = f00/8 + 128
				b.H[i], b.V[i], b.D[i] = f01, f10, f11
				continue
			}
			for y := range 8 {
				row := min(by*8+y, h-1) * w
				for x := range 8 {
					s[y][x] = float32(pix[row+min(bx*8+x, w-1)]) - 128
				}
			}
			// Rows, then columns.
			for y := range 8 {
				for u := range nu {
					var a float32
					for x := range 8 {
						a += dctMat[u][x] * s[y][x]
					}
					t[y][u] = a
				}
			}
			var f [64]float32
			for v := range nu {
				for u := range nu {
					var a float32
					for y := range 8 {
						a += dctMat[v][y] * t[y][u]
					}
					f[v*8+u] = a
				}
			}
			i := by*bw + bx
			b.Mean[i] = f[0]/8 + 128
			b.H[i], b.V[i], b.D[i] = f[1], f[8], f[9]
			if !energy {
				continue
			}
			var e [3]float32
			for k := 1; k < 64; k++ {
				n := zigzag[k]
				e[bandOf[k]] += f[n] * f[n]
			}
			b.E1[i], b.E2[i], b.E3[i] = e[0], e[1], e[2]
		}
	}
}

// lowTerms is fdctRows's transform of the whole 8×8 block at pix (stride
// w) for F(0,0), F(0,1), F(1,0) and F(1,1) alone: each sum takes the same
// products in the same order, from the same zero, so the terms are the
// same to the bit; the block's pixels are read without clamping, and no
// array of 64 terms is cleared and filled (together ~60 % of the PNG
// path's transform).
func lowTerms(pix []uint8, w int) (f00, f01, f10, f11 float32) {
	var t0, t1 [8]float32 // the rows' terms u = 0 and u = 1
	m0, m1 := &dctMat[0], &dctMat[1]
	for y := range 8 {
		r := pix[y*w:][:8]
		var a0, a1 float32
		for x, p := range r {
			a0 += m0[x] * (float32(p) - 128)
		}
		for x, p := range r {
			a1 += m1[x] * (float32(p) - 128)
		}
		t0[y], t1[y] = a0, a1
	}
	for y := range 8 {
		f00 += m0[y] * t0[y]
	}
	for y := range 8 {
		f01 += m0[y] * t1[y]
	}
	for y := range 8 {
		f10 += m1[y] * t0[y]
	}
	for y := range 8 {
		f11 += m1[y] * t1[y]
	}
	return f00, f01, f10, f11
}
