package screening

import "testing"

// TestArabicPressSpellings checks the French and German press spellings
// of Arabic names (written4 and written5's queries, real OFAC entries)
// and that the French ch is not read as sh where it is Chinese.
func TestArabicPressSpellings(t *testing.T) {
	t.Parallel()
	x := NewIndex([]Entry{
		{ID: "7914", List: "t", Type: Individual, Names: []string{"MISHAAL, Khalid"}},
		{ID: "15226", List: "t", Type: Individual, Names: []string{"KHAMIS, Imad Mohammad Deeb"}},
		{ID: "shen", List: "t", Type: Individual, Names: []string{"SHEN, Zhiwei"}},
		{ID: "rashid", List: "t", Type: Individual, Names: []string{"AL-RASHID, Hisham"}},
	})
	for _, tc := range []struct{ query, want string }{
		{"Khaled Mechaal", "7914"},
		{"Chalid Maschal", "7914"},
		{"Emad Khamis", "15226"},
		{"Hichem Rachid", "rashid"},
	} {
		if ids := searchIDs(x, tc.query); !hasID(ids, tc.want) {
			t.Errorf("%q: hits %v, want %s", tc.query, ids, tc.want)
		}
	}
	if ids := searchIDs(x, "Chen Zhiwei"); hasID(ids, "shen") {
		t.Errorf("Chen Zhiwei hits SHEN, Zhiwei: ch read as sh in pinyin")
	}
	// Inside a word, French ch is sh; German sch and tch are left alone.
	if keySim(tokenKeys("rachida", false), tokenKeys("rashida", false)) == 0 {
		t.Errorf("rachida and rashida share no key")
	}
}
