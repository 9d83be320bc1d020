package synth

import (
	"math"
	"math/rand/v2"

	"github.com/kycd/kycd/checks/photo/internal/geom"
)

// screen renders a recapture: the document shown on a phone or monitor
// and photographed. The screen is a grid of pixels, each three vertical
// R, G, B stripes with dark gaps between stripes and rows; the camera
// integrates that grid over its own pixels (4×4 samples a pixel, then the
// lens's blur), so a coarse grid is seen as a grid and a grid finer than
// the camera's pixels folds into moiré, as it does on a phone. The screen
// glows (its own black level, a blue cast), its glass reflects the room,
// and a bezel may frame it. The document lies where s.Docs[0] puts it, in
// the screen's plane.
func screen(s Spec, r *rand.Rand) *canvas {
	c := surface(s.Surface, s.W, s.H, r)
	p := s.Docs[0]
	d := DesignNamed(s.Design)
	// A phone in landscape (2.1:1) shows the card across its height; a
	// monitor (16:10) shows it with more of the app around it.
	aspect := pick(r, []float64{2.1, 1.6})
	k := 1.1 + 0.5*r.Float64()
	k = max(k, aspect/(d.Aspect*0.9))
	if !s.Bezel {
		k = max(k, 3) // the screen runs out of the picture
	}
	ps := p
	ps.Width = p.Width * k
	qs := quadOf(ps, aspect, s.W, s.H)
	if s.Bezel {
		t := 0.035 * ps.Width * float64(s.W)
		L := ps.Width * float64(s.W)
		pb := ps
		pb.Width = (L + 2*t) / float64(s.W)
		qb := quadOf(pb, (L+2*t)/(L/aspect+2*t), s.W, s.H)
		frame := newCanvas(64, 64)
		gradient(frame, hex("#1d1e21"), hex("#0c0c0e"))
		c.composite(frame, qb, 1)
	}
	pitch := s.ScreenPitch
	nsx := int(math.Round((qs.Side(0) + qs.Side(2)) / 2 / pitch))
	nsy := int(math.Round(float64(nsx) / aspect))
	hm, ok := geom.FromQuads(qs, geom.Quad{{X: 0, Y: 0}, {X: float64(nsx), Y: 0}, {X: float64(nsx), Y: float64(nsy)}, {X: 0, Y: float64(nsy)}})
	if !ok {
		return c
	}
	// The app's page around the document, and the document itself at
	// the screen's resolution (at most 1400 px, shown enlarged beyond).
	ui := toLinear(pick(r, []rgb{hex("#eceff3"), hex("#f7f7f7"), hex("#202124"), hex("#3a3f47")}))
	cw := float64(nsx) / k
	ch := cw / d.Aspect
	cx0, cy0 := (float64(nsx)-cw)/2, (float64(nsy)-ch)/2
	hr := max(24, min(1400, int(math.Round(ch))))
	doc := d.render(hr, portrait(), r)
	lin := make([]rgb, len(doc.pix))
	for i, q := range doc.pix {
		lin[i] = toLinear(q)
	}
	sc := float64(hr) / ch
	// Stripe and row gaps (the black matrix), the screen's brightness
	// relative to the room, its black level and tint.
	gapX := 0.08 + 0.12*r.Float64()
	gapY := 0.05 + 0.15*r.Float64()
	gain := float32(3 / ((1 - 2*gapX) * (1 - 2*gapY)))
	bright := float32(0.8 + 0.3*r.Float64())
	black := float32(0.004 + 0.006*r.Float64())
	tint := rgb{0.94, 0.98, 1.06}
	emit := func(sx, sy float64) (rgb, bool) {
		if sx < 0 || sy < 0 || sx >= float64(nsx) || sy >= float64(nsy) {
			return rgb{}, false
		}
		ix, iy := math.Floor(sx), math.Floor(sy)
		fx, fy := sx-ix, sy-iy
		if fy < gapY || fy >= 1-gapY {
			return rgb{}, true
		}
		sub := int(fx * 3)
		if t := fx*3 - float64(sub); t < gapX || t >= 1-gapX {
			return rgb{}, true
		}
		if s.PenTile {
			// Green on the right half; red or blue, alternating from
			// pixel to pixel and row to row, on the left (twice as
			// bright: there are half as many of them).
			sub = 1
			if t := fx * 2; t < 1 {
				sub = 0
				if (int(ix)+int(iy))%2 == 1 {
					sub = 2
				}
				if t < gapX || t >= 1-gapX {
					return rgb{}, true
				}
			}
		}
		col := ui
		u, v := (ix+0.5-cx0)*sc, (iy+0.5-cy0)*sc
		if u >= 0 && v >= 0 && int(u) < doc.w && int(v) < doc.h {
			col = lin[int(v)*doc.w+int(u)]
		}
		var o rgb
		o[sub] = col[sub] * gain
		if s.PenTile && sub != 1 {
			o[sub] *= 2
		}
		return o, true
	}
	const n = 4
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, q := range qs {
		x0, y0, x1, y1 = math.Min(x0, q.X), math.Min(y0, q.Y), math.Max(x1, q.X), math.Max(y1, q.Y)
	}
	for y := max(0, int(y0)); y < min(c.h, int(y1)+1); y++ {
		for x := max(0, int(x0)); x < min(c.w, int(x1)+1); x++ {
			// The screen is locally affine across one camera pixel.
			c0 := hm.Apply(geom.Pt{X: float64(x) + 0.5, Y: float64(y) + 0.5})
			cx := hm.Apply(geom.Pt{X: float64(x) + 1.5, Y: float64(y) + 0.5})
			cy := hm.Apply(geom.Pt{X: float64(x) + 0.5, Y: float64(y) + 1.5})
			dxx, dxy, dyx, dyy := cx.X-c0.X, cx.Y-c0.Y, cy.X-c0.X, cy.Y-c0.Y
			var acc rgb
			cover := 0
			for j := range n {
				oy := (float64(j)+0.5)/n - 0.5
				for i := range n {
					ox := (float64(i)+0.5)/n - 0.5
					e, in := emit(c0.X+ox*dxx+oy*dyx, c0.Y+ox*dxy+oy*dyy)
					if in {
						acc[0], acc[1], acc[2] = acc[0]+e[0], acc[1]+e[1], acc[2]+e[2]
						cover++
					}
				}
			}
			if cover == 0 {
				continue
			}
			var o rgb
			for ch := range 3 {
				l := black + bright*tint[ch]*acc[ch]/float32(cover)
				o[ch] = 255 * float32(math.Pow(float64(l), 1/2.2))
			}
			i := y*c.w + x
			c.pix[i] = mix(c.pix[i], o, float32(cover)/(n*n))
		}
	}
	// The room reflected in the glass: a broad soft band.
	gx := float64(c.w) * (0.2 + 0.6*r.Float64())
	amp := 10 + 25*r.Float64()
	for y := range c.h {
		for x := range c.w {
			if !s.Bezel || qs.Contains(geom.Pt{X: float64(x) + 0.5, Y: float64(y) + 0.5}) {
				dd := (float64(x) - gx + 0.5*float64(y)) / (0.1 * float64(c.w))
				g := float32(amp * math.Exp(-dd*dd))
				q := &c.pix[y*c.w+x]
				q[0], q[1], q[2] = q[0]+g, q[1]+g, q[2]+g
			}
		}
	}
	// The phone's lens: a little blur before the sensor.
	c.gaussian(0.45 + 0.3*r.Float64())
	return c
}

func toLinear(c rgb) rgb {
	var o rgb
	for k := range 3 {
		o[k] = float32(math.Pow(math.Max(0, float64(c[k]))/255, 2.2))
	}
	return o
}
