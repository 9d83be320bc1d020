// Command screening measures kycd's sanctions matcher: quality on a
// labelled query set, speed on a synthetic 20,000-entry OFAC list, and both
// side by side with moov-io/watchman on the real OFAC SDN snapshot that
// watchman's module ships (read from the module cache, never copied here).
//
// It is its own Go module so that watchman and its dependencies never
// reach kycd's go.mod. See README.md for the commands and the figures.
package main

import (
	"fmt"
	"os"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	var err error
	switch os.Args[1] {
	case "label":
		err = runLabel(os.Args[2:])
	case "quality":
		err = runQuality(os.Args[2:])
	case "gen":
		err = runGen(os.Args[2:])
	case "speed":
		err = runSpeed(os.Args[2:])
	case "heldout":
		err = runHeldout(os.Args[2:])
	case "written":
		err = runWritten(os.Args[2:])
	case "watchman":
		err = runWatchman(os.Args[2:])
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "screening:", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprint(os.Stderr, `usage: go run . COMMAND [flags]

  label     write labelled.csv from kycd's test lists (checks/screening/testdata)
  quality   precision and recall of kycd on labelled.csv at a threshold
  gen       write a synthetic OFAC-format list (sdn.csv, alt.csv, add.csv)
  speed     screenings per second and latency of kycd on an OFAC list
  heldout   out-of-sample figures: withheld OFAC aliases and ordinary names (-show heldout)
  written   out-of-sample figures on the hand-written set testdata/written.tsv (-file another set)
  watchman  kycd and watchman v0.60.0 side by side on watchman's OFAC snapshot
`)
	os.Exit(2)
}
