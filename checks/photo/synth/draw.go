package synth

import (
	"image"
	"image/color"
	"math"
	"math/rand/v2"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// rgb is a float colour in sRGB-encoded 0–255 units; values above 255 are
// light brighter than the sensor's white (a specular highlight) until the
// exposure step clips them.
type rgb [3]float32

// canvas is a float RGB image, row-major.
type canvas struct {
	w, h int
	pix  []rgb
}

func newCanvas(w, h int) *canvas { return &canvas{w: w, h: h, pix: make([]rgb, w*h)} }

func (c *canvas) at(x, y int) rgb {
	x = min(max(x, 0), c.w-1)
	y = min(max(y, 0), c.h-1)
	return c.pix[y*c.w+x]
}

// bilinear samples c at continuous coordinates (pixel centres at +0.5).
func (c *canvas) bilinear(fx, fy float64) rgb {
	fx -= 0.5
	fy -= 0.5
	x0, y0 := int(math.Floor(fx)), int(math.Floor(fy))
	ax, ay := float32(fx-float64(x0)), float32(fy-float64(y0))
	p00, p10, p01, p11 := c.at(x0, y0), c.at(x0+1, y0), c.at(x0, y0+1), c.at(x0+1, y0+1)
	var o rgb
	for k := range 3 {
		t := p00[k] + (p10[k]-p00[k])*ax
		b := p01[k] + (p11[k]-p01[k])*ax
		o[k] = t + (b-t)*ay
	}
	return o
}

func fromImage(m image.Image) *canvas {
	b := m.Bounds()
	c := newCanvas(b.Dx(), b.Dy())
	for y := range c.h {
		for x := range c.w {
			r, g, bb, _ := m.At(b.Min.X+x, b.Min.Y+y).RGBA()
			c.pix[y*c.w+x] = rgb{float32(r >> 8), float32(g >> 8), float32(bb >> 8)}
		}
	}
	return c
}

// toRGBA clips c to 8 bits.
func (c *canvas) toRGBA() *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, c.w, c.h))
	for i, p := range c.pix {
		m.Pix[4*i], m.Pix[4*i+1], m.Pix[4*i+2], m.Pix[4*i+3] = clip8(p[0]), clip8(p[1]), clip8(p[2]), 255
	}
	return m
}

func clip8(f float32) uint8 {
	switch {
	case f <= 0:
		return 0
	case f >= 255:
		return 255
	}
	return uint8(f + 0.5)
}

func hex(s string) rgb {
	var v [3]float32
	for i := range 3 {
		var n int
		for _, ch := range s[1+2*i : 3+2*i] {
			n *= 16
			switch {
			case ch >= '0' && ch <= '9':
				n += int(ch - '0')
			case ch >= 'a' && ch <= 'f':
				n += int(ch-'a') + 10
			case ch >= 'A' && ch <= 'F':
				n += int(ch-'A') + 10
			}
		}
		v[i] = float32(n)
	}
	return v
}

func mix(a, b rgb, t float32) rgb {
	return rgb{a[0] + (b[0]-a[0])*t, a[1] + (b[1]-a[1])*t, a[2] + (b[2]-a[2])*t}
}

// fillRect paints [x0,x1)×[y0,y1) with col.
func (c *canvas) fillRect(x0, y0, x1, y1 int, col rgb) {
	for y := max(0, y0); y < min(c.h, y1); y++ {
		for x := max(0, x0); x < min(c.w, x1); x++ {
			c.pix[y*c.w+x] = col
		}
	}
}

// valueNoise is smooth random noise: bilinear interpolation of a random
// grid with cells of the given size, in [0,1).
type valueNoise struct {
	cell float64
	gw   int
	grid []float32
}

func newValueNoise(r *rand.Rand, w, h int, cell float64) *valueNoise {
	gw, gh := int(float64(w)/cell)+3, int(float64(h)/cell)+3
	g := make([]float32, gw*gh)
	for i := range g {
		g[i] = r.Float32()
	}
	return &valueNoise{cell: cell, gw: gw, grid: g}
}

func (n *valueNoise) at(x, y float64) float32 {
	fx, fy := x/n.cell, y/n.cell
	x0, y0 := int(fx), int(fy)
	ax, ay := float32(fx-float64(x0)), float32(fy-float64(y0))
	// Smoothstep hides the grid.
	ax, ay = ax*ax*(3-2*ax), ay*ay*(3-2*ay)
	g := n.grid
	i := y0*n.gw + x0
	t := g[i] + (g[i+1]-g[i])*ax
	b := g[i+n.gw] + (g[i+n.gw+1]-g[i+n.gw])*ax
	return t + (b-t)*ay
}

// fonts, parsed once.
var (
	regular = mustFont(goregular.TTF)
	mono    = mustFont(gomono.TTF)
)

func mustFont(ttf []byte) *opentype.Font {
	f, err := opentype.Parse(ttf)
	if err != nil {
		panic(err)
	}
	return f
}

// text draws s with its baseline at (x, y) and the given cap height in
// pixels (Go fonts' cap height is ~0.73 em).
func (c *canvas) text(f *opentype.Font, s string, x, y, capPx float64, col rgb) {
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: capPx / 0.73, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		panic(err)
	}
	defer face.Close()
	// Draw coverage into an alpha mask, then blend.
	b, adv := font.BoundString(face, s)
	w := (adv.Ceil() + 4)
	top, bot := b.Min.Y.Floor()-2, b.Max.Y.Ceil()+2
	mask := image.NewAlpha(image.Rect(0, 0, w, bot-top))
	d := font.Drawer{Dst: mask, Src: image.NewUniform(color.Alpha{A: 255}), Face: face,
		Dot: fixed.Point26_6{X: fixed.I(2), Y: fixed.I(-top)}}
	d.DrawString(s)
	ox, oy := int(x)-2, int(y)+top
	for my := range mask.Rect.Dy() {
		for mx := range w {
			a := float32(mask.Pix[my*mask.Stride+mx]) / 255
			if a == 0 {
				continue
			}
			px, py := ox+mx, oy+my
			if px < 0 || py < 0 || px >= c.w || py >= c.h {
				continue
			}
			i := py*c.w + px
			c.pix[i] = mix(c.pix[i], col, a)
		}
	}
}

// paste draws src scaled into the rectangle (x, y, w, h) of c.
func (c *canvas) paste(src *canvas, x, y, w, h int) {
	for py := range h {
		for px := range w {
			cx, cy := x+px, y+py
			if cx < 0 || cy < 0 || cx >= c.w || cy >= c.h {
				continue
			}
			c.pix[cy*c.w+cx] = src.bilinear((float64(px)+0.5)*float64(src.w)/float64(w), (float64(py)+0.5)*float64(src.h)/float64(h))
		}
	}
}

// boxBlur blurs one channel-interleaved canvas along x (dx=1) or y with a
// box of radius r, in place, clamping at the borders.
func (c *canvas) boxBlur(r int, horizontal bool) {
	if r <= 0 {
		return
	}
	n, lines, step, lstep := c.w, c.h, 1, c.w
	if !horizontal {
		n, lines, step, lstep = c.h, c.w, c.w, 1
	}
	buf := make([]rgb, n)
	inv := 1 / float32(2*r+1)
	for l := range lines {
		base := l * lstep
		for i := range n {
			buf[i] = c.pix[base+i*step]
		}
		var s rgb
		for i := -r; i <= r; i++ {
			p := buf[min(max(i, 0), n-1)]
			s[0], s[1], s[2] = s[0]+p[0], s[1]+p[1], s[2]+p[2]
		}
		for i := range n {
			c.pix[base+i*step] = rgb{s[0] * inv, s[1] * inv, s[2] * inv}
			a, b := buf[min(i+r+1, n-1)], buf[max(i-r, 0)]
			s[0], s[1], s[2] = s[0]+a[0]-b[0], s[1]+a[1]-b[1], s[2]+a[2]-b[2]
		}
	}
}

// gaussian approximates a Gaussian blur of standard deviation sigma with
// three box passes each way (the boxes' variances add up to sigma²).
func (c *canvas) gaussian(sigma float64) {
	if sigma < 0.3 {
		return
	}
	// Three boxes of radius r have variance 3·((2r+1)²−1)/12.
	r := int(math.Round((math.Sqrt(4*sigma*sigma+1) - 1) / 2))
	if r < 1 {
		// Small blurs: one exact 3-tap kernel pass instead.
		c.smallBlur(sigma)
		return
	}
	for range 3 {
		c.boxBlur(r, true)
		c.boxBlur(r, false)
	}
}

// smallBlur is a separable [a, 1-2a, a] kernel with variance sigma².
func (c *canvas) smallBlur(sigma float64) {
	a := float32(sigma * sigma / 2)
	tmp := make([]rgb, len(c.pix))
	for pass := range 2 {
		for y := range c.h {
			for x := range c.w {
				var p, q rgb
				if pass == 0 {
					p, q = c.at(x-1, y), c.at(x+1, y)
				} else {
					p, q = c.at(x, y-1), c.at(x, y+1)
				}
				m := c.pix[y*c.w+x]
				for k := range 3 {
					tmp[y*c.w+x][k] = a*(p[k]+q[k]) + (1-2*a)*m[k]
				}
			}
		}
		copy(c.pix, tmp)
	}
}

// motion averages c along a straight line of the given length (pixels)
// and angle (degrees), as a hand shake during the exposure does.
func (c *canvas) motion(length, angle float64) {
	if length < 1 {
		return
	}
	n := int(math.Ceil(length)) + 1
	dx, dy := math.Cos(angle*math.Pi/180), math.Sin(angle*math.Pi/180)
	out := make([]rgb, len(c.pix))
	inv := 1 / float32(n)
	for y := range c.h {
		for x := range c.w {
			var s rgb
			for i := range n {
				t := (float64(i)/float64(n-1) - 0.5) * length
				p := c.bilinear(float64(x)+0.5+t*dx, float64(y)+0.5+t*dy)
				s[0], s[1], s[2] = s[0]+p[0], s[1]+p[1], s[2]+p[2]
			}
			out[y*c.w+x] = rgb{s[0] * inv, s[1] * inv, s[2] * inv}
		}
	}
	c.pix = out
}

// sharpen is a phone's unsharp mask: c + amount·(c − blur(c, radius)).
func (c *canvas) sharpen(amount, radius float64) {
	if amount <= 0 {
		return
	}
	b := &canvas{w: c.w, h: c.h, pix: append([]rgb(nil), c.pix...)}
	b.gaussian(radius)
	a := float32(amount)
	for i := range c.pix {
		for k := range 3 {
			c.pix[i][k] += a * (c.pix[i][k] - b.pix[i][k])
		}
	}
}

// disc spreads every point evenly over a disc of the given radius, as a
// lens far from focus does (its edges fall in a straight ramp, not a
// Gaussian's S). Each row of the disc is a span of a row's prefix sums.
func (c *canvas) disc(radius float64) {
	if radius < 1 {
		return
	}
	R := int(math.Ceil(radius))
	half := make([]int, 2*R+1)
	var norm float32
	for dy := -R; dy <= R; dy++ {
		hw := math.Sqrt(max(0, radius*radius-float64(dy*dy)))
		half[dy+R] = int(math.Floor(hw))
		norm += float32(2*half[dy+R] + 1)
	}
	// Prefix sums of every row, with the edge pixels repeated.
	stride := c.w + 2*R + 1
	pre := make([]rgb, c.h*stride)
	for y := range c.h {
		var s rgb
		for x := -R; x <= c.w+R-1; x++ {
			p := c.at(x, y)
			s[0], s[1], s[2] = s[0]+p[0], s[1]+p[1], s[2]+p[2]
			pre[y*stride+x+R+1] = s
		}
	}
	out := make([]rgb, len(c.pix))
	inv := 1 / norm
	for y := range c.h {
		for x := range c.w {
			var s rgb
			for dy := -R; dy <= R; dy++ {
				yy := min(max(y+dy, 0), c.h-1)
				hw := half[dy+R]
				a, b := pre[yy*stride+x-hw+R], pre[yy*stride+x+hw+R+1]
				s[0], s[1], s[2] = s[0]+b[0]-a[0], s[1]+b[1]-a[1], s[2]+b[2]-a[2]
			}
			out[y*c.w+x] = rgb{s[0] * inv, s[1] * inv, s[2] * inv}
		}
	}
	c.pix = out
}
