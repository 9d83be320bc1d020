package coef

import (
	"bytes"
	"encoding/binary"
	"runtime"
	"slices"
	"sync"
)

// Decode reads the luma block features of a baseline JPEG. Images with more
// than maxPixels pixels are refused with ErrTooLarge before any allocation
// that depends on the claimed size.
func Decode(data []byte, maxPixels int) (*Blocks, Info, error) {
	return decode(data, maxPixels, nil, auto, true)
}

// speculation says when a scan without restart markers is decoded on two
// cores (speculate.go): auto when it is long enough and there are two
// cores, always or never (the tests compare the two).
type speculation int

const (
	auto speculation = iota
	always
	never
)

// DecodeChroma is Decode without the energies, keeping the chroma blocks'
// DC terms too (Blocks.ChromaMeans). DecodeWindows keeps them as well; this
// is for callers that want no windows.
func DecodeChroma(data []byte, maxPixels int) (*Blocks, Info, error) {
	return decodeWith(data, maxPixels, nil, auto, false, true)
}

func decode(data []byte, maxPixels int, pick WindowsFunc, spec speculation, energy bool) (*Blocks, Info, error) {
	return decodeWith(data, maxPixels, pick, spec, energy, false)
}

// decodeWith is decode, keeping the chroma's DC terms when chroma is set.
func decodeWith(data []byte, maxPixels int, pick WindowsFunc, spec speculation, energy, chroma bool) (*Blocks, Info, error) {
	var h header
	pos, err := h.parse(data, false)
	if err != nil {
		return nil, h.Info, err
	}
	if h.Width*h.Height > maxPixels || h.Width > 65535 || h.Height > 65535 {
		return nil, h.Info, ErrTooLarge
	}
	if !h.baseline || h.adobeRGB || h.Components == 2 || h.Components > 3 {
		return nil, h.Info, ErrUnsupported
	}
	// The first component is luma in JFIF. A luma plane that is not the
	// most finely sampled one would need upsampling: leave it to the full
	// decoder.
	if h.comps[0].h != h.hmax || h.comps[0].v != h.vmax {
		return nil, h.Info, ErrUnsupported
	}
	mcuW, mcuH := 8*h.hmax, 8*h.vmax
	mcusX, mcusY := (h.Width+mcuW-1)/mcuW, (h.Height+mcuH-1)/mcuH
	b := newBlocks(h.Width, h.Height, mcusX*h.hmax, mcusY*h.vmax, energy)
	b.chroma = chroma
	if pick != nil {
		b.planWindows(pick(h.Width, h.Height), mcuW, mcuH)
	}
	for {
		d, err := newScanDecoder(&h, b, mcusX, mcusY)
		if err != nil {
			return nil, h.Info, err
		}
		d.spec, d.energy = spec, energy
		end, err := d.run(data, pos)
		if err != nil {
			return nil, h.Info, err
		}
		if d.hasLuma {
			b.finishWindows()
			return b, h.Info, nil
		}
		// A non-interleaved file whose first scan is chroma: skip to the
		// next scan.
		if pos, err = h.parseFrom(data, end, false); err != nil {
			return nil, h.Info, err
		}
	}
}

// slot is one block of an MCU: its tables and, for luma, where it goes.
type slot struct {
	comp   int
	dc, ac *huff
	q      *[64]int32
	keep   bool
	// cp is 1 (Cb) or 2 (Cr) for a chroma block whose DC term is kept
	// (Blocks.ChromaMeans), 0 otherwise; coff its place among its
	// component's blocks of the MCU (at most 16). Bytes beside keep, so a
	// slot stays 64 bytes: indexing the slots by a shift is worth about
	// 1 M instructions on a 12 MP photo.
	cp, coff uint8
	off      int // block index offset from the MCU's first luma block
	// bx, by: the block's place in its component's part of the MCU (for
	// the windows' chroma).
	bx, by int
}

type scanDecoder struct {
	h       *header
	b       *Blocks
	slots   []slot
	nmcu    int
	hasLuma bool
	chroma  bool // keep the windows' chroma blocks
	// mcuBase maps an MCU index to the block index of its first luma
	// block.
	perRow, stepX, stepY int
	spec                 speculation
	energy               bool // fill E1–E3
	// pred, when set, receives each luma block's DC prediction instead of
	// its mean (the speculative half, whose predictions are relative).
	pred []int32
	// cdc receives the chroma blocks' DC predictions, cper a component
	// an MCU (Blocks.cdc, or the speculative half's own).
	cdc  [2][]int32
	cper int
	// general marks the MCUs that hold a block of a window (nil: none
	// does); the others take a shorter path when no energies are asked
	// for.
	general []bool
}

func newScanDecoder(h *header, b *Blocks, mcusX, mcusY int) (*scanDecoder, error) {
	d := &scanDecoder{h: h, b: b}
	interleaved := len(h.cur.comps) > 1
	if interleaved && len(h.cur.comps) == 3 && b.winIdx != nil {
		c := h.comps[h.cur.comps[1]]
		c2 := h.comps[h.cur.comps[2]]
		if c.h == c2.h && c.v == c2.v && h.hmax%c.h == 0 && h.vmax%c.v == 0 {
			b.planChroma(mcusX, mcusY, 8*h.hmax, 8*h.vmax, c.h, c.v)
			d.chroma = b.winMCU != nil
		}
	}
	// The chroma's DC terms are kept when both chroma components come in
	// this scan with the luma, sampled alike.
	keepChroma := false
	if b.chroma && interleaved && len(h.cur.comps) == 3 && h.cur.comps[0] == 0 {
		c, c2 := h.comps[h.cur.comps[1]], h.comps[h.cur.comps[2]]
		if c.h == c2.h && c.v == c2.v && h.hmax%c.h == 0 && h.vmax%c.v == 0 {
			keepChroma = true
			if b.cdc[0] == nil {
				b.cper, b.cstepX, b.cstepY = c.h*c.v, c.h, c.v
				b.cmcusX, b.cmcusY, b.csubX, b.csubY = mcusX, mcusY, h.hmax/c.h, h.vmax/c.v
				n := b.cper * mcusX * mcusY
				all := make([]int32, 2*n)
				b.cdc = [2][]int32{all[:n:n], all[n:]}
			}
			b.cq = [2]int32{h.qt[c.tq][0], h.qt[c2.tq][0]}
			d.cdc, d.cper = b.cdc, b.cper
		}
	}
	for si, ci := range h.cur.comps {
		c := h.comps[ci]
		if !h.dcSet[c.td] || !h.acSet[c.ta] || !h.qtSet[c.tq] {
			return nil, corrupt("scan uses an undefined table")
		}
		if ci == 0 {
			d.hasLuma = true
		}
		nh, nv := c.h, c.v
		if !interleaved {
			nh, nv = 1, 1
		}
		for y := range nv {
			for x := range nh {
				sl := slot{comp: ci, dc: &h.dc[c.td], ac: &h.ac[c.ta], q: &h.qt[c.tq],
					keep: ci == 0, off: y*b.Stride + x, bx: x, by: y}
				if keepChroma && si > 0 {
					sl.cp, sl.coff = uint8(si), uint8(y*nh+x)
				}
				d.slots = append(d.slots, sl)
			}
		}
	}
	if interleaved {
		d.nmcu, d.perRow, d.stepX, d.stepY = mcusX*mcusY, mcusX, h.comps[0].h, h.comps[0].v
	} else {
		// A single-component scan walks that component's own blocks,
		// without MCU padding (T.81 A.2.2).
		c := h.comps[h.cur.comps[0]]
		cw := (h.Width*c.h + h.hmax - 1) / h.hmax
		ch := (h.Height*c.v + h.vmax - 1) / h.vmax
		bw, bh := (cw+7)/8, (ch+7)/8
		d.nmcu, d.perRow, d.stepX, d.stepY = bw*bh, bw, 1, 1
	}
	d.markWindows()
	return d, nil
}

// markWindows fills d.general from the windows' blocks (a luma block at
// column bx, row by is in MCU (by/stepY)·perRow + bx/stepX) and their
// chroma's MCUs: a few thousand blocks, where asking every MCU cost ~1 %
// of a 12 MP check.
func (d *scanDecoder) markWindows() {
	b := d.b
	luma := b.winIdx != nil && slices.ContainsFunc(d.slots, func(sl slot) bool { return sl.keep })
	if !luma && !d.chroma {
		return
	}
	d.general = make([]bool, d.nmcu)
	if d.chroma {
		for m, w := range b.winMCU {
			d.general[m] = w >= 0
		}
	}
	if !luma {
		return
	}
	for _, w := range b.Windows {
		for by := w.Y0 / 8; by < (w.Y0+w.N)/8; by++ {
			for bx := w.X0 / 8; bx < (w.X0+w.N)/8; bx++ {
				if m := (by/d.stepY)*d.perRow + bx/d.stepX; bx/d.stepX < d.perRow && m < d.nmcu {
					d.general[m] = true
				}
			}
		}
	}
}

// run decodes the scan whose entropy-coded data starts at pos and returns
// the offset of the marker that ends it.
func (d *scanDecoder) run(data []byte, pos int) (int, error) {
	buf, _ := bytePool.Get().(*[]byte)
	if buf == nil {
		buf = new([]byte)
	}
	defer bytePool.Put(buf)
	segs, end, err := unstuff(data, pos, buf)
	if err != nil {
		return 0, err
	}
	ri := d.h.restart
	if ri == 0 || len(segs) == 1 {
		if len(segs) > 1 {
			return 0, corrupt("restart marker without restart interval")
		}
		return end, d.whole(segs[0])
	}
	if (d.nmcu+ri-1)/ri > len(segs) {
		return 0, corrupt("missing restart intervals")
	}
	// Restart intervals are independent (DC predictions reset), so both
	// cores can decode halves of them at once.
	workers := min(runtime.GOMAXPROCS(0), 2, len(segs))
	var wg sync.WaitGroup
	errs := make([]error, workers)
	per := (len(segs) + workers - 1) / workers
	for w := range workers {
		wg.Go(func() {
			for s := w * per; s < min(len(segs), (w+1)*per); s++ {
				m0 := s * ri
				if m0 >= d.nmcu {
					break
				}
				if err := d.segment(segs[s], m0, min(d.nmcu, m0+ri)); err != nil {
					errs[w] = err
					return
				}
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return 0, err
		}
	}
	return end, nil
}

// padding is appended to each segment so the bit reader can always load 8
// bytes at once; reading zeros past the end is detected by counting.
const padding = 8

// bytePool keeps the buffers unstuff copies the scan into (about the
// file's size) between decodes.
var bytePool sync.Pool

// unstuff copies the entropy-coded data from pos into one buffer without
// the stuffed zero bytes, split at restart markers, reusing *buf's memory
// (and leaving the buffer there). Each returned segment has padding zero
// bytes of capacity beyond its length.
func unstuff(data []byte, pos int, buf *[]byte) ([][]byte, int, error) {
	out := *buf
	if n := len(data) - pos + padding*16; cap(out) < n {
		out = make([]byte, 0, n)
	}
	out = out[:0]
	defer func() { *buf = out }()
	var segs [][]byte
	start := 0
	for {
		i := bytes.IndexByte(data[pos:], 0xFF)
		if i < 0 {
			// No marker ends the scan: a truncated file. Keep what there
			// is; the decoder reports it if blocks are missing.
			out = append(out, data[pos:]...)
			pos = len(data)
			break
		}
		out = append(out, data[pos:pos+i]...)
		pos += i
		j := pos + 1
		for j < len(data) && data[j] == 0xFF {
			j++ // fill bytes
		}
		if j >= len(data) {
			pos = len(data)
			break
		}
		m := data[j]
		if m == 0x00 {
			out = append(out, 0xFF)
			pos = j + 1
			continue
		}
		if m >= 0xD0 && m <= 0xD7 {
			out = append(out, make([]byte, padding)...)
			segs = append(segs, out[start:len(out)-padding])
			start = len(out)
			pos = j + 1
			continue
		}
		break // any other marker ends the scan
	}
	out = append(out, make([]byte, padding)...)
	segs = append(segs, out[start:len(out)-padding])
	return segs, pos, nil
}

// segment decodes MCUs [m0, m1) from one restart interval's data.
func (d *scanDecoder) segment(seg []byte, m0, m1 int) error {
	st, _, err := d.decodeFrom(seg, m0, m1, mcuState{}, noStop, nil)
	if err != nil {
		return err
	}
	return st.complete(seg)
}

// mcuState is the decoder's state between two MCUs: how many bits of the
// segment it has consumed (beyond the end, the zeros it reads there) and
// the DC predictions. Decoding from a state needs nothing else.
type mcuState struct {
	bit   int
	preds [4]int32
}

// complete reports a segment whose decoding used bits it does not have:
// the file was cut short (the last byte's padding bits are ones, so a
// complete file never needs the zeros the reader supplies).
func (st mcuState) complete(seg []byte) error {
	if st.bit > len(seg)*8 {
		return corrupt("truncated data")
	}
	return nil
}

const noStop = int(^uint(0) >> 1)

// endOfBlock is a coefficient index past every block's last, set at an
// end-of-block code to leave the loops over a block's codes.
const endOfBlock = 64

// decodeFrom decodes MCUs [m0, m1) starting in state st. It returns early,
// before MCU m, when that MCU would start at or past bit stop; rec, when
// not nil, receives the state at the start of every MCU begun and the
// final one. It returns the state reached and the next MCU's index; after an
// error, the index of the MCU that failed and, as the state, only the bit
// where decoding gave up (the second core goes on from there, see
// speculate.go). This loop is where the time goes: nearly every block in
// reader.luma and reader.chroma (short.go), each a call with the bit reader
// in its registers; the MCUs of windows, and all of them when energies are
// asked for, in firstAC, skipAC and the loop below, with the reader in
// local variables.
func (d *scanDecoder) decodeFrom(seg []byte, m0, m1 int, st mcuState, stop int, rec *[]mcuState) (mcuState, int, error) {
	buf := seg[:len(seg)+padding]
	limit := len(seg)
	r := reader{buf: buf}
	preds := st.preds
	// Start st.bit bits in: the reader's accounting (pos*8 + virt - n
	// bits consumed) says the same.
	if p := st.bit >> 3; p <= limit {
		r.acc = binary.BigEndian.Uint64(buf[p:]) << uint(st.bit&7)
		r.n = 64 - uint(st.bit&7)
		r.pos = p + 8
	} else {
		r.pos = limit + 1
		r.virt = uint(st.bit - r.pos*8)
	}
	b := d.b
	m := m0
	for ; m < m1; m++ {
		cur := mcuState{bit: r.bit(), preds: preds}
		if rec != nil {
			*rec = append(*rec, cur)
		}
		if cur.bit >= stop {
			return cur, m, nil
		}
		base := (m/d.perRow)*d.stepY*b.Stride + (m%d.perRow)*d.stepX
		if !d.energy && (d.general == nil || !d.general[m]) {
			// Nearly every MCU: no window, no energies. Its blocks need
			// the DC term, a luma block's first terms and nothing else.
			for si := range d.slots {
				sl := &d.slots[si]
				if !sl.keep {
					diff, why := r.chroma(sl)
					if why != 0 {
						return mcuState{bit: r.bit()}, m, corrupt(failures[why])
					}
					preds[sl.comp] += diff
					if sl.cp != 0 {
						d.cdc[sl.cp-1][m*d.cper+int(sl.coff)] = preds[sl.comp]
					}
					continue
				}
				diff, why := r.luma(sl)
				if why != 0 {
					return mcuState{bit: r.bit()}, m, corrupt(failures[why])
				}
				preds[0] += diff
				i := base + sl.off
				if d.pred != nil {
					d.pred[i] = preds[0]
				} else {
					b.Mean[i] = float32(preds[0]*sl.q[0])/8 + 128
				}
				b.H[i], b.V[i], b.D[i] = float32(r.fh), float32(r.fv), float32(r.fd)
			}
			continue
		}
		// A window's MCU, or energies asked for: the reader in local
		// variables for this MCU.
		acc, n, pos, virt := r.acc, r.n, r.pos, r.virt
		for si := range d.slots {
			sl := &d.slots[si]
			if n < 32 {
				if pos <= limit {
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
					return mcuState{bit: pos*8 + int(virt) - int(n)}, m, corrupt("bad DC code")
				}
			}
			if s > 11 {
				return mcuState{bit: pos*8 + int(virt) - int(n)}, m, corrupt("DC difference too large")
			}
			acc <<= l
			n -= l
			if s > 0 {
				preds[sl.comp] += extend(int32(acc>>(64-s)), s)
				acc <<= s
				n -= s
			}
			q := sl.q
			keep := sl.keep
			// A block of a window keeps all its coefficients.
			var wc *[64]int32
			if keep && b.winIdx != nil {
				if j := b.winIdx[base+sl.off]; j >= 0 {
					wc = &b.winCoef[j]
				}
			} else if d.chroma && sl.comp > 0 {
				if j := b.winMCU[m]; j >= 0 {
					w := &b.Windows[j]
					cbx := (m%b.mcusX-w.mx0)*w.cbw/(w.N/(8*d.h.hmax)) + sl.bx
					cby := (m/b.mcusX-w.my0)*w.cbh/(w.N/(8*d.h.vmax)) + sl.by
					wc = &b.winCoefC[w.cbase+(sl.comp-1)*w.cbw*w.cbh+cby*w.cbw+cbx]
				}
			}
			need := keep || wc != nil
			bands := keep && d.energy
			var e1, e2, e3 int64
			var fh, fv, fd int32
			ac := sl.ac
			k := 1
			// Most blocks need at most their first terms (F(0,1), F(1,0)
			// and F(1,1) of a luma block, nothing of a chroma one): the
			// rest of their codes are skipped with the skip table, which
			// gives a code's run and its length with its extra bits in one
			// load and never works the value out. Blocks of a window, and
			// all of them when the energies are asked for, take every value.
			if !bands && wc == nil {
				if keep {
					var why int
					if acc, n, pos, virt, k, fh, fv, fd, why = firstAC(ac, q, buf, limit, acc, n, pos, virt); why != 0 {
						return mcuState{bit: pos*8 + int(virt) - int(n)}, m, corrupt(failures[why])
					}
				}
				if k < 64 {
					var fail string
					if acc, n, pos, virt, fail = skipAC(ac, buf, limit, acc, n, pos, virt, k); fail != "" {
						return mcuState{bit: pos*8 + int(virt) - int(n)}, m, corrupt(fail)
					}
				}
			} else {
				for k < 64 {
					if n < 32 {
						if pos <= limit {
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
						acc <<= l
						n -= l
						v = fa >> 16
					} else {
						e := ac.fast[idx]
						l, rs := uint(e>>8), uint(e&0xFF)
						if l == 0 {
							var ok bool
							if rs, l, ok = slowSym(ac, acc); !ok {
								return mcuState{bit: pos*8 + int(virt) - int(n)}, m, corrupt("bad AC code")
							}
						}
						acc <<= l
						n -= l
						r, s := int(rs>>4), rs&15
						if s == 0 {
							if r != 15 {
								break // end of block
							}
							k += 16
							continue
						}
						k += r
						v = extend(int32(acc>>(64-s)), s)
						acc <<= s
						n -= s
					}
					if k > 63 {
						return mcuState{bit: pos*8 + int(virt) - int(n)}, m, corrupt("coefficient index past 63")
					}
					if need {
						dq := v * q[k]
						if wc != nil {
							wc[zigzag[k]] = dq
						}
						if k <= 4 {
							switch k {
							case 1:
								fh = dq
							case 2:
								fv = dq
							case 4:
								fd = dq
							}
						}
						if !bands {
							k++
							continue
						}
						sq := int64(dq) * int64(dq)
						switch bandOf[k] {
						case 0:
							e1 += sq
						case 1:
							e2 += sq
						default:
							e3 += sq
						}
					}
					k++
				}
			}
			if wc != nil {
				wc[0] = preds[sl.comp] * q[0]
			}
			if keep {
				i := base + sl.off
				if d.pred != nil {
					d.pred[i] = preds[0]
				} else {
					b.Mean[i] = float32(preds[0]*q[0])/8 + 128
				}
				b.H[i], b.V[i], b.D[i] = float32(fh), float32(fv), float32(fd)
				if bands {
					b.E1[i], b.E2[i], b.E3[i] = float32(e1), float32(e2), float32(e3)
				}
			} else if sl.cp != 0 {
				d.cdc[sl.cp-1][m*d.cper+int(sl.coff)] = preds[sl.comp]
			}
		}
		r.acc, r.n, r.pos, r.virt = acc, n, pos, virt
	}
	end := mcuState{bit: r.bit(), preds: preds}
	if rec != nil {
		*rec = append(*rec, end)
	}
	return end, m, nil
}

// slowSym decodes a code longer than fastBits (T.81 F.2.2.3).
func slowSym(t *huff, acc uint64) (sym, l uint, ok bool) {
	for l := uint(fastBits + 1); l <= 16; l++ {
		code := int32(acc >> (64 - l))
		if code <= t.maxcode[l] {
			i := t.valptr[l] + code - t.mincode[l]
			if i < 0 || int(i) >= t.nvals {
				return 0, 0, false
			}
			return uint(t.vals[i]), l, true
		}
	}
	return 0, 0, false
}

// skipAC skips the AC codes of a block from its k-th term to its end and
// returns the bit reader's state, or the reason the codes are corrupt.
// Where the multi table allows it, several codes go at once (two or three
// in a photo: −40 % of skipAC's instructions on a noisy 12 MP photo); the
// rest go one at a time through the skip table and slowSym. It
// is a function of its own so that its loop keeps the reader in registers:
// written inside decodeFrom, whose many live variables do not fit, the
// accumulator went through the stack at every code (−7 % of decoding a
// 12 MP photo on one core).
func skipAC(ac *huff, buf []byte, limit int, acc uint64, n uint, pos int, virt uint, k int) (uint64, uint, int, uint, string) {
	multi := ac.multi
	for k < 64 {
		if n < 32 {
			if pos <= limit {
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
		if e := ac.skip[acc>>(64-fastBits)]; e != 0 {
			l := uint(e & 0xFF)
			acc <<= l & 63 // l < 64 anyway: the mask spares the compiler's test for it
			n -= l
			switch e >> 16 {
			case 0:
				// run + 1: past 64 means a run past the 63rd term
				if k += int(e>>8) & 0xFF; k > 64 {
					return acc, n, pos, virt, "coefficient index past 63"
				}
			case skipEOB:
				return acc, n, pos, virt, ""
			default: // skipZRL
				k += 16
			}
			continue
		}
		rs, l, ok := slowSym(ac, acc)
		if !ok {
			return acc, n, pos, virt, "bad AC code"
		}
		acc <<= l & 63
		n -= l
		r, s := int(rs>>4), rs&15
		if s == 0 {
			if r != 15 {
				return acc, n, pos, virt, ""
			}
			k += 16
			continue
		}
		k += r
		acc <<= s & 63
		n -= s
		if k > 63 {
			return acc, n, pos, virt, "coefficient index past 63"
		}
		k++
	}
	return acc, n, pos, virt, ""
}

// firstAC decodes a luma block's AC codes up to its fourth term (F(0,1),
// F(1,0) and F(1,1) are the first, second and fourth in zigzag order) and
// returns the reader's state, the index of the next term (endOfBlock after
// an end of block), the three terms dequantized and, when the codes are
// corrupt, why (an index in failures; 0 when they are not). A function of
// its own for the reason skipAC is. Its results fit in registers (a string
// would not: the whole result then went through memory), and the terms
// are kept in an array until the end, which leaves the loop's registers to
// the reader.
func firstAC(ac *huff, q *[64]int32, buf []byte, limit int, acc uint64, n uint, pos int, virt uint) (uint64, uint, int, uint, int, int32, int32, int32, int) {
	var f [5]int32
	k := 1
	for {
		if n < 32 {
			if pos <= limit {
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
					return acc, n, pos, virt, k, 0, 0, 0, failBadAC
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
				return acc, n, pos, virt, k, 0, 0, 0, failPast63
			}
			k++
			break
		}
		f[k] = v
		if k++; k > 4 {
			break
		}
	}
	return acc, n, pos, virt, k, f[1] * q[1], f[2] * q[2], f[4] * q[4], 0
}

// failures are the reasons firstAC, reader.luma and reader.chroma give, by
// index.
var failures = [...]string{"", "bad AC code", "coefficient index past 63", "bad DC code", "DC difference too large"}

const (
	failBadAC = iota + 1
	failPast63
	failBadDC
	failDCRange
)
