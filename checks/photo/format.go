package photo

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"

	"github.com/gen2brain/heic"
	"golang.org/x/image/webp"

	"github.com/kycd/kycd/checks/photo/internal/coef"
)

// sniff names the format from the first bytes; "" if none we accept.
func sniff(b []byte) string {
	switch {
	case len(b) >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF:
		return "jpeg"
	case len(b) >= 8 && string(b[:8]) == "\x89PNG\r\n\x1a\n":
		return "png"
	case len(b) >= 12 && string(b[:4]) == "RIFF" && string(b[8:12]) == "WEBP":
		return "webp"
	case len(b) >= 12 && string(b[4:8]) == "ftyp":
		switch string(b[8:12]) {
		case "heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1":
			return "heic"
		}
	}
	return ""
}

// errCorrupt and errTooLarge classify what went wrong before analysis.
var (
	errCorrupt  = errors.New("corrupt")
	errTooLarge = errors.New("too large")
)

// dimensions reads the image size from the header alone. Every decoder we
// use allocates from these numbers, so they are checked before any decoding.
func dimensions(data []byte, format string) (w, h int, err error) {
	switch format {
	case "jpeg":
		info, err := coef.ReadInfo(data)
		if err != nil {
			return 0, 0, errCorrupt
		}
		return info.Width, info.Height, nil
	case "png":
		// IHDR must be the first chunk (PNG spec 5.6).
		if len(data) < 24 || string(data[12:16]) != "IHDR" {
			return 0, 0, errCorrupt
		}
		return int(binary.BigEndian.Uint32(data[16:])), int(binary.BigEndian.Uint32(data[20:])), nil
	case "webp":
		c, err := webp.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			return 0, 0, errCorrupt
		}
		return c.Width, c.Height, nil
	case "heic":
		c, err := heic.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			return 0, 0, errCorrupt
		}
		return c.Width, c.Height, nil
	}
	return 0, 0, errCorrupt
}

// load turns the bytes into block features and the EXIF orientation (1–8),
// after the size checks. Baseline JPEGs take the fast path; everything else
// is decoded in full and transformed with the forward DCT. The windows
// pick chooses (nil: none) are kept at full resolution.
func load(data []byte, format string, cfg Config, pick coef.WindowsFunc) (*coef.Blocks, int, error) {
	orient := 1
	if format == "jpeg" {
		b, info, err := coef.DecodeWindows(data, cfg.MaxPixels, pick)
		orient = exifOrientation(info.Exif)
		switch {
		case err == nil:
			return b, orient, nil
		case errors.Is(err, coef.ErrTooLarge):
			return nil, 0, errTooLarge
		case errors.Is(err, coef.ErrCorrupt):
			return nil, 0, fmt.Errorf("%w: %v", errCorrupt, err)
		}
		// Progressive and other variants: the standard decoder.
	}
	img, err := decodeFull(data, format)
	if err != nil {
		return nil, 0, fmt.Errorf("%w: %v", errCorrupt, err)
	}
	switch format {
	case "png":
		orient = exifOrientation(pngExif(data))
	case "webp":
		orient = exifOrientation(webpExif(data))
	}
	pix, w, h := grey(img)
	return coef.FromGrayWindows(pix, w, h, pick), orient, nil
}

func decodeFull(data []byte, format string) (image.Image, error) {
	r := bytes.NewReader(data)
	switch format {
	case "jpeg":
		return jpeg.Decode(r)
	case "png":
		return png.Decode(r)
	case "webp":
		return webp.Decode(r)
	case "heic":
		return heic.Decode(r)
	}
	return nil, errors.New("unknown format")
}

// grey converts img to 8-bit luma (BT.601, as JPEG's Y), taking the Y
// plane directly when the decoder produced one.
func grey(img image.Image) ([]uint8, int, int) {
	r := img.Bounds()
	w, h := r.Dx(), r.Dy()
	out := make([]uint8, w*h)
	switch m := img.(type) {
	case *image.YCbCr:
		for y := range h {
			copy(out[y*w:(y+1)*w], m.Y[m.YOffset(r.Min.X, r.Min.Y+y):])
		}
	case *image.Gray:
		for y := range h {
			copy(out[y*w:(y+1)*w], m.Pix[m.PixOffset(r.Min.X, r.Min.Y+y):])
		}
	case *image.NRGBA:
		for y := range h {
			lumaRow(out[y*w:(y+1)*w], m.Pix[m.PixOffset(r.Min.X, r.Min.Y+y):])
		}
	case *image.RGBA:
		for y := range h {
			lumaRow(out[y*w:(y+1)*w], m.Pix[m.PixOffset(r.Min.X, r.Min.Y+y):])
		}
	default:
		for y := range h {
			for x := range w {
				cr, cg, cb, _ := img.At(r.Min.X+x, r.Min.Y+y).RGBA()
				out[y*w+x] = luma(cr>>8, cg>>8, cb>>8)
			}
		}
	}
	return out, w, h
}

// lumaRow fills dst with the luma of the four-byte pixels at the start of
// src (RGBA or NRGBA: alpha ignored), a pixel at a time through one
// four-byte slice, which leaves one bounds check a pixel instead of four
// (grey was 8 % of a 12 MP PNG's check).
func lumaRow(dst, src []uint8) {
	src = src[:4*len(dst)]
	for x := range dst {
		p := src[4*x:][:3]
		dst[x] = luma(uint32(p[0]), uint32(p[1]), uint32(p[2]))
	}
}

func luma(r, g, b uint32) uint8 {
	return uint8((19595*r + 38470*g + 7471*b + 1<<15) >> 16)
}

// pngExif returns the TIFF payload of a PNG's eXIf chunk, if any before the
// image data.
func pngExif(data []byte) []byte {
	p := 8
	for p+12 <= len(data) {
		n := int(binary.BigEndian.Uint32(data[p:]))
		typ := string(data[p+4 : p+8])
		if n < 0 || p+12+n > len(data) || typ == "IDAT" {
			return nil
		}
		if typ == "eXIf" {
			return data[p+8 : p+8+n]
		}
		p += 12 + n
	}
	return nil
}

// webpExif returns the payload of a WebP's EXIF chunk, if any.
func webpExif(data []byte) []byte {
	p := 12
	for p+8 <= len(data) {
		n := int(binary.LittleEndian.Uint32(data[p+4:]))
		if n < 0 || p+8+n > len(data) {
			return nil
		}
		if string(data[p:p+4]) == "EXIF" {
			b := data[p+8 : p+8+n]
			// Some writers keep JPEG's "Exif\0\0" prefix.
			return bytes.TrimPrefix(b, []byte("Exif\x00\x00"))
		}
		p += 8 + n + n&1
	}
	return nil
}
