package photo

import (
	"math"

	"github.com/kycd/kycd/reason"
)

// blockSharpness computes the sharpness measure over the bw×bh block grid
// where inside holds; false when too few blocks carry any texture. Both
// quantiles come from histograms (energy on a log scale, the share on a
// linear one) rather than sorts: a 12 MP photo has 190 000 blocks, and
// 1/256 of a decade or of the share is far finer than any threshold.
func (a *analysis) blockSharpness(e1, e2, e3 []float32, bw, bh int, inside func(bx, by int) bool) (float64, bool) {
	const bins = 1024
	const decades = 12 // energies from 1 to 1e12
	var th [bins]int32
	n := 0
	bin := func(t float32) int {
		return min(bins-1, max(0, int(math.Log10(float64(t))*bins/decades)))
	}
	for by := range bh {
		for bx := range bw {
			i := by*bw + bx
			t := e1[i] + e2[i] + e3[i]
			if t <= 0 || !inside(bx, by) {
				continue
			}
			th[bin(t)]++
			n++
		}
	}
	if n < 12 {
		return 0, false // nothing to judge: a blank subject
	}
	// The lowest energy bin of the most textured share of blocks.
	want := max(6, int(float64(n)*a.cfg.SharpBlockShare))
	cut, acc := 0, 0
	for cut = bins - 1; cut > 0; cut-- {
		if acc += int(th[cut]); acc >= want {
			break
		}
	}
	var rh [bins]int32
	m := 0
	for by := range bh {
		for bx := range bw {
			i := by*bw + bx
			t := e1[i] + e2[i] + e3[i]
			if t <= 0 || bin(t) < cut || !inside(bx, by) {
				continue
			}
			rh[min(bins-1, int((e2[i]+e3[i])/t*bins))]++
			m++
		}
	}
	acc = 0
	for i, c := range rh {
		if acc += int(c); 2*acc >= m {
			return (float64(i) + 0.5) / bins, true
		}
	}
	return 1, true
}

// clutter measures the share of background pixels on strong edges. At the
// analysis scale (~1/8) fine texture such as a wooden or woven desk is
// averaged away, while objects — papers, keyboards, other people — keep
// their outlines.
func (a *analysis) clutter() { a.reportClutter(a.clutterShare()) }

// reportClutter records a share measured by clutterShare.
func (a *analysis) reportClutter(c float64, ok bool) {
	if !ok {
		return
	}
	a.metrics["background_clutter"] = round3(c)
	if c > a.cfg.MaxClutter {
		f := reason.New("photo.background_cluttered")
		if a.cfg.ClutterBlocking {
			f.Severity = reason.Blocking
		}
		a.findings = append(a.findings, f)
	}
}

// clutterShare is the share of background pixels on strong edges; false
// when there is too little background to judge. It only reads the plane,
// the document's box and the faces.
func (a *analysis) clutterShare() (float64, bool) {
	// The plane, its size and the document's box in locals, and rows
	// sliced to one length: read through a on every pixel (bg's stores
	// might have changed them, for all the compiler knew) and with bounds
	// checks, this was 12 M instructions a check.
	pw, ph, plane := a.pw, a.ph, a.plane
	bg := make([]bool, pw*ph)
	switch {
	case a.doc != nil:
		mx, my := pw*3/100+1, ph*3/100+1
		bx0, bx1, by0, by1 := a.doc.x0-mx, a.doc.x1+mx, a.doc.y0-my, a.doc.y1+my
		for y := range ph {
			row := bg[y*pw : y*pw+pw]
			for x := range row {
				row[x] = x < bx0 || x > bx1 || y < by0 || y > by1
			}
		}
	case a.kind == Selfie && len(a.faces) > 0:
		// The person: the face and the shoulders below it.
		f := a.faces[0]
		s := f.x1 - f.x0
		for y := range ph {
			row := bg[y*pw : y*pw+pw]
			for x := range row {
				row[x] = y < f.y0-s/2 || x < f.x0-s || x > f.x1+s
			}
		}
	default:
		return 0, false
	}
	edge := a.cfg.ClutterEdge
	var n, edges int
	for y := 0; y+1 < ph; y++ {
		b, bd := bg[y*pw:y*pw+pw], bg[(y+1)*pw:][:pw]
		p, pd := plane[y*pw:][:len(b)], plane[(y+1)*pw:][:len(b)]
		for x := 0; x+1 < len(b); x++ {
			if !b[x] || !b[x+1] || !bd[x] {
				continue
			}
			n++
			v := int(p[x])
			dx, dy := abs(int(p[x+1])-v), abs(int(pd[x])-v)
			if float64(max(dx, dy)) >= edge {
				edges++
			}
		}
	}
	if n < len(plane)/20 {
		return 0, false // too little background to judge
	}
	return float64(edges) / float64(n), true
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func (a *analysis) has(code string) bool {
	for _, f := range a.findings {
		if f.Code == code {
			return true
		}
	}
	return false
}

// replace puts finding code to in place of from, its parameters dropped:
// for a finding that turns out to be a consequence of another.
func (a *analysis) replace(from, to string) {
	for i, f := range a.findings {
		if f.Code == from {
			a.findings[i] = reason.New(to)
		}
	}
}
