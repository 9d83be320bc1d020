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
	var out bytes.Buffer
	if err := jpeg.Encode(&out, img, &jpeg.Options{Quality: 85}); err != nil {
		return nil, nil, fmt.Errorf("document %s: encode a rendition: %w", d.ID, err)
	}
	r := *d
	r.ContentType, r.Size = "image/jpeg", int64(out.Len())
	return io.NopCloser(&out), &r, nil
}
