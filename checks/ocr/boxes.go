package ocr

import (
	"math"
	"sort"
)

// DB post-processing (Liao et al., "Real-time Scene Text Detection with
// Differentiable Binarization"), with PaddleOCR's default thresholds: the
// probability map is binarised, each connected region scored by its mean
// probability, fitted with its minimum-area rectangle and grown back by
// the margin the model was trained to shrink text by.
const (
	detThresh   = 0.3
	detBoxScore = 0.6
	detUnclip   = 1.5
	detMinSide  = 3
	detMaxBoxes = 1000
)

// boxes finds the text boxes in a w×h probability map, in map coordinates.
func boxes(prob []float32, w, h int) [][4][2]float64 {
	labels := make([]int32, w*h)
	var out [][4][2]float64
	var stack []int
	next := int32(0)
	for start := range prob {
		if labels[start] != 0 || prob[start] <= detThresh {
			continue
		}
		next++
		var pts [][2]float64
		var sum float64
		stack = append(stack[:0], start)
		labels[start] = next
		for len(stack) > 0 {
			p := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			x, y := p%w, p/w
			pts = append(pts, [2]float64{float64(x), float64(y)})
			sum += float64(prob[p])
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					nx, ny := x+dx, y+dy
					if nx < 0 || ny < 0 || nx >= w || ny >= h {
						continue
					}
					q := ny*w + nx
					if labels[q] == 0 && prob[q] > detThresh {
						labels[q] = next
						stack = append(stack, q)
					}
				}
			}
		}
		if len(pts) < 4 || sum/float64(len(pts)) < detBoxScore {
			continue
		}
		r, ok := minAreaRect(pts)
		if !ok || min(r.w, r.h) < detMinSide {
			continue
		}
		// Unclip: offset the polygon by area×ratio/perimeter (the shrink
		// the training labels used, inverted).
		d := r.w * r.h * detUnclip / (2 * (r.w + r.h))
		r.w += 2 * d
		r.h += 2 * d
		if min(r.w, r.h) < detMinSide+2 {
			continue
		}
		out = append(out, r.corners())
		if len(out) >= detMaxBoxes {
			break
		}
	}
	sortBoxes(out)
	return out
}

// rect is a rotated rectangle: centre, side lengths along the unit axis
// (ux, uy) and its normal.
type rect struct {
	cx, cy, w, h, ux, uy float64
}

// corners returns the rectangle's corners with its longer side as the
// reading direction, ordered top-left, top-right, bottom-right,
// bottom-left for text that reads left to right.
func (r rect) corners() [4][2]float64 {
	ux, uy, w, h := r.ux, r.uy, r.w, r.h
	if h > w { // make u the long side
		ux, uy, w, h = -uy, ux, h, w
	}
	if ux < 0 { // reading direction points right
		ux, uy = -ux, -uy
	}
	vx, vy := -uy, ux // points down
	hw, hh := w/2, h/2
	return [4][2]float64{
		{r.cx - ux*hw - vx*hh, r.cy - uy*hw - vy*hh},
		{r.cx + ux*hw - vx*hh, r.cy + uy*hw - vy*hh},
		{r.cx + ux*hw + vx*hh, r.cy + uy*hw + vy*hh},
		{r.cx - ux*hw + vx*hh, r.cy - uy*hw + vy*hh},
	}
}

// minAreaRect fits the smallest rectangle around pixel centres pts (each
// pixel counted as its unit square) by rotating calipers over the convex
// hull: the optimum has a side on a hull edge.
func minAreaRect(pts [][2]float64) (rect, bool) {
	var corners [][2]float64
	for _, p := range pts {
		corners = append(corners,
			[2]float64{p[0] - 0.5, p[1] - 0.5}, [2]float64{p[0] + 0.5, p[1] - 0.5},
			[2]float64{p[0] + 0.5, p[1] + 0.5}, [2]float64{p[0] - 0.5, p[1] + 0.5})
	}
	hull := convexHull(corners)
	if len(hull) < 3 {
		return rect{}, false
	}
	best := rect{}
	bestArea := math.Inf(1)
	for i := range hull {
		a, b := hull[i], hull[(i+1)%len(hull)]
		ex, ey := b[0]-a[0], b[1]-a[1]
		l := math.Hypot(ex, ey)
		if l == 0 {
			continue
		}
		ux, uy := ex/l, ey/l
		minU, maxU, minV, maxV := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
		for _, p := range hull {
			u := p[0]*ux + p[1]*uy
			v := -p[0]*uy + p[1]*ux
			minU, maxU = math.Min(minU, u), math.Max(maxU, u)
			minV, maxV = math.Min(minV, v), math.Max(maxV, v)
		}
		if area := (maxU - minU) * (maxV - minV); area < bestArea {
			bestArea = area
			cu, cv := (minU+maxU)/2, (minV+maxV)/2
			best = rect{cx: cu*ux - cv*uy, cy: cu*uy + cv*ux, w: maxU - minU, h: maxV - minV, ux: ux, uy: uy}
		}
	}
	return best, !math.IsInf(bestArea, 1)
}

// convexHull is Andrew's monotone chain; it drops duplicate and collinear
// points.
func convexHull(p [][2]float64) [][2]float64 {
	sort.Slice(p, func(i, j int) bool {
		if p[i][0] != p[j][0] {
			return p[i][0] < p[j][0]
		}
		return p[i][1] < p[j][1]
	})
	cross := func(o, a, b [2]float64) float64 {
		return (a[0]-o[0])*(b[1]-o[1]) - (a[1]-o[1])*(b[0]-o[0])
	}
	var h [][2]float64
	for _, q := range p {
		for len(h) >= 2 && cross(h[len(h)-2], h[len(h)-1], q) <= 0 {
			h = h[:len(h)-1]
		}
		h = append(h, q)
	}
	lower := len(h) + 1
	for i := len(p) - 2; i >= 0; i-- {
		q := p[i]
		for len(h) >= lower && cross(h[len(h)-2], h[len(h)-1], q) <= 0 {
			h = h[:len(h)-1]
		}
		h = append(h, q)
	}
	return h[:len(h)-1]
}

// sortBoxes orders boxes in reading order: by top edge, and left to right
// within a band of half a line's height.
func sortBoxes(b [][4][2]float64) {
	sort.SliceStable(b, func(i, j int) bool {
		yi, yj := b[i][0][1], b[j][0][1]
		hi := dist(b[i][0], b[i][3])
		if math.Abs(yi-yj) < hi/2 {
			return b[i][0][0] < b[j][0][0]
		}
		return yi < yj
	})
}
