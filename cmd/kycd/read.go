package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/kycd/kycd/checks/ocr"
	"github.com/kycd/kycd/checks/photo"
)

// `kycd read --kind id_front|id_back|passport [--json] FILE` (DESIGN.md §5):
// what document reading makes of one photo. Exit 0 when anything was read,
// 1 when nothing was, 2 on a usage error or when reading is not installed.

func init() {
	commands["read"] = command{summary: "read the fields of a document photo (--kind id_front|id_back|passport)", run: runRead}
}

// readMRZ is `check mrz`'s object with the lines it was parsed from.
type readMRZ struct {
	Lines []string `json:"lines"`
	mrzOutput
}

type readOutput struct {
	Kind string `json:"kind"`
	// DocumentType is the document the photo shows (a card front's is
	// told from its title: cn_rid, hk_id, mo_id, tw_id, hk_mo_permit,
	// tw_permit, cn_hkmo_permit; passport).
	DocumentType string             `json:"document_type,omitempty"`
	Fields       map[string]string  `json:"fields"`
	Confidence   map[string]float64 `json:"confidence"`
	// Unverified are values read that fail their own checks.
	Unverified map[string]string `json:"unverified,omitempty"`
	MRZ        *readMRZ          `json:"mrz,omitempty"`
}

// ocrDir is where the engine's files are for a CLI run: the environment
// the command was given first (tests set it), then ocr.Dir's search.
func ocrDir(getenv func(string) string) string {
	if d := getenv("KYCD_OCR_DIR"); d != "" {
		return d
	}
	return ocr.Dir()
}

func runRead(_ context.Context, stdio stdio, args []string) int {
	fs := flag.NewFlagSet("kycd read", flag.ContinueOnError)
	fs.SetOutput(stdio.stderr)
	kind := fs.String("kind", "", "what the photo shows: id_front, id_back or passport (id_front: any card's front — resident, Hong Kong, Macau, Taiwan card or travel permit, told from its title)")
	asJSON := fs.Bool("json", false, "print one JSON object")
	lang := fs.String("lang", "en", "language of MRZ findings: en or zh-CN")
	threads := fs.Int("threads", 2, "threads ONNX Runtime may use")
	fs.Usage = func() {
		fmt.Fprintln(stdio.stderr, "usage: kycd read --kind id_front|id_back|passport [--json] FILE")
		fs.PrintDefaults()
	}
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(files) != 1 || !slices.Contains(ocr.Kinds, *kind) {
		if *kind != "" && !slices.Contains(ocr.Kinds, *kind) {
			fmt.Fprintf(stdio.stderr, "kycd read: unknown kind %q\n", *kind)
		}
		fs.Usage()
		return exitUsage
	}
	data, err := readPhoto(files[0], stdio.stdin, photo.DefaultConfig().MaxBytes)
	if err != nil {
		fmt.Fprintf(stdio.stderr, "kycd read: %v\n", err)
		return exitUsage
	}
	r, err := ocr.Open(ocr.Config{Dir: ocrDir(stdio.getenv), Threads: *threads})
	if err != nil {
		fmt.Fprintf(stdio.stderr, "kycd read: %v\n", err)
		return exitUsage
	}
	defer r.Close()
	// The document is read along the outline the photo check finds, as
	// the service reads an attached photo.
	outline, found := photo.OutlineOf(photo.Check(data, photo.Kind(*kind), photo.DefaultConfig()).Metrics)
	rd, err := ocr.ReadDocument(r, *kind, data, outline, found, time.Now())
	if err != nil {
		if errors.Is(err, photo.ErrUnreadable) {
			fmt.Fprintf(stdio.stderr, "kycd read: %v\n", err)
			return exitInvalid
		}
		fmt.Fprintf(stdio.stderr, "kycd read: %v\n", err)
		return exitUsage
	}
	out := readOutput{Kind: rd.Kind, DocumentType: rd.DocumentType, Fields: rd.Fields, Confidence: rd.Confidence, Unverified: rd.Unverified}
	if rd.MRZ != nil {
		out.MRZ = &readMRZ{Lines: rd.MRZ.Lines, mrzOutput: newMRZOutput(*rd.MRZ, *lang)}
	}
	code := exitOK
	if rd.Empty() {
		code = exitInvalid
	}
	if *asJSON {
		return emit(stdio, out, code == exitOK)
	}
	var b strings.Builder
	if rd.Empty() {
		fmt.Fprintf(&b, "nothing readable on this %s photo\n", rd.Kind)
	} else {
		head := rd.Kind
		if rd.DocumentType != "" && rd.DocumentType != rd.Kind {
			head += " (" + rd.DocumentType + ")"
		}
		fmt.Fprintf(&b, "%s:\n", head)
	}
	keys := make([]string, 0, len(rd.Fields))
	for k := range rd.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, "  %s: %s (%.2f)\n", k, rd.Fields[k], rd.Confidence[k])
	}
	keys = keys[:0]
	for k := range rd.Unverified {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, "  %s: could not read (saw %q, which fails its checks)\n", k, rd.Unverified[k])
	}
	if out.MRZ != nil {
		for _, l := range out.MRZ.Lines {
			fmt.Fprintf(&b, "  mrz: %s\n", l)
		}
	}
	return text(stdio, b.String(), code == exitOK)
}
