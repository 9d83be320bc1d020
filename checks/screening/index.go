package screening

import (
	"container/heap"
	"math"
	"sort"
	"sync"
)

// Query is one person to screen. Only Name is required.
type Query struct {
	Name string
	// DOB, when known, raises the score of entries born then and lowers
	// that of entries born years apart.
	DOB Date
	// Nationality is an ISO 3166 code or English country name.
	Nationality string
	// DocumentNumber, when it equals an entry's, makes that entry a hit
	// with score 1 whatever the name.
	DocumentNumber string
	// Threshold is the minimum score of a hit; 0 means DefaultThreshold.
	Threshold float64
	// Limit caps the number of hits returned (best first); 0 means all.
	Limit int
}

// Hit is one listed entry a query may be.
type Hit struct {
	List    string
	EntryID string
	// Name is the entry's primary name; MatchedName the name or alias
	// that matched (the primary name too, for a document match).
	Name        string
	MatchedName string
	// Score is in [0, 1]: the name similarity adjusted by date of birth
	// and nationality, or 1 for a document number match.
	Score float64
	// NameScore is the name similarity alone, for reviewers.
	NameScore float64
	// DocumentMatch reports an exact document number match.
	DocumentMatch bool
}

// Index answers screening queries over a fixed set of entries. It is
// immutable once built, so any number of goroutines may Search it at once;
// a list refresh builds a new Index and swaps it in.
type Index struct {
	entries []Entry
	names   []nameRec
	// vocab holds every distinct token of every name with its postings.
	vocab   []vocabTok
	vocabID map[string]int32
	// grams maps a token trigram to the vocab tokens containing it, and
	// skel a consonant skeleton to the tokens sharing it: the two roads
	// from a misspelt query token to the listed spellings.
	grams  map[string][]int32
	skel   map[string][]int32
	docs   map[string][]int32
	maxIDF float32
	pool   sync.Pool
}

type nameRec struct {
	entry int32
	text  string
	side  side
	// mass is the summed IDF of the name's distinct tokens.
	mass float32
}

type vocabTok struct {
	text  string
	idf   float32
	names []int32
}

// NewIndex builds an index over entries (which it keeps; do not modify
// them afterwards). Entries from several lists may be mixed.
func NewIndex(entries []Entry) *Index {
	syllablesOnce.Do(loadSyllables)
	x := &Index{
		entries: entries,
		vocabID: map[string]int32{},
		grams:   map[string][]int32{},
		skel:    map[string][]int32{},
		docs:    map[string][]int32{},
	}
	for ei := range entries {
		e := &entries[ei]
		seen := map[string]bool{}
		for _, n := range e.Names {
			toks := normalizeName(n)
			if len(toks) == 0 {
				continue
			}
			key := joinTokens(toks)
			if seen[key] {
				continue // "AL-ZAWAHIRI, Ayman" and "Ayman al Zawahiri"
			}
			seen[key] = true
			nid := int32(len(x.names))
			x.names = append(x.names, nameRec{entry: int32(ei), text: n, side: newSide(toks, maxNameTokens)})
			done := map[int32]bool{}
			for _, t := range x.names[nid].side.toks {
				if t.initial {
					continue
				}
				v := x.intern(t.text)
				if !done[v] {
					done[v] = true
					x.vocab[v].names = append(x.vocab[v].names, nid)
				}
			}
		}
		for _, d := range e.DocumentNumbers {
			if d = NormalizeDocument(d); d != "" {
				x.docs[d] = append(x.docs[d], int32(ei))
			}
		}
	}
	n := float64(max(len(x.names), 1))
	x.maxIDF = float32(math.Log(1 + n))
	for i := range x.vocab {
		x.vocab[i].idf = float32(math.Log(1 + n/float64(len(x.vocab[i].names))))
	}
	for i := range x.names {
		r := &x.names[i]
		for _, t := range r.side.toks {
			if v, ok := x.vocabID[t.text]; ok && !t.initial {
				r.mass += x.vocab[v].idf
			}
		}
	}
	x.pool.New = func() any { return newScratch(len(x.vocab), len(x.names)) }
	return x
}

// Len returns the number of entries indexed.
func (x *Index) Len() int { return len(x.entries) }

// Entries returns the indexed entries, for callers that want an entry's
// details (dates, documents, programmes) behind a Hit.
func (x *Index) Entries() []Entry { return x.entries }

func (x *Index) intern(t string) int32 {
	if v, ok := x.vocabID[t]; ok {
		return v
	}
	v := int32(len(x.vocab))
	x.vocabID[t] = v
	x.vocab = append(x.vocab, vocabTok{text: t})
	for _, g := range trigrams(t) {
		x.grams[g] = append(x.grams[g], v)
	}
	if k := skeleton(t); len(k) >= 2 {
		x.skel[k] = append(x.skel[k], v)
	}
	return v
}

func joinTokens(toks []token) string {
	b := make([]byte, 0, 32)
	for _, t := range toks {
		b = append(b, t.text...)
		b = append(b, ' ')
	}
	return string(b)
}

// candidateLimit is how many listed names are scored in full per query:
// those sharing the most identifying tokens with it. The labelled set's
// recall does not change above about 20; 64 leaves room for lists full of
// one common name.
const candidateLimit = 64

// Search returns the entries q may be, best first, at or above the
// threshold. It never returns nil.
func (x *Index) Search(q Query) []Hit {
	threshold := q.Threshold
	if threshold <= 0 {
		threshold = DefaultThreshold
	}
	hits := map[int32]Hit{}
	if d := NormalizeDocument(q.DocumentNumber); len(d) >= 4 {
		for _, ei := range x.docs[d] {
			e := &x.entries[ei]
			hits[ei] = Hit{List: e.List, EntryID: e.ID, Name: e.Names[0], MatchedName: e.Names[0], Score: 1, DocumentMatch: true}
		}
	}
	qs := newSide(normalizeName(q.Name), maxQueryTokens)
	if len(qs.toks) > 0 && len(x.names) > 0 {
		qnat := NormalizeCountry(q.Nationality)
		s := x.pool.Get().(*scratch)
		for _, nid := range x.candidates(&qs, s) {
			r := &x.names[nid]
			var ns float64
			ns, s.links = nameScore(&qs, &r.side, s.links)
			e := &x.entries[r.entry]
			score := adjust(ns, &q, qnat, e)
			if score < threshold {
				continue
			}
			h, ok := hits[r.entry]
			if ok && (h.DocumentMatch || h.Score >= score) {
				if h.DocumentMatch && ns > h.NameScore {
					h.NameScore, h.MatchedName = ns, r.text
					hits[r.entry] = h
				}
				continue
			}
			hits[r.entry] = Hit{List: e.List, EntryID: e.ID, Name: e.Names[0], MatchedName: r.text, Score: score, NameScore: ns}
		}
		x.pool.Put(s)
	}
	out := make([]Hit, 0, len(hits))
	for _, h := range hits {
		out = append(out, h)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		if a.List != b.List {
			return a.List < b.List
		}
		return a.EntryID < b.EntryID
	})
	if q.Limit > 0 && len(out) > q.Limit {
		out = out[:q.Limit]
	}
	return out
}

// candidates returns the names most worth scoring: every query token is
// expanded to the listed tokens it may be a spelling of; each name
// collects the IDF of the tokens it shares (scaled by similarity), and the
// names with the highest weighted overlap relative to their own size win.
func (x *Index) candidates(q *side, s *scratch) []int32 {
	s.next()
	var qmass float32
	for qi, t := range q.toks {
		if t.initial {
			continue
		}
		exps := x.expand(t.text, s)
		best := x.maxIDF
		if len(exps) > 0 {
			best = x.vocab[exps[0].v].idf
		}
		qmass += best
		for _, ex := range exps {
			w := x.vocab[ex.v].idf * ex.s
			for _, nid := range x.vocab[ex.v].names {
				if s.nstamp[nid] != s.epoch {
					s.nstamp[nid] = s.epoch
					s.acc[nid] = 0
					s.lastq[nid] = -1
					s.touched = append(s.touched, nid)
				}
				if s.lastq[nid] == int16(qi) {
					continue // this query token already found its best in this name
				}
				s.lastq[nid] = int16(qi)
				s.acc[nid] += w
			}
		}
	}
	h := &s.heap
	h.items = h.items[:0]
	for _, nid := range s.touched {
		a := s.acc[nid]
		p := a / (qmass + x.names[nid].mass - a + 1e-6)
		if len(h.items) < candidateLimit {
			heap.Push(h, cand{nid, p})
		} else if p > h.items[0].p {
			h.items[0] = cand{nid, p}
			heap.Fix(h, 0)
		}
	}
	s.out = s.out[:0]
	for _, c := range h.items {
		s.out = append(s.out, c.nid)
	}
	return s.out
}

type expansion struct {
	v int32
	s float32
}

// expand finds the listed tokens t may be: itself, tokens with the same
// consonant skeleton, and tokens sharing enough trigrams, all confirmed by
// Jaro-Winkler. The result is sorted best first.
func (x *Index) expand(t string, s *scratch) []expansion {
	s.exps = s.exps[:0]
	s.vepoch++
	if s.vepoch == 0 {
		clear(s.vmark)
		s.vepoch = 1
	}
	try := func(v int32) {
		if s.vmark[v] == s.vepoch {
			return
		}
		s.vmark[v] = s.vepoch
		if sim := textSim(t, x.vocab[v].text); sim >= minTokenSim {
			s.exps = append(s.exps, expansion{v, sim})
		}
	}
	if v, ok := x.vocabID[t]; ok {
		try(v)
	}
	if k := skeleton(t); len(k) >= 2 {
		for _, v := range x.skel[k] {
			try(v)
		}
	}
	grams := trigrams(t)
	need := max(2, (len(grams)+2)/3)
	s.gtouched = s.gtouched[:0]
	for _, g := range grams {
		for _, v := range x.grams[g] {
			if s.gcount[v] == 0 {
				s.gtouched = append(s.gtouched, v)
			}
			s.gcount[v]++
		}
	}
	for _, v := range s.gtouched {
		if int(s.gcount[v]) >= need && near(len(x.vocab[v].text), len(t)) {
			try(v)
		}
		s.gcount[v] = 0
	}
	sort.Slice(s.exps, func(i, j int) bool { return s.exps[i].s > s.exps[j].s })
	return s.exps
}

// scratch is one search's working memory, pooled so concurrent searches
// neither allocate much nor share state.
type scratch struct {
	epoch    uint32
	nstamp   []uint32
	acc      []float32
	lastq    []int16
	touched  []int32
	vepoch   uint32
	vmark    []uint32
	gcount   []uint16
	gtouched []int32
	exps     []expansion
	heap     candHeap
	out      []int32
	links    []link
}

func newScratch(vocab, names int) *scratch {
	return &scratch{
		nstamp: make([]uint32, names),
		acc:    make([]float32, names),
		lastq:  make([]int16, names),
		vmark:  make([]uint32, vocab),
		gcount: make([]uint16, vocab),
	}
}

// next starts a new query: stamps make resetting the per-name arrays
// unnecessary.
func (s *scratch) next() {
	s.epoch++
	if s.epoch == 0 {
		clear(s.nstamp)
		s.epoch = 1
	}
	s.touched = s.touched[:0]
}

type cand struct {
	nid int32
	p   float32
}

// candHeap is a min-heap on priority, holding the best candidateLimit.
type candHeap struct{ items []cand }

func (h *candHeap) Len() int           { return len(h.items) }
func (h *candHeap) Less(i, j int) bool { return h.items[i].p < h.items[j].p }
func (h *candHeap) Swap(i, j int)      { h.items[i], h.items[j] = h.items[j], h.items[i] }
func (h *candHeap) Push(v any)         { h.items = append(h.items, v.(cand)) }
func (h *candHeap) Pop() any {
	v := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	return v
}
