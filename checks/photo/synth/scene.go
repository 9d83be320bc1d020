package synth

import (
	"math"
	"math/rand/v2"

	"github.com/kycd/kycd/checks/photo/internal/geom"
)

// Surfaces lists the desks documents are photographed on.
var Surfaces = []string{"wood", "linen", "slate", "white_desk", "tablecloth", "grass", "beige_paper", "marble"}

// LightSurfaces are the pale ones, for light-on-light photos.
var LightSurfaces = []string{"linen", "white_desk", "beige_paper", "marble"}

// surface paints a w×h desk.
func surface(name string, w, h int, r *rand.Rand) *canvas {
	c := newCanvas(w, h)
	s := float64(max(w, h)) / 1600 // texture scale follows the photo size
	n1 := newValueNoise(r, w, h, 60*s)
	n2 := newValueNoise(r, w, h, 9*s)
	n3 := newValueNoise(r, w, h, 2.5*s)
	// fabric: a plain weave of threads about 0.35 mm apart as a card
	// fills the frame (4.5 px at 1600 px), turned any way. Drawn only
	// for fabric, so the other surfaces keep their random numbers.
	var fp, fc, fs float64
	if name == "fabric" {
		fp = 4.5 * s * (0.7 + 0.6*r.Float64())
		a := r.Float64() * math.Pi
		fc, fs = math.Cos(a), math.Sin(a)
	}
	// floor_tiles: square floor tiles a fifth of the frame wide, turned a
	// little, in grout; lined_paper: ruled lines 3 % of the frame apart.
	// Drawn only for them, like fabric's.
	var tp, tc, ts, rule float64
	var tint []float32
	if name == "floor_tiles" {
		tp = 0.2 * float64(max(w, h)) * (0.8 + 0.4*r.Float64())
		a := (r.Float64()*20 - 10) * math.Pi / 180
		tc, ts = math.Cos(a), math.Sin(a)
		tint = make([]float32, 64)
		for i := range tint {
			tint[i] = r.Float32()
		}
	}
	if name == "lined_paper" {
		rule = 0.03 * float64(max(w, h)) * (0.85 + 0.3*r.Float64())
	}
	// glass_table: three bright reflections of a window across the
	// glass, at one angle; bedsheet: flowers on a lattice, bent by
	// folds. Drawn only for them.
	var gc, gs float64
	var bands [3][3]float64 // position, width, strength
	if name == "glass_table" {
		a := 0.3 + 0.8*r.Float64()
		gc, gs = math.Cos(a), math.Sin(a)
		for k := range bands {
			bands[k] = [3]float64{0.1 + 1.1*r.Float64(), 0.03 + 0.08*r.Float64(), 60 + 80*r.Float64()}
		}
	}
	var petal float64
	if name == "bedsheet" {
		petal = 0.05 * float64(max(w, h)) * (0.8 + 0.4*r.Float64())
	}
	for y := range h {
		for x := range w {
			fx, fy := float64(x), float64(y)
			var col rgb
			switch name {
			case "floor_tiles":
				u, v := fx*tc+fy*ts, -fx*ts+fy*tc
				iu, iv := math.Floor(u/tp), math.Floor(v/tp)
				du, dv := u-iu*tp, v-iv*tp
				g := 0.03 * tp
				if du < g || dv < g {
					col = mix(hex("#a9a49b"), hex("#8f8a82"), n3.at(fx, fy))
					break
				}
				k := tint[(int(iu)*7+int(iv)*13)&63]
				col = mix(hex("#e7e3db"), hex("#d6d0c4"), 0.5*k+0.3*n2.at(fx, fy)+0.2*n3.at(fx, fy))
			case "lined_paper":
				col = mix(hex("#f8f6ef"), hex("#ece8dc"), 0.6*n1.at(fx, fy)+0.4*n3.at(fx, fy))
				if m := math.Mod(fy, rule); m < 0.08*rule {
					col = mix(col, hex("#8fb0d6"), 0.8)
				}
				if math.Abs(fx-0.12*float64(w)) < 0.0015*float64(max(w, h)) {
					col = mix(col, hex("#d9656a"), 0.8)
				}
			case "newspaper":
				// Newsprint: greyish off-white paper, a little uneven.
				col = mix(hex("#e6e2d8"), hex("#d6d1c5"), 0.6*n1.at(fx, fy)+0.4*n3.at(fx, fy))
			case "sage_desk":
				// Matched to a pink card's brightness: it differs from it
				// by colour alone.
				col = mix(hex("#c4d8c0"), hex("#b7cdb2"), 0.6*n1.at(fx, fy)+0.4*n3.at(fx, fy))
			case "blue_desk":
				col = mix(hex("#c2d2e6"), hex("#b4c6dc"), 0.6*n1.at(fx, fy)+0.4*n3.at(fx, fy))
			case "wood":
				// Grain: stretched noise along x, rings as sines.
				g := math.Sin(fy/(7*s)+6*float64(n1.at(fx*0.3, fy)))*0.5 + 0.5
				col = mix(hex("#8a5a34"), hex("#6a4024"), float32(g)*0.8+0.2*n2.at(fx, fy))
			case "linen":
				// A fine weave: two crossing thread patterns.
				wv := 0.5 + 0.25*math.Sin(fx*math.Pi/(2.2*s)) + 0.25*math.Sin(fy*math.Pi/(2.2*s))
				col = mix(hex("#e4dccb"), hex("#d2c8b4"), float32(wv)*0.6+0.4*n3.at(fx, fy))
			case "slate":
				col = mix(hex("#3c3f44"), hex("#2a2c30"), 0.6*n1.at(fx, fy)+0.4*n3.at(fx, fy))
			case "white_desk":
				col = mix(hex("#eeeeec"), hex("#dededb"), float32(fy/float64(h))*0.7+0.3*n1.at(fx, fy))
			case "tablecloth":
				// Soft red and white checks, 4 % of the frame wide.
				p := 0.04 * float64(max(w, h))
				chk := (int(fx/p) + int(fy/p)) % 2
				col = mix(hex("#e8e2dc"), hex("#b54a48"), float32(chk)*0.8+0.1*n2.at(fx, fy))
			case "fabric":
				u, v := (fx*fc+fy*fs)/fp, (-fx*fs+fy*fc)/fp
				over := (int(math.Floor(u)) + int(math.Floor(v))) & 1
				t := math.Sin(math.Pi * (u - math.Floor(u)))
				if over == 1 {
					t = math.Sin(math.Pi * (v - math.Floor(v)))
				}
				col = mix(hex("#2e3b52"), hex("#5d6d88"), float32(t)*0.85+0.15*n3.at(fx, fy))
			case "tiles":
				// Glazed floor or kitchen tiles, a third of the frame
				// across, with pale grout lines.
				p := 0.3 * float64(max(w, h))
				gx, gy := math.Mod(fx, p), math.Mod(fy, p)
				if min(gx, gy, p-gx, p-gy) < 0.012*p {
					col = mix(hex("#d9d6cf"), hex("#c8c4bb"), n3.at(fx, fy))
				} else {
					col = mix(hex("#b9c4c8"), hex("#a7b3b8"), 0.5*n1.at(fx, fy)+0.5*n2.at(fx, fy))
				}
			case "grass":
				col = mix(hex("#6b5a48"), hex("#9c8a74"), 0.4*n1.at(fx, fy)+0.6*n3.at(fx, fy))
			case "beige_paper":
				col = mix(hex("#efe3cf"), hex("#e2d4bc"), 0.5*n1.at(fx, fy)+0.5*n2.at(fx, fy))
			case "marble":
				v := math.Abs(math.Sin((fx+fy)/(90*s) + 5*float64(n1.at(fx, fy))))
				col = mix(hex("#f0efec"), hex("#b9b6b0"), float32(math.Pow(1-v, 8)))
			case "white_marble":
				// Near-white stone with faint grey veins, brighter than
				// marble: a white card's ground and the desk meet at
				// almost one luma.
				v := math.Abs(math.Sin((0.8*fx+fy)/(110*s) + 6*float64(n1.at(fx, fy))))
				col = mix(hex("#f6f5f2"), hex("#e6e4df"), 0.6*n2.at(fx, fy))
				col = mix(col, hex("#bdb9b2"), float32(0.8*math.Pow(1-v, 12)))
			case "glass_table":
				// A dark floor seen through the glass, window light
				// reflected across it in soft bands.
				col = mix(hex("#1f2a2b"), hex("#3e4a4b"), 0.7*n1.at(fx, fy)+0.3*n2.at(fx, fy))
				u := (fx*gc + fy*gs) / float64(max(w, h))
				for _, b := range bands {
					d := (u - b[0]) / b[1]
					g := float32(b[2] * math.Exp(-d*d*d*d))
					col = rgb{col[0] + g*0.92, col[1] + g*0.96, col[2] + g}
				}
			case "bedsheet":
				// Pale cotton with pink five-petal flowers, shaded by
				// soft folds.
				bu, bv := fx+30*s*float64(n1.at(fx, fy)-0.5), fy+30*s*float64(n2.at(fx, fy)-0.5)
				du, dv := math.Mod(bu, petal)/petal-0.5, math.Mod(bv, petal)/petal-0.5
				rr, th := math.Hypot(du, dv), math.Atan2(dv, du)
				col = hex("#f4f1ea")
				switch {
				case rr < 0.06:
					col = hex("#f0c64a")
				case rr < 0.26*(0.6+0.4*math.Abs(math.Cos(2.5*th))):
					col = hex("#e7a3ae")
				}
				k := float32(0.9 + 0.16*float64(n1.at(fx, fy)))
				col = rgb{col[0] * k, col[1] * k, col[2] * k}
			default:
				col = hex("#808080")
			}
			c.pix[y*w+x] = col
		}
	}
	if name == "lined_paper" {
		handwriting(c, rule, r)
	}
	if name == "newspaper" {
		newsprint(c, r)
	}
	return c
}

// newsWords are what a newspaper page's columns are set in.
var newsWords = []string{"council", "the", "vote", "on", "Tuesday", "market", "prices", "rose", "and", "of", "in",
	"residents", "said", "a", "new", "bridge", "over", "river", "will", "open", "after", "years", "weather",
	"school", "report", "minister", "budget", "for", "local", "team", "won", "league", "cup", "season"}

// newsprint sets a newspaper page: a masthead in large letters, a
// headline, columns of body text separated by thin rules, and a grey
// photograph block, at the sizes a page has when a card on it fills most
// of the frame (body text about 1.5 mm tall, columns about 45 mm wide).
func newsprint(c *canvas, r *rand.Rand) {
	W := float64(max(c.w, c.h))
	mm := 0.6 * W / 85.6 // a card 60 % of the frame's long side
	ink := hex("#26262a")
	// The page runs past the frame: its masthead may or may not show.
	top := -r.Float64() * 40 * mm
	c.text(regular, "THE DAILY COURIER", 4*mm, top+22*mm, 14*mm, ink)
	c.fillRect(0, int(top+27*mm), c.w, int(top+27.6*mm), ink)
	c.text(regular, "Bridge vote set for Tuesday", 4*mm, top+38*mm, 7*mm, ink)
	colW := 45 * mm
	gutter := 4 * mm
	body := 1.5 * mm
	lead := 3.4 * mm
	// The photograph: a block of soft grey shapes in one column.
	pc := r.IntN(3)
	py0, py1 := top+44*mm, top+44*mm+(35+15*r.Float64())*mm
	n := newValueNoise(r, c.w, c.h, 6*mm)
	for col := 0; ; col++ {
		x0 := 4*mm + float64(col)*(colW+gutter)
		if x0 > float64(c.w) {
			break
		}
		if col > 0 {
			xr := int(x0 - gutter/2)
			c.fillRect(xr, int(top+44*mm), xr+max(1, int(0.25*mm)), c.h, mix(ink, hex("#e6e2d8"), 0.4))
		}
		y := top + 46*mm
		if col%3 == pc {
			for yy := max(0, int(py0)); yy < min(c.h, int(py1)); yy++ {
				for xx := max(0, int(x0)); xx < min(c.w, int(x0+colW)); xx++ {
					c.pix[yy*c.w+xx] = mix(hex("#bdbab3"), hex("#4a4945"), n.at(float64(xx), float64(yy)))
				}
			}
			y = py1 + lead*1.5
		}
		for ; y < float64(c.h)+lead; y += lead {
			if y < 0 {
				continue
			}
			var line []byte
			for len(line) < int(colW/(0.75*body)) {
				line = append(line, pick(r, newsWords)...)
				line = append(line, ' ')
			}
			c.text(regular, string(line[:int(colW/(0.75*body))]), x0, y, body, ink)
		}
	}
}

// handwriting fills most ruled lines with cursive in blue or black ink:
// words of loops along the line, slanting a little.
func handwriting(c *canvas, rule float64, r *rand.Rand) {
	ink := pick(r, []rgb{hex("#1f2f78"), hex("#202024")})
	stroke := max(1, 0.05*rule)
	for base := rule * 2; base < float64(c.h); base += rule {
		x := 0.14*float64(c.w) + r.Float64()*rule
		end := float64(c.w) * (0.6 + 0.4*r.Float64())
		for x < end {
			n := 2 + r.IntN(7) // loops in the word
			hgt := rule * (0.35 + 0.2*r.Float64())
			adv := hgt * (0.55 + 0.2*r.Float64())
			steps := int(float64(n) * adv / (0.4 * stroke))
			for i := range steps {
				u := float64(i) / float64(steps) * float64(n)
				px := x + u*adv + 0.3*hgt*math.Cos(2*math.Pi*u)
				py := base - 0.1*rule - hgt*(0.5-0.5*math.Cos(2*math.Pi*u))
				for yy := int(py - stroke); yy <= int(py+stroke); yy++ {
					for xx := int(px - stroke); xx <= int(px+stroke); xx++ {
						if xx < 0 || yy < 0 || xx >= c.w || yy >= c.h || math.Hypot(float64(xx)-px, float64(yy)-py) > stroke {
							continue
						}
						c.pix[yy*c.w+xx] = mix(c.pix[yy*c.w+xx], ink, 0.85)
					}
				}
			}
			x += float64(n)*adv + hgt*(0.8+0.8*r.Float64())
		}
	}
}

// Placement puts a document in the photo.
type Placement struct {
	CX, CY float64 // centre as a share of the photo's width and height
	Width  float64 // the document's long side as a share of the photo's width
	Angle  float64 // rotation in the photo, degrees (90: lying sideways)
	TiltX  float64 // perspective: rotation about the document's horizontal axis, degrees
	TiltY  float64 // and about its vertical axis
	// Design, when set, is this document's artwork instead of the
	// photo's (two different cards side by side).
	Design string
}

// quadOf returns the photo corners of a document of the given aspect.
func quadOf(p Placement, aspect float64, w, h int) geom.Quad {
	L := p.Width * float64(w)
	S := L / aspect
	f := 1.2 * float64(max(w, h))
	tx, ty := p.TiltX*math.Pi/180, p.TiltY*math.Pi/180
	a := p.Angle * math.Pi / 180
	var q geom.Quad
	for i, c := range [4][2]float64{{-1, -1}, {1, -1}, {1, 1}, {-1, 1}} {
		X, Y, Z := c[0]*L/2, c[1]*S/2, 0.0
		// Tilt about x, then y (the document leaning away from the camera).
		Y, Z = Y*math.Cos(tx)-Z*math.Sin(tx), Y*math.Sin(tx)+Z*math.Cos(tx)
		X, Z = X*math.Cos(ty)+Z*math.Sin(ty), -X*math.Sin(ty)+Z*math.Cos(ty)
		// Spin in the image plane.
		X, Y = X*math.Cos(a)-Y*math.Sin(a), X*math.Sin(a)+Y*math.Cos(a)
		k := f / (f + Z)
		q[i] = geom.Pt{X: p.CX*float64(w) + X*k, Y: p.CY*float64(h) + Y*k}
	}
	return q
}

// composite draws the document canvas doc onto c inside quad q, with a soft
// contact shadow around it, supersampled 2×2 so its outline is
// antialiased as a lens would.
func (c *canvas) composite(doc *canvas, q geom.Quad, shadow float64) {
	src := geom.Quad{{X: 0, Y: 0}, {X: float64(doc.w), Y: 0}, {X: float64(doc.w), Y: float64(doc.h)}, {X: 0, Y: float64(doc.h)}}
	hm, ok := geom.FromQuads(q, src)
	if !ok {
		return
	}
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range q {
		x0, y0, x1, y1 = math.Min(x0, p.X), math.Min(y0, p.Y), math.Max(x1, p.X), math.Max(y1, p.Y)
	}
	blur := shadow * math.Sqrt(q.Area()) * 0.03 // shadow width grows with the document
	m := int(blur*3) + 2
	for y := max(0, int(y0)-m); y < min(c.h, int(y1)+m+1); y++ {
		for x := max(0, int(x0)-m); x < min(c.w, int(x1)+m+1); x++ {
			var acc rgb
			cover := 0
			for _, o := range [4][2]float64{{0.25, 0.25}, {0.75, 0.25}, {0.25, 0.75}, {0.75, 0.75}} {
				p := geom.Pt{X: float64(x) + o[0], Y: float64(y) + o[1]}
				if !q.Contains(p) {
					continue
				}
				s := hm.Apply(p)
				v := doc.bilinear(s.X, s.Y)
				acc[0], acc[1], acc[2] = acc[0]+v[0], acc[1]+v[1], acc[2]+v[2]
				cover++
			}
			i := y*c.w + x
			if cover == 0 {
				if blur > 0 {
					// Outside: darken by the distance to the outline,
					// offset a little down and right (light from above left).
					d := distToQuad(q, geom.Pt{X: float64(x) - blur*0.4, Y: float64(y) - blur*0.6})
					if inside := q.Contains(geom.Pt{X: float64(x) - blur*0.4, Y: float64(y) - blur*0.6}); inside {
						d = 0
					}
					k := float32(1 - 0.35*math.Exp(-d*d/(2*blur*blur)))
					c.pix[i] = rgb{c.pix[i][0] * k, c.pix[i][1] * k, c.pix[i][2] * k}
				}
				continue
			}
			t := float32(cover) / 4
			inv := 1 / float32(cover)
			c.pix[i] = mix(c.pix[i], rgb{acc[0] * inv, acc[1] * inv, acc[2] * inv}, t)
		}
	}
}

func distToQuad(q geom.Quad, p geom.Pt) float64 {
	d := math.Inf(1)
	for i := range 4 {
		a, b := q[i], q[(i+1)%4]
		dx, dy := b.X-a.X, b.Y-a.Y
		t := math.Max(0, math.Min(1, ((p.X-a.X)*dx+(p.Y-a.Y)*dy)/(dx*dx+dy*dy)))
		d = math.Min(d, math.Hypot(p.X-a.X-t*dx, p.Y-a.Y-t*dy))
	}
	return d
}

// glare adds a specular highlight centred at (u, v) of the document (shares
// of its width and height) with the given radius (share of its short
// side): a clipped core with a soft halo, as a lamp makes on laminate.
func (c *canvas) glare(q geom.Quad, u, v, radius float64) {
	src := geom.Quad{{X: 0, Y: 0}, {X: 1, Y: 0}, {X: 1, Y: 1}, {X: 0, Y: 1}}
	hm, ok := geom.FromQuads(src, q)
	if !ok {
		return
	}
	ctr := hm.Apply(geom.Pt{X: u, Y: v})
	rad := radius * math.Min(q.Side(1), q.Side(0))
	for y := max(0, int(ctr.Y-3*rad)); y < min(c.h, int(ctr.Y+3*rad)); y++ {
		for x := max(0, int(ctr.X-4*rad)); x < min(c.w, int(ctr.X+4*rad)); x++ {
			if !q.Contains(geom.Pt{X: float64(x) + 0.5, Y: float64(y) + 0.5}) {
				continue
			}
			dx, dy := (float64(x)-ctr.X)/(1.4*rad), (float64(y)-ctr.Y)/rad
			g := float32(420 * math.Exp(-(dx*dx+dy*dy)/0.6))
			i := y*c.w + x
			c.pix[i] = rgb{c.pix[i][0] + g, c.pix[i][1] + g, c.pix[i][2] + g}
		}
	}
}

// sheen washes the document out towards a pale grey over a broad, soft
// patch centred at (u, v) (shares of its width and height), radius a share
// of its short side: a window or a ceiling light reflected by a glossy
// card seen at a low angle. Unlike glare it clips nothing: the pale grey
// (236–238 before the room's light) stays under white, and the print
// under it keeps a trace of itself, lifted to grey.
func (c *canvas) sheen(q geom.Quad, u, v, radius, strength float64) {
	src := geom.Quad{{X: 0, Y: 0}, {X: 1, Y: 0}, {X: 1, Y: 1}, {X: 0, Y: 1}}
	hm, ok := geom.FromQuads(src, q)
	if !ok {
		return
	}
	ctr := hm.Apply(geom.Pt{X: u, Y: v})
	rad := radius * math.Min(q.Side(1), q.Side(0))
	veil := float32(232 + 6*strength)
	for y := max(0, int(ctr.Y-3*rad)); y < min(c.h, int(ctr.Y+3*rad)); y++ {
		for x := max(0, int(ctr.X-4*rad)); x < min(c.w, int(ctr.X+4*rad)); x++ {
			if !q.Contains(geom.Pt{X: float64(x) + 0.5, Y: float64(y) + 0.5}) {
				continue
			}
			dx, dy := (float64(x)-ctr.X)/(1.5*rad), (float64(y)-ctr.Y)/rad
			t := float32(strength * math.Exp(-(dx*dx+dy*dy)/2))
			i := y*c.w + x
			p := c.pix[i]
			c.pix[i] = rgb{p[0] + t*(veil-p[0]), p[1] + t*(veil-p[1]), p[2] + t*(veil-p[2])}
		}
	}
}

// objects puts what lies on a desk when no document does: a cup on its
// saucer, a plate, a pen, and a phone face down (a dark rounded slab
// 2:1, too long for a card and with nothing printed on it).
func objects(c *canvas, r *rand.Rand) {
	cup(c, r)
	m := float64(min(c.w, c.h))
	// A plate: a pale disc with a rim.
	px, py := float64(c.w)*(0.15+0.2*r.Float64()), float64(c.h)*(0.6+0.25*r.Float64())
	pr := (0.18 + 0.06*r.Float64()) * m
	for y := max(0, int(py-pr)); y < min(c.h, int(py+pr)+1); y++ {
		for x := max(0, int(px-pr)); x < min(c.w, int(px+pr)+1); x++ {
			d := math.Hypot(float64(x)-px, float64(y)-py)
			switch {
			case d < 0.7*pr:
				c.pix[y*c.w+x] = hex("#f1efe9")
			case d < pr:
				c.pix[y*c.w+x] = mix(hex("#e6e3dc"), hex("#d2cec6"), float32((d-0.7*pr)/(0.3*pr)))
			}
		}
	}
	// A pen: a thin dark bar at any angle.
	slab(c, geom.Pt{X: float64(c.w) * (0.6 + 0.3*r.Float64()), Y: float64(c.h) * (0.2 + 0.6*r.Float64())},
		0.45*m, 0.025*m, r.Float64()*math.Pi, hex("#1d2a6b"), 0.5)
	// A phone face down: a dark slab with rounded corners.
	slab(c, geom.Pt{X: float64(c.w) * (0.7 + 0.15*r.Float64()), Y: float64(c.h) * (0.25 + 0.5*r.Float64())},
		0.42*m, 0.2*m, r.Float64()*math.Pi, hex("#2b2d31"), 0.08*m)
}

// slab fills a rectangle l×w centred at p, turned by angle (radians),
// with corners rounded by radius rad.
func slab(c *canvas, p geom.Pt, l, w, angle float64, col rgb, rad float64) {
	ca, sa := math.Cos(angle), math.Sin(angle)
	ext := int(l/2+w/2) + 2
	for y := max(0, int(p.Y)-ext); y < min(c.h, int(p.Y)+ext); y++ {
		for x := max(0, int(p.X)-ext); x < min(c.w, int(p.X)+ext); x++ {
			dx, dy := float64(x)+0.5-p.X, float64(y)+0.5-p.Y
			u, v := math.Abs(dx*ca+dy*sa), math.Abs(-dx*sa+dy*ca)
			qu, qv := math.Max(0, u-(l/2-rad)), math.Max(0, v-(w/2-rad))
			if u <= l/2 && v <= w/2 && qu*qu+qv*qv <= rad*rad {
				c.pix[y*c.w+x] = col
			}
		}
	}
}

// night is a street at night: a dark sky over dark buildings, a few lit
// windows, a street lamp's glow and a car's tail lights. Nothing in it is
// a document.
func night(w, h int, r *rand.Rand) *canvas {
	c := newCanvas(w, h)
	n := newValueNoise(r, w, h, 40*float64(max(w, h))/1600)
	sky := 0.35 + 0.25*r.Float64()
	for y := range h {
		for x := range w {
			t := float32(y) / float32(h)
			c.pix[y*w+x] = mix(hex("#0b1024"), hex("#1c1a22"), t*0.8+0.2*n.at(float64(x), float64(y)))
		}
	}
	// Buildings: dark blocks rising from the bottom, lit windows in some.
	x := 0
	for x < w {
		bw := int(float64(w) * (0.1 + 0.15*r.Float64()))
		top := int(float64(h) * (sky + 0.3*r.Float64()))
		col := mix(hex("#121216"), hex("#1e1c1c"), float32(r.Float64()))
		c.fillRect(x, top, min(w, x+bw), h, col)
		ww, wh := max(3, bw/9), max(3, int(float64(h)*0.025))
		for wy := top + wh; wy+wh < h; wy += 2 * wh {
			for wx := x + ww; wx+ww < x+bw; wx += 2 * ww {
				if r.Float64() < 0.25 {
					c.fillRect(wx, wy, wx+ww, wy+wh, mix(hex("#f2c46a"), hex("#fff1c9"), float32(r.Float64())))
				}
			}
		}
		x += bw
	}
	// A street lamp: a bright core with a wide glow.
	lx, ly := float64(w)*(0.2+0.6*r.Float64()), float64(h)*(0.3+0.3*r.Float64())
	lr := 0.02 * float64(min(w, h))
	for y := range h {
		for x := range w {
			d := math.Hypot(float64(x)-lx, float64(y)-ly) / lr
			g := float32(400*math.Exp(-d*d) + 60*math.Exp(-d/6))
			p := &c.pix[y*w+x]
			p[0], p[1], p[2] = p[0]+g, p[1]+g*0.85, p[2]+g*0.6
		}
	}
	// Tail lights low in the frame.
	ty := int(float64(h) * (0.85 + 0.08*r.Float64()))
	tx := int(float64(w) * (0.2 + 0.5*r.Float64()))
	s := max(3, w/120)
	c.fillRect(tx, ty, tx+2*s, ty+s, hex("#ff3020"))
	c.fillRect(tx+12*s, ty, tx+14*s, ty+s, hex("#ff3020"))
	return c
}

// office is a desk seen from above with a keyboard across it, partly out
// of the frame, its keys a grid of light caps with letters, and a mouse:
// straight edges, a rectangle of the size of a document and print-like
// strokes, but no document.
func office(c *canvas, r *rand.Rand) {
	m := float64(min(c.w, c.h))
	kw, kh := 0.95*float64(c.w), 0.36*m
	kx := float64(c.w)*(0.02+0.15*r.Float64()) - 0.05*float64(c.w)
	ky := float64(c.h) * (0.15 + 0.35*r.Float64())
	body, cap, ink := hex("#2a2b2e"), hex("#e8e8e4"), hex("#303236")
	if r.IntN(2) == 0 {
		body, cap, ink = hex("#cfd0cc"), hex("#f4f4f1"), hex("#4a4c50")
	}
	c.fillRect(int(kx), int(ky), int(kx+kw), int(ky+kh), body)
	rows := []string{"1234567890", "QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM"}
	pitch := kh / 5
	for ri, row := range rows {
		y0 := ky + pitch*0.5 + float64(ri)*pitch
		for ki := 0; ki < 14; ki++ {
			x0 := kx + pitch*0.4 + float64(ri)*pitch*0.3 + float64(ki)*pitch
			if x0+pitch > kx+kw {
				break
			}
			c.fillRect(int(x0), int(y0), int(x0+0.86*pitch), int(y0+0.86*pitch), cap)
			if ki < len(row) {
				c.text(regular, row[ki:ki+1], x0+0.18*pitch, y0+0.5*pitch, 0.3*pitch, ink)
			}
		}
	}
	// The space bar.
	sy := ky + pitch*0.5 + 4*pitch
	c.fillRect(int(kx+4*pitch), int(sy), int(kx+10*pitch), int(sy+0.7*pitch), cap)
	// A mouse beside it.
	slab(c, geom.Pt{X: float64(c.w) * (0.75 + 0.15*r.Float64()), Y: ky + kh + 0.22*m},
		0.2*m, 0.12*m, math.Pi/2+0.3*r.Float64(), body, 0.06*m)
}
