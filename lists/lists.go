// Package lists fetches sanctions and PEP list files from disk or from
// configured URLs and parses them with checks/screening, and runs the
// scheduled refresh that imports them into kycd.
package lists

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/checks/screening"
)

// Formats are the list formats kycd reads.
var Formats = []string{"ofac", "un", "eu", "csv", "opensanctions", "ftm"}

// maxListBytes bounds a download: the real consolidated lists are a few
// tens of megabytes.
const maxListBytes = 200 << 20

// Source is one list to import: its format and where it lives (a path or
// an http(s) URL). Name overrides the list's name (for operator CSVs the
// default is the file's base name).
type Source struct {
	Name     string
	Format   string
	Location string
}

// ParseSource reads "name=format:location" or "format:location".
func ParseSource(s string) (Source, error) {
	var src Source
	if n, rest, ok := strings.Cut(s, "="); ok && !strings.Contains(n, ":") {
		src.Name, s = n, rest
	}
	f, loc, ok := strings.Cut(s, ":")
	if !ok || loc == "" {
		return src, fmt.Errorf("list source %q: want [NAME=]FORMAT:FILE (FILE a path or an http(s) URL)", s)
	}
	src.Format, src.Location = strings.ToLower(f), loc
	if !validFormat(src.Format) {
		return src, fmt.Errorf("list source %q: unknown format %q (want %s)", s, src.Format, strings.Join(Formats, ", "))
	}
	return src, nil
}

func validFormat(f string) bool {
	for _, v := range Formats {
		if v == f {
			return true
		}
	}
	return false
}

// Fetcher reads list files; Client is used for URLs.
type Fetcher struct {
	Client *http.Client
}

// NewFetcher returns a fetcher with a generous timeout for large lists.
func NewFetcher() *Fetcher { return &Fetcher{Client: &http.Client{Timeout: 2 * time.Minute}} }

func isURL(loc string) bool {
	return strings.HasPrefix(loc, "http://") || strings.HasPrefix(loc, "https://")
}

// fetch returns the bytes at loc; os.ErrNotExist when it does not exist.
func (f *Fetcher) fetch(ctx context.Context, loc string) ([]byte, error) {
	if !isURL(loc) {
		return os.ReadFile(loc)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, loc, nil)
	if err != nil {
		return nil, err
	}
	resp, err := f.Client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotFound {
		return nil, fmt.Errorf("%s: %w", loc, os.ErrNotExist)
	}
	if resp.StatusCode/100 != 2 {
		return nil, fmt.Errorf("%s: the server answered %s", loc, resp.Status)
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxListBytes+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxListBytes {
		return nil, fmt.Errorf("%s: larger than %d MB", loc, maxListBytes>>20)
	}
	return b, nil
}

// sibling is the location of file name beside loc (OFAC's alt.csv and
// add.csv next to sdn.csv).
func sibling(loc, name string) string {
	if isURL(loc) {
		u, err := url.Parse(loc)
		if err != nil {
			return ""
		}
		u.Path = path.Join(path.Dir(u.Path), name)
		return u.String()
	}
	return filepath.Join(filepath.Dir(loc), name)
}

// Load fetches and parses one source. A malformed file fails with a
// *screening.ParseError naming its line.
func (f *Fetcher) Load(ctx context.Context, src Source) (*screening.List, error) {
	main, err := f.fetch(ctx, src.Location)
	if err != nil {
		return nil, err
	}
	file := func(name string, b []byte) screening.File {
		return screening.File{Name: name, Reader: bytes.NewReader(b)}
	}
	var l *screening.List
	switch src.Format {
	case "ofac":
		// alt.csv and add.csv are optional companions of sdn.csv.
		var side [2]screening.File
		for i, n := range []string{"alt.csv", "add.csv"} {
			loc := sibling(src.Location, n)
			b, err := f.fetch(ctx, loc)
			if err != nil && !errors.Is(err, os.ErrNotExist) {
				return nil, err
			}
			if err == nil {
				side[i] = file(loc, b)
			}
		}
		l, err = screening.ParseOFAC(file(src.Location, main), side[0], side[1])
	case "un":
		l, err = screening.ParseUN(file(src.Location, main))
	case "eu":
		l, err = screening.ParseEU(file(src.Location, main))
	case "csv":
		name := src.Name
		if name == "" {
			name = strings.TrimSuffix(filepath.Base(src.Location), filepath.Ext(src.Location))
		}
		l, err = screening.ParseCSV(name, file(src.Location, main))
	case "opensanctions":
		l, err = screening.ParseOpenSanctionsCSV(cmp.Or(src.Name, "opensanctions"), file(src.Location, main))
	case "ftm":
		l, err = screening.ParseFollowTheMoney(cmp.Or(src.Name, "opensanctions"), file(src.Location, main))
	default:
		return nil, fmt.Errorf("unknown list format %q (want %s)", src.Format, strings.Join(Formats, ", "))
	}
	if err != nil {
		return nil, err
	}
	if src.Name != "" {
		l.Name = src.Name
		for i := range l.Entries {
			l.Entries[i].List = src.Name
		}
	}
	return l, nil
}

// Refresher imports every configured source on a schedule. A source that
// fails to download or parse keeps its previous version active; the error
// is logged and retried at the next run.
type Refresher struct {
	Svc      *kycd.Service
	Fetcher  *Fetcher
	Sources  []Source
	Interval time.Duration
	Log      *slog.Logger
}

// RunOnce imports every source, then screens approved accounts again if
// any list changed. It returns the first error (after trying them all).
func (r *Refresher) RunOnce(ctx context.Context) error {
	var first error
	changed := false
	for _, src := range r.Sources {
		l, err := r.Fetcher.Load(ctx, src)
		if err == nil {
			_, err = r.Svc.ImportScreeningList(ctx, kycd.System, l, src.Format, src.Location)
		}
		if err != nil {
			r.Log.Error("screening list refresh failed; the previous version stays active", "format", src.Format,
				"source", src.Location, "err", err)
			if first == nil {
				first = err
			}
			continue
		}
		changed = true
		r.Log.Info("screening list imported", "list", l.Name, "version", l.Version, "entries", len(l.Entries))
	}
	if changed {
		n, err := r.Svc.Rescreen(ctx)
		if err != nil && first == nil {
			first = err
		}
		r.Log.Info("approved accounts screened again", "alerts", n)
	}
	return first
}

// Run refreshes now and then every Interval until ctx ends.
func (r *Refresher) Run(ctx context.Context) {
	if len(r.Sources) == 0 {
		return
	}
	for {
		r.RunOnce(ctx)
		select {
		case <-ctx.Done():
			return
		case <-time.After(r.Interval):
		}
	}
}
