package main

import (
	"flag"
	"fmt"
	"hash/fnv"
	"path/filepath"
	"sort"

	"github.com/kycd/kycd/checks/screening"
)

func sortStrings(s []string) { sort.Strings(s) }

// split puts an entry (by its ID) or an ordinary name in the calibration
// half (0) or the held-out half (1), by hash: the same on every run, and
// unrelated to anything the matcher looks at.
func split(s string) int {
	h := fnv.New32a()
	h.Write([]byte("kycd-screening-split:" + s))
	return int(h.Sum32() % 2)
}

type query struct {
	text, expect, class string
}

// runHeldout measures kycd out of sample on the real OFAC snapshot: the
// index holds only each entry's primary name, the queries are the
// individuals' withheld aliases plus ordinary names that are not listed.
// Entries and ordinary names are split in two halves by hash: thresholds
// may be chosen on the calibration half only, and the held-out half is
// what gets reported.
func runHeldout(args []string) error {
	fs := flag.NewFlagSet("heldout", flag.ExitOnError)
	show := fs.String("show", "calibration", "which half to sweep: calibration or heldout")
	th := fs.Float64("threshold", screening.DefaultThreshold, "threshold for the per-class table")
	verbose := fs.Bool("v", false, "print misses and false hits of the shown half")
	fs.Parse(args)
	half := 0
	if *show == "heldout" {
		half = 1
	}
	dir, err := snapshotDir()
	if err != nil {
		return err
	}
	l, err := loadOFAC(filepath.Join(dir, "sdn.csv"))
	if err != nil {
		return err
	}
	primary := make([]screening.Entry, len(l.Entries))
	listed := map[string]bool{}
	for i, e := range l.Entries {
		primary[i] = e
		primary[i].Names = e.Names[:1]
		for _, n := range e.Names {
			listed[bagKey(n)] = true
		}
	}
	x := screening.NewIndex(primary)
	primaryName := map[string]string{}
	for _, e := range l.Entries {
		primaryName[e.List+":"+e.ID] = e.Names[0]
	}
	var qs []query
	for _, e := range l.Entries {
		if e.Type != screening.Individual || split(e.ID) != half {
			continue
		}
		p := bagKey(e.Names[0])
		for _, a := range e.Names[1:] {
			if bagKey(a) == p || !latin(a) {
				continue
			}
			qs = append(qs, query{displayName(a), e.List + ":" + e.ID, "alias"})
		}
	}
	for _, n := range ordinaryNames(1100, listed) {
		if split(n) == half {
			qs = append(qs, query{n, "", "ordinary"})
		}
	}
	fmt.Printf("OFAC snapshot, primary names indexed (%d entries); %s half: %d queries\n\n", len(primary), *show, len(qs))
	type res struct{ hits []screening.Hit }
	all := make([]res, len(qs))
	for i, q := range qs {
		all[i].hits = x.Search(screening.Query{Name: q.text, Threshold: 0.5})
	}
	eval := func(t float64, verbose bool) (recall, precision, fpRate float64, pos, ord int) {
		var found, hits, good, ordHit int
		for i, q := range qs {
			gotAny := false
			for _, h := range all[i].hits {
				if h.Score < t {
					continue
				}
				hits++
				gotAny = true
				if h.List+":"+h.EntryID == q.expect {
					good++
					found++
				} else if verbose {
					fmt.Printf("false hit %-8s %-40q -> %s %q %.3f\n", q.class, q.text, h.EntryID, h.MatchedName, h.Score)
				}
			}
			if q.expect != "" {
				pos++
				if verbose {
					ok := false
					for _, h := range all[i].hits {
						ok = ok || (h.Score >= t && h.List+":"+h.EntryID == q.expect)
					}
					if !ok {
						best := "below 0.5"
						for _, h := range all[i].hits {
							if h.List+":"+h.EntryID == q.expect {
								best = fmt.Sprintf("%.3f", h.Score)
							}
						}
						fmt.Printf("miss      %-40q want %s %q (%s)\n", q.text, q.expect, primaryName[q.expect], best)
					}
				}
			} else {
				ord++
				if gotAny {
					ordHit++
				}
			}
		}
		return ratio(found, pos), ratio(good, hits), float64(ordHit) / float64(max(ord, 1)), pos, ord
	}
	fmt.Printf("%-9s %7s %9s %12s\n", "threshold", "recall", "precision", "ordinary FP")
	for t := 0.78; t < 0.965; t += 0.02 {
		r, p, f, _, _ := eval(t, false)
		fmt.Printf("%-9.2f %7.3f %9.3f %11.1f%%\n", t, r, p, 100*f)
	}
	r, p, f, pos, ord := eval(*th, *verbose)
	fmt.Printf("\nat %.2f: alias queries %d recall %.3f, precision %.3f; ordinary names %d, %.1f%% hit\n", *th, pos, r, p, ord, 100*f)
	return nil
}
