package coef

import (
	"errors"
	"fmt"
)

// Errors. A caller treats ErrUnsupported as "decode it another way" and
// ErrCorrupt as "the bytes are broken".
var (
	ErrUnsupported = errors.New("coef: unsupported JPEG variant")
	ErrCorrupt     = errors.New("coef: corrupt JPEG")
	ErrTooLarge    = errors.New("coef: image too large")
)

func corrupt(what string) error { return fmt.Errorf("%w: %s", ErrCorrupt, what) }

// Info is what the JPEG's headers say, read without touching the
// entropy-coded data.
type Info struct {
	Width, Height int
	Components    int
	// Progressive is set for SOF2 (and other non-sequential) frames, which
	// this package does not decode.
	Progressive bool
	// Exif is the TIFF payload of the first APP1 "Exif" segment, if any
	// (the caller parses the orientation from it).
	Exif []byte
}

type component struct {
	id     byte
	h, v   int
	tq     int
	td, ta int // Huffman table selectors, set by SOS
}

// header is the parsed state up to and including a scan's SOS.
type header struct {
	Info
	sofSeen  bool
	baseline bool // sequential Huffman, 8-bit
	comps    []component
	hmax     int
	vmax     int
	qt       [4][64]int32 // in zigzag order
	qtSet    [4]bool
	dc, ac   [4]huff
	dcSet    [4]bool
	acSet    [4]bool
	restart  int
	adobeRGB bool
	cur      scan // the scan whose SOS was read last
}

// ReadInfo parses the headers of data up to the frame header (SOF) and
// returns the dimensions. It reads no pixel data, so a decompression bomb
// is measured in microseconds.
func ReadInfo(data []byte) (Info, error) {
	var h header
	_, err := h.parse(data, true)
	return h.Info, err
}

// parse walks markers from the start of data. With stopAtSOF it returns
// after the frame header; otherwise it stops at the first SOS and returns
// the offset of the entropy-coded data that follows it.
func (h *header) parse(data []byte, stopAtSOF bool) (int, error) {
	if len(data) < 4 || data[0] != 0xFF || data[1] != 0xD8 {
		return 0, corrupt("no SOI marker")
	}
	return h.parseFrom(data, 2, stopAtSOF)
}

// parseFrom is parse starting at pos, also used to find the next scan after
// one that held no luma.
func (h *header) parseFrom(data []byte, pos int, stopAtSOF bool) (int, error) {
	for {
		// Markers may be preceded by any number of 0xFF fill bytes.
		for pos < len(data) && data[pos] != 0xFF {
			pos++ // tolerate junk between segments, as most decoders do
		}
		for pos < len(data) && data[pos] == 0xFF {
			pos++
		}
		if pos >= len(data) {
			return 0, corrupt("no frame or scan header")
		}
		m := data[pos]
		pos++
		if m == 0xD8 || (m >= 0xD0 && m <= 0xD7) || m == 0x01 {
			continue // markers without a length
		}
		if m == 0xD9 {
			return 0, corrupt("EOI before scan")
		}
		if pos+2 > len(data) {
			return 0, corrupt("truncated segment length")
		}
		n := int(data[pos])<<8 | int(data[pos+1])
		if n < 2 || pos+n > len(data) {
			return 0, corrupt("truncated segment")
		}
		seg := data[pos+2 : pos+n]
		pos += n
		var err error
		switch {
		case m == 0xC0 || m == 0xC1:
			err = h.parseSOF(seg, true)
			if err == nil && stopAtSOF {
				return pos, nil
			}
		case m >= 0xC2 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC:
			// Progressive, lossless or arithmetic-coded frames: report the
			// size (bombs must still be caught) and let the caller fall back.
			err = h.parseSOF(seg, false)
			if err == nil {
				h.Progressive = m == 0xC2 || m == 0xC6 || m == 0xCA
				if stopAtSOF {
					return pos, nil
				}
				return 0, ErrUnsupported
			}
		case m == 0xC4:
			err = h.parseDHT(seg)
		case m == 0xDB:
			err = h.parseDQT(seg)
		case m == 0xDD:
			if len(seg) < 2 {
				return 0, corrupt("short DRI")
			}
			h.restart = int(seg[0])<<8 | int(seg[1])
		case m == 0xE1:
			if h.Exif == nil && len(seg) > 6 && string(seg[:6]) == "Exif\x00\x00" {
				h.Exif = seg[6:]
			}
		case m == 0xEE:
			// Adobe APP14: transform 0 means the three components are RGB,
			// not YCbCr, so component 0 is not luma.
			if len(seg) >= 12 && string(seg[:5]) == "Adobe" && seg[11] == 0 {
				h.adobeRGB = true
			}
		case m == 0xDA:
			if !h.sofSeen {
				return 0, corrupt("scan before frame header")
			}
			if err := h.parseSOS(seg); err != nil {
				return 0, err
			}
			return pos, nil
		}
		if err != nil {
			return 0, err
		}
	}
}

func (h *header) parseSOF(s []byte, baseline bool) error {
	if h.sofSeen {
		return corrupt("two frame headers")
	}
	if len(s) < 6 {
		return corrupt("short SOF")
	}
	h.sofSeen = true
	h.Height = int(s[1])<<8 | int(s[2])
	h.Width = int(s[3])<<8 | int(s[4])
	nc := int(s[5])
	h.Components = nc
	if h.Width == 0 || h.Height == 0 {
		// Height 0 means "defined by a DNL marker later": nobody sends
		// that in a photo, and it would defeat the size check.
		return corrupt("zero dimension")
	}
	if nc == 0 || len(s) < 6+3*nc {
		return corrupt("bad component count")
	}
	h.baseline = baseline && s[0] == 8
	if s[0] != 8 && baseline {
		return ErrUnsupported // 12-bit samples
	}
	h.comps = make([]component, nc)
	for i := range nc {
		c := &h.comps[i]
		c.id = s[6+3*i]
		c.h = int(s[7+3*i] >> 4)
		c.v = int(s[7+3*i] & 15)
		c.tq = int(s[8+3*i])
		if c.h < 1 || c.h > 4 || c.v < 1 || c.v > 4 || c.tq > 3 {
			return corrupt("bad sampling factors")
		}
		h.hmax = max(h.hmax, c.h)
		h.vmax = max(h.vmax, c.v)
	}
	return nil
}

func (h *header) parseDQT(s []byte) error {
	for len(s) > 0 {
		pq, tq := s[0]>>4, int(s[0]&15)
		if tq > 3 || pq > 1 {
			return corrupt("bad DQT")
		}
		n := 64 * (1 + int(pq))
		if len(s) < 1+n {
			return corrupt("short DQT")
		}
		for k := range 64 {
			if pq == 0 {
				h.qt[tq][k] = int32(s[1+k])
			} else {
				h.qt[tq][k] = int32(s[1+2*k])<<8 | int32(s[2+2*k])
			}
		}
		h.qtSet[tq] = true
		s = s[1+n:]
	}
	return nil
}

func (h *header) parseDHT(s []byte) error {
	for len(s) > 0 {
		if len(s) < 17 {
			return corrupt("short DHT")
		}
		tc, th := s[0]>>4, int(s[0]&15)
		if tc > 1 || th > 3 {
			return corrupt("bad DHT class")
		}
		var counts [16]int
		total := 0
		for i := range 16 {
			counts[i] = int(s[1+i])
			total += counts[i]
		}
		if total > 256 || len(s) < 17+total {
			return corrupt("short DHT values")
		}
		vals := s[17 : 17+total]
		var err error
		if tc == 0 {
			err = h.dc[th].build(counts, vals, false)
			h.dcSet[th] = err == nil
		} else {
			err = h.ac[th].build(counts, vals, true)
			h.acSet[th] = err == nil
		}
		if err != nil {
			return err
		}
		s = s[17+total:]
	}
	return nil
}

// scan is one SOS: which components, in which order.
type scan struct {
	comps []int // indexes into header.comps
}

func (h *header) parseSOS(s []byte) error {
	if len(s) < 1 {
		return corrupt("short SOS")
	}
	ns := int(s[0])
	if ns < 1 || ns > 4 || len(s) < 1+2*ns+3 {
		return corrupt("bad SOS")
	}
	sc := scan{}
	for i := range ns {
		id := s[1+2*i]
		idx := -1
		for j, c := range h.comps {
			if c.id == id {
				idx = j
			}
		}
		if idx < 0 {
			return corrupt("SOS names an unknown component")
		}
		h.comps[idx].td = int(s[2+2*i] >> 4)
		h.comps[idx].ta = int(s[2+2*i] & 15)
		if h.comps[idx].td > 3 || h.comps[idx].ta > 3 {
			return corrupt("bad table selector")
		}
		sc.comps = append(sc.comps, idx)
	}
	h.cur = sc
	return nil
}
