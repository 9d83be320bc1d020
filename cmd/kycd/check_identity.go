package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/kycd/kycd/checks/idnumber"
	"github.com/kycd/kycd/checks/mrz"
	"github.com/kycd/kycd/checks/name"
	"github.com/kycd/kycd/reason"
)

// The identity checks of DESIGN.md §5: `kycd check id|mrz|name`. Each
// prints one JSON object with --json (findings localized with --lang) and
// exits 0 when the input is valid, 1 when not, 2 on a usage or I/O error.

func init() {
	checkCommands["id"] = command{summary: "validate an identity number (--type cn_rid|hk_id|tw_id|mo_id|hk_mo_permit|tw_permit)", run: runCheckID}
	checkCommands["mrz"] = command{summary: "validate a machine-readable zone read from stdin", run: runCheckMRZ}
	checkCommands["name"] = command{summary: "normalise and validate a personal name", run: runCheckName}
}

// maxMRZInput bounds what `check mrz` reads: an MRZ is at most 92 bytes;
// anything far larger is not one.
const maxMRZInput = 64 << 10

// parseInterspersed parses flags that may come before or after the
// positional arguments (`check id 1101... --json`), which flag.FlagSet
// alone does not allow. Everything after "--" is positional.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if i := slices.Index(args, "--"); i >= 0 && len(args)-i-1 == len(rest) {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// checkFlags are the flags every identity check shares.
type checkFlags struct {
	json bool
	lang string
}

func newCheckFlagSet(name string, stdio stdio, cf *checkFlags) *flag.FlagSet {
	fs := flag.NewFlagSet("kycd check "+name, flag.ContinueOnError)
	fs.SetOutput(stdio.stderr)
	fs.BoolVar(&cf.json, "json", false, "print one JSON object")
	fs.StringVar(&cf.lang, "lang", "en", "language of messages: en or zh-CN")
	return fs
}

func runCheckID(_ context.Context, stdio stdio, args []string) int {
	var cf checkFlags
	fs := newCheckFlagSet("id", stdio, &cf)
	typ := fs.String("type", "", "number type: cn_rid, hk_id, tw_id, mo_id, hk_mo_permit, tw_permit")
	minAge := fs.Int("min-age", idnumber.DefaultMinAge, "minimum age for the underage finding (0 disables)")
	fs.Usage = func() {
		fmt.Fprintln(stdio.stderr, "usage: kycd check id --type TYPE [--json] [--lang zh-CN|en] [--min-age N] VALUE")
		fs.PrintDefaults()
	}
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) == 0 || !slices.Contains(idnumber.Types(), idnumber.Type(*typ)) {
		if *typ != "" && !slices.Contains(idnumber.Types(), idnumber.Type(*typ)) {
			fmt.Fprintf(stdio.stderr, "kycd check id: unknown --type %q\n", *typ)
		}
		fs.Usage()
		return exitUsage
	}
	age := *minAge
	if age == 0 {
		age = -1 // idnumber reads 0 as "the default"; on the command line 0 means none
	}
	// Several arguments are one number typed in groups: 110105 19491231 002X.
	r := idnumber.Check(idnumber.Type(*typ), strings.Join(pos, " "), idnumber.Options{Now: time.Now(), MinAge: age})
	r.Findings = reason.LocalizeAll(r.Findings, cf.lang)
	if cf.json {
		return emit(stdio, r, r.Valid)
	}
	var b strings.Builder
	if r.Valid {
		fmt.Fprintf(&b, "valid %s %s", r.Type, r.Normalized)
	} else {
		fmt.Fprintf(&b, "invalid %s %s", r.Type, r.Normalized)
	}
	var about []string
	if r.BirthDate != "" {
		about = append(about, "born "+r.BirthDate)
	}
	if r.Sex != "" {
		about = append(about, "sex "+r.Sex)
	}
	if r.Region != nil {
		about = append(about, strings.TrimSpace(r.Region.Province+r.Region.City+r.Region.County))
	}
	if len(about) > 0 {
		fmt.Fprintf(&b, " (%s)", strings.Join(about, ", "))
	}
	b.WriteString("\n")
	writeFindings(&b, r.Findings)
	return text(stdio, b.String(), r.Valid)
}

// mrzOutput is the JSON of `check mrz`: every field of §5 is always
// present (empty when unknown) so scripts need not test for it.
type mrzOutput struct {
	Valid          bool             `json:"valid"`
	Format         mrz.Format       `json:"format"`
	DocumentCode   string           `json:"document_code"`
	IssuingState   string           `json:"issuing_state"`
	DocumentNumber string           `json:"document_number"`
	Surname        string           `json:"surname"`
	GivenNames     string           `json:"given_names"`
	Nationality    string           `json:"nationality"`
	BirthDate      string           `json:"birth_date"`
	Sex            string           `json:"sex"`
	ExpiryDate     string           `json:"expiry_date"`
	OptionalData   string           `json:"optional_data"`
	OptionalData2  string           `json:"optional_data_2,omitempty"`
	Expired        bool             `json:"expired"`
	Findings       []reason.Finding `json:"findings"`
}

// newMRZOutput is the JSON of an MRZ result, for `check mrz` and `read`.
func newMRZOutput(r mrz.Result, lang string) mrzOutput {
	return mrzOutput{Valid: r.Valid, Format: r.Format, DocumentCode: r.DocumentCode, IssuingState: r.IssuingState,
		DocumentNumber: r.DocumentNumber, Surname: r.Surname, GivenNames: r.GivenNames, Nationality: r.Nationality,
		BirthDate: r.BirthDate, Sex: r.Sex, ExpiryDate: r.ExpiryDate, OptionalData: r.OptionalData,
		OptionalData2: r.OptionalData2, Expired: r.Expired, Findings: reason.LocalizeAll(r.Findings, lang)}
}

func runCheckMRZ(_ context.Context, stdio stdio, args []string) int {
	var cf checkFlags
	fs := newCheckFlagSet("mrz", stdio, &cf)
	fs.Usage = func() {
		fmt.Fprintln(stdio.stderr, "usage: kycd check mrz [--json] [--lang zh-CN|en] < lines")
		fs.PrintDefaults()
	}
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) > 0 {
		fs.Usage()
		return exitUsage
	}
	if stdio.stdin == nil {
		fmt.Fprintln(stdio.stderr, "kycd check mrz: no standard input")
		return exitUsage
	}
	in, err := io.ReadAll(io.LimitReader(stdio.stdin, maxMRZInput+1))
	if err != nil {
		fmt.Fprintf(stdio.stderr, "kycd check mrz: reading stdin: %v\n", err)
		return exitUsage
	}
	if len(in) > maxMRZInput {
		fmt.Fprintf(stdio.stderr, "kycd check mrz: input larger than %d bytes is not an MRZ\n", maxMRZInput)
		return exitUsage
	}
	// Valid speaks of the zone (shape and check digits); an expired
	// document is reported as a finding but still exits 0.
	r := mrz.Parse(string(in), mrz.Options{Now: time.Now()})
	out := newMRZOutput(r, cf.lang)
	if cf.json {
		return emit(stdio, out, r.Valid)
	}
	var b strings.Builder
	if r.Valid {
		fmt.Fprintf(&b, "valid %s %s %s: %s, %s; born %s, sex %s, nationality %s, expires %s\n", r.Format, r.DocumentCode,
			r.DocumentNumber, r.Surname, r.GivenNames, r.BirthDate, orDash(r.Sex), r.Nationality, r.ExpiryDate)
	} else {
		fmt.Fprintf(&b, "invalid MRZ %s\n", r.Format)
	}
	writeFindings(&b, out.Findings)
	return text(stdio, b.String(), r.Valid)
}

func runCheckName(_ context.Context, stdio stdio, args []string) int {
	var cf checkFlags
	fs := newCheckFlagSet("name", stdio, &cf)
	docType := fs.String("document-type", "", "document type (cn_rid, passport, ...): decides whether the name must be in Chinese")
	mrzName := fs.String("mrz-name", "", `the document's Latin name, e.g. "ZHANG<<SAN"`)
	nationality := fs.String("nationality", "", "ISO 3166 alpha-3 nationality (CHN passports are compared by pinyin)")
	fs.Usage = func() {
		fmt.Fprintln(stdio.stderr, `usage: kycd check name [--json] [--lang zh-CN|en] [--document-type T] [--mrz-name "SURNAME<<GIVEN"] NAME`)
		fs.PrintDefaults()
	}
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) == 0 {
		fs.Usage()
		return exitUsage
	}
	r := name.Check(strings.Join(pos, " "), name.Options{DocumentType: *docType, MRZName: *mrzName,
		Nationality: strings.ToUpper(*nationality)})
	r.Findings = reason.LocalizeAll(r.Findings, cf.lang)
	if cf.json {
		return emit(stdio, r, r.Valid)
	}
	var b strings.Builder
	if r.Valid {
		fmt.Fprintf(&b, "valid %s (%s)\n", r.Normalized, r.Script)
	} else {
		fmt.Fprintf(&b, "invalid %s\n", r.Normalized)
	}
	writeFindings(&b, r.Findings)
	return text(stdio, b.String(), r.Valid)
}

// emit prints v as one JSON object and returns the exit code for valid.
func emit(stdio stdio, v any, valid bool) int {
	enc := json.NewEncoder(stdio.stdout)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return exitUsage
	}
	return verdict(valid)
}

func text(stdio stdio, s string, valid bool) int {
	if _, err := io.WriteString(stdio.stdout, s); err != nil {
		return exitUsage
	}
	return verdict(valid)
}

func verdict(valid bool) int {
	if valid {
		return exitOK
	}
	return exitInvalid
}

func writeFindings(b *strings.Builder, fs []reason.Finding) {
	for _, f := range fs {
		fmt.Fprintf(b, "  %s [%s] %s", f.Code, f.Severity, f.Message)
		if f.Fix != "" {
			fmt.Fprintf(b, " %s", f.Fix)
		}
		b.WriteString("\n")
	}
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
