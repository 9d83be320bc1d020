package photo

import (
	"image"
	"math"
	"math/cmplx"
	"slices"
	"sync"

	"github.com/kycd/kycd/checks/photo/internal/coef"
	"github.com/kycd/kycd/checks/photo/internal/geom"
)

// Recapture: a photo of a screen showing the document. A screen is a grid
// of pixels, each of three coloured stripes with dark gaps between them;
// photographed, the grid is either seen as such (a coarse screen, or one
// close to the camera) or, finer than the camera's pixels, folded into
// moiré. Two things give it away together:
//
//   - the luma holds a strictly periodic pattern at a few pixels' period:
//     one sharp peak in the Fourier spectrum, far above everything else at
//     the same frequency;
//   - the fine colour does not follow the brightness: red, green and blue
//     stripes side by side, and moiré that changes hue as it changes
//     brightness.
//
// Neither alone will do. Print can be periodic too (halftone dots, fine
// guilloche line work give peaks as strong as a screen's), but print in one
// ink varies along one line of colours, so its chroma follows its luma; and
// a portrait or a colourful print has chroma of its own, but no grid.
//
// The block features keep no detail at a few pixels' period, so the decoder
// keeps a few small windows at full resolution (screenWindows), chosen
// before the document is located: a 3×3 grid around the frame's centre,
// where a properly framed document lies. Only the windows wholly inside the
// located outline are judged, so a woven desk around the card does not
// count.

// screenWin is the side of the windows: 128 px resolves periods of 2–12 px
// into peaks a few bins wide and costs ~1 ms of FFT a window.
const screenWin = 128

// screenWindows picks the windows in stored orientation: a 3×3 grid
// around the centre, 17 % of the frame apart (the grid is symmetric, so
// EXIF orientation does not move it).
func screenWindows(w, h int) []image.Rectangle {
	if min(w, h) < 3*screenWin {
		return nil
	}
	dx, dy := max(screenWin, int(0.17*float64(w))), max(screenWin, int(0.17*float64(h)))
	var out []image.Rectangle
	for j := -1; j <= 1; j++ {
		for i := -1; i <= 1; i++ {
			cx, cy := w/2+i*dx, h/2+j*dy
			out = append(out, image.Rect(cx-screenWin/2, cy-screenWin/2, cx+screenWin/2, cy+screenWin/2))
		}
	}
	return out
}

// upright maps a point of the stored image to the upright one (EXIF
// orientation o; sw, sh the stored size), as orient moves pixels.
func upright(x, y float64, sw, sh, o int) (float64, float64) {
	w, h := float64(sw), float64(sh)
	switch o {
	case 2:
		return w - x, y
	case 3:
		return w - x, h - y
	case 4:
		return x, h - y
	case 5:
		return y, x
	case 6:
		return h - y, x
	case 7:
		return h - y, w - x
	case 8:
		return y, w - x
	}
	return x, y
}

// screenCapture measures the windows inside the document and reports
// photo.screen_capture when at least half of them, and at least one, look
// like a screen: fine chroma that is not a copy of the luma (at least
// ScreenColour) and a periodic pattern in the luma (a spectral peak of at
// least ScreenPeak), or chroma far from the luma (ScreenColourStrong) with
// a weaker peak (ScreenPeakWeak): a fine screen's moiré. The chroma is looked at first: it is cheap, and on a
// photo of a card it rules out nearly every window before its spectrum is
// taken.
func (a *analysis) screenCapture() bool { return a.screenIn(false) }

// screenFrame is screenCapture over every window of the frame, for a
// photo whose outline was not found or found too small: a phone or
// monitor held close fills the frame, and its own edges, or the card's
// on it, may not be found (a white card on an app's white page, the
// screen's frame cut off by the photo's edge), or only a part of it
// (the portrait) is. No photo that is not a screen's reaches even the
// chroma test there (calibration: colour at most 0.2 in every window of
// every photo refused as not found or too small).
func (a *analysis) screenFrame() bool { return a.screenIn(true) }

func (a *analysis) screenIn(frame bool) bool {
	b := a.blocks
	var inside []int
	for wi, w := range b.Windows {
		if frame {
			inside = append(inside, wi)
			continue
		}
		in := true
		for _, c := range [4][2]int{{0, 0}, {w.N, 0}, {w.N, w.N}, {0, w.N}} {
			x, y := upright(float64(w.X0+c[0]), float64(w.Y0+c[1]), b.Width, b.Height, a.orient)
			if !a.quad.Contains(geom.Pt{X: x / float64(a.scale), Y: y / float64(a.scale)}) {
				in = false
				break
			}
		}
		if in {
			inside = append(inside, wi)
		}
	}
	a.metrics["screen_windows"] = float64(len(inside))
	if len(inside) == 0 {
		return false
	}
	// Windows are looked at until the vote is decided either way: on a
	// photo of a card, once more than half have said no.
	need := (len(inside) + 1) / 2
	votes, against := 0, 0
	var peak, period float64
	var stripes, colours []float64
	colour := -1.0
	for _, wi := range inside {
		if votes >= need || against > len(inside)-need {
			break
		}
		c := chromaResidual(b, wi)
		colour = max(colour, c)
		if c < a.cfg.ScreenColour {
			against++
			continue
		}
		p, per := spectralPeak(b.Luma(wi), b.Windows[wi].N)
		if p > peak {
			peak, period = p, per
		}
		if p >= a.cfg.ScreenPeak || (c >= a.cfg.ScreenColourStrong && p >= a.cfg.ScreenPeakWeak) ||
			(c >= a.cfg.ScreenColourMid && p >= a.cfg.ScreenPeakMid) {
			votes++
			stripes = append(stripes, chromaCoherence(b, wi))
			colours = append(colours, c)
		} else {
			against++
		}
	}
	a.metrics["screen_votes"] = float64(votes)
	if colour >= 0 {
		a.metrics["screen_colour"] = round3(colour)
	}
	if peak > 0 {
		a.metrics["screen_peak"] = round3(peak)
		a.metrics["screen_period"] = round3(period)
	}
	if votes < need {
		return false
	}
	// Print in four inks votes too (its rosettes alias like a grid, and
	// its colour changes from dot to dot); but a screen's colour comes in
	// stripes, R, G and B side by side along its rows, and stays stripes
	// however the camera folds it into moiré, while each ink's dots form
	// a lattice of their own at their own angle: their colour has no
	// direction. So has a diamond (PenTile) screen's, green beside red or
	// blue in a checkerboard; but its subpixels are saturated primaries
	// with nothing between them, where ink dots on paper leave the
	// colour far weaker: colour with no direction is print only when it
	// is also moderate.
	slices.Sort(stripes)
	slices.Sort(colours)
	s, c := stripes[len(stripes)/2], colours[len(colours)/2]
	a.metrics["screen_stripes"] = round3(s)
	if s < a.cfg.ScreenStripes && c < a.cfg.ScreenRosetteColour {
		return false
	}
	a.add("photo.screen_capture")
	return true
}

// chromaCoherence is how much window wi's fine colour runs in one
// direction: the coherence of the structure tensor of its Cb and Cr
// gradients, 1 for stripes, 0 for no direction. -1 without chroma.
func chromaCoherence(b *coef.Blocks, wi int) float64 {
	b.Chroma(wi)
	w := &b.Windows[wi]
	if w.Cb == nil || w.CW == 0 {
		return -1
	}
	cw, ch := w.CW, w.CH
	var jxx, jyy, jxy float64
	for _, p := range [2][]float32{w.Cb, w.Cr} {
		for j := 1; j < ch-1; j++ {
			for i := 1; i < cw-1; i++ {
				gx := float64(p[j*cw+i+1] - p[j*cw+i-1])
				gy := float64(p[(j+1)*cw+i] - p[(j-1)*cw+i])
				jxx += gx * gx
				jyy += gy * gy
				jxy += gx * gy
			}
		}
	}
	if jxx+jyy == 0 {
		return 0
	}
	return math.Sqrt((jxx-jyy)*(jxx-jyy)+4*jxy*jxy) / (jxx + jyy)
}

// spectralPeak returns the strongest isolated peak of an n×n window's
// spectrum: log10 of its power over the median power of the ring at its
// radius, and its period in pixels. Frequencies below minRing cycles per
// window (periods over n/minRing px: print, text lines, shading) are left
// out.
func spectralPeak(pix []float32, n int) (float64, float64) {
	minRing := n * 5 / 32 // periods up to 6.4 px
	f := fftOf(n)
	z := make([]complex64, n*n)
	var mean float32
	for _, p := range pix {
		mean += p
	}
	mean /= float32(n * n)
	for y := range n {
		for x := range n {
			z[y*n+x] = complex((pix[y*n+x]-mean)*f.hann[x]*f.hann[y], 0)
		}
	}
	f.transform2(z)
	// Half the plane (the spectrum of a real image is symmetric), by ring.
	rings := make([][]float32, n/2+1)
	pw := make([]float32, n*n)
	for v := 0; v <= n/2; v++ {
		for u := -n/2 + 1; u <= n/2; u++ {
			if v == 0 && u <= 0 {
				continue
			}
			r := int(math.Round(math.Hypot(float64(u), float64(v))))
			if r < minRing || r > n/2 {
				continue
			}
			c := z[v*n+(u+n)%n]
			p := real(c)*real(c) + imag(c)*imag(c)
			pw[v*n+(u+n)%n] = p
			rings[r] = append(rings[r], p)
		}
	}
	med := make([]float32, len(rings))
	for r, ps := range rings {
		if len(ps) > 0 {
			slices.Sort(ps)
			med[r] = ps[len(ps)/2]
		}
	}
	best, period := 0.0, 0.0
	for v := 0; v <= n/2; v++ {
		for u := -n/2 + 1; u <= n/2; u++ {
			p := pw[v*n+(u+n)%n]
			if p == 0 {
				continue
			}
			rf := math.Hypot(float64(u), float64(v))
			r := int(math.Round(rf))
			if med[r] <= 0 {
				continue
			}
			if s := math.Log10(float64(p / med[r])); s > best {
				best, period = s, float64(n)/rf
			}
		}
	}
	return best, period
}

// fftPlan is a radix-2 FFT of one size with its twiddles, bit reversal
// and Hann taper.
type fftPlan struct {
	n    int
	tw   []complex64
	rev  []int32
	hann []float32
}

var fftPlans sync.Map // n → *fftPlan

func fftOf(n int) *fftPlan {
	if p, ok := fftPlans.Load(n); ok {
		return p.(*fftPlan)
	}
	p := &fftPlan{n: n, tw: make([]complex64, n/2), rev: make([]int32, n), hann: make([]float32, n)}
	bitsN := 0
	for 1<<bitsN < n {
		bitsN++
	}
	for i := range n {
		r := 0
		for b := range bitsN {
			if i&(1<<b) != 0 {
				r |= 1 << (bitsN - 1 - b)
			}
		}
		p.rev[i] = int32(r)
		p.hann[i] = float32(0.5 - 0.5*math.Cos(2*math.Pi*(float64(i)+0.5)/float64(n)))
	}
	for i := range n / 2 {
		p.tw[i] = complex64(cmplx.Exp(complex(0, -2*math.Pi*float64(i)/float64(n))))
	}
	fftPlans.Store(n, p)
	return p
}

// transform1 is an in-place forward FFT of x (length n).
func (p *fftPlan) transform1(x []complex64) {
	n := p.n
	for i, r := range p.rev {
		if int(r) > i {
			x[i], x[r] = x[r], x[i]
		}
	}
	for size := 2; size <= n; size <<= 1 {
		half, step := size/2, n/size
		for s := 0; s < n; s += size {
			for k := range half {
				t := p.tw[k*step] * x[s+k+half]
				x[s+k+half] = x[s+k] - t
				x[s+k] += t
			}
		}
	}
}

// transform2 is an in-place 2-D FFT of an n×n image: rows, then columns.
func (p *fftPlan) transform2(z []complex64) {
	n := p.n
	for y := range n {
		p.transform1(z[y*n : (y+1)*n])
	}
	col := make([]complex64, n)
	for x := range n {
		for y := range n {
			col[y] = z[y*n+x]
		}
		p.transform1(col)
		for y := range n {
			z[y*n+x] = col[y]
		}
	}
}

// chromaResidual measures how much of window wi's fine chroma texture is
// not a copy of its luma texture: the high-passed Cb and Cr (3×3 box
// removed) less their best fit as multiples of the high-passed luma on the
// chroma grid, as energy over the luma's. Print in one ink on paper varies
// along one line of colours, so its chroma follows its luma (near 0); a
// screen's stripes are red, green and blue side by side, and the moiré they
// fold into changes hue as it changes brightness. -1 without chroma (a
// file without it, or not a baseline JPEG: the test is then not made).
func chromaResidual(b *coef.Blocks, wi int) float64 {
	b.Chroma(wi)
	w := &b.Windows[wi]
	if w.Cb == nil || w.CW == 0 || w.CW != w.CH || w.N%w.CW != 0 {
		return -1
	}
	f := w.N / w.CW
	if f != 1 && f != 2 && f != 4 {
		return -1
	}
	cw, ch := w.CW, w.CH
	y := b.LumaReduced(wi, f)
	hp := func(p []float32) []float32 {
		o := make([]float32, len(p))
		for j := 1; j < ch-1; j++ {
			// Rows of one length, the nine terms summed in the same
			// order: without the bounds checks of the 3×3 loop.
			row := p[j*cw : j*cw+cw]
			up, down, out := p[(j-1)*cw:][:len(row)], p[(j+1)*cw:][:len(row)], o[j*cw:][:len(row)]
			for i := 1; i < len(row)-1; i++ {
				var s float32
				s += up[i-1]
				s += up[i]
				s += up[i+1]
				s += row[i-1]
				s += row[i]
				s += row[i+1]
				s += down[i-1]
				s += down[i]
				s += down[i+1]
				out[i] = row[i] - s/9
			}
		}
		return o
	}
	yh, bh, rh := hp(y), hp(w.Cb), hp(w.Cr)
	var yy, yb, yr, bb, rr float64
	for i := range yh {
		Y, B, R := float64(yh[i]), float64(bh[i]), float64(rh[i])
		yy += Y * Y
		yb += Y * B
		yr += Y * R
		bb += B * B
		rr += R * R
	}
	if yy <= 0 {
		return 0
	}
	// The luma's energy has a floor (a noise of 2 luma): on a flat, clean
	// part of a card a little chroma over almost no luma texture would
	// otherwise make a large ratio of nothing.
	return (bb - yb*yb/yy + rr - yr*yr/yy) / (yy + 4*float64(len(yh)))
}
