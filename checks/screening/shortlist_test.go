package screening

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
)

// shortlist returns the entries whose names reach full scoring for name.
func (x *Index) shortlist(name string) map[int32]bool {
	out := map[int32]bool{}
	for _, toks := range [][]token{normalizeName(name), cantoneseName(name)} {
		if len(toks) == 0 {
			continue
		}
		qs := newSide(toks, maxQueryTokens, tokenKeys, nil)
		s := x.pool.Get().(*scratch)
		for _, nid := range x.candidates(&qs, s, false) {
			out[x.names[nid].entry] = true
		}
		x.pool.Put(s)
	}
	return out
}

// variants are the ways a listed name gets written that the shortlist
// must survive: reordered, adjacent tokens joined or hyphenated, the whole
// name joined, and one edit (substitution, insertion, deletion or
// transposition, the first letter included) in any token.
func variants(r *rand.Rand, toks []string) map[string][]string {
	out := map[string][]string{}
	n := len(toks)
	rev := make([]string, n)
	for i, t := range toks {
		rev[n-1-i] = t
	}
	out["reversed"] = []string{strings.Join(rev, " ")}
	out["rotated"] = []string{strings.Join(append(append([]string{}, toks[1:]...), toks[0]), " ")}
	for i := 0; i+1 < n; i++ {
		j := strings.Join(toks[:i], " ") + " " + toks[i] + toks[i+1] + " " + strings.Join(toks[i+2:], " ")
		h := strings.Join(toks[:i], " ") + " " + toks[i] + "-" + toks[i+1] + " " + strings.Join(toks[i+2:], " ")
		out["joined"] = append(out["joined"], j)
		out["hyphenated"] = append(out["hyphenated"], h)
	}
	if n <= maxRun {
		out["whole-joined"] = []string{strings.Join(toks, "")}
	}
	for i, t := range toks {
		rs := []rune(t)
		if len(rs) < 4 {
			continue // one edit in a short token is another name
		}
		p := r.IntN(len(rs))
		c := rune('a' + r.IntN(26))
		var e []rune
		switch r.IntN(4) {
		case 0:
			e = append(append(append([]rune{}, rs[:p]...), c), rs[p+1:]...)
		case 1:
			e = append(append(append([]rune{}, rs[:p]...), c), rs[p:]...)
		case 2:
			e = append(append([]rune{}, rs[:p]...), rs[p+1:]...)
		default:
			p = min(p, len(rs)-2)
			e = append([]rune{}, rs...)
			e[p], e[p+1] = e[p+1], e[p]
		}
		m := append([]string{}, toks...)
		m[i] = string(e)
		out["one-edit"] = append(out["one-edit"], strings.Join(m, " "))
	}
	return out
}

// TestShortlistKeepsTrueMatch is the property the candidate generation
// promises: any listed name, written in any of the ways in variants,
// reaches the shortlist, even among thousands of decoys built from the
// same tokens (so that it competes with names sharing its common parts).
func TestShortlistKeepsTrueMatch(t *testing.T) {
	base := testIndex(t).Entries()
	r := rand.New(rand.NewPCG(14, 14))
	var pool []string
	for _, e := range base {
		for _, n := range e.Names {
			for _, tk := range normalizeName(n) {
				if !tk.initial && isASCII(tk.text) {
					pool = append(pool, tk.text)
				}
			}
		}
	}
	entries := append([]Entry{}, base...)
	for i := range 4000 {
		k := 2 + r.IntN(2)
		parts := make([]string, k)
		for j := range parts {
			parts[j] = pool[r.IntN(len(pool))]
		}
		entries = append(entries, Entry{ID: fmt.Sprint("decoy", i), List: "decoy", Names: []string{strings.Join(parts, " ")}})
	}
	x := NewIndex(entries)
	tried, failed := 0, 0
	for ei, e := range base {
		for _, name := range e.Names {
			if !latinOnly(name) {
				continue
			}
			var toks []string
			for _, tk := range normalizeName(name) {
				toks = append(toks, tk.text)
			}
			if len(toks) < 2 {
				continue
			}
			for kind, qs := range variants(r, toks) {
				for _, q := range qs {
					tried++
					if !x.shortlist(q)[int32(ei)] {
						failed++
						t.Errorf("%s %q of %s:%s (%q) not shortlisted", kind, q, e.List, e.ID, name)
					}
				}
			}
		}
	}
	if tried < 500 {
		t.Fatalf("only %d variants tried", tried)
	}
	t.Logf("%d variants, %d not shortlisted", tried, failed)
}

func latinOnly(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
			return false
		}
	}
	return true
}
