package synth

import (
	"math"
	"math/rand/v2"
)

// An open passport booklet lies sideways in its artwork: two 125 × 88 mm
// pages side by side, the inner page on the left and the data page on
// the right (turned a quarter left, so that the booklet stood upright
// shows it upright below the inner page), inside a burgundy cover 3 mm
// wider all round, with a shaded fold between them.
const (
	bookletW, bookletH = 2*88 + 6, 125 + 6 // mm
	bookletAspect      = float64(bookletW) / bookletH
)

// bookletPage is the data page's corners in the artwork, in the page's
// own order: its top-left is at the bottom-left of the right half.
var bookletPage = [4][2]float64{
	{91.0 / bookletW, 128.0 / bookletH}, {91.0 / bookletW, 3.0 / bookletH},
	{179.0 / bookletW, 3.0 / bookletH}, {179.0 / bookletW, 128.0 / bookletH},
}

// pageTints are the booklet pages' grounds: green, blue and lilac.
var pageTints = [][2]rgb{
	{hex("#e3efe3"), hex("#cfe2d2")},
	{hex("#e2ebf5"), hex("#ccdaeb")},
	{hex("#ece4f2"), hex("#dcd0e8")},
}

func booklet(c *canvas, portrait *canvas, r *rand.Rand) {
	mm := float64(c.w) / bookletW
	tint := pick(r, pageTints)
	cover := mix(hex("#5e1b2a"), hex("#4a1420"), float32(r.Float64()))
	c.fillRect(0, 0, c.w, c.h, cover)
	x0, y0 := int(3*mm), int(3*mm)
	pw, ph := int(88*mm), int(125*mm)
	// The inner page: guilloche waves in the tint, a line of print.
	inner := newCanvas(pw, ph)
	gradient(inner, tint[0], tint[1])
	line := mix(tint[1], hex("#8a9aa8"), 0.35)
	for y := range ph {
		for x := range pw {
			fx, fy := float64(x)/mm, float64(y)/mm
			v := math.Sin(fy/1.6 + 2.5*math.Sin(fx/9))
			if t := float32(math.Max(0, math.Abs(v)-0.9) / 0.1); t > 0 {
				inner.pix[y*pw+x] = mix(inner.pix[y*pw+x], line, t)
			}
		}
	}
	ink := hex("#2a3440")
	inner.text(regular, "OBSERVATIONS", 8*mm, 14*mm, 3.2*mm, ink)
	inner.text(regular, "THE BEARER IS A CITIZEN", 8*mm, 24*mm, 2*mm, ink)
	c.paste(inner, x0, y0, pw, ph)
	// The data page, drawn upright, turned a quarter left into place.
	page := newCanvas(ph, pw)
	dataPage(page, portrait, tint[0], tint[1])
	px0 := x0 + pw
	for y := range ph {
		for x := range pw {
			// Artwork (x, y) of the right half shows page (ph-1-y, x).
			c.pix[(y0+y)*c.w+px0+x] = page.pix[x*ph+(ph-1-y)]
		}
	}
	// The fold: the pages curve down into it, darker towards it.
	fold := float64(px0)
	for y := y0; y < y0+ph; y++ {
		for x := x0; x < px0+pw && x < c.w; x++ {
			d := math.Abs(float64(x)-fold) / mm
			k := float32(1 - 0.35*math.Exp(-d*d/(2*2.2*2.2)))
			p := &c.pix[y*c.w+x]
			p[0], p[1], p[2] = p[0]*k, p[1]*k, p[2]*k
		}
	}
}

// euLicence: a European driving licence's front. A ground shading from
// pink to pale green with fine wavy lines, the blue EU block with its
// ring of stars and the country's letter at the top left, a grey portrait
// on the left and numbered fields.
func euLicence(c *canvas, portrait *canvas, _ *rand.Rand) {
	h := float64(c.h)
	pinkC, yel, grn := hex("#f4c9d6"), hex("#f6e8cf"), hex("#d3ead2")
	for y := range c.h {
		for x := range c.w {
			t := float32(x) / float32(c.w)
			col := mix(pinkC, yel, min(1, 2*t))
			if t > 0.5 {
				col = mix(yel, grn, 2*t-1)
			}
			fx, fy := float64(x), float64(y)
			v := math.Sin(fy/(0.012*h) + 2*math.Sin(fx/(0.08*h)))
			if k := float32(math.Max(0, math.Abs(v)-0.92) / 0.08); k > 0 {
				col = mix(col, mix(col, hex("#c58aa0"), 0.5), k)
			}
			c.pix[y*c.w+x] = col
		}
	}
	// The EU block.
	bw, bh := int(0.2*h), int(0.26*h)
	bx, by := int(0.04*h), int(0.04*h)
	c.fillRect(bx, by, bx+bw, by+bh, hex("#1f3f93"))
	cx, cy, rr := float64(bx)+float64(bw)/2, float64(by)+0.42*float64(bh), 0.07*h
	for k := range 12 {
		a := float64(k) * math.Pi / 6
		sx, sy := cx+rr*math.Cos(a), cy+rr*math.Sin(a)
		for y := int(sy) - 4; y <= int(sy)+4; y++ {
			for x := int(sx) - 4; x <= int(sx)+4; x++ {
				if math.Hypot(float64(x)-sx, float64(y)-sy) < 0.012*h && x >= 0 && y >= 0 && x < c.w && y < c.h {
					c.pix[y*c.w+x] = hex("#f3d23a")
				}
			}
		}
	}
	c.text(regular, "D", cx-0.025*h, float64(by+bh)-0.03*h, 0.06*h, hex("#f0f0f0"))
	red := hex("#b8304a")
	c.text(regular, "DRIVING LICENCE", 0.3*h, 0.12*h, 0.06*h, red)
	c.text(regular, "FUEHRERSCHEIN  PERMIS DE CONDUIRE", 0.3*h, 0.22*h, 0.035*h, red)
	// A grey portrait on the left, the fields beside it.
	g := newCanvas(portrait.w, portrait.h)
	for i, p := range portrait.pix {
		l := 0.299*p[0] + 0.587*p[1] + 0.114*p[2]
		g.pix[i] = rgb{l, l, l}
	}
	pw, ph := int(0.4*h), int(0.5*h)
	c.paste(g, int(0.05*h), int(0.36*h), pw, ph)
	x := 0.52 * h
	ink := hex("#1c1c2a")
	c.text(regular, "1. LI", x, 0.4*h, 0.045*h, ink)
	c.text(regular, "2. XIAOMING", x, 0.49*h, 0.045*h, ink)
	c.text(regular, "3. 20.11.1986  SHANGHAI", x, 0.58*h, CapFrac*h, ink)
	c.text(regular, "4a. 01.03.2019  4b. 28.02.2034", x, 0.66*h, CapFrac*h, ink)
	c.text(regular, "4c. LANDRATSAMT", x, 0.74*h, CapFrac*h, ink)
	c.text(mono, "5. B072RXO3215", x, 0.84*h, 0.05*h, ink)
	c.text(regular, "9. AM/A1/B/L", x, 0.93*h, CapFrac*h, ink)
}

// whiteHologram: a white card with a rainbow hologram strip down its
// left third, its colours changing along the strip.
func whiteHologram(c *canvas, portrait *canvas, r *rand.Rand) {
	gradient(c, hex("#f8f8f5"), hex("#efefeb"))
	h := float64(c.h)
	x0, x1 := int(0.02*float64(c.w)), int(0.02*float64(c.w)+0.14*h)
	ph := r.Float64() * 2 * math.Pi
	for y := range c.h {
		for x := x0; x < x1; x++ {
			a := float64(y)/(0.25*h) + float64(x-x0)/(0.05*h) + ph
			holo := rgb{
				float32(200 + 50*math.Sin(a)),
				float32(200 + 50*math.Sin(a+2.1)),
				float32(200 + 50*math.Sin(a+4.2)),
			}
			c.pix[y*c.w+x] = mix(c.pix[y*c.w+x], holo, 0.7)
		}
	}
	frontLines(c, 0.06*h+float64(x1), hex("#1a1a1a"))
	pw, phh := int(0.42*h), int(0.52*h)
	c.paste(portrait, c.w-pw-int(0.07*h), int(0.2*h), pw, phh)
}
