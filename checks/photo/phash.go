package photo

import (
	"math"
	"slices"
)

// phashCos[u][x] = cos((2x+1)uπ/64), the 32-point DCT basis.
var phashCos = func() (c [8][32]float64) {
	for u := range 8 {
		for x := range 32 {
			c[u][x] = math.Cos(float64(2*x+1) * float64(u) * math.Pi / 64)
		}
	}
	return c
}()

// phash is the classic DCT perceptual hash: shrink the upright plane to
// 32×32 by area averaging, keep the 8×8 lowest DCT frequencies and set one
// bit per frequency above their median. Re-encoding, resizing and mild
// colour changes keep it within a few bits; any other picture lands about
// 32 bits away.
func (a *analysis) phash() uint64 {
	var small [32][32]float64
	for y := range 32 {
		sy0, sy1 := y*a.ph/32, max(y*a.ph/32+1, (y+1)*a.ph/32)
		for x := range 32 {
			sx0, sx1 := x*a.pw/32, max(x*a.pw/32+1, (x+1)*a.pw/32)
			var s float64
			n := 0
			for yy := sy0; yy < min(sy1, a.ph); yy++ {
				for xx := sx0; xx < min(sx1, a.pw); xx++ {
					s += float64(a.plane[yy*a.pw+xx])
					n++
				}
			}
			if n > 0 {
				small[y][x] = s / float64(n)
			}
		}
	}
	var rows [32][8]float64 // DCT along x, 8 lowest terms
	for y := range 32 {
		for u := range 8 {
			var s float64
			for x := range 32 {
				s += small[y][x] * phashCos[u][x]
			}
			rows[y][u] = s
		}
	}
	var f [64]float64
	for v := range 8 {
		for u := range 8 {
			var s float64
			for y := range 32 {
				s += rows[y][u] * phashCos[v][y]
			}
			f[v*8+u] = s
		}
	}
	sorted := slices.Clone(f[:])
	slices.Sort(sorted)
	med := (sorted[31] + sorted[32]) / 2
	var h uint64
	for i, c := range f {
		if c > med {
			h |= 1 << uint(63-i)
		}
	}
	return h
}
