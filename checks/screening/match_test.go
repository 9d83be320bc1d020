package screening

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"github.com/kycd/kycd/reason"
)

// testIndex indexes every test list.
func testIndex(t testing.TB) *Index {
	t.Helper()
	var all []Entry
	ofac, err := ParseOFAC(open(t, "ofac/sdn.csv"), open(t, "ofac/alt.csv"), open(t, "ofac/add.csv"))
	if err != nil {
		t.Fatal(err)
	}
	un, err := ParseUN(open(t, "un/consolidated.xml"))
	if err != nil {
		t.Fatal(err)
	}
	eu, err := ParseEU(open(t, "eu/sanctions.xml"))
	if err != nil {
		t.Fatal(err)
	}
	op, err := ParseCSV("pep", open(t, "csv/operator.csv"))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range []*List{ofac, un, eu, op} {
		all = append(all, l.Entries...)
	}
	return NewIndex(all)
}

func TestNormalizeName(t *testing.T) {
	for in, want := range map[string]string{
		"ZHANG, Xiaoming":       "zhang xiaoming",
		"张晓明":                   "zhang xiaoming",
		"欧阳振华":                  "ouyang zhenhua",
		"单田芳":                   "shan tianfang",
		"Dr. Ayman al-Zawahiri": "ayman zawahiri",
		"José María Ruiz Peña":  "jose maria ruiz pena",
		"Виктор Андреевич Соколов": "viktor andreevich sokolov",
		"O'BRIEN, Sean":      "obrien sean",
		"Hans-Jürgen Müller": "hans jurgen muller",
		"J. F. Kennedy":      "j f kennedy",
		"Usama BIN LADIN":    "usama ladin",
		"Al Ali":             "ali",
		"ماهر الأسد":         "ماهر الاسد",
		"Nguyễn Thị Hoa":     "nguyen thi hoa",
		"Łukasz Żółć":        "lukasz zolc",
		"Mr.":                "mr",
		// Du, Le, Di before a pinyin given name are Chinese family names;
		// before anything else the particles they are elsewhere.
		"Du Xiaoming":  "du xiaoming",
		"Le Jing":      "le jing",
		"Jean du Bois": "jean bois",
		"Du Bois":      "bois",
		"Di Maria":     "maria",
	} {
		var got []string
		for _, tk := range normalizeName(in) {
			got = append(got, tk.text)
		}
		if g := strings.Join(got, " "); g != want {
			t.Errorf("normalizeName(%q)=%q, want %q", in, g, want)
		}
	}
}

func TestJaroWinkler(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want float64
	}{
		{"martha", "marhta", 0.961}, {"dwayne", "duane", 0.840}, {"dixon", "dicksonx", 0.813},
		{"abc", "abc", 1}, {"abc", "xyz", 0}, {"", "a", 0}, {"соколов", "соколов", 1},
	} {
		if got := jaroWinkler(tc.a, tc.b); got < tc.want-0.001 || got > tc.want+0.001 {
			t.Errorf("jaroWinkler(%q, %q)=%.3f, want %.3f", tc.a, tc.b, got, tc.want)
		}
	}
}

// TestSearch covers each class of query the labelled set in bench/screening
// measures at scale.
func TestSearch(t *testing.T) {
	x := testIndex(t)
	for _, tc := range []struct {
		class string
		q     Query
		want  string // "list:id", or "" for no hit
	}{
		{"exact", Query{Name: "Khalid Mahmoud AL-RASHIDI"}, "ofac:10001"},
		{"exact", Query{Name: "Viktor Andreyevich Sokolov"}, "eu:13001"},
		{"alias", Query{Name: "Khaled Al Rasheedi"}, "ofac:10001"},
		{"alias", Query{Name: "Abu Hafs al-Najdi"}, "un:QDi.901"},
		{"one typo", Query{Name: "Mohammad Reza Nazzari"}, "ofac:10003"},
		{"one typo", Query{Name: "Dmitriy Kovalenko Sergeyevich"}, "ofac:10004"},
		{"two typos", Query{Name: "Chukwuemeka Daniel Okonkow"}, "ofac:10007"},
		{"missing middle name", Query{Name: "Chukwuemeka Okonkwo"}, "ofac:10007"},
		{"two typos", Query{Name: "Saeed Abdulah Husein Al-Qahtani"}, "un:QDi.901"},
		{"swapped", Query{Name: "Sokolov Viktor Andreyevich"}, "eu:13001"},
		{"swapped", Query{Name: "Xiaoming Zhang"}, "ofac:10005"},
		{"pinyin vs characters", Query{Name: "张晓明"}, "ofac:10005"},
		{"pinyin vs characters", Query{Name: "Ouyang Zhenhua"}, "pep:pep-002"},
		{"pinyin vs characters", Query{Name: "王俊峰"}, "eu:13010"},
		{"pinyin split given name", Query{Name: "Zhang Xiao Ming"}, "ofac:10005"},
		{"cyrillic", Query{Name: "Сергей Кузнецов Владимирович"}, "eu:13014"},
		{"arabic", Query{Name: "سعيد عبدالله حسين القحطاني"}, "un:QDi.901"},
		{"diacritics", Query{Name: "Ana Lucia Gonzalez Marquez"}, "pep:pep-006"},
		{"honorific", Query{Name: "Dr. Sean Patrick O'Brien"}, "ofac:10032"},
		{"document", Query{Name: "Somebody Else", DocumentNumber: "p 1183-9204"}, "ofac:10003"},
		{"unrelated", Query{Name: "John Smith"}, ""},
		{"unrelated", Query{Name: "Maria Garcia"}, ""},
		{"unrelated", Query{Name: "Wang Fang"}, ""},
		{"unrelated", Query{Name: "Mohammed Ali"}, ""},
		{"unrelated", Query{Name: "李娜"}, ""},
		{"unrelated", Query{Name: "Ivan Ivanov"}, ""},
	} {
		t.Run(tc.class+"/"+tc.q.Name, func(t *testing.T) {
			hits := x.Search(tc.q)
			if hits == nil {
				t.Fatal("Search returned nil")
			}
			if tc.want == "" {
				if len(hits) > 0 {
					t.Errorf("hits %v, want none", hits)
				}
				return
			}
			if len(hits) == 0 {
				t.Fatalf("no hit, want %s", tc.want)
			}
			if got := hits[0].List + ":" + hits[0].EntryID; got != tc.want {
				t.Errorf("best hit %s (%v), want %s", got, hits[0], tc.want)
			}
		})
	}
}

func TestSearchAdjustments(t *testing.T) {
	x := testIndex(t)
	base := x.Search(Query{Name: "Mohamad Reza Nazary", Threshold: 0.01})[0]
	dob := x.Search(Query{Name: "Mohamad Reza Nazary", DOB: Date{1962, 7, 4}, Threshold: 0.01})[0]
	wrong := x.Search(Query{Name: "Mohamad Reza Nazary", DOB: Date{1990, 1, 1}, Nationality: "FR", Threshold: 0.01})[0]
	nat := x.Search(Query{Name: "Mohamad Reza Nazary", Nationality: "Iran", Threshold: 0.01})[0]
	if !(dob.Score >= base.Score && nat.Score >= base.Score && wrong.Score < base.Score) {
		t.Errorf("scores base=%.3f dob=%.3f nationality=%.3f wrong=%.3f", base.Score, dob.Score, nat.Score, wrong.Score)
	}
	if h := x.Search(Query{Name: "Zhang Xiaoming", DocumentNumber: "E29384756"}); len(h) != 1 || h[0].Score != 1 || !h[0].DocumentMatch {
		t.Errorf("document match: %+v", h)
	}
	if h := x.Search(Query{Name: "Khalid Mahmoud AL-RASHIDI", Limit: 1, Threshold: 0.1}); len(h) != 1 {
		t.Errorf("Limit 1: %d hits", len(h))
	}
}

// TestSearchConcurrent runs searches in parallel; go test -race proves the
// index is safe for concurrent readers.
func TestSearchConcurrent(t *testing.T) {
	x := testIndex(t)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 50 {
				q := []string{"Khaled Al Rasheedi", "张晓明", "John Smith", "Sokolov Viktor"}[(g+i)%4]
				x.Search(Query{Name: q})
			}
		}()
	}
	wg.Wait()
}

func TestFindings(t *testing.T) {
	x := testIndex(t)
	hits := x.Search(Query{Name: "Khalid Mahmoud AL-RASHIDI"})
	fs := Findings(hits)
	if len(fs) != 1 {
		t.Fatalf("%d findings, want 1", len(fs))
	}
	f := fs[0]
	if err := reason.Check(f); err != nil {
		t.Fatal(err)
	}
	if f.Code != "screening.hit" || f.Severity != reason.Warning || f.Params["list"] != "ofac" || f.Params["entry_id"] != "10001" {
		t.Errorf("finding %+v", f)
	}
	for _, lang := range reason.Languages {
		msg := f.Localize(lang)
		if strings.Contains(strings.ToLower(msg.Message+msg.Fix), "ofac") || strings.Contains(msg.Message+msg.Fix, "10001") {
			t.Errorf("%s text reveals the list: %q %q", lang, msg.Message, msg.Fix)
		}
	}
	if fs := Findings(nil); fs == nil || len(fs) != 0 {
		t.Errorf("Findings(nil)=%v, want empty", fs)
	}
}

func ExampleIndex_Search() {
	x := NewIndex([]Entry{{ID: "1", List: "pep", Names: []string{"ZHANG, Wei", "张伟"}}})
	for _, h := range x.Search(Query{Name: "张伟"}) {
		fmt.Printf("%s %s %q %.2f\n", h.List, h.EntryID, h.MatchedName, h.Score)
	}
	fmt.Println(len(x.Search(Query{Name: "Li Na"})))
	// Output:
	// pep 1 "ZHANG, Wei" 1.00
	// 0
}

// TestJWBound: jwBound never falls below Jaro-Winkler, so skipping the
// pairs it puts under the threshold changes no score. Random tokens over a
// small alphabet (so that they share letters, repeats and prefixes) and
// the listed tokens against each other.
func TestJWBound(t *testing.T) {
	r := rand.New(rand.NewPCG(14, 3))
	word := func() string {
		b := make([]byte, 1+r.IntN(12))
		for i := range b {
			b[i] = "aeiknorsy-1"[r.IntN(11)]
		}
		return string(b)
	}
	check := func(a, b string) {
		ma, mb := letterMask(a), letterMask(b)
		if bound, jw := jwBound(a, ma, b, mb), jaroWinkler(a, b); float64(bound) < jw-1e-6 {
			t.Fatalf("jwBound(%q, %q) = %v < Jaro-Winkler %v", a, b, bound, jw)
		}
	}
	for range 200000 {
		check(word(), word())
	}
	var toks []string
	for _, v := range testIndex(t).vocab {
		if isASCII(v.text) {
			toks = append(toks, v.text)
		}
	}
	for range 200000 {
		check(toks[r.IntN(len(toks))], toks[r.IntN(len(toks))])
	}
}
