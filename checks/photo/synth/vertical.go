package synth

import (
	"math"
	"math/rand/v2"

	"github.com/kycd/kycd/checks/photo/internal/geom"
)

// A vertical card is an ID-1 card printed upright on its short side (54 ×
// 85.6 mm), as many under-21 licences and some residence cards are. Its
// artwork is kept landscape like every design's, the card turned a quarter
// left in it (PageTurn −90), so a placement at 90° shows it upright.
// verticalPage is its corners in the artwork, in its own order.
var verticalPage = [4][2]float64{{0, 1}, {0, 0}, {1, 0}, {1, 1}}

// vertical draws the vertical licence: a lilac-to-white ground, a violet
// header, the portrait centred under it, a red age band, the fields and a
// small grey ghost portrait below.
func vertical(c *canvas, portrait *canvas, r *rand.Rand) {
	// The card drawn upright, S wide and L tall.
	S, L := c.h, c.w
	p := newCanvas(S, L)
	gradient(p, hex("#e4dcf0"), hex("#fbfafd"))
	s := float64(S)
	violet := pick(r, []rgb{hex("#4b2a84"), hex("#23408f"), hex("#2f6b4f")})
	p.fillRect(0, 0, S, int(0.22*s), violet)
	white := hex("#f6f4fa")
	p.text(regular, "DRIVER LICENSE", 0.08*s, 0.1*s, 0.07*s, white)
	p.text(regular, "STATE OF EXAMPLE", 0.08*s, 0.18*s, 0.045*s, white)
	pw, ph := int(0.5*s), int(0.64*s)
	p.paste(portrait, (S-pw)/2, int(0.28*s), pw, ph)
	band := int(0.96 * s)
	p.fillRect(0, band, S, band+int(0.1*s), hex("#c22f3a"))
	p.text(regular, "UNDER 21 UNTIL 05-14-2029", 0.06*s, float64(band)+0.07*s, 0.04*s, white)
	ink := hex("#1d1a2a")
	y := 1.16 * s
	for _, line := range []string{"DL  V 8821 0473", "LN  GARCIA", "FN  ELENA MARIA", "DOB 05-14-2008   SEX F", "EXP 05-14-2031   CLASS C", "ISS 06-02-2025   HGT 5-05"} {
		capH := CapFrac * s
		if y < 1.3*s {
			capH = 0.045 * s
		}
		p.text(regular, line, 0.07*s, y, capH, ink)
		y += 0.075 * s
	}
	// The ghost portrait: grey and faint, at the foot on the right.
	gw, gh := int(0.2*s), int(0.26*s)
	gx, gy := S-gw-int(0.07*s), L-gh-int(0.06*s)
	for yy := range gh {
		for xx := range gw {
			q := portrait.bilinear((float64(xx)+0.5)*float64(portrait.w)/float64(gw), (float64(yy)+0.5)*float64(portrait.h)/float64(gh))
			l := 0.299*q[0] + 0.587*q[1] + 0.114*q[2]
			i := (gy+yy)*S + gx + xx
			p.pix[i] = mix(p.pix[i], rgb{l, l, l}, 0.3)
		}
	}
	// Turned a quarter left into the artwork: artwork (x, y) shows card
	// (S-1-y, x).
	for y := range S {
		for x := range L {
			c.pix[y*L+x] = p.pix[x*S+(S-1-y)]
		}
	}
}

// room paints what is behind a card held up in the air: a room far out of
// focus, large soft shapes of furniture, a wall and a window.
func room(w, h int, r *rand.Rand) *canvas {
	c := newCanvas(w, h)
	s := float64(max(w, h))
	wall := pick(r, []rgb{hex("#cfc6b8"), hex("#a9b4bd"), hex("#8d8274"), hex("#d9d4cc")})
	floor := pick(r, []rgb{hex("#6e5440"), hex("#9a8f84"), hex("#4d4a47")})
	horizon := (0.45 + 0.3*r.Float64()) * float64(h)
	n := newValueNoise(r, w, h, 0.08*s)
	for y := range h {
		for x := range w {
			col := wall
			if float64(y) > horizon {
				col = floor
			}
			c.pix[y*w+x] = mix(col, mix(col, hex("#000000"), 0.3), n.at(float64(x), float64(y)))
		}
	}
	// A few pieces of furniture and a window, soft-edged once blurred.
	for range 3 + r.IntN(3) {
		x0, y0 := r.Float64()*float64(w), r.Float64()*float64(h)
		bw, bh := (0.1+0.3*r.Float64())*s, (0.1+0.3*r.Float64())*s
		col := pick(r, []rgb{hex("#3a3330"), hex("#e8e4da"), hex("#7a4a3a"), hex("#5d6b7a"), hex("#f4f1e6")})
		c.fillRect(int(x0), int(y0), int(x0+bw), int(y0+bh), col)
	}
	// Far out of focus: the room's edges are a few percent of the frame
	// wide.
	c.gaussian(0.012 * s)
	return c
}

// heldCorner draws the hand holding a card up by one corner: the palm and
// two fingers behind the card past that corner (drawn before the card),
// then (thumb) the thumb lying over the corner, its tip 8–10 mm inside
// the card.
type heldCorner struct {
	corner, out geom.Pt // the held corner and the way out of the card from it
	s           float64 // the card's short side, pixels
	skin        rgb
	across      geom.Pt // along the thumb's width
}

func holdCorner(c *canvas, q geom.Quad, r *rand.Rand) heldCorner {
	k := pick(r, []int{2, 3}) // a lower corner, as a right or left hand holds it
	ctr := centre4(q)
	p := q[k]
	dx, dy := p.X-ctr.X, p.Y-ctr.Y
	d := math.Hypot(dx, dy)
	out := geom.Pt{X: dx / d, Y: dy / d}
	s := min(q.Side(0), q.Side(1), q.Side(2), q.Side(3))
	hc := heldCorner{corner: p, out: out, s: s, skin: pick(r, skinTones), across: geom.Pt{X: -out.Y, Y: out.X}}
	far := 2 * float64(max(c.w, c.h))
	// The palm just past the corner, the forearm out of the frame.
	pc := geom.Pt{X: p.X + 0.35*s*out.X, Y: p.Y + 0.35*s*out.Y}
	capsule(c, pc, geom.Pt{X: pc.X + far*out.X, Y: pc.Y + far*out.Y}, 0.4*s, hc.skin, 0.85)
	capsule(c, pc, pc, 0.5*s, hc.skin, 0.9)
	// Two fingers behind the card, their tips showing past its sides
	// near the corner.
	for _, f := range []float64{-1, 1} {
		tip := geom.Pt{X: p.X - 0.25*s*out.X + f*0.3*s*hc.across.X, Y: p.Y - 0.25*s*out.Y + f*0.3*s*hc.across.Y}
		capsule(c, pc, tip, 0.08*s, hc.skin, 0.8)
	}
	return hc
}

func (hc heldCorner) thumb(c *canvas, r *rand.Rand) {
	s, p, out := hc.s, hc.corner, hc.out
	in := (8 + 2*r.Float64()) / 54 // the tip 8–10 mm inside a 54 mm card
	tip := geom.Pt{X: p.X - in*s*out.X, Y: p.Y - in*s*out.Y}
	base := geom.Pt{X: p.X + 0.45*s*out.X, Y: p.Y + 0.45*s*out.Y}
	capsule(c, base, tip, 0.085*s, hc.skin, 1)
	nail := geom.Pt{X: tip.X + 0.03*s*out.X, Y: tip.Y + 0.03*s*out.Y}
	capsule(c, nail, nail, 0.05*s, mix(hc.skin, hex("#f4e2dc"), 0.6), 1)
}
