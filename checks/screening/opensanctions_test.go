package screening

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestParseOpenSanctions(t *testing.T) {
	t.Parallel()
	csvList, err := ParseOpenSanctionsCSV("opensanctions", open(t, "opensanctions/targets.simple.csv"))
	if err != nil {
		t.Fatal(err)
	}
	ftmList, err := ParseFollowTheMoney("opensanctions", open(t, "opensanctions/entities.ftm.json"))
	if err != nil {
		t.Fatal(err)
	}
	for name, l := range map[string]*List{"csv": csvList, "ftm": ftmList} {
		byID := map[string]Entry{}
		for _, e := range l.Entries {
			byID[e.ID] = e
		}
		if _, ok := byID["addr-1"]; ok {
			t.Errorf("%s: an Address entity was imported", name)
		}
		if _, ok := byID["NK-sanction-1"]; ok {
			t.Errorf("%s: a Sanction entity was imported", name)
		}
		p := byID["NK-aAbB1"]
		if p.Type != Individual || p.List != "opensanctions" || p.Names[0] != "Aleksandr Ivanovich PETROV" ||
			!reflect.DeepEqual(p.Names[1:], []string{"Alexander Petrov", "Александр Иванович Петров"}) ||
			len(p.DOBs) == 0 || p.DOBs[0] != (Date{1961, 5, 2}) || !reflect.DeepEqual(p.Nationalities, []string{"RUS"}) {
			t.Errorf("%s: person %+v", name, p)
		}
		if !contains(p.DocumentNumbers, "P555123") || !contains(p.Programs, "EU-UKR") && name == "ftm" {
			t.Errorf("%s: documents %v programmes %v", name, p.DocumentNumbers, p.Programs)
		}
		c := byID["NK-cCdD2"]
		if c.Type != Entity || !reflect.DeepEqual(c.Nationalities, []string{"RUS"}) || !contains(c.Names, "ACME ARMS, AO") {
			t.Errorf("%s: company %+v (suhh must be dropped, not refused)", name, c)
		}
		x := NewIndex(l.Entries)
		if hits := x.Search(Query{Name: "Alexander Petrov", DOB: Date{1961, 5, 2}}); len(hits) == 0 || hits[0].EntryID != "NK-aAbB1" {
			t.Errorf("%s: search %+v", name, hits)
		}
		if hits := x.Search(Query{Name: "Yuet-ngor Lam Cheng"}); len(hits) == 0 || hits[0].EntryID != "Q7747" {
			t.Errorf("%s: search %+v", name, hits)
		}
	}
	if v := csvList.Entries[3]; v.Type != Vessel || !contains(v.DocumentNumbers, "IMO9123456") {
		t.Errorf("vessel %+v", v)
	}
}

func TestParseOpenSanctionsErrors(t *testing.T) {
	t.Parallel()
	head := "id,schema,name,aliases,birth_date,countries\n"
	for _, tc := range []struct{ in, want string }{
		{"", "no entries"},
		{head, "no entries"},
		{"id,name\n1,A\n", `no "schema" column`},
		{head + "1,Person,A B,,1961-13-01,ru\n", "birth date"},
		{head + "1,Person,A B,,,ru\n1,Person,C D,,,ru\n", "twice"},
		{head + "1,Person,,,,ru\n", "empty name"},
		{head + "1,Person,A B\n", "fields"},
		{head + "1,Person,\"A B,,,\n", "quote"},
	} {
		_, err := ParseOpenSanctionsCSV("os", text("targets.csv", tc.in))
		var pe *ParseError
		if !errors.As(err, &pe) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want a ParseError about %q", tc.in, err, tc.want)
		}
	}
	for _, tc := range []struct{ in, want string }{
		{"", "no entries"},
		{`{"id":"1","schema":"Sanction","properties":{}}`, "no entries"},
		{`{"id":"1","schema":"Person","properties":{"name":["A"]}}` + "\n{oops", "entities.ftm.json:2:"},
		{`{"id":"1","schema":"Person","properties":{"name":"A"}}`, "not a FollowTheMoney entity"},
		{`{"id":"1","schema":"Person","properties":{"name":["A"]}} {"id":"2"}`, "more than one"},
		{`{"id":"1","schema":"Person","properties":{"name":["A"],"birthDate":["1961-02-30x"]}}`, "birth date"},
		{`{"id":"","schema":"Person","properties":{"name":["A"]}}`, "empty id"},
		{`{"id":"1","schema":"Person","properties":{}}`, "empty name"},
	} {
		_, err := ParseFollowTheMoney("os", text("entities.ftm.json", tc.in))
		var pe *ParseError
		if !errors.As(err, &pe) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want a ParseError about %q", tc.in, err, tc.want)
		}
	}
}

func FuzzParseOpenSanctionsCSV(f *testing.F) {
	seed(f, "opensanctions/targets.simple.csv")
	f.Add("id,schema,name,birth_date\n1,Person,A;B,1970;1971-02\n")
	f.Fuzz(func(t *testing.T, s string) {
		l, err := ParseOpenSanctionsCSV("os", text("targets.csv", s))
		checkParsed(t, l, err)
	})
}

func FuzzParseFollowTheMoney(f *testing.F) {
	seed(f, "opensanctions/entities.ftm.json")
	f.Add(`{"id":"1","schema":"Person","properties":{"firstName":["A"],"lastName":["B"]}}`)
	f.Fuzz(func(t *testing.T, s string) {
		l, err := ParseFollowTheMoney("os", text("entities.ftm.json", s))
		checkParsed(t, l, err)
	})
}
