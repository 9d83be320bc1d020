package photo

import (
	"image"
	"math"
	"slices"

	"github.com/kycd/kycd/checks/photo/internal/geom"
)

// documentSharpness estimates the blur of the document as the width of its
// strongest edges — the card's outline, the portrait's border, large
// print — and compares it with what the smallest text can bear.
//
// Why edge widths: the rise of a step edge from 10 % to 90 % of its
// contrast is 2.56 σ for a Gaussian blur of σ, and about 0.8 L for a hand
// shake of length L, whatever the contrast, the card's colour or the
// exposure. Noise and in-camera sharpening barely move it on edges whose
// contrast is many times the noise (they add ripples on the flanks, not
// width), whereas the share of high-frequency energy that noise inflates is
// not used at all. The widths are measured on the quarter-scale image the
// JPEG's coefficients give without decoding pixels, across vertical and
// horizontal edges separately; the wider of the two medians is the blur,
// so a shake in one direction counts in full.
//
// The readability rule: the smallest text line (cap height CapFrac of the
// document's short side, ~1.6 mm on an ID-1 card) is legible at 100 %
// while the blur's σ is at most its cap height / CapsPerSigma.
func (a *analysis) documentSharpness(qi quarterImage) {
	q, qw, qh, f := qi.pix, qi.w, qi.h, qi.f
	if q == nil {
		return
	}
	quad := a.quad
	for i := range quad {
		quad[i].X *= f
		quad[i].Y *= f
	}
	// Take the outline itself in: expand the quadrilateral by three pixels.
	c := centre(quad)
	short := math.Min(quad.Side(0), quad.Side(1))
	k := 1 + 6/short
	x0, y0, x1, y1 := qw, qh, 0, 0
	for i, p := range quad {
		p = geom.Pt{X: c.X + (p.X-c.X)*k, Y: c.Y + (p.Y-c.Y)*k}
		quad[i] = p
		x0, y0 = min(x0, int(p.X)), min(y0, int(p.Y))
		x1, y1 = max(x1, int(p.X)+1), max(y1, int(p.Y)+1)
	}
	x0, y0, x1, y1 = max(x0, 12), max(y0, 12), min(x1, qw-12), min(y1, qh-12)
	if x0 < x1 && y0 < y1 && !image.Rect(x0-edgeWalk-2, y0-edgeWalk-2, x1+edgeWalk+2, y1+edgeWalk+2).In(qi.drawn) {
		// The outline moved since the image was drawn around it.
		qi = a.quarter()
		q = qi.pix
	}
	// The rows are shared between two workers; the medians do not depend
	// on the order the edges were found in.
	mid := (y0 + y1) / 2
	other := soon(a, func() edgeSample { return edgeWidths(q, qw, quad, x0, mid, x1, y1, edgeWalk) })
	e := edgeWidths(q, qw, quad, x0, y0, x1, mid, edgeWalk)
	o := other.get()
	wx, cx := append(e.wx, o.wx...), append(e.cx, o.cx...)
	wy, cy := append(e.wy, o.wy...), append(e.cy, o.cy...)
	mx, okx := strongMedian(wx, cx)
	my, oky := strongMedian(wy, cy)
	if !okx && !oky {
		// A document found, and not one edge on it whose rise ends
		// within edgeWidth's walk (ten quarter pixels, 40 photo pixels,
		// each way): every print edge, the portrait's and the card's
		// own are smeared wider than that, a blur several times past
		// the readability limit (see the blur_heavy families in
		// docs/photo-checks.md). Saying nothing would leave the missed
		// portrait, a consequence of the blur, as the only finding.
		a.metrics["sharpness"] = 0
		a.metrics["edges_measured"] = 0
		a.add("photo.blurry")
		return
	}
	width := math.Max(mx, my)
	a.edgeWidthPlane = width / f
	sigmaQ := width / 2.563
	blur := math.Sqrt(math.Max(0, sigmaQ*sigmaQ-a.cfg.QuarterSigma*a.cfg.QuarterSigma)) * 4
	docShort := math.Min((a.quad.Side(1)+a.quad.Side(3))/2, (a.quad.Side(0)+a.quad.Side(2))/2) * float64(a.scale)
	limit := a.cfg.CapFrac * docShort / a.cfg.CapsPerSigma
	a.metrics["edge_width_x"] = round3(mx)
	a.metrics["edge_width_y"] = round3(my)
	a.metrics["blur_sigma_px"] = round3(blur)
	a.metrics["blur_limit_px"] = round3(limit)
	// sharpness: the readability margin, ≥ 1 when the smallest text is
	// legible (capped: a perfectly sharp photo would be infinite).
	a.metrics["sharpness"] = round3(math.Min(10, limit/math.Max(blur, 1e-3)))
	if blur > limit {
		a.add("photo.blurry")
	}
}

// edgeSample holds the widths and contrasts of the edges found across
// vertical (x) and horizontal (y) edges.
type edgeSample struct{ wx, cx, wy, cy []float32 }

// edgeWalk is how far (in quarter pixels, each way) the document's edges
// are followed: ten, 40 photo pixels.
const edgeWalk = 10

// edgeWidths measures the edges of the quarter-scale image q (width qw)
// in rows [y0, y1) and columns [x0, x1) whose pixel centres lie in quad,
// each followed up to walk pixels each way (rows and columns within walk+1
// of the window's bounds must exist).
func edgeWidths(q []uint8, qw int, quad geom.Quad, x0, y0, x1, y1, walk int) edgeSample {
	var e edgeSample
	for y := y0; y < y1; y++ {
		for x := x0; x < x1; x++ {
			i := y*qw + x
			gx := int(q[i+1]) - int(q[i-1])
			gy := int(q[i+qw]) - int(q[i-qw])
			ax, ay := abs(gx), abs(gy)
			if max(ax, ay) < 8 {
				continue
			}
			// Whether the pixel is a steepest point across a vertical
			// edge (acrossX) or a horizontal one (acrossY), before the
			// test that it lies inside quad: the same pixels pass both,
			// but most strong pixels fail these cheap tests, and
			// Contains was a third of this loop's time.
			acrossX := ax >= 2*ay && ax >= abs(int(q[i])-int(q[i-2])) && ax > abs(int(q[i+2])-int(q[i]))
			acrossY := !acrossX && ay >= 2*ax && ay >= abs(int(q[i])-int(q[i-2*qw])) && ay > abs(int(q[i+2*qw])-int(q[i]))
			if !acrossX && !acrossY || !quad.Contains(geom.Pt{X: float64(x) + 0.5, Y: float64(y) + 0.5}) {
				continue
			}
			if acrossX {
				if w, con, ok := edgeWidth(q, i, 1, walk); ok {
					e.wx, e.cx = append(e.wx, w), append(e.cx, con)
				}
			} else if w, con, ok := edgeWidth(q, i, qw, walk); ok {
				e.wy, e.cy = append(e.wy, w), append(e.cy, con)
			}
		}
	}
	return e
}

// edgeWidth measures the 10–90 % rise of the edge through pixel i along
// step (1: across a vertical edge, the row stride: across a horizontal
// one). It walks each way to the profile's extremes, tolerating a ripple
// of noise, and interpolates the crossings.
func edgeWidth(q []uint8, i, step, maxWalk int) (width, contrast float32, ok bool) {
	const tol = 3
	dir := 1
	if q[i+step] < q[i-step] {
		dir = -1
	}
	val := func(k int) int { return dir * int(q[i+k*step]) }
	// Up to the top.
	hi, hiK := val(0), 0
	for k := 1; k <= maxWalk; k++ {
		v := val(k)
		if v > hi {
			hi, hiK = v, k
		} else if v < hi-tol {
			break
		}
		if k == maxWalk {
			return 0, 0, false
		}
	}
	lo, loK := val(0), 0
	for k := -1; k >= -maxWalk; k-- {
		v := val(k)
		if v < lo {
			lo, loK = v, k
		} else if v > lo+tol {
			break
		}
		if k == -maxWalk {
			return 0, 0, false
		}
	}
	c := hi - lo
	if c < 24 {
		return 0, 0, false
	}
	cross := func(level float64) float64 {
		for k := loK; k < hiK; k++ {
			a, b := float64(val(k)), float64(val(k+1))
			if a <= level && b > level {
				return float64(k) + (level-a)/(b-a)
			}
		}
		return math.NaN()
	}
	t10 := cross(float64(lo) + 0.1*float64(c))
	t90 := cross(float64(lo) + 0.9*float64(c))
	if math.IsNaN(t10) || math.IsNaN(t90) {
		return 0, 0, false
	}
	return float32(t90 - t10), float32(c), true
}

// strongMedian is the median width of the edges whose contrast is at
// least half that of the 90th percentile: the big steps, not thin strokes
// (a stroke narrower than the blur looks narrower than the blur).
func strongMedian(w, c []float32) (float64, bool) {
	if len(w) < 12 {
		return 0, false
	}
	cs := slices.Clone(c)
	slices.Sort(cs)
	cut := cs[len(cs)*9/10] / 2
	var keep []float32
	for i := range w {
		if c[i] >= cut {
			keep = append(keep, w[i])
		}
	}
	if len(keep) < 8 {
		return 0, false
	}
	slices.Sort(keep)
	return float64(keep[len(keep)/2]), true
}

// quarter returns the upright quarter-scale image (or, for photos small
// enough that the plane is already at 1/4, the plane itself), its size and
// the factor from plane to quarter coordinates. Quarter scale is two
// pixels per 8×8 block from the lowest DCT terms: fine enough to measure a
// blur that the smallest text can bear on a document filling a 1–12 MP
// photo.
func (a *analysis) quarter() quarterImage {
	if a.scale == 4 {
		return quarterImage{a.plane, a.pw, a.ph, 1, image.Rect(0, 0, a.pw, a.ph)}
	}
	if a.blocks == nil {
		return quarterImage{}
	}
	q := a.blocks.Quarter()
	w, h := 2*a.blocks.BW, 2*a.blocks.BH
	if a.orient > 1 {
		q, w, h = orient(q, w, h, a.orient)
	}
	return quarterImage{q, w, h, float64(a.scale) / 4, image.Rect(0, 0, w, h)}
}

// quarterAround is quarter rendered only around the outline quad (plane
// coordinates, its corners in any order) when the photo is stored upright:
// the box documentSharpness measures in, grown as far as it could grow for
// any order of the corners, and the edges' walk beyond it. The check's
// other readers of a quarter-scale image read the plane. documentSharpness
// takes the whole image after all if its box leaves the rendered one.
func (a *analysis) quarterAround(quad geom.Quad) quarterImage {
	if a.scale == 4 || a.blocks == nil || a.orient > 1 {
		return a.quarter()
	}
	f := float64(a.scale) / 4
	for i := range quad {
		quad[i].X *= f
		quad[i].Y *= f
	}
	short := min(quad.Side(0), quad.Side(1), quad.Side(2), quad.Side(3))
	if !(short >= 1) {
		return a.quarter()
	}
	c, k := centre(quad), 1+6/short
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range quad {
		p = geom.Pt{X: c.X + (p.X-c.X)*k, Y: c.Y + (p.Y-c.Y)*k}
		x0, y0, x1, y1 = min(x0, p.X), min(y0, p.Y), max(x1, p.X), max(y1, p.Y)
	}
	// Quarter pixels from two before to two past the box and the walk;
	// two quarter pixels a block.
	const margin = edgeWalk + 4
	b := a.blocks
	bx0 := max(0, int(math.Floor(x0))-margin) / 2
	by0 := max(0, int(math.Floor(y0))-margin) / 2
	bx1 := min(b.BW, (int(math.Ceil(x1))+margin)/2+1)
	by1 := min(b.BH, (int(math.Ceil(y1))+margin)/2+1)
	if bx0 >= bx1 || by0 >= by1 {
		return a.quarter()
	}
	q := b.QuarterIn(bx0, by0, bx1, by1)
	return quarterImage{q, 2 * b.BW, 2 * b.BH, f, image.Rect(2*bx0, 2*by0, 2*bx1, 2*by1)}
}

// quarterImage is a grey image at 1/4 scale, w×h, and the factor f from
// plane to quarter coordinates; only the pixels in drawn are rendered.
type quarterImage struct {
	pix   []uint8
	w, h  int
	f     float64
	drawn image.Rectangle
}

// frameWalk is how far (in plane pixels, each way) blurAround follows an
// edge: 24, about 190 photo pixels on a 12 MP photo's 1/8 plane.
const frameWalk = 24

// blurAround measures the blur (σ in photo pixels) from the strongest
// edges of the plane inside outline q scaled by k about its centre,
// followed much further than a document's (frameWalk): a card smeared so
// far that the locator found only a part of it, or whose print no longer
// reaches DarkP99, still has a border and a portrait whose rise can be
// measured at the plane's coarser scale. Only around the outline: a desk
// may be soft of itself (a fabric, a drawn texture), and its gradual
// shading would read as blur. It says false when no strong edge was
// measured.
func (a *analysis) blurAround(q geom.Quad, k float64) (float64, bool) {
	m := frameWalk + 2
	if a.pw <= 2*m+16 || a.ph <= 2*m+16 {
		return 0, false
	}
	c := centre(q)
	x0, y0, x1, y1 := a.pw, a.ph, 0, 0
	for i, p := range q {
		p = geom.Pt{X: c.X + (p.X-c.X)*k, Y: c.Y + (p.Y-c.Y)*k}
		q[i] = p
		x0, y0 = min(x0, int(p.X)), min(y0, int(p.Y))
		x1, y1 = max(x1, int(p.X)+1), max(y1, int(p.Y)+1)
	}
	x0, y0, x1, y1 = max(x0, m), max(y0, m), min(x1, a.pw-m), min(y1, a.ph-m)
	if x1 <= x0 || y1 <= y0 {
		return 0, false
	}
	e := edgeWidths(a.plane, a.pw, q, x0, y0, x1, y1, frameWalk)
	mx, okx := strongMedian(e.wx, e.cx)
	my, oky := strongMedian(e.wy, e.cy)
	if !okx && !oky {
		return 0, false
	}
	sigma := math.Max(mx, my) / 2.563
	blur := math.Sqrt(math.Max(0, sigma*sigma-a.cfg.QuarterSigma*a.cfg.QuarterSigma)) * float64(a.scale)
	a.metrics["frame_blur_px"] = round3(blur)
	return blur, true
}

// blurredPast says whether the photo around outline q (scaled by k) is
// blurred past reading a document framed as people frame one: σ over
// FrameBlurFactor times the readability limit (CapFrac, CapsPerSigma) of a
// card whose long side is 0.55 of the photo's (the least the corpus's
// ordinary framing gives). It is asked only where a document's presence
// is in evidence and the finding about it would otherwise be a
// consequence of the blur: an outline too small (the part of a smeared
// card the locator found), a card whose print is too dim (a dark card's
// pale print smeared into its ground), a card whose portrait was not
// found.
func (a *analysis) blurredPast(q geom.Quad, k float64) bool {
	blur, ok := a.blurAround(q, k)
	if !ok {
		return false
	}
	short := 0.55 * float64(max(a.w, a.h)) / 1.585
	limit := a.cfg.CapFrac * short / a.cfg.CapsPerSigma
	a.metrics["frame_blur_limit_px"] = round3(limit)
	return blur > a.cfg.FrameBlurFactor*limit
}
