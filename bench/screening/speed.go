package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
	"unsafe"

	"github.com/kycd/kycd/checks/screening"
)

// speedQueries builds a query mix from the list itself: half listed names
// (some with typos, some reordered), half unrelated names, which are the
// common case in production and the expensive one for a scanner.
func speedQueries(entries []screening.Entry, n int) []string {
	r := rand.New(rand.NewPCG(3, 3))
	out := make([]string, 0, n)
	for len(out) < n {
		switch r.IntN(4) {
		case 0:
			e := entries[r.IntN(len(entries))]
			out = append(out, displayName(e.Names[r.IntN(len(e.Names))]))
		case 1:
			e := entries[r.IntN(len(entries))]
			if q, ok := typo(r, displayName(e.Names[0]), 1+r.IntN(2)); ok {
				out = append(out, q)
			}
		default:
			name, _ := synthPerson(r)
			out = append(out, displayName(name))
		}
	}
	return out
}

// result is one measured run.
type result struct {
	queries        int
	wallPerSec     float64
	cpuPerSec      float64 // queries per CPU-second, times the cores used
	p50, p99, pmax time.Duration
	c50, c99, cmax time.Duration // per-query thread CPU time
	hits           int
}

func (r result) String() string {
	us := func(d time.Duration) time.Duration { return d.Round(time.Microsecond) }
	return fmt.Sprintf("%d queries, %.0f/s wall, %.0f/s CPU-bound; latency wall p50 %v p99 %v max %v; CPU p50 %v p99 %v max %v; %d hits",
		r.queries, r.wallPerSec, r.cpuPerSec, us(r.p50), us(r.p99), us(r.pmax), us(r.c50), us(r.c99), us(r.cmax), r.hits)
}

// threadCPU is the calling thread's CPU time (the goroutine is locked to
// its thread), so a query's CPU latency excludes time other processes on
// this shared machine took.
func threadCPU() time.Duration {
	var ts syscall.Timespec
	syscall.Syscall(syscall.SYS_CLOCK_GETTIME, 3 /* CLOCK_THREAD_CPUTIME_ID */, uintptr(unsafe.Pointer(&ts)), 0)
	return time.Duration(ts.Nano())
}

// cpuTime is the process's user+system CPU time. The machine is shared, so
// wall-clock rates depend on what else runs; CPU time does not.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func runMeasured(queries []string, workers int, search func(string) int) result {
	c := cpuTime()
	r := measure(queries, workers, search)
	cpu := cpuTime() - c
	r.cpuPerSec = float64(len(queries)) / cpu.Seconds() * float64(workers)
	return r
}

// measure runs queries on workers goroutines and reports throughput and
// latency percentiles.
func measure(queries []string, workers int, search func(string) int) result {
	lat := make([]time.Duration, len(queries))
	clat := make([]time.Duration, len(queries))
	var next atomic.Int64
	var total atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(queries) {
					return
				}
				t, c := time.Now(), threadCPU()
				total.Add(int64(search(queries[i])))
				clat[i] = threadCPU() - c
				lat[i] = time.Since(t)
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	slices.Sort(lat)
	slices.Sort(clat)
	n := len(lat)
	return result{queries: n, wallPerSec: float64(n) / elapsed.Seconds(),
		p50: lat[n/2], p99: lat[n*99/100], pmax: lat[n-1],
		c50: clat[n/2], c99: clat[n*99/100], cmax: clat[n-1], hits: int(total.Load())}
}

func runSpeed(args []string) error {
	fs := flag.NewFlagSet("speed", flag.ExitOnError)
	sdn := fs.String("sdn", "synthetic/sdn.csv", "OFAC sdn.csv (alt.csv, add.csv beside it)")
	n := fs.Int("queries", 20000, "queries to run")
	prof := fs.String("cpuprofile", "", "write a CPU profile of the measured queries to this file")
	fs.Parse(args)
	t := time.Now()
	l, err := loadOFAC(*sdn)
	if err != nil {
		return err
	}
	parse := time.Since(t)
	t = time.Now()
	x := screening.NewIndex(l.Entries)
	build := time.Since(t)
	names := 0
	for _, e := range l.Entries {
		names += len(e.Names)
	}
	fmt.Printf("%s: %d entries, %d names; parse %v, index %v; GOMAXPROCS=%d\n", *sdn, len(l.Entries), names, parse.Round(time.Millisecond), build.Round(time.Millisecond), runtime.GOMAXPROCS(0))
	queries := speedQueries(l.Entries, *n)
	search := func(q string) int { return len(x.Search(screening.Query{Name: q})) }
	measure(queries[:min(len(queries), 2000)], runtime.GOMAXPROCS(0), search) // warm up
	if *prof != "" {
		f, err := os.Create(*prof)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	fmt.Printf("kycd: %s\n", runMeasured(queries, runtime.GOMAXPROCS(0), search))
	return nil
}
