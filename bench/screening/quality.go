package main

import (
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"sort"

	"github.com/kycd/kycd/checks/screening"
)

type labelled struct {
	class, query, expect string
}

func readLabelled(path string) ([]labelled, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, err
	}
	var out []labelled
	for _, r := range rows[1:] {
		out = append(out, labelled{r[0], r[1], r[2]})
	}
	return out, nil
}

// counts accumulates one class's confusion figures. Precision counts hits:
// a hit on the expected entry is true, any other hit false. Recall counts
// queries with an expected entry among their hits.
type counts struct {
	queries, positives, found, hits, goodHits int
}

func (c counts) recall() float64    { return ratio(c.found, c.positives) }
func (c counts) precision() float64 { return ratio(c.goodHits, c.hits) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func runQuality(args []string) error {
	fs := flag.NewFlagSet("quality", flag.ExitOnError)
	path := fs.String("set", "labelled.csv", "labelled query set")
	threshold := fs.Float64("threshold", screening.DefaultThreshold, "hit threshold")
	sweep := fs.Bool("sweep", false, "also print precision and recall for thresholds 0.70-0.95")
	verbose := fs.Bool("v", false, "print every miss and false hit")
	fs.Parse(args)
	set, err := readLabelled(*path)
	if err != nil {
		return err
	}
	entries, err := testEntries()
	if err != nil {
		return err
	}
	x := screening.NewIndex(entries)
	eval := func(th float64, verbose bool) (map[string]*counts, counts) {
		by := map[string]*counts{}
		var all counts
		for _, l := range set {
			c := by[l.class]
			if c == nil {
				c = &counts{}
				by[l.class] = c
			}
			hits := x.Search(screening.Query{Name: l.query, Threshold: th})
			var q counts
			q.queries = 1
			if l.expect != "" {
				q.positives = 1
			}
			for _, h := range hits {
				q.hits++
				if h.List+":"+h.EntryID == l.expect {
					q.goodHits++
					q.found = 1
				} else if verbose {
					fmt.Printf("false hit  %-10s %-40q -> %s:%s %q %.3f\n", l.class, l.query, h.List, h.EntryID, h.MatchedName, h.Score)
				}
			}
			if verbose && q.positives == 1 && q.found == 0 {
				best := x.Search(screening.Query{Name: l.query, Threshold: 0.01, Limit: 1})
				fmt.Printf("miss       %-10s %-40q want %s; best %v\n", l.class, l.query, l.expect, best)
			}
			for _, d := range []*counts{c, &all} {
				d.queries += q.queries
				d.positives += q.positives
				d.found += q.found
				d.hits += q.hits
				d.goodHits += q.goodHits
			}
		}
		return by, all
	}
	by, all := eval(*threshold, *verbose)
	fmt.Printf("kycd on %s, threshold %.2f\n\n%-10s %7s %9s %7s %9s\n", *path, *threshold, "class", "queries", "positive", "recall", "precision")
	classes := make([]string, 0, len(by))
	for k := range by {
		classes = append(classes, k)
	}
	sort.Strings(classes)
	for _, k := range classes {
		c := by[k]
		fmt.Printf("%-10s %7d %9d %7.3f %9.3f\n", k, c.queries, c.positives, c.recall(), c.precision())
	}
	fmt.Printf("%-10s %7d %9d %7.3f %9.3f\n", "all", all.queries, all.positives, all.recall(), all.precision())
	if *sweep {
		fmt.Printf("\n%-9s %7s %9s\n", "threshold", "recall", "precision")
		for th := 0.70; th < 0.96; th += 0.02 {
			_, a := eval(th, false)
			fmt.Printf("%-9.2f %7.3f %9.3f\n", th, a.recall(), a.precision())
		}
	}
	return nil
}
