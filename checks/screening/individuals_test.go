package screening

import (
	"fmt"
	"testing"
)

// A person query must not meet a vessel, a company or an aircraft, by name
// or by document number, yet still meet people, whether their list types
// them (OFAC individuals) or gives no type (the operator CSV).
func TestIndividualsQuery(t *testing.T) {
	x := testIndex(t)
	has := func(hits []Hit, list, id string) bool {
		for _, h := range hits {
			if h.List == list && h.EntryID == id {
				return true
			}
		}
		return false
	}
	for _, c := range []struct {
		q        Query
		list, id string
		person   bool
	}{
		{Query{Name: "Maribel"}, "ofac", "10029", false},                         // vessel
		{Query{Name: "Ocean Pearl"}, "ofac", "10028", false},                     // vessel
		{Query{Name: "Arya Shipping Lines"}, "ofac", "10023", false},             // OFAC untyped: entity
		{Query{Name: "Levant Cargo Airlines"}, "eu", "13020", false},             // EU enterprise
		{Query{Name: "Maribel", DocumentNumber: "9921"}, "ofac", "10027", false}, // entity's registration number
		{Query{Name: "Khalid Mahmoud al-Rashidi"}, "ofac", "10001", true},
		{Query{Name: "Liu Yang"}, "pep", "pep-001", true}, // operator list: no type
		{Query{Name: "Someone Else", DocumentNumber: "E12345678"}, "pep", "pep-001", true},
	} {
		if !has(x.Search(c.q), c.list, c.id) {
			t.Errorf("%+v: %s %s not found without Individuals", c.q, c.list, c.id)
		}
		p := c.q
		p.Individuals = true
		if got := has(x.Search(p), c.list, c.id); got != c.person {
			t.Errorf("%+v with Individuals: %s %s found=%v, want %v", c.q, c.list, c.id, got, c.person)
		}
	}
}

// A people-only query filters before the shortlist is cut: a hundred
// vessels named like a listed person, indexed first and so filling the
// shortlist's ties, must not push the person out of it.
func TestIndividualsBeforeShortlist(t *testing.T) {
	var entries []Entry
	for i := range candidateLimit + 36 {
		entries = append(entries, Entry{ID: fmt.Sprintf("v%d", i), List: "ofac", Type: Vessel, Names: []string{"IVAN PETROV"}})
	}
	entries = append(entries, Entry{ID: "p1", List: "ofac", Type: Individual, Names: []string{"PETROV, Ivan"}})
	x := NewIndex(entries)
	found := func(hits []Hit) bool {
		for _, h := range hits {
			if h.EntryID == "p1" {
				return true
			}
		}
		return false
	}
	if found(x.Search(Query{Name: "Ivan Petrov"})) {
		t.Fatal("the person reached the shortlist among all types; the test no longer crowds it out")
	}
	hits := x.Search(Query{Name: "Ivan Petrov", Individuals: true})
	if !found(hits) || len(hits) != 1 {
		t.Errorf("people only: %d hits, person found=%v; want the person alone", len(hits), found(hits))
	}
}
