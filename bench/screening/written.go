package main

import (
	"bufio"
	"flag"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"strings"

	"github.com/kycd/kycd/checks/screening"
)

// runWritten measures kycd on a hand-written set (testdata/written.tsv
// unless -file names another, such as testdata/written2.tsv): queries of
// the kinds issue 14 lists, against the whole OFAC snapshot (primary
// names and aliases indexed, as in production). The set was written
// without looking at kycd's answers and nothing is tuned on it. A line
// whose ent_num is empty is a name that is not listed (written3.tsv has
// such lines): any hit on it is false, and the table reports how many
// of them hit beside recall and precision.
func runWritten(args []string) error {
	fs := flag.NewFlagSet("written", flag.ExitOnError)
	th := fs.Float64("threshold", screening.DefaultThreshold, "threshold for the per-class table")
	verbose := fs.Bool("v", false, "print every miss and false hit")
	file := fs.String("file", "testdata/written.tsv", "the set: class<TAB>query<TAB>OFAC ent_num lines")
	// Every query of every set run here is a person's name (written*.tsv
	// name listed individuals or people in the news, ordinary*.tsv everyday
	// names), as at submission, which screens with Query.Individuals.
	people := fs.Bool("individuals", true, "search only entries that can be a person (Query.Individuals), as kycd does at submission; false screens every type, as POST /v1/screening")
	dob := fs.Bool("dob", false, "give each unlisted query a made-up birth date (madeUpDOB), as an applicant's document gives one: namesakes of listed people born in other years drop out")
	probe := fs.String("q", "", "print the best five entries for this one query (whole snapshot, -individuals as set) with their matches, and stop")
	fs.Parse(args)
	_, l, err := loadSnapshot()
	if err != nil {
		return err
	}
	x := screening.NewIndex(l.Entries)
	if *probe != "" {
		for _, h := range x.Search(screening.Query{Name: *probe, Threshold: 0.01, Limit: 5, Individuals: *people}) {
			fmt.Printf("%s %q %.3f %v\n", h.EntryID, h.MatchedName, h.Score, h.Matches)
		}
		return nil
	}
	names := map[string][]string{}
	types := map[string]screening.EntryType{}
	for _, e := range l.Entries {
		names[e.ID], types[e.ID] = e.Names, e.Type
	}
	f, err := os.Open(*file)
	if err != nil {
		return err
	}
	defer f.Close()
	type wq struct {
		class, text, id string
		hits            []screening.Hit
	}
	var qs []wq
	var classes []string
	exact := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		p := strings.Split(line, "\t")
		if len(p) != 3 {
			return fmt.Errorf("%s: bad line %q", *file, line)
		}
		if p[2] != "" && names[p[2]] == nil {
			return fmt.Errorf("%s: no entry %s", *file, p[2])
		}
		if *people && p[2] != "" && types[p[2]] != screening.Individual {
			return fmt.Errorf("%s: entry %s is of type %q, not a person: run with -individuals=false", *file, p[2], types[p[2]])
		}
		// A query that is exactly one of the entry's listed names (any
		// order) tests nothing out of sample; it is counted and left out.
		listed := false
		for _, n := range names[p[2]] { // none for an unlisted name
			listed = listed || bagKey(n) == bagKey(p[1])
		}
		if listed && latin(p[1]) {
			exact++
			continue
		}
		if !contains(classes, p[0]) {
			classes = append(classes, p[0])
		}
		q := screening.Query{Name: p[1], Threshold: 0.5, Individuals: *people}
		if *dob && p[2] == "" {
			q.DOB = madeUpDOB(p[1])
		}
		qs = append(qs, wq{p[0], p[1], p[2], x.Search(q)})
	}
	if err := sc.Err(); err != nil {
		return err
	}
	only := "every entry type"
	if *people {
		only = "individuals only"
	}
	fmt.Printf("%s: %d queries (%d left out: exactly a listed name of their entry), whole OFAC snapshot indexed (%d entries), %s\n\n", filepath.Base(*file), len(qs), exact, len(l.Entries), only)
	// n and recall count listed people only; precision counts every hit,
	// those on unlisted names included; unlisted says how many unlisted
	// names hit at all, of how many.
	eval := func(t float64, class string, verbose bool) (n int, recall, precision float64, unlisted [3]int) {
		var found, hits, good int
		for _, q := range qs {
			if class != "" && q.class != class {
				continue
			}
			if q.id == "" {
				unlisted[1]++
				hit, other := false, false
				for _, h := range q.hits {
					if h.Score >= t {
						hits++
						hit = true
						mark := "not listed"
						if namesake(h) {
							mark = "not listed; namesake"
						} else {
							other = true
						}
						if verbose {
							fmt.Printf("false hit %-9s %-40q -> %s %q %.3f (%s)\n", q.class, q.text, h.EntryID, h.MatchedName, h.Score, mark)
						}
					}
				}
				if hit {
					unlisted[0]++
				}
				if other {
					unlisted[2]++
				}
				continue
			}
			n++
			ok := false
			best := "below 0.5"
			for _, h := range q.hits {
				if h.EntryID == q.id {
					best = fmt.Sprintf("%.3f", h.Score)
				}
				if h.Score < t {
					continue
				}
				hits++
				if h.EntryID == q.id {
					good++
					ok = true
				} else if verbose {
					fmt.Printf("false hit %-9s %-40q -> %s %q %.3f\n", q.class, q.text, h.EntryID, h.MatchedName, h.Score)
				}
			}
			if ok {
				found++
			} else if verbose {
				fmt.Printf("miss      %-9s %-40q want %s %q (%s)\n", q.class, q.text, q.id, names[q.id][0], best)
			}
		}
		return n, ratio(found, n), ratio(good, hits), unlisted
	}
	fmt.Printf("%-9s %7s %9s %9s\n", "threshold", "recall", "precision", "unlisted")
	for t := 0.78; t < 0.965; t += 0.02 {
		_, r, p, u := eval(t, "", false)
		fmt.Printf("%-9.2f %7.3f %9.3f %4d of %d\n", t, r, p, u[0], u[1])
	}
	fmt.Printf("\nat %.2f by class (unlisted: names not on the list that hit)\n%-10s %7s %7s %9s %9s\n", *th, "class", "queries", "recall", "precision", "unlisted")
	for _, c := range classes {
		n, r, p, u := eval(*th, c, false)
		if n == 0 { // a class of unlisted names has no recall to speak of
			fmt.Printf("%-10s %7d %7s %9.3f %4d of %d\n", c, n, "-", p, u[0], u[1])
			continue
		}
		fmt.Printf("%-10s %7d %7.3f %9.3f %4d of %d\n", c, n, r, p, u[0], u[1])
	}
	n, r, p, u := eval(*th, "", *verbose)
	fmt.Printf("%-10s %7d %7.3f %9.3f %4d of %d\n", "all", n, r, p, u[0], u[1])
	fmt.Printf("\nat %.2f: %d of %d unlisted names hit (%.1f %%); %d (%.1f %%) hit someone not their namesake (namesake: every matched token the listed one, a known spelling of it or one letter apart; see namesake)\n",
		*th, u[0], u[1], 100*ratio(u[0], u[1]), u[2], 100*ratio(u[2], u[1]))
	return nil
}

// namesake reports whether a hit on an unlisted name is on a person of
// that very name, as far as the query gives it: every token match exact,
// a known spelling of the same name (a shared knowledge key at 0.92 or
// more) or one letter apart (spelling at 0.95 or more), two tokens or more
// matched unless the query is one token; listed middle names and
// patronymics the query does not give may be left. Such a hit is a true screening
// hit (review must see it; only a birth date tells them apart), so the
// ordinary-name rate is given with and without them.
func namesake(h screening.Hit) bool {
	n := 0
	for _, m := range h.Matches {
		if m.How != "exact" && !(m.How == "variant" && m.Score >= 0.92) && !(m.How == "spelling" && m.Score >= 0.95) {
			return false
		}
		n += len(strings.Fields(m.Query))
	}
	return n >= 2 || n == 1 && len(h.Matches) == 1 && !strings.Contains(h.MatchedName, " ")
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// madeUpDOB is a birth date for an unlisted name, derived from the name
// by hash so every run gives the same: a day between 1950 and 2005, the
// years of most applicants (and of most listed people, so the date is no
// easier to tell apart than a real one).
func madeUpDOB(name string) screening.Date {
	h := fnv.New32a()
	h.Write([]byte("kycd-dob:" + name))
	v := int(h.Sum32())
	return screening.Date{Year: 1950 + v%56, Month: 1 + v/56%12, Day: 1 + v/672%28}
}
