package screening

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestCompiledIndexAnswersAlike: an index loaded from its compiled form
// answers every query exactly as the index it was written from — the
// listed names themselves and the ways people misspell them, with dates
// and nationalities — and writes the same bytes again.
func TestCompiledIndexAnswersAlike(t *testing.T) {
	built := testIndex(t)
	b, err := built.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	loaded, err := DecodeIndex(b)
	if err != nil {
		t.Fatal(err)
	}
	again, err := loaded.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, again) {
		t.Error("a loaded index writes different bytes")
	}
	if diff := cmp.Diff(built.Entries(), loaded.Entries()); diff != "" {
		t.Errorf("entries (-built +loaded):\n%s", diff)
	}
	r := rand.New(rand.NewPCG(14, 1))
	queries := []Query{{Name: "Kim Yojong"}, {Name: "林鄭月娥"}, {Name: "Aleksandr Lukashenka"}, {Name: "J Smith"}}
	for _, e := range built.Entries() {
		for _, n := range e.Names {
			q := Query{Name: n, Threshold: 0.7}
			if len(e.DOBs) > 0 {
				q.DOB = Date{Year: e.DOBs[0].Year + r.IntN(3) - 1}
			}
			queries = append(queries, q)
			if toks := strings.Fields(n); len(toks) > 1 {
				for _, vs := range variants(r, toks) {
					queries = append(queries, Query{Name: vs[0], Nationality: "IRN"})
				}
			}
		}
		for _, d := range e.DocumentNumbers {
			queries = append(queries, Query{Name: "Nobody", DocumentNumber: d})
		}
	}
	hits := 0
	for _, q := range queries {
		want, got := built.Search(q), loaded.Search(q)
		hits += len(want)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("Search(%+v) (-built +loaded):\n%s", q, diff)
		}
	}
	if hits < len(queries)/2 {
		t.Fatalf("only %d hits for %d queries: the comparison proves little", hits, len(queries))
	}
}

// TestCompiledIndexRefusesBadInput: a compiled index that is not whole,
// was altered, or comes from another matcher version is refused with the
// error that says which, never loaded in part.
func TestCompiledIndexRefusesBadInput(t *testing.T) {
	good, err := NewIndex([]Entry{{ID: "1", List: "l", Names: []string{"Kim Yo Jong"}, DocumentNumbers: []string{"X1234"}},
		{ID: "2", List: "l", Names: []string{"Ivan Petrov", "Иван Петров"}}}).MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	flip := func(i int) []byte {
		b := bytes.Clone(good)
		b[i] ^= 0x40
		return b
	}
	otherVersion := bytes.Replace(bytes.Clone(good), []byte(IndexVersion()), []byte(strings.Repeat("0", len(IndexVersion()))), 1)
	for name, tc := range map[string]struct {
		in   []byte
		want error
	}{
		"empty":           {nil, ErrIndexCorrupt},
		"not an index":    {[]byte("SQLite format 3\x00"), ErrIndexCorrupt},
		"other version":   {otherVersion, ErrIndexVersion},
		"truncated":       {good[:len(good)-7], ErrIndexCorrupt},
		"header only":     {good[:len(indexMagic)+3], ErrIndexCorrupt},
		"byte flipped":    {flip(len(good) / 2), ErrIndexCorrupt},
		"last byte":       {flip(len(good) - 1), ErrIndexCorrupt},
		"trailing bytes":  {append(bytes.Clone(good), 0), ErrIndexCorrupt},
		"checksum itself": {flip(len(indexMagic) + 1 + len(IndexVersion())), ErrIndexCorrupt},
	} {
		x, err := DecodeIndex(tc.in)
		if !errors.Is(err, tc.want) || x != nil {
			t.Errorf("%s: DecodeIndex = %v, %v; want nil, %v", name, x, err, tc.want)
		}
	}
}

// TestCompiledIndexSelfCheck: an index whose stored tokens differ from what
// this matcher derives from the same names (a normalisation change that
// forgot to bump indexFormat) is refused as another version.
func TestCompiledIndexSelfCheck(t *testing.T) {
	x := NewIndex([]Entry{{ID: "1", List: "l", Names: []string{"Aleksandr Lukashenko"}}})
	for i := range x.vocab {
		x.vocab[i].keys = append(x.vocab[i].keys, "z:stale") // sorts last: key lists are sorted
	}
	for i := range x.names {
		for j := range x.names[i].side.toks {
			x.names[i].side.toks[j].keys = x.vocab[x.vocabIdx.find(x.names[i].side.toks[j].text)].keys
		}
	}
	b, err := x.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := DecodeIndex(b); !errors.Is(err, ErrIndexVersion) {
		t.Errorf("DecodeIndex of stale tokens = %v, want ErrIndexVersion", err)
	}
}

// FuzzDecodeIndex: any input is refused with ErrIndexCorrupt or
// ErrIndexVersion, or loads an index that can be searched; it never
// panics. The tables are fuzzed behind the checksum as well, since a
// checksum only stops accidents.
func FuzzDecodeIndex(f *testing.F) {
	good, err := NewIndex([]Entry{{ID: "1", List: "l", Names: []string{"KIM, Yo Jong", "김여정"}, DOBs: []Date{{1987, 9, 26}},
		Nationalities: []string{"PRK"}, DocumentNumbers: []string{"X1234"}},
		{ID: "2", List: "l", Names: []string{"Ivan Petrov", "J. Smith bin Ali"}}}).MarshalBinary()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Fuzz(func(t *testing.T, b []byte) {
		x, err := DecodeIndex(b)
		check := func(x *Index, err error) {
			if err != nil {
				if x != nil || !(errors.Is(err, ErrIndexCorrupt) || errors.Is(err, ErrIndexVersion)) {
					t.Fatalf("DecodeIndex = %v, %v", x, err)
				}
				return
			}
			for _, q := range []string{"Kim Yojong", "Ivan Petrov", "J Smith", "김여정"} {
				x.Search(Query{Name: q, DocumentNumber: "X1234", Threshold: 0.5})
			}
		}
		check(x, err)
		// Past the header, as if the checksum had matched.
		hdr := len(indexMagic) + 1 + len(IndexVersion()) + 4
		if len(b) >= hdr {
			check(decodeTables(dec{s: string(b), off: hdr}))
		}
	})
}
