// Command corpus renders the photo checks' synthetic corpus (checks/photo/synth),
// runs photo.Check on every photo and prints a per-family confusion table:
// good photos accepted, bad photos refused, and refused with the right code.
//
//	go run ./bench/photo/corpus -split heldout8 -n 6 [-family F,G] [-out DIR] [-v] [-dump FILE]
//	go run ./bench/photo/corpus -dir DIR -dump FILE
//
// Rendering takes most of the time: -out DIR -reuse checks the JPEGs a
// previous run with the same -split, -n and -big wrote there (delete them
// when the generator changes).
//
// -out keeps the rendered JPEGs (they are not committed: the generator is
// deterministic, so the same command makes the same files). -dump writes
// every photo's Result as one JSON line, sorted by name, so two versions of
// the check can be compared photo by photo (diff the files); -dir checks
// the files of a directory instead of rendering (kind from the file name,
// as TestCalibrate guesses it).
package main

import (
	"encoding/json"
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
	split := flag.String("split", synth.Calibration, "calibration (the default: the split thresholds are chosen on), heldout9 (fresh), or heldout to heldout8 (reported before, kept as history)")
	n := flag.Int("n", 6, "photos per family")
	big := flag.Int("big", 4000, "largest photo width")
	out := flag.String("out", "", "directory to write the JPEGs to")
	reuse := flag.Bool("reuse", false, "with -out: check the JPEGs already in it instead of rendering them again (same split, -n and -big, same generator)")
	only := flag.String("family", "", "only these families (comma-separated)")
	verbose := flag.Bool("v", false, "print every photo's verdict and metrics")
	dump := flag.String("dump", "", "file to write every Result to, one JSON line per photo")
	dir := flag.String("dir", "", "check the files in this directory instead of the corpus")
	flag.Parse()
	if *dir != "" {
		if err := dumpDir(*dir, *dump); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	if !slices.Contains([]string{synth.Calibration, synth.HeldOut, synth.HeldOut2, synth.HeldOut3, synth.HeldOut4, synth.HeldOut5, synth.HeldOut6, synth.HeldOut7, synth.HeldOut8, synth.HeldOut9}, *split) {
		fmt.Fprintf(os.Stderr, "unknown split %q\n", *split)
		os.Exit(2)
	}
	specs := synth.Corpus(*split, *n, *big)
	if *only != "" {
		fams := strings.Split(*only, ",")
		specs = slices.DeleteFunc(specs, func(s synth.Spec) bool { return !slices.Contains(fams, s.Family) })
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
			var data []byte
			if *reuse && *out != "" {
				// Rendered before by the same command: only the check has
				// changed.
				data, _ = os.ReadFile(filepath.Join(*out, s.Name+".jpg"))
			}
			if data == nil {
				data = synth.Render(s)
				if *out != "" {
					_ = os.MkdirAll(*out, 0o755)
					_ = os.WriteFile(filepath.Join(*out, s.Name+".jpg"), data, 0o644)
				}
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
	if *dump != "" {
		lines := make([]dumpLine, len(rows))
		for i, rw := range rows {
			lines[i] = dumpLine{rw.spec.Name, rw.spec.Kind, rw.res}
		}
		if err := writeDump(*dump, lines); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
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

type dumpLine struct {
	Name   string
	Kind   string
	Result photo.Result
}

func writeDump(path string, lines []dumpLine) error {
	sort.Slice(lines, func(i, j int) bool { return lines[i].Name < lines[j].Name })
	var b strings.Builder
	for _, l := range lines {
		j, err := json.Marshal(l)
		if err != nil {
			return err
		}
		b.Write(j)
		b.WriteByte('\n')
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

// dumpDir checks every file of dir; the kind is guessed from the name
// (selfie, back, passport, else id_front).
func dumpDir(dir, out string) error {
	files, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil {
		return err
	}
	var lines []dumpLine
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			continue // a directory or unreadable entry: nothing to check
		}
		b := filepath.Base(f)
		kind := photo.IDFront
		switch {
		case strings.Contains(b, "selfie"):
			kind = photo.Selfie
		case strings.Contains(b, "back"):
			kind = photo.IDBack
		case strings.Contains(b, "passport"):
			kind = photo.Passport
		}
		lines = append(lines, dumpLine{b, string(kind), photo.Check(data, kind, photo.DefaultConfig())})
	}
	if out == "" {
		out = "/dev/stdout"
	}
	return writeDump(out, lines)
}
