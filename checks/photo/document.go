package photo

import (
	"math"
	"strconv"
)

// document is the card or page found in the plane.
type document struct {
	mask           []bool // plane-sized, holes filled
	area           int
	x0, y0, x1, y1 int // bounding box, inclusive
	aspect         float64
	rect           float64 // area / (long side × short side) of the moment rectangle
	touches        int     // frame edges the region reaches
	cropped        bool
}

// findDocument looks for the document as a connected region on one side of
// the plane's Otsu threshold (a card on a darker desk, or a dark passport
// on a light table), fills its holes (text, portrait) and scores it by how
// much it looks like a rectangle of the kind's aspect ratio. Moments make
// the measure indifferent to rotation, and mild perspective only lowers
// the rectangularity a little.
func (a *analysis) findDocument() {
	n := a.pw * a.ph
	t := int(otsu(a.plane))
	labels := make([]int32, n)
	best, cropped := a.documentAt(labels, t, true)
	if best == nil {
		var c2 *document
		best, c2 = a.documentAt(labels, t, false)
		if cropped == nil || (c2 != nil && c2.area > cropped.area) {
			cropped = c2
		}
	}
	// When the document touches something of its own brightness (a white
	// saucer beside a light card), the first split merges them. Stricter
	// thresholds separate them again; they are tried only then, so a
	// clean photo pays for one labelling.
	for d := 16; best == nil && d <= 64; d += 16 {
		if t+d < 250 {
			best, _ = a.documentAt(labels, t+d, true)
		}
		if best == nil && t-d > 5 {
			best, _ = a.documentAt(labels, t-d, false)
		}
	}
	// A whole document wins over a bigger cut-off one only if it is not
	// tiny beside it (a cut-off card can contain a card-shaped photo).
	if best == nil || (cropped != nil && cropped.area > 3*best.area) {
		if cropped != nil {
			cropped.cropped = true
		}
		best = cropped
	}
	a.doc = best
	a.metrics["document_found"] = 0
	if best == nil {
		return
	}
	a.metrics["document_found"] = 1
	a.metrics["document_share"] = round3(float64(best.area) / float64(n))
	a.metrics["document_aspect"] = round3(best.aspect)
	a.metrics["document_rectangularity"] = round3(best.rect)
	m := min(float64(best.x0)/float64(a.pw), float64(best.y0)/float64(a.ph),
		float64(a.pw-1-best.x1)/float64(a.pw), float64(a.ph-1-best.y1)/float64(a.ph))
	a.metrics["document_margin"] = round3(m)
	if m < a.cfg.EdgeMargin {
		best.cropped = true
	}
}

// documentAt labels the pixels above (bright) or at most (!bright) the
// threshold t and returns the largest document-like region wholly inside
// the frame, and the largest rectangle-like one reaching its edge.
func (a *analysis) documentAt(labels []int32, t int, bright bool) (best, cropped *document) {
	minArea := int(a.cfg.MinDocumentShare * float64(a.pw*a.ph))
	lo, hi := a.cfg.CardAspectMin, a.cfg.CardAspectMax
	if a.kind == Passport {
		lo, hi = a.cfg.PassportAspectMin, a.cfg.PassportAspectMax
	}
	tt := uint8(t)
	in := func(i int) bool { return (a.plane[i] > tt) == bright }
	for _, c := range components(a.pw, a.ph, labels, in, minArea) {
		d := a.shape(c)
		switch {
		case d.touches >= 3 || d.rect < a.cfg.MinRectangularity:
			// The background, or not a flat rectangle.
		case d.touches > 0:
			if cropped == nil || d.area > cropped.area {
				cropped = d
			}
		case d.aspect >= lo && d.aspect <= hi:
			if best == nil || d.area > best.area {
				best = d
			}
		}
	}
	return best, cropped
}

// framing turns the document search into findings.
func (a *analysis) framing() {
	if !a.kind.isDocument() {
		return
	}
	switch {
	case a.doc == nil:
		a.add("photo.document_not_found")
	case a.doc.cropped:
		a.add("photo.document_cropped")
	default:
		long := float64(max(a.doc.x1-a.doc.x0, a.doc.y1-a.doc.y0)+1) * float64(a.scale)
		a.metrics["document_pixels"] = math.Round(long)
		if long < float64(a.cfg.MinDocumentPixels) && min(a.w, a.h) >= a.cfg.MinShortSide {
			a.add("photo.resolution_low", "width", strconv.Itoa(a.w), "height", strconv.Itoa(a.h))
		}
	}
}

// shape fills the holes of a component and measures it.
func (a *analysis) shape(c comp) *document {
	d := &document{x0: c.x0, y0: c.y0, x1: c.x1, y1: c.y1}
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
	var sx, sy, sxx, syy, sxy float64
	for y := c.y0; y <= c.y1; y++ {
		for x := c.x0; x <= c.x1; x++ {
			if outside[(y-c.y0)*bw+(x-c.x0)] {
				continue
			}
			d.mask[y*a.pw+x] = true
			d.area++
			fx, fy := float64(x), float64(y)
			sx, sy, sxx, syy, sxy = sx+fx, sy+fy, sxx+fx*fx, syy+fy*fy, sxy+fx*fy
		}
	}
	n := float64(d.area)
	mx, my := sx/n, sy/n
	cxx, cyy, cxy := sxx/n-mx*mx+1.0/12, syy/n-my*my+1.0/12, sxy/n-mx*my
	// A solid w×h rectangle has variances w²/12 and h²/12 along its axes.
	tr, det := cxx+cyy, cxx*cyy-cxy*cxy
	disc := math.Sqrt(max(0, tr*tr/4-det))
	l1, l2 := tr/2+disc, tr/2-disc
	if l2 <= 0 {
		return d
	}
	long, short := math.Sqrt(12*l1), math.Sqrt(12*l2)
	d.aspect = long / short
	d.rect = n / (long * short)
	if c.x0 == 0 {
		d.touches++
	}
	if c.y0 == 0 {
		d.touches++
	}
	if c.x1 == a.pw-1 {
		d.touches++
	}
	if c.y1 == a.ph-1 {
		d.touches++
	}
	return d
}

// comp is one connected component of a labelling.
type comp struct {
	id             int32
	labels         []int32
	area           int
	x0, y0, x1, y1 int
}

// components labels the 4-connected regions of pixels where in is true
// and returns those of at least minArea pixels. labels is scratch space of
// w*h entries, overwritten.
func components(w, h int, labels []int32, in func(int) bool, minArea int) []comp {
	clear(labels)
	var out []comp
	var stack []int32
	next := int32(0)
	for i := range labels {
		if labels[i] != 0 || !in(i) {
			continue
		}
		next++
		c := comp{id: next, labels: labels, x0: w, y0: h, x1: -1, y1: -1}
		labels[i] = next
		stack = append(stack[:0], int32(i))
		for len(stack) > 0 {
			j := int(stack[len(stack)-1])
			stack = stack[:len(stack)-1]
			x, y := j%w, j/w
			c.area++
			c.x0, c.x1, c.y0, c.y1 = min(c.x0, x), max(c.x1, x), min(c.y0, y), max(c.y1, y)
			for _, k := range [4]int{j - 1, j + 1, j - w, j + w} {
				if k < 0 || k >= len(labels) || (k == j-1 && x == 0) || (k == j+1 && x == w-1) {
					continue
				}
				if labels[k] == 0 && in(k) {
					labels[k] = next
					stack = append(stack, int32(k))
				}
			}
		}
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
