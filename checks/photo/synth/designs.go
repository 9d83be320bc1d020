package synth

import (
	"math"
	"math/rand/v2"
)

// A Design is one kind of document artwork. Every design prints its
// smallest text with a cap height of CapFrac of the document's short side,
// so the readability rule (see Label) has one number to work with.
type Design struct {
	Name string
	// Kind is the photo kind the design is a good photo of: id_front,
	// id_back or passport.
	Kind string
	// Aspect is long side / short side: 85.6/54 for ID-1 cards, 125/88
	// for a passport data page.
	Aspect float64
	// Dark is true for designs whose background is dark (navy, green,
	// black): the exposure check must not take the card's colour for
	// under-exposure.
	Dark bool
	// Page, when set, is the document a check must find inside the
	// artwork (an open booklet's data page), as shares of the artwork's
	// width and height: its own top-left, top-right, bottom-right and
	// bottom-left corners. PageTurn is how far (degrees) the page is
	// turned within the artwork.
	Page     *[4][2]float64
	PageTurn float64
	draw     func(c *canvas, portrait *canvas, r *rand.Rand)
}

// CapFrac is the cap height of every design's smallest text as a share of
// the document's short side (about 1.6 mm on a 54 mm card).
const CapFrac = 0.03

const (
	cardAspect     = 85.6 / 54
	passportAspect = 125.0 / 88
)

// Designs lists the document artwork: dark, light, two-tone, patterned,
// a passport data page with its MRZ band, and a card back.
var Designs = []Design{
	{Name: "beige", Kind: "id_front", Aspect: cardAspect, draw: frontDesign(hex("#f2e6d8"), hex("#e0cfbd"), hex("#222222"), hex("#7a2020"))},
	{Name: "navy", Kind: "id_front", Aspect: cardAspect, Dark: true, draw: frontDesign(hex("#1d2c4f"), hex("#14203a"), hex("#f0f0f0"), hex("#d4b35a"))},
	{Name: "green", Kind: "id_front", Aspect: cardAspect, Dark: true, draw: frontDesign(hex("#1f4a33"), hex("#163826"), hex("#ece4cc"), hex("#c9a94a"))},
	{Name: "black", Kind: "id_front", Aspect: cardAspect, Dark: true, draw: frontDesign(hex("#1a1a1a"), hex("#0e0e0e"), hex("#cfcfcf"), hex("#8a8a8a"))},
	{Name: "pink", Kind: "id_front", Aspect: cardAspect, draw: frontDesign(hex("#f6ccd6"), hex("#efbfcb"), hex("#3a1d27"), hex("#b0405a"))},
	{Name: "white", Kind: "id_front", Aspect: cardAspect, draw: frontDesign(hex("#f7f6f2"), hex("#ecebe6"), hex("#1a1a1a"), hex("#2050a0"))},
	{Name: "twotone", Kind: "id_front", Aspect: cardAspect, draw: twoTone},
	{Name: "guilloche", Kind: "id_front", Aspect: cardAspect, draw: guilloche},
	{Name: "passport", Kind: "passport", Aspect: passportAspect, draw: passportPage},
	{Name: "back_band", Kind: "id_back", Aspect: cardAspect, draw: cardBack},
	{Name: "guilloche_fine", Kind: "id_front", Aspect: cardAspect, draw: guillocheFine},
	{Name: "halftone", Kind: "id_front", Aspect: cardAspect, draw: halftone},
	{Name: "halftone_cmyk", Kind: "id_front", Aspect: cardAspect, draw: halftoneCMYK},
	{Name: "burgundy", Kind: "id_front", Aspect: cardAspect, Dark: true, draw: frontDesign(hex("#5a1826"), hex("#46111d"), hex("#efe6d6"), hex("#c9a24a"))},
	// Added for the locator's fifth round: an open passport booklet (the
	// data page is the document), a pink-and-green European driving
	// licence, and a white card with a rainbow hologram strip.
	{Name: "booklet", Kind: "passport", Aspect: bookletAspect, draw: booklet, Page: &bookletPage, PageTurn: -90},
	{Name: "eu_licence", Kind: "id_front", Aspect: cardAspect, draw: euLicence},
	{Name: "white_holo", Kind: "id_front", Aspect: cardAspect, draw: whiteHologram},
	// Added for white cards on light desks (session 9): a white card with
	// coloured bands and a code block, and a white card's back.
	{Name: "white_bands", Kind: "id_front", Aspect: cardAspect, draw: whiteBands},
	{Name: "white_back", Kind: "id_back", Aspect: cardAspect, draw: whiteBack},
	// Added for session 9: a card printed upright on its short side, and
	// two mid-tone cards about as bright as a wooden desk (told apart from
	// it by colour).
	{Name: "vertical", Kind: "id_front", Aspect: cardAspect, draw: vertical, Page: &verticalPage, PageTurn: -90},
	{Name: "mid_green", Kind: "id_front", Aspect: cardAspect, draw: frontDesign(hex("#4a7a55"), hex("#416d4b"), hex("#f2efe2"), hex("#e0c060"))},
	{Name: "terracotta", Kind: "id_front", Aspect: cardAspect, draw: frontDesign(hex("#a4553d"), hex("#944b35"), hex("#fbf1e4"), hex("#f0d080"))},
}

// DesignNamed returns the design called name.
func DesignNamed(name string) Design {
	for _, d := range Designs {
		if d.Name == name {
			return d
		}
	}
	panic("synth: no design " + name)
}

// render draws the design at short side h pixels.
func (d Design) render(h int, portrait *canvas, r *rand.Rand) *canvas {
	c := newCanvas(int(math.Round(float64(h)*d.Aspect)), h)
	d.draw(c, portrait, r)
	return c
}

func gradient(c *canvas, top, bottom rgb) {
	for y := range c.h {
		col := mix(top, bottom, float32(y)/float32(c.h))
		for x := range c.w {
			c.pix[y*c.w+x] = col
		}
	}
}

// frontLines prints the usual fields; the smallest line has cap CapFrac.
func frontLines(c *canvas, x0 float64, ink rgb) {
	h := float64(c.h)
	small := CapFrac * h
	c.text(regular, "IDENTITY CARD", x0, 0.13*h, 0.06*h, ink)
	c.text(regular, "SURNAME  LI", x0, 0.27*h, 0.045*h, ink)
	c.text(regular, "GIVEN NAMES  XIAOMING", x0, 0.37*h, 0.045*h, ink)
	c.text(regular, "DATE OF BIRTH  1986-11-20   SEX  M", x0, 0.47*h, small, ink)
	c.text(regular, "ADDRESS  88 WUKANG ROAD, XUHUI DISTRICT", x0, 0.56*h, small, ink)
	c.text(regular, "ISSUED  2019-03-01   EXPIRES  2039-03-01", x0, 0.65*h, small, ink)
	c.text(mono, "310104198611204572", x0, 0.88*h, 0.06*h, ink)
}

func frontDesign(top, bottom, ink, accent rgb) func(*canvas, *canvas, *rand.Rand) {
	return func(c *canvas, portrait *canvas, _ *rand.Rand) {
		gradient(c, top, bottom)
		h := float64(c.h)
		// An accent rule under the title.
		c.fillRect(int(0.05*h), int(0.16*h), int(float64(c.w)*0.6), int(0.17*h), accent)
		frontLines(c, 0.06*h, ink)
		pw, ph := int(0.42*h), int(0.52*h)
		c.paste(portrait, c.w-pw-int(0.07*h), int(0.2*h), pw, ph)
	}
}

func twoTone(c *canvas, portrait *canvas, _ *rand.Rand) {
	band := int(0.36 * float64(c.h))
	gradient(c, hex("#f8f8f4"), hex("#f8f8f4"))
	c.fillRect(0, band, c.w, c.h, hex("#6f9cc6"))
	h := float64(c.h)
	ink := hex("#10202c")
	c.text(regular, "RESIDENCE PERMIT", 0.06*h, 0.14*h, 0.07*h, ink)
	c.text(regular, "NAME  LI XIAOMING", 0.06*h, 0.27*h, CapFrac*h, ink)
	c.text(regular, "NATIONALITY  CHN     DATE OF BIRTH  1986-11-20", 0.06*h, 0.5*h, CapFrac*h, ink)
	c.text(regular, "PERMIT TYPE  WORK     VALID UNTIL  2031-03-01", 0.06*h, 0.6*h, CapFrac*h, ink)
	c.text(mono, "RP 4471 9038 2216", 0.06*h, 0.86*h, 0.06*h, ink)
	pw, ph := int(0.42*h), int(0.52*h)
	c.paste(portrait, c.w-pw-int(0.07*h), int(0.4*h), pw, ph)
}

func guilloche(c *canvas, portrait *canvas, _ *rand.Rand) {
	base, line := hex("#dde9f2"), hex("#9fbdd6")
	h := float64(c.h)
	period := 0.018 * h
	for y := range c.h {
		for x := range c.w {
			fx, fy := float64(x), float64(y)
			// Interleaved sine rosettes, as security printing does.
			v := math.Sin(fy/period+3*math.Sin(fx/(0.11*h))) * math.Sin(fx/(1.3*period)+2*math.Cos(fy/(0.09*h)))
			t := float32(math.Max(0, math.Abs(v)-0.85) / 0.15)
			c.pix[y*c.w+x] = mix(base, line, t)
		}
	}
	frontLines(c, 0.06*h, hex("#132436"))
	pw, ph := int(0.42*h), int(0.52*h)
	c.paste(portrait, c.w-pw-int(0.07*h), int(0.2*h), pw, ph)
}

func passportPage(c *canvas, portrait *canvas, _ *rand.Rand) {
	dataPage(c, portrait, hex("#e6eee9"), hex("#d3e0da"))
}

// dataPage is a passport's data page on a ground shading from top to
// bottom.
func dataPage(c *canvas, portrait *canvas, top, bottom rgb) {
	gradient(c, top, bottom)
	h := float64(c.h)
	ink := hex("#1c2a3a")
	// The machine-readable zone sits on a plain white band.
	band := int(0.72 * h)
	c.fillRect(0, band, c.w, c.h, hex("#fdfdfb"))
	pw, ph := int(0.4*h), int(0.5*h)
	c.paste(portrait, int(0.05*h), int(0.12*h), pw, ph)
	x := 0.52 * h
	c.text(regular, "PASSPORT   P   CHN   E12345678", x, 0.11*h, 0.04*h, ink)
	c.text(regular, "SURNAME  LI", x, 0.21*h, 0.04*h, ink)
	c.text(regular, "GIVEN NAMES  XIAOMING", x, 0.3*h, 0.04*h, ink)
	c.text(regular, "NATIONALITY  CHINESE   SEX  M", x, 0.38*h, CapFrac*h, ink)
	c.text(regular, "DATE OF BIRTH  20 NOV 1986", x, 0.46*h, CapFrac*h, ink)
	c.text(regular, "DATE OF EXPIRY  01 MAR 2031", x, 0.54*h, CapFrac*h, ink)
	c.text(regular, "AUTHORITY  MPS EXIT & ENTRY ADMINISTRATION", x, 0.62*h, CapFrac*h, ink)
	c.text(mono, "P<CHNLI<<XIAOMING<<<<<<<<<<<<<<<<<<<<<<<<<", 0.04*h, 0.83*h, 0.045*h, ink)
	c.text(mono, "E123456784CHN8611203M3103014<<<<<<<<<<<<<<04", 0.04*h, 0.94*h, 0.045*h, ink)
}

// cardBack: a light band across the top (as many card backs have for a
// signature or a chip) and no portrait.
func cardBack(c *canvas, _ *canvas, _ *rand.Rand) {
	gradient(c, hex("#e9dcc9"), hex("#dccab2"))
	h := float64(c.h)
	c.fillRect(0, int(0.08*h), c.w, int(0.34*h), hex("#faf8f3"))
	ink := hex("#2a2420")
	c.text(regular, "PEOPLE'S REPUBLIC OF CHINA", 0.06*h, 0.25*h, 0.06*h, ink)
	c.text(regular, "ISSUED BY  XUHUI PUBLIC SECURITY BUREAU", 0.06*h, 0.55*h, CapFrac*h, ink)
	c.text(regular, "VALID  2019.03.01 - 2039.03.01", 0.06*h, 0.65*h, CapFrac*h, ink)
	c.text(mono, "IDCHN3101041986112045722<<<<<", 0.06*h, 0.86*h, 0.05*h, ink)
	// A round seal.
	cx, cy, rr := float64(c.w)-0.3*h, 0.62*h, 0.17*h
	for y := range c.h {
		for x := range c.w {
			d := math.Hypot(float64(x)-cx, float64(y)-cy)
			if math.Abs(d-rr) < 0.012*h {
				c.pix[y*c.w+x] = hex("#a83030")
			}
		}
	}
}

// guillocheFine: security line work a quarter of a millimetre apart
// (0.5 % of the card's short side), waved so the period wanders, over
// the whole card.
func guillocheFine(c *canvas, portrait *canvas, r *rand.Rand) {
	base, line := hex("#efe7d6"), hex("#b59a74")
	h := float64(c.h)
	period := 0.005 * h
	a1, a2 := 0.015*h*(0.7+0.6*r.Float64()), 0.01*h*(0.7+0.6*r.Float64())
	for y := range c.h {
		for x := range c.w {
			fx, fy := float64(x), float64(y)
			v := math.Sin(2 * math.Pi * (fy + a1*math.Sin(fx/(0.07*h)) + a2*math.Cos(fx/(0.023*h)+fy/(0.05*h))) / period)
			t := float32(math.Max(0, v-0.4) / 0.6)
			c.pix[y*c.w+x] = mix(base, line, t)
		}
	}
	frontLines(c, 0.06*h, hex("#2a1e12"))
	pw, ph := int(0.42*h), int(0.52*h)
	c.paste(portrait, c.w-pw-int(0.07*h), int(0.2*h), pw, ph)
}

// halftone: a card printed offset in halftone dots at 45°, 100–175 lines
// per inch on a 54 mm card: a tinted ground in dots of one ink, the text
// solid over it.
func halftone(c *canvas, portrait *canvas, r *rand.Rand) {
	h := float64(c.h)
	lpi := pick(r, []float64{100, 133, 150, 175})
	period := h / (54 / 25.4 * lpi)
	paper := hex("#fbfaf6")
	tintInk, tint := pick(r, []rgb{hex("#3f8fc0"), hex("#c04f6a"), hex("#5a9a5a")}), 0.25+0.2*r.Float64()
	ang := math.Pi / 4
	ca, sa := math.Cos(ang), math.Sin(ang)
	// dot reports whether (x, y) is inked at coverage cov (0–1): round
	// dots on a lattice turned 45°.
	dot := func(x, y, cov float64) bool {
		u, v := (x*ca+y*sa)/period, (-x*sa+y*ca)/period
		du, dv := u-math.Floor(u)-0.5, v-math.Floor(v)-0.5
		return du*du+dv*dv < cov/math.Pi
	}
	for y := range c.h {
		for x := range c.w {
			col := paper
			if dot(float64(x)+0.5, float64(y)+0.5, tint) {
				col = tintInk
			}
			c.pix[y*c.w+x] = col
		}
	}
	frontLines(c, 0.06*h, hex("#15151a"))
	// The portrait is printed apart (dye sublimation), in continuous tone.
	pw, ph := int(0.42*h), int(0.52*h)
	c.paste(portrait, c.w-pw-int(0.07*h), int(0.2*h), pw, ph)
}

// halftoneCMYK: a card printed offset in four inks, 100–175 lpi, every
// part of it (ground, print, portrait) screened at the usual angles (cyan
// 15°, magenta 75°, yellow 0°, black 45°), so overlapping dots form
// rosettes and the colour changes from dot to dot: print whose fine
// chroma does not follow its luma, as a screen's does not.
func halftoneCMYK(c *canvas, portrait *canvas, r *rand.Rand) {
	h := float64(c.h)
	lpi := pick(r, []float64{100, 133, 150, 175})
	period := h / (54 / 25.4 * lpi)
	// The artwork in continuous tone first: a pastel ground, the fields,
	// the portrait.
	ground := pick(r, [][2]rgb{
		{hex("#d7ecf3"), hex("#bcdbe8")}, {hex("#f5e3c8"), hex("#e9cfa8")},
		{hex("#e2f0d9"), hex("#c9e2bb")}, {hex("#f3dbe6"), hex("#e6c2d3")},
	})
	gradient(c, ground[0], ground[1])
	c.fillRect(int(0.05*h), int(0.16*h), int(float64(c.w)*0.6), int(0.17*h), hex("#b0405a"))
	frontLines(c, 0.06*h, hex("#1a1a2a"))
	pw, ph := int(0.42*h), int(0.52*h)
	c.paste(portrait, c.w-pw-int(0.07*h), int(0.2*h), pw, ph)
	// Then screened: each ink's coverage from the colour (grey
	// component replaced by black), a round dot per cell of its own
	// lattice; the inks filter the paper's light one after another.
	angles := [4]float64{15, 75, 0, 45}
	var cs, sn [4]float64
	for k, a := range angles {
		cs[k], sn[k] = math.Cos(a*math.Pi/180), math.Sin(a*math.Pi/180)
	}
	inks := [4]rgb{{0.0, 0.66, 0.93}, {0.92, 0.0, 0.55}, {1, 0.93, 0.0}, {0.12, 0.12, 0.14}}
	paper := hex("#fbfaf6")
	for y := range c.h {
		for x := range c.w {
			p := c.pix[y*c.w+x]
			cy, mg, ye := 1-float64(p[0])/255, 1-float64(p[1])/255, 1-float64(p[2])/255
			k := min(cy, mg, ye)
			cov := [4]float64{cy - k, mg - k, ye - k, k}
			o := paper
			for i := range 4 {
				if cov[i] <= 0.01 {
					continue
				}
				fx, fy := float64(x)+0.5, float64(y)+0.5
				u, v := (fx*cs[i]+fy*sn[i])/period, (-fx*sn[i]+fy*cs[i])/period
				du, dv := u-math.Floor(u)-0.5, v-math.Floor(v)-0.5
				if cov[i] >= 0.97 || du*du+dv*dv < cov[i]/math.Pi {
					for ch := range 3 {
						o[ch] *= inks[i][ch]
					}
				}
			}
			c.pix[y*c.w+x] = o
		}
	}
}
