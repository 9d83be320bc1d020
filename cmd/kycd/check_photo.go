package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/kycd/kycd/checks/photo"
	"github.com/kycd/kycd/reason"
)

// `kycd check photo --kind KIND [--json] [--lang zh-CN|en] FILE` (DESIGN.md
// §5): the instant photo checks on one file. Exit 0 when the photo is
// accepted, 1 when rejected, 2 on a usage or I/O error.

func init() {
	checkCommands["photo"] = command{
		summary: "check a document photo or selfie (--kind id_front|id_back|passport|selfie)",
		run:     runCheckPhoto,
	}
}

// photoOutput is the JSON of `check photo --json`. accepted, findings and
// metrics are the contract; the rest is for people and integrators.
type photoOutput struct {
	Accepted bool               `json:"accepted"`
	Kind     string             `json:"kind"`
	Format   string             `json:"format"`
	Width    int                `json:"width"`
	Height   int                `json:"height"`
	PHash    string             `json:"phash"`
	Findings []reason.Finding   `json:"findings"`
	Metrics  map[string]float64 `json:"metrics"`
}

func runCheckPhoto(_ context.Context, stdio stdio, args []string) int {
	fs := flag.NewFlagSet("kycd check photo", flag.ContinueOnError)
	fs.SetOutput(stdio.stderr)
	kind := fs.String("kind", "", "what the photo shows: id_front, id_back, passport or selfie")
	asJSON := fs.Bool("json", false, "print one JSON object")
	lang := fs.String("lang", "en", "language of messages: en or zh-CN")
	fs.Usage = func() {
		fmt.Fprintln(stdio.stderr, "usage: kycd check photo --kind id_front|id_back|passport|selfie [--json] [--lang zh-CN|en] FILE")
		fs.PrintDefaults()
	}
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return exitUsage
	}
	k, kerr := photo.ParseKind(*kind)
	if len(files) != 1 || kerr != nil {
		if *kind != "" && kerr != nil {
			fmt.Fprintf(stdio.stderr, "kycd check photo: %v\n", kerr)
		}
		fs.Usage()
		return exitUsage
	}
	cfg := photo.DefaultConfig()
	data, err := readPhoto(files[0], stdio.stdin, cfg.MaxBytes)
	if err != nil {
		fmt.Fprintf(stdio.stderr, "kycd check photo: %v\n", err)
		return exitUsage
	}
	r := photo.Check(data, k, cfg)
	out := photoOutput{
		Accepted: r.Accepted, Kind: string(k), Format: r.Format, Width: r.Width, Height: r.Height,
		PHash:    fmt.Sprintf("%016x", r.PHash),
		Findings: reason.LocalizeAll(r.Findings, *lang),
		Metrics:  r.Metrics,
	}
	code := exitOK
	if !r.Accepted {
		code = exitInvalid
	}
	if *asJSON {
		enc := json.NewEncoder(stdio.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return exitUsage
		}
		return code
	}
	var b strings.Builder
	verdict := "accepted"
	if !r.Accepted {
		verdict = "rejected"
	}
	fmt.Fprintf(&b, "%s: %s %s %dx%d\n", verdict, k, r.Format, r.Width, r.Height)
	for _, f := range out.Findings {
		fmt.Fprintf(&b, "  %s [%s] %s\n", f.Code, f.Severity, f.Message)
		if f.Fix != "" {
			fmt.Fprintf(&b, "    %s\n", f.Fix)
		}
	}
	keys := make([]string, 0, len(r.Metrics))
	for m := range r.Metrics {
		keys = append(keys, m)
	}
	sort.Strings(keys)
	for _, m := range keys {
		fmt.Fprintf(&b, "  %s=%g\n", m, r.Metrics[m])
	}
	if _, err := io.WriteString(stdio.stdout, b.String()); err != nil {
		return exitUsage
	}
	return code
}

// readPhoto reads the file ("-" for stdin) up to one byte past the size
// limit: enough for the check to refuse it as too large without holding an
// arbitrarily large file in memory.
func readPhoto(name string, stdin io.Reader, maxBytes int) ([]byte, error) {
	r := stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	return io.ReadAll(io.LimitReader(r, int64(maxBytes)+1))
}
