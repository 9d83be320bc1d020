package screening

import (
	"fmt"
	"testing"
)

// searchIDs returns the IDs of the hits for q at the default threshold.
func searchIDs(x *Index, q string) []string {
	var ids []string
	for _, h := range x.Search(Query{Name: q}) {
		ids = append(ids, h.EntryID)
	}
	return ids
}

func hasID(ids []string, id string) bool { return contains(ids, id) }

// listedPeople are real OFAC SDN individuals (ent_num as ID) that the
// hand-written query sets name by a short form or with a title, next to
// filler names that make the given names as common as they are in the
// real list.
func listedPeople() *Index {
	entries := []Entry{
		{ID: "35307", List: "t", Type: Individual, Names: []string{"CHEMEZOV, Alexander Sergeevich"}},
		{ID: "24315", List: "t", Type: Individual, Names: []string{"FRADKOV, Mikhail Efimovich"}},
		{ID: "35497", List: "t", Type: Individual, Names: []string{"FETISOV, Vyacheslav"}},
		{ID: "37329", List: "t", Type: Individual, Names: []string{"KOBYLKIN, Dmitry Nikolaevich"}},
		{ID: "30964", List: "t", Type: Individual, Names: []string{"CHOI, Frederic"}},
		{ID: "30966", List: "t", Type: Individual, Names: []string{"KAN, Andrew"}},
		{ID: "36816", List: "t", Type: Individual, Names: []string{"KARASIN, Grigory Borisovich"}},
		{ID: "2679", List: "t", Type: Individual, Names: []string{"FADLALLAH, Shaykh Muhammad Husayn"}},
		{ID: "16542", List: "t", Type: Individual, Names: []string{"MUSAVI, Sayyed Kamal"}},
		{ID: "19237", List: "t", Type: Individual, Names: []string{"MUSAVI, Sayyed Javad"}},
		{ID: "46827", List: "t", Type: Individual, Names: []string{"ASADULLAH, Syed"}},
		{ID: "15516", List: "t", Type: Individual, Names: []string{"ACHEKZAI, Maulawi Adam Khan"}},
		{ID: "26955", List: "t", Type: Individual, Names: []string{"SHERRI, Amin"}},
	}
	for i := 0; i < 40; i++ {
		given := []string{"Aleksandr", "Mikhail", "Muhammad", "Andrew"}[i%4]
		fam := fmt.Sprintf("%corvath%c, %s", 'b'+i%20, 'b'+i/20, given)
		entries = append(entries, Entry{ID: fmt.Sprint("f", i), List: "t", Type: Individual, Names: []string{fam}})
	}
	return NewIndex(entries)
}

// TestNicknames checks that a short form finds the listed formal name
// with the family name, as written5's queries do, and that it carries no
// more than a given name does: with another family name, or alone, it
// finds nothing.
func TestNicknames(t *testing.T) {
	t.Parallel()
	x := listedPeople()
	for _, tc := range []struct{ query, want string }{
		{"Sasha Chemezov", "35307"},
		{"Sascha Tschemesow", "35307"},
		{"Misha Fradkov", "24315"},
		{"Slava Fetisov", "35497"},
		{"Dima Kobylkin", "37329"},
		{"Fred Choi", "30964"},
		{"Andy Kan", "30966"},
	} {
		if ids := searchIDs(x, tc.query); !hasID(ids, tc.want) {
			t.Errorf("%q: hits %v, want %s", tc.query, ids, tc.want)
		}
	}
	for _, q := range []string{"Sasha Ivanov", "Sasha", "Misha Fradkin", "Andy Kim", "Slava Fedorov", "Fred Chan"} {
		if ids := searchIDs(x, q); len(ids) > 0 {
			t.Errorf("%q: hits %v, want none", q, ids)
		}
	}
}

// TestNicknameClasses checks the loader's rules: a short form shares the
// formal name's classes (and every class when it has several), is known
// by spelling only, and is skipped where it is a Chinese or Korean syllable.
func TestNicknameClasses(t *testing.T) {
	t.Parallel()
	syllablesOnce.Do(loadSyllables)
	k := kb()
	for _, c := range []struct{ nick, class string }{
		{"sasha", "aleksandr"}, {"slava", "vyacheslav"}, {"slava", "stanislav"}, {"slava", "vladislav"},
		{"volodya", "vladimir"}, {"fred", "frederick"}, {"bill", "william"}, {"paco", "francisco"},
		{"lupe", "guadalupe"}, {"nacho", "ignacio"},
	} {
		if !contains(k.given[c.nick], c.class) && !contains(k.nick[c.nick], c.class) {
			t.Errorf("%s: classes %v %v, want %s among them", c.nick, k.given[c.nick], k.nick[c.nick], c.class)
		}
	}
	// Spellings, not sounds: Will is not Wali, Bob is not Babu.
	if keySim(tokenKeys("will", false), tokenKeys("wali", false)) > 0 {
		t.Errorf("will and wali share a key")
	}
	if keySim(tokenKeys("sasha", false), tokenKeys("aleksandr", false)) < equivSim {
		t.Errorf("sasha and aleksandr: keySim %v, want %v", keySim(tokenKeys("sasha", false), tokenKeys("aleksandr", false)), equivSim)
	}
	// A formal name no class holds is not made a known given name: Andrew
	// still meets Andre by spelling.
	if differentGiven(tokenKeys("andrew", false), tokenKeys("andre", false)) {
		t.Errorf("andrew and andre are taken for different names")
	}
	if keySim(tokenKeys("bill", false), tokenKeys("william", false)) < equivSim {
		t.Errorf("bill and william share no key")
	}
	// Different names stay different: Vladislav and Stanislav share Slava
	// but no class.
	if !differentGiven(tokenKeys("vladislav", false), tokenKeys("stanislav", false)) {
		t.Errorf("vladislav and stanislav share a class")
	}
}

// TestTitles checks that a title in the query is dropped while a listed
// name that has a name-part title (Sayyed) still meets it, and that the
// abbreviations dropped with a dot are names without one (Hun Sen).
func TestTitles(t *testing.T) {
	t.Parallel()
	x := listedPeople()
	for _, tc := range []struct{ query, want string }{
		{"Senator Grigory Karasin", "36816"},
		{"Sen. Grigory Karasin", "36816"},
		{"President Grigory Karasin", "36816"},
		{"Sayyed Mohammad Hussein Fadlallah", "2679"},
		{"Sheikh Mohammad Hussein Fadlallah", "2679"},
		{"Sayyed Kamal Musavi", "16542"},
		{"Syed Asadullah", "46827"},
		// Titles that OFAC files as name parts are not dropped: its
		// aliases KHAN, Maulawi Adam and SHRI, Amin must still find them.
		{"Maulawi Adam Khan", "15516"},
		{"Maulawi Grigory Karasin", "36816"}, // excused in the query, as Sayyid is
		{"Amin Shri", "26955"},
	} {
		if ids := searchIDs(x, tc.query); !hasID(ids, tc.want) {
			t.Errorf("%q: hits %v, want %s", tc.query, ids, tc.want)
		}
	}
	// Sayyed excused in the query does not make one matched name enough.
	for _, q := range []string{"Sayyed Kamal", "Sayyed Ali Musavi"} {
		if ids := searchIDs(x, q); len(ids) > 0 {
			t.Errorf("%q: hits %v, want none", q, ids)
		}
	}
	for _, c := range []struct {
		name string
		want []string
	}{
		{"Hun Sen", []string{"hun", "sen"}},
		{"Sen. Karasin", []string{"karasin"}},
		{"Eng. Ali Eng", []string{"ali", "eng"}},
		{"Herr Dr. Schmidt", []string{"schmidt"}},
	} {
		var got []string
		for _, tk := range normalizeName(c.name) {
			got = append(got, tk.text)
		}
		if fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("normalizeName(%q) = %v, want %v", c.name, got, c.want)
		}
	}
}
