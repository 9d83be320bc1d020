package screening

import (
	"strconv"
	"testing"
)

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
	// Chinese ch and sh are two initials: Chen is not Shen, nor Hong
	// Kong Ching Shusang.
	if hits := x.Search(Query{Name: "Chen Wei"}); len(hits) > 0 {
		t.Errorf("Chen Wei hit %+v", hits)
	}
	y := NewIndex([]Entry{{ID: "1", List: "t", Type: Individual, Names: []string{"CHAN, Shusang"}}})
	if hits := y.Search(Query{Name: "陈静"}); len(hits) > 0 {
		t.Errorf("陈静 (Chan Ching) hit %+v", hits)
	}
}

// TestOmittedCommonNames: the relief is for names that say who someone
// is; a common given and family name with the rest left out is as often a
// namesake (Maria Garcia for GARCIA DURAN, Maria Rosario).
func TestOmittedCommonNames(t *testing.T) {
	t.Parallel()
	entries := []Entry{
		{ID: "1", List: "t", Type: Individual, Names: []string{"GARCIA DURAN, Maria Rosario"}},
		{ID: "2", List: "t", Type: Individual, Names: []string{"CARVAJAL BARRIOS, Hugo Armando"}},
	}
	// Many listed Garcias and Marias make both names common; the other
	// fillers give the list its size.
	for i := range 400 {
		id := strconv.Itoa(i + 10)
		var name string
		switch i % 24 {
		case 0:
			name = "GARCIA " + filler(i) + ", " + filler(i+1000)
		case 1:
			name = filler(i) + ", Maria " + filler(i+1000)
		default:
			name = filler(i) + ", " + filler(i+1000)
		}
		entries = append(entries, Entry{ID: id, List: "t", Type: Individual, Names: []string{name}})
	}
	x := NewIndex(entries)
	if hits := x.Search(Query{Name: "Maria Garcia"}); len(hits) > 0 {
		t.Errorf("Maria Garcia hit %+v", hits)
	}
	if hits := x.Search(Query{Name: "Hugo Carvajal"}); len(hits) != 1 || hits[0].EntryID != "2" {
		t.Errorf("Hugo Carvajal: hits %+v, want entry 2", hits)
	}
}

// filler is a made-up name token, different for each i.
func filler(i int) string {
	const cons, vow = "bdfgklmnprstvz", "aeiou"
	b := []byte{}
	for n := i + 7; len(b) < 8; n /= 5 {
		b = append(b, cons[n%len(cons)], vow[(n/3)%len(vow)])
		n += 11 * len(b)
	}
	return string(b)
}

func TestOmitRelief(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name                      string
		all                       bool
		weakest, minRare, famRare float32
		pos                       []int8
		want                      bool
	}{
		{"Hugo Carvajal", true, 1, 0.9, 0.9, []int8{2, 0}, true},
		{"a query token unmatched", false, 1, 0.9, 0.9, []int8{2, 0}, false},
		{"one link only alike", true, 0.90, 0.9, 0.9, []int8{2, 0}, false},
		{"one link a known spelling (a sound key)", true, 0.92, 0.9, 0.9, []int8{2, 0}, true},
		{"common names (Maria Garcia)", true, 1, 0.69, 0.69, []int8{2, 0}, false},
		{"common given, rare family (Antonio Oseguera)", true, 1, 0.55, 1, []int8{0, 2}, true},
		{"very common given, rare family", true, 1, 0.45, 1, []int8{0, 2}, false},
		{"out of order", true, 1, 0.9, 0.9, []int8{3, 2, 0}, false},
	} {
		if got := omitRelief(tc.all, tc.weakest, tc.minRare, tc.famRare, tc.pos); got != tc.want {
			t.Errorf("%s: omitRelief = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestNeighbourTypo(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"vsino", "vaino", true},     // s beside a
		{"zanbada", "zambada", true}, // n beside m
		{"vbino", "vaino", false},    // b is not beside a
		{"wasim", "qasim", false},    // the first letter: another name
		{"vaino", "vaino", false},
		{"vainoo", "vaino", false},
		{"vsinp", "vaino", false}, // two slips
	} {
		if got := neighbourTypo(tc.a, tc.b); got != tc.want {
			t.Errorf("neighbourTypo(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
	x := NewIndex([]Entry{{ID: "1", List: "t", Type: Individual, Names: []string{"VAINO, Anton Eduardovich"}}})
	if hits := x.Search(Query{Name: "Anton Vsino"}); len(hits) != 1 {
		t.Errorf("Anton Vsino: hits %+v, want VAINO", hits)
	}
}

// TestFirstLetterSlip: a neighbouring key at the first letter of a long
// name, or i for l at the first letter, is a slip; in a short name, or
// two letters apart on the keyboard, it is another name.
func TestFirstLetterSlip(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"misanov", "nisanov", true}, // m beside n, seven letters
		{"ootanin", "potanin", true}, // o beside p
		{"lgor", "igor", true},       // capital I read as l
		{"ilya", "lilya", false},     // lengths differ
		{"bazzal", "nazzal", false},  // six letters: another name
		{"wasim", "qasim", false},
		{"kisanov", "nisanov", false},   // k is not beside n
		{"misanow", "nisanov", false},   // two letters apart
		{"yongchol", "tongchol", false}, // Korean syllables: another name
	} {
		if got := firstLetterSlip(tc.a, tc.b); got != tc.want {
			t.Errorf("firstLetterSlip(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
	x := NewIndex([]Entry{
		{ID: "1", List: "t", Type: Individual, Names: []string{"LEVITIN, Igor Yevgenyevich"}},
		{ID: "2", List: "t", Type: Individual, Names: []string{"NISANOV, God Semenovich"}},
	})
	for q, want := range map[string]string{"Lgor Levitin": "1", "God Misanov": "2"} {
		if hits := x.Search(Query{Name: q}); len(hits) != 1 || hits[0].EntryID != want {
			t.Errorf("%q: hits %+v, want entry %s", q, hits, want)
		}
	}
}

// TestSecondFamilyNameOmitted: a second family name left out weighs
// little when the first one is rare in the lists (Carlos Aigster), not
// when it is common (Manuel Perez, against several PEREZ entries).
func TestSecondFamilyNameOmitted(t *testing.T) {
	t.Parallel()
	entries := []Entry{
		{ID: "1", List: "t", Type: Individual, Names: []string{"AIGSTER VILLAMIZAR, Carlos Eduardo"}},
		{ID: "2", List: "t", Type: Individual, Names: []string{"PEREZ URDANETA, Manuel Eduardo"}},
	}
	// Four more PEREZ, Manuel entries among fifty: common enough that
	// PEREZ is not rare (omitRareFamily), not so common that omitRelief
	// refuses the match anyway.
	for i := range 4 {
		entries = append(entries, Entry{ID: "p" + strconv.Itoa(i), List: "t", Type: Individual,
			Names: []string{"PEREZ " + filler(i) + ", Manuel " + filler(i+40)}})
	}
	for i := range 45 {
		entries = append(entries, Entry{ID: "f" + strconv.Itoa(i), List: "t", Type: Individual,
			Names: []string{filler(i+100) + ", " + filler(i+200)}})
	}
	x := NewIndex(entries)
	if hits := x.Search(Query{Name: "Carlos Aigster"}); len(hits) != 1 || hits[0].EntryID != "1" {
		t.Errorf("Carlos Aigster: hits %+v, want entry 1", hits)
	}
	for _, h := range x.Search(Query{Name: "Manuel Perez"}) {
		if h.EntryID == "2" {
			t.Errorf("Manuel Perez hit %+v", h)
		}
	}
}
