package photo

import "encoding/binary"

// exifOrientation reads tag 0x0112 (Orientation) from IFD0 of a TIFF-format
// EXIF payload and returns 1–8; 1 (upright) when absent or unreadable.
// Phones store photos as the sensor saw them and record the rotation here,
// so ignoring it would hand the face detector a sideways face.
func exifOrientation(tiff []byte) int {
	if len(tiff) < 8 {
		return 1
	}
	var bo binary.ByteOrder
	switch string(tiff[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return 1
	}
	if bo.Uint16(tiff[2:]) != 42 {
		return 1
	}
	ifd := int(bo.Uint32(tiff[4:]))
	if ifd < 8 || ifd+2 > len(tiff) {
		return 1
	}
	n := int(bo.Uint16(tiff[ifd:]))
	for i := range n {
		e := ifd + 2 + 12*i
		if e+12 > len(tiff) {
			return 1
		}
		if bo.Uint16(tiff[e:]) != 0x0112 {
			continue
		}
		// SHORT, count 1: the value sits in the first two bytes of the
		// value field.
		if bo.Uint16(tiff[e+2:]) != 3 {
			return 1
		}
		if v := int(bo.Uint16(tiff[e+8:])); v >= 1 && v <= 8 {
			return v
		}
		return 1
	}
	return 1
}

// orient returns src (w×h, row-major) transformed to upright for EXIF
// orientation o, with the new width and height.
func orient[T any](src []T, w, h, o int) ([]T, int, int) {
	if o <= 1 || o > 8 {
		return src, w, h
	}
	nw, nh := w, h
	if o >= 5 {
		nw, nh = h, w
	}
	dst := make([]T, len(src))
	for y := range h {
		for x := range w {
			// (dx, dy) is where the stored pixel (x, y) is displayed.
			var dx, dy int
			switch o {
			case 2: // mirrored
				dx, dy = w-1-x, y
			case 3: // rotated 180°
				dx, dy = w-1-x, h-1-y
			case 4: // mirrored vertically
				dx, dy = x, h-1-y
			case 5: // transposed
				dx, dy = y, x
			case 6: // stored rotated 90° anticlockwise: turn clockwise
				dx, dy = h-1-y, x
			case 7: // transversed
				dx, dy = h-1-y, w-1-x
			case 8: // stored rotated 90° clockwise: turn anticlockwise
				dx, dy = y, w-1-x
			}
			dst[dy*nw+dx] = src[y*w+x]
		}
	}
	return dst, nw, nh
}
