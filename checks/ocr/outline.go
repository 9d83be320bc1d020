package ocr

import (
	"slices"
	"time"

	"github.com/kycd/kycd/checks/photo"
)

// cardSide bounds the long side of the cut-out document: a card or passport
// page at this size keeps its smallest print several pixels high, and the
// detector scales it to 960 anyway.
const cardSide = 2400

// outlineMargin grows the outline by this share of the document's size on
// every side before cutting it out, so that print close to the edge (the
// MRZ's last line, a card's number) survives an outline a few pixels short.
const outlineMargin = 0.03

// ReadDocument reads a photo of kind whose document the photo check found
// inside o (found false: it found none). The document is first cut out
// along the outline and turned upright, as the desk shows it: the text
// then fills the detector's frame instead of a part of it, perspective
// and a sideways or upside-down card are undone, and the background's
// patterns cannot be taken for text. When that reading lacks what the side
// should carry (the number; any field on a card's back), the whole photo is
// read too and the reading with more trusted fields is kept: an outline can
// be wrong, the whole photo is the older, proven path.
func ReadDocument(r Reader, kind string, data []byte, o photo.Outline, found bool, now time.Time) (Reading, error) {
	if !found {
		return Read(r, kind, data, now)
	}
	if !slices.Contains(Kinds, kind) {
		return Read(r, kind, data, now) // which says why
	}
	// Decoded once: the cut and, when it falls short, the whole photo.
	pix, w, h, err := photo.DecodeRGB(data, MaxPixels)
	if err != nil {
		return Reading{}, err
	}
	whole := Image{Pix: pix, W: w, H: h}
	img, err := photo.RectifyRGB(pix, w, h, grow(o, outlineMargin), cardSide)
	if err != nil {
		return readImage(r, kind, whole, now)
	}
	cutPix := make([]uint8, 0, img.Rect.Dx()*img.Rect.Dy()*3)
	for i := 0; i < len(img.Pix); i += 4 {
		cutPix = append(cutPix, img.Pix[i], img.Pix[i+1], img.Pix[i+2])
	}
	cut, err := readImage(r, kind, Image{Pix: cutPix, W: img.Rect.Dx(), H: img.Rect.Dy()}, now)
	if err != nil || complete(kind, cut) {
		return cut, err
	}
	all, err := readImage(r, kind, whole, now)
	if err != nil {
		return Reading{}, err
	}
	if len(all.Fields) > len(cut.Fields) {
		return all, nil
	}
	return cut, nil
}

// complete reports whether a reading has what its side is read for: the
// number on sides that carry one, anything on a card's back.
func complete(kind string, rd Reading) bool {
	if kind == IDBack {
		return len(rd.Fields) > 0
	}
	_, ok := rd.Fields[FDocumentNumber]
	return ok
}

// grow moves each corner away from the outline's centre by share of the
// distance, keeping the corners' order (and so the document's upright
// orientation).
func grow(o photo.Outline, share float64) photo.Outline {
	var cx, cy float64
	for _, c := range o.Corners {
		cx += c.X / 4
		cy += c.Y / 4
	}
	for i, c := range o.Corners {
		o.Corners[i] = photo.Point{X: c.X + (c.X-cx)*share*2, Y: c.Y + (c.Y-cy)*share*2}
	}
	return o
}
