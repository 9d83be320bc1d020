package main

import (
	"bufio"
	"flag"
	"fmt"
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
	fs.Parse(args)
	_, l, err := loadSnapshot()
	if err != nil {
		return err
	}
	x := screening.NewIndex(l.Entries)
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
		qs = append(qs, wq{p[0], p[1], p[2], x.Search(screening.Query{Name: p[1], Threshold: 0.5, Individuals: *people})})
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
	eval := func(t float64, class string, verbose bool) (n int, recall, precision float64, unlisted [2]int) {
		var found, hits, good int
		for _, q := range qs {
			if class != "" && q.class != class {
				continue
			}
			if q.id == "" {
				unlisted[1]++
				hit := false
				for _, h := range q.hits {
					if h.Score >= t {
						hits++
						hit = true
						if verbose {
							fmt.Printf("false hit %-9s %-40q -> %s %q %.3f (not listed)\n", q.class, q.text, h.EntryID, h.MatchedName, h.Score)
						}
					}
				}
				if hit {
					unlisted[0]++
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
	return nil
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}
