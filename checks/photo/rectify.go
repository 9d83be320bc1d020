package photo

import (
	"errors"
	"fmt"
	"image"
	"math"
	"strconv"

	"github.com/kycd/kycd/checks/photo/internal/geom"
)

// Point is a position in the upright photo (after its EXIF orientation),
// in pixels from the top left corner.
type Point struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
}

// Outline is where the check found the document: its corners in the
// document's own order (top left, top right, bottom right, bottom left of
// the document read upright), in the upright photo's pixels.
type Outline struct {
	// Width and Height are the upright photo's size, so that a page can
	// draw the outline over the photo at any scale.
	Width   int      `json:"width"`
	Height  int      `json:"height"`
	Corners [4]Point `json:"corners"`
}

// OutlineOf reads the outline from a Result's metrics (quad_x0 … quad_y3,
// width and height); false when no document was located, as for a selfie
// or a photo without a document.
func OutlineOf(metrics map[string]float64) (Outline, bool) {
	var o Outline
	if metrics["document_found"] != 1 || metrics["width"] <= 0 || metrics["height"] <= 0 {
		return o, false
	}
	o.Width, o.Height = int(metrics["width"]), int(metrics["height"])
	for i := range o.Corners {
		k := strconv.Itoa(i)
		x, okx := metrics["quad_x"+k]
		y, oky := metrics["quad_y"+k]
		if !okx || !oky {
			return Outline{}, false
		}
		o.Corners[i] = Point{X: x, Y: y}
	}
	return o, true
}

// ErrNoDocument is returned by Rectify for an outline that encloses no
// area (three corners in a line).
var ErrNoDocument = errors.New("photo: the outline encloses no document")

// Rectify decodes the photo and resamples the document inside the outline
// to an upright rectangle, as a reviewer wants to read it: its sides are
// the outline's mean side lengths, scaled down so that the longer is at
// most maxSide. The outline must belong to this photo (its size is
// checked), since corners from another photo would crop anything.
func Rectify(data []byte, o Outline, maxPixels, maxSide int) (*image.NRGBA, error) {
	pix, w, h, err := DecodeRGB(data, maxPixels)
	if err != nil {
		return nil, err
	}
	return RectifyRGB(pix, w, h, o, maxSide)
}

// RectifyRGB is Rectify on a photo already decoded with DecodeRGB, for a
// caller that needs the whole photo too.
func RectifyRGB(pix []uint8, w, h int, o Outline, maxSide int) (*image.NRGBA, error) {
	if w != o.Width || h != o.Height {
		return nil, fmt.Errorf("photo: the outline is for a %d×%d photo, this one is %d×%d", o.Width, o.Height, w, h)
	}
	var q geom.Quad
	for i, c := range o.Corners {
		q[i] = geom.Pt{X: c.X, Y: c.Y}
	}
	rw := (q.Side(0) + q.Side(2)) / 2
	rh := (q.Side(1) + q.Side(3)) / 2
	if rw < 1 || rh < 1 || q.Area() < 1 {
		return nil, ErrNoDocument
	}
	if s := float64(maxSide) / max(rw, rh); s < 1 {
		rw, rh = rw*s, rh*s
	}
	ow, oh := max(1, int(math.Round(rw))), max(1, int(math.Round(rh)))
	dst := geom.Quad{{X: 0, Y: 0}, {X: float64(ow), Y: 0}, {X: float64(ow), Y: float64(oh)}, {X: 0, Y: float64(oh)}}
	hm, ok := geom.FromQuads(dst, q)
	if !ok {
		return nil, ErrNoDocument
	}
	// One output pixel covers up to step×step photo pixels; averaging that
	// many samples keeps fine print from aliasing when a 12 MP card is
	// shown at reviewer size.
	step := max(1, int(math.Ceil(max(q.Side(0)+q.Side(2), q.Side(1)+q.Side(3))/2/float64(max(ow, oh)))))
	step = min(step, 4)
	out := image.NewNRGBA(image.Rect(0, 0, ow, oh))
	inv := 1 / float64(step)
	for y := range oh {
		for x := range ow {
			var acc [3]float64
			for sy := range step {
				for sx := range step {
					p := hm.Apply(geom.Pt{X: float64(x) + (float64(sx)+0.5)*inv, Y: float64(y) + (float64(sy)+0.5)*inv})
					c := bilinearRGB(pix, w, h, p.X-0.5, p.Y-0.5)
					acc[0] += c[0]
					acc[1] += c[1]
					acc[2] += c[2]
				}
			}
			n := float64(step * step)
			i := out.PixOffset(x, y)
			out.Pix[i] = uint8(acc[0]/n + 0.5)
			out.Pix[i+1] = uint8(acc[1]/n + 0.5)
			out.Pix[i+2] = uint8(acc[2]/n + 0.5)
			out.Pix[i+3] = 0xff
		}
	}
	return out, nil
}

// bilinearRGB samples packed RGB at (fx, fy), clamping at the edges.
func bilinearRGB(pix []uint8, w, h int, fx, fy float64) [3]float64 {
	fx = min(max(fx, 0), float64(w-1))
	fy = min(max(fy, 0), float64(h-1))
	x0, y0 := int(fx), int(fy)
	x1, y1 := min(x0+1, w-1), min(y0+1, h-1)
	ax, ay := fx-float64(x0), fy-float64(y0)
	var c [3]float64
	for k := range 3 {
		p00 := float64(pix[3*(y0*w+x0)+k])
		p10 := float64(pix[3*(y0*w+x1)+k])
		p01 := float64(pix[3*(y1*w+x0)+k])
		p11 := float64(pix[3*(y1*w+x1)+k])
		c[k] = (p00*(1-ax)+p10*ax)*(1-ay) + (p01*(1-ax)+p11*ax)*ay
	}
	return c
}
