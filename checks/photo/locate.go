package photo

import (
	"encoding/binary"
	"math"
	"math/bits"
	"slices"
	"sync"

	"github.com/kycd/kycd/checks/photo/internal/geom"
)

// A document is located from edges, not from its brightness: a card of any
// colour on any desk is a closed outline of gradient. Candidate regions
// come from three cheap segmentations of the analysis plane — the area
// enclosed by strong edges as seen from the frame's border, the regions
// between edges, and the two sides of the Otsu split — and each candidate
// must then prove itself as a quadrilateral: its region fills the fitted
// quadrilateral, the sides lie on gradient over most of their length and
// the shape has a document's proportions. Several cheap proposals and one
// strict test keep light-on-light, two-tone and dark cards findable
// without letting a textured desk through.

// quadCand is one verified (or cropped) document outline in plane
// coordinates.
type quadCand struct {
	q       geom.Quad
	area    float64 // of the quadrilateral, plane pixels²
	fill    float64 // region area / quadrilateral area
	support float64 // share of the outline lying on an edge
	aspect  float64 // long / short, from the mean side lengths
	touches bool    // the region reaches the frame's edge
}

// gradients holds the plane's gradient magnitude in units of its noise
// floor (the median magnitude), taken as the larger of two readings: on
// luma, and on the logarithm of luma, where a navy card on dark wood
// differs as much as a white card on a grey desk. Shared by the proposals
// and the verification.
type gradients struct {
	mag []float32
	// floorLin, floorLog are the noise floors of the two readings (luma
	// and log luma) that mag is in units of.
	floorLin, floorLog float32
}

// logLUT maps luma to 255·ln(1+p/12)/ln(1+255/12): contrast ratios become
// differences.
var logLUT = func() (t [256]float32) {
	for p := range 256 {
		t[p] = float32(255 * math.Log(1+float64(p)/12) / math.Log(1+255.0/12))
	}
	return t
}()

// linearLUT is the identity tone curve, as a table like logLUT.
var linearLUT = func() (t [256]float32) {
	for p := range 256 {
		t[p] = float32(p)
	}
	return t
}()

func (a *analysis) gradients() *gradients {
	type reading struct {
		mag   []float32
		floor float32
	}
	log := soon(a, func() reading {
		m, f := a.gradientOf(&logLUT)
		return reading{m, f}
	})
	lin, fl := a.gradientOf(&linearLUT)
	lg, fg := log.get().mag, log.get().floor
	fl, fg = max(fl, 0.75), max(fg, 0.75)
	for i := range lin {
		lin[i] = max(lin[i]/fl, lg[i]/fg)
	}
	putPlane(lg)
	return &gradients{mag: lin, floorLin: fl, floorLog: fg}
}

// planePool keeps plane-sized float32 buffers between checks: the
// gradients take five of them per photo, only one of which outlives the
// locating stage.
var planePool sync.Pool

// getPlane returns a float32 buffer of n entries, contents undefined.
func getPlane(n int) []float32 {
	if p, _ := planePool.Get().(*[]float32); p != nil && cap(*p) >= n {
		return (*p)[:n]
	}
	return make([]float32, n)
}

func putPlane(b []float32) { planePool.Put(&b) }

// gradientOf returns the gradient magnitude of the plane after tone curve
// curve and a 3×3 binomial smoothing (so that sensor noise and fine texture
// do not read as edges), and its median.
func (a *analysis) gradientOf(curve *[256]float32) ([]float32, float32) {
	return a.gradientOfPlane(a.plane, curve)
}

// gradientOfPlane is gradientOf for another pw×ph plane (a chroma plane).
func (a *analysis) gradientOfPlane(plane []uint8, curve *[256]float32) ([]float32, float32) {
	w, h := a.pw, a.ph
	t := getPlane(w * h)
	defer putPlane(t)
	for i, p := range plane {
		t[i] = curve[p]
	}
	s := getPlane(w * h)
	defer putPlane(s)
	// The border repeats its edge pixels; the interior, nearly all of the
	// plane, needs no clamping. Both sum in the same order, so the
	// results are the same to the bit.
	smoothAt := func(x, y int) float32 {
		var acc float32
		for dy := -1; dy <= 1; dy++ {
			yy := min(max(y+dy, 0), h-1)
			for dx := -1; dx <= 1; dx++ {
				xx := min(max(x+dx, 0), w-1)
				k := float32((2 - abs(dx)) * (2 - abs(dy)))
				acc += k * t[yy*w+xx]
			}
		}
		return acc / 16
	}
	for y := range h {
		if y == 0 || y == h-1 || w < 3 {
			for x := range w {
				s[y*w+x] = smoothAt(x, y)
			}
			continue
		}
		s[y*w] = smoothAt(0, y)
		// Rows of one length: the compiler drops the bounds checks.
		row := t[y*w : (y+1)*w]
		up, down, out := t[(y-1)*w:][:len(row)], t[(y+1)*w:][:len(row)], s[y*w:][:len(row)]
		for x := 1; x < len(row)-1; x++ {
			var acc float32
			acc += 1 * up[x-1]
			acc += 2 * up[x]
			acc += 1 * up[x+1]
			acc += 2 * row[x-1]
			acc += 4 * row[x]
			acc += 2 * row[x+1]
			acc += 1 * down[x-1]
			acc += 2 * down[x]
			acc += 1 * down[x+1]
			out[x] = acc / 16
		}
		s[y*w+w-1] = smoothAt(w-1, y)
	}
	mag := getPlane(w * h)
	// The frame's border has no gradient.
	clear(mag[:w])
	clear(mag[max(0, h-1)*w:])
	for y := 1; y < h-1; y++ {
		mag[y*w], mag[y*w+w-1] = 0, 0
	}
	var hist [512]int
	for y := 1; y < h-1; y++ {
		// As above, rows of one length (this loop and the smoothing's
		// were ~30 % bounds checks).
		row := s[y*w : (y+1)*w]
		up, down, out := s[(y-1)*w:][:len(row)], s[(y+1)*w:][:len(row)], mag[y*w:][:len(row)]
		for x := 1; x < len(row)-1; x++ {
			gx := (row[x+1] - row[x-1]) / 2
			gy := (down[x] - up[x]) / 2
			m := float32(math.Sqrt(float64(gx*gx + gy*gy)))
			out[x] = m
			// m >= 0: the index is never negative.
			hist[min(511, uint(int(m*4)))]++
		}
	}
	n, acc := (w-2)*(h-2), 0
	for i, c := range hist {
		if acc += c; 2*acc >= n {
			return mag, float32(i) / 4
		}
	}
	return mag, 0
}

// locate finds every document outline in the plane; of an open passport
// booklet, the data page's (dataPage).
func (a *analysis) locate() (docs []quadCand, cropped *quadCand) {
	g := a.gradients()
	a.grad = g
	cands, weak, soft, bands := a.propose(g)
	docs, cropped = a.outlines(g, cands, weak, soft, bands)
	if whole, card := a.settled(docs, cropped); !card {
		// No single whole document of a card's proportions on luma:
		// look again with colour. Its outlines are taken when they
		// make one of a card's proportions, or one at all where luma
		// found none.
		if gc := a.colourGradients(g); gc != nil {
			cc, cw, cs, cb := a.propose(gc)
			if d, c := a.outlines(gc, cc, cw, cs, cb); a.colourBetter(whole, d, c) {
				a.metrics["document_colour"] = 1
				putPlane(g.mag)
				a.grad, docs, cropped, cands = gc, d, c, cc
			} else {
				putPlane(gc.mag)
			}
		}
	}
	return a.dataPage(docs, cands), cropped
}

// colourBetter says whether the colour look's outlines are to be taken
// over the first look's (whole: whether those made one whole document).
func (a *analysis) colourBetter(whole bool, docs []quadCand, cropped *quadCand) bool {
	w, card := a.settled(docs, cropped)
	return card || (w && !whole)
}

// settled says whether the outlines found make one whole document in the
// frame (whole): one of at least MinDocumentShare, no second of a
// document's size beside it, no larger cut-off outline around it, its
// corners clear of the frame's edge (the tests runDocument makes before
// judging it); and card, whether it is also no longer than a card in
// perspective (partAspect). A longer one may be a part of a card cut off
// by a line of its print that its own border, drowned in the desk, did
// not outweigh (a navy card upside down on wood, cut at its gold rule).
func (a *analysis) settled(docs []quadCand, cropped *quadCand) (whole, card bool) {
	whole = a.wholeDocument(docs, cropped)
	return whole, whole && docs[0].aspect <= partAspect
}

// wholeDocument is settled's first answer.
func (a *analysis) wholeDocument(docs []quadCand, cropped *quadCand) bool {
	if len(docs) == 0 || docs[0].area < a.cfg.MinDocumentShare*float64(a.pw*a.ph) {
		return false
	}
	if len(docs) > 1 && docs[1].area >= a.cfg.MultipleDocumentRatio*docs[0].area {
		return false
	}
	if cropped != nil && cropped.area > docs[0].area && a.documentLike(*cropped, "") {
		return false
	}
	for _, p := range docs[0].q {
		if min(p.X/float64(a.pw), p.Y/float64(a.ph), 1-p.X/float64(a.pw), 1-p.Y/float64(a.ph)) < a.cfg.EdgeMargin {
			return false
		}
	}
	return true
}

// outlines chooses the document outlines among the proposals, with a
// second look for those the regions miss when needed, and joins the
// parts of a card that print split (joinParts).
func (a *analysis) outlines(g *gradients, cands, weak, soft, bands []quadCand) (docs []quadCand, cropped *quadCand) {
	docs, cropped = a.firstOutlines(g, cands, weak, soft, bands)
	return a.joinParts(g, docs), cropped
}

// joinParts: a card printed with bands right across it — a vertical
// licence's dark header and its red age band — falls apart into regions
// between the bands, and two of them can each pass as a document (the
// part between header and band is about 1.4:1, the part below it 1.8:1),
// which read as two documents (photo.multiple_documents). When the
// outlines found would make that finding, a quadrilateral of straight
// edges holding two or more of them, which they fill at least half of, is
// the one document they are parts of — if its border runs on edges where
// it passes between them (bridged). Two cards lying apart have desk
// between them, where no border runs. Only photos with two or more
// outlines of a document's size pay for the straight edges.
func (a *analysis) joinParts(g *gradients, docs []quadCand) []quadCand {
	if len(docs) < 2 || docs[1].area < a.cfg.MultipleDocumentRatio*docs[0].area {
		return docs
	}
	lines := a.lineQuads(g)
	slices.SortFunc(lines, func(x, y quadCand) int { return cmpF(y.area, x.area) })
	for _, l := range lines {
		var held []quadCand
		var sum float64
		for _, d := range docs {
			if l.q.Contains(centre(d.q)) && d.area < l.area {
				held = append(held, d)
				sum += d.area
			}
		}
		if len(held) < 2 || sum < joinFill*l.area || a.bridged(l.q, held, g) < joinBridge {
			continue
		}
		a.metrics["document_parts"] = float64(len(held))
		kept := []quadCand{l}
		for _, d := range docs {
			if !l.q.Contains(centre(d.q)) {
				kept = append(kept, d)
			}
		}
		return kept
	}
	// No straight edges around them (a checked tablecloth's lines run on
	// past the card's corners): the two largest may still be stacked
	// parts of one card.
	if j, ok := a.joinStacked(docs[0], docs[1], g); ok {
		a.metrics["document_parts"] = 2
		kept := []quadCand{j}
		for _, d := range docs {
			if !j.q.Contains(centre(d.q)) {
				kept = append(kept, d)
			}
		}
		return kept
	}
	return docs
}

// joinFill, joinBridge: see joinParts. The vertical licences' parts fill
// 0.69–0.79 of the card, and where its border passes the bands it lies on
// edges along 0.87 (calibration, a tablecloth) and 0.70 (independent3,
// carpet) of them; a desk's outlines that fail only on support (desk
// between edges, by chance) lie on edges along 0.36–0.46. No quadrilateral
// of lines holds two cards of the calibration split's two-card families
// (they lie side by side, 3:1 together).
const (
	joinFill   = 0.5
	joinBridge = 0.6
)

// bridged is the share of the points along q's sides (one a plane pixel,
// the tenth nearest each corner left out) that lie on an edge, counting
// only those that pass between the parts: whose point 6 px inside q lies
// in none of them. A side that no part reaches counts whole. With fewer
// than 8 such points there is nothing between the parts to test, and it
// is 1.
func (a *analysis) bridged(q geom.Quad, parts []quadCand, g *gradients) float64 {
	c := centre(q)
	var on, all int
	for k := range 4 {
		p0, p1 := q[k], q[(k+1)%4]
		L := q.Side(k)
		if L < 8 {
			return 0
		}
		nx, ny := -(p1.Y-p0.Y)/L, (p1.X-p0.X)/L
		mx, my := (p0.X+p1.X)/2, (p0.Y+p1.Y)/2
		if nx*(c.X-mx)+ny*(c.Y-my) < 0 {
			nx, ny = -nx, -ny // inward
		}
	points:
		for s := 0.1 * L; s <= 0.9*L; s++ {
			f := s / L
			px, py := p0.X+(p1.X-p0.X)*f, p0.Y+(p1.Y-p0.Y)*f
			in := geom.Pt{X: px + 6*nx, Y: py + 6*ny}
			for _, d := range parts {
				if d.q.Contains(in) {
					continue points
				}
			}
			all++
			for o := -4.0; o <= 4; o++ {
				x, y := int(px+o*nx), int(py+o*ny)
				if x >= 0 && y >= 0 && x < a.pw && y < a.ph && g.mag[y*a.pw+x] >= 4 {
					on++
					break
				}
			}
		}
	}
	if all < 8 {
		return 1
	}
	return float64(on) / float64(all)
}

// firstOutlines chooses the document outlines among the proposals, with a
// second look for those the regions miss when needed.
func (a *analysis) firstOutlines(g *gradients, cands, weak, soft, bands []quadCand) (docs []quadCand, cropped *quadCand) {
	n := a.pw * a.ph
	docs, cropped = a.choose(cands, weak)
	var rescued []quadCand
	if len(docs) > 0 && docs[0].area >= a.cfg.MinDocumentShare*float64(n) {
		if cropped == nil && docs[0].aspect <= partAspect {
			return docs, cropped
		}
		// A cut-off outline beside whole ones may be a card whose region
		// leaked into a pale desk (its shadow joined to the frame's
		// edge), and an outline longer than a card in perspective the
		// coloured part of a two-tone card: its four edges, when it has
		// them, say where the whole card is.
		if rescued = wholeLines(a.lineQuads(g), cands); len(rescued) == 0 {
			return docs, cropped
		}
		return a.rechoose(cands, weak, rescued)
	}
	// Nothing of a document's size was found. A soft or low-contrast
	// border (a navy card on slate, a defocused or shaken photo) spreads
	// its gradient below edgeSupport's threshold but keeps its step:
	// outlines that failed only on support get a second look with
	// stepSupport. Only here, so photos found on the first pass (nearly
	// all) keep their outline and pay nothing.
	for _, c := range soft {
		if c.support = max(c.support, a.stepSupport(c.q, g)); c.support >= a.cfg.MinEdgeSupport {
			rescued = append(rescued, c)
		}
	}
	// And a two-tone card whose white part melted into a pale desk: its
	// coloured part, completed (completeBand).
	rescued = append(rescued, bands...)
	// And any document outlined by four straight edges, whatever its
	// regions look like (lineQuads).
	rescued = append(rescued, wholeLines(a.lineQuads(g), cands)...)
	if len(rescued) == 0 {
		return docs, cropped
	}
	return a.rechoose(cands, weak, rescued)
}

// fillSlack: of one document's outlines, those filling their region
// worse than the best by more than this are not chosen. The
// calibration split's good outlines fill 0.99–1.03 of theirs; one cut by
// a licence's EU block 0.90–0.92.
const fillSlack = 0.05

// partAspect: a found outline longer than this (a card is 1.585, and
// perspective stretches it only a little past 1.65) is checked against
// the straight edges around it: it may be the coloured part of a two-tone
// card whose white part melted into the desk.
const partAspect = 1.66

// wholeLines drops the outlines from straight edges that lie inside a
// cut-off outline at least twice their size: the portrait or a block of
// print of a cut-off document, not a document.
func wholeLines(lines, cands []quadCand) []quadCand {
	return slices.DeleteFunc(lines, func(l quadCand) bool {
		for _, c := range cands {
			if c.touches && c.area >= 2*l.area && c.q.Contains(centre(l.q)) {
				return true
			}
		}
		return false
	})
}

// rechoose chooses again among the first pass's outlines and the rescued
// ones.
func (a *analysis) rechoose(cands, weak, rescued []quadCand) (docs []quadCand, cropped *quadCand) {
	// A cut-off outline around a document found whole is the desk and the
	// shadow that leaked to the frame's edge, not a cut-off document.
	all := slices.DeleteFunc(slices.Clone(cands), func(c quadCand) bool {
		if !c.touches {
			return false
		}
		for _, r := range rescued {
			if c.q.Contains(centre(r.q)) {
				return true
			}
		}
		return false
	})
	return a.choose(append(all, rescued...), weak)
}

// choose turns the verified outlines into documents: one outline for
// each document, its parts dropped, and the largest cut-off outline that
// is not one of them.
func (a *analysis) choose(cands, weak []quadCand) (docs []quadCand, cropped *quadCand) {
	n := a.pw * a.ph
	// The same document is proposed several times, by the regions inside
	// its outline and by the flooded background outside it, which also
	// takes in its shadow: of near-equal outlines keep the innermost that
	// is about as well supported as the best.
	slices.SortFunc(cands, func(x, y quadCand) int { return cmpF(x.area, y.area) })
	used := make([]bool, len(cands))
	var uniq []quadCand
	for i, c := range cands {
		if used[i] {
			continue
		}
		// And whose region fills it about as well as the best: an outline
		// whose corner was cut off by print at the card's edge (a licence's
		// EU block) bends its side inward and fills it less.
		best, dev := c.support, math.Abs(1-c.fill)
		for j := i + 1; j < len(cands); j++ {
			if !used[j] && sameOutline(c, cands[j]) {
				best, dev = max(best, cands[j].support), min(dev, math.Abs(1-cands[j].fill))
			}
		}
		pick, fallback := -1, -1
		for j := i; j < len(cands); j++ {
			if !used[j] && (j == i || sameOutline(c, cands[j])) {
				if cands[j].support >= best-0.1 {
					if fallback < 0 {
						fallback = j
					}
					if pick < 0 && math.Abs(1-cands[j].fill) <= dev+fillSlack {
						pick = j
					}
				}
				used[j] = true
			}
		}
		if pick < 0 {
			pick = fallback
		}
		uniq = append(uniq, cands[pick])
	}
	// A cut-off outline that is the same as a whole one (the document
	// with its shadow, which reached the frame's edge) is that document,
	// not a cut-off one: it must not make the whole outlines its parts.
	uniq = slices.DeleteFunc(uniq, func(c quadCand) bool {
		if !c.touches {
			return false
		}
		for _, d := range cands {
			if !d.touches && (sameOutline(c, d) || leakedFrom(c, d)) {
				return true
			}
		}
		return false
	})
	// Outlines inside a larger one are its parts (portrait, print).
	slices.SortFunc(uniq, func(x, y quadCand) int { return cmpF(y.area, x.area) })
	// Except when a cut-off outline holds two or more whole, separate
	// outlines of a document's size: that is the desk around two cards
	// (their shadows joined it to the frame's edge), not one cut-off
	// document with its parts.
	drop := make([]bool, len(uniq))
	for i, c := range uniq {
		drop[i] = c.touches && a.holdsSeveral(c, uniq)
	}
	kept := uniq[:0:0]
	for i, c := range uniq {
		if !drop[i] {
			kept = append(kept, c)
		}
	}
	uniq = kept
	for _, c := range uniq {
		part := false
		for _, d := range docs {
			if d.q.Contains(centre(c.q)) {
				part = true
				break
			}
		}
		if cropped != nil && cropped.q.Contains(centre(c.q)) {
			part = true
		}
		if part {
			continue
		}
		if c.touches {
			if cropped == nil || c.area > cropped.area {
				c := c
				cropped = &c
			}
			continue
		}
		docs = append(docs, c)
	}
	// A cut-off outline that is one of the whole ones is not cropped.
	if cropped != nil {
		for _, d := range docs {
			if d.q.Contains(centre(cropped.q)) || cropped.q.Contains(centre(d.q)) {
				cropped = nil
				break
			}
		}
	}
	slices.SortFunc(docs, func(x, y quadCand) int { return cmpF(y.area, x.area) })
	// A small outline inside a large, document-shaped one whose sides are
	// only partly on edges (a dark card in its own shadow) is a part of
	// that document — its portrait or a block of print — not a document
	// far away: the large one is the document.
	if len(docs) > 0 && docs[0].area < a.cfg.MinDocumentShare*float64(n) {
		var big *quadCand
		for i := range weak {
			w := &weak[i]
			if w.area >= a.cfg.MinDocumentShare*float64(n) && w.q.Contains(centre(docs[0].q)) && (big == nil || w.area > big.area) {
				big = w
			}
		}
		if big != nil {
			kept := []quadCand{*big}
			for _, d := range docs {
				if !big.q.Contains(centre(d.q)) {
					kept = append(kept, d)
				}
			}
			docs = kept
		}
	}
	return docs, cropped
}

// leakedFrom says whether the cut-off outline c is the whole outline d
// with what its region ran into on the way to the frame's edge: the hand
// holding a card, a tablecloth as dark as a passport's cover. d is more
// than leakShare of c and lies on edges all round (a cut-off document's
// parts, its portrait or a block of print, are smaller, and a two-tone
// card's coloured part is no document's shape).
func leakedFrom(c, d quadCand) bool {
	if d.support < leakSupport || !c.q.Contains(centre(d.q)) {
		return false
	}
	// A cut-off outline barely on edges (a floor's grout, a region that
	// ran through gaps in them) is the desk, when a whole outline takes a
	// good part of it.
	if d.area >= leakShareWeak*c.area && c.support < leakWeakSupport {
		return true
	}
	// A leak bulges out of the card's outline where it ran on; a cut-off
	// outline that fills its quadrilateral is something rectangular in
	// its own right that the frame cuts (a phone showing the card).
	return d.area >= leakShare*c.area && c.fill < leakMaxFill
}

// leakShare, leakSupport: on the calibration split, the hand and booklet
// leaks measured 0.67–0.70 of their cut-off outline with support 1.0, and
// a card on tiles 0.45 of a cut-off outline of the floor with support
// 0.51; a card cut off by the frame shows at least 0.72 of itself, so its
// portrait (0.14 of a card) is at most 0.2 of its cut-off outline, whose
// support is 0.7 or more (three sides on edges, the frame's side on none).
// The leaks fill 0.90–0.96 of their quadrilateral, a phone showing a card
// and cut off by the frame 0.96–1.01 (screen_pentile_03): leakMaxFill.
const (
	leakMaxFill     = 0.98
	leakShare       = 0.5
	leakShareWeak   = 0.3
	leakSupport     = 0.95
	leakWeakSupport = 0.6
)

// holdsSeveral says whether the cut-off outline c contains at least two
// whole outlines of at least MinDocumentShare of the frame, neither inside
// the other.
func (a *analysis) holdsSeveral(c quadCand, all []quadCand) bool {
	minArea := a.cfg.MinDocumentShare * float64(a.pw*a.ph)
	var inside []quadCand
	for _, d := range all {
		if d.touches || d.area < minArea || !c.q.Contains(centre(d.q)) {
			continue
		}
		separate := true
		for _, e := range inside {
			if e.q.Contains(centre(d.q)) || d.q.Contains(centre(e.q)) {
				separate = false
				break
			}
		}
		if separate {
			if inside = append(inside, d); len(inside) >= 2 {
				return true
			}
		}
	}
	return false
}

func cmpF(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func centre(q geom.Quad) geom.Pt {
	return geom.Pt{X: (q[0].X + q[1].X + q[2].X + q[3].X) / 4, Y: (q[0].Y + q[1].Y + q[2].Y + q[3].Y) / 4}
}

// fitQuad fills the component's holes, fits a quadrilateral to its outline
// and verifies it.
func (a *analysis) fitQuad(s *scratch, c comp, g *gradients, grow float64) (quadCand, bool) {
	// A region that reaches three or four sides of the frame is the
	// background (or a document seen from too close to say): it is neither
	// a whole nor a cut-off outline, nor a near miss, whatever its shape.
	if touches(c, a.pw, a.ph) > 2 {
		return quadCand{}, false
	}
	d := a.shape(s, c)
	defer d.clearBox()
	if d.rect < 0.6 || d.area == 0 {
		return quadCand{}, false
	}
	// An opening (erode, then dilate) cuts off thin things the region
	// ran into along the way: a vein of marble, a crease of cloth.
	if r := min(3, max(1, int(d.halfShort/12))); d.halfShort > 6 {
		openWith(&s.morph, d.mask, a.pw, c.x0, c.y0, c.x1, c.y1, r)
		c2 := c
		c2.area = 0
		mb := boolBytes(d.mask)
		for y := c.y0; y <= c.y1; y++ {
			c2.area += countSet(mb[y*a.pw+c.x0 : y*a.pw+c.x1+1])
		}
		d2 := *d
		d2.moments(c2)
		d = &d2
		if d.area == 0 || d.rect < 0.75 {
			return quadCand{}, false
		}
	}
	// Outline pixels of the filled region: set, with a 4-neighbour unset
	// or outside the plane. The mask is unset outside the box, so only the
	// plane's own border needs a test. Eight cells at a time: an interior
	// cell has itself and its four neighbours set.
	var pts []geom.Pt
	pw, ph := a.pw, a.ph
	mb := boolBytes(d.mask)
	at := func(i int) uint64 { return binary.LittleEndian.Uint64(mb[i:]) }
	for y := c.y0; y <= c.y1; y++ {
		row := y * pw
		for x := c.x0; x <= c.x1; {
			var out uint64 // outline cells x … x+7, one byte each
			if x > 0 && x+9 <= pw && y > 0 && y < ph-1 {
				v := at(row + x)
				out = v &^ (at(row+x-1) & at(row+x+1) & at(row+x-pw) & at(row+x+pw))
			} else {
				for k := 0; k < 8 && x+k < pw; k++ {
					xx := x + k
					if mb[row+xx] == 0 {
						continue
					}
					if xx == 0 || xx == pw-1 || y == 0 || y == ph-1 ||
						mb[row+xx-1] == 0 || mb[row+xx+1] == 0 || mb[row+xx-pw] == 0 || mb[row+xx+pw] == 0 {
						out |= 1 << (8 * k)
					}
				}
			}
			for out != 0 {
				k := bits.TrailingZeros64(out) / 8
				if x+k > c.x1 {
					break
				}
				pts = append(pts, geom.Pt{X: float64(x+k) + 0.5, Y: float64(y) + 0.5})
				out &^= 0xFF << (8 * k)
			}
			x += 8
		}
	}
	if len(pts) < 16 {
		return quadCand{}, false
	}
	// Corners: the outline's extremes along the two diagonals of the
	// principal-axes frame, normalised so a long rectangle's diagonal
	// counts as 45°.
	mx, my := d.cx, d.cy
	ux, uy := math.Cos(d.theta), math.Sin(d.theta)
	var q geom.Quad
	best := [4]float64{math.Inf(-1), math.Inf(-1), math.Inf(-1), math.Inf(-1)}
	signs := [4][2]float64{{-1, -1}, {1, -1}, {1, 1}, {-1, 1}}
	for _, p := range pts {
		u := ((p.X-mx)*ux + (p.Y-my)*uy) / d.halfLong
		v := (-(p.X-mx)*uy + (p.Y-my)*ux) / d.halfShort
		for k, s := range signs {
			if e := s[0]*u + s[1]*v; e > best[k] {
				best[k], q[k] = e, p
			}
		}
	}
	q = growQuad(refineQuad(q, pts), grow)
	area := q.Area()
	if grow != 0 {
		// Compare like with like: the region as it would be grown too.
		d.area += int(grow * (q.Side(0) + q.Side(1) + q.Side(2) + q.Side(3)))
	}
	if area < 1 {
		return quadCand{}, false
	}
	qc := quadCand{q: q, area: area, fill: float64(d.area) / area}
	long := (q.Side(0) + q.Side(2)) / 2
	short := (q.Side(1) + q.Side(3)) / 2
	if short > long {
		long, short = short, long
	}
	qc.aspect = long / short
	qc.touches = d.touches > 0
	// Corner angles: a photographed rectangle keeps them within ±40° of
	// square.
	for k := range 4 {
		p0, p1, p2 := q[(k+3)%4], q[k], q[(k+1)%4]
		ax, ay, bx, by := p0.X-p1.X, p0.Y-p1.Y, p2.X-p1.X, p2.Y-p1.Y
		cos := (ax*bx + ay*by) / (math.Hypot(ax, ay)*math.Hypot(bx, by) + 1e-9)
		if math.Abs(cos) > 0.64 {
			return quadCand{}, false
		}
	}
	qc.support = a.edgeSupport(q, g)
	if qc.touches {
		// A cut-off document: only its shape inside the frame is known.
		return qc, qc.fill > 0.85 && d.touches <= 2 && qc.support > 0.5 &&
			area >= a.cfg.MinDocumentShare*float64(a.pw*a.ph)
	}
	ok := qc.fill > 0.88 && qc.fill < 1.2 && qc.support >= a.cfg.MinEdgeSupport &&
		qc.aspect >= a.cfg.DocAspectMin && qc.aspect <= a.cfg.DocAspectMax
	return qc, ok
}

// refineQuad fits a straight line to the outline points of each side
// (ignoring the fifth nearest each corner, where rounding and
// antialiasing bend the outline) and intersects neighbouring lines.
func refineQuad(q geom.Quad, pts []geom.Pt) geom.Quad {
	var lines [4][3]float64 // a·x + b·y = c with (a, b) unit
	for k := range 4 {
		p0, p1 := q[k], q[(k+1)%4]
		dx, dy := p1.X-p0.X, p1.Y-p0.Y
		L := math.Hypot(dx, dy)
		if L < 4 {
			return q
		}
		tx, ty := dx/L, dy/L
		var sx, sy, sxx, syy, sxy, n float64
		for _, p := range pts {
			t := (p.X-p0.X)*tx + (p.Y-p0.Y)*ty
			dist := math.Abs(-(p.X-p0.X)*ty + (p.Y-p0.Y)*tx)
			if t < 0.2*L || t > 0.8*L || dist > max(2, 0.03*L) {
				continue
			}
			sx, sy, sxx, syy, sxy, n = sx+p.X, sy+p.Y, sxx+p.X*p.X, syy+p.Y*p.Y, sxy+p.X*p.Y, n+1
		}
		if n < 5 {
			return q
		}
		cx, cy := sx/n, sy/n
		vxx, vyy, vxy := sxx/n-cx*cx, syy/n-cy*cy, sxy/n-cx*cy
		// The line's direction is the covariance's principal axis.
		th := 0.5 * math.Atan2(2*vxy, vxx-vyy)
		a, b := -math.Sin(th), math.Cos(th)
		lines[k] = [3]float64{a, b, a*cx + b*cy}
	}
	var out geom.Quad
	for k := range 4 {
		l1, l2 := lines[(k+3)%4], lines[k]
		det := l1[0]*l2[1] - l1[1]*l2[0]
		if math.Abs(det) < 1e-6 {
			return q
		}
		out[k] = geom.Pt{X: (l1[2]*l2[1] - l1[1]*l2[2]) / det, Y: (l1[0]*l2[2] - l1[2]*l2[0]) / det}
		if math.Hypot(out[k].X-q[k].X, out[k].Y-q[k].Y) > 0.1*(q.Side(k)+q.Side((k+3)%4)) {
			return q
		}
	}
	return out
}

// edgeSupport is the share of points along the outline (one per plane
// pixel, the tenth nearest each corner left out) that have a gradient of
// at least 4 noise floors within four pixels across the side.
func (a *analysis) edgeSupport(q geom.Quad, g *gradients) float64 {
	var on, all int
	for k := range 4 {
		o, n := a.sideSupport(q[k], q[(k+1)%4], q.Side(k), g)
		on, all = on+o, all+n
	}
	if all == 0 {
		return 0
	}
	return float64(on) / float64(all)
}

// growQuad moves every side of q outward by d pixels (inward if d < 0).
func growQuad(q geom.Quad, d float64) geom.Quad {
	if d == 0 {
		return q
	}
	c := centre(q)
	var lines [4][3]float64
	for k := range 4 {
		p0, p1 := q[k], q[(k+1)%4]
		L := q.Side(k)
		if L < 1e-6 {
			return q
		}
		a, b := -(p1.Y-p0.Y)/L, (p1.X-p0.X)/L
		cc := a*p0.X + b*p0.Y
		// Orient the normal away from the centre.
		if a*c.X+b*c.Y > cc {
			a, b, cc = -a, -b, -cc
		}
		lines[k] = [3]float64{a, b, cc + d}
	}
	var out geom.Quad
	for k := range 4 {
		l1, l2 := lines[(k+3)%4], lines[k]
		det := l1[0]*l2[1] - l1[1]*l2[0]
		if math.Abs(det) < 1e-9 {
			return q
		}
		out[k] = geom.Pt{X: (l1[2]*l2[1] - l1[1]*l2[2]) / det, Y: (l1[0]*l2[2] - l1[2]*l2[0]) / det}
	}
	return out
}

// stepSupport is the share of points along the outline (one per plane
// pixel, the tenth nearest each corner left out) where the luma steps
// across the side: the mean 3–5 px inside against the mean 3–5 px
// outside, averaged over 7 points along the side, at least EdgeStep noise
// floors on luma or on log luma, with the sign the side mostly has. A
// blurred or low-contrast border (a navy card on slate, a defocused
// photo) spreads its gradient below edgeSupport's per-pixel threshold but
// keeps its step; a textured desk has steps too, but not one sign along a
// straight side.
func (a *analysis) stepSupport(q geom.Quad, g *gradients) float64 {
	stepEdge := float32(a.cfg.EdgeStep)
	var on, all int
	var lin, lg []float32
	for k := range 4 {
		p0, p1 := q[k], q[(k+1)%4]
		L := q.Side(k)
		if L < 8 {
			return 0
		}
		nx, ny := -(p1.Y-p0.Y)/L, (p1.X-p0.X)/L
		lin, lg = lin[:0], lg[:0]
		for s := 0.1 * L; s <= 0.9*L; s++ {
			f := s / L
			px, py := p0.X+(p1.X-p0.X)*f, p0.Y+(p1.Y-p0.Y)*f
			var dl, dg float32
			for o := 3.0; o <= 5; o++ {
				pin := a.planeAt(px-o*nx, py-o*ny)
				pout := a.planeAt(px+o*nx, py+o*ny)
				dl += float32(pin) - float32(pout)
				dg += logLUT[pin] - logLUT[pout]
			}
			lin, lg = append(lin, dl/3), append(lg, dg/3)
		}
		n := len(lin)
		all += n
		// Running means over 7 points along the side, and the side's
		// majority sign in each reading.
		sm := func(v []float32, i int) float32 {
			var acc float32
			c := 0
			for j := max(0, i-3); j <= min(n-1, i+3); j++ {
				acc += v[j]
				c++
			}
			return acc / float32(c)
		}
		var posL, posG int
		ml, mg := make([]float32, n), make([]float32, n)
		for i := range n {
			ml[i], mg[i] = sm(lin, i)/g.floorLin, sm(lg, i)/g.floorLog
			if ml[i] > 0 {
				posL++
			}
			if mg[i] > 0 {
				posG++
			}
		}
		sl, sg := float32(1), float32(1)
		if 2*posL < n {
			sl = -1
		}
		if 2*posG < n {
			sg = -1
		}
		for i := range n {
			if sl*ml[i] >= stepEdge || sg*mg[i] >= stepEdge {
				on++
			}
		}
	}
	if all == 0 {
		return 0
	}
	return float64(on) / float64(all)
}

// planeAt is the plane's pixel nearest (x, y), clamped to the frame.
func (a *analysis) planeAt(x, y float64) uint8 {
	xi, yi := min(max(int(x), 0), a.pw-1), min(max(int(y), 0), a.ph-1)
	return a.plane[yi*a.pw+xi]
}

// sameOutline reports whether two outlines are one document proposed
// twice: each holds the other's centre and their areas are within 30 %.
func sameOutline(x, y quadCand) bool {
	return x.q.Contains(centre(y.q)) && y.q.Contains(centre(x.q)) && min(x.area, y.area) >= 0.7*max(x.area, y.area)
}
