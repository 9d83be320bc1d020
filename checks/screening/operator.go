package screening

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// OperatorColumns are the columns of the operator CSV format, for
// documentation and error messages. Only id and name are required; a
// header line naming the columns (in any order) is.
var OperatorColumns = []string{"id", "name", "aliases", "dob", "nationality", "document_number", "list", "type"}

// operatorType maps the values the operator CSV's type column accepts to
// entry types: kycd's own words and the common synonyms operators' exports
// use. An empty value leaves the type unknown, which people-only searches
// treat as a possible person.
var operatorType = map[string]EntryType{
	"individual": Individual, "person": Individual, "natural person": Individual,
	"entity": Entity, "organisation": Entity, "organization": Entity, "company": Entity, "legal entity": Entity,
	"vessel": Vessel, "ship": Vessel,
	"aircraft": Aircraft, "airplane": Aircraft,
}

// ParseCSV reads an operator's own list (PEPs, an internal blocklist) in
// kycd's simple CSV format: comma-separated, UTF-8, a header line with the
// column names of OperatorColumns, one entry per line. Multi-valued fields
// (aliases, dob, nationality, document_number) separate their values with
// '|'. dob is YYYY-MM-DD, YYYY-MM or YYYY; nationality an ISO 3166 code or
// English country name. list, when given, names the entry's list;
// otherwise the entry belongs to listName. type, when given, is
// individual, entity, vessel or aircraft (or a synonym in operatorType);
// without it the entry's type is unknown, and a search restricted to
// people (Query.Individuals) still meets it, so a company on an operator
// list without the column can hit an applicant. Lines starting with '#' are
// comments. Unknown columns are refused so a misspelt header cannot
// silently drop a field.
func ParseCSV(listName string, f File) (*List, error) {
	b, err := readAll(f)
	if err != nil {
		return nil, err
	}
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	r := csv.NewReader(bytes.NewReader(b))
	r.Comment = '#'
	r.TrimLeadingSpace = true
	header, err := r.Read()
	if err == io.EOF {
		return nil, &ParseError{File: f.Name, Err: errors.New("no header line (want " + strings.Join(OperatorColumns, ",") + ")")}
	}
	if err != nil {
		return nil, csvError(f.Name, err)
	}
	hline, _ := r.FieldPos(0)
	col := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		known := false
		for _, c := range OperatorColumns {
			known = known || c == h
		}
		if !known {
			return nil, &ParseError{File: f.Name, Line: hline, Err: fmt.Errorf("unknown column %q (want %s)", h, strings.Join(OperatorColumns, ","))}
		}
		if _, dup := col[h]; dup {
			return nil, &ParseError{File: f.Name, Line: hline, Err: fmt.Errorf("column %q appears twice", h)}
		}
		col[h] = i
	}
	for _, need := range []string{"id", "name"} {
		if _, ok := col[need]; !ok {
			return nil, &ParseError{File: f.Name, Line: hline, Err: fmt.Errorf("header has no %q column", need)}
		}
	}
	get := func(rec []string, c string) string {
		if i, ok := col[c]; ok {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	split := func(s string) []string {
		var out []string
		for _, v := range strings.Split(s, "|") {
			if v = strings.TrimSpace(v); v != "" {
				out = append(out, v)
			}
		}
		return out
	}
	l := &List{Name: listName}
	seen := map[string]bool{}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(f.Name, err)
		}
		line, _ := r.FieldPos(0)
		fail := func(format string, a ...any) error {
			return &ParseError{File: f.Name, Line: line, Err: fmt.Errorf(format, a...)}
		}
		e := Entry{ID: get(rec, "id"), List: get(rec, "list")}
		if e.List == "" {
			e.List = listName
		}
		switch {
		case e.ID == "":
			return nil, fail("empty id")
		case seen[e.List+"\x00"+e.ID]:
			return nil, fail("id %q appears twice in list %q", e.ID, e.List)
		}
		seen[e.List+"\x00"+e.ID] = true
		if v := strings.ToLower(get(rec, "type")); v != "" {
			t, ok := operatorType[strings.Join(strings.Fields(strings.ReplaceAll(v, "_", " ")), " ")]
			if !ok {
				return nil, fail("id %s: unknown type %q (want individual, entity, vessel or aircraft)", e.ID, v)
			}
			e.Type = t
		}
		name := get(rec, "name")
		if name == "" {
			return nil, fail("id %s: empty name", e.ID)
		}
		e.Names = []string{name}
		for _, a := range split(get(rec, "aliases")) {
			e.Names = addUnique(e.Names, a)
		}
		for _, v := range split(get(rec, "dob")) {
			d, err := ParseDate(v)
			if err != nil {
				return nil, fail("id %s: dob: %v", e.ID, err)
			}
			e.DOBs = addDate(e.DOBs, d)
		}
		for _, v := range split(get(rec, "nationality")) {
			c := NormalizeCountry(v)
			if c == "" {
				return nil, fail("id %s: unknown nationality %q", e.ID, v)
			}
			e.Nationalities = addUnique(e.Nationalities, c)
		}
		for _, v := range split(get(rec, "document_number")) {
			n := NormalizeDocument(v)
			if n == "" {
				return nil, fail("id %s: document number %q has no letters or digits", e.ID, v)
			}
			e.DocumentNumbers = addUnique(e.DocumentNumbers, n)
		}
		l.Entries = append(l.Entries, e)
	}
	return l, nil
}
