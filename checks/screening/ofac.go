package screening

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// OFAC's legacy CSV files have no header; these are their column counts.
const (
	sdnColumns = 12 // ent_num,SDN_Name,SDN_Type,Program,Title,Call_Sign,Vess_type,Tonnage,GRT,Vess_flag,Vess_owner,Remarks
	altColumns = 5  // ent_num,alt_num,alt_type,alt_name,alt_remarks
	addColumns = 6  // ent_num,add_num,address,city_state_zip,country,add_remarks
)

// ParseOFAC reads OFAC's SDN list in its legacy CSV form: sdn.csv and,
// when their Reader is not nil, alt.csv (aliases) and add.csv (addresses,
// whose country is not a nationality and is only checked for shape).
// Dates of birth, nationalities and document numbers come from the Remarks
// column ("DOB 10 Jun 1966; nationality Iran; Passport A123456 (Iran)").
// The list is named "ofac"; the legacy files carry no date, so Version is
// left for the caller.
func ParseOFAC(sdn, alt, add File) (*List, error) {
	l := &List{Name: "ofac"}
	byID := map[string]int{}
	err := readOFAC(sdn, sdnColumns, func(line int, rec []string) error {
		id := rec[0]
		if _, dup := byID[id]; dup {
			return fmt.Errorf("ent_num %s appears twice", id)
		}
		name := rec[1]
		if name == "" {
			return fmt.Errorf("ent_num %s: empty SDN_Name", id)
		}
		e := Entry{ID: id, List: "ofac", Names: []string{name}}
		switch strings.ToLower(rec[2]) {
		case "individual":
			e.Type = Individual
		case "vessel":
			e.Type = Vessel
		case "aircraft":
			e.Type = Aircraft
		case "":
			e.Type = Entity
		default:
			return fmt.Errorf("ent_num %s: unknown SDN_Type %q", id, rec[2])
		}
		for _, p := range strings.Split(rec[3], "] [") {
			e.Programs = addUnique(e.Programs, strings.Trim(p, "[] "))
		}
		parseOFACRemarks(&e, rec[11])
		byID[id] = len(l.Entries)
		l.Entries = append(l.Entries, e)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(l.Entries) == 0 {
		return nil, &ParseError{File: sdn.Name, Err: ErrEmpty}
	}
	if alt.Reader != nil {
		err := readOFAC(alt, altColumns, func(line int, rec []string) error {
			i, ok := byID[rec[0]]
			if !ok {
				return fmt.Errorf("ent_num %s is not in %s", rec[0], sdn.Name)
			}
			if rec[3] == "" {
				return fmt.Errorf("ent_num %s: empty alt_name", rec[0])
			}
			l.Entries[i].Names = addUnique(l.Entries[i].Names, rec[3])
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	if add.Reader != nil {
		err := readOFAC(add, addColumns, func(line int, rec []string) error {
			if _, ok := byID[rec[0]]; !ok {
				return fmt.Errorf("ent_num %s is not in %s", rec[0], sdn.Name)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return l, nil
}

// readOFAC reads one headerless OFAC CSV file, calling fn for every record
// with OFAC's "-0-" empty marker turned into "". The first column must be a
// positive integer (ent_num) in every file.
func readOFAC(f File, columns int, fn func(line int, rec []string) error) error {
	b, err := readAll(f)
	if err != nil {
		return err
	}
	// The legacy files end with a DOS end-of-file byte (0x1A) on its own line.
	b = bytes.TrimRight(b, "\r\n\x1a \t")
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = columns
	r.ReuseRecord = true
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return &ParseError{File: f.Name, Line: pe.Line, Err: pe.Err}
			}
			return &ParseError{File: f.Name, Err: err}
		}
		line, _ := r.FieldPos(0)
		for i, v := range rec {
			v = strings.TrimSpace(v)
			if v == "-0-" {
				v = ""
			}
			rec[i] = v
		}
		if n, err := strconv.Atoi(rec[0]); err != nil || n <= 0 {
			return &ParseError{File: f.Name, Line: line, Err: fmt.Errorf("ent_num %q is not a positive number", rec[0])}
		}
		if err := fn(line, rec); err != nil {
			return &ParseError{File: f.Name, Line: line, Err: err}
		}
	}
}

// docPrefixes are how OFAC's remarks introduce identity document numbers.
var docPrefixes = []string{
	"passport", "diplomatic passport", "national id no", "national id", "identification number",
	"id no", "cedula no", "nit #", "d.n.i", "dni", "rfc", "c.u.r.p", "curp", "tax id no",
	"ssn", "driver's license no", "personal id card", "residency number", "birth certificate number",
	"travel document number", "refugee id card", "electoral registry no", "seafarer's identification document",
	"public security and immigration no", "kenyan id no", "italian fiscal code", "registration id",
	"moroccan personal id no", "stateless person id card", "identity card", "id card",
}

// parseOFACRemarks picks dates of birth, nationalities and document numbers
// out of the free-text Remarks. Fragments it does not understand are left
// alone: remarks are prose, and an unusual phrase is not a malformed list.
func parseOFACRemarks(e *Entry, remarks string) {
	for _, seg := range strings.Split(remarks, ";") {
		seg = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(seg), "."))
		seg = strings.TrimPrefix(seg, "alt. ")
		low := strings.ToLower(seg)
		switch {
		case strings.HasPrefix(low, "dob "):
			for _, d := range parseOFACDates(seg[4:]) {
				e.DOBs = addDate(e.DOBs, d)
			}
		case strings.HasPrefix(low, "nationality "):
			e.Nationalities = addUnique(e.Nationalities, NormalizeCountry(seg[len("nationality "):]))
		case strings.HasPrefix(low, "citizen "):
			e.Nationalities = addUnique(e.Nationalities, NormalizeCountry(seg[len("citizen "):]))
		default:
			if n := ofacDocument(low, seg); n != "" {
				e.DocumentNumbers = addUnique(e.DocumentNumbers, n)
			}
		}
	}
}

// ofacDocument returns the normalised number of a remark such as "Passport
// A123456 (Iran)" or "National ID No. 0012345 (Iran) issued 2010", or "".
func ofacDocument(low, seg string) string {
	for _, p := range docPrefixes {
		if !strings.HasPrefix(low, p) {
			continue
		}
		rest := strings.TrimLeft(seg[len(p):], ". #:")
		if i := strings.Index(rest, "("); i >= 0 {
			rest = rest[:i]
		}
		// The number is the first word with a digit: "No. A123 issued ..."
		for _, w := range strings.Fields(rest) {
			if strings.ContainsAny(w, "0123456789") {
				if n := NormalizeDocument(w); len(n) >= 4 {
					return n
				}
				return ""
			}
		}
		return ""
	}
	return ""
}

var months = map[string]int{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
	"jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}

// parseOFACDates reads OFAC's date phrases: "10 Jun 1966", "Jun 1966",
// "1966", "circa 1966", "1960 to 1962" (every year of a short range) and
// "01 Jan 1960 to 31 Dec 1962" (both ends' years).
func parseOFACDates(s string) []Date {
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "circa"))
	if a, b, ok := strings.Cut(s, " to "); ok {
		da, db := parseOFACDate(a), parseOFACDate(b)
		if da.IsZero() || db.IsZero() {
			return nil
		}
		if da.Month == 0 && db.Month == 0 && db.Year >= da.Year && db.Year-da.Year <= 10 {
			var out []Date
			for y := da.Year; y <= db.Year; y++ {
				out = append(out, Date{Year: y})
			}
			return out
		}
		return []Date{{Year: da.Year}, {Year: db.Year}}
	}
	if d := parseOFACDate(s); !d.IsZero() {
		return []Date{d}
	}
	return nil
}

func parseOFACDate(s string) Date {
	f := strings.Fields(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "circa")))
	var d Date
	switch len(f) {
	case 1:
		d.Year, _ = strconv.Atoi(f[0])
	case 2:
		d.Month = months[strings.ToLower(f[0])]
		d.Year, _ = strconv.Atoi(f[1])
	case 3:
		d.Day, _ = strconv.Atoi(f[0])
		d.Month = months[strings.ToLower(f[1])]
		d.Year, _ = strconv.Atoi(f[2])
	default:
		return Date{}
	}
	if d.Year < 1800 || d.Year > 2200 || (len(f) > 1 && d.Month == 0) || (len(f) == 3 && (d.Day < 1 || d.Day > daysIn[d.Month])) {
		return Date{}
	}
	return d
}
