package photo

import (
	"math"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/kycd/kycd/checks/photo/internal/geom"
)

// A proposal pass is one segmentation of the plane whose regions are each
// tried as a document outline: the regions between the edges above one
// gradient threshold, what the border's flood does not reach through those
// edges, or one side of a shifted Otsu split. The passes only read the
// plane and the gradients, so they run on the check's workers, each with
// its own scratch; their candidates are then put back in pass order, so
// the result is the one a single pass-by-pass loop gives.

// edgeThresholds are the gradient levels (in units of the noise floor) of
// the edge passes; otsuOffsets shift the Otsu threshold of the brightness
// passes, each taken bright side and dark side.
var (
	edgeThresholds = [...]float32{2, 3, 6, 12}
	otsuOffsets    = [...]int{0, -24, 24}
)

// proposal is what one pass verified: outlines, and near-misses that may
// turn out to be a document whose own border is partly lost (weak).
type proposal struct {
	cands, weak []quadCand
	// soft: whole, document-shaped outlines of at least MinDocumentShare
	// that failed only on edge support, for a second look when nothing
	// else is found.
	soft []quadCand
	// bands: two-tone cards completed from their coloured part
	// (completeBand), also for when nothing else is found.
	bands []quadCand
}

// scratch is one worker's buffers, reused from region to region and,
// through scratchPool, from photo to photo.
type scratch struct {
	edge, region, sub []bool
	// mask is plane-sized and all false between fitQuad calls: a region's
	// filled shape is written inside its box and cleared after.
	mask []bool
	// notComp is shape's box-sized buffer.
	notComp []bool
	morph   morphScratch
	// The labellings of a pass, of the pieces of a region cut by an
	// opening (consider), and of a box (shape): each one's regions are
	// in use while the next level down labels its own.
	pass, sub2, box labeller
}

// scratchPool keeps the workers' scratch between checks: a photo's
// locating stage would otherwise allocate (and clear) a dozen plane-sized
// buffers, and the collector run for them.
var scratchPool sync.Pool

// getScratch returns scratch for a plane of n cells, its mask all false.
func getScratch(n int) *scratch {
	s, _ := scratchPool.Get().(*scratch)
	if s == nil {
		s = &scratch{}
	}
	// The mask is all false over its whole capacity (fitQuad clears what
	// it sets): a shorter plane can take its first n cells as they are.
	if cap(s.mask) < n {
		s.mask = make([]bool, n)
	}
	s.edge, s.region, s.mask = resize(s.edge, n), resize(s.region, n), s.mask[:n]
	return s
}

// propose runs every pass and returns their candidates in pass order.
func (a *analysis) propose(g *gradients) (cands, weak, soft, bands []quadCand) {
	nEdge := len(edgeThresholds)
	passes := nEdge + 2*len(otsuOffsets)
	out := make([]proposal, passes)
	otsuT := int(otsu(a.plane))
	workers := min(max(1, a.cfg.Workers), passes)
	var next atomic.Int32
	work := func() {
		s := getScratch(a.pw * a.ph)
		for {
			i := int(next.Add(1)) - 1
			if i >= passes {
				scratchPool.Put(s)
				return
			}
			p := &out[i]
			if i < nEdge {
				a.edgePass(s, g, edgeThresholds[i], p)
			} else {
				j := i - nEdge
				a.otsuPass(s, g, otsuT+otsuOffsets[j/2], j%2 == 0, p)
			}
		}
	}
	var wg sync.WaitGroup
	for range workers - 1 {
		wg.Add(1)
		go func() { defer wg.Done(); work() }()
	}
	work()
	wg.Wait()
	for _, p := range out {
		cands = append(cands, p.cands...)
		weak = append(weak, p.weak...)
		soft = append(soft, p.soft...)
		bands = append(bands, p.bands...)
	}
	return cands, weak, soft, bands
}

// edgePass proposes the regions of the edges at or above threshold t.
func (a *analysis) edgePass(s *scratch, g *gradients, t float32, p *proposal) {
	edge := s.edge[:len(g.mag)] // as in otsuPass
	for i, m := range g.mag {
		edge[i] = m >= t
	}
	// Dilate by two pixels to close small gaps in the outline (a
	// corner, a stretch where the desk matches the card). Regions between
	// the dilated edges (a card's flat ground with its print as holes) ...
	dilateInto(&s.morph, s.region, s.edge, a.pw, a.ph, 2, true)
	all := s.pass.regions(a.pw, a.ph, nil, s.region)
	minArea := int(a.cfg.MinDocumentArea * float64(a.pw*a.ph))
	for _, c := range all {
		if c.area >= minArea {
			a.consider(s, g, c, 2.5, p) // the region stops where the dilated edge begins
		}
	}
	// ... and what the background, flooded from the frame's border
	// through edge-free pixels, does not reach: the edges, and the regions
	// between them that do not reach the border.
	fillTrue(s.region)
	for _, c := range all {
		if c.x0 == 0 || c.y0 == 0 || c.x1 == a.pw-1 || c.y1 == a.ph-1 {
			for _, r := range c.runs {
				clear(s.region[int(r.y)*a.pw+int(r.x0) : int(r.y)*a.pw+int(r.x1)])
			}
		}
	}
	for _, c := range s.pass.components(a.pw, a.ph, nil, s.region, minArea) {
		a.consider(s, g, c, -2, p) // the flooded outline includes the dilated edge
	}
}

// otsuPass proposes the regions on one side (bright or not) of threshold
// t, clamped to 1…254.
func (a *analysis) otsuPass(s *scratch, g *gradients, t int, bright bool, p *proposal) {
	tt := uint8(min(254, max(1, t)))
	// region in a local of the plane's length: through s, its header was
	// loaded again and bounds-checked for every pixel.
	region := s.region[:len(a.plane)]
	for i, v := range a.plane {
		region[i] = (v > tt) == bright
	}
	minArea := int(a.cfg.MinDocumentArea * float64(a.pw*a.ph))
	for _, c := range s.pass.components(a.pw, a.ph, nil, s.region, minArea) {
		a.consider(s, g, c, 0, p)
	}
}

// consider tries region c as an outline. A document whose outline has a
// gap (a dark card in its own shadow) leaks into the desk: when a large
// region fails, an opening cuts the narrow leaks and each piece is tried on
// its own.
func (a *analysis) consider(s *scratch, g *gradients, c comp, grow float64, p *proposal) {
	n := a.pw * a.ph
	if a.try(s, g, c, grow, p) || c.area < int(a.cfg.MinDocumentShare*float64(n)) {
		return
	}
	s.sub = resize(s.sub, n)
	clear(s.sub)
	for _, r := range c.runs {
		fillTrue(s.sub[int(r.y)*a.pw+int(r.x0) : int(r.y)*a.pw+int(r.x1)])
	}
	openWith(&s.morph, s.sub, a.pw, c.x0, c.y0, c.x1, c.y1, 2)
	minArea := int(a.cfg.MinDocumentArea * float64(n))
	for _, sc := range s.sub2.components(a.pw, a.ph, nil, s.sub, minArea) {
		if sc.area < c.area*9/10 {
			a.try(s, g, sc, grow, p)
		}
	}
}

// try fits and verifies one region, keeping a verified outline as a
// candidate and a well-shaped one that misses only on its support as weak.
func (a *analysis) try(s *scratch, g *gradients, c comp, grow float64, p *proposal) bool {
	qc, ok := a.fitQuad(s, c, g, grow)
	if ok {
		p.cands = append(p.cands, qc)
	} else if ext, found := a.completeBand(qc, g); found {
		p.bands = append(p.bands, ext)
	} else if qc.area >= a.cfg.MinDocumentShare*float64(a.pw*a.ph) && !qc.touches && qc.fill > 0.88 && qc.fill < 1.2 &&
		qc.support < a.cfg.MinEdgeSupport && qc.aspect >= a.cfg.DocAspectMin && qc.aspect <= a.cfg.DocAspectMax {
		p.soft = append(p.soft, qc)
	}
	if !ok && qc.area > 0 && !qc.touches && qc.fill > 0.85 && qc.fill < 1.2 && qc.support >= 0.35 &&
		qc.aspect >= a.cfg.DocAspectMin && qc.aspect <= a.cfg.DocAspectMax {
		p.weak = append(p.weak, qc)
	}
	return ok
}

// completeBand: a two-tone card (a white band above a coloured ground) on a
// pale desk shows only its coloured part as a clean outline, too long for
// a document (a band over 64 % of a card's height is 2.5:1), while its
// white part melts into the desk. Such a band is extended across its long
// side, either way, to a card's or a passport page's proportions; the
// extension is the document when the new long side and the two stretches
// added to the short sides each lie on an edge along MinEdgeSupport of
// their length (the card's own border and contact shadow against the
// desk). The band's own support is not counted for them: the old outline
// alone would carry more than half of the new one. The band must be at
// most about three quarters of the document (the stretch added at least
// 0.3 of its short side): a card found with a strip of its shadow is not
// a band. Completions are used only when nothing else of a document's
// size is found (locate), like the second look for soft borders.
func (a *analysis) completeBand(b quadCand, g *gradients) (quadCand, bool) {
	if b.touches || b.area < a.cfg.MinDocumentArea*float64(a.pw*a.ph) || b.fill <= 0.88 || b.fill >= 1.2 ||
		b.support < a.cfg.MinEdgeSupport || b.aspect <= a.cfg.DocAspectMax || b.aspect > 4 {
		return quadCand{}, false
	}
	q := b.q
	// k: the index of a long side; P0-P1 is that side, P3-P2 the other.
	k := 0
	if q.Side(0)+q.Side(2) < q.Side(1)+q.Side(3) {
		k = 1
	}
	m := a.cfg.EdgeMargin * float64(min(a.pw, a.ph))
	var best quadCand
	bestCalm, found := 0.0, false
	for _, side := range []int{k, k + 2} {
		p0, p1, p2, p3 := q[side%4], q[(side+1)%4], q[(side+2)%4], q[(side+3)%4]
		long := (q.Side(side%4) + q.Side((side+2)%4)) / 2
		short := (q.Side((side+1)%4) + q.Side((side+3)%4)) / 2
		ext := func(t float64) (geom.Pt, geom.Pt) {
			return geom.Pt{X: p0.X + t*(p0.X-p3.X), Y: p0.Y + t*(p0.Y-p3.Y)},
				geom.Pt{X: p1.X + t*(p1.X-p2.X), Y: p1.Y + t*(p1.Y-p2.Y)}
		}
		// The new side where the gradient along it is strongest, between
		// a card's proportions and a passport page's (and a little more),
		// of the lines that lie on an edge end to end: a line of print
		// across the band (a title in large letters) is as strong as the
		// card's border but has gaps between its letters.
		tBest, strength := 0.0, 0.0
		for off := long/bandAspectWidest - short; off <= long/bandAspectNarrowest-short; off++ {
			t := off / short
			if t < bandMinStretch {
				continue
			}
			n0, n1 := ext(t)
			if min(n0.X, n1.X) < m || min(n0.Y, n1.Y) < m || max(n0.X, n1.X) > float64(a.pw)-m || max(n0.Y, n1.Y) > float64(a.ph)-m {
				continue
			}
			if s := a.lineStrength(n0, n1, g); s > strength && a.segSupport(n0, n1, g) >= a.cfg.MinEdgeSupport {
				tBest, strength = t, s
			}
		}
		if tBest == 0 {
			continue
		}
		n0, n1 := ext(tBest)
		sup := min(a.segSupport(n0, n1, g), a.segSupport(p0, n0, g), a.segSupport(p1, n1, g))
		calm := a.busyness(geom.Quad{p0, p1, n1, n0}, g)
		var e geom.Quad
		e[side%4], e[(side+1)%4], e[(side+2)%4], e[(side+3)%4] = n0, n1, p2, p3
		// Of two extensions on edges, the card's own ground is the calmer
		// one: the other is the desk beyond the band.
		if sup < a.cfg.MinEdgeSupport || (found && calm >= bestCalm) || e.Area() < a.cfg.MinDocumentShare*float64(a.pw*a.ph) {
			continue
		}
		long2 := (e.Side(0) + e.Side(2)) / 2
		short2 := (e.Side(1) + e.Side(3)) / 2
		if short2 > long2 {
			long2, short2 = short2, long2
		}
		best = quadCand{q: e, area: e.Area(), fill: 1, support: a.edgeSupport(e, g), aspect: long2 / short2}
		bestCalm, found = calm, true
	}
	return best, found
}

// The proportions a band is completed to: a passport page (1.42) and an
// ID-1 card (1.585), with room for perspective.
const (
	bandAspectNarrowest = 1.35
	bandAspectWidest    = 1.75
	bandMinStretch      = 0.3
)

// lineStrength is the mean gradient (in noise floors) along the segment,
// its tenth nearest each end left out.
func (a *analysis) lineStrength(p0, p1 geom.Pt, g *gradients) float64 {
	L := math.Hypot(p1.X-p0.X, p1.Y-p0.Y)
	var sum float64
	n := 0
	for s := 0.1 * L; s <= 0.9*L; s++ {
		f := s / L
		x, y := int(p0.X+(p1.X-p0.X)*f), int(p0.Y+(p1.Y-p0.Y)*f)
		if x >= 0 && y >= 0 && x < a.pw && y < a.ph {
			sum += float64(g.mag[y*a.pw+x])
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return sum / float64(n)
}

// segSupport is edgeSupport for one segment: the share of its points (one
// per plane pixel, the tenth nearest each end left out) with a gradient
// of at least 4 noise floors within four pixels across it.
func (a *analysis) segSupport(p0, p1 geom.Pt, g *gradients) float64 {
	L := math.Hypot(p1.X-p0.X, p1.Y-p0.Y)
	if L < 4 {
		return 0
	}
	on, all := a.sideSupport(p0, p1, L, g)
	if all == 0 {
		return 0
	}
	return float64(on) / float64(all)
}

// sideSupport counts the points of segment p0–p1 (length L), one per plane
// pixel with the tenth nearest each end left out, and those of them with a
// gradient of at least 4 noise floors within four pixels across it: the
// measure edgeSupport and segSupport share.
func (a *analysis) sideSupport(p0, p1 geom.Pt, L float64, g *gradients) (on, all int) {
	nx, ny := -(p1.Y-p0.Y)/L, (p1.X-p0.X)/L
	for s := 0.1 * L; s <= 0.9*L; s++ {
		f := s / L
		px, py := p0.X+(p1.X-p0.X)*f, p0.Y+(p1.Y-p0.Y)*f
		all++
		for o := -4.0; o <= 4; o++ {
			x, y := int(px+o*nx), int(py+o*ny)
			if x >= 0 && y >= 0 && x < a.pw && y < a.ph && g.mag[y*a.pw+x] >= 4 {
				on++
				break
			}
		}
	}
	return on, all
}

// busyness is the median gradient (in noise floors) inside quadrilateral q
// shrunk by 3 px: a card's plain ground is calm, a patterned desk is not.
func (a *analysis) busyness(q geom.Quad, g *gradients) float64 {
	q = growQuad(q, -3)
	x0, y0, x1, y1 := a.pw, a.ph, 0, 0
	for _, p := range q {
		x0, y0 = min(x0, int(p.X)), min(y0, int(p.Y))
		x1, y1 = max(x1, int(p.X)+1), max(y1, int(p.Y)+1)
	}
	var v []float32
	for y := max(0, y0); y < min(a.ph, y1); y++ {
		for x := max(0, x0); x < min(a.pw, x1); x++ {
			if q.Contains(geom.Pt{X: float64(x) + 0.5, Y: float64(y) + 0.5}) {
				v = append(v, g.mag[y*a.pw+x])
			}
		}
	}
	if len(v) == 0 {
		return 0
	}
	slices.Sort(v)
	return float64(v[len(v)/2])
}
