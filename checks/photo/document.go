package photo

import "math"

// document is the card or page found in the plane.
type document struct {
	mask           []bool // plane-sized, holes filled
	area           int
	x0, y0, x1, y1 int // bounding box, inclusive
	aspect         float64
	rect           float64 // area / (long side × short side) of the moment rectangle
	touches        int     // frame edges the region reaches
	// The moment rectangle: centre, direction of the long axis (radians)
	// and half side lengths.
	cx, cy, theta       float64
	halfLong, halfShort float64
	pw, ph              int // the plane's size
}

// shape fills the holes of a component and measures it.
func (a *analysis) shape(c comp) *document {
	d := &document{x0: c.x0, y0: c.y0, x1: c.x1, y1: c.y1, pw: a.pw, ph: a.ph}
	bw, bh := c.x1-c.x0+1, c.y1-c.y0+1
	// Flood the box's outside-the-component pixels from the box border;
	// whatever stays unreached is a hole and belongs to the document.
	outside := make([]bool, bw*bh)
	inComp := func(x, y int) bool { return c.labels[y*a.pw+x] == c.id }
	stack := make([]int32, 0, 2*(bw+bh))
	push := func(x, y int) {
		i := (y-c.y0)*bw + (x - c.x0)
		if !outside[i] && !inComp(x, y) {
			outside[i] = true
			stack = append(stack, int32(i))
		}
	}
	for x := c.x0; x <= c.x1; x++ {
		push(x, c.y0)
		push(x, c.y1)
	}
	for y := c.y0; y <= c.y1; y++ {
		push(c.x0, y)
		push(c.x1, y)
	}
	for len(stack) > 0 {
		i := int(stack[len(stack)-1])
		stack = stack[:len(stack)-1]
		x, y := c.x0+i%bw, c.y0+i/bw
		if x > c.x0 {
			push(x-1, y)
		}
		if x < c.x1 {
			push(x+1, y)
		}
		if y > c.y0 {
			push(x, y-1)
		}
		if y < c.y1 {
			push(x, y+1)
		}
	}
	d.mask = make([]bool, a.pw*a.ph)
	for y := c.y0; y <= c.y1; y++ {
		for x := c.x0; x <= c.x1; x++ {
			if !outside[(y-c.y0)*bw+(x-c.x0)] {
				d.mask[y*a.pw+x] = true
			}
		}
	}
	d.moments(c)
	return d
}

// moments measures the filled mask inside the component's box: area,
// centre, axes and how rectangle-like it is.
func (d *document) moments(c comp) {
	d.area, d.touches = 0, 0
	var sx, sy, sxx, syy, sxy float64
	pw := d.pw
	for y := c.y0; y <= c.y1; y++ {
		for x := c.x0; x <= c.x1; x++ {
			if !d.mask[y*pw+x] {
				continue
			}
			d.area++
			fx, fy := float64(x), float64(y)
			sx, sy, sxx, syy, sxy = sx+fx, sy+fy, sxx+fx*fx, syy+fy*fy, sxy+fx*fy
		}
	}
	if d.area == 0 {
		return
	}
	n := float64(d.area)
	mx, my := sx/n, sy/n
	cxx, cyy, cxy := sxx/n-mx*mx+1.0/12, syy/n-my*my+1.0/12, sxy/n-mx*my
	// A solid w×h rectangle has variances w²/12 and h²/12 along its axes.
	tr, det := cxx+cyy, cxx*cyy-cxy*cxy
	disc := math.Sqrt(max(0, tr*tr/4-det))
	l1, l2 := tr/2+disc, tr/2-disc
	if l2 <= 0 {
		return
	}
	long, short := math.Sqrt(12*l1), math.Sqrt(12*l2)
	d.aspect = long / short
	d.cx, d.cy = mx, my
	d.theta = 0.5 * math.Atan2(2*cxy, cxx-cyy)
	d.halfLong, d.halfShort = long/2, short/2
	d.rect = n / (long * short)
	if c.x0 == 0 {
		d.touches++
	}
	if c.y0 == 0 {
		d.touches++
	}
	if c.x1 == d.pw-1 {
		d.touches++
	}
	if c.y1 == d.ph-1 {
		d.touches++
	}
}

// comp is one connected component of a labelling.
type comp struct {
	id             int32
	labels         []int32
	area           int
	x0, y0, x1, y1 int
}

// components labels the 4-connected regions of pixels set in mask and
// returns those of at least minArea pixels, in the order of their first
// pixel in raster order; labels (scratch space of w*h entries, overwritten)
// holds each pixel's region id, 1, 2, ... in that same order, 0 outside.
//
// The locating stage labels a dozen masks of the whole plane per photo, so
// this works on runs of set pixels rather than pixels: each run is joined
// (union-find) with the runs it touches in the row above, and labels are
// written a run at a time. A region's root is its lowest-numbered run,
// which is its first in raster order, so ids come out as a pixel-by-pixel
// flood fill would number them.
func components(w, h int, labels []int32, mask []bool, minArea int) []comp {
	type run struct{ y, x0, x1 int32 } // x1 exclusive
	runs := make([]run, 0, 256)
	var parent []int32
	find := func(i int32) int32 {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	prev0, prev1 := 0, 0 // the runs of the row above: runs[prev0:prev1]
	for y := range h {
		row := mask[y*w : (y+1)*w]
		start := len(runs)
		p := prev0
		for x := 0; x < w; {
			if !row[x] {
				x++
				continue
			}
			x0 := x
			for x < w && row[x] {
				x++
			}
			id := int32(len(runs))
			runs = append(runs, run{int32(y), int32(x0), int32(x)})
			parent = append(parent, id)
			// Runs above that overlap [x0, x): both rows are sorted by x,
			// so the scan of the row above only moves forward.
			for p < prev1 && runs[p].x1 <= int32(x0) {
				p++
			}
			for q := p; q < prev1 && runs[q].x0 < int32(x); q++ {
				ra, rb := find(int32(q)), find(id)
				if ra < rb {
					parent[rb] = ra
				} else if rb < ra {
					parent[ra] = rb
				}
			}
		}
		prev0, prev1 = start, len(runs)
	}
	clear(labels)
	ids := make([]int32, len(runs)) // region id of each root run
	var all []comp
	for i, r := range runs {
		root := find(int32(i))
		if root == int32(i) {
			all = append(all, comp{id: int32(len(all) + 1), labels: labels, x0: w, y0: h, x1: -1, y1: -1})
			ids[i] = int32(len(all))
		}
		c := &all[ids[root]-1]
		c.area += int(r.x1 - r.x0)
		c.x0, c.x1 = min(c.x0, int(r.x0)), max(c.x1, int(r.x1)-1)
		c.y0, c.y1 = min(c.y0, int(r.y)), max(c.y1, int(r.y))
		line := labels[int(r.y)*w+int(r.x0) : int(r.y)*w+int(r.x1)]
		for k := range line {
			line[k] = c.id
		}
	}
	out := all[:0]
	for _, c := range all {
		if c.area >= minArea {
			out = append(out, c)
		}
	}
	return out
}

// otsu returns the threshold that best splits pix into two classes.
func otsu(pix []uint8) uint8 {
	var hist [256]int
	for _, p := range pix {
		hist[p]++
	}
	total := float64(len(pix))
	var sum float64
	for i, c := range hist {
		sum += float64(i * c)
	}
	var wB, sumB, best float64
	t := uint8(128)
	for i, c := range hist {
		wB += float64(c)
		if wB == 0 {
			continue
		}
		wF := total - wB
		if wF == 0 {
			break
		}
		sumB += float64(i * c)
		mB, mF := sumB/wB, (sum-sumB)/wF
		if v := wB * wF * (mB - mF) * (mB - mF); v > best {
			best, t = v, uint8(i)
		}
	}
	return t
}

func round3(f float64) float64 { return math.Round(f*1000) / 1000 }
