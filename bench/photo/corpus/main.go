// Command corpus renders the photo checks' synthetic corpus (checks/photo/synth),
// runs photo.Check on every photo and prints a per-family confusion table:
// good photos accepted, bad photos refused, and refused with the right code.
//
//	go run ./bench/photo/corpus -split heldout -n 6 [-out DIR] [-v]
//
// -out keeps the rendered JPEGs (they are not committed: the generator is
// deterministic, so the same command makes the same files).
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/kycd/kycd/checks/photo"
	"github.com/kycd/kycd/checks/photo/synth"
	"github.com/kycd/kycd/reason"
)

func main() {
	split := flag.String("split", synth.HeldOut, "calibration or heldout")
	n := flag.Int("n", 6, "photos per family")
	big := flag.Int("big", 4000, "largest photo width")
	out := flag.String("out", "", "directory to write the JPEGs to")
	only := flag.String("family", "", "only this family")
	verbose := flag.Bool("v", false, "print every photo's verdict and metrics")
	flag.Parse()
	specs := synth.Corpus(*split, *n, *big)
	if *only != "" {
		specs = slices.DeleteFunc(specs, func(s synth.Spec) bool { return s.Family != *only })
	}
	type row struct {
		spec  synth.Spec
		res   photo.Result
		codes []string
	}
	rows := make([]row, len(specs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.NumCPU())
	for i, s := range specs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			data := synth.Render(s)
			if *out != "" {
				_ = os.MkdirAll(*out, 0o755)
				_ = os.WriteFile(filepath.Join(*out, s.Name+".jpg"), data, 0o644)
			}
			k, _ := photo.ParseKind(s.Kind)
			r := photo.Check(data, k, photo.DefaultConfig())
			var blocking []string
			for _, f := range r.Findings {
				if f.Severity == reason.Blocking {
					blocking = append(blocking, f.Code)
				}
			}
			rows[i] = row{s, r, blocking}
		}()
	}
	wg.Wait()
	type tally struct{ good, goodOK, bad, badRefused, badRight int }
	t := map[string]*tally{}
	var total tally
	for _, rw := range rows {
		fam := rw.spec.Family
		if t[fam] == nil {
			t[fam] = &tally{}
		}
		c := t[fam]
		if rw.spec.Accepted {
			c.good++
			total.good++
			if rw.res.Accepted {
				c.goodOK++
				total.goodOK++
			}
		} else {
			c.bad++
			total.bad++
			if !rw.res.Accepted {
				c.badRefused++
				total.badRefused++
				if slices.Contains(rw.codes, rw.spec.Code) {
					c.badRight++
					total.badRight++
				}
			}
		}
		if *verbose || (rw.spec.Accepted != rw.res.Accepted) || (!rw.spec.Accepted && !slices.Contains(rw.codes, rw.spec.Code)) {
			mark := "ok "
			if rw.spec.Accepted != rw.res.Accepted || (!rw.spec.Accepted && !slices.Contains(rw.codes, rw.spec.Code)) {
				mark = "ERR"
			}
			var ks []string
			for k := range rw.res.Metrics {
				ks = append(ks, k)
			}
			sort.Strings(ks)
			var m []string
			for _, k := range ks {
				m = append(m, fmt.Sprintf("%s=%g", k, rw.res.Metrics[k]))
			}
			fmt.Printf("%s %-34s %dx%d %s/%s want=%v %s got=%v %v leg=%.2f\n    %s\n", mark, rw.spec.Name, rw.spec.W, rw.spec.H,
				rw.spec.Design, rw.spec.Surface, rw.spec.Accepted, rw.spec.Code, rw.res.Accepted, reason.Codes(rw.res.Findings),
				rw.spec.Legibility(), strings.Join(m, " "))
		}
	}
	fmt.Printf("\nsplit %s, %d photos\n\n| family | good accepted | bad refused | right code |\n|---|---|---|---|\n", *split, len(rows))
	cell := func(a, b int) string {
		if b == 0 {
			return "—"
		}
		return fmt.Sprintf("%d/%d", a, b)
	}
	for _, fam := range synth.Families {
		c := t[fam]
		if c == nil {
			continue
		}
		fmt.Printf("| %s | %s | %s | %s |\n", fam, cell(c.goodOK, c.good), cell(c.badRefused, c.bad), cell(c.badRight, c.bad))
	}
	fmt.Printf("| **all** | %s | %s | %s |\n", cell(total.goodOK, total.good), cell(total.badRefused, total.bad), cell(total.badRight, total.bad))
}
