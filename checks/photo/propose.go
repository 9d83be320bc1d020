package photo

import (
	"sync"
	"sync/atomic"
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
func (a *analysis) propose(g *gradients) (cands, weak, soft []quadCand) {
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
	}
	return cands, weak, soft
}

// edgePass proposes the regions of the edges at or above threshold t.
func (a *analysis) edgePass(s *scratch, g *gradients, t float32, p *proposal) {
	for i, m := range g.mag {
		s.edge[i] = m >= t
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
	for i, v := range a.plane {
		s.region[i] = (v > tt) == bright
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
