package photo

import (
	"math"
	"slices"
	"strconv"

	"github.com/kycd/kycd/checks/face"
	"github.com/kycd/kycd/checks/photo/internal/coef"
	"github.com/kycd/kycd/checks/photo/internal/geom"
)

// run measures everything and decides.
func (a *analysis) run() {
	a.metrics["width"], a.metrics["height"] = float64(a.w), float64(a.h)
	if a.kind == Selfie {
		a.runSelfie()
		return
	}
	a.runDocument()
}

// lumaStats summarises a grey image (or part of one).
type lumaStats struct {
	p5, p50, p95, p99, mean float64
	clipped                 float64 // share at or above BrightLuma
	n                       int
}

func (a *analysis) stats(pix []uint8, keep func(i int) bool) lumaStats {
	var hist [256]int
	var sum float64
	n := 0
	for i, p := range pix {
		if keep != nil && !keep(i) {
			continue
		}
		hist[p]++
		sum += float64(p)
		n++
	}
	return a.statsOf(&hist, sum, n)
}

// statsIn is stats over the rectangle [x0, x1)×[y0, y1) of a grey image
// of width w: the same pixels in the same order as with a keep function
// for it, without asking it of every pixel.
func (a *analysis) statsIn(pix []uint8, w, x0, y0, x1, y1 int) lumaStats {
	var hist [256]int
	var sum float64
	n := 0
	for y := y0; y < y1; y++ {
		for _, p := range pix[y*w+x0 : y*w+max(x0, x1)] {
			hist[p]++
			sum += float64(p)
			n++
		}
	}
	return a.statsOf(&hist, sum, n)
}

func (a *analysis) statsOf(hist *[256]int, sum float64, n int) lumaStats {
	s := lumaStats{n: n}
	if s.n == 0 {
		return s
	}
	s.mean = sum / float64(s.n)
	q := func(f float64) float64 {
		want, acc := int(f*float64(s.n)), 0
		for v, c := range hist {
			if acc += c; acc > want {
				return float64(v)
			}
		}
		return 255
	}
	s.p5, s.p50, s.p95, s.p99 = q(0.05), q(0.5), q(0.95), q(0.99)
	bright := 0
	for v := int(a.cfg.BrightLuma); v < 256; v++ {
		bright += hist[v]
	}
	s.clipped = float64(bright) / float64(s.n)
	return s
}

// runDocument: locate, then rectify, then judge the document on its own
// terms. A finding about the document's presence (none, several, too
// small, cut off) ends the check: nothing can be said about the print of a
// document that is not properly in the picture.
func (a *analysis) runDocument() {
	docs, cropped := a.locate()
	a.metrics["documents_found"] = float64(len(docs))
	planeArea := float64(a.pw * a.ph)
	if len(docs) == 0 {
		a.metrics["document_found"] = 0
		// Too dark or washed out to see anything: that is the thing to fix.
		st := a.stats(a.plane, nil)
		a.metrics["luma_p99"], a.metrics["clipped_share"] = st.p99, round3(st.clipped)
		switch {
		case st.p99 < a.cfg.DarkFrameP99:
			// So dark that a card in it may not have been seen: light
			// is what to fix. A frame only as dark as a dark desk in an
			// ordinary room is not (see DarkFrameP99).
			a.add("photo.too_dark")
		case st.clipped > a.cfg.FrameOverexposedShare:
			a.add("photo.overexposed")
		case cropped != nil && a.documentLike(*cropped, "cropped"):
			a.setQuad(cropped.q)
			// A phone or monitor filling the frame is a cut-off outline
			// too: its screen says more than its cut.
			switch {
			case a.screenCapture():
			case a.washedOut(cropped.q):
				// An over-exposed two-tone card whose white half melted
				// into the blown desk: what is left of it reaches the
				// frame's edge, and the light is what to fix.
				a.add("photo.overexposed")
			default:
				a.add("photo.document_cropped")
			}
		case a.screenFrame():
		default:
			a.add("photo.document_not_found")
		}
		return
	}
	a.metrics["document_found"] = 1
	if len(docs) > 1 && docs[1].area >= a.cfg.MultipleDocumentRatio*docs[0].area {
		// A phone showing a card gives two outlines of a document's
		// size (the phone's and the card's): its screen says more.
		if a.screenFrame() {
			return
		}
		// Counted as the person sees them: outlines of a document's
		// size, not a small printed block elsewhere.
		count := 0
		for _, d := range docs {
			if d.area >= a.cfg.MultipleDocumentRatio*docs[0].area {
				count++
			}
		}
		a.add("photo.multiple_documents", "count", strconv.Itoa(count))
		return
	}
	d := docs[0]
	a.setQuad(d.q)
	// A document shown on a screen: nothing else about it matters (its
	// framing is the screen's, its print and portrait are pixels), the
	// retry is the real document. Judged first, as a phone showing a card
	// often fills the frame and takes its outline for a cut-off document.
	if a.screenCapture() {
		return
	}
	a.metrics["document_share"] = round3(d.area / planeArea)
	a.metrics["document_aspect"] = round3(d.aspect)
	a.metrics["document_edge_support"] = round3(d.support)
	// A cut-off outline only partly on edges beside a whole one that
	// carries print is the desk (two squares of a checked tablecloth
	// joined at the frame's corner), not a second, cut-off document: the
	// whole one is judged.
	if cropped != nil && cropped.area > d.area && a.documentLike(*cropped, "cropped") &&
		(cropped.support >= a.cfg.MinEdgeSupport || !a.documentLike(d, "")) {
		a.add("photo.document_cropped")
		return
	}
	if d.area/planeArea < a.cfg.MinDocumentShare {
		// A light card in a washed-out photo melts into the blown desk
		// and only a part of it is found: the light is what to fix, not
		// the distance.
		st := a.stats(a.plane, nil)
		a.metrics["luma_p99"], a.metrics["clipped_share"] = st.p99, round3(st.clipped)
		switch {
		case st.clipped > a.cfg.FrameOverexposedShare:
			a.add("photo.overexposed")
		case st.p99 < a.cfg.DarkFrameP99:
			// Only a part of an under-exposed card stood out.
			a.add("photo.too_dark")
		case a.screenFrame():
		case !a.documentLike(d, "document") || skewed(d.q):
			// A small outline with nothing printed in it is a tile or
			// an object on the desk, not a document far away; nor is
			// one narrowing both ways, made of parts of several things
			// (a phone face down and the cup beside it, a building's
			// lit windows).
			a.add("photo.document_not_found")
		case a.blurredPast(d.q, 2):
			// A card smeared so far that only a part of it (its
			// portrait, a block of print) kept an outline: the blur
			// is what to fix, not the distance.
			a.add("photo.blurry")
		default:
			a.add("photo.document_too_small")
		}
		return
	}
	var m float64 = 1
	for _, p := range d.q {
		m = min(m, p.X/float64(a.pw), p.Y/float64(a.ph), 1-p.X/float64(a.pw), 1-p.Y/float64(a.ph))
	}
	a.metrics["document_margin"] = round3(m)
	if m < a.cfg.EdgeMargin {
		a.add("photo.document_cropped")
		return
	}
	// The background is measured while the document is rectified: it
	// needs only the outline's box.
	type share struct {
		v  float64
		ok bool
	}
	clutter := soon(a, func() share {
		v, ok := a.clutterShare()
		return share{v, ok}
	})
	// For the sharpness, from the blocks, around the outline as it is now
	// (rectify may take its corners in another order).
	qd := a.quad
	quarter := soon(a, func() quarterImage { return a.quarterAround(qd) })
	a.rectify()
	if len(a.faces) > 0 && d.area/planeArea < a.cfg.SecondCardShare && a.secondPortrait(d.q) {
		a.add("photo.multiple_documents", "count", "2")
		return
	}
	if !a.documentExposure() {
		// A dark card's pale print, smeared into its ground by a heavy
		// blur, no longer reaches DarkP99 although the room was lit:
		// the blur is what to fix (an under-exposed photo's edges keep
		// their width).
		if a.has("photo.too_dark") && a.blurredPast(d.q, 1.1) {
			a.replace("photo.too_dark", "photo.blurry")
		}
		return
	}
	long := math.Max(d.q.Side(0), d.q.Side(1)) * float64(a.scale)
	a.metrics["document_pixels"] = math.Round(long)
	if long < float64(a.cfg.MinDocumentPixels) {
		// Too few pixels on the document: the camera's when even a card
		// framed as people frame one (a quarter of the frame) would have
		// too few; the distance's when it would have enough, and then
		// "move closer" is the fix, not another camera.
		if framed := long * math.Sqrt(ordinaryShare*planeArea/d.area); framed >= float64(a.cfg.MinDocumentPixels) {
			a.metrics["document_pixels_framed"] = math.Round(framed)
			// As for any document too small, a phone or monitor held
			// close may show it: the whole frame's windows are asked
			// first (those inside the small outline were, above).
			if !a.screenFrame() {
				a.add("photo.document_too_small")
			}
			return
		}
		a.add("photo.resolution_low", "width", strconv.Itoa(a.w), "height", strconv.Itoa(a.h))
	}
	a.documentSharpness(quarter.get())
	glare := a.glare()
	if !glare && !a.has("photo.blurry") && !a.has("photo.resolution_low") {
		glare = a.sheen()
	}
	// On a photo too small or too blurred to read, a missed portrait is a
	// consequence, not a second problem to fix; so it is under glare,
	// which hides a portrait it lies on (the retry for both is the same
	// photo without the reflection).
	if a.kind.hasPortrait() && len(a.faces) == 0 && !glare && !a.has("photo.resolution_low") && !a.has("photo.blurry") {
		// A card with a coloured ground keeps its median below clipping
		// when over-exposed, while its white parts and the portrait wash
		// out: with a third of it clipped, the light is what to fix.
		switch {
		case a.metrics["document_clipped_share"] > a.cfg.WashedOutShare:
			a.add("photo.overexposed")
		case (a.metrics["edge_width_x"] == 0 || a.metrics["edge_width_y"] == 0) && a.blurredPast(d.q, 1.1):
			// Shaken past what the document's own edge walk reaches
			// across the shake: it measured edges one way only (those
			// running along the shake), and the portrait was lost to
			// the blur. A card whose edges were measured both ways is
			// judged by them: around a small card the plane's long
			// walk also reads a soft desk (marble's veins) as blur.
			a.add("photo.blurry")
		default:
			a.add("photo.no_portrait")
		}
	}
	c := clutter.get()
	a.reportClutter(c.v, c.ok)
}

// ordinaryShare is the least share of the frame a document covers as
// people frame one (the corpus's ordinary framings 0.25–0.58).
const ordinaryShare = 0.25

// setQuad records the outline (plane coordinates) and reports it in photo
// pixels.
func (a *analysis) setQuad(q geom.Quad) {
	a.quad = q
	x0, y0, x1, y1 := a.pw, a.ph, 0, 0
	for _, p := range q {
		x0, y0 = min(x0, int(p.X)), min(y0, int(p.Y))
		x1, y1 = max(x1, int(math.Ceil(p.X))), max(y1, int(math.Ceil(p.Y)))
	}
	a.doc = &document{x0: max(0, x0), y0: max(0, y0), x1: min(a.pw-1, x1), y1: min(a.ph-1, y1)}
	a.putQuad()
}

func (a *analysis) putQuad() {
	s := float64(a.scale)
	for i, p := range a.quad {
		k := strconv.Itoa(i)
		a.metrics["quad_x"+k] = math.Round(p.X * s)
		a.metrics["quad_y"+k] = math.Round(p.Y * s)
	}
}

// rectify resamples the document to an upright rectangle at the plane's
// resolution, and decides which way up it lies. The outline's first side
// runs along the document's long axis; for a document with a portrait the
// face detector then says whether it is upside down. The card is accepted
// in any orientation and shown upright (metrics orientation, quad corners
// in the document's own order: top left, top right, bottom right, bottom
// left).
func (a *analysis) rectify() {
	q := a.quad
	if q.Side(0)+q.Side(2) < q.Side(1)+q.Side(3) {
		q = geom.Quad{q[1], q[2], q[3], q[0]}
	}
	angle := math.Atan2(q[1].Y-q[0].Y, q[1].X-q[0].X) * 180 / math.Pi
	// Of the two ways round, prefer the one nearer to how it is seen.
	if angle > 90 || angle <= -90 {
		q = geom.Quad{q[2], q[3], q[0], q[1]}
		angle = math.Atan2(q[1].Y-q[0].Y, q[1].X-q[0].X) * 180 / math.Pi
	}
	rw := int(math.Round((q.Side(0) + q.Side(2)) / 2))
	rh := int(math.Round((q.Side(1) + q.Side(3)) / 2))
	rw, rh = max(rw, 8), max(rh, 8)
	a.rw, a.rh = rw, rh
	a.rect = a.warp(q, rw, rh)
	a.orientKnown = false
	if a.kind.hasPortrait() {
		f := a.portraits(a.rect)
		if len(f) == 0 {
			r180 := make([]uint8, len(a.rect))
			for i, p := range a.rect {
				r180[len(a.rect)-1-i] = p
			}
			if f2 := a.portraits(r180); len(f2) > 0 {
				a.rect, f = r180, f2
				q = geom.Quad{q[2], q[3], q[0], q[1]}
				angle += 180
			}
		}
		if len(f) == 0 && min(rw, rh) < smallCard {
			var turned bool
			if f, turned = a.portraitsTwice(q); turned {
				r180 := make([]uint8, len(a.rect))
				for i, p := range a.rect {
					r180[len(a.rect)-1-i] = p
				}
				a.rect = r180
				q = geom.Quad{q[2], q[3], q[0], q[1]}
				angle += 180
			}
		}
		if len(f) == 0 {
			// A card printed upright on its short side (a vertical
			// licence): its portrait stands a quarter turn from the
			// outline's long axis, either way.
			if f2, turned, quarter := a.portraitsQuarter(q); len(f2) > 0 {
				f, q, a.rect = f2, quarter, turned
				a.rw, a.rh = a.rh, a.rw
				angle = math.Atan2(q[1].Y-q[0].Y, q[1].X-q[0].X) * 180 / math.Pi
				a.metrics["document_vertical"] = 1
			}
		}
		a.faces = f
		a.orientKnown = len(f) > 0
		a.metrics["faces"] = float64(len(f))
		if len(f) > 0 {
			a.metrics["face_score"] = math.Round(f[0].score*10) / 10
		}
	}
	a.quad = q
	a.putQuad()
	angle = math.Mod(angle+360, 360)
	a.metrics["document_angle"] = math.Round(angle*10) / 10
	a.metrics["orientation"] = float64(int(math.Round(angle/90))%4) * 90
	if a.orientKnown {
		a.metrics["orientation_known"] = 1
	} else {
		a.metrics["orientation_known"] = 0
	}
}

// warp samples the plane inside q onto a w×h rectangle (bilinear).
func (a *analysis) warp(q geom.Quad, w, h int) []uint8 {
	dst := geom.Quad{{X: 0, Y: 0}, {X: float64(w), Y: 0}, {X: float64(w), Y: float64(h)}, {X: 0, Y: float64(h)}}
	hm, ok := geom.FromQuads(dst, q)
	out := make([]uint8, w*h)
	if !ok {
		return out
	}
	// Each pixel on its own: the rows are shared between two workers.
	rows := func(y0, y1 int) struct{} {
		for y := y0; y < y1; y++ {
			for x := range w {
				p := hm.Apply(geom.Pt{X: float64(x) + 0.5, Y: float64(y) + 0.5})
				out[y*w+x] = bilinear8(a.plane, a.pw, a.ph, p.X-0.5, p.Y-0.5)
			}
		}
		return struct{}{}
	}
	top := soon(a, func() struct{} { return rows(0, h/2) })
	rows(h/2, h)
	top.get()
	return out
}

func bilinear8(pix []uint8, w, h int, fx, fy float64) uint8 {
	if fx >= 0 && fy >= 0 && fx < float64(w-1) && fy < float64(h-1) {
		// Inside, where no neighbour is clamped (nearly every pixel of a
		// warp): the same sums without the clamps, and the truncation is
		// the floor. A third of the instructions.
		x0, y0 := int(fx), int(fy)
		ax, ay := fx-float64(x0), fy-float64(y0)
		i := y0*w + x0
		r0, r1 := pix[i:i+2], pix[i+w:i+w+2]
		p00, p01, p10, p11 := float64(r0[0]), float64(r0[1]), float64(r1[0]), float64(r1[1])
		t := p00 + (p01-p00)*ax
		b := p10 + (p11-p10)*ax
		return uint8(math.Round(min(255, max(0, t+(b-t)*ay))))
	}
	x0, y0 := int(math.Floor(fx)), int(math.Floor(fy))
	ax, ay := fx-float64(x0), fy-float64(y0)
	at := func(x, y int) float64 {
		return float64(pix[min(max(y, 0), h-1)*w+min(max(x, 0), w-1)])
	}
	t := at(x0, y0) + (at(x0+1, y0)-at(x0, y0))*ax
	b := at(x0, y0+1) + (at(x0+1, y0+1)-at(x0, y0+1))*ax
	return uint8(math.Round(min(255, max(0, t+(b-t)*ay))))
}

// portraits runs the face detector on an upright document image.
func (a *analysis) portraits(pix []uint8) []faceBox {
	return a.portraitsIn(pix, a.rw, a.rh, 1)
}

// portraitsIn runs the face detector on an upright w×h document image
// drawn at k times the rectified card's scale, and returns the faces in
// the rectified card's pixels.
func (a *analysis) portraitsIn(pix []uint8, w, h, k int) []faceBox {
	p := face.Params{MinScore: a.cfg.FaceMinScore, Workers: max(1, a.cfg.Workers),
		MinSize: max(16, int(a.cfg.PortraitMinShare*float64(min(w, h))))}
	var out []faceBox
	for _, f := range face.Detect(pix, w, h, p) {
		r := f.Size / 2
		out = append(out, faceBox{(f.X - r) / k, (f.Y - r) / k, (f.X + r) / k, (f.Y + r) / k, f.Score})
	}
	return out
}

// smallCard: a rectified card whose short side is below this many plane
// pixels (a card filling 60 % of a 1280-px photo, at quarter scale) has a
// portrait of 40–60 pixels, its face half that: at that size the
// cascade's pixel comparisons fall between the few pixels of an eye or a
// mouth, and a halftoned or soft portrait scores 3–5 where it needs
// FaceMinScore (calibration: dark_on_dark_05, halftone_cmyk_02).
const smallCard = 180

// portraitsTwice looks for the portrait of a small card on the card drawn
// again at twice its size (bilinear from the plane, both ways up): the
// same pixels, but each comparison of the cascade now falls on a feature
// instead of between two. The same portraits scored 25–38 there against
// 3–5; card backs, with no portrait, still score nothing. Only for a
// small card whose portrait the first search missed. It returns the
// faces in the rectified card's pixels and whether the card lies upside
// down.
func (a *analysis) portraitsTwice(q geom.Quad) ([]faceBox, bool) {
	w, h := 2*a.rw, 2*a.rh
	big := a.warp(q, w, h)
	if f := a.portraitsIn(big, w, h, 2); len(f) > 0 {
		a.metrics["portrait_scale"] = 2
		return f, false
	}
	slices.Reverse(big)
	if f := a.portraitsIn(big, w, h, 2); len(f) > 0 {
		a.metrics["portrait_scale"] = 2
		return f, true
	}
	return nil, false
}

// portraitsQuarter looks for the portrait on the rectified card turned a
// quarter clockwise, then anticlockwise: a card printed upright on its
// short side. It returns the faces in the turned card's pixels, the turned
// card (rh wide, rw tall) and the outline with its corners in the turned
// card's order. Only for a card whose portrait was found neither way up,
// so a landscape card pays nothing; a card with no portrait (a back shown
// as a front) pays two more searches.
func (a *analysis) portraitsQuarter(q geom.Quad) ([]faceBox, []uint8, geom.Quad) {
	w, h := a.rh, a.rw // of the turned card
	turned := make([]uint8, len(a.rect))
	// Clockwise: the turned card's row y is the rectified card's column
	// y read upwards.
	for y := range h {
		for x := range w {
			turned[y*w+x] = a.rect[(a.rh-1-x)*a.rw+y]
		}
	}
	if f := a.portraitsIn(turned, w, h, 1); len(f) > 0 {
		return f, turned, geom.Quad{q[3], q[0], q[1], q[2]}
	}
	// Anticlockwise is the clockwise turn upside down.
	slices.Reverse(turned)
	if f := a.portraitsIn(turned, w, h, 1); len(f) > 0 {
		return f, turned, geom.Quad{q[1], q[2], q[3], q[0]}
	}
	return nil, nil, q
}

// documentExposure judges light on the document's own terms. The print's
// brightest part (99th percentile) says whether there was enough light:
// a navy card in a lit room still has white or pale print, while a card
// four or five stops under-exposed has nothing bright at all. Washed out
// means most of the document clipped to white *and* its darkest print
// lifted, so a white card with black text in good light passes.
func (a *analysis) documentExposure() bool {
	st := a.statsIn(a.rect, a.rw, a.rw/20, a.rh/20, a.rw-a.rw/20, a.rh-a.rh/20)
	a.metrics["document_luma_p5"] = st.p5
	a.metrics["document_luma_p50"] = st.p50
	a.metrics["document_luma_p99"] = st.p99
	a.metrics["document_clipped_share"] = round3(st.clipped)
	a.metrics["document_contrast"] = st.p99 - st.p5
	switch {
	case st.p99 < a.cfg.DarkP99:
		a.add("photo.too_dark")
		return false
	case st.clipped > a.cfg.OverexposedShare && st.p50 >= a.cfg.BrightLuma && !a.printHolds(st):
		a.add("photo.overexposed")
		return false
	case a.washedOutTwoTone(st):
		a.add("photo.overexposed")
		return false
	}
	return true
}

// washedOutTwoTone: an over-exposed two-tone card keeps its median under
// clipping (its coloured band holds it) while its white half clips and its
// print lifts; the portrait is then mostly gone, but the colour look can
// find the card whole and the portrait search may still find a trace of
// it (a score of 9.5 on calibration over_exposed_two_tone_14, against 8
// to count), and then no rule caught it. A portrait found that weakly on
// such a card is taken as washed out. Good cards in the calibration split
// with a third clipped and the print that light have their median
// clipped (white cards in a bright room) or a portrait scoring 17 or more.
func (a *analysis) washedOutTwoTone(st lumaStats) bool {
	return a.kind.hasPortrait() && len(a.faces) > 0 && a.faces[0].score < a.cfg.WeakPortraitScore &&
		st.clipped > a.cfg.WashedOutShare && st.p5 > a.cfg.OverexposedPrintP5 && st.p50 < a.cfg.BrightLuma
}

// printHolds says whether a document most of which is clipped still
// shows its print at full contrast: a white card in a bright room clips
// its ground (on a near-white desk the whole frame clips with it), while
// over-exposure lifts the print as well, the darkest text turning grey
// and the portrait washing out. So the ground's clipping alone says
// nothing: the print must be lifted (5th percentile above
// OverexposedPrintP5) and, on a kind with a portrait, the portrait lost,
// for the light to be what to fix. A card with sparse, small print has a
// light 5th percentile in a small photo, so a portrait found is enough.
// A portrait lost on a card whose print holds is judged after glare,
// which may have hidden it (and by WashedOutShare, which makes it
// photo.overexposed when nothing else explains it).
func (a *analysis) printHolds(st lumaStats) bool {
	return st.p5 <= a.cfg.OverexposedPrintP5 || (a.kind.hasPortrait() && len(a.faces) > 0)
}

// glare looks for specular highlights on the rectified document: clipped
// blobs whose surroundings fade out gradually (the halo a lamp leaves on
// laminate), unlike a printed white area such as the band behind a
// passport's machine-readable zone, whose edge is a sharp step. It
// reports whether it found one.
func (a *analysis) glare() bool {
	w, h := a.rw, a.rh
	labels := make([]int32, w*h)
	clipped := make([]bool, w*h)
	for i, v := range a.rect {
		clipped[i] = float64(v) >= a.cfg.GlareLuma
	}
	area := float64(w * h)
	minArea := max(2, int(a.cfg.GlareMinShare*area))
	var best *comp
	bestShare, bestHalo := 0.0, 0.0
	for _, c := range components(w, h, labels, clipped, minArea) {
		// A blob running across the document (three quarters of its
		// width or height or more: the outline may take in a little of
		// the desk, a portrait may end the band early) is a printed
		// band — a two-tone card's white half, a page's MRZ band —
		// however its blurred edge reads: a lamp's highlight is a spot.
		if 4*(c.x1-c.x0+1) >= 3*w || 4*(c.y1-c.y0+1) >= 3*h {
			continue
		}
		bw, bh := c.x1-c.x0+1, c.y1-c.y0+1
		if float64(c.area) < a.cfg.GlareFill*float64(bw*bh) ||
			float64(max(bw, bh)) > a.cfg.GlareMaxAspect*float64(min(bw, bh)) {
			continue
		}
		// A sliver along the card's edge is the edge of a printed white
		// area, or desk the outline took in, lit brighter than the print
		// beside it: a highlight is a spot.
		if a.atEdge(c) && float64(max(bw, bh)) > a.cfg.GlareSpotAspect*float64(min(bw, bh)) {
			continue
		}
		// Printed white ground holds its lines of print; a highlight
		// erases what lies under its core. A printed white box (a
		// fingerprint's) fills its box on the upright card; a
		// highlight is a round spot.
		if dark, solid := a.darkHoles(c, labels); dark > a.cfg.GlareMaxDarkHoles || solid > a.cfg.GlareMaxSolid {
			continue
		}
		halo := a.halo(c, labels)
		if halo >= a.cfg.GlareHalo && a.saturatedShare(c, labels) < a.cfg.GlareMinSaturated {
			// Lamp light reflected by laminate saturates the sensor
			// over most of its core; a pale print (a rosette on a
			// light card in a bright room) fades into its ground with
			// a halo of its own but stays below saturation.
			continue
		}
		if halo < a.cfg.GlareHalo {
			if float64(max(bw, bh)) > a.cfg.GlareSpotAspect*float64(min(bw, bh)) {
				continue
			}
			// With little of the card left away from a large spot there
			// is no ground to compare with: its erased print decides.
			if p99, ok := a.groundP99(c); ok && p99 > a.cfg.GlareGroundP99 {
				continue
			}
		}
		if s := float64(c.area) / area; s > bestShare {
			c := c
			best, bestShare, bestHalo = &c, s, halo
		}
	}
	if best == nil {
		best, bestShare = a.saturatedSpot(minArea)
	}
	a.metrics["glare_share"] = round3(bestShare)
	if best == nil {
		return false
	}
	a.metrics["glare_halo"] = round3(bestHalo)
	cx := float64(best.x0+best.x1) / 2
	cy := float64(best.y0+best.y1) / 2
	col := min(2, int(3*cx/float64(w)))
	row := min(2, int(3*cy/float64(h)))
	key := regionKey[row][col]
	// A code: the catalogue words it in the reader's language.
	a.add("photo.glare", "region", key)
	return true
}

// saturatedSpot finds glare on a white card, where neither the halo nor
// the ground rule can: the halo is clipped with the core, and the card's
// own ground is near white, so the blob at GlareLuma runs into the clipped
// ground (across the card, or as a patchy net around the print). Light
// reflected by laminate saturates the sensor; printed white, lit by the
// same room as the rest of the card, stays a few levels below it in the
// block means (noise pulls a block's mean under 255 unless every pixel is
// clipped). So the spot is looked for among the pixels at GlareCoreLuma,
// as a solid spot (GlareFill, GlareSpotAspect), on a card whose other
// parts do not reach saturation (99th percentile away from the spot at
// most GlareCoreGroundP99): over-exposure saturates a printed white
// everywhere it is printed, a lamp only where it is reflected.
func (a *analysis) saturatedSpot(minArea int) (*comp, float64) {
	w, h := a.rw, a.rh
	sat := make([]bool, w*h)
	for i, v := range a.rect {
		sat[i] = float64(v) >= a.cfg.GlareCoreLuma
	}
	area := float64(w * h)
	var best *comp
	bestShare := 0.0
	labels := make([]int32, w*h)
	for _, c := range components(w, h, labels, sat, minArea) {
		bw, bh := c.x1-c.x0+1, c.y1-c.y0+1
		if float64(c.area) < a.cfg.GlareFill*float64(bw*bh) ||
			float64(max(bw, bh)) > a.cfg.GlareSpotAspect*float64(min(bw, bh)) {
			continue
		}
		// A spot cut by the card's edge may be the end of a printed
		// white band lit more at that end: it counts only on a card
		// whose other parts stay further from saturation.
		dark, solid := a.darkHoles(c, labels)
		if solid > a.cfg.GlareMaxSolid {
			continue
		}
		limit := a.cfg.GlareCoreGroundP99
		if a.atEdge(c) {
			limit = a.cfg.GlareEdgeCoreP99
		}
		// A spot that leaves little of the card to compare with is
		// either most of a white card's ground, which holds its print,
		// or a large highlight, which has erased it: the print it
		// encloses decides. The saturated ground leaves a grey fringe
		// round each line of print out of the spot, so fewer dark
		// holes are enclosed than at GlareLuma: hence a lower limit.
		if s := float64(c.area) / area; s > bestShare {
			if p99, ok := a.groundP99(c); (ok && p99 <= limit) ||
				(!ok && dark <= a.cfg.GlareCoreMaxDarkHoles) {
				c := c
				best, bestShare = &c, s
			}
		}
	}
	if best != nil {
		a.metrics["glare_saturated"] = 1
	}
	return best, bestShare
}

// saturatedShare is the share of blob c's pixels at or above
// GlareCoreLuma.
func (a *analysis) saturatedShare(c comp, labels []int32) float64 {
	w, n := a.rw, 0
	for y := c.y0; y <= c.y1; y++ {
		for x := c.x0; x <= c.x1; x++ {
			if i := y*w + x; labels[i] == c.id && float64(a.rect[i]) >= a.cfg.GlareCoreLuma {
				n++
			}
		}
	}
	return float64(n) / float64(c.area)
}

// atEdge reports whether blob c reaches within 2 % of the rectified
// card's edge.
func (a *analysis) atEdge(c comp) bool {
	w, h := a.rw, a.rh
	return c.x0 <= w/50 || c.y0 <= h/50 || c.x1 >= w-1-w/50 || c.y1 >= h-1-h/50
}

// groundP99 is the 99th percentile of the document (5 % inset) away from
// blob c: outside its box grown by half its size and by the reach of the
// halo test, where a highlight adds nothing. On a card whose print and
// ground come nowhere near white, a clipped spot is light, not ink. It
// also says whether that leaves a fifth of the card to measure.
func (a *analysis) groundP99(c comp) (float64, bool) {
	w, h := a.rw, a.rh
	gx := max((c.x1-c.x0+1)/2, int(math.Ceil(a.edgeWidthPlane))+10)
	gy := max((c.y1-c.y0+1)/2, int(math.Ceil(a.edgeWidthPlane))+10)
	x0, y0, x1, y1 := c.x0-gx, c.y0-gy, c.x1+gx, c.y1+gy
	// Row by row, the box's columns left out of the rows it spans.
	var hist [256]int
	var sum float64
	n := 0
	add := func(row []uint8) {
		for _, p := range row {
			hist[p]++
			sum += float64(p)
			n++
		}
	}
	l, r := w/20, w-w/20
	for y := h / 20; y < h-h/20; y++ {
		row := a.rect[y*w : (y+1)*w]
		if y < y0 || y > y1 {
			add(row[l:r])
			continue
		}
		add(row[l:max(l, min(r, x0))])
		add(row[min(r, max(l, x1+1)):r])
	}
	// A blob whose grown box leaves under a fifth of the card has no
	// ground to compare with (false): the card says little about what
	// else of it is white.
	return a.statsOf(&hist, sum, n).p99, 5*n >= (r-l)*(h-2*(h/20))
}

// darkHoles is the share of blob c's filled area taken by print at full
// contrast that it encloses: pixels inside its box, not in it and cut off
// from the box's border by it, darker than GlareHoleLuma. A printed white
// ground holds its lines of print at their full darkness; a highlight
// erases the print under its core and only lifts it around it, so what
// it encloses is at most a few pale specks.
//
// It also gives the share of the blob's box that the blob fills with what
// it encloses (solid): a printed white box (a fingerprint's, a photo's
// frame) fills its box, as the rectified card is upright; a highlight is a
// round spot and fills at most π/4 of it.
func (a *analysis) darkHoles(c comp, labels []int32) (dark, solid float64) {
	w := a.rw
	bw, bh := c.x1-c.x0+1, c.y1-c.y0+1
	// Flood from the box's border through pixels not in the blob: what
	// it does not reach is enclosed.
	seen := make([]bool, bw*bh)
	stack := make([]int32, 0, 2*(bw+bh))
	in := func(x, y int) bool { return labels[(c.y0+y)*w+c.x0+x] == c.id }
	push := func(x, y int) {
		i := y*bw + x
		if !seen[i] && !in(x, y) {
			seen[i] = true
			stack = append(stack, int32(i))
		}
	}
	for x := range bw {
		push(x, 0)
		push(x, bh-1)
	}
	for y := range bh {
		push(0, y)
		push(bw-1, y)
	}
	for len(stack) > 0 {
		i := int(stack[len(stack)-1])
		stack = stack[:len(stack)-1]
		x, y := i%bw, i/bw
		if x > 0 {
			push(x-1, y)
		}
		if x < bw-1 {
			push(x+1, y)
		}
		if y > 0 {
			push(x, y-1)
		}
		if y < bh-1 {
			push(x, y+1)
		}
	}
	nDark, holes := 0, 0
	for y := range bh {
		for x := range bw {
			if seen[y*bw+x] || in(x, y) {
				continue
			}
			holes++
			if float64(a.rect[(c.y0+y)*w+c.x0+x]) < a.cfg.GlareHoleLuma {
				nDark++
			}
		}
	}
	return float64(nDark) / float64(c.area+holes), float64(c.area+holes) / float64(bw*bh)
}

// halo is how much brighter the document is just outside the blob than a
// little further out: the mean luma at distance e+1…e+3 minus that at
// e+6…e+10, where e is the width of the document's own edges (so a blurred
// photo's soft print edges are not taken for a halo). A printed white
// area ends in a step to its background, which is the same on both rings;
// glare is still lit by the highlight just outside its clipped core.
func (a *analysis) halo(c comp, labels []int32) float64 {
	w, h := a.rw, a.rh
	e := int(math.Ceil(a.edgeWidthPlane))
	reach := e + 10
	x0, y0 := max(0, c.x0-reach), max(0, c.y0-reach)
	x1, y1 := min(w-1, c.x1+reach), min(h-1, c.y1+reach)
	bw, bh := x1-x0+1, y1-y0+1
	// Chessboard distance to the blob by two passes.
	const far = 1 << 20
	dist := make([]int32, bw*bh)
	for y := range bh {
		for x := range bw {
			if labels[(y0+y)*w+x0+x] == c.id {
				dist[y*bw+x] = 0
			} else {
				dist[y*bw+x] = far
			}
		}
	}
	for y := range bh {
		for x := range bw {
			d := dist[y*bw+x]
			if x > 0 {
				d = min(d, dist[y*bw+x-1]+1)
			}
			if y > 0 {
				d = min(d, dist[(y-1)*bw+x]+1)
				if x > 0 {
					d = min(d, dist[(y-1)*bw+x-1]+1)
				}
				if x < bw-1 {
					d = min(d, dist[(y-1)*bw+x+1]+1)
				}
			}
			dist[y*bw+x] = d
		}
	}
	for y := bh - 1; y >= 0; y-- {
		for x := bw - 1; x >= 0; x-- {
			d := dist[y*bw+x]
			if x < bw-1 {
				d = min(d, dist[y*bw+x+1]+1)
			}
			if y < bh-1 {
				d = min(d, dist[(y+1)*bw+x]+1)
				if x < bw-1 {
					d = min(d, dist[(y+1)*bw+x+1]+1)
				}
				if x > 0 {
					d = min(d, dist[(y+1)*bw+x-1]+1)
				}
			}
			dist[y*bw+x] = d
		}
	}
	var sn, sf float64
	var nn, nf int
	for y := range bh {
		for x := range bw {
			d := int(dist[y*bw+x])
			v := float64(a.rect[(y0+y)*w+x0+x])
			switch {
			case d >= e+1 && d <= e+3:
				sn += v
				nn++
			case d >= e+6 && d <= e+10:
				sf += v
				nf++
			}
		}
	}
	if nn == 0 || nf == 0 {
		return 0
	}
	return sn/float64(nn) - sf/float64(nf)
}

// runSelfie: find the face, then judge light and sharpness on the face
// itself. Every finding speaks of the face: a selfie has no document.
func (a *analysis) runSelfie() {
	if min(a.w, a.h) < a.cfg.MinShortSide {
		a.add("photo.selfie_resolution_low", "width", strconv.Itoa(a.w), "height", strconv.Itoa(a.h))
	}
	a.detectFaces()
	if len(a.faces) == 0 {
		// No face: if the picture is black or white, that is why.
		st := a.stats(a.plane, nil)
		a.metrics["luma_p99"], a.metrics["clipped_share"] = st.p99, round3(st.clipped)
		switch {
		case st.p99 < a.cfg.DarkP99:
			a.add("photo.face_too_dark")
		case st.clipped > a.cfg.FrameOverexposedShare || a.washedOutFace():
			a.add("photo.face_overexposed")
		default:
			a.add("photo.no_face")
		}
		return
	}
	// The face's middle (skin, eyes, mouth), not the hair or the wall.
	f := a.faces[0]
	s := f.x1 - f.x0
	fx0, fx1 := f.x0+s/5, f.x1-s/5
	fy0, fy1 := f.y0+s/5, f.y1-s/5
	st := a.stats(a.plane, func(i int) bool {
		x, y := i%a.pw, i/a.pw
		return x >= fx0 && x <= fx1 && y >= fy0 && y <= fy1
	})
	a.metrics["face_luma_mean"] = round3(st.mean)
	a.metrics["face_clipped_share"] = round3(st.clipped)
	switch {
	case st.n == 0:
	case st.mean < a.cfg.FaceDarkMean:
		a.add("photo.face_too_dark")
		return
	case st.clipped > a.cfg.FaceClippedShare || st.mean > a.cfg.FaceBrightMean:
		a.add("photo.face_overexposed")
		return
	}
	switch {
	case len(a.faces) > 1 || a.tiltedFace():
		a.add("photo.multiple_faces")
	case a.metrics["face_share"] < a.cfg.SelfieMinFaceShare:
		a.add("photo.face_too_small")
	}
	a.faceSharpness()
	a.clutter()
}

// faceSharpness: the share of AC energy in the edge and detail bands over
// the face's most textured blocks, at the plane's scale (a selfie only
// needs to be sharp at the size of the face; front cameras are soft at the
// pixel level).
func (a *analysis) faceSharpness() {
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
	s, ok := a.blockSharpness(b.E1, b.E2, b.E3, b.BW, b.BH, func(int, int) bool { return true })
	if !ok {
		return
	}
	a.metrics["sharpness"] = round3(s)
	if s < a.cfg.MinFaceSharpness {
		a.add("photo.face_blurry")
	}
}

// faceBox is a detected face in plane (or rectified document) coordinates.
type faceBox struct {
	x0, y0, x1, y1 int
	score          float64
}

// detectFaces runs the cascade on the whole plane (selfies). Small faces
// are searched too, to say "too small" rather than "no face".
func (a *analysis) detectFaces() {
	short := min(a.pw, a.ph)
	p := face.Params{MinScore: a.cfg.FaceMinScore, Workers: max(1, a.cfg.Workers),
		MinSize: max(16, short/12)}
	dets := face.Detect(a.plane, a.pw, a.ph, p)
	if len(dets) == 0 {
		dets = a.smallFace(short)
	}
	for _, f := range dets {
		r := f.Size / 2
		a.faces = append(a.faces, faceBox{f.X - r, f.Y - r, f.X + r, f.Y + r, f.Score})
	}
	a.metrics["faces"] = float64(len(a.faces))
	if len(a.faces) > 0 {
		a.metrics["face_score"] = math.Round(a.faces[0].score*10) / 10
		a.metrics["face_share"] = round3(float64(a.faces[0].x1-a.faces[0].x0) / float64(min(a.pw, a.ph)))
	}
}

// smallFace looks for one face smaller than detectFaces' first search
// does, for a person standing back from the phone: a face 5–8 % of the
// frame's width is 19–30 plane pixels on a 375-px plane, under that
// search's smallest (a twelfth of the short side). It runs only when no
// face was found, so a selfie with a face of its size pays nothing and a
// small false face in its background cannot count as a second person; the
// photo's finding is then "move closer", not "no face". On a plane under
// 320 px (a photo under 1280 px on its short side) such a face can be
// under 16 pixels, below what the cascade resolves (a 1200×1600 selfie's
// 300-px plane: heldout6 and independent4 each had one missed), so the
// plane is drawn at twice its size first (bilinear): the same pixels,
// each comparison on a feature.
func (a *analysis) smallFace(short int) []face.Face {
	a.metrics["small_face_search"] = 1
	pix, w, h, k := a.plane, a.pw, a.ph, 1
	if short < 320 {
		k = 2
		w, h = 2*a.pw, 2*a.ph
		pix = make([]uint8, w*h)
		for y := range h {
			for x := range w {
				pix[y*w+x] = bilinear8(a.plane, a.pw, a.ph, float64(x)/2-0.25, float64(y)/2-0.25)
			}
		}
	}
	p := face.Params{MinScore: a.cfg.FaceMinScore, Workers: max(1, a.cfg.Workers),
		MinSize: 16, MaxSize: k * (short/12 + short/24)}
	if k == 2 {
		p.MinSize = 20
	}
	dets := face.Detect(pix, w, h, p)
	if len(dets) == 0 {
		return nil
	}
	// The best one only: a second small face is as likely a pattern of the
	// room as another person, and either way the retry is the same, closer.
	f := dets[0]
	f.X, f.Y, f.Size = f.X/k, f.Y/k, f.Size/k
	return []face.Face{f}
}

// washedOutFace says whether a selfie in which no face was found holds a
// clipped blob of a face's size that is not a band across the frame: a
// face a flash or a lamp washed out, its skin clipped to white so that
// the detector has nothing left to find (only hair and the shadow of an
// eye). A bright window behind the person, or a white wall, clips a band
// from side to side instead; the frame rule (FrameOverexposedShare)
// covers a photo that is washed out everywhere.
func (a *analysis) washedOutFace() bool {
	clipped := make([]bool, len(a.plane))
	for i, v := range a.plane {
		clipped[i] = float64(v) >= a.cfg.BrightLuma
	}
	side := float64(min(a.pw, a.ph)) * a.cfg.SelfieMinFaceShare
	best := 0
	for _, c := range components(a.pw, a.ph, nil, clipped, int(side*side)) {
		if 10*(c.x1-c.x0+1) >= 9*a.pw {
			continue
		}
		best = max(best, c.area)
	}
	a.metrics["clipped_blob_share"] = round3(float64(best) / float64(a.pw*a.ph))
	return float64(best) >= side*side
}

// documentLike says whether an outline the locator found (cut off by
// the frame, or too small to judge) can be a document, before a finding
// that speaks of one: it must carry print (printSpread at least
// MinPrintSpread), and an outline cut off by one side of the frame must
// not reach further from that side than a document's long side can, in
// units of what it shows along the cut (a keyboard running across a desk
// is three or four times longer than deep). what names the metric (none
// when empty).
func (a *analysis) documentLike(c quadCand, what string) bool {
	spread := a.printSpread(c.q)
	if what != "" {
		a.metrics[what+"_print_spread"] = spread
	}
	if spread < a.cfg.MinPrintSpread {
		return false
	}
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range c.q {
		x0, y0 = math.Min(x0, p.X), math.Min(y0, p.Y)
		x1, y1 = math.Max(x1, p.X), math.Max(y1, p.Y)
	}
	tx, ty := 0.015*float64(a.pw), 0.015*float64(a.ph)
	left, right := x0 <= tx, x1 >= float64(a.pw)-tx
	top, bottom := y0 <= ty, y1 >= float64(a.ph)-ty
	along, away := 0.0, 0.0
	switch {
	case (left != right) && !top && !bottom:
		along, away = y1-y0, x1-x0
	case (top != bottom) && !left && !right:
		along, away = x1-x0, y1-y0
	default:
		return true // cut at a corner or across: its reach is unknown
	}
	return away <= a.cfg.DocAspectMax*along
}

// skewed says whether both pairs of q's opposite sides differ by more
// than a third (the shorter under 0.7 of the longer). A card seen in
// perspective narrows one way, and by less: the small outlines of cards
// on the calibration split (-n 4) and heldout6 keep one pair at 0.91 or
// more, and a tilt of 30° leaves 0.8; outlines the locator made of parts
// of several objects on an empty desk measured 0.53–0.67 on both pairs
// (one 0.82 and 0.53, still reported as a small card).
func skewed(q geom.Quad) bool {
	r := func(a, b float64) float64 { return min(a, b) / max(a, b) }
	return r(q.Side(0), q.Side(2)) < 0.7 && r(q.Side(1), q.Side(3)) < 0.7
}

// washedOut says whether the plane inside outline q is washed out: more
// than WashedOutShare of it clipped (good cards clip at most 0.3 of
// themselves, two-tone ones the most) and its print lifted (5th
// percentile above OverexposedPrintP5, as on every over-exposed card of
// the calibration split). A white card cut off in a bright room clips its
// ground but keeps its print dark.
func (a *analysis) washedOut(q geom.Quad) bool {
	x0, y0, x1, y1 := a.pw, a.ph, 0, 0
	for _, p := range q {
		x0, y0 = min(x0, int(p.X)), min(y0, int(p.Y))
		x1, y1 = max(x1, int(math.Ceil(p.X))), max(y1, int(math.Ceil(p.Y)))
	}
	x0, y0, x1, y1 = max(0, x0), max(0, y0), min(a.pw, x1), min(a.ph, y1)
	st := a.stats(a.plane, func(i int) bool {
		x, y := i%a.pw, i/a.pw
		return x >= x0 && x < x1 && y >= y0 && y < y1 && q.Contains(geom.Pt{X: float64(x) + 0.5, Y: float64(y) + 0.5})
	})
	a.metrics["cropped_clipped_share"] = round3(st.clipped)
	a.metrics["cropped_luma_p5"] = st.p5
	return st.n > 0 && st.clipped > a.cfg.WashedOutShare && st.p5 > a.cfg.OverexposedPrintP5
}

// printSpread is the spread of the plane's luma (95th less 5th
// percentile) over the middle of outline q (shrunk to 70 % about its
// centre, away from its edge and shadow). A document carries print — text,
// a portrait, a band of colour — that spreads it widely whatever its
// colours or its blur; a floor tile, a plank or a closed laptop lid found
// as an outline is one material, spread only by its texture and noise.
func (a *analysis) printSpread(q geom.Quad) float64 {
	c := centre(q)
	x0, y0, x1, y1 := a.pw, a.ph, 0, 0
	for i, p := range q {
		p = geom.Pt{X: c.X + (p.X-c.X)*0.7, Y: c.Y + (p.Y-c.Y)*0.7}
		q[i] = p
		x0, y0 = min(x0, int(p.X)), min(y0, int(p.Y))
		x1, y1 = max(x1, int(math.Ceil(p.X))), max(y1, int(math.Ceil(p.Y)))
	}
	x0, y0, x1, y1 = max(0, x0), max(0, y0), min(a.pw, x1), min(a.ph, y1)
	var hist [256]int
	var sum float64
	n := 0
	for y := y0; y < y1; y++ {
		for x := x0; x < x1; x++ {
			if !q.Contains(geom.Pt{X: float64(x) + 0.5, Y: float64(y) + 0.5}) {
				continue
			}
			v := a.plane[y*a.pw+x]
			hist[v]++
			sum += float64(v)
			n++
		}
	}
	if n == 0 {
		return 0
	}
	st := a.statsOf(&hist, sum, n)
	return st.p95 - st.p5
}

// secondPortrait looks beside the one document of a document's size
// found (any other outline is under MultipleDocumentRatio of it) for another
// document's portrait: a face of about the size of the found card's own
// portrait (0.7–1.4 times), on the plane, centred outside the card's
// outline. Two cards side by side where the locator outlines only one —
// a dark card beside a light one on a pale desk, whose white part melts
// into it — still show two portraits of one size. Asked only when the
// card found covers less than SecondCardShare of the frame (room for
// another: a single card framed as people do covers 0.19 or more, each
// of two cards side by side about 0.08–0.14), over that narrow range of
// sizes. It costs a face search over the plane (about 40 ms of CPU on a
// 2000-px photo), paid by photos of a small card with a portrait: one of
// 312 on the calibration split. A coarser step (a fifth of the face)
// missed the portrait it is for.
func (a *analysis) secondPortrait(q geom.Quad) bool {
	f := a.faces[0]
	s := f.x1 - f.x0
	p := face.Params{MinScore: a.cfg.SecondPortraitScore, Workers: max(1, a.cfg.Workers),
		MinSize: max(16, s*7/10), MaxSize: s * 14 / 10}
	grown := growQuad(q, 2)
	for _, g := range face.Detect(a.plane, a.pw, a.ph, p) {
		if !grown.Contains(geom.Pt{X: float64(g.X), Y: float64(g.Y)}) {
			a.metrics["second_portrait_score"] = math.Round(g.Score*10) / 10
			return true
		}
	}
	return false
}
