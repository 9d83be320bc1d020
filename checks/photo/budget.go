package photo

import "github.com/kycd/kycd/checks/photo/internal/coef"

// decodeBytes estimates, from the header alone, the memory decoding will
// allocate: width × height × channels × bytes per sample as Go's decoders
// lay the pixels out, plus the grey plane taken from them. Pixel counts
// alone miss that a 16-bit RGBA PNG takes eight times a greyscale one of
// the same size. A baseline JPEG takes the reduced decode (coef keeps 8×8
// block features, never the pixels), so it costs a fraction of a full one.
func decodeBytes(data []byte, format string, w, h int) int64 {
	px := int64(w) * int64(h)
	switch format {
	case "png":
		if len(data) < 26 {
			return px * 9
		}
		depth, colour := data[24], data[25]
		perSample := int64(1)
		if depth == 16 {
			perSample = 2
		}
		channels := int64(4) // RGB decodes to RGBA, grey+alpha to NRGBA
		switch colour {
		case 0: // grey
			channels = 1
		case 3: // palette: one index byte a pixel, whatever the depth
			channels, perSample = 1, 1
		}
		return px*channels*perSample + px
	case "jpeg":
		info, err := coef.ReadInfo(data)
		if err != nil {
			return px * 16
		}
		if !info.Progressive {
			return px / 2
		}
		// Progressive: image/jpeg keeps every coefficient as an int32
		// besides the 8-bit planes.
		return px*int64(info.Components)*5 + px
	default: // webp, heic: 8-bit planes converted to RGBA
		return px*4 + px
	}
}
