package screening

import (
	"fmt"
	"testing"
)

// TestVowelFrame checks the frame itself: consonants in order, a run of
// vowels one slot, a closing y or w part of the slot, a final vowel kept
// by kind.
func TestVowelFrame(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"zamur":    "z.m.r",
		"zomor":    "z.m.r",
		"wahhab":   "w.h.b",
		"wihab":    "w.h.b",
		"fawz":     "f.z", // aw closes a diphthong
		"fawaz":    "f.w.z",
		"ulayq":    ".l.q",
		"astah":    ".stA", // a silent final h
		"usta":     ".stA",
		"karimi":   "k.r.mI", // a nisba is another frame
		"karim":    "k.r.m",
		"rezaee":   "r.zI",
		"raza":     "r.zA",
		"ali":      "", // one consonant says too little
		"mohammad": "m.h.m.d",
	} {
		if got := vowelFrame(in); got != want {
			t.Errorf("vowelFrame(%q) = %q, want %q", in, got, want)
		}
	}
	syllablesOnce.Do(loadSyllables) // as NewIndex does
	for _, s := range []string{"chan", "chen", "yong", "ong"} {
		if k := frameKey(s, tokenKeys(s, false)); k != "" {
			t.Errorf("frameKey(%q) = %q, want none for a Chinese or Korean syllable", s, k)
		}
	}
	// Two pinyin given names share a frame, but it does not count.
	if s, how := textKeySim("yiming", "yaming", tokenKeys("yiming", false), tokenKeys("yaming", false)); how == matchKnown {
		t.Errorf("yiming ~ yaming = %.3f by a key: two pinyin given names", s)
	}
}

// TestVowelFrameFindsArabicSpellings checks, on real OFAC entries and
// aliases OFAC gives for them, that spellings differing in their vowels
// (and a closing y or w) find the person, and that a frame does not make
// a nisba or a one-word name a hit.
func TestVowelFrameFindsArabicSpellings(t *testing.T) {
	t.Parallel()
	x := NewIndex([]Entry{
		{ID: "zomor", List: "t", Type: Individual, Names: []string{"AL-ZOMOR, Abboud Abdul Latif Hassan"}},
		{ID: "wahhab", List: "t", Type: Individual, Names: []string{"WAHHAB, Wi'am"}},
		{ID: "foz", List: "t", Type: Individual, Names: []string{"FOZ, Samer"}},
		{ID: "aliq", List: "t", Type: Individual, Names: []string{"ALIQ, Qasim"}},
		{ID: "usta", List: "t", Type: Individual, Names: []string{"AL-USTA, Raw'a"}},
		{ID: "raza", List: "t", Type: Individual, Names: []string{"RAZA, Mohsin"}},
		{ID: "baneh", List: "t", Type: Entity, Names: []string{"BANEH"}},
	})
	for _, tc := range []struct{ query, want string }{
		{"Abboud Abdul Latif Hassan al-Zamur", "zomor"},
		{"Wi'am Wihab", "wahhab"},
		{"Samir Fawz", "foz"},
		{"Qasim 'Ulayq", "aliq"},
		{"Raw'ah al-Astah", "usta"},
	} {
		hits := x.Search(Query{Name: tc.query})
		if len(hits) != 1 || hits[0].EntryID != tc.want {
			t.Errorf("%q: hits %+v, want %s alone", tc.query, hits, tc.want)
		}
	}
	for _, q := range []string{"Mohsen Rezaee", "Beenie"} {
		if hits := x.Search(Query{Name: q}); len(hits) != 0 {
			t.Errorf("%q hit %+v", q, hits)
		}
	}
}

// TestSplitCompound checks that a compound the list writes as one word
// is found when the query writes it apart with a vowel changed in each
// part, among enough Mohammads that only the compound can bring the
// entry to the shortlist, and that two different given names are not
// read as the parts of one.
func TestSplitCompound(t *testing.T) {
	t.Parallel()
	entries := []Entry{{ID: "soltan", List: "t", Type: Individual, Names: []string{"SOLTANMOHAMMADI, Mohammad"}}}
	for i := 0; i < 3*candidateLimit; i++ {
		entries = append(entries, Entry{ID: fmt.Sprint("f", i), List: "t", Type: Individual,
			Names: []string{fmt.Sprintf("%corvath, Mohammad", 'b'+i%3)}})
	}
	x := NewIndex(entries)
	for _, q := range []string{"Mohammed Seltan Mohammedi", "Mohhamad Sultan Mohmadi", "Mohammad Soltan Mohammadi"} {
		hits := x.Search(Query{Name: q})
		if len(hits) != 1 || hits[0].EntryID != "soltan" {
			t.Errorf("%q: hits %+v, want soltan alone", q, hits)
		}
	}
	q := newSide(normalizeName("Mahmud Kazem"), maxQueryTokens, tokenKeys, nil)
	// A mask of 0 leaves the letter bound out: the parts decide.
	if s := runSplitSim(q.toks, q.runs[0], "mohammadkazem", 0); s >= mergeMinSim {
		t.Errorf("Mahmud Kazem ~ mohammadkazem = %.3f: Mahmud is not Mohammad", s)
	}
}

// TestLeftOutNamesWithSpellingVariants checks, on real OFAC entries and
// aliases OFAC gives for them, that a query leaving out middle names is
// relieved when its links are known spellings (a sound or class key,
// 0.92) and not only exact ones, and that two Chinese syllables only
// alike (a class or Cantonese spelling) do not carry a second family name
// left out.
func TestLeftOutNamesWithSpellingVariants(t *testing.T) {
	t.Parallel()
	entries := []Entry{
		{ID: "faqih", List: "t", Type: Individual, Names: []string{"AL-FAQIH, Saad Rashed Mohammad"}},
		{ID: "uday", List: "t", Type: Individual, Names: []string{"AL-TIKRITI, Uday Saddam Hussein"}},
		{ID: "chandy", List: "t", Type: Individual, Names: []string{"CHAN DY, King"}},
	}
	// Muhammad is common in real lists, and so costs little left out.
	for i := 0; i < 60; i++ {
		entries = append(entries, Entry{ID: fmt.Sprint("m", i), List: "t", Type: Individual,
			Names: []string{fmt.Sprintf("%corvath%c, Mohammad", 'b'+i%20, 'b'+i/20)}})
	}
	x := NewIndex(entries)
	for _, tc := range []struct{ query, want string }{
		{"Saad al-Fakih", "faqih"},
		{"Saad Alfagih", "faqih"},
		{"Udai Saddam Hussein", "uday"},
	} {
		hits := x.Search(Query{Name: tc.query})
		if len(hits) != 1 || hits[0].EntryID != tc.want {
			t.Errorf("%q: hits %+v, want %s alone", tc.query, hits, tc.want)
		}
	}
	// CHAN DY, King: chan and king are syllables, so a 0.92 link to them
	// (Chen, Jing) does not relieve the left-out Dy; al-Faqih's do.
	for _, tc := range []struct {
		name string
		syl  bool
	}{{"CHAN DY, King", true}, {"AL-FAQIH, Saad Rashed Mohammad", false}} {
		n := newSide(listedTokens(tc.name, Individual)[0], maxNameTokens, tokenKeys, nil)
		if got := syllableLink(&n, 1|1<<(len(n.toks)-1)); got != tc.syl {
			t.Errorf("syllableLink(%s) = %v, want %v", tc.name, got, tc.syl)
		}
	}
}

// TestFrenchSh checks that a ch inside a name reads as the sh French
// writes it for (Mechaal for MISHAAL), and not inside a pinyin word.
func TestFrenchSh(t *testing.T) {
	t.Parallel()
	syllablesOnce.Do(loadSyllables) // as NewIndex does
	if frenchShKey("mechaal") != soundKey("meshaal") {
		t.Errorf("frenchShKey(mechaal) = %q, want %q", frenchShKey("mechaal"), soundKey("meshaal"))
	}
	for _, s := range []string{"xiaochun", "gaidukewitsch", "chen"} {
		if k := frenchShKey(s); k != "" {
			t.Errorf("frenchShKey(%q) = %q, want none", s, k)
		}
	}
	x := NewIndex([]Entry{{ID: "mishaal", List: "t", Type: Individual, Names: []string{"MISHAAL, Khalid"}}})
	if hits := x.Search(Query{Name: "Khaled Mechaal"}); len(hits) != 1 {
		t.Errorf("Khaled Mechaal: hits %+v, want MISHAAL, Khalid", hits)
	}
}

// TestGivenNameSpeltLikeAFamilyName checks, on a real OFAC entry and an
// ordinary name that hit it, that a common given name and a known given
// name only spelt like a longer listed family name do not hit, while the
// listed name itself does.
func TestGivenNameSpeltLikeAFamilyName(t *testing.T) {
	t.Parallel()
	entries := []Entry{{ID: "khalalu", List: "t", Type: Individual, Names: []string{"KHALALU, Ahmad"}}}
	// Ahmad is common in real lists.
	for i := 0; i < 60; i++ {
		entries = append(entries, Entry{ID: fmt.Sprint("a", i), List: "t", Type: Individual,
			Names: []string{fmt.Sprintf("%corvath%c, Ahmad", 'b'+i%20, 'b'+i/20)}})
	}
	x := NewIndex(entries)
	if hits := x.Search(Query{Name: "Ahmed Khalil"}); len(hits) != 0 {
		t.Errorf("Ahmed Khalil hit %+v", hits)
	}
	if hits := x.Search(Query{Name: "Ahmed Khalalu"}); len(hits) != 1 || hits[0].EntryID != "khalalu" {
		t.Errorf("Ahmed Khalalu: hits %+v, want khalalu alone", hits)
	}
}
