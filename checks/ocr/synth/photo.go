package synth

import (
	"bytes"
	"image"
	"image/jpeg"
	"math"
	"math/rand/v2"
)

// photograph lays the flat document on a desk as a phone would see it:
// off-centre, slightly turned and in perspective, with uneven light, a
// little defocus, sensor noise and JPEG compression.
func photograph(r *rand.Rand, doc *image.RGBA, o Options) ([]byte, error) {
	W, H := o.Width, o.Height
	if W == 0 || H == 0 {
		W, H = 2048, 1536
	}
	dw, dh := float64(doc.Rect.Dx()), float64(doc.Rect.Dy())
	tilt, persp, noise, blur, quality := 3.0, 0.02, 3.0, 1, 88
	if o.Hard {
		tilt, persp, noise, blur, quality = 7, 0.045, 6, 2, 75
	}
	scale := float64(W) * (0.62 + 0.16*r.Float64()) / dw
	ang := (r.Float64()*2 - 1) * tilt * math.Pi / 180
	cx := float64(W)/2 + (r.Float64()*2-1)*0.05*float64(W)
	cy := float64(H)/2 + (r.Float64()*2-1)*0.05*float64(H)
	src := [4][2]float64{{0, 0}, {dw, 0}, {dw, dh}, {0, dh}}
	var dst [4][2]float64
	for i, p := range src {
		x, y := (p[0]-dw/2)*scale, (p[1]-dh/2)*scale
		x += (r.Float64()*2 - 1) * persp * dw * scale
		y += (r.Float64()*2 - 1) * persp * dw * scale
		dst[i] = [2]float64{cx + x*math.Cos(ang) - y*math.Sin(ang), cy + x*math.Sin(ang) + y*math.Cos(ang)}
	}
	hm := homography(dst, src) // photo → document
	desk := [3]float64{70 + 30*r.Float64(), 55 + 25*r.Float64(), 45 + 20*r.Float64()}
	pix := make([]float64, 3*W*H)
	lx, ly := r.Float64()*2-1, r.Float64()*2-1
	for y := range H {
		for x := range W {
			fx, fy := float64(x)+0.5, float64(y)+0.5
			den := hm[6]*fx + hm[7]*fy + 1
			u := (hm[0]*fx + hm[1]*fy + hm[2]) / den
			v := (hm[3]*fx + hm[4]*fy + hm[5]) / den
			light := 1 + 0.12*(lx*(fx/float64(W)-0.5)+ly*(fy/float64(H)-0.5))
			i := 3 * (y*W + x)
			if u >= 0 && v >= 0 && u < dw-1 && v < dh-1 {
				c := sample(doc, u, v)
				for k := range 3 {
					pix[i+k] = c[k] * light
				}
			} else {
				t := 8 * math.Sin(fy/9+2*math.Sin(fx/60))
				for k := range 3 {
					pix[i+k] = (desk[k] + t) * light
				}
			}
		}
	}
	for range blur {
		boxBlur(pix, W, H)
	}
	out := image.NewRGBA(image.Rect(0, 0, W, H))
	for i := 0; i < W*H; i++ {
		for k := range 3 {
			v := pix[3*i+k] + r.NormFloat64()*noise
			out.Pix[4*i+k] = uint8(math.Max(0, math.Min(255, v)))
		}
		out.Pix[4*i+3] = 255
	}
	var b bytes.Buffer
	err := jpeg.Encode(&b, out, &jpeg.Options{Quality: quality})
	return b.Bytes(), err
}

func sample(m *image.RGBA, u, v float64) [3]float64 {
	x0, y0 := int(u), int(v)
	fx, fy := u-float64(x0), v-float64(y0)
	var c [3]float64
	for k := range 3 {
		at := func(x, y int) float64 { return float64(m.Pix[m.PixOffset(x, y)+k]) }
		c[k] = (at(x0, y0)*(1-fx)+at(x0+1, y0)*fx)*(1-fy) + (at(x0, y0+1)*(1-fx)+at(x0+1, y0+1)*fx)*fy
	}
	return c
}

// boxBlur is a 3×3 mean filter, separable, in place.
func boxBlur(p []float64, w, h int) {
	tmp := make([]float64, len(p))
	for y := range h {
		for x := range w {
			for k := range 3 {
				l, rr := max(x-1, 0), min(x+1, w-1)
				tmp[3*(y*w+x)+k] = (p[3*(y*w+l)+k] + p[3*(y*w+x)+k] + p[3*(y*w+rr)+k]) / 3
			}
		}
	}
	for y := range h {
		for x := range w {
			for k := range 3 {
				u, d := max(y-1, 0), min(y+1, h-1)
				p[3*(y*w+x)+k] = (tmp[3*(u*w+x)+k] + tmp[3*(y*w+x)+k] + tmp[3*(d*w+x)+k]) / 3
			}
		}
	}
}

// homography returns the 3×3 projective map (h33 = 1, row-major, 8
// numbers) taking each from[i] to to[i], by solving the 8×8 linear system.
func homography(from, to [4][2]float64) [8]float64 {
	var a [8][9]float64
	for i := range 4 {
		x, y, u, v := from[i][0], from[i][1], to[i][0], to[i][1]
		a[2*i] = [9]float64{x, y, 1, 0, 0, 0, -u * x, -u * y, u}
		a[2*i+1] = [9]float64{0, 0, 0, x, y, 1, -v * x, -v * y, v}
	}
	for c := range 8 {
		p := c
		for r := c + 1; r < 8; r++ {
			if math.Abs(a[r][c]) > math.Abs(a[p][c]) {
				p = r
			}
		}
		a[c], a[p] = a[p], a[c]
		for r := range 8 {
			if r != c && a[c][c] != 0 {
				f := a[r][c] / a[c][c]
				for k := c; k < 9; k++ {
					a[r][k] -= f * a[c][k]
				}
			}
		}
	}
	var h [8]float64
	for i := range 8 {
		h[i] = a[i][8] / a[i][i]
	}
	return h
}
