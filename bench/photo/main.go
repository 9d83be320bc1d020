// Command photobench times kycd's in-process photo check the way
// ../../../shared/bench/opencv_reference.py times OpenCV's: per file, the
// median over N runs of the whole check (read bytes in memory → verdict).
//
//	go run ./bench/photo [-iters N] [-kind id_front] [-once] IMG...
//
// With -once it runs one check of one file and exits, so that the caller
// can read the process's peak memory (/usr/bin/time -f %M).
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"syscall"
	"time"

	"github.com/kycd/kycd/checks/photo"
)

func main() {
	iters := flag.Int("iters", 15, "timed runs per file")
	kind := flag.String("kind", "id_front", "photo kind")
	once := flag.Bool("once", false, "one check of one file, for peak-memory measurement")
	cpu := flag.Bool("cpu", false, "time each check by the process's CPU time (user + system, all threads) instead of the wall clock: on a loaded machine this is the figure that holds still")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of the timed runs to this file")
	flag.Parse()
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	k, err := photo.ParseKind(*kind)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	cfg := photo.DefaultConfig()
	for _, path := range flag.Args() {
		data, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		if *once {
			r := photo.Check(data, k, cfg)
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			fmt.Printf("%s: accepted=%v heap_peak_sys=%.1fMiB\n", path, r.Accepted, float64(ms.HeapSys)/(1<<20))
			return
		}
		r := photo.Check(data, k, cfg) // warm-up: cascade unpacking, page faults
		ts := make([]float64, *iters)
		for i := range ts {
			t0, c0 := time.Now(), cpuTime()
			photo.Check(data, k, cfg)
			if *cpu {
				ts[i] = float64((cpuTime() - c0).Microseconds()) / 1000
			} else {
				ts[i] = float64(time.Since(t0).Microseconds()) / 1000
			}
		}
		slices.Sort(ts)
		fmt.Printf("%s: kycd median %.1f ms (min %.1f, max %.1f) accepted=%v codes=%v\n",
			path, ts[len(ts)/2], ts[0], ts[len(ts)-1], r.Accepted, codes(r))
	}
}

func codes(r photo.Result) []string {
	out := []string{}
	for _, f := range r.Findings {
		out = append(out, f.Code)
	}
	return out
}

// cpuTime is the CPU time the process has used so far, in all its threads.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
