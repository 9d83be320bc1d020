package main

import (
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/kycd/kycd/checks/screening"
	"github.com/moov-io/watchman/pkg/download"
	"github.com/moov-io/watchman/pkg/search"
	"github.com/moov-io/watchman/pkg/sources/ofac"
)

// snapshotDir finds the OFAC snapshot in watchman's module in the module
// cache; it is read in place and never copied into this repository.
func snapshotDir() (string, error) {
	out, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		return "", err
	}
	dir := filepath.Join(strings.TrimSpace(string(out)), "github.com/moov-io/watchman@v0.60.0/pkg/sources/ofac/testdata")
	if _, err := os.Stat(filepath.Join(dir, "sdn.csv")); err != nil {
		return "", fmt.Errorf("%w (run go mod download in this module first)", err)
	}
	return dir, nil
}

// loadSnapshot finds the OFAC snapshot and parses it with kycd's own
// parser: what the out-of-sample harnesses (heldout, written) start from.
func loadSnapshot() (string, *screening.List, error) {
	dir, err := snapshotDir()
	if err != nil {
		return "", nil, err
	}
	l, err := loadOFAC(filepath.Join(dir, "sdn.csv"))
	return dir, l, err
}

func loadWatchman(dir string) ([]search.Entity[search.Value], error) {
	files := download.Files{}
	for _, n := range []string{"sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"} {
		f, err := os.Open(filepath.Join(dir, n))
		if err != nil {
			return nil, err
		}
		files[n] = f
	}
	defer files.Close()
	res, err := ofac.Read(files)
	if err != nil {
		return nil, err
	}
	ents := ofac.GroupIntoEntities(res.SDNs, res.Addresses, res.SDNComments, res.AlternateIdentities)
	for i := range ents {
		ents[i] = ents[i].Normalize()
	}
	return ents, nil
}

// realQueries builds a labelled set from the real list: for randomly
// chosen individuals, the name as an applicant writes it, an alias, one
// and two typos and the reversed order; plus the unrelated names.
func realQueries(entries []screening.Entry, n int) []labelled {
	r := rand.New(rand.NewPCG(11, 11))
	var people []screening.Entry
	for _, e := range entries {
		if e.Type == screening.Individual {
			people = append(people, e)
		}
	}
	var out []labelled
	for range n {
		e := people[r.IntN(len(people))]
		want := e.List + ":" + e.ID
		name := displayName(e.Names[0])
		out = append(out, labelled{classExact, name, want})
		if len(e.Names) > 1 {
			out = append(out, labelled{classAlias, displayName(e.Names[1+r.IntN(len(e.Names)-1)]), want})
		}
		if q, ok := typo(r, name, 1); ok {
			out = append(out, labelled{classTypo1, q, want})
		}
		if q, ok := typo(r, name, 2); ok {
			out = append(out, labelled{classTypo2, q, want})
		}
		if f := strings.Fields(name); len(f) > 1 {
			for i, j := 0, len(f)-1; i < j; i, j = i+1, j-1 {
				f[i], f[j] = f[j], f[i]
			}
			out = append(out, labelled{classSwapped, strings.Join(f, " "), want})
		}
	}
	for _, u := range unrelated {
		out = append(out, labelled{classUnrelated, u, ""})
	}
	return out
}

// scored is one system's answer to one query: every listed ID with its
// score, best first, so thresholds can be swept without re-running.
type scored struct {
	ids    []string
	scores []float64
}

func runWatchman(args []string) error {
	fs := flag.NewFlagSet("watchman", flag.ExitOnError)
	people := fs.Int("people", 200, "listed individuals to derive queries from")
	speedN := fs.Int("speed-queries", 300, "queries for the watchman speed run (it scans the whole list per query)")
	workers := fs.Int("workers", 2, "concurrent searches")
	kycdOnly := fs.Bool("kycd-only", false, "skip watchman (quick threshold tuning)")
	showFP := fs.Bool("v", false, "print kycd's hits on the unrelated names and its misses")
	fs.Parse(args)
	dir, err := snapshotDir()
	if err != nil {
		return err
	}
	fmt.Printf("snapshot: %s\n", dir)

	t := time.Now()
	l, err := loadOFAC(filepath.Join(dir, "sdn.csv"))
	if err != nil {
		return err
	}
	x := screening.NewIndex(l.Entries)
	names := 0
	for _, e := range l.Entries {
		names += len(e.Names)
	}
	fmt.Printf("kycd:     %d entries, %d names; parse+index %v\n", len(l.Entries), names, time.Since(t).Round(time.Millisecond))
	var ents []search.Entity[search.Value]
	if !*kycdOnly {
		t = time.Now()
		if ents, err = loadWatchman(dir); err != nil {
			return err
		}
		fmt.Printf("watchman: %d entities; read+group+normalize %v\n", len(ents), time.Since(t).Round(time.Millisecond))
	}

	set := realQueries(l.Entries, *people)
	fmt.Printf("labelled set from the snapshot: %d queries (%d people, seed 11)\n\n", len(set), *people)

	kycdSearch := func(q string) scored {
		var s scored
		for _, h := range x.Search(screening.Query{Name: q, Threshold: 0.5}) {
			s.ids = append(s.ids, "ofac:"+h.EntryID)
			s.scores = append(s.scores, h.Score)
		}
		return s
	}
	wmSearch := func(q string) scored {
		query := search.Entity[search.Value]{Name: q, Type: search.EntityPerson, Person: &search.Person{Name: q}}.Normalize()
		type res struct {
			id string
			s  float64
		}
		var rs []res
		for i := range ents {
			if s := search.Similarity(query, ents[i]); s >= 0.5 {
				rs = append(rs, res{"ofac:" + ents[i].SourceID, s})
			}
		}
		sort.Slice(rs, func(i, j int) bool { return rs[i].s > rs[j].s })
		var out scored
		for _, r := range rs {
			out.ids = append(out.ids, r.id)
			out.scores = append(out.scores, r.s)
		}
		return out
	}

	if *showFP {
		byID := map[string]screening.Entry{}
		for _, e := range l.Entries {
			byID["ofac:"+e.ID] = e
		}
		for _, q := range set {
			hits := x.Search(screening.Query{Name: q.query})
			if q.class == classUnrelated {
				for _, h := range hits {
					fmt.Printf("unrelated %-20q -> %s %q (matched %q) %.3f\n", q.query, h.EntryID, h.Name, h.MatchedName, h.Score)
				}
				continue
			}
			found := false
			for _, h := range hits {
				found = found || "ofac:"+h.EntryID == q.expect
			}
			if !found {
				fmt.Printf("miss %-8s %-40q want %s %q\n", q.class, q.query, q.expect, byID[q.expect].Names)
			}
		}
		return nil
	}

	// Speed: the same query strings for both, on the same number of workers.
	qs := make([]string, len(set))
	for i, l := range set {
		qs[i] = l.query
	}
	rand.New(rand.NewPCG(5, 5)).Shuffle(len(qs), func(i, j int) { qs[i], qs[j] = qs[j], qs[i] })
	kr := runMeasured(qs, *workers, func(q string) int { return len(kycdSearch(q).ids) })
	if *kycdOnly {
		fmt.Printf("  kycd:     %s\n\n", kr)
		ka := make([]scored, len(set))
		for i, l := range set {
			ka[i] = kycdSearch(l.query)
		}
		report(os.Stdout, "kycd", set, ka, []float64{0.70, 0.72, 0.74, 0.76, 0.78, 0.80, 0.82, 0.84, 0.86})
		return nil
	}
	wr := runMeasured(qs[:min(*speedN, len(qs))], *workers, func(q string) int { return len(wmSearch(q).ids) })
	fmt.Printf("speed on %d workers (wall clock; CPU-bound rate = queries per CPU-second x 2 cores):\n", *workers)
	fmt.Printf("  kycd:     %s\n  watchman: %s\n\n", kr, wr)

	// Quality: score every query once, sweep thresholds.
	ka := make([]scored, len(set))
	wa := make([]scored, len(set))
	for i, l := range set {
		ka[i] = kycdSearch(l.query)
	}
	done := make(chan struct{})
	work := make(chan int)
	for range *workers {
		go func() {
			for i := range work {
				wa[i] = wmSearch(set[i].query)
			}
			done <- struct{}{}
		}()
	}
	for i := range set {
		work <- i
	}
	close(work)
	for range *workers {
		<-done
	}
	report(os.Stdout, "kycd", set, ka, []float64{0.70, 0.74, 0.78, screening.DefaultThreshold, 0.86, 0.90})
	report(os.Stdout, "watchman", set, wa, []float64{0.75, 0.80, 0.85, 0.90, 0.95})
	return nil
}

// report prints recall, precision and per-class figures for each threshold.
func report(w io.Writer, name string, set []labelled, ans []scored, ths []float64) {
	for _, th := range ths {
		by := map[string]*counts{}
		var all counts
		for i, l := range set {
			c := by[l.class]
			if c == nil {
				c = &counts{}
				by[l.class] = c
			}
			var q counts
			if l.expect != "" {
				q.positives = 1
			}
			for k, id := range ans[i].ids {
				if ans[i].scores[k] < th {
					break
				}
				q.hits++
				if id == l.expect {
					q.goodHits++
					q.found = 1
				}
			}
			for _, d := range []*counts{c, &all} {
				d.queries++
				d.positives += q.positives
				d.found += q.found
				d.hits += q.hits
				d.goodHits += q.goodHits
			}
		}
		fmt.Fprintf(w, "%-8s %.2f  recall %.3f  precision %.3f  hits/query %.2f |", name, th, all.recall(), all.precision(), float64(all.hits)/float64(all.queries))
		classes := make([]string, 0, len(by))
		for k := range by {
			classes = append(classes, k)
		}
		sort.Strings(classes)
		for _, k := range classes {
			if k == classUnrelated {
				fmt.Fprintf(w, " %s FP %d", k, by[k].hits)
			} else {
				fmt.Fprintf(w, " %s %.2f", k, by[k].recall())
			}
		}
		fmt.Fprintln(w)
	}
}
