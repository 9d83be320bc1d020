package screening

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// EntryType says what kind of subject an entry lists.
type EntryType string

// Entry types. Lists that do not say (the operator CSV) leave it empty.
const (
	Individual EntryType = "individual"
	Entity     EntryType = "entity"
	Vessel     EntryType = "vessel"
	Aircraft   EntryType = "aircraft"
)

// Entry is one listed person or organisation.
type Entry struct {
	// ID is the publisher's identifier, unique within List (OFAC ent_num,
	// UN reference number, EU logical id, the operator's id).
	ID string
	// List names the list the entry comes from: "ofac", "un", "eu" or an
	// operator list's name.
	List string
	Type EntryType
	// Names holds the primary name first, then every alias, as published
	// (normalisation happens in the Index, so reviewers see the original).
	Names []string
	// DOBs are the published dates of birth; lists often give several or
	// only a year.
	DOBs []Date
	// Nationalities are ISO 3166 alpha-3 codes (citizenship included).
	Nationalities []string
	// DocumentNumbers are passport and ID numbers, normalised with
	// NormalizeDocument.
	DocumentNumbers []string
	// Programs are the sanctions programmes or list sections, for reviewers.
	Programs []string
}

// List is one parsed list file (or file set) with the publisher's version.
type List struct {
	// Name is the list's name, as in Entry.List.
	Name string
	// Version is the publisher's date or version stamp ("2024-05-02" for
	// the UN dateGenerated, the EU generation date); empty when the format
	// carries none (OFAC's legacy CSV), so the caller may set it.
	Version string
	Entries []Entry
}

// Date is a date of birth, possibly only a year (Month and Day zero) or a
// year and month (Day zero).
type Date struct {
	Year, Month, Day int
}

// IsZero reports whether d is unknown.
func (d Date) IsZero() bool { return d.Year == 0 }

// String formats d as YYYY-MM-DD, YYYY-MM or YYYY.
func (d Date) String() string {
	switch {
	case d.Year == 0:
		return ""
	case d.Month == 0:
		return fmt.Sprintf("%04d", d.Year)
	case d.Day == 0:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

var daysIn = [13]int{0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

// ParseDate reads YYYY-MM-DD, YYYY-MM or YYYY. It checks ranges but not leap
// years: a list's 29 Feb of a common year is a typo worth keeping, not a
// reason to refuse the list.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	parts := strings.Split(s, "-")
	if len(parts) > 3 || len(parts[0]) != 4 {
		return Date{}, fmt.Errorf("date %q: want YYYY-MM-DD, YYYY-MM or YYYY", s)
	}
	var n [3]int
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 || (i > 0 && len(p) != 2) {
			return Date{}, fmt.Errorf("date %q: want YYYY-MM-DD, YYYY-MM or YYYY", s)
		}
		n[i] = v
	}
	d := Date{Year: n[0], Month: n[1], Day: n[2]}
	if d.Year < 1800 || d.Year > 2200 ||
		(len(parts) > 1 && (d.Month < 1 || d.Month > 12)) ||
		(len(parts) > 2 && (d.Day < 1 || d.Day > daysIn[d.Month])) {
		return Date{}, fmt.Errorf("date %q: out of range", s)
	}
	return d, nil
}

// NormalizeDocument reduces a document number to upper-case letters and
// digits, so "A 123-456" and "a123456" compare equal.
func NormalizeDocument(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9', r >= 'A' && r <= 'Z':
			b.WriteRune(r)
		case r >= 'a' && r <= 'z':
			b.WriteRune(r - 'a' + 'A')
		case r >= '０' && r <= '９':
			b.WriteRune(r - '０' + '0')
		}
	}
	return b.String()
}

// File is a list file to parse: its content and the name used in errors
// (a path or URL).
type File struct {
	Name   string
	Reader io.Reader
}

// ParseError reports where a list file is malformed. Line is 1-based; for
// XML, Element names the element being read.
type ParseError struct {
	File    string
	Line    int
	Element string
	Err     error
}

func (e *ParseError) Error() string {
	var b strings.Builder
	b.WriteString("screening: ")
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Element != "" {
		fmt.Fprintf(&b, ": <%s>", e.Element)
	}
	b.WriteString(": ")
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *ParseError) Unwrap() error { return e.Err }

// ErrEmpty is wrapped by a ParseError when a list file holds no entries: an
// empty download must never replace a real list.
var ErrEmpty = errors.New("no entries")

// maxFileSize bounds what a parser reads, so a hostile or runaway file
// cannot exhaust memory; the largest real lists are around 30 MB.
const maxFileSize = 256 << 20

// addUnique appends v to s unless it is empty or already there.
func addUnique(s []string, v string) []string {
	if v == "" {
		return s
	}
	for _, x := range s {
		if x == v {
			return s
		}
	}
	return append(s, v)
}

func addDate(s []Date, d Date) []Date {
	if d.IsZero() {
		return s
	}
	for _, x := range s {
		if x == d {
			return s
		}
	}
	return append(s, d)
}

// readAll reads f whole, refusing files over maxFileSize.
func readAll(f File) ([]byte, error) {
	if f.Reader == nil {
		return nil, &ParseError{File: f.Name, Err: errors.New("no content")}
	}
	b, err := io.ReadAll(io.LimitReader(f.Reader, maxFileSize+1))
	if err != nil {
		return nil, &ParseError{File: f.Name, Err: err}
	}
	if len(b) > maxFileSize {
		return nil, &ParseError{File: f.Name, Err: fmt.Errorf("larger than %d MiB", maxFileSize>>20)}
	}
	return b, nil
}
