package screening

import "testing"

// An exact namesake of a listed person is a true screening hit: only a
// birth date tells the two apart. With the applicant's date known, a
// listed person born decades apart drops below the threshold, one born
// that year (or with only a year listed) stays a hit.
func TestNamesakeSeparatedByBirthDate(t *testing.T) {
	x := NewIndex([]Entry{
		{ID: "1", List: "ofac", Type: Individual, Names: []string{"ANDREYEV, Anton Nikolaeyvich"}, DOBs: []Date{{1958, 3, 14}}},
		{ID: "2", List: "ofac", Type: Individual, Names: []string{"SOE, Min"}, DOBs: []Date{{Year: 1971}}},
		{ID: "3", List: "ofac", Type: Individual, Names: []string{"SON, Min"}},
	})
	for _, c := range []struct {
		name string
		dob  Date
		want []string // entry IDs hit
	}{
		{"Anton Andreev", Date{}, []string{"1"}},
		{"Anton Andreev", Date{1991, 6, 2}, nil},
		{"Anton Andreev", Date{1958, 3, 14}, []string{"1"}},
		{"Anton Andreev", Date{1959, 1, 1}, []string{"1"}}, // a year off: lists' dates are often approximate
		{"Min Soe", Date{1971, 8, 9}, []string{"2"}},
		{"Min Soe", Date{1990, 8, 9}, nil},
		// No date on the list: the name alone decides.
		{"Min Son", Date{1990, 8, 9}, []string{"3"}},
	} {
		var got []string
		for _, h := range x.Search(Query{Name: c.name, DOB: c.dob, Individuals: true}) {
			got = append(got, h.EntryID)
		}
		if len(got) != len(c.want) || len(got) > 0 && got[0] != c.want[0] {
			t.Errorf("%q born %v: hits %v, want %v", c.name, c.dob, got, c.want)
		}
	}
}
