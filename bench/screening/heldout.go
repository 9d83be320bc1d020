package main

import (
	"encoding/csv"
	"flag"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

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
	// ofac is OFAC's own marking of the alias: aka, fka, nka from alt.csv,
	// or weak for the low-quality a.k.a.s OFAC publishes only in remarks.
	ofac string
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
	only := fs.String("class", "", "with -v: print only queries of this class (variant, fewer, more, partial, other, ordinary)")
	weak := fs.Bool("weak", true, "also query OFAC's weak aliases (from the remarks; never indexed)")
	probe := fs.String("q", "", "print the best five entries for this one query against the primary-name index, and stop")
	fs.Parse(args)
	half := 0
	if *show == "heldout" {
		half = 1
	}
	dir, l, err := loadSnapshot()
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
	if *probe != "" {
		for _, h := range x.Search(screening.Query{Name: *probe, Threshold: 0.01, Limit: 5}) {
			fmt.Printf("%s %q %.3f %v\n", h.EntryID, h.Name, h.Score, h.Matches)
		}
		return nil
	}
	primaryName := map[string]string{}
	for _, e := range l.Entries {
		primaryName[e.List+":"+e.ID] = e.Names[0]
	}
	marks, weakAKAs, err := ofacMarks(dir)
	if err != nil {
		return err
	}
	var qs []query
	for _, e := range l.Entries {
		if e.Type != screening.Individual || split(e.ID) != half {
			continue
		}
		p := bagKey(e.Names[0])
		seen := map[string]bool{p: true}
		for _, a := range e.Names[1:] {
			if seen[bagKey(a)] || !latin(a) {
				continue
			}
			seen[bagKey(a)] = true
			mark := marks[e.ID+"|"+bagKey(a)]
			if mark == "" {
				mark = "aka"
			}
			qs = append(qs, query{displayName(a), e.List + ":" + e.ID, aliasClass(a, e.Names[0]), mark})
		}
		if *weak {
			for _, a := range weakAKAs[e.ID] {
				if seen[bagKey(a)] || !latin(a) || len(classTokens(a)) == 0 {
					continue
				}
				seen[bagKey(a)] = true
				qs = append(qs, query{displayName(a), e.List + ":" + e.ID, aliasClass(a, e.Names[0]), "weak"})
			}
		}
	}
	// An ordinary name may still be a listed person's name with the middle
	// name or patronymic left out (Sergey Ivanov for IVANOV, Sergey
	// Borisovich). Those whose every token is, letter for letter, a token
	// of one listed individual's name are counted apart as "sub-names": a
	// screening system should send them to review.
	byToken := map[string][]map[string]bool{}
	for _, e := range l.Entries {
		if e.Type != screening.Individual {
			continue
		}
		for _, n := range e.Names {
			set := map[string]bool{}
			for _, t := range classTokens(n) {
				set[t] = true
			}
			for t := range set {
				byToken[t] = append(byToken[t], set)
			}
		}
	}
	subName := func(q string) bool {
		t := classTokens(q)
		if len(t) == 0 {
			return false
		}
	names:
		for _, set := range byToken[t[0]] {
			for _, u := range t {
				if !set[u] {
					continue names
				}
			}
			return true
		}
		return false
	}
	for _, n := range ordinaryNames(1100, listed) {
		if split(n) == half {
			c := "ordinary"
			if subName(n) {
				c = "subname"
			}
			qs = append(qs, query{n, "", c, ""})
		}
	}
	fmt.Printf("OFAC snapshot, primary names indexed (%d entries); %s half: %d queries\n\n", len(primary), *show, len(qs))
	type res struct{ hits []screening.Hit }
	all := make([]res, len(qs))
	for i, q := range qs {
		all[i].hits = x.Search(screening.Query{Name: q.text, Threshold: 0.5})
	}
	var plainRate float64 // the ordinary-name hit rate without the sub-names, of the last eval
	var otherRate float64 // the ordinary-name rate of hits on someone not their namesake, of the last eval
	eval := func(t float64, verbose bool, keep func(query) bool) (recall, precision, fpRate float64, pos, ord int) {
		var found, hits, good, ordHit, plain, plainHit, otherHit int
		for i, q := range qs {
			if !keep(q) {
				continue
			}
			verbose := verbose && (*only == "" || *only == q.class)
			gotAny, other := false, false
			for _, h := range all[i].hits {
				if h.Score < t {
					continue
				}
				hits++
				gotAny = true
				other = other || !namesake(h)
				if h.List+":"+h.EntryID == q.expect {
					good++
					found++
				} else if verbose {
					fmt.Printf("false hit %-8s %-40q -> %s %q %.3f %v\n", q.class, q.text, h.EntryID, h.MatchedName, h.Score, h.Matches)
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
				if other {
					otherHit++
				}
				if q.class == "ordinary" {
					plain++
					if gotAny {
						plainHit++
					}
				}
			}
		}
		plainRate = float64(plainHit) / float64(max(plain, 1))
		otherRate = float64(otherHit) / float64(max(ord, 1))
		return ratio(found, pos), ratio(good, hits), float64(ordHit) / float64(max(ord, 1)), pos, ord
	}
	strong := func(q query) bool { return q.ofac != "weak" }
	fmt.Printf("OFAC's alt.csv aliases (aka, fka, nka) and ordinary names\n")
	fmt.Printf("%-9s %7s %9s %12s %10s   %s\n", "threshold", "recall", "precision", "ordinary FP", "w/o subn.", "variant class: recall precision")
	isVariant := func(q query) bool { return q.class == classVariant || q.expect == "" }
	for t := 0.78; t < 0.965; t += 0.02 {
		r, p, f, _, _ := eval(t, false, strong)
		pf := plainRate
		vr, vp, _, _, _ := eval(t, false, isVariant)
		fmt.Printf("%-9.2f %7.3f %9.3f %11.1f%% %9.1f%%   %.3f %.3f\n", t, r, p, 100*f, 100*pf, vr, vp)
	}
	fmt.Printf("\nat %.2f, by class (rule in aliasclass.go; precision counts the class's own hits)\n", *th)
	fmt.Printf("%-10s %7s %7s %9s\n", "class", "queries", "recall", "precision")
	row := func(name string, keep func(query) bool) {
		r, p, _, pos, _ := eval(*th, false, keep)
		fmt.Printf("%-10s %7d %7.3f %9.3f\n", name, pos, r, p)
	}
	for _, c := range aliasClasses {
		row(c, func(q query) bool { return strong(q) && q.class == c })
	}
	fmt.Printf("by OFAC's marking\n")
	for _, m := range []string{"aka", "fka", "nka", "weak"} {
		row(m, func(q query) bool { return q.ofac == m })
	}
	fmt.Printf("weak, variant class only\n")
	row("weak var.", func(q query) bool { return q.ofac == "weak" && q.class == classVariant })
	r, p, f, pos, ord := eval(*th, *verbose, strong)
	subn := 0
	for _, q := range qs {
		if q.class == "subname" {
			subn++
		}
	}
	fmt.Printf("\nat %.2f: alias queries %d recall %.3f, precision %.3f; ordinary names %d, %.1f%% hit (%.1f%% of the %d that are no listed person's sub-name; %.1f%% hit someone not their namesake, see written.go)\n", *th, pos, r, p, ord, 100*f, 100*plainRate, ord-subn, 100*otherRate)
	if *verbose {
		eval(*th, true, func(q query) bool { return q.ofac == "weak" })
	}
	return nil
}

// ofacMarks reads OFAC's own marking of each alias from the snapshot:
// alt.csv's alt_type (aka, fka, nka) keyed by entry and name, and the
// weak ("low quality") a.k.a.s, which OFAC prints only inside the SDN
// remarks as a.k.a. 'NAME' and which kycd does not index.
func ofacMarks(dir string) (map[string]string, map[string][]string, error) {
	marks := map[string]string{}
	rows, err := readCSV(filepath.Join(dir, "alt.csv"))
	if err != nil {
		return nil, nil, err
	}
	for _, r := range rows {
		if len(r) >= 4 {
			marks[strings.TrimSpace(r[0])+"|"+bagKey(r[3])] = strings.Trim(strings.TrimSpace(r[2]), `"`)
		}
	}
	weak := map[string][]string{}
	rows, err = readCSV(filepath.Join(dir, "sdn.csv"))
	if err != nil {
		return nil, nil, err
	}
	for _, r := range rows {
		if len(r) < 12 {
			continue
		}
		for _, m := range weakAKA.FindAllStringSubmatch(r[11], -1) {
			weak[strings.TrimSpace(r[0])] = append(weak[strings.TrimSpace(r[0])], m[1])
		}
	}
	return marks, weak, nil
}

// weakAKA is how a weak alias appears in the remarks; the name may hold
// apostrophes (ABU-'UMAR), so it ends at a quote followed by ; . or the end.
var weakAKA = regexp.MustCompile(`a\.k\.a\. '(.+?)'(?:[;.]|$)`)

func readCSV(path string) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	var out [][]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			continue
		}
		out = append(out, rec)
	}
}
