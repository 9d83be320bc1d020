package synth

import (
	"math"
	"math/rand/v2"

	"github.com/kycd/kycd/checks/photo/internal/geom"
)

// A wide phone lens bends straight lines outward (barrel distortion): the
// picture is magnified less towards its corners than at its centre. With
// r the distance from the centre in half-diagonals, the scene point at r
// is drawn at the r' that solves r'·(1 + k·r'²) = r·(1 + k), so the frame's
// corners stay where they are and its middle is magnified 1 + k times.

// lens is where scene point p is drawn.
func (s Spec) lens(p geom.Pt) geom.Pt {
	k := s.Barrel
	if k == 0 {
		return p
	}
	cx, cy := float64(s.W)/2, float64(s.H)/2
	half := math.Hypot(cx, cy)
	dx, dy := (p.X-cx)/half, (p.Y-cy)/half
	ru := math.Hypot(dx, dy)
	if ru == 0 {
		return p
	}
	rd := ru
	for range 30 {
		rd = ru * (1 + k) / (1 + k*rd*rd)
	}
	f := rd / ru
	return geom.Pt{X: cx + dx*f*half, Y: cy + dy*f*half}
}

// barrel draws c through the lens.
func (s Spec) barrel(c *canvas) *canvas {
	k := s.Barrel
	out := newCanvas(c.w, c.h)
	cx, cy := float64(c.w)/2, float64(c.h)/2
	half := math.Hypot(cx, cy)
	for y := range c.h {
		for x := range c.w {
			dx, dy := (float64(x)+0.5-cx)/half, (float64(y)+0.5-cy)/half
			f := (1 + k*(dx*dx+dy*dy)) / (1 + k)
			out.pix[y*c.w+x] = c.bilinear(cx+dx*f*half, cy+dy*f*half)
		}
	}
	return out
}

// skinTones are the hands that hold the cards.
var skinTones = []rgb{hex("#e3b89e"), hex("#c99274"), hex("#8e5c40"), hex("#f0cdb6")}

// handAt is where the hand grips the document placed at p: a point on its
// left side or its bottom side, the side's outward normal and the
// document's short side in pixels.
func handAt(p Placement, aspect float64, w, h int, r *rand.Rand) (geom.Pt, geom.Pt, float64) {
	q := quadOf(p, aspect, w, h)
	k := 3 // the left side, corner 3 to corner 0
	if r.IntN(2) == 0 {
		k = 2 // the bottom side, corner 2 to corner 3
	}
	a, b := q[k], q[(k+1)%4]
	t := 0.3 + 0.3*r.Float64()
	e := geom.Pt{X: a.X + t*(b.X-a.X), Y: a.Y + t*(b.Y-a.Y)}
	c := centre4(q)
	L := math.Hypot(b.X-a.X, b.Y-a.Y)
	n := geom.Pt{X: (b.Y - a.Y) / L, Y: -(b.X - a.X) / L}
	if (e.X-c.X)*n.X+(e.Y-c.Y)*n.Y < 0 {
		n = geom.Pt{X: -n.X, Y: -n.Y}
	}
	return e, n, min(q.Side(0), q.Side(1), q.Side(2), q.Side(3))
}

func centre4(q geom.Quad) geom.Pt {
	return geom.Pt{X: (q[0].X + q[1].X + q[2].X + q[3].X) / 4, Y: (q[0].Y + q[1].Y + q[2].Y + q[3].Y) / 4}
}

// handState keeps the grip between palm (drawn under the document) and
// thumb (over it): both draw from the same random numbers.
type handState struct {
	e, n geom.Pt
	s    float64
	skin rgb
}

// palm draws the hand under the document: a palm behind the gripped side
// and the forearm running from it out of the frame.
func palm(c *canvas, p Placement, aspect float64, r *rand.Rand) handState {
	e, n, s := handAt(p, aspect, c.w, c.h, r)
	skin := pick(r, skinTones)
	hs := handState{e, n, s, skin}
	pc := geom.Pt{X: e.X + 0.25*s*n.X, Y: e.Y + 0.25*s*n.Y}
	far := 2 * float64(max(c.w, c.h))
	capsule(c, pc, geom.Pt{X: pc.X + far*n.X, Y: pc.Y + far*n.Y}, 0.38*s, skin, 0.85)
	capsule(c, pc, pc, 0.5*s, skin, 0.9)
	return hs
}

// thumb draws the thumb over the document's edge: from outside the side,
// its tip a tenth of the short side inside, with a paler nail.
func thumb(c *canvas, hs handState) {
	e, n, s := hs.e, hs.n, hs.s
	tip := geom.Pt{X: e.X - 0.11*s*n.X, Y: e.Y - 0.11*s*n.Y}
	base := geom.Pt{X: e.X + 0.45*s*n.X, Y: e.Y + 0.45*s*n.Y}
	capsule(c, base, tip, 0.075*s, hs.skin, 1)
	nail := geom.Pt{X: tip.X + 0.02*s*n.X, Y: tip.Y + 0.02*s*n.Y}
	capsule(c, nail, nail, 0.045*s, mix(hs.skin, hex("#f4e2dc"), 0.6), 1)
}

// capsule fills the points within rad of segment a–b with col, darker
// towards its rim (shade is the brightness at its axis).
func capsule(c *canvas, a, b geom.Pt, rad float64, col rgb, shade float32) {
	x0, x1 := int(math.Min(a.X, b.X)-rad)-1, int(math.Max(a.X, b.X)+rad)+2
	y0, y1 := int(math.Min(a.Y, b.Y)-rad)-1, int(math.Max(a.Y, b.Y)+rad)+2
	dx, dy := b.X-a.X, b.Y-a.Y
	L2 := dx*dx + dy*dy
	for y := max(0, y0); y < min(c.h, y1); y++ {
		for x := max(0, x0); x < min(c.w, x1); x++ {
			px, py := float64(x)+0.5, float64(y)+0.5
			t := 0.0
			if L2 > 0 {
				t = math.Max(0, math.Min(1, ((px-a.X)*dx+(py-a.Y)*dy)/L2))
			}
			d := math.Hypot(px-a.X-t*dx, py-a.Y-t*dy) / rad
			if d > 1 {
				continue
			}
			k := shade * float32(1-0.3*d*d)
			i := y*c.w + x
			// The rim is antialiased over its last 4 %.
			cov := float32(math.Min(1, (1-d)/0.04))
			c.pix[i] = mix(c.pix[i], rgb{col[0] * k, col[1] * k, col[2] * k}, cov)
		}
	}
}
