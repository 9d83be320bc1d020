// Package synth renders the photo checks' calibration corpus: documents of
// many designs photographed on many surfaces, with phone-like sensor noise
// and sharpening on every photo, perspective, rotation, defocus and motion
// series, exposure errors, glare, several documents, no document, a
// document on a screen, and selfies. Every photo is a pure function of its
// Spec (seeded randomness, no clock, no files), so the corpus is the same
// on every machine and need not be committed.
package synth

import (
	"bytes"
	_ "embed"
	"image"
	"image/jpeg"
	"math"
	"math/rand/v2"
	"sync"

	"github.com/kycd/kycd/checks/photo/internal/geom"
)

// face.jpg is a head-and-shoulders crop of the astronaut photograph from
// python3-skimage (public domain, NASA), as in the photo checks' fixtures.
//
//go:embed face.jpg
var faceJPEG []byte

// Portrait is the face the generated documents and selfies show, for other
// generators (checks/ocr/synth) that draw a card's portrait.
func Portrait() image.Image {
	m, err := jpeg.Decode(bytes.NewReader(faceJPEG))
	if err != nil {
		panic(err)
	}
	return m
}

var portrait = sync.OnceValue(func() *canvas {
	m, err := jpeg.Decode(bytes.NewReader(faceJPEG))
	if err != nil {
		panic(err)
	}
	return fromImage(m)
})

// Spec describes one photo.
type Spec struct {
	Name   string // unique within a corpus; the file name without extension
	Family string // the family it belongs to (docs/photo-checks.md)
	Kind   string // the kind it is checked as: id_front, id_back, passport, selfie

	W, H    int
	Surface string
	Design  string
	Docs    []Placement // documents in the photo (none: no document)

	Screen bool // the document is shown on a screen and photographed
	// ScreenPitch is the screen's pixel pitch in photo pixels: 4–7 shows
	// the subpixel grid plainly, below ~1.5 the camera cannot resolve it
	// and aliases it into moiré.
	ScreenPitch float64
	Bezel       bool // the screen's frame is in the picture
	// PenTile: the screen's subpixels are two a pixel, green on the
	// right and red or blue (in a checkerboard) on the left, as on many
	// OLED phones, instead of R, G, B stripes.
	PenTile bool
	Cup     bool // a coffee cup and saucer on the desk
	// Scene replaces the desk: "objects" (a cup, a plate, a pen and a
	// phone face down on a desk) or "night" (a street at night).
	Scene string

	Selfie    bool
	FaceWidth float64 // selfie: face crop width as a share of the photo's width
	Wall      string  // selfie background colour (#rrggbb)
	// FaceStops: a flash or a lamp close to the face over-exposes it by
	// this many stops while the wall behind keeps the room's light.
	FaceStops float64
	Backlit   bool // selfie in front of a bright window, face in shade
	// Window: a bright window beside the person (a third of the frame's
	// width, clipped), the face lit by the room.
	Window bool
	Stops  float64 // exposure error in stops (negative: under)
	Glare  []float64
	// Sheen is a broad, soft reflection that does not clip: {u, v,
	// radius, strength}, the centre in shares of the document's width and
	// height, the radius in shares of its short side, and the strength
	// the share of the way each pixel is pulled towards a pale grey at
	// the centre (the print washed out, not erased).
	Sheen []float64
	// Faces is the number of people in a selfie (0 or 1: one).
	Faces   int
	Defocus float64 // Gaussian blur sigma, photo pixels
	// Disc is a lens's defocus as it really is far from focus: every
	// point spread evenly over a disc of this radius (photo pixels).
	Disc        float64
	MotionLen   float64 // motion blur length, photo pixels
	MotionAngle float64 // degrees
	Noise       float64 // luma noise sigma at mid-grey, 0–255 units
	Sharpen     float64 // unsharp-mask amount (radius 1 px)
	Quality     int     // JPEG quality

	// Barrel is the lens's barrel distortion, k in lens.go: straight
	// lines bow outward, the more the further from the centre.
	Barrel float64
	// Hand: the document is held in a hand, a thumb over its edge.
	Hand bool
	// Held: the document is held up in the air by one corner before a
	// room far out of focus (no desk, no shadow), the thumb over the
	// corner and two fingers showing behind it.
	Held bool
	// HeldDesk: with Held, the card is held a hand's width above the
	// desk (Surface), which is seen sharp behind it with the card's soft
	// shadow, instead of before a room.
	HeldDesk bool

	Seed uint64

	// Labels: the verdict and the blocking code a correct check gives.
	Accepted bool
	Code     string
}

// DocShortPx is the projected short side of the first document in photo
// pixels (the shorter of its four sides).
func (s Spec) DocShortPx() float64 {
	if len(s.Docs) == 0 {
		return 0
	}
	q := quadOf(s.Docs[0], DesignNamed(s.Design).Aspect, s.W, s.H)
	return min(q.Side(0), q.Side(1), q.Side(2), q.Side(3))
}

// BlurSigma is the blur's standard deviation in photo pixels: defocus and
// motion (a box of length L has standard deviation L/√12) combined.
func (s Spec) BlurSigma() float64 {
	m := s.MotionLen / math.Sqrt(12)
	// A disc of radius R has a standard deviation of R/2 along any axis.
	d := s.Disc / 2
	return math.Sqrt(s.Defocus*s.Defocus + m*m + d*d)
}

// Legibility is the readability rule the corpus is labelled with: the
// smallest text line stays legible at 100 % while the blur's standard
// deviation is at most its cap height divided by LegibleCapsPerSigma.
// It returns the ratio blur / limit (≤ 1: legible).
func (s Spec) Legibility() float64 {
	capPx := CapFrac * s.DocShortPx()
	if capPx == 0 {
		return 0
	}
	return s.BlurSigma() / (capPx / LegibleCapsPerSigma)
}

// LegibleCapsPerSigma: see Legibility. At σ = cap/5 the strokes of a
// 1.6 mm line (about a fifth of the cap height wide) are smeared over their
// own width on each side, and 3/8 and 1/7 start to be confused.
const LegibleCapsPerSigma = 5

// Quad is where the first document's corners land in the photo: for a
// design with a Page (an open booklet), the page's corners in its own
// order; through the lens's barrel distortion when it has one.
func (s Spec) Quad() geom.Quad {
	if len(s.Docs) == 0 {
		return geom.Quad{}
	}
	d := DesignNamed(s.Design)
	q := quadOf(s.Docs[0], d.Aspect, s.W, s.H)
	if d.Page != nil {
		unit := geom.Quad{{X: 0, Y: 0}, {X: 1, Y: 0}, {X: 1, Y: 1}, {X: 0, Y: 1}}
		if hm, ok := geom.FromQuads(unit, q); ok {
			var p geom.Quad
			for k, c := range d.Page {
				p[k] = hm.Apply(geom.Pt{X: c[0], Y: c[1]})
			}
			q = p
		}
	}
	for k := range q {
		q[k] = s.lens(q[k])
	}
	return q
}

// PageAngle is the angle (degrees) the first document's own upright is
// turned by in the photo: its placement's angle, and the page's turn
// within the artwork.
func (s Spec) PageAngle() float64 {
	if len(s.Docs) == 0 {
		return 0
	}
	return s.Docs[0].Angle + DesignNamed(s.Design).PageTurn
}

// Render makes the JPEG of s.
func Render(s Spec) []byte {
	img := RenderImage(s)
	var b bytes.Buffer
	q := s.Quality
	if q == 0 {
		q = 90
	}
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: q}); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// RenderImage makes the picture of s before compression.
func RenderImage(s Spec) *image.RGBA {
	r := rand.New(rand.NewPCG(s.Seed, 0x6b796364))
	var c *canvas
	switch {
	case s.Selfie:
		c = selfie(s, r)
	case s.Screen:
		c = screen(s, r)
	case s.Scene == "night":
		c = night(s.W, s.H, r)
	case s.Held && len(s.Docs) > 0:
		shadow := 0.0
		if s.HeldDesk {
			c = surface(s.Surface, s.W, s.H, r)
			shadow = 2.5 // far from the desk: a wide, soft shadow
		} else {
			c = room(s.W, s.H, r)
		}
		d := DesignNamed(s.Design)
		q := quadOf(s.Docs[0], d.Aspect, s.W, s.H)
		hc := holdCorner(c, q, r)
		short := min(q.Side(0), q.Side(1), q.Side(2), q.Side(3))
		c.composite(d.render(int(math.Min(1400, short*1.3)), portrait(), r), q, shadow)
		hc.thumb(c, r)
	default:
		c = surface(s.Surface, s.W, s.H, r)
		if s.Cup {
			cup(c, r)
		}
		if s.Scene == "objects" {
			objects(c, r)
		}
		if s.Scene == "office" {
			office(c, r)
		}
		var hand handState
		if s.Hand && len(s.Docs) > 0 {
			hand = palm(c, s.Docs[0], DesignNamed(s.Design).Aspect, r)
		}
		for _, p := range s.Docs {
			d := DesignNamed(s.Design)
			if p.Design != "" {
				d = DesignNamed(p.Design)
			}
			q := quadOf(p, d.Aspect, s.W, s.H)
			short := min(q.Side(0), q.Side(1), q.Side(2), q.Side(3))
			doc := d.render(int(math.Min(1400, short*1.3)), portrait(), r)
			c.composite(doc, q, 1)
		}
		if s.Hand && len(s.Docs) > 0 {
			thumb(c, hand)
		}
		if len(s.Glare) == 3 && len(s.Docs) > 0 {
			c.glare(s.Quad(), s.Glare[0], s.Glare[1], s.Glare[2])
		}
		if len(s.Sheen) == 4 && len(s.Docs) > 0 {
			c.sheen(s.Quad(), s.Sheen[0], s.Sheen[1], s.Sheen[2], s.Sheen[3])
		}
		// Uneven room light: brighter towards one corner.
		lx, ly := r.Float64(), r.Float64()
		for y := range c.h {
			for x := range c.w {
				dx, dy := float64(x)/float64(c.w)-lx, float64(y)/float64(c.h)-ly
				k := float32(1.04 - 0.12*(dx*dx+dy*dy))
				p := &c.pix[y*c.w+x]
				p[0], p[1], p[2] = p[0]*k, p[1]*k, p[2]*k
			}
		}
	}
	// The lens, then the sensor, then the phone's processing.
	if s.Barrel != 0 {
		c = s.barrel(c)
	}
	c.gaussian(s.Defocus)
	c.disc(s.Disc)
	c.motion(s.MotionLen, s.MotionAngle)
	g := float32(math.Pow(2, s.Stops/2.2)) // exposure acts on linear light
	for i := range c.pix {
		p := &c.pix[i]
		p[0], p[1], p[2] = p[0]*g, p[1]*g, p[2]*g
	}
	if s.Noise > 0 {
		for i := range c.pix {
			p := &c.pix[i]
			// Shot noise grows with the signal; chroma noise is half the
			// luma noise after the phone's denoising.
			l := (p[0] + p[1] + p[2]) / 3
			sd := float32(s.Noise) * float32(math.Sqrt(0.3+0.7*math.Max(0, float64(l))/128))
			n := float32(r.NormFloat64()) * sd
			for k := range 3 {
				p[k] = min(255, max(0, p[k]+n+float32(r.NormFloat64())*sd*0.5))
			}
		}
	} else {
		for i := range c.pix {
			p := &c.pix[i]
			for k := range 3 {
				p[k] = min(255, max(0, p[k]))
			}
		}
	}
	c.sharpen(s.Sharpen, 1)
	return c.toRGBA()
}

// cup draws a coffee cup on a saucer seen from above.
func cup(c *canvas, r *rand.Rand) {
	cx, cy := float64(c.w)*(0.4+0.2*r.Float64()), float64(c.h)*(0.4+0.2*r.Float64())
	R := 0.22 * float64(min(c.w, c.h))
	for y := range c.h {
		for x := range c.w {
			d := math.Hypot(float64(x)-cx, float64(y)-cy)
			i := y*c.w + x
			switch {
			case d < 0.45*R:
				c.pix[i] = mix(hex("#3b2414"), hex("#5a3a22"), float32(d/(0.45*R)))
			case d < 0.55*R:
				c.pix[i] = hex("#f4f2ee")
			case d < 0.6*R:
				c.pix[i] = hex("#c9c6c0")
			case d < R:
				c.pix[i] = mix(hex("#efece7"), hex("#dcd8d1"), float32((d-0.6*R)/(0.4*R)))
			}
			// The handle.
			hx, hy := float64(x)-(cx+0.62*R), float64(y)-cy
			if math.Abs(hx) < 0.12*R && math.Abs(hy) < 0.06*R {
				c.pix[i] = hex("#f4f2ee")
			}
		}
	}
}

// selfie: a face on a plain wall, or in front of a bright window.
func selfie(s Spec, r *rand.Rand) *canvas {
	c := newCanvas(s.W, s.H)
	wall := hex(s.Wall)
	n := newValueNoise(r, s.W, s.H, 80)
	for y := range c.h {
		for x := range c.w {
			c.pix[y*c.w+x] = mix(wall, rgb{wall[0] * 0.9, wall[1] * 0.9, wall[2] * 0.9}, n.at(float64(x), float64(y)))
		}
	}
	if s.Backlit {
		// A window filling the upper background, far brighter than the
		// face: the phone exposes for the window.
		for y := range c.h * 3 / 4 {
			for x := range c.w {
				c.pix[y*c.w+x] = rgb{330, 335, 340}
			}
		}
	}
	if s.Window {
		for y := c.h / 10; y < c.h/2; y++ {
			for x := c.w * 11 / 20; x < c.w*9/10; x++ {
				c.pix[y*c.w+x] = rgb{330, 335, 340}
			}
		}
	}
	p := portrait()
	fw := int(s.FaceWidth * float64(s.W))
	fh := fw * p.h / p.w
	face := newCanvas(fw, fh)
	face.paste(p, 0, 0, fw, fh)
	if s.FaceStops != 0 {
		g := float32(math.Pow(2, s.FaceStops/2.2))
		for i := range face.pix {
			q := &face.pix[i]
			q[0], q[1], q[2] = q[0]*g, q[1]*g, q[2]*g
		}
	}
	if s.Backlit {
		for i := range face.pix {
			q := &face.pix[i]
			q[0], q[1], q[2] = q[0]*0.25, q[1]*0.25, q[2]*0.25
		}
	}
	put := func(face *canvas, x0, y0 int) {
		for y := range face.h {
			for x := range face.w {
				if x0+x >= 0 && x0+x < c.w && y0+y >= 0 && y0+y < c.h {
					c.pix[(y0+y)*c.w+x0+x] = face.pix[y*face.w+x]
				}
			}
		}
	}
	if s.Faces == 2 {
		// The second person a little further back, on the right, the
		// head tilted towards the first (people lean in for a selfie,
		// and a tilted face scores lower with a frontal cascade), the
		// whole face in view.
		k := 0.7 + 0.2*r.Float64()
		w2, h2 := k*float64(fw), k*float64(fh)
		cx, cy := float64(s.W)-w2/2-float64(s.W)/40, float64(s.H)-h2/2+0.04*float64(s.H)*r.Float64()
		th := -(8 + 14*r.Float64()) * math.Pi / 180
		cs, sn := math.Cos(th), math.Sin(th)
		var q geom.Quad
		for i, d := range [4][2]float64{{-1, -1}, {1, -1}, {1, 1}, {-1, 1}} {
			dx, dy := d[0]*w2/2, d[1]*h2/2
			q[i] = geom.Pt{X: cx + dx*cs - dy*sn, Y: cy + dx*sn + dy*cs}
		}
		c.composite(face, q, 0)
		put(face, s.W/40, s.H-fh)
		return c
	}
	put(face, (s.W-fw)/2, s.H-fh)
	return c
}
