package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strings"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/lists"
)

func init() {
	commands["lists"] = command{summary: "import or show the stored sanctions and PEP lists", run: runLists}
}

const listsUsage = `usage: kycd lists import [flags] [NAME=]FORMAT:PATH-OR-URL...
       kycd lists show [--json] [flags]

import parses each list (FORMAT ofac, un, eu, csv, opensanctions or ftm; for ofac the path is
sdn.csv and alt.csv/add.csv are read beside it) and replaces the stored list
of the same name in one transaction, then screens approved accounts again
and raises alerts on the review desk for new hits. A malformed file is
refused with its line and the previous version stays active.
Flags: --data DIR | --database URL, as for serve.
`

func runLists(ctx context.Context, io stdio, args []string) int {
	if len(args) == 0 || (args[0] != "import" && args[0] != "show") {
		fmt.Fprint(io.stderr, listsUsage)
		return exitUsage
	}
	var asJSON bool
	c, rest, err := parseConfig("kycd lists "+args[0], args[1:], io.getenv, io.stderr, func(fs *flag.FlagSet) {
		fs.BoolVar(&asJSON, "json", false, "print JSON")
	})
	if err != nil {
		fmt.Fprintln(io.stderr, "kycd lists:", err)
		return exitUsage
	}
	var srcs []lists.Source
	if args[0] == "import" {
		if len(rest) == 0 {
			fmt.Fprint(io.stderr, listsUsage)
			return exitUsage
		}
		for _, r := range rest {
			src, err := lists.ParseSource(r)
			if err != nil {
				fmt.Fprintln(io.stderr, "kycd lists import:", err)
				return exitUsage
			}
			srcs = append(srcs, src)
		}
	}
	a, err := openApp(ctx, c, io.stderr)
	if err != nil {
		fmt.Fprintln(io.stderr, "kycd lists:", err)
		return exitUsage
	}
	defer a.store.Close()
	if args[0] == "import" {
		f := lists.NewFetcher()
		for _, src := range srcs {
			l, err := f.Load(ctx, src)
			if err != nil {
				fmt.Fprintln(io.stderr, "kycd lists import:", err)
				return exitInvalid
			}
			sl, err := a.svc.ImportScreeningList(ctx, kycd.System, l, src.Format, src.Location)
			if err != nil {
				fmt.Fprintln(io.stderr, "kycd lists import:", explain(err))
				return exitInvalid
			}
			fmt.Fprintf(io.stdout, "imported %s (version %s): %d entries\n", sl.Name, sl.Version, sl.Count)
		}
		n, err := a.svc.Rescreen(ctx)
		if err != nil {
			fmt.Fprintln(io.stderr, "kycd lists import: re-screening:", err)
			return exitInvalid
		}
		fmt.Fprintf(io.stdout, "approved accounts screened again: %d new alerts\n", n)
		return exitOK
	}
	ls, err := a.svc.ScreeningLists(ctx)
	if err != nil {
		fmt.Fprintln(io.stderr, "kycd lists show:", err)
		return exitUsage
	}
	if asJSON {
		json.NewEncoder(io.stdout).Encode(map[string]any{"lists": ls})
		return exitOK
	}
	for _, l := range ls {
		fmt.Fprintf(io.stdout, "%-12s %-5s %6d entries  version %s  loaded %s  from %s\n", l.Name, l.Format, l.Count,
			l.Version, l.LoadedAt.Format("2006-01-02 15:04"), strings.TrimSpace(l.Source))
	}
	return exitOK
}
