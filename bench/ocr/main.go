// Command ocr measures document reading (checks/ocr) on generated photos
// (checks/ocr/synth): time per photo at 3 MP and 12 MP, cold and warm,
// CPU-seconds, peak memory, and accuracy per field on a held-out range of
// seeds, with the load average before and after. See README.md.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/kycd/kycd/checks/name"
	"github.com/kycd/kycd/checks/ocr"
	"github.com/kycd/kycd/checks/ocr/synth"
)

// Seeds below heldOut were used while building the reader (tests use
// 0–99); the figures come from seeds at heldOut and above, which were not
// looked at while calibrating.
const heldOut = 100_000

func main() {
	n := flag.Int("n", 40, "card fronts to read (and n/4 backs and passports)")
	big := flag.Int("big", 4, "12 MP card fronts to time")
	other := flag.Int("other", 10, "fronts of each Hong Kong, Macau, Taiwan card and permit layout to read")
	threads := flag.Int("threads", 2, "ONNX Runtime threads")
	flag.Parse()
	fmt.Printf("load before: %s", loadavg())
	g, err := synth.New()
	if err != nil {
		fail(err)
	}
	t0 := time.Now()
	r, err := ocr.Open(ocr.Config{Dir: ocr.Dir(), Threads: *threads})
	if err != nil {
		fail(err)
	}
	fmt.Printf("engine open: %.2f s; GOMAXPROCS %d, %d ORT threads\n", time.Since(t0).Seconds(), runtime.GOMAXPROCS(0), *threads)

	three := synth.Options{Width: 2048, Height: 1536}
	twelve := synth.Options{Width: 4000, Height: 3000}

	// Every photo is drawn first, so that the generator's buffers are
	// gone before the peak memory of reading is measured.
	type sample struct {
		kind  string
		photo []byte
		truth synth.Truth
	}
	gen := func(kind string, seed uint64, o synth.Options) sample {
		var b []byte
		var t synth.Truth
		var err error
		if kind == ocr.Passport {
			b, t, err = g.Passport(seed, o)
		} else {
			b, t, err = g.Card(seed, kind, o)
		}
		if err != nil {
			fail(err)
		}
		return sample{kind, b, t}
	}
	var fronts, others, bigs, layouts []sample
	for i := range *n {
		o := three
		o.Hard = i%4 == 3 // every fourth photo blurrier, noisier, more tilted
		fronts = append(fronts, gen(ocr.IDFront, heldOut+uint64(i), o))
	}
	for i := range max(1, *n/4) {
		others = append(others, gen(ocr.IDBack, heldOut+50_000+uint64(i), three), gen(ocr.Passport, heldOut+70_000+uint64(i), three))
	}
	for i := range *big {
		bigs = append(bigs, gen(ocr.IDFront, heldOut+90_000+uint64(i), twelve))
	}
	for j, docType := range synth.Layouts {
		for i := range *other {
			o := three
			o.Hard = i%4 == 3
			seed := heldOut + 200_000 + uint64(j)*10_000 + uint64(i)
			b, t, err := g.Front(seed, docType, o)
			if err != nil {
				fail(err)
			}
			layouts = append(layouts, sample{docType, b, t})
		}
	}
	runtime.GC()
	debug.FreeOSMemory()
	resetPeak()

	var acc tally
	var warm, cpu []float64
	for i, s := range fronts {
		truth := s.truth
		d, c, rd := timed(r, ocr.IDFront, s.photo)
		if i == 0 {
			fmt.Printf("3 MP cold (first read after open): %.3f s\n", d)
		} else {
			warm, cpu = append(warm, d), append(cpu, c)
		}
		acc.exact("id number", rd.Fields[ocr.FDocumentNumber], truth.Number)
		acc.exact("birth date", rd.Fields[ocr.FBirthDate], truth.BirthDate)
		acc.exact("sex", rd.Fields[ocr.FSex], truth.Sex)
		acc.chars("name chars", rd.Fields[ocr.FFullName], truth.Name)
		acc.chars("address chars", rd.Fields[ocr.FAddress], truth.Address)
		acc.exact("ethnicity", rd.Fields[ocr.FEthnicity], truth.Ethnicity)
		// The two ways a number is not read right: caught by its own
		// checks ("could not read"), or not (the dangerous one).
		_, unverified := rd.Unverified[ocr.FDocumentNumber]
		acc.add("id number 'could not read'", unverified)
		got := rd.Fields[ocr.FDocumentNumber]
		acc.add("id number wrong yet passing its checks", got != "" && got != truth.Number)
	}
	for _, s := range others {
		_, _, rd := timed(r, s.kind, s.photo)
		truth := s.truth
		if s.kind == ocr.IDBack {
			acc.exact("issuing authority", rd.Fields[ocr.FIssuingAuthority], truth.Authority)
			if truth.Expiry != "" {
				acc.exact("card expiry", rd.Fields[ocr.FExpiryDate], truth.Expiry)
			}
			continue
		}
		acc.add("passport MRZ valid", rd.MRZ != nil && rd.MRZ.Valid)
		acc.exact("passport number", rd.Fields[ocr.FDocumentNumber], truth.Number)
		acc.exact("passport name", rd.Fields[ocr.FFullName], truth.Name)
		acc.exact("passport visual zone Latin name", rd.Fields[ocr.FLatinName], truth.Name)
		acc.chars("passport visual zone Chinese name chars", rd.Fields[ocr.FNativeName], truth.Native)
	}
	// The other layouts, per document type (s.kind holds it here).
	var lay tally
	var layCPU []float64
	for _, s := range layouts {
		_, c, rd := timed(r, ocr.IDFront, s.photo)
		layCPU = append(layCPU, c)
		t := s.truth
		k := s.kind + " "
		lay.add(k+"type told from the title", rd.DocumentType == s.kind)
		lay.exact(k+"number", rd.Fields[ocr.FDocumentNumber], t.Number)
		_, unverified := rd.Unverified[ocr.FDocumentNumber]
		lay.add(k+"number 'could not read'", unverified)
		got := rd.Fields[ocr.FDocumentNumber]
		lay.add(k+"number wrong yet trusted", got != "" && got != t.Number)
		lay.exact(k+"birth date", rd.Fields[ocr.FBirthDate], t.BirthDate)
		lay.exact(k+"sex", rd.Fields[ocr.FSex], t.Sex)
		lay.chars(k+"Chinese name chars (trusted)", rd.Fields[ocr.FFullName], t.Name)
		// The cross-check compares names with traditional characters
		// simplified (name.FoldHan): what counts there is this.
		read := name.FoldHan(rd.Fields[ocr.FFullName])
		lay.add(k+"Chinese name right up to script (trusted)", read == name.FoldHan(t.Name))
		lay.add(k+"Chinese name wrong even up to script, yet trusted", read != "" && read != name.FoldHan(t.Name))
		if s.kind != synth.TWID {
			lay.exact(k+"Latin name", rd.Fields[ocr.FLatinName], t.Latin)
			// The cross-check compares letters only: a lost space is no error there.
			lay.exact(k+"Latin name letters", letters(rd.Fields[ocr.FLatinName]), letters(t.Latin))
		}
	}
	var big12, bigCPU []float64
	for _, s := range bigs {
		d, c, _ := timed(r, ocr.IDFront, s.photo)
		big12, bigCPU = append(big12, d), append(bigCPU, c)
	}
	fmt.Printf("\n| photos | n | median s | p90 s | CPU-s per photo (median) |\n|---|---|---|---|---|\n")
	fmt.Printf("| 3 MP card front, warm | %d | %.3f | %.3f | %.3f |\n", len(warm), pct(warm, 50), pct(warm, 90), pct(cpu, 50))
	if len(big12) > 0 {
		fmt.Printf("| 12 MP card front (first: %.3f s) | %d | %.3f | %.3f | %.3f |\n", big12[0], len(big12), pct(big12, 50), pct(big12, 90), pct(bigCPU, 50))
	}
	fmt.Printf("\npeak RSS while reading: %s (process: ONNX Runtime with both models, decoded photos, tensors)\n\n", peak())
	acc.print()
	if len(layouts) > 0 {
		fmt.Printf("\nOther layouts (%d fronts each, every fourth hard; 3 MP; CPU-s per photo median %.3f):\n\n", *other, pct(layCPU, 50))
		lay.print()
	}
	fmt.Printf("\nload after: %s", loadavg())
}

// timed reads one photo (decode included) and returns wall seconds,
// process CPU-seconds and the reading.
func timed(r ocr.Reader, kind string, photo []byte) (float64, float64, ocr.Reading) {
	c0 := cpuSeconds()
	t0 := time.Now()
	rd, err := ocr.Read(r, kind, photo, time.Now())
	if err != nil {
		fail(err)
	}
	return time.Since(t0).Seconds(), cpuSeconds() - c0, rd
}

// resetPeak resets the kernel's high-water mark of this process's
// resident memory (VmHWM), so peak() measures from here.
func resetPeak() {
	if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
		fmt.Println("(peak memory not reset:", err, ")")
	}
}

func peak() string {
	b, _ := os.ReadFile("/proc/self/status")
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "VmHWM:") {
			return strings.TrimSpace(strings.TrimPrefix(l, "VmHWM:"))
		}
	}
	return "?"
}

func cpuSeconds() float64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}

func pct(v []float64, p int) float64 {
	if len(v) == 0 {
		return 0
	}
	s := slices.Clone(v)
	slices.Sort(s)
	return s[min(len(s)-1, (len(s)*p)/100)]
}

func loadavg() string {
	b, _ := os.ReadFile("/proc/loadavg")
	return string(b)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "bench/ocr:", err)
	os.Exit(1)
}

// tally counts hits per measure, in first-seen order.
type tally struct {
	order     []string
	hit, of   map[string]int
	countOnly map[string]bool
}

func (t *tally) add(name string, ok bool) {
	if t.hit == nil {
		t.hit, t.of, t.countOnly = map[string]int{}, map[string]int{}, map[string]bool{}
	}
	if _, seen := t.of[name]; !seen {
		t.order = append(t.order, name)
	}
	t.of[name]++
	if ok {
		t.hit[name]++
	}
}

func (t *tally) exact(name, got, want string) { t.add(name, got == want) }

// chars counts the truth's characters read right: its length less the
// edit distance, floored at zero.
func (t *tally) chars(name, got, want string) {
	w := []rune(want)
	right := max(0, len(w)-lev([]rune(got), w))
	if t.hit == nil {
		t.add(name, false)
		t.of[name]--
	} else if _, seen := t.of[name]; !seen {
		t.add(name, false)
		t.of[name]--
	}
	t.hit[name] += right
	t.of[name] += len(w)
}

func (t *tally) print() {
	fmt.Printf("| field (held-out seeds) | right | of | share |\n|---|---|---|---|\n")
	for _, k := range t.order {
		share := 0.0
		if t.of[k] > 0 {
			share = 100 * float64(t.hit[k]) / float64(t.of[k])
		}
		fmt.Printf("| %s | %d | %d | %.1f %% |\n", strings.ReplaceAll(k, "|", "/"), t.hit[k], t.of[k], share)
	}
}

func lev(a, b []rune) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := 1
			if a[i-1] == b[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
		}
		prev = cur
	}
	return prev[len(b)]
}

// letters keeps the letters of s: what the cross-check compares of a Latin name.
func letters(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'A' && r <= 'Z' {
			return r
		}
		return -1
	}, s)
}
