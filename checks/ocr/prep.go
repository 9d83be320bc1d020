package ocr

import "math"

// The detector wants sides that are multiples of 32 (its feature pyramid
// halves the size five times) and was trained on pictures of at most about
// 960 pixels a side.
const (
	detMaxSide = 960
	detAlign   = 32
)

// detSize returns the detector's input size for a w×h photo.
func detSize(w, h int) (int, int) {
	s := math.Min(1, float64(detMaxSide)/float64(max(w, h)))
	round := func(v int) int {
		n := int(math.Round(float64(v)*s/detAlign)) * detAlign
		return max(n, detAlign)
	}
	return round(w), round(h)
}

// detTensor resamples img to nw×nh by area averaging (a photo of 12 MP
// shrinks four times; point sampling would alias the strokes away) and
// lays it out as a 1×3×nh×nw tensor in the BGR order and ImageNet
// normalisation PaddleOCR trained with (it reads photos with OpenCV).
func detTensor(img Image, nw, nh int) []float32 {
	out := make([]float32, 3*nw*nh)
	plane := nw * nh
	mean := [3]float32{0.485, 0.456, 0.406}
	std := [3]float32{0.229, 0.224, 0.225}
	sx := float64(img.W) / float64(nw)
	sy := float64(img.H) / float64(nh)
	for y := range nh {
		y0 := int(float64(y) * sy)
		y1 := max(y0+1, min(img.H, int(float64(y+1)*sy)))
		for x := range nw {
			x0 := int(float64(x) * sx)
			x1 := max(x0+1, min(img.W, int(float64(x+1)*sx)))
			var r, g, b, n int
			for yy := y0; yy < y1 && yy < img.H; yy++ {
				row := img.Pix[3*(yy*img.W):]
				for xx := x0; xx < x1 && xx < img.W; xx++ {
					r += int(row[3*xx])
					g += int(row[3*xx+1])
					b += int(row[3*xx+2])
					n++
				}
			}
			if n == 0 {
				continue
			}
			i := y*nw + x
			inv := 1 / (255 * float32(n))
			out[i] = (float32(b)*inv - mean[0]) / std[0]
			out[plane+i] = (float32(g)*inv - mean[1]) / std[1]
			out[2*plane+i] = (float32(r)*inv - mean[2]) / std[2]
		}
	}
	return out
}

// The recogniser reads lines 48 pixels high; narrower lines are padded to
// 320 (its training width) and very long ones capped.
const (
	recHeight   = 48
	recMinWidth = 320
	recMaxWidth = 2400
)

// recTensor cuts the quadrilateral box out of img, straightened to 48
// pixels high, as a 1×3×48×W tensor (BGR, scaled to [-1, 1], zero padded).
// The box's corners are interpolated bilinearly, which follows mild
// perspective; when the box is more than 1.5 source pixels per output
// pixel, each output pixel averages a grid of samples.
func recTensor(img Image, box [4][2]float64) ([]float32, int) {
	tl, tr, br, bl := box[0], box[1], box[2], box[3]
	bw := (dist(tl, tr) + dist(bl, br)) / 2
	bh := (dist(tl, bl) + dist(tr, br)) / 2
	if bh < 1 {
		bh = 1
	}
	ow := int(math.Ceil(recHeight * bw / bh))
	ow = min(max(ow, 1), recMaxWidth)
	W := max(ow, recMinWidth)
	out := make([]float32, 3*recHeight*W)
	plane := recHeight * W
	step := bh / recHeight
	n := max(1, int(math.Ceil(step-0.5)))
	for y := range recHeight {
		for x := range ow {
			var r, g, b float64
			for j := range n {
				v := (float64(y) + (float64(j)+0.5)/float64(n)) / recHeight
				for i := range n {
					u := (float64(x) + (float64(i)+0.5)/float64(n)) / float64(ow)
					px := (1-v)*((1-u)*tl[0]+u*tr[0]) + v*((1-u)*bl[0]+u*br[0])
					py := (1-v)*((1-u)*tl[1]+u*tr[1]) + v*((1-u)*bl[1]+u*br[1])
					cr, cg, cb := bilinear(img, px-0.5, py-0.5)
					r += cr
					g += cg
					b += cb
				}
			}
			k := float64(n * n)
			i := y*W + x
			out[i] = float32(b/k/127.5 - 1)
			out[plane+i] = float32(g/k/127.5 - 1)
			out[2*plane+i] = float32(r/k/127.5 - 1)
		}
	}
	return out, W
}

func dist(a, b [2]float64) float64 { return math.Hypot(a[0]-b[0], a[1]-b[1]) }

// bilinear samples img at (x, y), clamping at the edges.
func bilinear(img Image, x, y float64) (r, g, b float64) {
	x = math.Max(0, math.Min(x, float64(img.W-1)))
	y = math.Max(0, math.Min(y, float64(img.H-1)))
	x0, y0 := int(x), int(y)
	x1, y1 := min(x0+1, img.W-1), min(y0+1, img.H-1)
	fx, fy := x-float64(x0), y-float64(y0)
	at := func(xx, yy, c int) float64 { return float64(img.Pix[3*(yy*img.W+xx)+c]) }
	var v [3]float64
	for c := range 3 {
		top := at(x0, y0, c)*(1-fx) + at(x1, y0, c)*fx
		bot := at(x0, y1, c)*(1-fx) + at(x1, y1, c)*fx
		v[c] = top*(1-fy) + bot*fy
	}
	return v[0], v[1], v[2]
}
