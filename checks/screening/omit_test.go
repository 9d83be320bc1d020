package screening

import "testing"

// TestOmittedNames: a second family name or a middle name left out costs
// little when everything written matches strongly and in order; not when
// the first family name or first given name is what is missing, nor when
// a link is only alike in spelling.
func TestOmittedNames(t *testing.T) {
	t.Parallel()
	x := NewIndex([]Entry{
		{ID: "1", List: "t", Type: Individual, Names: []string{"CARVAJAL BARRIOS, Hugo Armando"}},
		{ID: "2", List: "t", Type: Individual, Names: []string{"MURILLO DE ORTEGA, Rosario Maria"}},
		{ID: "3", List: "t", Type: Individual, Names: []string{"SAAB MORAN, Alex Nain"}},
		{ID: "4", List: "t", Type: Individual, Names: []string{"OSEGUERA CERVANTES, Nemesio"}},
	})
	for _, tc := range []struct{ query, want string }{
		{"Hugo Carvajal", "1"},
		{"Carvajal Hugo", "1"},
		{"Rosario Murillo", "2"},
		{"Alex Nain Saab", "3"},
		{"Nemesio Oseguera", "4"},
	} {
		hits := x.Search(Query{Name: tc.query})
		if len(hits) != 1 || hits[0].EntryID != tc.want {
			t.Errorf("%q: hits %+v, want entry %s alone", tc.query, hits, tc.want)
		}
	}
	for _, q := range []string{
		"Hugo Barrios",     // the first family name is the one left out
		"Armando Carvajal", // the first given name is
		"Hugo Carvajel",    // one link only alike in spelling
	} {
		if hits := x.Search(Query{Name: q}); len(hits) > 0 {
			t.Errorf("%q hit %+v", q, hits)
		}
	}
}

func TestInOrder(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		pos  []int8
		want bool
	}{
		{[]int8{0, 2}, true},
		{[]int8{2, 0}, true},        // given names first
		{[]int8{2, 3, 0}, true},     // Alex Nain Saab
		{[]int8{3, 2, 0}, false},    // Nain Alex Saab
		{[]int8{0, 3, 2}, false},    // Saab Nain Alex
		{[]int8{2, -1, 0}, true},    // a run's second token
		{[]int8{1, 2, 0, 3}, false}, // one descent, but it ends past the start
	} {
		if got := inOrder(tc.pos); got != tc.want {
			t.Errorf("inOrder(%v) = %v, want %v", tc.pos, got, tc.want)
		}
	}
}

// TestFrenchCh: French writes sh as ch, and cheikh is an honorific.
func TestFrenchCh(t *testing.T) {
	t.Parallel()
	x := NewIndex([]Entry{
		{ID: "1", List: "t", Type: Individual, Names: []string{"AL-SHARA, Farouk"}},
		{ID: "2", List: "t", Type: Individual, Names: []string{"SHAABAN, Bouthaina"}},
		{ID: "3", List: "t", Type: Individual, Names: []string{"MOHAMMED, Khalid Shaikh"}},
		{ID: "4", List: "t", Type: Individual, Names: []string{"SHEN, Wei"}},
	})
	for _, tc := range []struct{ query, want string }{
		{"Farouk al-Chareh", "1"},
		{"Bouthaina Chaabane", "2"},
		{"Khaled Cheikh Mohammed", "3"},
	} {
		hits := x.Search(Query{Name: tc.query})
		if len(hits) != 1 || hits[0].EntryID != tc.want {
			t.Errorf("%q: hits %+v, want entry %s alone", tc.query, hits, tc.want)
		}
	}
	// Pinyin ch and sh are two initials: Chen is not Shen.
	if hits := x.Search(Query{Name: "Chen Wei"}); len(hits) > 0 {
		t.Errorf("Chen Wei hit %+v", hits)
	}
}
