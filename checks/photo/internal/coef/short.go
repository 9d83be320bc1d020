package coef

import "encoding/binary"

// reader is the bit reader of decodeFrom between blocks: the accumulator,
// its valid bits, the next byte to load and the zero bits supplied past the
// end of the data (pos*8 + virt - n bits consumed). It lives in memory
// between blocks so that a block's codes can be decoded in one call with the
// reader in registers (luma, chroma) and decodeFrom's slot loop keeps none
// of it live.
type reader struct {
	acc  uint64
	n    uint
	pos  int
	virt uint
	// buf is the segment and its padding: a load at pos is whole while
	// pos <= len(buf)-padding (decodeFrom's limit), written so in the
	// loops below because the compiler then drops the load's bounds check
	// and keeps no register for the limit (−4 % of decoding's
	// instructions).
	buf []byte
	// fh, fv and fd are the last luma block's F(0,1), F(1,0) and F(1,1),
	// dequantized.
	fh, fv, fd int32
}

// bit is how many bits of the segment the reader has consumed.
func (r *reader) bit() int {
	return r.pos*8 + int(r.virt) - int(r.n)
}

// luma decodes one luma block whose coefficients no window keeps and for
// which no energies are asked: its DC difference (returned), its first AC
// terms (r.fh, r.fv, r.fd) and, skipped, the rest of its codes. It is
// firstAC and skipAC after the DC term in one call: the decoder's short
// path made two calls a luma block, passing the reader's state through
// nine arguments and results each way, and decodeFrom kept it live across
// both. why is 0, or the reason the codes are corrupt (failures), with the
// reader where decoding gave up, as decodeFrom reports it.
func (r *reader) luma(sl *slot) (diff int32, why int) {
	acc, n, pos, virt := r.acc, r.n, r.pos, r.virt
	buf := r.buf
	if n < 32 {
		if len(buf)-pos >= padding {
			acc |= binary.BigEndian.Uint64(buf[pos:]) >> n
			adv := (63 - n) >> 3
			pos += int(adv)
			n += adv << 3
		} else {
			virt += 64 - n
			n = 64
		}
	}
	// DC difference (T.81 F.2.2.1).
	e := sl.dc.fast[acc>>(64-fastBits)]
	l, s := uint(e>>8), uint(e&0xFF)
	if l == 0 {
		var ok bool
		if s, l, ok = slowSym(sl.dc, acc); !ok {
			r.acc, r.n, r.pos, r.virt = acc, n, pos, virt
			return 0, failBadDC
		}
	}
	if s > 11 {
		r.acc, r.n, r.pos, r.virt = acc, n, pos, virt
		return 0, failDCRange
	}
	acc <<= l & 63
	n -= l
	if s > 0 {
		diff = extend(int32(acc>>(64-s)), s)
		acc <<= s & 63
		n -= s
	}
	// The first terms, as firstAC takes them.
	ac := sl.ac
	var f [5]int32
	k := 1
	for {
		if n < 32 {
			if len(buf)-pos >= padding {
				acc |= binary.BigEndian.Uint64(buf[pos:]) >> n
				adv := (63 - n) >> 3
				pos += int(adv)
				n += adv << 3
			} else {
				virt += 64 - n
				n = 64
			}
		}
		idx := acc >> (64 - fastBits)
		var v int32
		if fa := ac.fastAC[idx]; fa != 0 {
			k += int(fa>>8) & 0xFF
			l := uint(fa & 0xFF)
			acc <<= l & 63
			n -= l
			v = fa >> 16
		} else {
			e := ac.fast[idx]
			l, rs := uint(e>>8), uint(e&0xFF)
			if l == 0 {
				var ok bool
				if rs, l, ok = slowSym(ac, acc); !ok {
					r.acc, r.n, r.pos, r.virt = acc, n, pos, virt
					return 0, failBadAC
				}
			}
			acc <<= l & 63
			n -= l
			r, s := int(rs>>4), rs&15
			if s == 0 {
				if r != 15 {
					k = endOfBlock
					break
				}
				if k += 16; k > 4 {
					break
				}
				continue
			}
			k += r
			v = extend(int32(acc>>(64-s)), s)
			acc <<= s & 63
			n -= s
		}
		if k > 4 {
			if k > 63 {
				r.acc, r.n, r.pos, r.virt = acc, n, pos, virt
				return 0, failPast63
			}
			k++
			break
		}
		f[k] = v
		if k++; k > 4 {
			break
		}
	}
	q := sl.q
	r.fh, r.fv, r.fd = f[1]*q[1], f[2]*q[2], f[4]*q[4]
	// The rest, as skipAC skips them.
	multi := ac.multi
	_ = multi[0] // one nil check, before the loop
	for k < 64 {
		if n < 32 {
			if len(buf)-pos >= padding {
				acc |= binary.BigEndian.Uint64(buf[pos:]) >> n
				adv := (63 - n) >> 3
				pos += int(adv)
				n += adv << 3
			} else {
				virt += 64 - n
				n = 64
			}
		}
		if e := multi[acc>>(64-multiBits)]; k <= int(e>>24) {
			l := uint(e & 0xFF)
			acc <<= l & 63
			n -= l
			k += int(e>>8) & 0xFF
			continue
		}
		var fail int
		if acc, n, k, fail = skipOne(ac, acc, n, k); fail != 0 {
			why = fail
			break
		}
	}
	r.acc, r.n, r.pos, r.virt = acc, n, pos, virt
	return diff, why
}

// chroma is luma for a chroma block, whose AC codes are all skipped.
func (r *reader) chroma(sl *slot) (diff int32, why int) {
	acc, n, pos, virt := r.acc, r.n, r.pos, r.virt
	buf := r.buf
	if n < 32 {
		if len(buf)-pos >= padding {
			acc |= binary.BigEndian.Uint64(buf[pos:]) >> n
			adv := (63 - n) >> 3
			pos += int(adv)
			n += adv << 3
		} else {
			virt += 64 - n
			n = 64
		}
	}
	e := sl.dc.fast[acc>>(64-fastBits)]
	l, s := uint(e>>8), uint(e&0xFF)
	if l == 0 {
		var ok bool
		if s, l, ok = slowSym(sl.dc, acc); !ok {
			r.acc, r.n, r.pos, r.virt = acc, n, pos, virt
			return 0, failBadDC
		}
	}
	if s > 11 {
		r.acc, r.n, r.pos, r.virt = acc, n, pos, virt
		return 0, failDCRange
	}
	acc <<= l & 63
	n -= l
	if s > 0 {
		diff = extend(int32(acc>>(64-s)), s)
		acc <<= s & 63
		n -= s
	}
	ac := sl.ac
	multi := ac.multi
	_ = multi[0] // one nil check, before the loop
	for k := 1; k < 64; {
		if n < 32 {
			if len(buf)-pos >= padding {
				acc |= binary.BigEndian.Uint64(buf[pos:]) >> n
				adv := (63 - n) >> 3
				pos += int(adv)
				n += adv << 3
			} else {
				virt += 64 - n
				n = 64
			}
		}
		if e := multi[acc>>(64-multiBits)]; k <= int(e>>24) {
			l := uint(e & 0xFF)
			acc <<= l & 63
			n -= l
			k += int(e>>8) & 0xFF
			continue
		}
		var fail int
		if acc, n, k, fail = skipOne(ac, acc, n, k); fail != 0 {
			why = fail
			break
		}
	}
	r.acc, r.n, r.pos, r.virt = acc, n, pos, virt
	return diff, why
}

// skipOne skips one AC code (with its extra bits) at term k where the
// multi table does not apply, as skipAC does: through the one-code skip
// table, or slowSym for a code longer than fastBits. The reader holds at
// least 32 bits. It returns the next term's index (endOfBlock after an end
// of block) or why the code is corrupt. Rare (a few in a hundred codes),
// so a call of its own that leaves the loops around it small.
func skipOne(ac *huff, acc uint64, n uint, k int) (uint64, uint, int, int) {
	if e := ac.skip[acc>>(64-fastBits)]; e != 0 {
		l := uint(e & 0xFF)
		acc <<= l & 63
		n -= l
		switch e >> 16 {
		case 0:
			// run + 1: past 64 means a run past the 63rd term
			if k += int(e>>8) & 0xFF; k > 64 {
				return acc, n, k, failPast63
			}
		case skipEOB:
			return acc, n, endOfBlock, 0
		default: // skipZRL
			k += 16
		}
		return acc, n, k, 0
	}
	rs, l, ok := slowSym(ac, acc)
	if !ok {
		return acc, n, k, failBadAC
	}
	acc <<= l & 63
	n -= l
	r, s := int(rs>>4), rs&15
	if s == 0 {
		if r != 15 {
			return acc, n, endOfBlock, 0
		}
		return acc, n, k + 16, 0
	}
	k += r
	acc <<= s & 63
	n -= s
	if k > 63 {
		return acc, n, k, failPast63
	}
	return acc, n, k + 1, 0
}
