package screening

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"math"
	"slices"
	"sort"
	"strconv"
	"sync"
	"unsafe"
)

// A compiled index is an Index written out so that a process can load it
// instead of building it: building normalises every listed name and reads
// every token under each transliteration system (seconds on the OFAC list),
// loading only copies tables. The layout is private to this package and
// tied to the matcher that wrote it (IndexVersion): a process that does not
// recognise the version rebuilds from the entries.
//
// Layout: magic, the IndexVersion string, a CRC-32C of the rest, then the
// tables as unsigned varints and length-prefixed strings: entries, vocabulary
// (text, keys, postings), names (entry, text, tokens, runs), and the
// trigram, skeleton, key, joined-run and document postings. Postings are
// non-decreasing and written as gaps.

// indexFormat numbers the layout and the rules that produce its contents
// (normalisation, keys). Bump it when either changes in a way the name
// knowledge files do not show; the decoder also re-derives a sample of the
// stored names and refuses the index when they differ, as a safety net.
const indexFormat = 17

const indexMagic = "kycdidx\x00"

// ErrIndexVersion reports a compiled index written by another version of
// the matcher or its name knowledge: not an error in the data, only a
// reason to rebuild.
var ErrIndexVersion = errors.New("screening: compiled index is from another matcher version")

// ErrIndexCorrupt reports a compiled index that cannot be read: truncated,
// altered, or referring outside its own tables.
var ErrIndexCorrupt = errors.New("screening: compiled index is corrupt")

// IndexVersion identifies the compiled index format together with the name
// knowledge it was built with; store compiled indexes under it, so that an
// upgrade that changes either rebuilds instead of loading stale tables.
func IndexVersion() string { return indexVersion() }

var indexVersion = sync.OnceValue(func() string {
	h := sha256.New()
	names, _ := fs.Glob(namesFS, "names/*")
	sort.Strings(names)
	for _, n := range names {
		b, err := fs.ReadFile(namesFS, n)
		if err != nil {
			panic(err) // embedded: cannot fail
		}
		fmt.Fprintf(h, "%s\x00%d\x00", n, len(b))
		h.Write(b)
	}
	return strconv.Itoa(indexFormat) + "-" + hex.EncodeToString(h.Sum(nil)[:8])
})

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// MarshalBinary writes the index in the compiled form DecodeIndex reads.
func (x *Index) MarshalBinary() ([]byte, error) {
	var e enc
	e.b = append(e.b, indexMagic...)
	e.str(IndexVersion())
	crcAt := len(e.b)
	e.b = append(e.b, 0, 0, 0, 0)

	e.uint(len(x.entries))
	for i := range x.entries {
		en := &x.entries[i]
		e.str(en.ID)
		e.str(en.List)
		e.str(string(en.Type))
		e.strs(en.Names)
		e.uint(len(en.DOBs))
		for _, d := range en.DOBs {
			e.uint(d.Year)
			e.uint(d.Month)
			e.uint(d.Day)
		}
		e.strs(en.Nationalities)
		e.strs(en.DocumentNumbers)
		e.strs(en.Programs)
	}
	e.uint(len(x.vocab))
	for _, v := range x.vocab {
		e.str(v.text)
		e.strs(v.keys)
		e.postings(v.names)
	}
	e.uint(len(x.names))
	for _, r := range x.names {
		e.uint(int(r.entry))
		e.str(r.text)
		e.uint(len(r.side.toks))
		for _, t := range r.side.toks {
			var flags int
			if t.initial {
				flags |= 1
			}
			if t.lineage {
				flags |= 2
			}
			if t.middle {
				flags |= 4
			}
			if t.given {
				flags |= 8
			}
			if t.family2 {
				flags |= 16
			}
			e.uint(flags)
			if t.initial {
				e.str(t.text)
			} else {
				e.uint(int(t.vid))
			}
		}
		e.uint(len(r.side.runs))
		for _, rn := range r.side.runs {
			e.uint(int(rn.mask))
			e.str(rn.text)
			e.strs(rn.keys)
		}
	}
	for _, t := range []*postTable{&x.grams, &x.skel, &x.keyed, &x.joined, &x.docs} {
		e.uint(len(t.keys))
		for i, k := range t.keys {
			e.str(k)
			e.postings(t.posts[i])
		}
	}
	if e.err != nil {
		return nil, e.err
	}
	binary.LittleEndian.PutUint32(e.b[crcAt:], crc32.Checksum(e.b[crcAt+4:], castagnoli))
	return e.b, nil
}

type enc struct {
	b   []byte
	err error
}

func (e *enc) uint(v int) { e.b = binary.AppendUvarint(e.b, uint64(v)) }
func (e *enc) str(s string) {
	e.uint(len(s))
	e.b = append(e.b, s...)
}
func (e *enc) strs(s []string) {
	e.uint(len(s))
	for _, v := range s {
		e.str(v)
	}
}

// postings writes ids as gaps; the index builds them in ascending order
// (repeats allowed: a token with a trigram twice is posted twice, and the
// shortlist counts both).
func (e *enc) postings(p []int32) {
	e.uint(len(p))
	prev := int32(0)
	for _, v := range p {
		if v < prev {
			e.err = fmt.Errorf("screening: compiled index: postings not ascending")
		}
		e.uint(int(v - prev))
		prev = v
	}
}

// DecodeIndex reads an index written by MarshalBinary. An index from
// another matcher version is ErrIndexVersion; anything that does not read
// back whole and consistent is ErrIndexCorrupt (wrapped with where), never
// a panic and never a partial index.
//
// The index keeps b (its strings point into it rather than into a copy of
// several megabytes): the caller must not modify b afterwards.
func DecodeIndex(b []byte) (*Index, error) {
	if len(b) < len(indexMagic) || string(b[:len(indexMagic)]) != indexMagic {
		return nil, fmt.Errorf("%w: not a compiled index (bad magic)", ErrIndexCorrupt)
	}
	d := dec{s: unsafe.String(unsafe.SliceData(b), len(b)), off: len(indexMagic)}
	if v := d.str(); d.err != nil || v != IndexVersion() {
		if d.err != nil {
			return nil, d.err
		}
		return nil, fmt.Errorf("%w: written by %q, this is %q", ErrIndexVersion, v, IndexVersion())
	}
	if len(d.s)-d.off < 4 {
		return nil, fmt.Errorf("%w: truncated before the checksum", ErrIndexCorrupt)
	}
	sum := binary.LittleEndian.Uint32(b[d.off:])
	d.off += 4
	if crc32.Checksum(b[d.off:], castagnoli) != sum {
		return nil, fmt.Errorf("%w: checksum mismatch", ErrIndexCorrupt)
	}
	return decodeTables(d)
}

// decodeTables reads the tables after the header. It checks every
// reference, so that it is safe on any input (the fuzz target calls it
// without the checksum in the way).
func decodeTables(d dec) (*Index, error) {
	x := &Index{}
	var strA arena[string]
	var idA arena[int32]

	x.entries = make([]Entry, d.count(4))
	for i := range x.entries {
		en := &x.entries[i]
		en.ID, en.List, en.Type = d.str(), d.str(), EntryType(d.str())
		en.Names = d.strs(&strA)
		if d.err == nil && (len(en.Names) == 0 || en.Names[0] == "") {
			d.fail("entry without a name")
		}
		if n := d.count(3); n > 0 {
			en.DOBs = make([]Date, n)
			for j := range en.DOBs {
				en.DOBs[j] = Date{Year: d.int(9999), Month: d.int(12), Day: d.int(31)}
			}
		}
		en.Nationalities, en.DocumentNumbers, en.Programs = d.strs(&strA), d.strs(&strA), d.strs(&strA)
	}
	if d.err != nil {
		return nil, d.err
	}

	// Names are counted after the vocabulary, so postings into names are
	// checked once the names are read.
	x.vocab = make([]vocabTok, d.count(3))
	x.vocabIdx.keys = make([]string, len(x.vocab))
	for i := range x.vocab {
		v := &x.vocab[i]
		v.text = d.str()
		v.keys = d.keyList(&strA)
		v.names = d.postings(&idA, math.MaxInt32)
		if v.text == "" {
			d.fail("empty token")
		}
		x.vocabIdx.keys[i] = v.text
	}
	if d.err != nil {
		return nil, d.err
	}
	x.vocabIdx.fill()

	var tokA arena[token]
	var fA arena[float32]
	var runA arena[run]
	x.names = make([]nameRec, d.count(4))
	for i := range x.names {
		r := &x.names[i]
		r.entry = int32(d.int(len(x.entries) - 1))
		r.text = d.str()
		nt := d.int(maxNameTokens)
		toks := tokA.take(nt)
		for j := range toks {
			flags := d.int(31)
			toks[j].initial, toks[j].lineage, toks[j].middle, toks[j].given = flags&1 != 0, flags&2 != 0, flags&4 != 0, flags&8 != 0
			toks[j].family2 = flags&16 != 0
			if toks[j].initial {
				toks[j].text = d.str()
				if d.err == nil && toks[j].text == "" {
					d.fail("empty initial")
				}
			} else if v := d.int(len(x.vocab) - 1); d.err == nil {
				toks[j].text, toks[j].keys, toks[j].vid = x.vocab[v].text, x.vocab[v].keys, int32(v)
				toks[j].kbits = keyBits(toks[j].keys)
			}
			toks[j].mask = letterMask(toks[j].text)
		}
		runs := runA.take(d.count(3))
		for j := range runs {
			runs[j].mask = uint32(d.int(1<<nt - 1))
			if d.err == nil && runs[j].mask == 0 {
				d.fail("empty run")
			}
			runs[j].text = d.str()
			runs[j].keys = d.keyList(&strA)
			runs[j].kbits = keyBits(runs[j].keys)
			runs[j].letters = letterMask(runs[j].text)
		}
		r.side = side{toks: toks, w: fA.take(nt), rare: fA.take(nt), runs: runs}
		if d.err != nil {
			return nil, d.err
		}
	}
	for _, v := range x.vocab {
		if len(v.names) > 0 && int(v.names[len(v.names)-1]) >= len(x.names) {
			return nil, fmt.Errorf("%w: token %q lists a name out of range", ErrIndexCorrupt, v.text)
		}
	}

	tables := []*postTable{&x.grams, &x.skel, &x.keyed, &x.joined, &x.docs}
	limits := []int{len(x.vocab), len(x.vocab), len(x.vocab), len(x.names), len(x.entries)}
	for i, t := range tables {
		n := d.count(2)
		t.keys, t.posts = strA.take(n), make([][]int32, n)
		for j := range n {
			t.keys[j] = d.str()
			t.posts[j] = d.postings(&idA, limits[i])
			if j > 0 && d.err == nil && t.keys[j] <= t.keys[j-1] {
				d.fail("keys out of order") // each key once: the slot table needs distinct keys
			}
		}
		if d.err != nil {
			return nil, d.err
		}
		t.fill()
	}
	if d.off != len(d.s) {
		return nil, fmt.Errorf("%w: %d bytes after the last table", ErrIndexCorrupt, len(d.s)-d.off)
	}
	if err := x.selfCheck(); err != nil {
		return nil, err
	}
	x.finish()
	return x, nil
}

// selfCheck derives a sample of the stored names again and compares: a
// compiled index written by a matcher that normalises or keys differently
// under the same IndexVersion (someone forgot to bump indexFormat) is
// refused rather than quietly searched with mismatched tokens.
func (x *Index) selfCheck() error {
	syllablesOnce.Do(loadSyllables)
	step := max(len(x.names)/16, 1)
	for i := 0; i < len(x.names); i += step {
		r := &x.names[i]
		ok := false
		for _, toks := range listedTokens(r.text, x.entries[r.entry].Type) {
			if len(toks) > 0 && sameTokens(newSide(toks, maxNameTokens, tokenKeys, nil), r.side) {
				ok = true
				break
			}
		}
		if !ok {
			return fmt.Errorf("%w: name %d reads differently with this matcher", ErrIndexVersion, i)
		}
	}
	return nil
}

func sameTokens(a, b side) bool {
	if len(a.toks) != len(b.toks) || len(a.runs) != len(b.runs) {
		return false
	}
	for i, t := range a.toks {
		u := b.toks[i]
		if t.text != u.text || t.initial != u.initial || t.lineage != u.lineage || t.middle != u.middle || t.given != u.given || t.family2 != u.family2 || !slices.Equal(t.keys, u.keys) {
			return false
		}
	}
	for i, r := range a.runs {
		u := b.runs[i]
		if r.mask != u.mask || r.text != u.text || !slices.Equal(r.keys, u.keys) {
			return false
		}
	}
	return true
}

// arena hands out slices of one larger allocation: a compiled index has
// hundreds of thousands of small slices, and allocating each alone would
// cost most of the load time.
type arena[T any] struct{ buf []T }

func (a *arena[T]) take(n int) []T {
	if n == 0 {
		return nil
	}
	if n > len(a.buf) {
		a.buf = make([]T, max(n, 8192))
	}
	s := a.buf[:n:n]
	a.buf = a.buf[n:]
	return s
}

// dec reads the tables; the first error sticks and every later read
// returns zero values, so the decoder checks d.err at a few points only.
// Strings are substrings of s: the whole index shares one allocation.
type dec struct {
	s   string
	off int
	err error
}

func (d *dec) fail(what string) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: %s at byte %d", ErrIndexCorrupt, what, d.off)
	}
}

func (d *dec) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	var v uint64
	for shift := uint(0); shift < 64; shift += 7 {
		if d.off >= len(d.s) {
			d.fail("truncated")
			return 0
		}
		c := d.s[d.off]
		d.off++
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return v
		}
	}
	d.fail("varint too long")
	return 0
}

// int reads a number that must be at most limit.
func (d *dec) int(limit int) int {
	v := d.uvarint()
	if v > uint64(max(limit, 0)) || limit < 0 {
		d.fail(fmt.Sprintf("value %d out of range (max %d)", v, limit))
		return 0
	}
	return int(v)
}

// count reads the length of a table whose elements take at least size
// bytes each: a length the rest of the input cannot hold is corrupt, so a
// forged length never makes the decoder allocate gigabytes.
func (d *dec) count(size int) int {
	v := d.uvarint() // read first: the room left is what follows it
	if room := uint64(len(d.s)-d.off) / uint64(size); v > room {
		d.fail(fmt.Sprintf("length %d longer than the %d bytes left", v, len(d.s)-d.off))
		return 0
	}
	return int(v)
}

func (d *dec) str() string {
	n := d.count(1)
	if d.err != nil {
		return ""
	}
	s := d.s[d.off : d.off+n]
	d.off += n
	return s
}

func (d *dec) strs(a *arena[string]) []string {
	out := a.take(d.count(1))
	for i := range out {
		out[i] = d.str()
	}
	return out
}

// keyList reads knowledge keys, which are never empty (their first byte
// says their kind).
func (d *dec) keyList(a *arena[string]) []string {
	out := d.strs(a)
	for i, k := range out {
		if k == "" {
			d.fail("empty key")
		}
		if i > 0 && k <= out[i-1] {
			d.fail("keys out of order") // keySim intersects sorted lists
		}
	}
	return out
}

func (d *dec) postings(a *arena[int32], limit int) []int32 {
	out := a.take(d.count(1))
	prev := int64(0)
	for i := range out {
		g := d.uvarint()
		v := prev + int64(min(g, uint64(limit)))
		if g >= uint64(limit) || v >= int64(limit) {
			d.fail("posting out of range")
			return nil
		}
		out[i] = int32(v)
		prev = v
	}
	return out
}
