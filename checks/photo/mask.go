package photo

import (
	"encoding/binary"
	"math/bits"
	"unsafe"
)

// The locating stage's masks are []bool, one byte a cell. Its morphology
// (dilating the edges, opening a region) packs them 64 cells a word first:
// a (2r+1)² square is separable, so a row pass is r shifts of each word
// and a column pass r word operations per word, for a whole row at once.
// Only the packing and unpacking touch every cell, eight at a time.

// boolBytes views a []bool as the bytes it is stored in (Go stores false
// as 0 and true as 1), so that eight cells can be read or written as one
// word. The view shares memory with m.
func boolBytes(m []bool) []byte {
	return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(m))), len(m))
}

// spread maps eight bits to eight bytes of 0 or 1, bit i to byte i.
var spread = func() (t [256]uint64) {
	for b := range 256 {
		for i := range 8 {
			t[b] |= uint64(b>>i&1) << (8 * i)
		}
	}
	return t
}()

// packed is a w×h mask packed row by row, words a row; a row's unused high
// bits are always zero.
type packed struct {
	w, h, words int
	b           []uint64
}

func newPacked(w, h int, buf []uint64) packed {
	words := (w + 63) / 64
	if cap(buf) < words*h {
		buf = make([]uint64, words*h)
	}
	return packed{w, h, words, buf[:words*h]}
}

func (m packed) row(y int) []uint64 { return m.b[y*m.words : (y+1)*m.words] }

// pack loads the w cells from src into row y.
func (m packed) pack(y int, src []byte) {
	dst := m.row(y)
	clear(dst)
	i := 0
	for ; i+8 <= len(src); i += 8 {
		// Byte k (0 or 1) of v moves to bit 56+k of the product: the
		// multiplier's terms never overlap, so there is no carry.
		v := binary.LittleEndian.Uint64(src[i:])
		dst[i>>6] |= (v * 0x0102040810204080 >> 56) << (i & 63)
	}
	for ; i < len(src); i++ {
		dst[i>>6] |= uint64(src[i]&1) << (i & 63)
	}
}

// trueBlock is fillTrue's source of ones.
var trueBlock = func() (b [4096]byte) {
	for i := range b {
		b[i] = 1
	}
	return b
}()

// unpack stores row y into the w cells of dst, negated if invert.
func (m packed) unpack(y int, dst []byte, invert bool) {
	src := m.row(y)
	var flip uint8
	if invert {
		flip = 0xFF
	}
	i := 0
	// Whole words of 64 cells first, the word loaded once for its eight
	// bytes of cells.
	for ; i+64 <= len(dst) && i>>6 < len(src); i += 64 {
		v, d := src[i>>6], dst[i:i+64]
		for k := 0; k < 64; k += 8 {
			binary.LittleEndian.PutUint64(d[k:], spread[uint8(v>>k)^flip])
		}
	}
	for ; i+8 <= len(dst); i += 8 {
		binary.LittleEndian.PutUint64(dst[i:], spread[uint8(src[i>>6]>>(i&63))^flip])
	}
	for ; i < len(dst); i++ {
		dst[i] = (uint8(src[i>>6]>>(i&63)) ^ flip) & 1
	}
}

// shifted returns word i of row s moved k cells towards higher x (k > 0)
// or lower x (k < 0), with unset cells shifted in.
func shifted(s []uint64, i, k int) uint64 {
	if k > 0 {
		q, r := k>>6, uint(k&63)
		j := i - q
		var v uint64
		if j >= 0 {
			v = s[j] << r
			if r != 0 && j > 0 {
				v |= s[j-1] >> (64 - r)
			}
		}
		return v
	}
	k = -k
	q, r := k>>6, uint(k&63)
	j := i + q
	var v uint64
	if j < len(s) {
		v = s[j] >> r
		if r != 0 && j+1 < len(s) {
			v |= s[j+1] << (64 - r)
		}
	}
	return v
}

// rows applies the row pass of a (2r+1)-cell segment to every row of src
// into dst: a cell is set when any cell of the segment is (dilate), or
// when every cell is and the segment lies inside the row (erode).
func (m packed) rows(dst packed, r int, erode bool) {
	last := ^uint64(0) >> uint((64-m.w%64)%64) // the last word's used bits
	for y := range m.h {
		s, d := m.row(y), dst.row(y)
		for i, v := range s {
			if r >= 64 {
				for k := 1; k <= r; k++ {
					if erode {
						v &= shifted(s, i, k) & shifted(s, i, -k)
					} else {
						v |= shifted(s, i, k) | shifted(s, i, -k)
					}
				}
				d[i] = v
				continue
			}
			// Within a word: the words on either side supply the cells
			// shifted in.
			var prev, next uint64
			if i > 0 {
				prev = s[i-1]
			}
			if i+1 < len(s) {
				next = s[i+1]
			}
			src := v
			for k := uint(1); k <= uint(r); k++ {
				up, down := src<<k|prev>>(64-k), src>>k|next<<(64-k) // cells x-k and x+k
				if erode {
					v &= up & down
				} else {
					v |= up | down
				}
			}
			d[i] = v
		}
		d[len(d)-1] &= last
	}
}

// cols is the column pass: rows y-r … y+r of src into row y of dst.
func (m packed) cols(dst packed, r int, erode bool) {
	for y := range m.h {
		d := dst.row(y)
		if erode && (y-r < 0 || y+r >= m.h) {
			clear(d) // the square leaves the mask: not all set
			continue
		}
		copy(d, m.row(y))
		for yy := max(0, y-r); yy <= min(m.h-1, y+r); yy++ {
			if yy == y {
				continue
			}
			s := m.row(yy)
			if erode {
				for i := range d {
					d[i] &= s[i]
				}
			} else {
				for i := range d {
					d[i] |= s[i]
				}
			}
		}
	}
}

// morphScratch holds the packed buffers of one worker's morphology.
type morphScratch struct{ a, b []uint64 }

// open applies a morphological opening with a (2r+1)² square to mask
// inside the box [x0,x1]×[y0,y1] (the region does not reach beyond it):
// erode (every cell of the square set, and the square inside the box),
// then dilate (any cell of the square, clipped to the box, set).
func open(mask []bool, w, h, x0, y0, x1, y1, r int) { openWith(nil, mask, w, x0, y0, x1, y1, r) }

func openWith(s *morphScratch, mask []bool, w, x0, y0, x1, y1, r int) {
	if s == nil {
		s = &morphScratch{}
	}
	bw, bh := x1-x0+1, y1-y0+1
	a, b := newPacked(bw, bh, s.a), newPacked(bw, bh, s.b)
	s.a, s.b = a.b, b.b
	mb := boolBytes(mask)
	for y := range bh {
		a.pack(y, mb[(y0+y)*w+x0:(y0+y)*w+x0+bw])
	}
	a.rows(b, r, true)
	b.cols(a, r, true)
	a.rows(b, r, false)
	b.cols(a, r, false)
	for y := range bh {
		a.unpack(y, mb[(y0+y)*w+x0:(y0+y)*w+x0+bw], false)
	}
}

// dilate returns m grown by r pixels (a (2r+1)² square).
func dilate(m []bool, w, h, r int) []bool {
	out := make([]bool, len(m))
	dilateInto(nil, out, m, w, h, r, false)
	return out
}

// dilateInto writes m grown by r pixels into dst, negated if invert.
func dilateInto(s *morphScratch, dst, m []bool, w, h, r int, invert bool) {
	if s == nil {
		s = &morphScratch{}
	}
	a, b := newPacked(w, h, s.a), newPacked(w, h, s.b)
	s.a, s.b = a.b, b.b
	mb := boolBytes(m)
	for y := range h {
		a.pack(y, mb[y*w:(y+1)*w])
	}
	a.rows(b, r, false)
	b.cols(a, r, false)
	ob := boolBytes(dst)
	for y := range h {
		a.unpack(y, ob[y*w:(y+1)*w], invert)
	}
}

// ones has every byte set to true.
const ones = 0x0101010101010101

// nextSet returns the index of the first true cell of row at or after x,
// or len(row); eight cells at a time.
func nextSet(row []byte, x int) int {
	for ; x+8 <= len(row); x += 8 {
		if v := binary.LittleEndian.Uint64(row[x:]); v != 0 {
			return x + bits.TrailingZeros64(v)/8
		}
	}
	for ; x < len(row) && row[x] == 0; x++ {
	}
	return x
}

// nextUnset returns the index of the first false cell of row at or after
// x, or len(row).
func nextUnset(row []byte, x int) int {
	for ; x+8 <= len(row); x += 8 {
		if v := binary.LittleEndian.Uint64(row[x:]) ^ ones; v != 0 {
			return x + bits.TrailingZeros64(v)/8
		}
	}
	for ; x < len(row) && row[x] != 0; x++ {
	}
	return x
}

// countSet returns the number of true cells in row.
func countSet(row []byte) int {
	n, x := 0, 0
	for ; x+8 <= len(row); x += 8 {
		n += bits.OnesCount64(binary.LittleEndian.Uint64(row[x:]))
	}
	for ; x < len(row); x++ {
		n += int(row[x])
	}
	return n
}

// fillTrue sets every cell of m.
func fillTrue(m []bool) {
	b := boolBytes(m)
	// A whole plane (every segmentation pass fills one) is copied from a
	// block of ones: memmove moves 32 bytes where the loop below stores 8.
	for len(b) >= len(trueBlock) {
		b = b[copy(b, trueBlock[:]):]
	}
	i := 0
	for ; i+8 <= len(b); i += 8 {
		binary.LittleEndian.PutUint64(b[i:], ones)
	}
	for ; i < len(b); i++ {
		b[i] = 1
	}
}
