package main

import (
	"encoding/csv"
	"flag"
	"math/rand/v2"
	"os"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kycd/kycd/checks/screening"
)

// Query classes of the labelled set.
const (
	classExact     = "exact"
	classAlias     = "alias"
	classTypo1     = "typo1"
	classTypo2     = "typo2"
	classSwapped   = "swapped"
	classPinyin    = "pinyin"
	classUnrelated = "unrelated"
)

// pinyinQueries are hand-written: the Latin spelling of a name listed in
// Chinese characters, or characters for a name listed in pinyin, written
// the ways people type them (split syllables, family name last).
var pinyinQueries = [][2]string{
	{"Zhang Xiao Ming", "ofac:10005"}, {"Xiaoming Zhang", "ofac:10005"}, {"张晓明", "ofac:10005"},
	{"Li Fang Wei", "ofac:10006"}, {"李方伟", "ofac:10006"}, {"Fangwei Li", "ofac:10006"},
	{"王建国", "ofac:10016"}, {"Wang Jian Guo", "ofac:10016"},
	{"陈国强", "ofac:10021"}, {"Guoqiang Chen", "ofac:10021"},
	{"朱海林", "eu:13009"}, {"Hailin Zhu", "eu:13009"}, {"王俊峰", "eu:13010"}, {"Junfeng Wang", "eu:13010"},
	{"刘洋", "pep:pep-001"}, {"欧阳振华", "pep:pep-002"}, {"Ouyang Zhen Hua", "pep:pep-002"}, {"Zhenhua Ouyang", "pep:pep-002"},
	{"陈美玲", "pep:pep-003"}, {"Chen Mei Ling", "pep:pep-003"},
	{"周家伟", "internal:int-001"}, {"Jiawei Zhou", "internal:int-001"},
	{"黄文杰", "internal:int-005"}, {"Wenjie Huang", "internal:int-005"},
	{"司马强", "internal:int-008"}, {"Qiang Sima", "internal:int-008"},
}

// unrelated are common names of the regions the lists cover, some sharing
// a token with a listed name, none of them listed: every hit is a false
// positive.
var unrelated = []string{
	"John Smith", "Mary Johnson", "Michael Brown", "Jennifer Davis", "David Wilson", "Sarah Miller",
	"Maria Garcia", "Jose Rodriguez", "Juan Martinez", "Ana Silva", "Carlos Hernandez", "Luis Gonzalez",
	"Wang Fang", "Li Na", "Zhang Min", "Liu Wei", "Chen Jing", "Wang Wei", "Li Qiang", "Zhang Lei",
	"Yang Yang", "Zhao Li", "Huang Min", "Zhou Hui", "王芳", "李娜", "张敏", "刘伟", "陈静",
	"Mohammed Ali", "Ahmed Hassan", "Fatima Khan", "Omar Abdullah", "Ali Reza Ahmadi", "Hassan Ali Khan",
	"Abdul Rahman", "Mustafa Yilmaz", "Mehmet Kaya", "Ayesha Siddiqui", "Yusuf Ahmed", "Khalid Hussain",
	"Ivan Ivanov", "Olga Petrova", "Sergei Smirnov", "Natalia Ivanova", "Dmitri Popov", "Anna Kuznetsova",
	"Иван Иванов", "Ольга Петрова", "Nguyen Van An", "Tran Thi Mai", "Kim Min-jun", "Park Seo-yeon",
	"Lee Ji-woo", "Priya Patel", "Rahul Sharma", "Amit Kumar", "Emma Muller", "Hans Schmidt",
	"Pierre Martin", "Sophie Dubois", "Yuki Tanaka", "Hiroshi Sato", "Aisha Bello", "Chinedu Okafor",
	"Kwame Mensah", "Oluwaseun Adeyemi", "Giulia Rossi", "Marco Bianchi", "Jan Kowalski", "Eva Novak",
	"محمد علي", "أحمد حسن",
}

// runLabel writes labelled.csv: for every listed name, the exact name, each
// alias, a one-letter and a two-letter typo, and the tokens reversed; the
// hand-written pinyin queries; and the unrelated names. The random edits
// are seeded, so the file is reproducible.
func runLabel(args []string) error {
	fs := flag.NewFlagSet("label", flag.ExitOnError)
	out := fs.String("out", "labelled.csv", "output file")
	fs.Parse(args)
	entries, err := testEntries()
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(7, 7))
	rows := [][]string{{"class", "query", "expect"}}
	for _, e := range entries {
		want := e.List + ":" + e.ID
		primary := displayName(e.Names[0])
		rows = append(rows, []string{classExact, primary, want})
		for _, a := range e.Names[1:] {
			rows = append(rows, []string{classAlias, displayName(a), want})
		}
		if !latin(primary) {
			continue
		}
		if q, ok := typo(rng, primary, 1); ok {
			rows = append(rows, []string{classTypo1, q, want})
		}
		if q, ok := typo(rng, primary, 2); ok {
			rows = append(rows, []string{classTypo2, q, want})
		}
		if f := strings.Fields(primary); len(f) > 1 {
			for i, j := 0, len(f)-1; i < j; i, j = i+1, j-1 {
				f[i], f[j] = f[j], f[i]
			}
			rows = append(rows, []string{classSwapped, strings.Join(f, " "), want})
		}
	}
	for _, p := range pinyinQueries {
		rows = append(rows, []string{classPinyin, p[0], p[1]})
	}
	for _, u := range unrelated {
		rows = append(rows, []string{classUnrelated, u, ""})
	}
	f, err := os.Create(*out)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	w.WriteAll(rows)
	if err := w.Error(); err != nil {
		return err
	}
	return f.Close()
}

// displayName turns OFAC's "SURNAME, Given" into "Given SURNAME", the way
// an applicant types it.
func displayName(s string) string {
	if a, b, ok := strings.Cut(s, ", "); ok && !strings.Contains(b, ",") {
		return b + " " + a
	}
	return s
}

func latin(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && r > unicode.MaxLatin1 {
			return false
		}
	}
	return true
}

// typo applies n random edits (substitution, deletion, insertion,
// transposition) to tokens of four letters or more, never the first letter
// (people rarely get that wrong), and at most one edit per token when the
// name has enough tokens.
func typo(rng *rand.Rand, s string, n int) (string, bool) {
	f := strings.Fields(s)
	var long []int
	for i, t := range f {
		if utf8.RuneCountInString(t) >= 4 {
			long = append(long, i)
		}
	}
	if len(long) == 0 {
		return "", false
	}
	rng.Shuffle(len(long), func(i, j int) { long[i], long[j] = long[j], long[i] })
	for k := range n {
		i := long[k%len(long)]
		r := []rune(f[i])
		p := 1 + rng.IntN(len(r)-1)
		c := rune('a' + rng.IntN(26))
		if unicode.IsUpper(r[p]) {
			c = unicode.ToUpper(c)
		}
		switch rng.IntN(4) {
		case 0:
			r[p] = c
		case 1:
			r = append(r[:p], r[p+1:]...)
		case 2:
			r = append(r[:p], append([]rune{c}, r[p:]...)...)
		default:
			if p+1 < len(r) {
				r[p], r[p+1] = r[p+1], r[p]
			} else {
				r[p] = c
			}
		}
		f[i] = string(r)
	}
	return strings.Join(f, " "), true
}

// sanity: the screening import is used by testEntries' callers too.
var _ = screening.DefaultThreshold
