package screening

import "testing"

// TestHebrewQueries checks that Hebrew-script queries reach the Latin
// spellings OFAC lists Israeli individuals under (real entries, written5's
// queries), and that the looser Hebrew reading does not reach other
// names: an unlisted name, and Latin names with other consonants.
func TestHebrewQueries(t *testing.T) {
	t.Parallel()
	x := NewIndex([]Entry{
		{ID: "48605", List: "t", Type: Individual, Names: []string{"GOPSTEIN, Ben-Zion"}},
		{ID: "47320", List: "t", Type: Individual, Names: []string{"LEVI, Yinon"}},
		{ID: "48245", List: "t", Type: Individual, Names: []string{"BAR YOSEF, Zvi"}},
		{ID: "48247", List: "t", Type: Individual, Names: []string{"BEN PAZI, Neriya"}},
		{ID: "50974", List: "t", Type: Individual, Names: []string{"SUISSA, Avichai"}},
		{ID: "23252", List: "t", Type: Individual, Names: []string{"GERTLER, Dan"}},
		{ID: "lapin", List: "t", Type: Individual, Names: []string{"LAPIN, Yair"}},
		{ID: "levin", List: "t", Type: Individual, Names: []string{"LEVIN, Yinon"}},
	})
	for _, tc := range []struct{ query, want string }{
		{"בן-ציון גופשטיין", "48605"},
		{"ינון לוי", "47320"},
		{"צבי בר יוסף", "48245"},
		{"נריה בן פזי", "48247"},
		{"אביחי סויסה", "50974"},
		{"דן גרטלר", "23252"},
	} {
		ids := searchIDs(x, tc.query)
		if !hasID(ids, tc.want) {
			t.Errorf("%q: hits %v, want %s", tc.query, ids, tc.want)
		}
		if hasID(ids, "levin") {
			t.Errorf("%q: hits LEVIN too", tc.query)
		}
	}
	// Yair Lapid is not listed; LAPIN, Yair ends in another consonant.
	if ids := searchIDs(x, "יאיר לפיד"); len(ids) > 0 {
		t.Errorf("יאיר לפיד: hits %v, want none", ids)
	}
	for _, c := range []struct {
		q, l string
		want bool
	}{
		{"gufshtyn", "gopstein", true},
		{"tsvi", "zvi", true},
		{"tsvi", "tzvi", true},
		{"avikhi", "avichai", true},
		{"suish", "suissa", true},
		{"lui", "levi", true},
		{"lui", "lu", false},     // one consonant on both sides
		{"lui", "levin", false},  // a consonant Hebrew does not write
		{"ynun", "yinon", true},  // unwritten vowels
		{"ynun", "ayman", false}, // no vowel opens a word unwritten
		{"avikhi", "abigail", false},
	} {
		if got := hebrewSim(c.q, c.l) > 0; got != c.want {
			t.Errorf("hebrewSim(%q, %q) > 0 = %v, want %v", c.q, c.l, got, c.want)
		}
	}
}
