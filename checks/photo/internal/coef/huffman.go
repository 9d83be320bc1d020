package coef

// fastBits is the look-ahead of the Huffman tables: codes up to this length
// (nearly all of them in photos) decode with one table load. 9 bits keeps
// both tables of a class inside 3 KiB, well within L1.
const fastBits = 9

// huff is one Huffman table (T.81 Annex C) in decoding form.
type huff struct {
	// fast maps the next fastBits bits to length<<8 | symbol; 0 means the
	// code is longer and takes the slow path.
	fast [1 << fastBits]uint16
	// fastAC, for AC tables, also decodes the coefficient's extra bits when
	// code and extra bits fit in fastBits: value<<16 | run<<8 | bits used.
	// 0 means "not available".
	fastAC [1 << fastBits]int32
	// skip, for AC tables, is what skipping a coefficient needs when its
	// code fits in fastBits, whatever its extra bits: kind<<16 | step<<8 |
	// code and extra bits, where kind is 0 for a coefficient (step: its
	// run + 1), skipEOB or skipZRL. 0 means "take the slow path".
	skip [1 << fastBits]uint32
	// multi, for AC tables, skips as many whole codes as the next
	// multiBits bits hold (see buildMulti); nil for DC tables.
	multi *[1 << multiBits]uint32
	// maxcode[l] is the largest code of length l (-1 if none); valptr and
	// mincode locate its symbol, as in T.81 figure F.16.
	maxcode [17]int32
	valptr  [17]int32
	mincode [17]int32
	vals    [256]byte
	nvals   int
}

func (t *huff) build(counts [16]int, vals []byte, ac bool) error {
	multi := t.multi
	*t = huff{multi: multi}
	t.nvals = copy(t.vals[:], vals)
	code, k := int32(0), int32(0)
	for l := 1; l <= 16; l++ {
		n := int32(counts[l-1])
		t.valptr[l] = k
		t.mincode[l] = code
		if n == 0 {
			t.maxcode[l] = -1
		} else {
			t.maxcode[l] = code + n - 1
		}
		// A table whose codes do not fit in l bits is over-subscribed:
		// decoding it would be ambiguous.
		if code+n > 1<<l {
			return corrupt("over-subscribed Huffman table")
		}
		if l <= fastBits {
			for i := range n {
				c := code + i
				shift := fastBits - l
				lo := c << shift
				for j := range int32(1) << shift {
					t.fast[lo+j] = uint16(l)<<8 | uint16(vals[k+i])
				}
			}
		}
		code = (code + n) << 1
		k += n
	}
	if !ac {
		return nil
	}
	for idx := range 1 << fastBits {
		e := t.fast[idx]
		l := int(e >> 8)
		if l == 0 {
			continue
		}
		rs := int(e & 0xFF)
		run, size := rs>>4, rs&15
		switch {
		case size > 0:
			t.skip[idx] = uint32(run+1)<<8 | uint32(l+size)
		case run == 15:
			t.skip[idx] = skipZRL<<16 | uint32(l)
		default: // any other size-0 symbol ends the block, as EOB does
			t.skip[idx] = skipEOB<<16 | uint32(l)
		}
		if size == 0 || l+size > fastBits {
			continue
		}
		extra := int32(idx>>(fastBits-l-size)) & (1<<size - 1)
		v := extend(extra, uint(size))
		t.fastAC[idx] = v<<16 | int32(run)<<8 | int32(l+size)
	}
	t.buildMulti()
	return nil
}

// multiBits is the look-ahead of the skip tables for several codes. A
// skipped code with its extra bits takes about five bits in a photo, so
// 12 bits hold two or three of them; the table (16 KiB) still fits in L1
// beside the others.
const multiBits = 12

// A multi entry is limit<<24 | step<<8 | bits: taking it whole consumes
// bits and advances the coefficient index by step. It may be taken only
// while k <= limit, where k is the index of the next term: that is when
// decoding its codes one at a time would neither end the block (k
// reaching 64) before its last code nor find a run past the 63rd term.
// An entry that ends with the block's end has a step of 64, which takes k
// past the block's last term, so the loop over the codes needs no test of
// its own for it. 0 (a limit of 0) means "skip one code the usual way".
const multiEOB = 64

// buildMulti fills t.multi: for each pattern of the next multiBits bits,
// the longest run of whole codes (with their extra bits) it holds, up to
// and including an end of block. The first code's extra bits may run past
// the look-ahead; the reader always holds 32 bits, enough for any code
// that starts within it.
func (t *huff) buildMulti() {
	if t.multi == nil {
		t.multi = new([1 << multiBits]uint32)
	}
	for idx := range 1 << multiBits {
		bits := uint64(idx) << (64 - multiBits)
		var e uint32
		used, step, limit := 0, 0, 63
		for used < multiBits {
			rs, l, ok := t.peek(bits<<uint(used), multiBits-used)
			if !ok {
				break
			}
			run, size := int(rs>>4), int(rs&15)
			// The code is read only while the block goes on.
			lim := min(limit, 63-step)
			if size == 0 && run != 15 { // any size-0 symbol but ZRL ends the block, as EOB does
				if lim >= 1 {
					e = uint32(lim)<<24 | multiEOB<<8 | uint32(used+l)
				}
				break
			}
			next, width := step+16, l // ZRL: sixteen zeros
			if size > 0 {
				next, width = step+run+1, l+size
				// A coefficient must land at index 63 at most.
				lim = min(lim, 64-next)
				if used > 0 && used+width > multiBits {
					break
				}
			}
			if lim < 1 {
				break
			}
			used, step, limit = used+width, next, lim
			e = uint32(limit)<<24 | uint32(step)<<8 | uint32(used)
		}
		t.multi[idx] = e
	}
}

// peek decodes the code at the top of bits, of which only the first avail
// are known (the rest are zero), as the decoder would: ok is false when the
// code is not whole within them or is not in the table.
func (t *huff) peek(bits uint64, avail int) (sym uint, l int, ok bool) {
	if e := t.fast[bits>>(64-fastBits)]; e>>8 != 0 {
		l, sym = int(e>>8), uint(e&0xFF)
	} else {
		var ul uint
		if sym, ul, ok = slowSym(t, bits); !ok {
			return 0, 0, false
		}
		l = int(ul)
	}
	return sym, l, l <= avail
}

// Kinds of skip-table entries besides a coefficient.
const (
	skipEOB = 1 // end of block
	skipZRL = 2 // sixteen zeros
)

// extend turns s received bits into a signed coefficient (T.81 F.2.2.1).
func extend(v int32, s uint) int32 {
	if v < 1<<(s-1) {
		return v - (1 << s) + 1
	}
	return v
}
