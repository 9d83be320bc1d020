package main

import (
	"bufio"
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
       kycd screen --json [--list FORMAT:FILE]... [--threshold X] [--data DIR | --database URL] -

Screens NAME against the sanctions and PEP lists named with --list (repeat
it for several lists). FORMAT is one of:
  ofac  OFAC SDN legacy CSV: FILE is sdn.csv; alt.csv and add.csv beside it
        are read when present
  un    UN Security Council consolidated list (XML)
  eu    EU financial sanctions consolidated list (CSV with ';' or XML export)
  csv   an operator list (PEP, internal): header id,name,aliases,dob,
        nationality,document_number,list; '|' separates multiple values;
        the list is named after the file (pep.csv -> "pep")
  opensanctions  OpenSanctions' simple CSV export (targets.simple.csv)
  ftm   FollowTheMoney entities, one JSON object a line (OpenSanctions'
        entities.ftm.json); both name their list "opensanctions"
The lists stored in kycd's database (kycd lists import) are screened too
when the data directory holds a database or --database names one.

With NAME "-" (batch), names are read from standard input, one a line,
optionally name<TAB>YYYY-MM-DD<TAB>country; each line gets one JSON object
on standard output, in input order: {"line":N,"hits":[...]} as for a
single name, or {"line":N,"error":"..."} for a malformed line (the batch
goes on). Lists are loaded once for the whole batch.

Exit status: 0 no hit, 1 at least one hit, 2 usage or I/O error (including
a malformed list file, reported with its line, and in batch mode any
malformed input line).
`

// listFlags collects repeated --list FORMAT:FILE values.
type listFlags []string

func (l *listFlags) String() string     { return strings.Join(*l, ",") }
func (l *listFlags) Set(v string) error { *l = append(*l, v); return nil }

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
	batch := name == "-"
	if batch && (dob != "" || nat != "" || doc != "") {
		return usageErr("--dob, --nationality and --document apply to one name; in batch mode put the date and country on each line")
	}
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
	// named); the command never creates one just to screen a name. Opening
	// the app loads their compiled index (kycd lists import stored it), so
	// screening against the stored lists alone builds nothing.
	var stored *screening.Index
	if _, statErr := os.Stat(c.sqlitePath()); c.Database != "" || statErr == nil {
		a, err := openApp(ctx, c, io.Discard)
		if err != nil {
			return usageErr("%v", err)
		}
		stored = a.svc.ScreeningIndex()
		a.store.Close()
	}
	x := stored
	if len(entries) > 0 {
		if stored != nil {
			entries = append(entries, stored.Entries()...)
		}
		x = screening.NewIndex(entries)
	}
	if x == nil || x.Len() == 0 {
		return usageErr("no list to screen against: import lists with 'kycd lists import' or name list files with --list FORMAT:FILE")
	}
	if batch {
		return screenBatch(x, threshold, stdio)
	}
	hits := x.Search(q)
	if asJSON {
		enc := json.NewEncoder(stdio.stdout)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(screening.NewAnswer(hits)); err != nil {
			return usageErr("%v", err)
		}
	} else if len(hits) == 0 {
		fmt.Fprintln(stdio.stdout, "no hits")
	} else {
		for _, h := range hits {
			fmt.Fprintf(stdio.stdout, "%.3f  %s:%s  %s", h.Score, h.List, h.EntryID, h.Name)
			if h.MatchedName != h.Name {
				fmt.Fprintf(stdio.stdout, "  (matched %q)", h.MatchedName)
			}
			fmt.Fprintln(stdio.stdout)
		}
	}
	if len(hits) > 0 {
		return exitInvalid
	}
	return exitOK
}

// batchLine is one line's answer in batch mode.
type batchLine struct {
	Line  int                    `json:"line"`
	Hits  *[]screening.AnswerHit `json:"hits,omitempty"`
	Error string                 `json:"error,omitempty"`
}

// maxBatchLine bounds one input line; longer lines are reported, not read.
const maxBatchLine = 4096

// screenBatch screens every line of standard input against x, answering
// each line as it is read so a whole customer base streams through.
func screenBatch(x *screening.Index, threshold float64, stdio stdio) int {
	sc := bufio.NewScanner(stdio.stdin)
	sc.Buffer(make([]byte, 0, maxBatchLine), maxBatchLine)
	out := bufio.NewWriter(stdio.stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	code := exitOK
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" {
			continue
		}
		f := strings.Split(text, "\t")
		var ans batchLine
		ans.Line = line
		if len(f) > 3 {
			ans.Error = fmt.Sprintf("%d tab-separated fields: want name, or name<TAB>YYYY-MM-DD<TAB>country", len(f))
		} else {
			f = append(f, "", "")
			q, err := screening.NewQuery(f[0], f[1], f[2])
			if err != nil {
				ans.Error = err.Error()
			} else {
				q.Threshold = threshold
				hits := screening.NewAnswer(x.Search(q)).Hits
				ans.Hits = &hits
			}
		}
		if ans.Error != "" {
			code = exitUsage
		} else if len(*ans.Hits) > 0 && code == exitOK {
			code = exitInvalid
		}
		if err := enc.Encode(ans); err != nil {
			fmt.Fprintf(stdio.stderr, "kycd screen: %v\n", err)
			return exitUsage
		}
	}
	if err := sc.Err(); err != nil {
		out.Flush()
		fmt.Fprintf(stdio.stderr, "kycd screen: standard input line %d: %v\n", line+1, err)
		return exitUsage
	}
	return code
}
