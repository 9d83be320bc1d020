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

// shape fills the holes of a component and measures it. The filled mask
// is written into s.mask (plane-sized, all false outside the component's
// box); the caller clears the box when done with it.
func (a *analysis) shape(s *scratch, c comp) *document {
	d := &document{x0: c.x0, y0: c.y0, x1: c.x1, y1: c.y1, pw: a.pw, ph: a.ph}
	bw, bh := c.x1-c.x0+1, c.y1-c.y0+1
	// The box's pixels outside the component, labelled: a region of them
	// that reaches the box's border is outside the document; any other is
	// a hole in it (the print, the portrait) and belongs to the document.
	s.notComp = resize(s.notComp, bw*bh)
	notComp := s.notComp
	fillTrue(notComp)
	for _, r := range c.runs {
		o := int(r.y-int32(c.y0))*bw - c.x0
		clear(notComp[o+int(r.x0) : o+int(r.x1)])
	}
	regions := s.box.components(bw, bh, nil, notComp, 0)
	// The mask is unset inside the box: set the component and its holes.
	d.mask = s.mask
	for _, r := range c.runs {
		fillTrue(d.mask[int(r.y)*a.pw+int(r.x0) : int(r.y)*a.pw+int(r.x1)])
	}
	for _, reg := range regions {
		if reg.x0 == 0 || reg.y0 == 0 || reg.x1 == bw-1 || reg.y1 == bh-1 {
			continue // outside the document
		}
		for _, r := range reg.runs {
			o := (c.y0+int(r.y))*a.pw + c.x0
			fillTrue(d.mask[o+int(r.x0) : o+int(r.x1)])
		}
	}
	d.moments(c)
	return d
}

// clearBox unsets the mask inside the document's box.
func (d *document) clearBox() {
	for y := d.y0; y <= d.y1; y++ {
		clear(d.mask[y*d.pw+d.x0 : y*d.pw+d.x1+1])
	}
}

// moments measures the filled mask inside the component's box: area,
// centre, axes and how rectangle-like it is.
func (d *document) moments(c comp) {
	d.area, d.touches = 0, 0
	// Sums of integer coordinates are integers: summed exactly a run at a
	// time, they equal the pixel-by-pixel sums in any order.
	var ix, iy, ixx, iyy, ixy int64
	pw := d.pw
	mb := boolBytes(d.mask)
	for y := c.y0; y <= c.y1; y++ {
		row := mb[y*pw : y*pw+c.x1+1]
		for x := c.x0; x <= c.x1; {
			if x = nextSet(row, x); x > c.x1 {
				break
			}
			x0 := x
			x = nextUnset(row, x)
			n, a, b := int64(x-x0), int64(x0), int64(x-1)
			sum := (a + b) * n / 2
			sq := (b*(b+1)*(2*b+1) - (a-1)*a*(2*a-1)) / 6
			fy := int64(y)
			d.area += int(n)
			ix, iy, ixx, iyy, ixy = ix+sum, iy+n*fy, ixx+sq, iyy+n*fy*fy, ixy+sum*fy
		}
	}
	sx, sy, sxx, syy, sxy := float64(ix), float64(iy), float64(ixx), float64(iyy), float64(ixy)
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
	d.touches = touches(c, d.pw, d.ph)
}

// touches counts the sides of the w×h frame that c's box reaches.
func touches(c comp, w, h int) int {
	n := 0
	if c.x0 == 0 {
		n++
	}
	if c.y0 == 0 {
		n++
	}
	if c.x1 == w-1 {
		n++
	}
	if c.y1 == h-1 {
		n++
	}
	return n
}

// comp is one connected component of a labelling.
type comp struct {
	id             int32
	area           int
	x0, y0, x1, y1 int
	runs           []run // its pixels, a row segment at a time, in raster order
}

// run is the pixels [x0, x1) of row y.
type run struct{ y, x0, x1 int32 }

// components labels the 4-connected regions of pixels set in mask and
// returns those of at least minArea pixels, in the order of their first
// pixel in raster order; labels (scratch space of w*h entries, overwritten)
// holds each pixel's region id, 1, 2, ... in that same order, 0 outside.
func components(w, h int, labels []int32, mask []bool, minArea int) []comp {
	var l labeller
	return l.components(w, h, labels, mask, minArea)
}

// labeller holds the working buffers of a labelling. The locating stage
// labels a dozen masks of the whole plane per photo and many more boxes;
// reused from call to call, they are allocated a few times per photo
// instead of every time. The regions a call returns (their runs) stay
// valid until the next call on the same labeller.
type labeller struct {
	runs, sorted []run
	parent, ids  []int32
	all          []comp
	at           []int
}

// components is the package's components on l's buffers; labels may be
// nil when only the regions and their runs are wanted.
//
// It works on runs of set pixels rather than pixels: each run is joined
// (union-find) with the runs it touches in the row above, and labels are
// written a run at a time. A region's root is its lowest-numbered run,
// which is its first in raster order, so ids come out as a pixel-by-pixel
// flood fill would number them.
func (l *labeller) components(w, h int, labels []int32, mask []bool, minArea int) []comp {
	all := l.regions(w, h, labels, mask)
	out := all[:0]
	for _, c := range all {
		if c.area >= minArea {
			out = append(out, c)
		}
	}
	return out
}

// regions is components without the size filter: every region, ids 1, 2,
// ... in order.
func (l *labeller) regions(w, h int, labels []int32, mask []bool) []comp {
	runs := l.runs[:0]
	parent := l.parent[:0]
	find := func(i int32) int32 {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	prev0, prev1 := 0, 0 // the runs of the row above: runs[prev0:prev1]
	mb := boolBytes(mask)
	for y := range h {
		row := mb[y*w : (y+1)*w]
		start := len(runs)
		p := prev0
		for x := 0; x < w; {
			if x = nextSet(row, x); x == w {
				break
			}
			x0 := x
			x = nextUnset(row, x)
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
	l.runs, l.parent = runs, parent
	ids := resize(l.ids, len(runs)) // region id of each root run
	l.ids = ids
	all := l.all[:0]
	done := 0 // labels before this index are written
	for i, r := range runs {
		root := find(int32(i))
		if root == int32(i) {
			all = append(all, comp{id: int32(len(all) + 1), x0: w, y0: h, x1: -1, y1: -1})
			ids[i] = int32(len(all))
		}
		ids[i] = ids[root]
		c := &all[ids[i]-1]
		c.area += int(r.x1 - r.x0)
		c.x0, c.x1 = min(c.x0, int(r.x0)), max(c.x1, int(r.x1)-1)
		c.y0, c.y1 = min(c.y0, int(r.y)), max(c.y1, int(r.y))
		if labels == nil {
			continue
		}
		// One pass over labels: the gap since the last run is cleared,
		// then the run is written.
		from := int(r.y)*w + int(r.x0)
		clear(labels[done:from])
		line := labels[from : int(r.y)*w+int(r.x1)]
		for k := range line {
			line[k] = c.id
		}
		done = int(r.y)*w + int(r.x1)
	}
	if labels != nil {
		clear(labels[done:])
	}
	l.all = all
	// Each region's runs, grouped by a counting sort that keeps their
	// raster order.
	at := resize(l.at, len(all)+1)
	l.at = at
	clear(at)
	for _, id := range ids {
		at[id]++
	}
	for k := 1; k <= len(all); k++ {
		at[k] += at[k-1]
	}
	sorted := resize(l.sorted, len(runs))
	l.sorted = sorted
	for k := range all {
		all[k].runs = sorted[at[k]:at[k]:at[k+1]]
	}
	for i, r := range runs {
		c := &all[ids[i]-1]
		c.runs = append(c.runs, r)
	}
	return all
}

// resize returns s resliced to n entries, reallocated if too short; its
// contents are not kept.
func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n, n+n/4)
	}
	return s[:n]
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
