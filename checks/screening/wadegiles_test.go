package screening

import (
	"slices"
	"testing"
)

// TestWadeTable checks rows of wadegiles.tsv against the published
// correspondences, folded as people type them.
func TestWadeTable(t *testing.T) {
	t.Parallel()
	k := kb()
	for _, tc := range []struct {
		wg   string
		want []string // pinyin readings, all of them
	}{
		{"hsiao", []string{"xiao"}},
		{"chien", []string{"jian", "qian"}}, // chien and ch'ien
		{"kuo", []string{"guo", "kuo"}},     // kuo and k'uo
		{"chuan", []string{"juan", "quan", "zhuan", "chuan"}},
		{"lung", []string{"long"}},
		{"pao", []string{"bao", "pao"}},
		{"tzu", []string{"zi", "ci"}}, // tzu and tz'u
		{"ssu", []string{"si"}},
		{"szu", []string{"si"}},
		{"chih", []string{"zhi", "chi"}},
		{"jen", []string{"ren"}},
		{"hsueh", []string{"xue"}},
		{"erh", []string{"er"}},
	} {
		got := slices.Clone(k.wade[tc.wg])
		want := slices.Clone(tc.want)
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("wade[%q] = %v, want %v", tc.wg, got, want)
		}
	}
}

// TestWadeKeys checks which spellings meet through a Wade-Giles reading
// and which must not.
func TestWadeKeys(t *testing.T) {
	t.Parallel()
	share := func(a string, aj bool, b string, bj bool) bool {
		for _, x := range tokenKeys(a, aj) {
			if x[0] == keyWade && slices.Contains(tokenKeys(b, bj), x) {
				return true
			}
		}
		return false
	}
	for _, tc := range []struct {
		a      string
		joined bool // a is a run of tokens written apart (Pao-lung)
		b      string
		want   bool
	}{
		{"paolung", true, "baolong", true},
		{"paolung", false, "baolong", true}, // written joined: lung is not pinyin
		{"hsiaoming", true, "xiaoming", true},
		{"hsiaoming", false, "xiaoming", true},
		// Joined, chienming also reads as pinyin (chi-en-ming) and is left
		// alone; written apart it meets as a run.
		{"chienming", true, "jianming", true},
		{"chuankuo", true, "quanguo", true}, // Ch'üan-kuo
		{"lung", false, "long", true},
		// A pinyin word is not read again as Wade-Giles: Tana is not Dana,
		// Paolong not Baolong.
		{"tana", false, "dana", false},
		{"paolong", false, "baolong", false},
		{"chuankuo", false, "quanguo", false}, // joined and all pinyin
		// Non-Chinese names stay out.
		{"hassan", false, "hasan", false},
	} {
		if got := share(tc.a, tc.joined, tc.b, false); got != tc.want {
			t.Errorf("%q (joined %v) and %q share a Wade-Giles key: %v, want %v", tc.a, tc.joined, tc.b, got, tc.want)
		}
	}
}

// TestWadeGilesGivenNames searches Chinese names written in Wade-Giles
// against their pinyin listing.
func TestWadeGilesGivenNames(t *testing.T) {
	t.Parallel()
	x := NewIndex([]Entry{
		{ID: "1", List: "t", Type: Individual, Names: []string{"XIA, Baolong"}},
		{ID: "2", List: "t", Type: Individual, Names: []string{"ZHANG, Xiaoming"}},
		{ID: "3", List: "t", Type: Individual, Names: []string{"CAO, Jianming"}},
		{ID: "4", List: "t", Type: Individual, Names: []string{"CHEN, Quanguo"}},
		{ID: "5", List: "t", Type: Individual, Names: []string{"ZHANG, Xiaoping"}},
	})
	for _, tc := range []struct{ query, want string }{
		{"Hsia Pao-lung", "1"},
		{"Chang Hsiao-ming", "2"},
		{"Ts'ao Chien-ming", "3"},
		{"Ch'en Ch'üan-kuo", "4"},
		{"Chen Chuan-kuo", "4"},
		{"Hsiaoming Chang", "2"},
	} {
		hits := x.Search(Query{Name: tc.query})
		if len(hits) == 0 || hits[0].EntryID != tc.want {
			t.Errorf("%q: hits %+v, want entry %s first", tc.query, hits, tc.want)
			continue
		}
		for _, h := range hits[1:] {
			t.Errorf("%q also hit %s %q %.3f", tc.query, h.EntryID, h.Name, h.Score)
		}
	}
	// Another given name of the same family is another person.
	for _, q := range []string{"Chang Ming-hsiao", "Hsia Pao-lin", "Ts'ao Chien-kuo"} {
		for _, h := range x.Search(Query{Name: q}) {
			t.Errorf("%q hit %s %q %.3f", q, h.EntryID, h.Name, h.Score)
		}
	}
}
