package screening

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// ParseEU reads the EU financial sanctions consolidated list in either of
// the forms the EU publishes: the ';'-separated CSV (one row per alias or
// attribute, columns named in the header) or the XML export (root
// "export", one sanctionEntity per subject). It tells them apart by the
// first non-blank byte. The list is named "eu"; Version is the file's
// generation date; entry IDs are the EU logical ids.
func ParseEU(f File) (*List, error) {
	b, err := readAll(f)
	if err != nil {
		return nil, err
	}
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if t := bytes.TrimSpace(b); len(t) > 0 && t[0] == '<' {
		return parseEUXML(f.Name, b)
	}
	return parseEUCSV(f.Name, b)
}

// euColumns are the CSV columns ParseEU reads; the others (addresses,
// regulations, remarks) are for reviewers reading the source.
var euColumns = []string{
	"fileGenerationDate", "Entity_LogicalId", "Entity_EU_ReferenceNumber", "Entity_SubjectType",
	"Entity_Regulation_Programme", "NameAlias_WholeName", "BirthDate_BirthDate", "BirthDate_Year",
	"Citizenship_CountryIso2Code", "Identification_Number",
}

func parseEUCSV(name string, b []byte) (*List, error) {
	r := csv.NewReader(bytes.NewReader(b))
	r.Comma = ';'
	header, err := r.Read()
	if err != nil {
		if err == io.EOF {
			return nil, &ParseError{File: name, Err: ErrEmpty}
		}
		return nil, csvError(name, err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimSpace(h)] = i
	}
	for _, need := range []string{"Entity_LogicalId", "NameAlias_WholeName"} {
		if _, ok := col[need]; !ok {
			return nil, &ParseError{File: name, Line: 1, Err: fmt.Errorf("header has no %s column (not an EU FSF CSV file?)", need)}
		}
	}
	get := func(rec []string, c string) string {
		if i, ok := col[c]; ok {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	l := &List{Name: "eu"}
	byID := map[string]int{}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(name, err)
		}
		line, _ := r.FieldPos(0)
		id := get(rec, "Entity_LogicalId")
		if id == "" {
			if strings.TrimSpace(strings.Join(rec, "")) == "" {
				continue
			}
			return nil, &ParseError{File: name, Line: line, Err: errors.New("empty Entity_LogicalId")}
		}
		if l.Version == "" {
			l.Version = get(rec, "fileGenerationDate")
		}
		i, ok := byID[id]
		if !ok {
			i = len(l.Entries)
			byID[id] = i
			l.Entries = append(l.Entries, Entry{ID: id, List: "eu", Type: euType(get(rec, "Entity_SubjectType"))})
		}
		e := &l.Entries[i]
		e.Names = addUnique(e.Names, get(rec, "NameAlias_WholeName"))
		e.Programs = addUnique(e.Programs, get(rec, "Entity_Regulation_Programme"))
		if err := e.addEUAttributes(get(rec, "BirthDate_BirthDate"), get(rec, "BirthDate_Year"),
			get(rec, "Citizenship_CountryIso2Code"), get(rec, "Identification_Number")); err != nil {
			return nil, &ParseError{File: name, Line: line, Err: fmt.Errorf("entity %s: %w", id, err)}
		}
	}
	return euDone(name, l)
}

func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &ParseError{File: name, Line: pe.Line, Err: pe.Err}
	}
	return &ParseError{File: name, Err: err}
}

// euDone refuses a list with no entries or an entry without any name (its
// attribute rows came without a name row: a cut file).
func euDone(name string, l *List) (*List, error) {
	if len(l.Entries) == 0 {
		return nil, &ParseError{File: name, Err: ErrEmpty}
	}
	for _, e := range l.Entries {
		if len(e.Names) == 0 {
			return nil, &ParseError{File: name, Err: fmt.Errorf("entity %s has no name", e.ID)}
		}
	}
	return l, nil
}

func euType(s string) EntryType {
	switch strings.ToLower(s) {
	case "person", "p":
		return Individual
	case "enterprise", "e", "entity":
		return Entity
	}
	return ""
}

// addEUAttributes adds one row's (or element's) birth date, citizenship and
// document. The EU writes full dates as YYYY-MM-DD and year-only dates in
// the year field.
func (e *Entry) addEUAttributes(date, year, citizen, doc string) error {
	switch {
	case date != "":
		d, err := ParseDate(date)
		if err != nil {
			return fmt.Errorf("birth date: %w", err)
		}
		e.DOBs = addDate(e.DOBs, d)
	case year != "" && year != "0":
		d, err := ParseDate(year)
		if err != nil {
			return fmt.Errorf("birth year: %w", err)
		}
		e.DOBs = addDate(e.DOBs, d)
	}
	if citizen != "" {
		e.Nationalities = addUnique(e.Nationalities, NormalizeCountry(citizen))
	}
	if n := NormalizeDocument(doc); len(n) >= 4 {
		e.DocumentNumbers = addUnique(e.DocumentNumbers, n)
	}
	return nil
}

// euEntity is one sanctionEntity of the XML export; attributes only, as
// the EU writes them.
type euEntity struct {
	LogicalID   string `xml:"logicalId,attr"`
	SubjectType struct {
		Code string `xml:"code,attr"`
	} `xml:"subjectType"`
	Regulations []struct {
		Programme string `xml:"programme,attr"`
	} `xml:"regulation"`
	Names []struct {
		WholeName string `xml:"wholeName,attr"`
	} `xml:"nameAlias"`
	Births []struct {
		Date string `xml:"birthdate,attr"`
		Year string `xml:"year,attr"`
	} `xml:"birthdate"`
	Citizenships []struct {
		Country string `xml:"countryIso2Code,attr"`
	} `xml:"citizenship"`
	Identifications []struct {
		Number string `xml:"number,attr"`
	} `xml:"identification"`
}

func parseEUXML(name string, b []byte) (*List, error) {
	d := xml.NewDecoder(bytes.NewReader(b))
	l := &List{Name: "eu"}
	seen := map[string]bool{}
	root := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		line, _ := d.InputPos()
		if err != nil {
			return nil, &ParseError{File: name, Line: line, Err: err}
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch {
		case !root && se.Name.Local == "export":
			root = true
			for _, a := range se.Attr {
				if a.Name.Local == "generationDate" {
					l.Version = strings.TrimSpace(a.Value)
				}
			}
		case !root:
			return nil, &ParseError{File: name, Line: line, Element: se.Name.Local, Err: errors.New("not an EU sanctions export (want root export)")}
		case se.Name.Local == "sanctionEntity":
			var x euEntity
			if err := d.DecodeElement(&x, &se); err != nil {
				return nil, &ParseError{File: name, Line: line, Element: "sanctionEntity", Err: err}
			}
			e, err := x.entry()
			if err == nil && seen[e.ID] {
				err = fmt.Errorf("logicalId %s appears twice", e.ID)
			}
			if err != nil {
				return nil, &ParseError{File: name, Line: line, Element: "sanctionEntity", Err: err}
			}
			seen[e.ID] = true
			l.Entries = append(l.Entries, e)
		default:
			// globalFileMetadata and other list-level elements.
			if err := d.Skip(); err != nil {
				return nil, &ParseError{File: name, Line: line, Element: se.Name.Local, Err: err}
			}
		}
	}
	return euDone(name, l)
}

func (x *euEntity) entry() (Entry, error) {
	e := Entry{ID: strings.TrimSpace(x.LogicalID), List: "eu", Type: euType(x.SubjectType.Code)}
	if e.ID == "" {
		return e, errors.New("no logicalId")
	}
	for _, n := range x.Names {
		e.Names = addUnique(e.Names, strings.TrimSpace(n.WholeName))
	}
	if len(e.Names) == 0 {
		return e, fmt.Errorf("entity %s has no nameAlias wholeName", e.ID)
	}
	for _, r := range x.Regulations {
		e.Programs = addUnique(e.Programs, strings.TrimSpace(r.Programme))
	}
	for _, b := range x.Births {
		if err := e.addEUAttributes(strings.TrimSpace(b.Date), strings.TrimSpace(b.Year), "", ""); err != nil {
			return e, fmt.Errorf("entity %s: %w", e.ID, err)
		}
	}
	for _, c := range x.Citizenships {
		e.Nationalities = addUnique(e.Nationalities, NormalizeCountry(c.Country))
	}
	for _, i := range x.Identifications {
		if n := NormalizeDocument(i.Number); len(n) >= 4 {
			e.DocumentNumbers = addUnique(e.DocumentNumbers, n)
		}
	}
	return e, nil
}
