package screening

import "testing"

// TestIndonesianSpellings: the pre-1972 Indonesian abd compound
// (Abdurrochim), oe for u (Roesdan) and Indonesian sy for sh (Ba'asyir)
// meet the English spellings of the list; o without that ch is not read
// as a.
func TestIndonesianSpellings(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ a, b string }{
		{"abdurrochim", "abdulrahim"},
		{"abdurochim", "abdurrahim"},
		{"abdurrochman", "abdurrahman"},
	} {
		if got, want := javaneseAbdKey(tc.a), abdKey(tc.b); got == "" || got != want {
			t.Errorf("javaneseAbdKey(%q) = %q, want abdKey(%q) = %q", tc.a, got, tc.b, want)
		}
	}
	for _, tok := range []string{"abdulghafoor", "abdulrahim", "rochim"} {
		if v := javaneseAbdKey(tok); v != "" {
			t.Errorf("javaneseAbdKey(%q) = %q, want none", tok, v)
		}
	}
	for in, want := range map[string]string{"baasyir": "baashir", "asyari": "ashari", "syed": "", "syarif": "", "yusuf": ""} {
		if got := indonesianSy(in); got != want {
			t.Errorf("indonesianSy(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"roesdan": "rusdan", "soeharto": "suharto", "choe": "", "roeang": "", "schroeder": "schruder"} {
		if got := dutchOe(in); got != want {
			t.Errorf("dutchOe(%q) = %q, want %q", in, got, want)
		}
	}
	x := NewIndex([]Entry{
		{ID: "1", List: "t", Type: Individual, Names: []string{"BA'ASYIR, Abdul Rahim"}},
		{ID: "2", List: "t", Type: Individual, Names: []string{"RUSDAN, Abu"}},
		{ID: "3", List: "t", Type: Individual, Names: []string{"RUSDAN, Ali"}},
		{ID: "4", List: "t", Type: Individual, Names: []string{"ABU, Bakar"}},
	})
	if hits := x.Search(Query{Name: "Abu Roesdan"}); len(hits) == 0 || hits[0].EntryID != "2" {
		t.Errorf("Abu Roesdan: hits %+v, want RUSDAN, Abu first", hits)
	}
	for _, q := range []string{"Abdurrochim Ba'asyir", "Abdurochim Bashir"} {
		if hits := x.Search(Query{Name: q}); len(hits) != 1 || hits[0].EntryID != "1" {
			t.Errorf("%q: hits %+v, want BA'ASYIR", q, hits)
		}
	}
}

// TestGermanPatronymics: German and Hungarian-style patronymic endings
// are patronymics, of the same father's name as the list's.
func TestGermanPatronymics(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"wladimirowitsch": "wladimir",
		"alexandrovits":   "alexandr",
		"iwanowna":        "iwan",
	} {
		if got, ok := patronymicStem(in); !ok || got != want {
			t.Errorf("patronymicStem(%q) = %q, %v, want %q", in, got, ok, want)
		}
	}
	x := NewIndex([]Entry{{ID: "1", List: "t", Type: Individual, Names: []string{"MORDASHOV, Alexey Aleksandrovich"}}})
	hits := x.Search(Query{Name: "Alexey Alexandrovits Mordaschov"})
	if len(hits) != 1 {
		t.Fatalf("hits %+v, want MORDASHOV", hits)
	}
	for _, m := range hits[0].Matches {
		if m.Listed == "aleksandrovich" && m.How != "variant" {
			t.Errorf("alexandrovits ~ aleksandrovich as %s, want variant", m.How)
		}
	}
}
