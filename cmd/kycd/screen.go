package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"strings"

	"github.com/kycd/kycd/checks/screening"
	kycdlists "github.com/kycd/kycd/lists"
)

func init() {
	commands["screen"] = command{summary: "screen a name against the stored sanctions and PEP lists and list files", run: runScreen}
}

const screenUsage = `usage: kycd screen [--json] [--list FORMAT:FILE]... [--dob YYYY-MM-DD] [--nationality CCC]
                   [--document NUMBER] [--threshold X] [--data DIR | --database URL] NAME

Screens NAME against the sanctions and PEP lists named with --list (repeat
it for several lists). FORMAT is one of:
  ofac  OFAC SDN legacy CSV: FILE is sdn.csv; alt.csv and add.csv beside it
        are read when present
  un    UN Security Council consolidated list (XML)
  eu    EU financial sanctions consolidated list (CSV with ';' or XML export)
  csv   an operator list (PEP, internal): header id,name,aliases,dob,
        nationality,document_number,list; '|' separates multiple values;
        the list is named after the file (pep.csv -> "pep")
The lists stored in kycd's database (kycd lists import) are screened too
when the data directory holds a database or --database names one.

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

func runScreen(ctx context.Context, stdio stdio, args []string) int {
	var (
		lists         listFlags
		asJSON        bool
		dob, nat, doc string
		threshold     float64
	)
	c, pos, err := parseConfig("kycd screen", args, stdio.getenv, stdio.stderr, func(fs *flag.FlagSet) {
		fs.Usage = func() { fmt.Fprint(stdio.stderr, screenUsage) }
		fs.BoolVar(&asJSON, "json", false, "print one JSON object")
		fs.Var(&lists, "list", "FORMAT:FILE, repeatable")
		fs.StringVar(&dob, "dob", "", "date of birth, YYYY-MM-DD (or YYYY)")
		fs.StringVar(&nat, "nationality", "", "nationality, ISO 3166 alpha-3 or alpha-2")
		fs.StringVar(&doc, "document", "", "passport or ID number")
		fs.Float64Var(&threshold, "threshold", screening.DefaultThreshold, "minimum score of a hit, in (0, 1]")
	})
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdio.stderr, screenUsage)
		}
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
	f := kycdlists.NewFetcher()
	for _, spec := range lists {
		src, err := kycdlists.ParseSource(spec)
		if err != nil {
			return usageErr("--list: %v", err)
		}
		l, err := f.Load(ctx, src)
		if err != nil {
			return usageErr("%v", err)
		}
		entries = append(entries, l.Entries...)
	}
	// The stored lists take part when kycd has a database here (or one is
	// named); the command never creates one just to screen a name.
	if _, statErr := os.Stat(c.sqlitePath()); c.Database != "" || statErr == nil {
		a, err := openApp(ctx, c, io.Discard)
		if err != nil {
			return usageErr("%v", err)
		}
		stored, err := a.store.FindScreeningLists(ctx, true)
		a.store.Close()
		if err != nil {
			return usageErr("%v", err)
		}
		for _, l := range stored {
			entries = append(entries, l.Entries...)
		}
	}
	if len(entries) == 0 {
		return usageErr("no list to screen against: import lists with 'kycd lists import' or name list files with --list FORMAT:FILE")
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
