package kycd

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/jpeg"
	"io"
	"slices"

	"github.com/kycd/kycd/checks/photo"
)

// browserTypes are the photo formats browsers show as they are.
var browserTypes = []string{"image/jpeg", "image/png", "image/webp", "image/gif"}

// DocumentDisplay answers a document the way a page can show it: a photo
// in a format browsers cannot show (HEIC, as iPhones take them) comes as a
// JPEG rendition, upright; anything else comes as stored. Authorization
// and audit are DocumentContent's.
func (s *Service) DocumentDisplay(ctx context.Context, who Principal, id string) (io.ReadCloser, *Document, error) {
	rc, d, err := s.DocumentContent(ctx, who, id)
	if err != nil || !IsPhotoKind(d.Kind) || slices.Contains(browserTypes, d.ContentType) {
		return rc, d, err
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, MaxPhotoBytes+1))
	if err != nil {
		return nil, nil, fmt.Errorf("document %s: read for a rendition: %w", d.ID, err)
	}
	pix, w, h, err := photo.DecodeRGB(data, s.Photo.MaxPixels)
	if err != nil {
		// Not a photo we read: the original, for the browser to try.
		return io.NopCloser(bytes.NewReader(data)), d, nil
	}
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for i, j := 0, 0; i+2 < len(pix); i, j = i+3, j+4 {
		img.Pix[j], img.Pix[j+1], img.Pix[j+2], img.Pix[j+3] = pix[i], pix[i+1], pix[i+2], 0xff
	}
	return jpegOf(d, img, 85, "a rendition")
}

// jpegOf answers img as the JPEG shown for document d: d's record with
// the JPEG's type and size.
func jpegOf(d *Document, img image.Image, quality int, what string) (io.ReadCloser, *Document, error) {
	var out bytes.Buffer
	if err := jpeg.Encode(&out, img, &jpeg.Options{Quality: quality}); err != nil {
		return nil, nil, fmt.Errorf("document %s: encode %s: %w", d.ID, what, err)
	}
	r := *d
	r.ContentType, r.Size = "image/jpeg", int64(out.Len())
	return io.NopCloser(&out), &r, nil
}

// CardLongSide is the long side, in pixels, of the rectified document a
// reviewer reads beside the photo: the 1.6 mm print of an ID card is then
// about 15 px high, readable without zooming.
const CardLongSide = 1400

// documentOutline is where the photo check found the document, for the
// identity-document photos that have one.
func documentOutline(d *Document) (photo.Outline, bool) {
	if !IsIdentityDocumentKind(d.Kind) {
		return photo.Outline{}, false
	}
	return photo.OutlineOf(d.Metrics)
}

// DocumentCard answers the document in a photo cut out along the outline
// the photo check found and turned upright, as a JPEG, for reading beside
// the original. Authorization and audit are DocumentContent's; a document
// without an outline (a selfie, a PDF, a photo in which no document was
// found) is "not found".
func (s *Service) DocumentCard(ctx context.Context, who Principal, id string) (io.ReadCloser, *Document, error) {
	rc, d, err := s.DocumentContent(ctx, who, id)
	if err != nil {
		return nil, nil, err
	}
	defer rc.Close()
	o, ok := documentOutline(d)
	if !ok {
		return nil, nil, ErrorWith("request.not_found")
	}
	data, err := io.ReadAll(io.LimitReader(rc, MaxPhotoBytes+1))
	if err != nil {
		return nil, nil, fmt.Errorf("document %s: read for the rectified card: %w", d.ID, err)
	}
	img, err := photo.Rectify(data, o, s.Photo.MaxPixels, CardLongSide)
	if err != nil {
		return nil, nil, fmt.Errorf("document %s: rectify: %w", d.ID, err)
	}
	return jpegOf(d, img, 88, "the rectified card")
}
