package photo

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/kycd/kycd/checks/photo/internal/coef"
	"github.com/kycd/kycd/checks/photo/synth"
)

// BenchmarkRecapture prices the recapture test against the whole check in
// the same run (docs/photo-checks.md, Performance): the check of a 12 MP
// and a 3 MP photo, the entropy decoding with and without the windows, and
// the windows' analysis alone (spectrum and chroma of nine windows).
func BenchmarkRecapture(b *testing.B) {
	for _, size := range [][2]int{{4000, 3000}, {2000, 1500}} {
		s := synth.Corpus(synth.Calibration, 1, 1280)[0] // good_light
		s.W, s.H = size[0], size[1]
		data := synth.Render(s)
		name := map[int]string{4000: "12mp", 2000: "3mp"}[size[0]]
		b.Run(name+"/check", func(b *testing.B) {
			for b.Loop() {
				Check(data, IDFront, DefaultConfig())
			}
		})
		b.Run(name+"/decode", func(b *testing.B) {
			for b.Loop() {
				if _, _, err := coef.Decode(data, 1<<26); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/decode_windows", func(b *testing.B) {
			for b.Loop() {
				if _, _, err := coef.DecodeWindows(data, 1<<26, screenWindows); err != nil {
					b.Fatal(err)
				}
			}
		})
		blocks, _, err := coef.DecodeWindows(data, 1<<26, screenWindows)
		if err != nil {
			b.Fatal(err)
		}
		// What a photo of a card costs (the chroma rules the windows
		// out), and what a screen costs at most (every window's spectrum).
		b.Run(name+"/chroma_windows", func(b *testing.B) {
			for b.Loop() {
				for i := range blocks.Windows {
					chromaResidual(blocks, i)
				}
			}
		})
		b.Run(name+"/spectrum_windows", func(b *testing.B) {
			for b.Loop() {
				for i := range blocks.Windows {
					blocks.Windows[i].Pix = nil
					spectralPeak(blocks.Luma(i), screenWin)
				}
			}
		})
	}
}

// TestSpectralPeak: a grid of a few pixels' period stands far above its
// ring; noise does not. (A long straight edge does too, a line through
// the spectrum: which is why the test also wants colour.)
func TestSpectralPeak(t *testing.T) {
	n := screenWin
	r := rand.New(rand.NewPCG(1, 2))
	grid, noise := make([]float32, n*n), make([]float32, n*n)
	for y := range n {
		for x := range n {
			g := float32(r.NormFloat64() * 4)
			noise[y*n+x] = 128 + g
			// Stripes 3.2 px apart at 10°, weak against the noise.
			u := float64(x)*math.Cos(0.17) + float64(y)*math.Sin(0.17)
			grid[y*n+x] = 128 + g + float32(6*math.Sin(2*math.Pi*u/3.2))
		}
	}
	p, per := spectralPeak(grid, n)
	if p < 3 || math.Abs(per-3.2) > 0.2 {
		t.Errorf("grid: peak %.2f at %.2f px, want ≥ 3 at 3.2", p, per)
	}
	if p, _ := spectralPeak(noise, n); p >= 2 {
		t.Errorf("noise: peak %.2f, want < 2", p)
	}
}

// win makes one 64×64 window of colour rgb, its chroma subsampled 2×2.
func win(rgb func(x, y int) (float64, float64, float64)) *coef.Blocks {
	const n = 64
	w := coef.Window{N: n, Pix: make([]float32, n*n), CW: n / 2, CH: n / 2,
		Cb: make([]float32, n*n/4), Cr: make([]float32, n*n/4)}
	for y := range n {
		for x := range n {
			r, g, b := rgb(x, y)
			w.Pix[y*n+x] = float32(0.299*r + 0.587*g + 0.114*b)
		}
	}
	// Chroma: the mean of each 2×2, as a JPEG encoder subsamples it.
	for y := range n / 2 {
		for x := range n / 2 {
			var cb, cr float64
			for _, d := range [4][2]int{{0, 0}, {1, 0}, {0, 1}, {1, 1}} {
				r, g, b := rgb(2*x+d[0], 2*y+d[1])
				cb += (-0.1687*r - 0.3313*g + 0.5*b) / 4
				cr += (0.5*r - 0.4187*g - 0.0813*b) / 4
			}
			w.Cb[y*n/2+x], w.Cr[y*n/2+x] = float32(cb), float32(cr)
		}
	}
	return &coef.Blocks{Windows: []coef.Window{w}}
}

// screenStripes is white shown on a screen: RGB subpixel stripes 1 px
// wide (a 3 px screen pixel) with a dark row every 5th line.
func screenStripes(x, y int) (float64, float64, float64) {
	if y%5 == 4 {
		return 10, 10, 10
	}
	v := [3]float64{20, 20, 20}
	v[x%3] = 240
	return v[0], v[1], v[2]
}

// TestChromaResidual: one ink on paper (chroma a multiple of luma) leaves
// nothing; stripes of red, green and blue leave more than the luma's
// texture; no chroma at all says so.
func TestChromaResidual(t *testing.T) {
	ink := win(func(x, y int) (float64, float64, float64) {
		// Blue dots on white paper, 3 px apart.
		if (x%3 == 0) != (y%3 == 0) {
			return 63, 143, 192
		}
		return 251, 250, 246
	})
	if c := chromaResidual(ink, 0); c > 0.05 {
		t.Errorf("one ink: %.3f, want ≈ 0", c)
	}
	if c := chromaResidual(win(screenStripes), 0); c < 0.5 {
		t.Errorf("RGB stripes: %.3f, want ≥ 0.5", c)
	}
	grey := win(func(x, y int) (float64, float64, float64) { return 128, 128, 128 })
	grey.Windows[0].Cb = nil
	if c := chromaResidual(grey, 0); c != -1 {
		t.Errorf("no chroma: %.3f, want -1", c)
	}
}

// TestChromaCoherence: a screen's colour runs in stripes, whatever their
// angle; print in cyan, magenta and yellow dots, each ink on a lattice of
// its own angle (a rosette), has colour with no direction, and so has
// chroma noise.
func TestChromaCoherence(t *testing.T) {
	if c := chromaCoherence(win(screenStripes), 0); c < 0.5 {
		t.Errorf("RGB stripes: %.3f, want ≥ 0.5", c)
	}
	turned := win(func(x, y int) (float64, float64, float64) {
		// The same screen turned 30° (rows dropped: only the stripes).
		u := float64(x)*math.Cos(0.52) + float64(y)*math.Sin(0.52)
		v := [3]float64{20, 20, 20}
		v[int(math.Floor(u/1.3))%3] = 240
		return v[0], v[1], v[2]
	})
	if c := chromaCoherence(turned, 0); c < 0.5 {
		t.Errorf("turned stripes: %.3f, want ≥ 0.5", c)
	}
	rosette := win(func(x, y int) (float64, float64, float64) {
		col := [3]float64{251, 250, 246}
		// Cyan, magenta and yellow dots 4 px apart at 15°, 75° and 0°.
		for k, a := range [3]float64{15, 75, 0} {
			c, s := math.Cos(a*math.Pi/180), math.Sin(a*math.Pi/180)
			u, v := (float64(x)*c+float64(y)*s)/4, (-float64(x)*s+float64(y)*c)/4
			du, dv := u-math.Floor(u)-0.5, v-math.Floor(v)-0.5
			if du*du+dv*dv < 0.3/math.Pi {
				col[k] *= 0.1 // the ink absorbs its complement
			}
		}
		return col[0], col[1], col[2]
	})
	if c := chromaCoherence(rosette, 0); c > 0.12 {
		t.Errorf("CMY rosette: %.3f, want < 0.12", c)
	}
	r := rand.New(rand.NewPCG(3, 4))
	noise := win(func(x, y int) (float64, float64, float64) {
		return 128 + 6*r.NormFloat64(), 128 + 6*r.NormFloat64(), 128 + 6*r.NormFloat64()
	})
	if c := chromaCoherence(noise, 0); c > 0.12 {
		t.Errorf("chroma noise: %.3f, want < 0.12", c)
	}
	grey := win(func(x, y int) (float64, float64, float64) { return 128, 128, 128 })
	grey.Windows[0].Cb = nil
	if c := chromaCoherence(grey, 0); c != -1 {
		t.Errorf("no chroma: %.3f, want -1", c)
	}
}
