package screening

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// OpenSanctions publishes the consolidated sanctions and PEP data sets in
// two forms kycd reads (https://www.opensanctions.org/docs/bulk/):
//
//   - the "simple" CSV (targets.simple.csv): a header line, one target a
//     row, multi-valued fields separated by ';';
//   - FollowTheMoney entities (entities.ftm.json): one JSON object a line
//     with id, schema, properties (every property a list of strings) and
//     target (true for the listed subjects; sanctions, addresses and
//     identification documents are entities of their own).

// openSanctionsType maps a FollowTheMoney schema to an entry type; schemata
// that are not a screened subject (Sanction, Address, Passport, ...) are
// absent.
var openSanctionsType = map[string]EntryType{
	"Person": Individual, "Organization": Entity, "Company": Entity, "LegalEntity": Entity,
	"PublicBody": Entity, "Vessel": Vessel, "Airplane": Aircraft,
}

// ParseOpenSanctionsCSV reads OpenSanctions' simple CSV export. Columns are
// found by header name; id, schema and name are required, and aliases,
// birth_date, countries, identifiers and sanctions are read when present
// (others, such as addresses or phones, are ignored). Rows of schemata
// that are not a subject are skipped. countries (ISO 3166 alpha-2, lower
// case; OpenSanctions mixes nationality, citizenship and residence there)
// become nationalities; codes kycd does not know (historic ones such as
// suhh) are dropped.
func ParseOpenSanctionsCSV(listName string, f File) (*List, error) {
	b, err := readAll(f)
	if err != nil {
		return nil, err
	}
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err == io.EOF {
		return nil, &ParseError{File: f.Name, Err: fmt.Errorf("%w (no header line)", ErrEmpty)}
	}
	if err != nil {
		return nil, csvError(f.Name, err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	for _, need := range []string{"id", "schema", "name"} {
		if _, ok := col[need]; !ok {
			return nil, &ParseError{File: f.Name, Line: 1, Err: fmt.Errorf("header has no %q column (want OpenSanctions' simple CSV: id,schema,name,aliases,birth_date,countries,...)", need)}
		}
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
		if len(rec) != len(header) {
			return nil, &ParseError{File: f.Name, Line: line, Err: fmt.Errorf("%d fields, the header has %d", len(rec), len(header))}
		}
		get := func(c string) []string {
			i, ok := col[c]
			if !ok {
				return nil
			}
			var out []string
			for _, v := range strings.Split(rec[i], ";") {
				if v = strings.TrimSpace(v); v != "" {
					out = append(out, v)
				}
			}
			return out
		}
		one := func(c string) string { return strings.TrimSpace(rec[col[c]]) }
		typ, ok := openSanctionsType[one("schema")]
		if !ok {
			continue
		}
		e, err := osEntry(l.Name, one("id"), typ, one("name"), get("aliases"), get("birth_date"), get("countries"),
			get("identifiers"), get("sanctions"), seen)
		if err != nil {
			return nil, &ParseError{File: f.Name, Line: line, Err: err}
		}
		l.Entries = append(l.Entries, e)
	}
	if len(l.Entries) == 0 {
		return nil, &ParseError{File: f.Name, Err: ErrEmpty}
	}
	return l, nil
}

// osEntry builds one entry from OpenSanctions fields, checking what must
// hold in either format.
func osEntry(list, id string, typ EntryType, name string, aliases, dates, countries, ids, programs []string, seen map[string]bool) (Entry, error) {
	e := Entry{ID: id, List: list, Type: typ}
	switch {
	case id == "":
		return e, errors.New("empty id")
	case seen[id]:
		return e, fmt.Errorf("id %q appears twice", id)
	case name == "":
		return e, fmt.Errorf("id %s: empty name", id)
	}
	seen[id] = true
	e.Names = []string{name}
	for _, a := range aliases {
		e.Names = addUnique(e.Names, a)
	}
	for _, v := range dates {
		d, err := ParseDate(v)
		if err != nil {
			return e, fmt.Errorf("id %s: birth date: %v", id, err)
		}
		e.DOBs = addDate(e.DOBs, d)
	}
	for _, c := range countries {
		e.Nationalities = addUnique(e.Nationalities, NormalizeCountry(c))
	}
	for _, v := range ids {
		e.DocumentNumbers = addUnique(e.DocumentNumbers, NormalizeDocument(v))
	}
	for _, p := range programs {
		e.Programs = addUnique(e.Programs, p)
	}
	return e, nil
}

// maxFTMLine bounds one entity's JSON line; the largest real entities
// (companies with thousands of addresses) stay far below.
const maxFTMLine = 16 << 20

// ftmEntity is the part of a FollowTheMoney entity kycd reads.
type ftmEntity struct {
	ID         string              `json:"id"`
	Schema     string              `json:"schema"`
	Target     *bool               `json:"target"`
	Properties map[string][]string `json:"properties"`
}

// ParseFollowTheMoney reads FollowTheMoney entities, one JSON object a
// line (OpenSanctions' entities.ftm.json). Entities whose target is false
// or whose schema is not a subject are skipped; a subject's names come
// from name (the first is the primary name), alias, weakAlias and
// previousName (or firstName + lastName when name is missing), birth dates
// from birthDate, nationalities from nationality, citizenship and country,
// document numbers from idNumber, passportNumber, registrationNumber,
// innCode and imoNumber, programmes from program.
func ParseFollowTheMoney(listName string, f File) (*List, error) {
	b, err := readAll(f)
	if err != nil {
		return nil, err
	}
	sc := bufio.NewScanner(bytes.NewReader(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))))
	sc.Buffer(make([]byte, 0, 64<<10), maxFTMLine)
	l := &List{Name: listName}
	seen := map[string]bool{}
	line := 0
	for sc.Scan() {
		line++
		raw := bytes.TrimSpace(sc.Bytes())
		if len(raw) == 0 {
			continue
		}
		var ent ftmEntity
		dec := json.NewDecoder(bytes.NewReader(raw))
		if err := dec.Decode(&ent); err != nil {
			return nil, &ParseError{File: f.Name, Line: line, Err: fmt.Errorf("not a FollowTheMoney entity: %v", err)}
		}
		if dec.More() {
			return nil, &ParseError{File: f.Name, Line: line, Err: errors.New("more than one JSON value on the line (want one entity a line)")}
		}
		typ, ok := openSanctionsType[ent.Schema]
		if !ok || (ent.Target != nil && !*ent.Target) {
			continue
		}
		p := func(keys ...string) []string {
			var out []string
			for _, k := range keys {
				for _, v := range ent.Properties[k] {
					if v = strings.TrimSpace(v); v != "" {
						out = append(out, v)
					}
				}
			}
			return out
		}
		names := p("name")
		if len(names) == 0 {
			if n := strings.TrimSpace(strings.Join(append(p("firstName"), p("lastName")...), " ")); n != "" {
				names = []string{n}
			}
		}
		var name string
		if len(names) > 0 {
			name = names[0]
		}
		aliases := append(names[min(1, len(names)):], p("alias", "weakAlias", "previousName")...)
		e, err := osEntry(l.Name, strings.TrimSpace(ent.ID), typ, name, aliases, p("birthDate"),
			p("nationality", "citizenship", "country"), p("idNumber", "passportNumber", "registrationNumber", "innCode", "imoNumber"),
			p("program"), seen)
		if err != nil {
			return nil, &ParseError{File: f.Name, Line: line, Err: err}
		}
		l.Entries = append(l.Entries, e)
	}
	if err := sc.Err(); err != nil {
		return nil, &ParseError{File: f.Name, Line: line + 1, Err: err}
	}
	if len(l.Entries) == 0 {
		return nil, &ParseError{File: f.Name, Err: ErrEmpty}
	}
	return l, nil
}
