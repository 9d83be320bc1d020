package screening

import (
	"strings"
	"testing"
)

// TestGeorgianQueries checks that names typed in Georgian script find the
// Georgians OFAC lists in Latin letters (real entries, ent_num as ID; the
// first three are written6's queries), in Mkhedruli and in Mtavruli
// capitals, and that Georgian names that are not listed do not hit even
// when they share a given name or a family name's ending with a listed one.
func TestGeorgianQueries(t *testing.T) {
	t.Parallel()
	x := NewIndex([]Entry{
		{ID: "13165", List: "t", Type: Individual, Names: []string{"SHUSHANASHVILI, Lasha Pavlovich"}},
		{ID: "13166", List: "t", Type: Individual, Names: []string{"SHEMAZASHVILI, Koba Shalvovich"}},
		{ID: "13167", List: "t", Type: Individual, Names: []string{"SHUSHANASHVILI, Kakhaber Pavlovich", "SHUSHANASHVILI, Kakha"}},
		{ID: "50679", List: "t", Type: Individual, Names: []string{"MORGOSHIA, Konstantine"}},
		{ID: "50680", List: "t", Type: Individual, Names: []string{"MAKHARADZE, Zurab"}},
		{ID: "50681", List: "t", Type: Individual, Names: []string{"KHARAZISHVILI, Zviad"}},
		{ID: "50682", List: "t", Type: Individual, Names: []string{"LAGAZAURI, Mileri"}},
		{ID: "52377", List: "t", Type: Individual, Names: []string{"GOMELAURI, Vakhtang"}},
		{ID: "52393", List: "t", Type: Individual, Names: []string{"IVANISHVILI, Bidzina Grigoris Dze"}},
		{ID: "17281", List: "t", Type: Individual, Names: []string{"MARGOSHVILI, Murad"}},
	})
	for _, tc := range []struct{ query, want string }{
		{"კახაბერ შუშანაშვილი", "13167"},
		{"მილერი ლაგაზაური", "50682"},
		{"კონსტანტინე მორგოშია", "50679"},
		{"ლაშა შუშანაშვილი", "13165"},
		{"ზურაბ მახარაძე", "50680"},      // ძ dz, ხ kh
		{"ვახტანგ გომელაური", "52377"},   // ტ t
		{"ბიძინა ივანიშვილი", "52393"},   // family name and given name only
		{"ზვიად ხარაზიშვილი", "50681"},   // ზ z, ვ v
		{"ᲙᲐᲮᲐᲑᲔᲠ ᲨᲣᲨᲐᲜᲐᲨᲕᲘᲚᲘ", "13167"}, // Mtavruli capitals
	} {
		wantFirst(t, x, tc.query, tc.want)
	}
	// Not listed: Lasha Beridze shares Lasha with 13165, Zviad
	// Gamsakhurdia Zviad with 50681, Giorgi Margvelashvili a family name
	// close to MARGOSHVILI.
	for _, q := range []string{"ლაშა ბერიძე", "ზვიად გამსახურდია", "გიორგი მარგველაშვილი"} {
		if hits := x.Search(Query{Name: q}); len(hits) > 0 {
			t.Errorf("%q hit %+v", q, hits)
		}
	}
}

// TestGeorgianRomanisation checks the letters of the 2002 national system
// that differ most from a letter-for-letter guess: the digraphs, the
// ejectives written like their aspirated pairs, and ყ q.
func TestGeorgianRomanisation(t *testing.T) {
	for in, want := range map[string]string{
		"წყალტუბო":              "tsqaltubo",
		"ჭიღლაძე":               "chighladze",
		"ჟღენტი ჯაფარიძე":       "zhghenti japaridze",
		"ქეთევან ჩხეიძე":        "ketevan chkheidze",
		"ჰუსეინ ფიცხელაური":     "husein pitskhelauri",
		"ᲛᲝᲠᲒᲝᲨᲘᲐ, ᲙᲝᲜᲡᲢᲐᲜᲢᲘᲜᲔ": "morgoshia konstantine",
	} {
		var got []string
		for _, tk := range normalizeName(in) {
			got = append(got, tk.text)
		}
		if g := strings.Join(got, " "); g != want {
			t.Errorf("normalizeName(%q) = %q, want %q", in, g, want)
		}
	}
}
