package photo

import (
	"math"
	"slices"

	"github.com/kycd/kycd/checks/photo/internal/geom"
)

// A passport is often photographed open: the whole booklet (the inner page
// and the data page side by side, in the cover) is the outline the
// locator finds, and it has a data page's proportions itself (two 125 ×
// 88 mm pages make 176 × 125). Judged whole, its portrait is too small a
// share of it for the face detector and its cover reads as background.
// The document is the data page: a booklet is told by its fold (a dark
// valley across the middle of its long side, the same down the whole
// height, where print only darkens some rows) and its data page is the
// half the portrait is found in. Without a fold, or without a portrait
// in either half, the outline stays as it was found.

// foldDip is how much darker (a share of the pages' brightness) the
// fold's valley must be than the pages a fifth of the way either side:
// on the calibration split (-n 6 -big 2000) the generator's booklets
// measure 0.22–0.24, passport data pages (the passport and mrz_band
// families) −0.16 to −0.05, their middle brighter than the portrait's
// column.
const foldDip = 0.12

// dataPage replaces an open booklet's outline with its data page's.
func (a *analysis) dataPage(docs, cands []quadCand) []quadCand {
	if a.kind != Passport || len(docs) == 0 {
		return docs
	}
	d := docs[0]
	q := d.q
	// Side 0 along the long axis.
	if q.Side(0)+q.Side(2) < q.Side(1)+q.Side(3) {
		q = geom.Quad{q[1], q[2], q[3], q[0]}
	}
	rw := int(math.Round((q.Side(0) + q.Side(2)) / 2))
	rh := int(math.Round((q.Side(1) + q.Side(3)) / 2))
	if rw < 40 || rh < 24 {
		return docs
	}
	rect := a.warp(q, rw, rh)
	f, ok := fold(rect, rw, rh)
	if !ok {
		return docs
	}
	toPlane, ok := geom.FromQuads(geom.Quad{{X: 0, Y: 0}, {X: float64(rw), Y: 0}, {X: float64(rw), Y: float64(rh)}, {X: 0, Y: float64(rh)}}, q)
	if !ok {
		return docs
	}
	at := func(x, y float64) geom.Pt { return toPlane.Apply(geom.Pt{X: x, Y: y}) }
	// The halves either side of the fold, inside the cover's edge; a page
	// outline found on its own is more exact, when there is one.
	m := 0.02 * float64(rh)
	fx := float64(f) + 0.5
	halves := [2]geom.Quad{
		{at(m, m), at(fx, m), at(fx, float64(rh)-m), at(m, float64(rh)-m)},
		{at(fx, m), at(float64(rw)-m, m), at(float64(rw)-m, float64(rh)-m), at(fx, float64(rh)-m)},
	}
	for k, h := range halves {
		for _, c := range cands {
			if !c.touches && h.Contains(centre(c.q)) && c.q.Contains(centre(h)) &&
				min(c.area, h.Area()) >= 0.8*max(c.area, h.Area()) {
				halves[k] = c.q
				break
			}
		}
	}
	best, score := -1, 0.0
	rw0, rh0 := a.rw, a.rh
	for k, h := range halves {
		if s := a.pageFace(h); s > score {
			best, score = k, s
		}
	}
	a.rw, a.rh = rw0, rh0
	if best < 0 {
		return docs
	}
	p := halves[best]
	page := quadCand{q: p, area: p.Area(), fill: 1, aspect: quadAspect(p), support: a.edgeSupport(p, a.grad)}
	a.metrics["booklet"] = 1
	return append([]quadCand{page}, slices.DeleteFunc(slices.Clone(docs[1:]), func(c quadCand) bool {
		return d.q.Contains(centre(c.q))
	})...)
}

// fold finds the darkest column of the middle fifth of a w×h image (the
// booklet's long axis along x) by its median down the column, and says
// whether it is a fold: foldDip darker than the pages either side.
func fold(pix []uint8, w, h int) (int, bool) {
	med := func(x int) float64 {
		col := make([]uint8, 0, h)
		for y := h / 10; y < h-h/10; y++ {
			col = append(col, pix[y*w+x])
		}
		slices.Sort(col)
		return float64(col[len(col)/2])
	}
	lo, hi := int(0.4*float64(w)), int(0.6*float64(w))
	f, dark := -1, math.Inf(1)
	for x := lo; x <= hi; x++ {
		if v := med(x); v < dark {
			f, dark = x, v
		}
	}
	side := (med(int(0.2*float64(w))) + med(int(0.8*float64(w)))) / 2
	if f < 0 || side <= 0 {
		return 0, false
	}
	return f, 1-dark/side >= foldDip
}

// pageFace is the best portrait score in half h of a booklet, either way
// up (0 when none): the data page is the half with the portrait.
func (a *analysis) pageFace(h geom.Quad) float64 {
	if h.Side(0)+h.Side(2) < h.Side(1)+h.Side(3) {
		h = geom.Quad{h[1], h[2], h[3], h[0]}
	}
	a.rw = max(8, int(math.Round((h.Side(0)+h.Side(2))/2)))
	a.rh = max(8, int(math.Round((h.Side(1)+h.Side(3))/2)))
	pix := a.warp(h, a.rw, a.rh)
	best := 0.0
	for range 2 {
		for _, f := range a.portraits(pix) {
			best = max(best, f.score)
		}
		if best > 0 {
			break
		}
		slices.Reverse(pix)
	}
	return best
}
