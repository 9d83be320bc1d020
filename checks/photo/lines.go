package photo

import (
	"math"
	"slices"

	"github.com/kycd/kycd/checks/photo/internal/geom"
)

// The segmentation passes (propose) find a document through its region:
// a ground of one tone inside a closed outline. A card any person sees can
// still lack one: a two-tone card whose halves each match the desk, a
// green card on wood whose border drowns in the grain, an over-exposed
// white card whose ground melts into the clipped desk. What such a card
// keeps is four straight edges. lineQuads finds them as the strongest
// lines of a Hough transform in which each edge pixel votes only near its
// own gradient direction (so a textured desk, whose edges point every
// way, votes thinly everywhere), and tries every two roughly parallel
// pairs of them as a quadrilateral. A quadrilateral is kept when it has a
// document's corners and proportions, each side lies on edges that run
// its way along most of its length, and the lines stop at its corners: a
// card's side ends there, while a table's edge, a floorboard or a
// tablecloth's checks run on.

const (
	houghBins = 180 // 1° per bin, normals over [0°, 180°)
	// houghSpread is how many bins either side of its own gradient
	// direction a pixel votes in: the direction of a 3×3 gradient is good
	// to a few degrees.
	houghSpread = 2
	// maxLines is how many of the strongest lines are paired: a card's
	// four sides are among the strongest straight things in its photo,
	// but print and the desk's texture add their own.
	maxLines = 48
	// perSector: at most this many of them within one 10° sector of
	// directions, so that a grained desk (floorboards, wood grain, all
	// one way) cannot crowd out the card's sides.
	perSector = 6
	// lineAlong is how far (degrees) a pixel's gradient may turn from a
	// line's normal and still count as lying on it; lineAcross how far
	// (plane pixels) from the line.
	lineAlong  = 12
	lineAcross = 2
	// parallelMax is the widest angle (degrees) between two opposite
	// sides: ±15° of tilt turns them up to about 10° apart, and a
	// photographed rectangle up to this far.
	parallelMax = 20
	// runOnMax: a side whose line lies on edges along more than this
	// share of a stretch beyond either corner (from 3 % to 12 % of the
	// side's length) runs on past it, and the corner is not a corner.
	runOnMax = 0.5
	// lineSideMin: each side lies on edges along at least this share of
	// its length, and the four together along MinEdgeSupport of theirs
	// (the rule the region outlines follow). A dark card on a grained
	// desk loses its border wherever the grain is as dark as the card.
	lineSideMin = 0.4
	// lineMaxGap: no stretch of a side longer than this share of it lies
	// off its edges. Print or a portrait's frame that happens to line up
	// with a side covers part of it in one piece; a border lost in a
	// desk's grain is lost in many short gaps.
	lineMaxGap = 0.2
	// lineEdge is the gradient (noise floors) of a pixel that votes: lower
	// than edgeSupport's 4, as a dark card's border on a grained desk is
	// barely above the grain, and a line gathers its evidence along its
	// length.
	lineEdge = 1.5
)

// dirNone marks a pixel of the direction plane without an edge.
const dirNone = 255

// houghLine is one line ρ = x·cos θ + y·sin θ of the plane, with the
// running count of its points that lie on an edge running its way.
type houghLine struct {
	bin      int // θ in degrees
	cos, sin float64
	rho      float64
	votes    int32
	// on[i] counts the supported points with t < i − span, where t is
	// the position along the line (direction (−sin θ, cos θ)).
	on   []int32
	span int
}

// cover is the share of the line's points with t in [t0, t1) that lie on
// an edge; points outside the plane lie on none.
func (l *houghLine) cover(t0, t1 float64) float64 {
	i0 := min(max(int(math.Round(t0))+l.span, 0), len(l.on)-1)
	i1 := min(max(int(math.Round(t1))+l.span, 0), len(l.on)-1)
	if i1 <= i0 {
		return 0
	}
	return float64(l.on[i1]-l.on[i0]) / float64(i1-i0)
}

// gap is the longest run of unsupported points with t in [t0, t1).
func (l *houghLine) gap(t0, t1 float64) float64 {
	i0 := min(max(int(math.Round(t0))+l.span, 0), len(l.on)-1)
	i1 := min(max(int(math.Round(t1))+l.span, 0), len(l.on)-1)
	longest, run := 0, 0
	for i := i0; i < i1; i++ {
		if l.on[i+1] == l.on[i] {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return float64(longest)
}

// inFrame is the range of t (rounded outward) over which the line is
// within d pixels of the w×h frame; empty (lo > hi) when it misses it.
func (l *houghLine) inFrame(w, h int, d float64) (lo, hi int) {
	rx, ry := l.rho*l.cos, l.rho*l.sin
	t0, t1 := math.Inf(-1), math.Inf(1)
	// x(t) = rx − t·sin θ, y(t) = ry + t·cos θ.
	for _, c := range [2][3]float64{{rx, -l.sin, float64(w)}, {ry, l.cos, float64(h)}} {
		p0, dp, size := c[0], c[1], c[2]
		if math.Abs(dp) < 1e-9 {
			if p0 < -d || p0 > size+d {
				return 1, 0
			}
			continue
		}
		a, b := (-d-p0)/dp, (size+d-p0)/dp
		if a > b {
			a, b = b, a
		}
		t0, t1 = max(t0, a), min(t1, b)
	}
	if t0 > t1 {
		return 1, 0
	}
	return max(-l.span, int(math.Floor(t0))), min(l.span, int(math.Ceil(t1)))
}

// at is the position of p along the line.
func (l *houghLine) at(p geom.Pt) float64 { return -p.X*l.sin + p.Y*l.cos }

// lineQuads proposes document outlines from straight edges.
func (a *analysis) lineQuads(g *gradients) []quadCand {
	pw, ph := a.pw, a.ph
	if pw < 16 || ph < 16 {
		return nil
	}
	dir := a.edgeDirections(g)
	var cosT, sinT [houghBins]float64
	for b := range houghBins {
		th := float64(b) * math.Pi / houghBins
		cosT[b], sinT[b] = math.Cos(th), math.Sin(th)
	}
	diag := math.Hypot(float64(pw), float64(ph))
	// ρ runs from −pw (θ near 180°) to the diagonal.
	off := pw + 1
	nr := off + int(diag) + 2
	acc := make([]int32, houghBins*nr)
	for y := 1; y < ph-1; y++ {
		for x := 1; x < pw-1; x++ {
			d := dir[y*pw+x]
			if d == dirNone {
				continue
			}
			fx, fy := float64(x)+0.5, float64(y)+0.5
			for k := -houghSpread; k <= houghSpread; k++ {
				b := (int(d) + k + houghBins) % houghBins
				// ρ + off is positive: truncation rounds it.
				r := int(fx*cosT[b] + fy*sinT[b] + float64(off) + 0.5)
				acc[b*nr+r]++
			}
		}
	}
	// The smallest document worth a proposal (MinDocumentArea of the
	// frame, a card's proportions) has short sides of about s pixels: a
	// line with fewer votes than half of that is no side of it.
	s := math.Sqrt(a.cfg.MinDocumentArea * float64(pw*ph) / 1.586)
	minVotes := int32(max(12, s/2))
	lines := peaks(acc, nr, off, minVotes)
	for i := range lines {
		l := &lines[i]
		l.cos, l.sin = cosT[l.bin], sinT[l.bin]
		a.lineProfile(l, dir, diag)
	}
	return a.pairLines(lines, g)
}

// edgeDirections is a plane of gradient directions in degrees modulo 180
// (the way the luma changes, either sign) at the pixels of at least 4
// noise floors, dirNone elsewhere. The direction is taken on log luma: a
// tone curve leaves it unchanged, and the log reading keeps a dark edge's
// direction out of the noise.
func (a *analysis) edgeDirections(g *gradients) []uint8 {
	pw, ph := a.pw, a.ph
	dir := make([]uint8, pw*ph)
	for i := range dir {
		dir[i] = dirNone
	}
	p := a.plane
	for y := 1; y < ph-1; y++ {
		for x := 1; x < pw-1; x++ {
			i := y*pw + x
			if g.mag[i] < lineEdge {
				continue
			}
			nw, n, ne := logLUT[p[i-pw-1]], logLUT[p[i-pw]], logLUT[p[i-pw+1]]
			w, e := logLUT[p[i-1]], logLUT[p[i+1]]
			sw, so, se := logLUT[p[i+pw-1]], logLUT[p[i+pw]], logLUT[p[i+pw+1]]
			gx := ne + 2*e + se - nw - 2*w - sw
			gy := sw + 2*so + se - nw - 2*n - ne
			if gx == 0 && gy == 0 {
				continue
			}
			th := math.Atan2(float64(gy), float64(gx)) * 180 / math.Pi
			if th < 0 {
				th += 180
			}
			dir[i] = uint8(int(math.Round(th)) % houghBins)
		}
	}
	return dir
}

// peaks returns the accumulator's local maxima of at least minVotes (over
// ±3° and ±3 px, the angle wrapping round with ρ's sign), strongest
// first, at most maxLines, none within 4° and 6 px of a stronger one.
func peaks(acc []int32, nr, off int, minVotes int32) []houghLine {
	var out []houghLine
	for b := range houghBins {
		for r := 0; r < nr; r++ {
			v := acc[b*nr+r]
			if v < minVotes {
				continue
			}
			best := true
			for db := -3; db <= 3 && best; db++ {
				bb, rr := b+db, r
				if bb < 0 || bb >= houghBins {
					bb = (bb + houghBins) % houghBins
					rr = 2*off - r // ρ → −ρ
				}
				for dr := -3; dr <= 3; dr++ {
					q := rr + dr
					if q < 0 || q >= nr || (db == 0 && dr == 0) {
						continue
					}
					w := acc[bb*nr+q]
					// Ties go to the first in scan order.
					if w > v || (w == v && bb*nr+q < b*nr+r) {
						best = false
						break
					}
				}
			}
			if best {
				out = append(out, houghLine{bin: b, rho: float64(r - off), votes: v})
			}
		}
	}
	slices.SortStableFunc(out, func(x, y houghLine) int { return int(y.votes - x.votes) })
	var kept []houghLine
	var sector [houghBins / 10]int
	for _, l := range out {
		if sector[l.bin/10] >= perSector {
			continue
		}
		near := false
		for _, k := range kept {
			db := abs(l.bin - k.bin)
			rho := k.rho
			if db > houghBins/2 {
				db, rho = houghBins-db, -rho
			}
			if db <= 4 && math.Abs(l.rho-rho) <= 6 {
				near = true
				break
			}
		}
		if !near {
			sector[l.bin/10]++
			if kept = append(kept, l); len(kept) == maxLines {
				break
			}
		}
	}
	return kept
}

// lineProfile fits the line to the edges along it, then fills l.on:
// along the line, one point per plane pixel, a point is supported when a
// pixel within lineAcross of it has an edge within lineAlong degrees of
// the line's normal.
func (a *analysis) lineProfile(l *houghLine, dir []uint8, diag float64) {
	l.span = int(diag) + 1
	a.refineLine(l, dir)
	n := 2*l.span + 1
	l.on = make([]int32, n+1)
	var c int32
	lo, hi := l.inFrame(a.pw, a.ph, 0)
	for i := range n {
		l.on[i] = c
		if i-l.span < lo || i-l.span > hi {
			continue
		}
		t := float64(i - l.span)
		px, py := l.rho*l.cos-t*l.sin, l.rho*l.sin+t*l.cos
		if px < 0 || py < 0 || px >= float64(a.pw) || py >= float64(a.ph) {
			continue
		}
		for o := -lineAcross; o <= lineAcross; o++ {
			x, y := int(px+float64(o)*l.cos), int(py+float64(o)*l.sin)
			if x < 0 || y < 0 || x >= a.pw || y >= a.ph {
				continue
			}
			d := dir[y*a.pw+x]
			if d == dirNone {
				continue
			}
			if dirDiff(int(d), l.bin) <= lineAlong {
				c++
				break
			}
		}
	}
	l.on[n] = c
}

// dirDiff is the angle in degrees between two directions modulo 180.
func dirDiff(a, b int) int {
	d := abs(a - b)
	if d > houghBins/2 {
		d = houghBins - d
	}
	return d
}

// refineLine moves the line onto the edges near it: a Hough bin is a
// degree wide, which over a card's side is a few pixels off at its ends.
// The edge pixels within lineAcross+1 of the line that run its way are
// fitted (their principal axis), twice.
func (a *analysis) refineLine(l *houghLine, dir []uint8) {
	for range 2 {
		var sx, sy, sxx, syy, sxy, n float64
		lo, hi := l.inFrame(a.pw, a.ph, 2)
		for t := lo; t <= hi; t++ {
			px, py := l.rho*l.cos-float64(t)*l.sin, l.rho*l.sin+float64(t)*l.cos
			if px < -2 || py < -2 || px >= float64(a.pw)+2 || py >= float64(a.ph)+2 {
				continue
			}
			for o := -lineAcross - 1; o <= lineAcross+1; o++ {
				xf, yf := px+float64(o)*l.cos, py+float64(o)*l.sin
				if xf < 0 || yf < 0 {
					continue
				}
				x, y := int(xf), int(yf)
				if x >= a.pw || y >= a.ph {
					continue
				}
				if d := dir[y*a.pw+x]; d != dirNone && dirDiff(int(d), l.bin) <= lineAlong {
					fx, fy := float64(x)+0.5, float64(y)+0.5
					sx, sy, sxx, syy, sxy, n = sx+fx, sy+fy, sxx+fx*fx, syy+fy*fy, sxy+fx*fy, n+1
				}
			}
		}
		if n < 10 {
			return
		}
		cx, cy := sx/n, sy/n
		vxx, vyy, vxy := sxx/n-cx*cx, syy/n-cy*cy, sxy/n-cx*cy
		// The line's direction is the principal axis; its normal is
		// turned a right angle from it.
		th := 0.5*math.Atan2(2*vxy, vxx-vyy) + math.Pi/2
		c, s := math.Cos(th), math.Sin(th)
		// Keep the normal the way round the line had it.
		if c*l.cos+s*l.sin < 0 {
			c, s = -c, -s
		}
		if c*l.cos+s*l.sin < math.Cos(3*math.Pi/180) {
			return // the fit turned away: other edges took over
		}
		l.cos, l.sin, l.rho = c, s, c*cx+s*cy
	}
}
