package photo

import (
	"math"

	"github.com/kycd/kycd/checks/face"
	"github.com/kycd/kycd/checks/photo/internal/coef"
	"github.com/kycd/kycd/reason"
)

// subject returns the plane mask of what the photo is about: the document,
// else the largest face's box, else nil (the whole frame).
func (a *analysis) subject() []bool {
	if a.doc != nil {
		return a.doc.mask
	}
	if len(a.faces) > 0 {
		f := a.faces[0]
		m := make([]bool, a.pw*a.ph)
		for y := max(0, f.y0); y <= min(a.ph-1, f.y1); y++ {
			for x := max(0, f.x0); x <= min(a.pw-1, f.x1); x++ {
				m[y*a.pw+x] = true
			}
		}
		return m
	}
	return nil
}

// exposure measures the subject's luma and reports too dark or washed out.
// It returns false when the photo is unusable for the other measures.
func (a *analysis) exposure() bool {
	mask := a.subject()
	var sum float64
	var n, bright int
	for i, p := range a.plane {
		if mask != nil && !mask[i] {
			continue
		}
		sum += float64(p)
		n++
		if float64(p) >= a.cfg.BrightLuma {
			bright++
		}
	}
	if n == 0 {
		return true
	}
	var all float64
	for _, p := range a.plane {
		all += float64(p)
	}
	mean := sum / float64(n)
	share := float64(bright) / float64(n)
	a.metrics["luma_mean"] = round3(all / float64(len(a.plane)))
	a.metrics["subject_luma_mean"] = round3(mean)
	a.metrics["subject_bright_share"] = round3(share)
	switch {
	case mean < a.cfg.DarkMean:
		a.add("photo.too_dark")
		return false
	case share > a.cfg.OverexposedShare:
		a.add("photo.overexposed")
		return false
	}
	return true
}

// sharpness is the median share of AC energy above the coarsest band
// (u+v ≥ 3) over the subject's most textured blocks. Those are the edges of
// text, portrait and card outline; blur moves their energy into the lowest
// frequencies whatever the contrast, so the share does not depend on how
// light or dark the photo is.
//
// A document is measured on the photo's own 8×8 blocks: its text must be
// legible at full resolution. A face is measured at the plane's scale
// instead (blocks of the 1/4 or 1/8 image around it): a selfie only needs
// to be sharp at the size of the face, and front cameras and zoomed faces
// are soft at the pixel level.
func (a *analysis) sharpness() {
	var s float64
	var ok bool
	switch {
	case a.doc != nil:
		mask := a.doc.mask
		f := 8 / a.scale // plane pixels per block: 1 (1/8 scale) or 2 (1/4)
		at := func(bx, by int) bool {
			x, y := bx*f, by*f
			return x >= 0 && y >= 0 && x < a.pw && y < a.ph && mask[y*a.pw+x]
		}
		// A block counts when its neighbours are inside too, so the
		// background beyond the outline is never measured.
		s, ok = a.blockSharpness(a.e1, a.e2, a.e3, a.bw, a.bh, func(bx, by int) bool {
			return at(bx, by) && at(bx-1, by) && at(bx+1, by) && at(bx, by-1) && at(bx, by+1)
		})
	case len(a.faces) > 0:
		f := a.faces[0]
		x0, y0 := max(0, f.x0), max(0, f.y0)
		x1, y1 := min(a.pw-1, f.x1), min(a.ph-1, f.y1)
		w, h := x1-x0+1, y1-y0+1
		if w < 24 || h < 24 {
			return
		}
		crop := make([]uint8, w*h)
		for y := range h {
			copy(crop[y*w:(y+1)*w], a.plane[(y0+y)*a.pw+x0:])
		}
		b := coef.FromGray(crop, w, h)
		s, ok = a.blockSharpness(b.E1, b.E2, b.E3, b.BW, b.BH, func(int, int) bool { return true })
	default:
		s, ok = a.blockSharpness(a.e1, a.e2, a.e3, a.bw, a.bh, func(bx, by int) bool {
			// The central 60 % of the frame.
			return bx*5 >= a.bw && bx*5 < 4*a.bw && by*5 >= a.bh && by*5 < 4*a.bh
		})
	}
	if !ok {
		return
	}
	a.metrics["sharpness"] = round3(s)
	limit := a.cfg.MinSharpness
	if a.doc == nil && len(a.faces) > 0 {
		limit = a.cfg.MinFaceSharpness
	}
	if s < limit {
		a.add("photo.blurry")
	}
}

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

// glare looks for the largest saturated blob on the document.
func (a *analysis) glare() {
	mask := a.subject()
	x0, y0, x1, y1 := 0, 0, a.pw-1, a.ph-1
	area := a.pw * a.ph
	if a.doc != nil {
		x0, y0, x1, y1, area = a.doc.x0, a.doc.y0, a.doc.x1, a.doc.y1, a.doc.area
	}
	in := func(i int) bool {
		return (mask == nil || mask[i]) && float64(a.plane[i]) >= a.cfg.GlareLuma
	}
	labels := make([]int32, a.pw*a.ph)
	var big *comp
	for _, c := range components(a.pw, a.ph, labels, in, 1) {
		if big == nil || c.area > big.area {
			c := c
			big = &c
		}
	}
	share := 0.0
	if big != nil {
		share = float64(big.area) / float64(area)
	}
	a.metrics["glare_share"] = round3(share)
	if big == nil || share < a.cfg.GlareMinShare {
		return
	}
	// Where: the blob's centre in thirds of the document.
	cx := float64(big.x0+big.x1)/2 - float64(x0)
	cy := float64(big.y0+big.y1)/2 - float64(y0)
	col := min(2, int(3*cx/float64(x1-x0+1)))
	row := min(2, int(3*cy/float64(y1-y0+1)))
	key := [3][3]string{
		{"top_left", "top", "top_right"},
		{"left", "center", "right"},
		{"bottom_left", "bottom", "bottom_right"},
	}[row][col]
	a.add("photo.glare", "region_code", key,
		"region", reason.T("en", "photo.region."+key), "region_zh", reason.T("zh-CN", "photo.region."+key))
}

// clutter measures the share of background pixels on strong edges. At the
// analysis scale (~1/8) fine texture such as a wooden or woven desk is
// averaged away, while objects — papers, keyboards, other people — keep
// their outlines.
func (a *analysis) clutter() {
	bg := make([]bool, a.pw*a.ph)
	switch {
	case a.doc != nil:
		mx, my := a.pw*3/100+1, a.ph*3/100+1
		for y := range a.ph {
			for x := range a.pw {
				bg[y*a.pw+x] = x < a.doc.x0-mx || x > a.doc.x1+mx || y < a.doc.y0-my || y > a.doc.y1+my
			}
		}
	case a.kind == Selfie && len(a.faces) > 0:
		// The person: the face and the shoulders below it.
		f := a.faces[0]
		s := f.x1 - f.x0
		for y := range a.ph {
			for x := range a.pw {
				bg[y*a.pw+x] = y < f.y0-s/2 || x < f.x0-s || x > f.x1+s
			}
		}
	default:
		return
	}
	var n, edges int
	for y := 0; y+1 < a.ph; y++ {
		for x := 0; x+1 < a.pw; x++ {
			i := y*a.pw + x
			if !bg[i] || !bg[i+1] || !bg[i+a.pw] {
				continue
			}
			n++
			p := int(a.plane[i])
			dx, dy := abs(int(a.plane[i+1])-p), abs(int(a.plane[i+a.pw])-p)
			if float64(max(dx, dy)) >= a.cfg.ClutterEdge {
				edges++
			}
		}
	}
	if n < len(a.plane)/20 {
		return // too little background to judge
	}
	c := float64(edges) / float64(n)
	a.metrics["background_clutter"] = round3(c)
	if c > a.cfg.MaxClutter {
		f := reason.New("photo.background_cluttered")
		if a.cfg.ClutterBlocking {
			f.Severity = reason.Blocking
		}
		a.findings = append(a.findings, f)
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// faceBox is a detected face in plane coordinates.
type faceBox struct {
	x0, y0, x1, y1 int
	score          float64
}

// detectFaces runs the cascade on the plane: the whole of it for a selfie,
// the document's box for a portrait.
func (a *analysis) detectFaces() {
	x0, y0, w, h := 0, 0, a.pw, a.ph
	pix := a.plane
	p := face.Params{MinScore: a.cfg.FaceMinScore, Workers: max(1, a.cfg.Workers)}
	if a.kind == Selfie {
		// Small faces are searched too, to say "too small" rather than
		// "no face".
		p.MinSize = max(16, min(w, h)/12)
	} else {
		if a.doc != nil {
			x0, y0 = a.doc.x0, a.doc.y0
			w, h = a.doc.x1-a.doc.x0+1, a.doc.y1-a.doc.y0+1
			pix = make([]uint8, w*h)
			for y := range h {
				copy(pix[y*w:(y+1)*w], a.plane[(y0+y)*a.pw+x0:])
			}
		}
		p.MinSize = max(16, int(a.cfg.PortraitMinShare*float64(min(w, h))))
	}
	for _, f := range face.Detect(pix, w, h, p) {
		r := f.Size / 2
		a.faces = append(a.faces, faceBox{x0 + f.X - r, y0 + f.Y - r, x0 + f.X + r, y0 + f.Y + r, f.Score})
	}
	a.metrics["faces"] = float64(len(a.faces))
	if len(a.faces) > 0 {
		a.metrics["face_score"] = math.Round(a.faces[0].score*10) / 10
		a.metrics["face_share"] = round3(float64(a.faces[0].x1-a.faces[0].x0) / float64(min(a.pw, a.ph)))
	}
}

func (a *analysis) faceFindings() {
	switch {
	case a.kind == Selfie:
		switch {
		case len(a.faces) == 0:
			a.add("photo.no_face")
		case len(a.faces) > 1:
			a.add("photo.multiple_faces")
		case a.metrics["face_share"] < a.cfg.SelfieMinFaceShare:
			a.add("photo.face_too_small")
		}
	case a.kind.hasPortrait():
		// On a photo too small to read, a missed portrait is a consequence,
		// not a second problem to fix.
		if len(a.faces) == 0 && !a.has("photo.resolution_low") {
			a.add("photo.no_face")
		}
	}
}

func (a *analysis) has(code string) bool {
	for _, f := range a.findings {
		if f.Code == code {
			return true
		}
	}
	return false
}
