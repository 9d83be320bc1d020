package screening

import (
	"container/heap"
	"math"
	"sort"
	"strings"
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
	// Individuals restricts the search, document numbers included, to
	// entries that can be a person: type Individual, or no type at all,
	// which only lists that do not say leave (the operator CSV, EU rows
	// without a known subject type). OFAC's untyped rows are entities by
	// OFAC's own convention and typed so, so they are skipped. Set it when
	// the subject is known to be a natural person (an applicant), where a
	// company's, vessel's or aircraft's name can only be a false hit.
	Individuals bool
}

// canBePerson reports whether an entry of type t may list a natural person.
func canBePerson(t EntryType) bool { return t == Individual || t == "" }

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
	// Matches explains the name score: which query tokens matched which
	// tokens of MatchedName, how, and how closely.
	Matches []TokenMatch
}

// TokenMatch is one correspondence behind a hit: query tokens (several
// when written apart on one side and joined on the other) and the listed
// tokens they matched, as normalised.
type TokenMatch struct {
	Query  string  `json:"query"`
	Listed string  `json:"listed"`
	How    string  `json:"how"` // exact, variant (known spelling of one name), spelling, initial
	Score  float64 `json:"score"`
}

// Index answers screening queries over a fixed set of entries. It is
// immutable once built, so any number of goroutines may Search it at once;
// a list refresh builds a new Index and swaps it in.
type Index struct {
	entries []Entry
	names   []nameRec
	// mass is each name's summed token IDF, apart from names: the
	// shortlist reads it for thousands of names per query.
	mass []float32
	// vocab holds every distinct token of every name with its postings;
	// vocabIdx finds a token's number by its text.
	vocab    []vocabTok
	vocabIdx strTable
	// grams maps a token trigram to the vocab tokens containing it, and
	// skel a consonant skeleton to the tokens sharing it: the two roads
	// from a misspelt query token to the listed spellings.
	grams postTable
	skel  postTable
	// keyed maps a knowledge key (tokenKeys) to the tokens carrying it:
	// the road from Aleksandr to Alexander, Choe to Choi.
	keyed postTable
	// joined maps each run of adjacent listed tokens written as one
	// ("yojong", "kimyojong") and each Korean key of such a run to the
	// names carrying it: exact roads, cheap to build.
	joined postTable
	docs   postTable
	// b holds the maps the tables are built from; nil once built.
	b *indexBuild
	// refIDF is the IDF at and above which a token counts fully.
	refIDF float32
	maxIDF float32
	pool   sync.Pool
}

// indexBuild is what NewIndex collects before freezing it into tables.
type indexBuild struct {
	vocabID                          map[string]int32
	grams, skel, keyed, joined, docs map[string][]int32
	keys                             map[string][]string // tokenKeys cache for names and runs
}

type nameRec struct {
	entry int32
	text  string
	side  side
}

type vocabTok struct {
	text  string
	idf   float32
	keys  []string
	names []int32
}

// NewIndex builds an index over entries (which it keeps; do not modify
// them afterwards). Entries from several lists may be mixed.
func NewIndex(entries []Entry) *Index {
	syllablesOnce.Do(loadSyllables)
	x := &Index{entries: entries, b: &indexBuild{
		vocabID: map[string]int32{},
		grams:   map[string][]int32{},
		skel:    map[string][]int32{},
		keyed:   map[string][]int32{},
		keys:    map[string][]string{},
		joined:  map[string][]int32{},
		docs:    map[string][]int32{},
	}}
	for ei := range entries {
		e := &entries[ei]
		seen := map[string]bool{}
		for _, n := range e.Names {
			// A name in Han characters is indexed in its Mandarin and its
			// Cantonese reading: Hong Kong names are written in the latter.
			for _, toks := range listedTokens(n, e.Type) {
				if len(toks) == 0 {
					continue
				}
				key := joinTokens(toks)
				if seen[key] {
					continue // "AL-ZAWAHIRI, Ayman" and "Ayman al Zawahiri"
				}
				seen[key] = true
				x.addName(int32(ei), n, toks)
			}
		}
		for _, d := range e.DocumentNumbers {
			if d = NormalizeDocument(d); d != "" {
				x.b.docs[d] = append(x.b.docs[d], int32(ei))
			}
		}
	}
	b := x.b
	x.vocabIdx.keys = make([]string, len(x.vocab))
	for i := range x.vocab {
		x.vocabIdx.keys[i] = x.vocab[i].text
	}
	x.vocabIdx.fill()
	x.grams, x.skel, x.keyed = newPostTable(b.grams), newPostTable(b.skel), newPostTable(b.keyed)
	x.joined, x.docs = newPostTable(b.joined), newPostTable(b.docs)
	x.b = nil
	x.finish()
	return x
}

// finish derives what the postings determine (IDFs, name masses, token
// rarities) and readies the scratch pool; NewIndex and DecodeIndex share it.
func (x *Index) finish() {
	n := float64(max(len(x.names), 1))
	x.maxIDF = float32(math.Log(1 + n))
	x.refIDF = float32(math.Log(1 + n/rarityRefNames))
	for i := range x.vocab {
		x.vocab[i].idf = float32(math.Log(1 + n/float64(max(len(x.vocab[i].names), 1))))
	}
	x.mass = make([]float32, len(x.names))
	for i := range x.names {
		r := &x.names[i]
		for _, t := range r.side.toks {
			if !t.initial {
				x.mass[i] += x.vocab[t.vid].idf
			}
		}
		r.side.setRarity(x.rarity)
	}
	x.pool.New = func() any { return newScratch(len(x.vocab), len(x.names)) }
}

// rarityRefNames is how many listed names a token may appear in and still
// count fully; a token in more counts less (rarity), down to rarityFloor.
const (
	rarityRefNames = 4
	rarityFloor    = 0.35
)

// rarity is how much listed token v counts, from how many names carry it.
func (x *Index) rarity(v int32) float32 {
	if x.refIDF <= 0 {
		return 1
	}
	return min(max(x.vocab[v].idf/x.refIDF, rarityFloor), 1)
}

func (x *Index) cachedKeys(t string, joined bool) []string {
	ck := t
	if joined {
		ck = "+" + t
	}
	k, ok := x.b.keys[ck]
	if !ok {
		k = tokenKeys(t, joined)
		x.b.keys[ck] = k
	}
	return k
}

// addName indexes one normalised name of entry ei: each token, and each
// run of adjacent tokens joined (so a query writing "Yojong" or
// "Kimyojong" finds "KIM, Yo Jong" through the index, not only in
// scoring).
func (x *Index) addName(ei int32, text string, toks []token) {
	nid := int32(len(x.names))
	x.names = append(x.names, nameRec{entry: ei, text: text, side: newSide(toks, maxNameTokens, x.cachedKeys, nil)})
	sd := &x.names[nid].side
	done := map[int32]bool{}
	for i, t := range sd.toks {
		if t.initial {
			continue
		}
		v := x.intern(t.text)
		sd.toks[i].vid = v
		if !done[v] {
			done[v] = true
			x.vocab[v].names = append(x.vocab[v].names, nid)
		}
	}
	for _, r := range sd.runs {
		x.joinName(r.text, nid)
		for _, k := range r.keys {
			x.joinName(k, nid)
		}
	}
}

func (x *Index) joinName(k string, nid int32) {
	p := x.b.joined[k]
	if len(p) == 0 || p[len(p)-1] != nid {
		x.b.joined[k] = append(p, nid)
	}
}

// setRarity weighs each token by its rarity in the index.
func (s *side) setRarity(rare func(int32) float32) {
	s.wsum, s.givenMask = 0, 0
	for i, t := range s.toks {
		if t.given {
			s.givenMask |= 1 << i
		}
		s.rare[i] = 1
		if !t.initial {
			s.rare[i] = rare(t.vid)
		}
		s.w[i] = tokenWeight(t) * s.rare[i]
		s.wsum += s.w[i]
	}
	s.syllableGiven = popcount(s.givenMask) == 2 && syllableGiven(s)
}

// Len returns the number of entries indexed.
func (x *Index) Len() int { return len(x.entries) }

// Entries returns the indexed entries, for callers that want an entry's
// details (dates, documents, programmes) behind a Hit.
func (x *Index) Entries() []Entry { return x.entries }

func (x *Index) intern(t string) int32 {
	b := x.b
	if v, ok := b.vocabID[t]; ok {
		return v
	}
	v := int32(len(x.vocab))
	b.vocabID[t] = v
	keys := x.cachedKeys(t, false)
	x.vocab = append(x.vocab, vocabTok{text: t, keys: keys})
	for _, k := range keys {
		b.keyed[k] = append(b.keyed[k], v)
	}
	for _, g := range trigrams(t) {
		b.grams[g] = append(b.grams[g], v)
	}
	if k := skeleton(t); len(k) >= 2 {
		b.skel[k] = append(b.skel[k], v)
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
		for _, ei := range x.docs.get(d) {
			e := &x.entries[ei]
			if q.Individuals && !canBePerson(e.Type) {
				continue
			}
			hits[ei] = Hit{List: e.List, EntryID: e.ID, Name: e.Names[0], MatchedName: e.Names[0], Score: 1, DocumentMatch: true}
		}
	}
	// A query in Han characters is tried in Mandarin and in Cantonese; one
	// in Hangul, Arabic, Persian, Hebrew or Devanagari also in its Latin
	// readings (scriptReadings).
	var sides []side
	for _, toks := range [][]token{normalizeName(q.Name), cantoneseName(q.Name)} {
		if len(toks) > 0 {
			sides = append(sides, newSide(toks, maxQueryTokens, tokenKeys, nil))
		}
	}
	for _, rd := range scriptReadings(q.Name) {
		toks := normalizeName(rd.text)
		for i := range toks {
			toks[i].bare = rd.bare[toks[i].text] && !toks[i].initial
			toks[i].hebrew = toks[i].bare && rd.hebrew[toks[i].text]
		}
		if len(toks) > 0 {
			sides = append(sides, newSide(toks, maxQueryTokens, tokenKeys, nil))
		}
	}
	type best struct {
		qs  int
		nid int32
	}
	from := map[int32]best{}
	if len(sides) > 0 && len(x.names) > 0 {
		qnat := NormalizeCountry(q.Nationality)
		s := x.pool.Get().(*scratch)
		for si := range sides {
			qs := &sides[si]
			for _, nid := range x.candidates(qs, s, q.Individuals) {
				r := &x.names[nid]
				e := &x.entries[r.entry]
				var ns float64
				ns, s.links = nameScore(qs, &r.side, s.links, nil)
				score := adjust(ns, &q, qnat, e)
				if score < threshold {
					continue
				}
				h, ok := hits[r.entry]
				if ok && (h.DocumentMatch || h.Score >= score) {
					if h.DocumentMatch && ns > h.NameScore {
						h.NameScore, h.MatchedName = ns, r.text
						hits[r.entry] = h
						from[r.entry] = best{si, nid}
					}
					continue
				}
				hits[r.entry] = Hit{List: e.List, EntryID: e.ID, Name: e.Names[0], MatchedName: r.text, Score: score, NameScore: ns}
				from[r.entry] = best{si, nid}
			}
		}
		// Explanations only for what is returned: scoring again is cheaper
		// than recording every candidate's links.
		var chosen []link
		for ei, b := range from {
			chosen = chosen[:0]
			qs, ns := &sides[b.qs], &x.names[b.nid].side
			_, s.links = nameScore(qs, ns, s.links, &chosen)
			h := hits[ei]
			h.Matches = explain(qs, ns, chosen)
			hits[ei] = h
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
// With people set, names of entries that cannot be a person (canBePerson)
// are left out before the shortlist is cut, so a people-only query cannot
// lose a person to companies and vessels that share its tokens.
func (x *Index) candidates(q *side, s *scratch, people bool) []int32 {
	s.next()
	var qmass float32
	for qi, t := range q.toks {
		if t.initial {
			continue
		}
		exps := x.expand(t.text, t.keys, t.bare, t.hebrew, s)
		best := x.maxIDF
		if len(exps) > 0 {
			best = x.vocab[exps[0].v].idf
		}
		qmass += best
		for _, ex := range exps {
			s.add(x.vocab[ex.v].names, qi, x.vocab[ex.v].idf*ex.s)
		}
	}
	// Query tokens written apart ("Yo Jong") probe the listed names that
	// write them joined ("Yojong"), and query tokens written joined probe
	// listed runs; they add evidence but not query mass.
	probe := func(qi int, nids []int32, w float32) { s.add(nids, qi, w) }
	joinedIDF := func(n int) float32 { return float32(math.Log(1 + float64(len(x.names))/float64(max(n, 1)))) }
	qi := len(q.toks)
	for _, r := range q.runs {
		if v := x.vocabIdx.find(r.text); v >= 0 {
			probe(qi, x.vocab[v].names, x.vocab[v].idf)
		} else {
			// A compound the list writes as one word and the query
			// apart, a vowel changed in each part (Seltan Mohammedi for
			// SOLTANMOHAMMADI): the listed word has the run's skeleton.
			x.probeSplit(q.toks, r, func(v int32) { probe(qi, x.vocab[v].names, x.vocab[v].idf) })
		}
		// A compound written apart (Abdul Qadir) meets listed tokens that
		// write it joined (Abdiqadir) through their keys.
		for _, k := range r.keys {
			if k[0] == keyAbd {
				for _, v := range x.keyed.get(k) {
					probe(qi, x.vocab[v].names, x.vocab[v].idf)
				}
			}
		}
		qi++
		for _, k := range append([]string{r.text}, r.keys...) {
			if nids := x.joined.get(k); len(nids) > 0 {
				probe(qi, nids, joinedIDF(len(nids)))
			}
		}
		qi++
	}
	for _, t := range q.toks {
		for _, k := range append([]string{t.text}, t.keys...) {
			if nids := x.joined.get(k); len(nids) > 0 {
				probe(qi, nids, joinedIDF(len(nids)))
			}
		}
		qi++
	}
	h := &s.heap
	h.items = h.items[:0]
	for _, nid := range s.touched {
		if people && !canBePerson(x.entries[x.names[nid].entry].Type) {
			continue
		}
		a := s.names[nid].acc
		p := a / max(qmass+x.mass[nid]-a, 1e-3)
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

// probeSplit calls found for each listed token that a run of two query
// tokens (eight letters or more) may be written as one word: one with the
// run's skeleton that runSplitSim or the spelling brings to mergeMinSim.
func (x *Index) probeSplit(toks []token, r run, found func(v int32)) {
	if popcount(r.mask) != 2 || len(r.text) < 8 {
		return
	}
	k := skeleton(r.text)
	if len(k) < 4 {
		return
	}
	for _, v := range x.skel.get(k) {
		t := x.vocab[v].text
		if runSplitSim(toks, r, t, letterMask(t)) >= mergeMinSim || near(len(t), len(r.text)) && textSim(r.text, t) >= mergeMinSim {
			found(v)
		}
	}
}

type expansion struct {
	v int32
	s float32
}

// expand finds the listed tokens t may be: itself, tokens with the same
// consonant skeleton, and tokens sharing enough trigrams, all confirmed by
// Jaro-Winkler. The result is sorted best first.
func (x *Index) expand(t string, keys []string, bare, hebrew bool, s *scratch) []expansion {
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
		sim, _ := textKeySim(t, x.vocab[v].text, keys, x.vocab[v].keys)
		switch {
		case hebrew:
			sim = max(sim, hebrewSim(t, x.vocab[v].text))
		case bare:
			sim = max(sim, bareSim(t, x.vocab[v].text))
		}
		if sim >= minTokenSim {
			s.exps = append(s.exps, expansion{v, sim})
		}
	}
	for _, k := range keys {
		for _, v := range x.keyed.get(k) {
			try(v)
		}
	}
	if v := x.vocabIdx.find(t); v >= 0 {
		try(int32(v))
	}
	if k := skeleton(t); len(k) >= 2 {
		for _, v := range x.skel.get(k) {
			try(v)
		}
	}
	// A Hebrew reading has the skeletons of all its Latin spellings.
	if hebrew {
		for _, k := range hebrewSkeletons(t) {
			for _, v := range x.skel.get(k) {
				try(v)
			}
		}
	}
	// A French ch for sh (Chareh, Chaabane) has another skeleton than the
	// English spelling lists use; look that spelling's up too.
	if len(t) >= 4 && t[0] == 'c' && t[1] == 'h' && isVowel(t[2]) && !chineseSyllable(t) {
		if k := skeleton("sh" + t[2:]); len(k) >= 2 {
			for _, v := range x.skel.get(k) {
				try(v)
			}
		}
	}
	grams := trigrams(t)
	need := max(2, (len(grams)+2)/3)
	s.gtouched = s.gtouched[:0]
	for _, g := range grams {
		for _, v := range x.grams.get(g) {
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
	names    []nameAcc
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
		names:  make([]nameAcc, names),
		vmark:  make([]uint32, vocab),
		gcount: make([]uint16, vocab),
	}
}

// nameAcc is one listed name's evidence during a query, in one struct so
// that what each posting touches shares a cache line.
type nameAcc struct {
	stamp uint32 // the query (epoch) acc and lastq belong to
	lastq int16  // the last query token that added to acc
	acc   float32
}

// add credits w to each name in nids for query token qi, once per token:
// a token found in a name through several spellings counts its best.
// Expansions come best first, so the first credit is the best.
func (s *scratch) add(nids []int32, qi int, w float32) {
	for _, nid := range nids {
		a := &s.names[nid]
		if a.stamp != s.epoch {
			*a = nameAcc{stamp: s.epoch, lastq: -1}
			s.touched = append(s.touched, nid)
		}
		if a.lastq == int16(qi) {
			continue
		}
		a.lastq = int16(qi)
		a.acc += w
	}
}

// next starts a new query: stamps make resetting the per-name arrays
// unnecessary.
func (s *scratch) next() {
	s.epoch++
	if s.epoch == 0 {
		clear(s.names)
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

// listedTokens reads a listed name: its tokens with the middle names
// marked (only a person's: the comma of "ACME TRADING CO., LTD." does not
// separate a family name), and its Cantonese reading when it is in Han
// characters.
func listedTokens(n string, typ EntryType) [][]token {
	toks := normalizeName(n)
	if typ == Individual {
		markMiddle(n, toks)
	}
	return [][]token{toks, cantoneseName(n)}
}

// markMiddle marks the middle names of a listed name written "FAMILY,
// Given Middle" (OFAC, EU): the tokens after the first given name. People
// leave their middle names out more than any other part (Bilal Al-Wafi
// for AL-WAFI, Bilal Ali Muhammad), so, like a patronymic, a missing one
// costs little.
func markMiddle(name string, toks []token) {
	c := strings.IndexByte(name, ',')
	if c < 0 {
		return
	}
	nf := len(normalizeName(name[:c]))
	for i := 1; i < nf && i < len(toks); i++ {
		toks[i].family2 = true
	}
	for i := nf; i < len(toks); i++ {
		toks[i].given = true
		toks[i].middle = i > nf
	}
}
