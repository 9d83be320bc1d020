package synth

import (
	"math"
	"math/rand/v2"
)

// White cards whose ground a bright room clips to the sensor's white while
// their print keeps its contrast, for the families of white cards on light
// desks (session 9). Their coloured parts are bands and a code block, so
// that a clipped area of ground runs between print, as on real cards.

// whiteBands: a white identity card with a saffron header fading into the
// white, a green rule under it, a red band at its foot, the portrait on the
// left, a square code block on the right and a large number.
func whiteBands(c *canvas, portrait *canvas, r *rand.Rand) {
	gradient(c, hex("#fbfbf8"), hex("#f6f6f2"))
	h := float64(c.h)
	head := int(0.22 * h)
	for y := range head {
		t := float32(y) / float32(head)
		col := mix(hex("#f6b26b"), hex("#fbfbf8"), t*t)
		for x := range c.w {
			c.pix[y*c.w+x] = col
		}
	}
	c.fillRect(0, head, c.w, head+int(0.018*h), hex("#2e8b3a"))
	c.fillRect(0, int(0.9*h), c.w, c.h, hex("#c8282c"))
	ink := hex("#151515")
	c.text(regular, "GOVERNMENT IDENTITY AUTHORITY", 0.3*h, 0.12*h, 0.05*h, ink)
	pw, ph := int(0.38*h), int(0.46*h)
	c.paste(portrait, int(0.06*h), int(0.3*h), pw, ph)
	x := 0.52 * h
	c.text(regular, "LI XIAOMING", x, 0.36*h, 0.05*h, ink)
	c.text(regular, "DOB  20/11/1986", x, 0.46*h, CapFrac*h, ink)
	c.text(regular, "SEX  MALE", x, 0.54*h, CapFrac*h, ink)
	c.text(regular, "ISSUED  01/03/2019", x, 0.62*h, CapFrac*h, ink)
	c.text(mono, "4471 9038 2216", x, 0.8*h, 0.065*h, ink)
	codeBlock(c, float64(c.w)-0.33*h, 0.3*h, 0.26*h, r)
}

// whiteBack: the back of a white card: an address block, a code block
// and the number, no portrait.
func whiteBack(c *canvas, _ *canvas, r *rand.Rand) {
	gradient(c, hex("#fbfbf8"), hex("#f4f4f0"))
	h := float64(c.h)
	ink := hex("#181818")
	c.fillRect(0, int(0.05*h), c.w, int(0.07*h), hex("#2e8b3a"))
	c.text(regular, "ADDRESS", 0.06*h, 0.2*h, 0.045*h, ink)
	c.text(regular, "88 WUKANG ROAD, XUHUI DISTRICT", 0.06*h, 0.3*h, CapFrac*h, ink)
	c.text(regular, "SHANGHAI 200031", 0.06*h, 0.38*h, CapFrac*h, ink)
	c.text(regular, "HELPLINE 1947   WWW.EXAMPLE.GOV", 0.06*h, 0.46*h, CapFrac*h, ink)
	c.text(mono, "4471 9038 2216", 0.06*h, 0.82*h, 0.065*h, ink)
	codeBlock(c, float64(c.w)-0.5*h, 0.18*h, 0.42*h, r)
}

// codeBlock draws a square two-dimensional code of side s at (x, y):
// random black modules in a 25×25 grid with three finder squares.
func codeBlock(c *canvas, x, y, s float64, r *rand.Rand) {
	const n = 25
	m := s / n
	finder := func(i, j int) (bool, bool) {
		for _, o := range [][2]int{{0, 0}, {n - 7, 0}, {0, n - 7}} {
			u, v := i-o[0], j-o[1]
			if u >= 0 && u < 7 && v >= 0 && v < 7 {
				ring := max(abs(u-3), abs(v-3))
				return true, ring != 2
			}
		}
		return false, false
	}
	for j := range n {
		for i := range n {
			in, dark := finder(i, j)
			if !in {
				dark = r.IntN(2) == 0
			}
			if !dark {
				continue
			}
			c.fillRect(int(x+float64(i)*m), int(y+float64(j)*m), int(math.Ceil(x+float64(i+1)*m)), int(math.Ceil(y+float64(j+1)*m)), hex("#101010"))
		}
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
