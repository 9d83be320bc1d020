package screening

import "testing"

// TestCantoPinyin checks that Hong Kong spellings of mainland officials'
// names (written5's queries, real OFAC entries) reach the listed pinyin
// through the characters' two readings, and that other pinyin names with
// the same family name are not reached.
func TestCantoPinyin(t *testing.T) {
	t.Parallel()
	x := NewIndex([]Entry{
		{ID: "29160", List: "t", Type: Individual, Names: []string{"HUO, Liujun"}},
		{ID: "24838", List: "t", Type: Individual, Names: []string{"LI, Shangfu"}},
		{ID: "11447", List: "t", Type: Individual, Names: []string{"LI, Fangwei"}},
		{ID: "other1", List: "t", Type: Individual, Names: []string{"LI, Shanghai"}},
		{ID: "other2", List: "t", Type: Individual, Names: []string{"HUO, Lijun"}},
	})
	for _, tc := range []struct{ query, want string }{
		{"Fok Lau-kwan", "29160"},
		{"Fok Laukwan", "29160"},
		{"Lee Sheung-fuk", "24838"},
		{"Lee Seung Fuk", "24838"},
		{"Lee Fong-wai", "11447"},
	} {
		ids := searchIDs(x, tc.query)
		if !hasID(ids, tc.want) {
			t.Errorf("%q: hits %v, want %s", tc.query, ids, tc.want)
		}
		for _, id := range ids {
			if id == "other1" || id == "other2" {
				t.Errorf("%q: hits %s too", tc.query, id)
			}
		}
	}
	k := kb()
	for _, c := range []struct{ hk, py string }{{"fok", "huo"}, {"lau", "liu"}, {"kwan", "jun"}, {"sheung", "shang"}, {"wai", "wei"}, {"wong", "huang"}, {"wong", "wang"}, {"cheung", "zhang"}} {
		if !contains(k.cantoPy[cantoPyKey(c.hk)], c.py) {
			t.Errorf("%s reads %v, want %s among them", c.hk, k.cantoPy[cantoPyKey(c.hk)], c.py)
		}
	}
	// A Latin word that is no Hong Kong syllable gets no reading, nor one
	// that is as many Korean syllables (Man Chun is Korean too), nor a
	// known given name or short form (Chuy is Jesus, not Xu).
	for _, w := range []string{"smith", "manchun", "pak", "kwangil", "chuy", "misha"} {
		var keys []string
		k.cantoPinyinKeys(w, func(_ byte, v string) { keys = append(keys, v) })
		if len(keys) > 0 {
			t.Errorf("%s reads as pinyin %v", w, keys)
		}
	}
	x = NewIndex([]Entry{{ID: "23505", List: "t", Type: Individual, Names: []string{"KIM, Man Chun"}}})
	if ids := searchIDs(x, "Minjun Kim"); len(ids) > 0 {
		t.Errorf("Minjun Kim: hits %v, want none (a Korean name read as Cantonese)", ids)
	}
}
