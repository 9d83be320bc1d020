package photo

import (
	"math"
	"slices"

	"github.com/kycd/kycd/checks/photo/internal/geom"
)

// Four lines make a document's outline only when they meet as a card's
// sides do (lines.go finds the lines): the tests a quadrilateral of lines
// must pass, and the plane geometry they use.

// pairLines tries every two pairs of roughly parallel lines as a
// quadrilateral and returns the verified ones, the best of each group of
// near-equal ones.
func (a *analysis) pairLines(lines []houghLine, g *gradients) []quadCand {
	type pair struct{ i, j int }
	angle := func(b0, b1 int) int {
		d := abs(b0 - b1)
		if d > houghBins/2 {
			d = houghBins - d
		}
		return d
	}
	var pairs []pair
	for i := range lines {
		for j := i + 1; j < len(lines); j++ {
			if angle(lines[i].bin, lines[j].bin) <= parallelMax {
				pairs = append(pairs, pair{i, j})
			}
		}
	}
	minArea := a.cfg.MinDocumentArea * float64(a.pw*a.ph)
	type scored struct {
		c     quadCand
		score float64
	}
	var found []scored
	for pi, p := range pairs {
		for _, q := range pairs[pi+1:] {
			// The two pairs cross at about a right angle.
			if d := angle(lines[p.i].bin, lines[q.i].bin); d < 90-parallelMax-20 {
				continue
			}
			sides := [4]*houghLine{&lines[p.i], &lines[q.i], &lines[p.j], &lines[q.j]}
			var quad geom.Quad
			ok := true
			for k := range 4 {
				c, hit := cross(sides[(k+3)%4], sides[k])
				if !hit || c.X < 0 || c.Y < 0 || c.X > float64(a.pw) || c.Y > float64(a.ph) {
					ok = false
					break
				}
				quad[k] = c
			}
			if !ok {
				continue
			}
			// Corner k is where side k−1 meets side k: side k runs from
			// corner k to corner k+1 on line sides[k].
			area := quad.Area()
			if area < minArea || !convex(quad) {
				continue
			}
			aspect := quadAspect(quad)
			if aspect < a.cfg.DocAspectMin || aspect > a.cfg.DocAspectMax || !squareEnough(quad) {
				continue
			}
			var on, all float64
			good := true
			for k := range 4 {
				l := sides[k]
				t0, t1 := l.at(quad[k]), l.at(quad[(k+1)%4])
				if t1 < t0 {
					t0, t1 = t1, t0
				}
				L := t1 - t0
				c := l.cover(t0+0.1*L, t1-0.1*L)
				// The stretches beyond the corners must be in the frame to
				// tell: the frame's edge stops every line.
				for _, t := range []float64{t0 - 0.075*L, t1 + 0.075*L} {
					x, y := -t*l.sin+l.rho*l.cos, t*l.cos+l.rho*l.sin
					if x < 0 || y < 0 || x >= float64(a.pw) || y >= float64(a.ph) {
						good = false
					}
				}
				if !good || c < lineSideMin || a.runsOn(l, t0, t1, g) {
					good = false
					break
				}
				if l.gap(t0+0.1*L, t1-0.1*L) > lineMaxGap*L {
					good = false
					break
				}
				on, all = on+c*L, all+L
			}
			score := on / all
			if !good || score < a.cfg.MinEdgeSupport || a.crossed(quad, sides, lines, g) {
				continue
			}
			found = append(found, scored{quadCand{q: clockwise(quad), area: area, fill: 1, aspect: aspect}, score})
		}
	}
	// Of near-equal outlines (each holds the other's centre, areas within
	// 30 %), the largest about as well supported as the best: a line
	// just inside a side is print running along it (the portrait's
	// frame, a band), and the border is the outermost.
	slices.SortStableFunc(found, func(x, y scored) int { return cmpF(y.score, x.score) })
	used := make([]bool, len(found))
	var out []quadCand
	for i, best := range found {
		if used[i] {
			continue
		}
		f := best
		for j := i; j < len(found); j++ {
			if !used[j] && sameOutline(best.c, found[j].c) {
				used[j] = true
				if found[j].score >= best.score-0.05 && found[j].c.area > f.c.area {
					f = found[j]
				}
			}
		}
		if f.c.support = a.edgeSupport(f.c.q, g); f.c.support < a.cfg.MinEdgeSupport {
			f.c.support = max(f.c.support, a.stepSupport(f.c.q, g))
		}
		if f.c.support >= a.cfg.MinEdgeSupport {
			out = append(out, f.c)
		}
	}
	return out
}

// crossed says whether a line other than q's sides runs on edges through
// q and on past its border: nothing runs out of a card (its print stops
// at its border, and it hides the desk beneath), while four lines that
// only happen to meet — a card's side, a portrait's frame, a band's
// edge — are crossed by the card's real border.
//
// The crossing line must have at least the votes of q's weakest side: a
// card's border that crosses four lines of its print is as long and as
// plain as any of them, while behind a card held up in the air a room out
// of focus leaves soft, short lines (votes 23–47 against sides of 39–143
// on the calibration split) that happen to run on from a line of print.
func (a *analysis) crossed(q geom.Quad, sides [4]*houghLine, lines []houghLine, g *gradients) bool {
	c := centre(q)
	short := min(q.Side(0), q.Side(1), q.Side(2), q.Side(3))
	weakest := min(sides[0].votes, sides[1].votes, sides[2].votes, sides[3].votes)
	for i := range lines {
		m := &lines[i]
		if slices.Contains(sides[:], m) || m.votes < weakest {
			continue
		}
		// The stretch of m inside q: each side keeps the points of m
		// on the centre's side of it, an interval of t.
		rx, ry := m.rho*m.cos, m.rho*m.sin
		dx, dy := -m.sin, m.cos
		lo, hi := math.Inf(-1), math.Inf(1)
		for k := range 4 {
			p0, p1 := q[k], q[(k+1)%4]
			ex, ey := p1.X-p0.X, p1.Y-p0.Y
			s := ex*(c.Y-p0.Y) - ey*(c.X-p0.X)
			f0 := ex*(ry-p0.Y) - ey*(rx-p0.X) // at t = 0
			f1 := ex*dy - ey*dx               // per unit of t
			// s·(f0 + t·f1) ≥ 0
			a, b := s*f0, s*f1
			switch {
			case b > 0:
				lo = max(lo, -a/b)
			case b < 0:
				hi = min(hi, -a/b)
			case a < 0:
				hi = lo // parallel and outside
			}
		}
		L := hi - lo
		if L < 0.3*short {
			continue
		}
		// A line hugging a side (a second reading of it, a degree or
		// two off) is that side, not a line through q: the middle of
		// a crossing lies well inside.
		mid := geom.Pt{X: rx + dx*(lo+hi)/2, Y: ry + dy*(lo+hi)/2}
		deep := true
		for k := range 4 {
			if distToLine(mid, q[k], q[(k+1)%4]) < 0.1*short {
				deep = false
			}
		}
		if !deep {
			continue
		}
		// The line's own t runs the other way round from the offset
		// used here: m.at(R + t·D) = t.
		if m.cover(lo+0.05*L, hi-0.05*L) < 0.6 {
			continue
		}
		// What runs on past the border must not be far fainter than
		// what runs through q (runsOn).
		in := -1.0
		for _, s := range [2][2]float64{{lo - 2 - 0.15*L, lo - 2}, {hi + 2, hi + 2 + 0.15*L}} {
			if m.cover(s[0], s[1]) < 0.6 {
				continue
			}
			if in < 0 {
				in = a.peakStrength(m, lo+0.05*L, hi-0.05*L, g)
			}
			if a.peakStrength(m, s[0], s[1], g) >= runOnFaint*in {
				return true
			}
		}
	}
	return false
}

// distToLine is the distance from p to the line through p0 and p1.
func distToLine(p, p0, p1 geom.Pt) float64 {
	ex, ey := p1.X-p0.X, p1.Y-p0.Y
	return math.Abs(ex*(p.Y-p0.Y)-ey*(p.X-p0.X)) / (math.Hypot(ex, ey) + 1e-9)
}

// cross is where lines l and m meet; false when they are (nearly)
// parallel.
func cross(l, m *houghLine) (geom.Pt, bool) {
	det := l.cos*m.sin - l.sin*m.cos
	if math.Abs(det) < 0.05 {
		return geom.Pt{}, false
	}
	return geom.Pt{X: (l.rho*m.sin - l.sin*m.rho) / det, Y: (l.cos*m.rho - l.rho*m.cos) / det}, true
}

// clockwise returns q with its corners in the order the region outlines
// have (clockwise on the screen, y pointing down): four lines meet in
// either order, and a quadrilateral taken the other way round is
// rectified as the card's mirror image, whose portrait the face detector
// still finds.
func clockwise(q geom.Quad) geom.Quad {
	var s float64
	for i := range 4 {
		a, b := q[i], q[(i+1)%4]
		s += a.X*b.Y - b.X*a.Y
	}
	if s < 0 {
		return geom.Quad{q[0], q[3], q[2], q[1]}
	}
	return q
}

// convex says whether the quadrilateral's corners turn the same way round.
func convex(q geom.Quad) bool {
	sign := 0.0
	for k := range 4 {
		a, b, c := q[k], q[(k+1)%4], q[(k+2)%4]
		z := (b.X-a.X)*(c.Y-b.Y) - (b.Y-a.Y)*(c.X-b.X)
		if z == 0 || (sign != 0 && (z > 0) != (sign > 0)) {
			return false
		}
		sign = z
	}
	return true
}

// squareEnough: a photographed rectangle keeps its corners within ±40° of
// square (the test fitQuad makes).
func squareEnough(q geom.Quad) bool {
	for k := range 4 {
		p0, p1, p2 := q[(k+3)%4], q[k], q[(k+1)%4]
		ax, ay, bx, by := p0.X-p1.X, p0.Y-p1.Y, p2.X-p1.X, p2.Y-p1.Y
		cos := (ax*bx + ay*by) / (math.Hypot(ax, ay)*math.Hypot(bx, by) + 1e-9)
		if math.Abs(cos) > 0.64 {
			return false
		}
	}
	return true
}

// quadAspect is long / short from the mean lengths of opposite sides.
func quadAspect(q geom.Quad) float64 {
	long, short := (q.Side(0)+q.Side(2))/2, (q.Side(1)+q.Side(3))/2
	if short > long {
		long, short = short, long
	}
	if short == 0 {
		return math.Inf(1)
	}
	return long / short
}

// runsOn says whether line l, a side from t0 to t1, runs on past either
// corner: it lies on edges along more than runOnMax of the stretch from 3
// to 12 % of its length beyond it, and those edges are not much fainter
// than the side's own. A card held up before a room far out of focus has
// a soft edge of the room behind it (a wall's shadow, a shelf) lined up
// with a side now and then: it lies on edges of at least lineEdge noise
// floors within lineAcross of the line, but of 0.04 of the strength of
// the card's sharp border (calibration, card_held_corner), where a
// tablecloth's checks, a floor's grout and a newspaper's lines running on
// from a card's side are 0.1 to 1 of it (nearly all 0.5 or more).
func (a *analysis) runsOn(l *houghLine, t0, t1 float64, g *gradients) bool {
	L := t1 - t0
	side := -1.0
	for _, s := range [2][2]float64{{t0 - 0.12*L, t0 - 0.03*L}, {t1 + 0.03*L, t1 + 0.12*L}} {
		if l.cover(s[0], s[1]) <= runOnMax {
			continue
		}
		if side < 0 {
			side = a.peakStrength(l, t0+0.1*L, t1-0.1*L, g)
		}
		if a.peakStrength(l, s[0], s[1], g) >= runOnFaint*side {
			return true
		}
	}
	return false
}

// runOnFaint: see runsOn.
const runOnFaint = 0.12

// peakStrength is the mean, over the points of line l with t in [t0, t1]
// (one a plane pixel) inside the plane, of the strongest gradient (noise
// floors) within lineAcross of the point across the line.
func (a *analysis) peakStrength(l *houghLine, t0, t1 float64, g *gradients) float64 {
	var sum float64
	n := 0
	for t := t0; t <= t1; t++ {
		px, py := l.rho*l.cos-t*l.sin, l.rho*l.sin+t*l.cos
		if px < 0 || py < 0 || px >= float64(a.pw) || py >= float64(a.ph) {
			continue
		}
		var m float32
		for o := -lineAcross; o <= lineAcross; o++ {
			x, y := int(px+float64(o)*l.cos), int(py+float64(o)*l.sin)
			if x >= 0 && y >= 0 && x < a.pw && y < a.ph {
				m = max(m, g.mag[y*a.pw+x])
			}
		}
		sum += float64(m)
		n++
	}
	if n == 0 {
		return 0
	}
	return sum / float64(n)
}
