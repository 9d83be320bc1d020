package photo

import (
	"errors"
	"fmt"
	"image"
	"image/color"

	"github.com/kycd/kycd/checks/photo/internal/coef"
)

// ErrUnreadable is returned by DecodeRGB for bytes that are not a photo it
// can decode (unknown format, corrupt, or larger than allowed).
var ErrUnreadable = errors.New("photo: unreadable image")

// DecodeRGB decodes a photo in any accepted format to packed 8-bit RGB,
// turned upright by its EXIF orientation, for readers of the content
// (checks/ocr) that need colour at full resolution. The header's size is
// checked against maxPixels before anything is allocated, as in Check.
func DecodeRGB(data []byte, maxPixels int) (pix []uint8, w, h int, err error) {
	format := sniff(data)
	if format == "" {
		return nil, 0, 0, fmt.Errorf("%w: unknown format", ErrUnreadable)
	}
	w, h, err = dimensions(data, format)
	if err != nil || w <= 0 || h <= 0 {
		return nil, 0, 0, fmt.Errorf("%w: corrupt header", ErrUnreadable)
	}
	if int64(w)*int64(h) > int64(maxPixels) {
		return nil, 0, 0, fmt.Errorf("%w: %d×%d is over %d pixels", ErrUnreadable, w, h, maxPixels)
	}
	img, err := decodeFull(data, format)
	if err != nil {
		return nil, 0, 0, fmt.Errorf("%w: %v", ErrUnreadable, err)
	}
	o := 1
	switch format {
	case "jpeg":
		if info, err := coef.ReadInfo(data); err == nil {
			o = exifOrientation(info.Exif)
		}
	case "png":
		o = exifOrientation(pngExif(data))
	case "webp":
		o = exifOrientation(webpExif(data))
	}
	px, w, h := rgbPixels(img)
	px, w, h = orient(px, w, h, o)
	pix = make([]uint8, 0, 3*len(px))
	for _, p := range px {
		pix = append(pix, p[0], p[1], p[2])
	}
	return pix, w, h, nil
}

func rgbPixels(img image.Image) ([][3]uint8, int, int) {
	r := img.Bounds()
	w, h := r.Dx(), r.Dy()
	out := make([][3]uint8, w*h)
	// The generic At path allocates per pixel; JPEG and PNG have fast ones.
	switch m := img.(type) {
	case *image.YCbCr:
		for y := range h {
			for x := range w {
				c := m.YCbCrAt(r.Min.X+x, r.Min.Y+y)
				cr, cg, cb := color.YCbCrToRGB(c.Y, c.Cb, c.Cr)
				out[y*w+x] = [3]uint8{cr, cg, cb}
			}
		}
		return out, w, h
	case *image.NRGBA:
		copyRGB(out, m.Pix, m.PixOffset(r.Min.X, r.Min.Y), m.Stride, w, h)
		return out, w, h
	case *image.RGBA:
		copyRGB(out, m.Pix, m.PixOffset(r.Min.X, r.Min.Y), m.Stride, w, h)
		return out, w, h
	}
	for y := range h {
		for x := range w {
			cr, cg, cb, _ := img.At(r.Min.X+x, r.Min.Y+y).RGBA()
			out[y*w+x] = [3]uint8{uint8(cr >> 8), uint8(cg >> 8), uint8(cb >> 8)}
		}
	}
	return out, w, h
}

// copyRGB copies the colour channels of w×h four-byte pixels starting at
// pix[off] into out, dropping alpha (NRGBA and RGBA share this layout).
func copyRGB(out [][3]uint8, pix []uint8, off, stride, w, h int) {
	for y := range h {
		p := pix[off+y*stride:]
		for x := range w {
			out[y*w+x] = [3]uint8{p[4*x], p[4*x+1], p[4*x+2]}
		}
	}
}
