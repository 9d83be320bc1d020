package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"

	"github.com/kycd/kycd/checks/screening"
)

func init() {
	commands["screen"] = command{summary: "screen a name against sanctions and PEP list files", run: runScreen}
}

const screenUsage = `usage: kycd screen [--json] [--list FORMAT:FILE]... [--dob YYYY-MM-DD] [--nationality CCC]
                   [--document NUMBER] [--threshold X] NAME

Screens NAME against the sanctions and PEP lists named with --list (repeat
it for several lists). FORMAT is one of:
  ofac  OFAC SDN legacy CSV: FILE is sdn.csv; alt.csv and add.csv beside it
        are read when present
  un    UN Security Council consolidated list (XML)
  eu    EU financial sanctions consolidated list (CSV with ';' or XML export)
  csv   an operator list (PEP, internal): header id,name,aliases,dob,
        nationality,document_number,list; '|' separates multiple values;
        the list is named after the file (pep.csv -> "pep")
Only list files are screened for now: the lists stored in kycd's database
are not yet available to this command.

Exit status: 0 no hit, 1 at least one hit, 2 usage or I/O error (including
a malformed list file, reported with its line).
`

// listFlags collects repeated --list FORMAT:FILE values.
type listFlags []string

func (l *listFlags) String() string     { return strings.Join(*l, ",") }
func (l *listFlags) Set(v string) error { *l = append(*l, v); return nil }

// screenHit is the JSON form of a hit (DESIGN.md §5 names the fields).
type screenHit struct {
	List        string  `json:"list"`
	EntryID     string  `json:"entry_id"`
	Name        string  `json:"name"`
	MatchedName string  `json:"matched_name"`
	Score       float64 `json:"score"`
}

func runScreen(_ context.Context, stdio stdio, args []string) int {
	fs := flag.NewFlagSet("kycd screen", flag.ContinueOnError)
	fs.SetOutput(stdio.stderr)
	fs.Usage = func() { fmt.Fprint(stdio.stderr, screenUsage) }
	var (
		lists         listFlags
		asJSON        bool
		dob, nat, doc string
		threshold     float64
	)
	fs.BoolVar(&asJSON, "json", false, "print one JSON object")
	fs.Var(&lists, "list", "FORMAT:FILE, repeatable")
	fs.StringVar(&dob, "dob", "", "date of birth, YYYY-MM-DD (or YYYY)")
	fs.StringVar(&nat, "nationality", "", "nationality, ISO 3166 alpha-3 or alpha-2")
	fs.StringVar(&doc, "document", "", "passport or ID number")
	fs.Float64Var(&threshold, "threshold", screening.DefaultThreshold, "minimum score of a hit, in (0, 1]")
	pos, err := screenArgs(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitUsage
		}
		fmt.Fprint(stdio.stderr, screenUsage)
		return exitUsage
	}
	usageErr := func(format string, a ...any) int {
		fmt.Fprintf(stdio.stderr, "kycd screen: "+format+"\n", a...)
		return exitUsage
	}
	name := strings.TrimSpace(strings.Join(pos, " "))
	if name == "" && doc == "" {
		fmt.Fprint(stdio.stderr, screenUsage)
		return exitUsage
	}
	if len(lists) == 0 {
		return usageErr("no list to screen against: name list files with --list FORMAT:FILE (stored lists are not available to this command yet)")
	}
	if math.IsNaN(threshold) || threshold <= 0 || threshold > 1 {
		return usageErr("--threshold %v: want a number in (0, 1]", threshold)
	}
	q := screening.Query{Name: name, DocumentNumber: doc, Threshold: threshold}
	if dob != "" {
		if q.DOB, err = screening.ParseDate(dob); err != nil {
			return usageErr("--dob: %v", err)
		}
	}
	if nat != "" {
		if q.Nationality = screening.NormalizeCountry(nat); q.Nationality == "" {
			return usageErr("--nationality %q: unknown country (want an ISO 3166 code such as CHN or CN)", nat)
		}
	}
	var entries []screening.Entry
	for _, spec := range lists {
		l, err := loadList(spec)
		if err != nil {
			return usageErr("%v", err)
		}
		entries = append(entries, l.Entries...)
	}
	hits := screening.NewIndex(entries).Search(q)
	out := make([]screenHit, 0, len(hits))
	for _, h := range hits {
		out = append(out, screenHit{List: h.List, EntryID: h.EntryID, Name: h.Name, MatchedName: h.MatchedName,
			Score: math.Round(h.Score*1000) / 1000})
	}
	if asJSON {
		enc := json.NewEncoder(stdio.stdout)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(struct {
			Hits []screenHit `json:"hits"`
		}{out}); err != nil {
			return usageErr("%v", err)
		}
	} else if len(out) == 0 {
		fmt.Fprintln(stdio.stdout, "no hits")
	} else {
		for _, h := range out {
			fmt.Fprintf(stdio.stdout, "%.3f  %s:%s  %s", h.Score, h.List, h.EntryID, h.Name)
			if h.MatchedName != h.Name {
				fmt.Fprintf(stdio.stdout, "  (matched %q)", h.MatchedName)
			}
			fmt.Fprintln(stdio.stdout)
		}
	}
	if len(out) > 0 {
		return exitInvalid
	}
	return exitOK
}

// screenArgs parses flags placed before or after the name: flag.FlagSet
// stops at the first positional argument, so parsing resumes after each.
// Everything after "--" is positional.
func screenArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for len(args) > 0 {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		consumed := len(args) - len(rest)
		if consumed > 0 && args[consumed-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
	return pos, nil
}

// loadList reads one --list FORMAT:FILE.
func loadList(spec string) (*screening.List, error) {
	format, path, ok := strings.Cut(spec, ":")
	if !ok || path == "" {
		return nil, fmt.Errorf("--list %q: want FORMAT:FILE with FORMAT ofac, un, eu or csv", spec)
	}
	open := func(p string) (screening.File, func(), error) {
		f, err := os.Open(p)
		if err != nil {
			return screening.File{}, func() {}, err
		}
		return screening.File{Name: p, Reader: f}, func() { f.Close() }, nil
	}
	main, closeMain, err := open(path)
	if err != nil {
		return nil, err
	}
	defer closeMain()
	switch strings.ToLower(format) {
	case "ofac":
		// alt.csv and add.csv are optional companions of sdn.csv.
		var side [2]screening.File
		for i, n := range []string{"alt.csv", "add.csv"} {
			f, c, err := open(filepath.Join(filepath.Dir(path), n))
			if err != nil && !errors.Is(err, os.ErrNotExist) {
				return nil, err
			}
			defer c()
			side[i] = f
		}
		return screening.ParseOFAC(main, side[0], side[1])
	case "un":
		return screening.ParseUN(main)
	case "eu":
		return screening.ParseEU(main)
	case "csv":
		name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
		return screening.ParseCSV(name, main)
	}
	return nil, fmt.Errorf("--list %q: unknown format %q (want ofac, un, eu or csv)", spec, format)
}
