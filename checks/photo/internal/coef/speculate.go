package coef

import (
	"runtime"
	"slices"
	"sync"
)

// Most phones write no restart markers, so the scan is one stream of
// Huffman codes that only says where a block starts by decoding everything
// before it. It can still be decoded on two cores: the second core starts
// in the middle of the data as if an MCU began there, and the first decodes
// from the start. A wrong guess is decoded as garbage, but Huffman codes
// resynchronise — after a few blocks the second core's MCUs start where the
// true ones do — and decoding from an MCU's start depends on nothing but the
// bits that follow. So once the first core reaches an MCU that starts at a
// bit where the second core also began an MCU, everything the second core
// decoded from there on is right, apart from two things it could not know:
// which MCU it was (an offset of the index) and the DC predictions (an
// offset per component, as they are differences). Both are read off at the
// meeting point, and the second half is moved into place. Garbage that
// breaks a rule does not stop the second core: it starts again past the
// failure (ahead). If the cores never meet, the first core simply goes on
// to the end: the result is always that of one core decoding alone, only
// sooner.

// speculateBytes is the least scan length worth a second core: below it
// the goroutine and the copy cost more than half the decoding.
const speculateBytes = 64 << 10

// whole decodes the MCUs of a scan without restart intervals.
func (d *scanDecoder) whole(seg []byte) error {
	switch {
	case d.spec == never, d.spec == auto && (len(seg) < speculateBytes || runtime.GOMAXPROCS(0) < 2):
		return d.segment(seg, 0, d.nmcu)
	}
	split := len(seg) / 2 * 8
	if splitAt != nil {
		split = splitAt(len(seg) * 8)
	}
	bufs, _ := specPool.Get().(*specBufs)
	if bufs == nil {
		bufs = &specBufs{}
	}
	defer specPool.Put(bufs)
	spec := d.speculative(bufs)
	rec, ends := bufs.rec[:0], bufs.ends[:0]
	defer func() { bufs.rec, bufs.ends = rec, ends }()
	done := make(chan struct{})
	go func() {
		defer close(done)
		spec.ahead(seg, split, &rec, &ends)
	}()
	st, m, err := d.decodeFrom(seg, 0, d.nmcu, mcuState{}, split, nil)
	<-done
	if err != nil {
		return err
	}
	// Find the meeting point: an MCU start of the first core at a bit
	// where the second one also began an MCU.
	k := 0
	for m < d.nmcu {
		for k < len(rec) && rec[k].bit < st.bit {
			k++
		}
		if k == len(rec) || rec[k].bit == st.bit {
			break
		}
		if st, m, err = d.decodeFrom(seg, m, m+1, st, noStop, nil); err != nil {
			return err
		}
	}
	if m < d.nmcu && k < len(rec) {
		// The second core's run through rec[k] stopped at rec[e]: the
		// MCUs before it are decoded, and from it on the first core
		// goes on (meeting again any error that stopped it).
		e, _ := slices.BinarySearch(ends, k)
		e = ends[e]
		delta := m - k
		var off [4]int32
		for c := range off {
			off[c] = st.preds[c] - rec[k].preds[c]
		}
		last := min(d.nmcu, e+delta)
		d.adopt(spec, m, last, delta, off)
		d.b.adopted += last - m
		for mm := m; mm < last; mm++ {
			if d.inWindow(mm) {
				// The windows keep every coefficient: decode their
				// MCUs again, now that their place is known.
				s := rec[mm-delta]
				for c := range s.preds {
					s.preds[c] += off[c]
				}
				if _, _, err := d.decodeFrom(seg, mm, mm+1, s, noStop, nil); err != nil {
					return err
				}
			}
		}
		st = rec[last-delta]
		for c := range st.preds {
			st.preds[c] += off[c]
		}
		m = last
	}
	if m < d.nmcu {
		if st, _, err = d.decodeFrom(seg, m, d.nmcu, st, noStop, nil); err != nil {
			return err
		}
	}
	return st.complete(seg)
}

// ahead is the second core's part: it decodes from bit split to the end of
// seg, recording in rec the state at the start of every relative MCU j as
// rec[j]. Before it falls into step with the true MCUs it decodes garbage,
// which often breaks a rule (a run past the 63rd coefficient, a code no
// table has) — with an optimised Huffman table nearly every bit pattern is
// a code, so this is soon. It then starts again just past the failure, as
// if an MCU began there, instead of giving up: giving up left the whole
// scan to the first core. Each such run is decoded straight through; ends
// receives the index in rec of the entry each run stopped at (an MCU it
// did not finish, or the end), in increasing order. Every bit of seg is read
// by at most one run, so the work is bounded by the scan's length. Errors
// after the true MCUs are in step are met again by the first core, which
// stops adopting at the run's end.
func (d *scanDecoder) ahead(seg []byte, split int, rec *[]mcuState, ends *[]int) {
	st, j, end := mcuState{bit: split}, 0, len(seg)*8
	for {
		got, failed, err := d.decodeFrom(seg, j, d.nmcu, st, end, rec)
		*ends = append(*ends, len(*rec)-1)
		if err == nil {
			return
		}
		// rec's last entry is the failed MCU's start; go on after it.
		j = failed + 1
		st = mcuState{bit: max(got.bit, (*rec)[failed].bit+1)}
		if j >= d.nmcu || st.bit >= end {
			return
		}
	}
}

// splitAt, when set (by tests), chooses the bit of a scan of that many
// bits where the second core starts, instead of the middle byte.
var splitAt func(bits int) int

// specBufs are the second core's arrays and the MCU states it records,
// kept between decodes by specPool (at 12 MP, ~5 MiB a photo).
type specBufs struct {
	f    []float32
	p    []int32
	c    []int32 // the chroma's DC predictions
	rec  []mcuState
	ends []int
}

var specPool sync.Pool

// speculative returns a decoder for the second core: the same tables and
// MCU layout, writing the luma features of relative MCU j to blocks
// j·L … j·L+L-1 of its own arrays (L luma blocks an MCU) and the DC
// prediction instead of the mean; no windows. Its arrays are bufs', whose
// old contents do not matter: every block before the point where the
// first core takes them over is written first.
func (d *scanDecoder) speculative(bufs *specBufs) *scanDecoder {
	per := 0
	for _, sl := range d.slots {
		if sl.keep {
			per++
		}
	}
	n := per * d.nmcu
	planes := 3
	if d.energy {
		planes = 6
	}
	if cap(bufs.f) < planes*n {
		bufs.f = make([]float32, planes*n)
	}
	if cap(bufs.p) < n {
		bufs.p = make([]int32, n)
	}
	all := bufs.f[:planes*n]
	b := &Blocks{Stride: per, H: all[0:n:n], V: all[n : 2*n : 2*n], D: all[2*n : 3*n : 3*n]}
	if d.energy {
		b.E1, b.E2, b.E3 = all[3*n:4*n:4*n], all[4*n:5*n:5*n], all[5*n:6*n:6*n]
	}
	s := &scanDecoder{h: d.h, b: b, nmcu: d.nmcu, hasLuma: d.hasLuma, perRow: 1, stepX: 0, stepY: 1, energy: d.energy,
		pred: bufs.p[:n], slots: make([]slot, len(d.slots))}
	copy(s.slots, d.slots)
	if d.cdc[0] != nil {
		cn := d.cper * d.nmcu
		if cap(bufs.c) < 2*cn {
			bufs.c = make([]int32, 2*cn)
		}
		s.cdc, s.cper = [2][]int32{bufs.c[:cn:cn], bufs.c[cn : 2*cn : 2*cn]}, d.cper
	}
	j := 0
	for i := range s.slots {
		if s.slots[i].keep {
			s.slots[i].off = j
			j++
		}
	}
	return s
}

// adopt moves the second core's MCUs into place: relative MCU j is MCU
// j+delta, and its DC predictions are off0 short (luma). It runs on one
// core once both have finished, so it walks the MCUs a row at a time with
// the luma blocks' offsets worked out once.
func (d *scanDecoder) adopt(spec *scanDecoder, m0, m1, delta int, off [4]int32) {
	off0 := off[0]
	// The chroma's DC predictions lie MCU by MCU in both: one run each.
	for si := range d.slots {
		if sl := &d.slots[si]; sl.cp != 0 && sl.coff == 0 {
			dst := d.cdc[sl.cp-1][m0*d.cper : m1*d.cper]
			src := spec.cdc[sl.cp-1][(m0-delta)*d.cper:]
			o := off[sl.comp]
			for i := range dst {
				dst[i] = src[i] + o
			}
		}
	}
	b, sb := d.b, spec.b
	var offs, soffs [16]int // luma blocks an MCU: at most 4×4 (T.81 B.2.2)
	nl := 0
	var q0 int32
	for si := range d.slots {
		if sl := &d.slots[si]; sl.keep && nl < len(offs) {
			offs[nl], soffs[nl], q0 = sl.off, spec.slots[si].off, sl.q[0]
			nl++
		}
	}
	if sb.E1 != nil {
		for m := m0; m < m1; m++ {
			base := (m/d.perRow)*d.stepY*b.Stride + (m%d.perRow)*d.stepX
			src := (m - delta) * sb.Stride
			for li := range nl {
				i, j := base+offs[li], src+soffs[li]
				b.E1[i], b.E2[i], b.E3[i] = sb.E1[j], sb.E2[j], sb.E3[j]
			}
		}
	}
	// The planes in locals: read through b and sb, they were loaded again
	// after every store (~80 instructions a block; 7.5 M at 12 MP).
	mean, hs, vs, ds := b.Mean, b.H[:len(b.Mean)], b.V[:len(b.Mean)], b.D[:len(b.Mean)]
	pred, sh, sv, sd := spec.pred, sb.H[:len(spec.pred)], sb.V[:len(spec.pred)], sb.D[:len(spec.pred)]
	for m := m0; m < m1; {
		// The MCUs up to the end of m's row.
		end := min(m1, (m/d.perRow+1)*d.perRow)
		base := (m/d.perRow)*d.stepY*b.Stride + (m%d.perRow)*d.stepX
		src := (m - delta) * sb.Stride
		for ; m < end; m++ {
			for li := range nl {
				i, j := base+offs[li], src+soffs[li]
				mean[i] = float32((pred[j]+off0)*q0)/8 + 128
				hs[i], vs[i], ds[i] = sh[j], sv[j], sd[j]
			}
			base += d.stepX
			src += sb.Stride
		}
	}
}

// inWindow reports whether MCU m holds a block whose coefficients a window
// keeps (luma, or the windows' chroma).
func (d *scanDecoder) inWindow(m int) bool {
	return d.general != nil && d.general[m]
}
