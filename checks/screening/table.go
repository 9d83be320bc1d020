package screening

import "sort"

// strTable is a read-only hash set of strings, each found by its position
// in keys: open addressing over a power-of-two slot array. The index uses
// it instead of Go maps because a compiled index must load fast, and
// filling a slot array costs a fraction of inserting the same keys into a
// map (hundreds of thousands of them on the OFAC list); lookups cost about
// the same.
type strTable struct {
	keys  []string
	slots []int32 // position in keys + 1; 0 is an empty slot
	mask  uint32
}

// fnv1a is the slot hash: deterministic, and quick on short name tokens.
func fnv1a(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

// fill builds the slots for t.keys, at most half full so that probes stay
// short. Keys must be distinct.
func (t *strTable) fill() {
	n := 1
	for n < 2*len(t.keys) {
		n <<= 1
	}
	t.slots = make([]int32, n)
	t.mask = uint32(n - 1)
	for i, k := range t.keys {
		h := fnv1a(k) & t.mask
		for t.slots[h] != 0 {
			h = (h + 1) & t.mask
		}
		t.slots[h] = int32(i + 1)
	}
}

// find returns k's position in keys, or -1.
func (t *strTable) find(k string) int {
	if len(t.slots) == 0 {
		return -1
	}
	h := fnv1a(k) & t.mask
	for {
		s := t.slots[h]
		if s == 0 {
			return -1
		}
		if t.keys[s-1] == k {
			return int(s - 1)
		}
		h = (h + 1) & t.mask
	}
}

// postTable maps strings to postings (token or name or entry numbers).
type postTable struct {
	strTable
	posts [][]int32
}

func (t *postTable) get(k string) []int32 {
	if i := t.find(k); i >= 0 {
		return t.posts[i]
	}
	return nil
}

// newPostTable freezes a map built while indexing, keys sorted so that the
// same index always writes the same compiled bytes.
func newPostTable(m map[string][]int32) postTable {
	var t postTable
	t.keys = make([]string, 0, len(m))
	for k := range m {
		t.keys = append(t.keys, k)
	}
	sort.Strings(t.keys)
	t.posts = make([][]int32, len(t.keys))
	for i, k := range t.keys {
		t.posts[i] = m[k]
	}
	t.fill()
	return t
}
