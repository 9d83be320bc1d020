package screening

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// unSubject is one INDIVIDUAL or ENTITY element of the UN consolidated list.
type unSubject struct {
	DataID    string   `xml:"DATAID"`
	Reference string   `xml:"REFERENCE_NUMBER"`
	ListType  string   `xml:"UN_LIST_TYPE"`
	First     string   `xml:"FIRST_NAME"`
	Second    string   `xml:"SECOND_NAME"`
	Third     string   `xml:"THIRD_NAME"`
	Fourth    string   `xml:"FOURTH_NAME"`
	Original  string   `xml:"NAME_ORIGINAL_SCRIPT"`
	Nations   []string `xml:"NATIONALITY>VALUE"`
	Aliases   []struct {
		Name string `xml:"ALIAS_NAME"`
	} `xml:"INDIVIDUAL_ALIAS"`
	EntityAliases []struct {
		Name string `xml:"ALIAS_NAME"`
	} `xml:"ENTITY_ALIAS"`
	DOBs []struct {
		Date     string `xml:"DATE"`
		Year     string `xml:"YEAR"`
		FromYear string `xml:"FROM_YEAR"`
		ToYear   string `xml:"TO_YEAR"`
	} `xml:"INDIVIDUAL_DATE_OF_BIRTH"`
	Documents []struct {
		Number string `xml:"NUMBER"`
	} `xml:"INDIVIDUAL_DOCUMENT"`
}

// ParseUN reads the UN Security Council consolidated list (XML, root
// CONSOLIDATED_LIST with INDIVIDUALS/INDIVIDUAL and ENTITIES/ENTITY). The
// list is named "un"; Version is the root's dateGenerated. Entry IDs are
// the reference numbers ("QDi.001").
func ParseUN(f File) (*List, error) {
	b, err := readAll(f)
	if err != nil {
		return nil, err
	}
	l := &List{Name: "un"}
	d := xml.NewDecoder(bytes.NewReader(b))
	seen := map[string]bool{}
	root := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		line, _ := d.InputPos()
		if err != nil {
			return nil, &ParseError{File: f.Name, Line: line, Err: err}
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "CONSOLIDATED_LIST":
			if root {
				return nil, &ParseError{File: f.Name, Line: line, Element: "CONSOLIDATED_LIST", Err: errors.New("nested list")}
			}
			root = true
			for _, a := range se.Attr {
				if a.Name.Local == "dateGenerated" {
					l.Version = strings.TrimSpace(a.Value)
				}
			}
		case "INDIVIDUALS", "ENTITIES":
		case "INDIVIDUAL", "ENTITY":
			if !root {
				return nil, &ParseError{File: f.Name, Line: line, Element: se.Name.Local, Err: errors.New("outside CONSOLIDATED_LIST")}
			}
			var s unSubject
			if err := d.DecodeElement(&s, &se); err != nil {
				return nil, &ParseError{File: f.Name, Line: line, Element: se.Name.Local, Err: err}
			}
			e, err := s.entry(se.Name.Local == "INDIVIDUAL")
			if err == nil && seen[e.ID] {
				err = fmt.Errorf("reference %s appears twice", e.ID)
			}
			if err != nil {
				return nil, &ParseError{File: f.Name, Line: line, Element: se.Name.Local, Err: err}
			}
			seen[e.ID] = true
			l.Entries = append(l.Entries, e)
		default:
			if !root {
				return nil, &ParseError{File: f.Name, Line: line, Element: se.Name.Local, Err: errors.New("not a UN consolidated list (want root CONSOLIDATED_LIST)")}
			}
			// Other elements at list level are tolerated: the UN adds
			// sections now and then, and they hold no subjects.
			if err := d.Skip(); err != nil {
				return nil, &ParseError{File: f.Name, Line: line, Element: se.Name.Local, Err: err}
			}
		}
	}
	if len(l.Entries) == 0 {
		return nil, &ParseError{File: f.Name, Err: ErrEmpty}
	}
	return l, nil
}

func (s *unSubject) entry(individual bool) (Entry, error) {
	e := Entry{ID: strings.TrimSpace(s.Reference), List: "un", Type: Entity}
	if e.ID == "" {
		e.ID = strings.TrimSpace(s.DataID)
	}
	if e.ID == "" {
		return e, errors.New("no REFERENCE_NUMBER or DATAID")
	}
	if individual {
		e.Type = Individual
	}
	var parts []string
	for _, p := range []string{s.First, s.Second, s.Third, s.Fourth} {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		return e, fmt.Errorf("%s: no FIRST_NAME", e.ID)
	}
	e.Names = []string{strings.Join(parts, " ")}
	e.Names = addUnique(e.Names, strings.TrimSpace(s.Original))
	for _, a := range s.Aliases {
		e.Names = addUnique(e.Names, strings.TrimSpace(a.Name))
	}
	for _, a := range s.EntityAliases {
		e.Names = addUnique(e.Names, strings.TrimSpace(a.Name))
	}
	e.Programs = addUnique(e.Programs, strings.TrimSpace(s.ListType))
	for _, n := range s.Nations {
		e.Nationalities = addUnique(e.Nationalities, NormalizeCountry(n))
	}
	for _, d := range s.DOBs {
		switch {
		case strings.TrimSpace(d.Date) != "":
			v := strings.TrimSpace(d.Date)
			if len(v) > 10 {
				v = v[:10] // "1963-04-27T00:00:00"
			}
			dt, err := ParseDate(v)
			if err != nil {
				return e, fmt.Errorf("%s: INDIVIDUAL_DATE_OF_BIRTH: %w", e.ID, err)
			}
			e.DOBs = addDate(e.DOBs, dt)
		case strings.TrimSpace(d.Year) != "":
			dt, err := ParseDate(strings.TrimSpace(d.Year))
			if err != nil {
				return e, fmt.Errorf("%s: INDIVIDUAL_DATE_OF_BIRTH: %w", e.ID, err)
			}
			e.DOBs = addDate(e.DOBs, dt)
		case strings.TrimSpace(d.FromYear) != "":
			from, err1 := ParseDate(strings.TrimSpace(d.FromYear))
			to, err2 := ParseDate(strings.TrimSpace(d.ToYear))
			if err1 != nil || err2 != nil || to.Year < from.Year {
				return e, fmt.Errorf("%s: INDIVIDUAL_DATE_OF_BIRTH: bad year range %q-%q", e.ID, d.FromYear, d.ToYear)
			}
			for y := from.Year; y <= to.Year && y-from.Year <= 10; y++ {
				e.DOBs = addDate(e.DOBs, Date{Year: y})
			}
		}
	}
	for _, doc := range s.Documents {
		if n := NormalizeDocument(doc.Number); len(n) >= 4 {
			e.DocumentNumbers = addUnique(e.DocumentNumbers, n)
		}
	}
	return e, nil
}
