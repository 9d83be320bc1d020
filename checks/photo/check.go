package photo

import (
	"errors"
	"strconv"

	"github.com/kycd/kycd/checks/photo/internal/coef"
	"github.com/kycd/kycd/checks/photo/internal/geom"
	"github.com/kycd/kycd/reason"
)

// Check examines one photo of the given kind and returns its verdict,
// findings and metrics. It is a pure function of its arguments: no I/O, no
// clock. Hostile input (bombs, truncated or random bytes) yields a finding,
// never a panic, with work and memory bounded by cfg.MaxBytes and
// cfg.MaxPixels.
func Check(data []byte, kind Kind, cfg Config) Result {
	res := check(data, kind, cfg)
	res.Accepted = !reason.AnyBlocking(res.Findings)
	return res
}

func check(data []byte, kind Kind, cfg Config) Result {
	res := Result{Findings: []reason.Finding{}, Metrics: map[string]float64{}}
	res.Metrics["bytes"] = float64(len(data))
	tooLarge := func() Result {
		res.Findings = append(res.Findings, reason.New("photo.too_large",
			"max_mb", strconv.Itoa(cfg.MaxBytes>>20), "max_mp", strconv.Itoa(cfg.MaxPixels/1_000_000)))
		return res
	}
	if len(data) > cfg.MaxBytes {
		return tooLarge()
	}
	res.Format = sniff(data)
	if res.Format == "" {
		res.Findings = append(res.Findings, reason.New("photo.unsupported_format"))
		return res
	}
	w, h, err := dimensions(data, res.Format)
	if err != nil || w <= 0 || h <= 0 {
		res.Findings = append(res.Findings, reason.New("photo.corrupt"))
		return res
	}
	res.Width, res.Height = w, h
	if w*h > cfg.MaxPixels || w > cfg.MaxSide || h > cfg.MaxSide {
		return tooLarge()
	}
	if need := decodeBytes(data, res.Format, w, h); cfg.MaxDecodeBytes > 0 && need > int64(cfg.MaxDecodeBytes) {
		res.Metrics["decode_bytes"] = float64(need)
		return tooLarge()
	}
	var pick coef.WindowsFunc
	if kind.isDocument() {
		pick = screenWindows
	}
	blocks, o, err := load(data, res.Format, cfg, pick)
	switch {
	case errors.Is(err, errTooLarge):
		return tooLarge()
	case err != nil:
		res.Findings = append(res.Findings, reason.New("photo.corrupt"))
		return res
	}
	if o >= 5 {
		res.Width, res.Height = h, w
	}
	a := newAnalysis(blocks, o, kind, cfg)
	a.data, a.format = data, res.Format
	// The hash reads only the plane: it is taken beside the analysis.
	hash := soon(a, a.phash)
	a.run()
	res.Findings = append(res.Findings, a.findings...)
	for k, v := range a.metrics {
		res.Metrics[k] = v
	}
	res.PHash = hash.get()
	if a.grad != nil {
		putPlane(a.grad.mag)
	}
	return res
}

// analysis is the state of one check after decoding, in upright
// coordinates. The plane is a grey image of about 250–500 px a side (1/8
// or 1/4 of the photo) on which framing, exposure, glare, clutter and faces
// are measured; the block grids (one value per 8×8 block of the photo)
// carry the frequency content for sharpness.
type analysis struct {
	cfg  Config
	kind Kind

	w, h   int     // photo size in pixels
	plane  []uint8 // grey image, pw×ph
	pw, ph int
	scale  int // photo pixels per plane pixel (4 or 8)

	blocks *coef.Blocks // the photo's block features (stored orientation)
	orient int          // EXIF orientation applied to plane and grids
	// data and format are the upload, decoded again for its colour when
	// the locator needs it (colourGradients) and the first decoding kept
	// none (anything but a baseline colour JPEG).
	data             []byte
	format           string
	storedW, storedH int // the photo's size as stored

	grad        *gradients
	quad        geom.Quad // the document's outline, plane coordinates
	doc         *document // its bounding box (clutter); nil when none was found
	rect        []uint8   // the document rectified upright, rw×rh
	rw, rh      int
	orientKnown bool
	// edgeWidthPlane is the document's 10–90 % edge width in plane pixels.
	edgeWidthPlane float64
	faces          []faceBox // selfie: in the plane; document: in rect

	findings []reason.Finding
	metrics  map[string]float64
}

func newAnalysis(b *coef.Blocks, o int, kind Kind, cfg Config) *analysis {
	a := &analysis{cfg: cfg, kind: kind, metrics: map[string]float64{}, blocks: b, orient: o}
	// 1/8 scale (the block means) when that still leaves ≥ 400 px on the
	// long side, for faces and framing; otherwise 1/4 from the low AC terms.
	if max(b.BW, b.BH) >= 400 {
		a.plane, a.pw, a.ph, a.scale = b.Eighth(), b.BW, b.BH, 8
	} else {
		a.plane, a.pw, a.ph, a.scale = b.Quarter(), 2*b.BW, 2*b.BH, 4
	}
	a.w, a.h = b.Width, b.Height
	a.storedW, a.storedH = b.Width, b.Height
	if o > 1 {
		a.plane, a.pw, a.ph = orient(a.plane, a.pw, a.ph, o)
		if o >= 5 {
			a.w, a.h = a.h, a.w
		}
	}
	return a
}

func (a *analysis) add(code string, params ...string) {
	a.findings = append(a.findings, reason.New(code, params...))
}
