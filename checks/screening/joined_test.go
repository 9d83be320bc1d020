package screening

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestJoinedNames: what one side writes apart the other writes as one
// word. A particle with its name (Di Lauro, Dilauro; Al Hamidan,
// Alhmidan), a listed "FAMILY, Given" typed given name first and joined
// (Abduljabbar for JABBAR, Abdul), and an abd compound read from Arabic
// script against the list's compound written apart.
func TestJoinedNames(t *testing.T) {
	t.Parallel()
	x := NewIndex([]Entry{
		{ID: "1", List: "t", Type: Individual, Names: []string{"DI LAURO, Marco"}},
		{ID: "2", List: "t", Type: Individual, Names: []string{"JABBAR, Abdul"}},
		{ID: "3", List: "t", Type: Individual, Names: []string{"NAJJAR, Mostafa Mohammad"}},
		{ID: "4", List: "t", Type: Individual, Names: []string{"ALHMIDAN, Mohamad Alsaied"}},
		{ID: "5", List: "t", Type: Individual, Names: []string{"AL-GHAMARI, Muhammad Abd Al-Karim"}},
		{ID: "6", List: "t", Type: Individual, Names: []string{"ABDALLAH, Ramadan"}},
		{ID: "7", List: "t", Type: Individual, Names: []string{"VAN DER BERG, Pieter"}},
	})
	for _, tc := range []struct{ query, want string }{
		{"Marco Dilauro", "1"},
		{"Abduljabbar", "2"},
		{"Mostafa Mohammadnajjar", "3"},
		{"Mohamad Alsaied Al Hamidan", "4"},
		{"محمد عبدالكريم الغماري", "5"},
		{"رمضان عبد الله", "6"},
		{"Pieter Vanderberg", "7"},
	} {
		hits := x.Search(Query{Name: tc.query})
		if len(hits) == 0 || hits[0].EntryID != tc.want {
			t.Errorf("%q: hits %+v, want entry %s first", tc.query, hits, tc.want)
		}
	}
	// The family name alone is still not the person, joined particle or
	// not.
	for _, q := range []string{"Dilauro", "Vanderberg"} {
		if hits := x.Search(Query{Name: q}); len(hits) > 0 {
			t.Errorf("%q hit %+v", q, hits)
		}
	}
}

// TestParticleRunToken: normalisation keeps the dropped particles on the
// token they introduce, and newSide writes the two as one run.
func TestParticleRunToken(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"Marco Di Lauro":     "dilauro",
		"VAN DER BERG, Jan":  "vanderberg",
		"Usama bin Ladin":    "binladin",
		"Dr. Ayman Zawahiri": "",
	} {
		s := newSide(normalizeName(in), maxQueryTokens, tokenKeys, nil)
		got := ""
		for _, r := range s.runs {
			if popcount(r.mask) == 1 {
				got = r.text
			}
		}
		if got != want {
			t.Errorf("%q: particle run %q, want %q", in, got, want)
		}
	}
}

// TestJoinedGivenFamilyProperty: any two-token listed name "FAMILY,
// Given" is found when typed given name first as one word, and its
// family name joined to the last of several given names is found too.
func TestJoinedGivenFamilyProperty(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(11, 14))
	word := func() string {
		const cons, vow = "bdfghklmnprstvz", "aeiou"
		var b strings.Builder
		for range 2 + r.IntN(2) {
			b.WriteByte(cons[r.IntN(len(cons))])
			b.WriteByte(vow[r.IntN(len(vow))])
		}
		return b.String()
	}
	var entries []Entry
	type want struct{ query, id string }
	var wants []want
	for i := range 300 {
		fam, g1, g2 := word(), word(), word()
		id := fmt.Sprint(i)
		if i%2 == 0 {
			entries = append(entries, Entry{ID: id, List: "t", Type: Individual, Names: []string{strings.ToUpper(fam) + ", " + g1}})
			wants = append(wants, want{g1 + fam, id})
		} else {
			entries = append(entries, Entry{ID: id, List: "t", Type: Individual, Names: []string{strings.ToUpper(fam) + ", " + g1 + " " + g2}})
			wants = append(wants, want{g1 + " " + g2 + fam, id})
		}
	}
	x := NewIndex(entries)
	for _, w := range wants {
		found := false
		for _, h := range x.Search(Query{Name: w.query}) {
			found = found || h.EntryID == w.id
		}
		if !found {
			t.Errorf("%q does not find %s %q", w.query, w.id, entries[mustAtoi(t, w.id)].Names[0])
		}
	}
}

func mustAtoi(t *testing.T, s string) int {
	t.Helper()
	var n int
	if _, err := fmt.Sscan(s, &n); err != nil {
		t.Fatal(err)
	}
	return n
}
