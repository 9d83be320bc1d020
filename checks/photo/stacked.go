package photo

import (
	"math"

	"github.com/kycd/kycd/checks/photo/internal/geom"
)

// A vertical licence on a checked tablecloth falls apart into the part
// between its header and its age band and the part below the band, and
// joinParts looks for the straight edges of the whole card around them.
// On the checks it finds none: the cloth's lines run on past every corner
// of the card, so no quadrilateral of lines passes. The two parts
// themselves say where the card is: they are stacked along the card's
// long axis, the sides facing each other (the band's edges) parallel and
// of one length, their outer sides on one line each (the card's border).
// Their union is the card less its header, which is found as completeBand
// finds a two-tone card's white half: the end side moved outward to where
// a line parallel to it lies on an edge end to end, the stretches added to
// the long sides on edges too.

// joinStacked returns the whole document that the parts p and q are
// stacked in, when they are.
func (a *analysis) joinStacked(p, q quadCand, g *gradients) (quadCand, bool) {
	fa, fb := facing(p.q, centre(q.q)), facing(q.q, centre(p.q))
	a0, a1 := p.q[fa], p.q[(fa+1)%4]
	b0, b1 := q.q[fb], q.q[(fb+1)%4]
	La, Lb := p.q.Side(fa), q.q.Side(fb)
	if La < 8 || Lb < 8 || math.Abs(La-Lb) > stackLength*max(La, Lb) {
		return quadCand{}, false
	}
	ux, uy := (a1.X-a0.X)/La, (a1.Y-a0.Y)/La
	vx, vy := (b1.X-b0.X)/Lb, (b1.Y-b0.Y)/Lb
	if math.Abs(ux*vx+uy*vy) < math.Cos(stackAngle*math.Pi/180) {
		return quadCand{}, false
	}
	// The facing sides' ends, along p's facing side: the band's two ends
	// lie on the card's border, so they match.
	along := func(r geom.Pt) float64 { return (r.X-a0.X)*ux + (r.Y-a0.Y)*uy }
	lo, hi := along(b0), along(b1)
	if lo > hi {
		lo, hi = hi, lo
		b0, b1 = b1, b0
	}
	if math.Abs(lo) > stackAlign*La || math.Abs(hi-La) > stackAlign*La {
		return quadCand{}, false
	}
	// The gap between them (the band) is narrow against the card.
	nx, ny := -uy, ux
	gap := math.Abs((b0.X-a0.X)*nx+(b0.Y-a0.Y)*ny) + math.Abs((b1.X-a1.X)*nx+(b1.Y-a1.Y)*ny)
	if gap/2 > stackGap*La {
		return quadCand{}, false
	}
	// The union: p's far side and q's far side, each in the order of the
	// facing sides' ends (corner fa+3 lies beside fa, fa+2 beside fa+1).
	pf0, pf1 := p.q[(fa+3)%4], p.q[(fa+2)%4]
	qf0, qf1 := q.q[(fb+3)%4], q.q[(fb+2)%4]
	if along(q.q[fb]) > along(q.q[(fb+1)%4]) {
		qf0, qf1 = qf1, qf0
	}
	u := geom.Quad{pf0, pf1, qf1, qf0}
	if !convex(u) {
		return quadCand{}, false
	}
	width := math.Hypot(pf1.X-pf0.X, pf1.Y-pf0.Y)
	length := (u.Side(1) + u.Side(3)) / 2
	type extension struct {
		q        geom.Quad
		off, str float64
	}
	var exts []extension
	m := a.cfg.EdgeMargin * float64(min(a.pw, a.ph))
	// Either end may lack a part (the header is beyond the first part or
	// the second, as the card lies): when the union is shorter than a
	// card, that end is moved outward to the strongest line on an edge
	// end to end, between the lengths of a card and of a card in
	// perspective.
	ends := [2][4]geom.Pt{{pf0, pf1, qf1, qf0}, {qf1, qf0, pf0, pf1}}
	for i, end := range ends {
		if length >= stackAspectLeast*width {
			break
		}
		e0, e1, o1, o0 := end[0], end[1], end[2], end[3]
		ext := func(t float64) (geom.Pt, geom.Pt) {
			return geom.Pt{X: e0.X + t*(e0.X-o0.X), Y: e0.Y + t*(e0.Y-o0.Y)},
				geom.Pt{X: e1.X + t*(e1.X-o1.X), Y: e1.Y + t*(e1.Y-o1.Y)}
		}
		for off := max(3, stackAspectLeast*width-length); off <= stackAspectMost*width-length; off++ {
			n0, n1 := ext(off / length)
			if min(n0.X, n1.X) < m || min(n0.Y, n1.Y) < m || max(n0.X, n1.X) > float64(a.pw)-m || max(n0.Y, n1.Y) > float64(a.ph)-m {
				continue
			}
			if a.segSupport(n0, n1, g) < a.cfg.MinEdgeSupport ||
				min(a.segSupport(e0, n0, g), a.segSupport(e1, n1, g)) < a.cfg.MinEdgeSupport {
				continue
			}
			e := geom.Quad{n0, n1, qf1, qf0}
			if i == 1 {
				e = geom.Quad{pf0, pf1, n0, n1}
			}
			exts = append(exts, extension{e, off, a.lineStrength(n0, n1, g)})
		}
	}
	// Of the lines on edges, the outermost about as strong as the
	// strongest: a line of large print across the header (its title's
	// foot) is as strong as the border, and lies inside it.
	var strongest float64
	for _, e := range exts {
		strongest = max(strongest, e.str)
	}
	best, found, far := u, false, 0.0
	for _, e := range exts {
		if e.str >= stackOuterStrength*strongest && e.off > far {
			best, found, far = e.q, true, e.off
		}
	}
	aspect := quadAspect(best)
	if !found && (aspect < a.cfg.DocAspectMin || aspect > a.cfg.DocAspectMax) {
		return quadCand{}, false
	}
	best = clockwise(best)
	c := quadCand{q: best, area: best.Area(), fill: 1, support: a.edgeSupport(best, g), aspect: aspect}
	if c.support < a.cfg.MinEdgeSupport || (p.area+q.area) < joinFill*c.area || a.bridged(best, []quadCand{p, q}, g) < joinBridge {
		return quadCand{}, false
	}
	return c, true
}

// facing returns the index of q's side whose middle is nearest to r.
func facing(q geom.Quad, r geom.Pt) int {
	k, best := 0, math.Inf(1)
	for i := range 4 {
		m := geom.Pt{X: (q[i].X + q[(i+1)%4].X) / 2, Y: (q[i].Y + q[(i+1)%4].Y) / 2}
		if d := math.Hypot(m.X-r.X, m.Y-r.Y); d < best {
			k, best = i, d
		}
	}
	return k
}

// The tests two parts of one card pass (joinStacked): the facing sides
// within stackLength of each other's length and stackAngle degrees of
// each other's direction, their ends within stackAlign of a side's length
// of each other, at most stackGap of it apart (a vertical licence's age
// band is about a tenth of its width); the card completed to between
// stackAspectLeast and stackAspectMost, long against short (a card is
// 1.585), at the outermost line of at least stackOuterStrength of the
// strongest.
const (
	stackLength      = 0.12
	stackAngle       = 8.0
	stackAlign       = 0.1
	stackGap         = 0.3
	stackAspectLeast = 1.45
	stackAspectMost  = 1.75
	// stackOuterStrength: the header's top edge against the foot of its
	// title (vertical_tablecloth, calibration split).
	stackOuterStrength = 0.6
)
