package photo

import (
	"image"
	"image/color"
	"math"

	"github.com/kycd/kycd/checks/photo/internal/coef"
)

// A card as bright as the desk under it (a dark green card on walnut, a
// terracotta one on teak) has a border only in colour: on luma and on log
// luma its edge drowns in the grain, and only a part of it — the portrait,
// a band of print — is found (photo.document_too_small), or nothing. The
// JPEG decoder reads every chroma block's DC term anyway and keeps it
// (coef.Blocks.ChromaMeans: a 16-pixel block on a 4:2:0 phone photo), and on those means a green
// card on brown wood is a plain step. colourGradients adds their gradient
// to the locator's; it is taken only when the first look finds no single
// whole document (locateInColour), so a photo found on luma (nearly all,
// the benchmark's included) keeps its outline and pays nothing.

// chromaPlanes returns the photo's mean Cb and Cr (0–255, 128 grey) on the
// plane's grid, upright, interpolated bilinearly from the chroma blocks;
// nil when the decoder kept none (a grey JPEG, another format).
func (a *analysis) chromaPlanes() (cb, cr []uint8) {
	mb, mr, cw, ch, subX, subY := a.chromaMeans()
	if mb == nil {
		return nil, nil
	}
	// The plane in the photo's stored orientation.
	w, h := a.pw, a.ph
	if a.orient >= 5 {
		w, h = h, w
	}
	cb, cr = make([]uint8, w*h), make([]uint8, w*h)
	// A plane pixel covers a.scale photo pixels; a chroma block 8·sub.
	fx := float64(a.scale) / float64(8*subX)
	fy := float64(a.scale) / float64(8*subY)
	// Only the blocks that cover the photo (the grid has whole MCUs).
	stride := cw
	cw = min(cw, (a.storedW+8*subX-1)/(8*subX))
	ch = min(ch, (a.storedH+8*subY-1)/(8*subY))
	for y := range h {
		sy := min(max((float64(y)+0.5)*fy-0.5, 0), float64(ch-1))
		y0 := int(sy)
		y1, ty := min(y0+1, ch-1), float32(sy-float64(y0))
		for x := range w {
			sx := min(max((float64(x)+0.5)*fx-0.5, 0), float64(cw-1))
			x0 := int(sx)
			x1, tx := min(x0+1, cw-1), float32(sx-float64(x0))
			i00, i01, i10, i11 := y0*stride+x0, y0*stride+x1, y1*stride+x0, y1*stride+x1
			for p, src := range [2][]float32{mb, mr} {
				top := src[i00] + (src[i01]-src[i00])*tx
				bot := src[i10] + (src[i11]-src[i10])*tx
				v := clamp8(top + (bot-top)*ty)
				if p == 0 {
					cb[y*w+x] = v
				} else {
					cr[y*w+x] = v
				}
			}
		}
	}
	if a.orient > 1 {
		cb, _, _ = orient(cb, w, h, a.orient)
		cr, _, _ = orient(cr, w, h, a.orient)
	}
	return cb, cr
}

// chromaMeans returns the photo's chroma: a baseline JPEG's chroma blocks'
// DC terms, which the first decoding kept (coef.DecodeWindows), any other
// photo's mean Cb and Cr over 16-pixel squares from the full decoder. Nil
// when it has none (a grey photo).
func (a *analysis) chromaMeans() (cb, cr []float32, w, h, subX, subY int) {
	if a.blocks != nil {
		if cb, cr, w, h, subX, subY = a.blocks.ChromaMeans(); cb != nil {
			return cb, cr, w, h, subX, subY
		}
	}
	if a.data == nil {
		return nil, nil, 0, 0, 0, 0
	}
	if a.format == "jpeg" {
		// A grey JPEG, or one whose chroma came in scans of its own.
		if b, _, err := coef.DecodeChroma(a.data, a.cfg.MaxPixels); err == nil {
			return b.ChromaMeans()
		}
	}
	img, err := decodeFull(a.data, a.format)
	if err != nil {
		return nil, nil, 0, 0, 0, 0
	}
	switch img.(type) {
	case *image.Gray, *image.Gray16:
		return nil, nil, 0, 0, 0, 0
	}
	r := img.Bounds()
	w, h = (r.Dx()+15)/16, (r.Dy()+15)/16
	cb, cr = make([]float32, w*h), make([]float32, w*h)
	n := make([]float32, w*h)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			var u, v uint8
			if m, ok := img.(*image.YCbCr); ok {
				i := m.COffset(x, y)
				u, v = m.Cb[i], m.Cr[i]
			} else {
				c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
				_, u, v = color.RGBToYCbCr(c.R, c.G, c.B)
			}
			i := ((y-r.Min.Y)/16)*w + (x-r.Min.X)/16
			cb[i] += float32(u)
			cr[i] += float32(v)
			n[i]++
		}
	}
	for i := range n {
		cb[i] /= n[i]
		cr[i] /= n[i]
	}
	return cb, cr, w, h, 2, 2
}

// clamp8 rounds f to the nearest of 0–255.
func clamp8(f float32) uint8 {
	return uint8(min(max(f+0.5, 0), 255))
}

// colourGradients returns g with the chroma's gradient (the length of the
// Cb and Cr gradients together, in units of its own noise floor) taken
// wherever it is larger; nil when the photo has no chroma means.
func (a *analysis) colourGradients(g *gradients) *gradients {
	cb, cr := a.chromaPlanes()
	if cb == nil {
		return nil
	}
	mb, _ := a.gradientOfPlane(cb, &linearLUT)
	mr, _ := a.gradientOfPlane(cr, &linearLUT)
	defer putPlane(mr)
	var hist [512]int
	for i := range mb {
		mb[i] = float32(math.Sqrt(float64(mb[i]*mb[i] + mr[i]*mr[i])))
		hist[min(511, int(mb[i]*4))]++
	}
	fc := float32(0)
	for i, acc := 0, 0; i < len(hist); i++ {
		if acc += hist[i]; 2*acc >= len(mb) {
			fc = float32(i) / 4
			break
		}
	}
	fc = max(fc, chromaFloorMin)
	for i, m := range g.mag {
		mb[i] = max(m, mb[i]/fc)
	}
	return &gradients{mag: mb, floorLin: g.floorLin, floorLog: g.floorLog}
}

// chromaFloorMin: the chroma means are smooth (one value per 16 photo
// pixels), so a plain desk's chroma gradient has a median near zero; a
// floor under this would make the JPEG's rounding an edge.
const chromaFloorMin = 0.75
