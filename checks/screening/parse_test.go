package screening

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func open(t testing.TB, path string) File {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", path))
	if err != nil {
		t.Fatal(err)
	}
	return File{Name: path, Reader: strings.NewReader(string(b))}
}

func text(name, s string) File { return File{Name: name, Reader: strings.NewReader(s)} }

func find(t *testing.T, l *List, id string) Entry {
	t.Helper()
	for _, e := range l.Entries {
		if e.ID == id {
			return e
		}
	}
	t.Fatalf("entry %s not in list %s", id, l.Name)
	return Entry{}
}

func TestParseOFAC(t *testing.T) {
	l, err := ParseOFAC(open(t, "ofac/sdn.csv"), open(t, "ofac/alt.csv"), open(t, "ofac/add.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if l.Name != "ofac" || len(l.Entries) != 32 {
		t.Fatalf("Name=%q, %d entries; want ofac, 32", l.Name, len(l.Entries))
	}
	e := find(t, l, "10003")
	want := Entry{ID: "10003", List: "ofac", Type: Individual,
		Names:           []string{"NAZARI, Mohammad Reza", "NAZARI, Muhammad Riza", "NAZARY, Mohamad Reza"},
		DOBs:            []Date{{1962, 7, 4}},
		Nationalities:   []string{"IRN"},
		DocumentNumbers: []string{"P11839204"},
		Programs:        []string{"IRGC", "NPWMD"},
	}
	if !entryEqual(e, want) {
		t.Errorf("entry 10003 = %+v\nwant %+v", e, want)
	}
	if e := find(t, l, "10002"); !slices.Equal(e.DOBs, []Date{{Year: 1966}, {Year: 1967}}) || !slices.Equal(e.Nationalities, []string{"SYR"}) || !slices.Equal(e.DocumentNumbers, []string{"0412277810"}) {
		t.Errorf("entry 10002 = %+v", e)
	}
	if e := find(t, l, "10012"); !slices.Equal(e.DOBs, []Date{{Year: 1984}, {Year: 1985}, {Year: 1986}}) {
		t.Errorf("DOB range: %+v", e.DOBs)
	}
	if e := find(t, l, "10005"); !slices.Contains(e.Names, "张晓明") {
		t.Errorf("alias 张晓明 missing: %q", e.Names)
	}
	if e := find(t, l, "10011"); !slices.Equal(e.Nationalities, []string{"PRK"}) {
		t.Errorf("Korea, North: %q", e.Nationalities)
	}
	if e := find(t, l, "10028"); e.Type != Vessel {
		t.Errorf("10028 Type=%q, want vessel", e.Type)
	}
	if e := find(t, l, "10023"); e.Type != Entity {
		t.Errorf("10023 Type=%q, want entity", e.Type)
	}
	// alt and add are optional.
	if l, err := ParseOFAC(open(t, "ofac/sdn.csv"), File{}, File{}); err != nil || len(find(t, l, "10003").Names) != 1 {
		t.Errorf("sdn.csv alone: err=%v", err)
	}
}

func entryEqual(a, b Entry) bool {
	return a.ID == b.ID && a.List == b.List && a.Type == b.Type && slices.Equal(a.Names, b.Names) &&
		slices.Equal(a.DOBs, b.DOBs) && slices.Equal(a.Nationalities, b.Nationalities) &&
		slices.Equal(a.DocumentNumbers, b.DocumentNumbers) && slices.Equal(a.Programs, b.Programs)
}

func TestParseUN(t *testing.T) {
	l, err := ParseUN(open(t, "un/consolidated.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if l.Name != "un" || l.Version != "2024-05-02T10:15:01.442Z" || len(l.Entries) != 25 {
		t.Fatalf("Name=%q Version=%q, %d entries", l.Name, l.Version, len(l.Entries))
	}
	e := find(t, l, "QDi.901")
	want := Entry{ID: "QDi.901", List: "un", Type: Individual,
		Names:           []string{"SAEED ABDULLAH HUSSEIN AL-QAHTANI", "سعيد عبدالله حسين القحطاني", "Abu Hafs al-Najdi", "Saeed al-Qahtani"},
		DOBs:            []Date{{1974, 5, 16}},
		Nationalities:   []string{"SAU"},
		DocumentNumbers: []string{"B123987"},
		Programs:        []string{"Al-Qaida"},
	}
	if !entryEqual(e, want) {
		t.Errorf("QDi.901 = %+v\nwant %+v", e, want)
	}
	if e := find(t, l, "QDi.905"); !slices.Equal(e.DOBs, []Date{{Year: 1960}, {Year: 1961}, {Year: 1962}}) {
		t.Errorf("year range: %+v", e.DOBs)
	}
	if e := find(t, l, "KPi.901"); !slices.Equal(e.Nationalities, []string{"PRK"}) {
		t.Errorf("DPRK: %q", e.Nationalities)
	}
	if e := find(t, l, "KPe.901"); e.Type != Entity || !slices.Contains(e.Names, "KOTAM") {
		t.Errorf("KPe.901 = %+v", e)
	}
}

func TestParseEU(t *testing.T) {
	csvList, err := ParseEU(open(t, "eu/sanctions.csv"))
	if err != nil {
		t.Fatal(err)
	}
	xmlList, err := ParseEU(open(t, "eu/sanctions.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if csvList.Version != "02/05/2024" || xmlList.Version != "2024-05-02T18:05:33.017+02:00" {
		t.Errorf("Version csv=%q xml=%q", csvList.Version, xmlList.Version)
	}
	// Both forms of the same list must give the same entries.
	if len(csvList.Entries) != 22 || len(xmlList.Entries) != len(csvList.Entries) {
		t.Fatalf("%d csv entries, %d xml entries; want 22 each", len(csvList.Entries), len(xmlList.Entries))
	}
	for i := range csvList.Entries {
		if !entryEqual(csvList.Entries[i], xmlList.Entries[i]) {
			t.Errorf("csv %+v\nxml %+v", csvList.Entries[i], xmlList.Entries[i])
		}
	}
	e := find(t, csvList, "13001")
	want := Entry{ID: "13001", List: "eu", Type: Individual,
		Names:           []string{"Viktor Andreyevich Sokolov", "Виктор Андреевич Соколов", "Viktor Sokolov"},
		DOBs:            []Date{{1961, 2, 14}},
		Nationalities:   []string{"RUS"},
		DocumentNumbers: []string{"720512345"},
		Programs:        []string{"RUS"},
	}
	if !entryEqual(e, want) {
		t.Errorf("13001 = %+v\nwant %+v", e, want)
	}
	if e := find(t, csvList, "13007"); !slices.Equal(e.DOBs, []Date{{Year: 1960}}) {
		t.Errorf("year-only birth: %+v", e.DOBs)
	}
}

func TestParseCSV(t *testing.T) {
	l, err := ParseCSV("pep", open(t, "csv/operator.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Entries) != 20 {
		t.Fatalf("%d entries, want 20", len(l.Entries))
	}
	e := find(t, l, "pep-006")
	want := Entry{ID: "pep-006", List: "pep",
		Names:           []string{"Gonzalez Marquez, Ana Lucia", "Ana Lucía González Márquez"},
		DOBs:            []Date{{1965, 12, 3}},
		Nationalities:   []string{"ESP", "ARG"},
		DocumentNumbers: []string{"X1234567"},
	}
	if !entryEqual(e, want) {
		t.Errorf("pep-006 = %+v\nwant %+v", e, want)
	}
	if e := find(t, l, "int-002"); e.List != "internal" {
		t.Errorf("int-002 List=%q, want internal (from the list column)", e.List)
	}
	// The optional type column: kycd's words and common synonyms, any
	// case; empty or absent leaves the type unknown.
	l, err = ParseCSV("pep", text("typed.csv", "id,name,type\n1,Ann Lee,Individual\n2,Lee Holdings,company\n3,Sea Lee,vessel\n4,Lee Air,AIRCRAFT\n5,Lee Sun,\n6,Lee Kim,natural_person\n"))
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []EntryType{Individual, Entity, Vessel, Aircraft, "", Individual} {
		if got := l.Entries[i].Type; got != want {
			t.Errorf("row %d Type=%q, want %q", i+1, got, want)
		}
	}
	// Header only: an empty operator list is legitimate.
	l, err = ParseCSV("pep", text("empty.csv", "id,name\n"))
	if err != nil || len(l.Entries) != 0 {
		t.Errorf("header only: %v, %v", l, err)
	}
}

// TestMalformed proves every parser refuses a broken file with an error
// naming the file and line, and never returns a partial list.
func TestMalformed(t *testing.T) {
	sdn := "10001,\"A, B\",\"individual\",\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n"
	for _, tc := range []struct {
		name  string
		parse func() (*List, error)
		want  string // substring of the error
	}{
		{"ofac short row", func() (*List, error) {
			return ParseOFAC(text("sdn.csv", sdn+"10002,\"C, D\",\"individual\"\r\n"), File{}, File{})
		}, "sdn.csv:2:"},
		{"ofac bad ent_num", func() (*List, error) {
			return ParseOFAC(text("sdn.csv", sdn+strings.Replace(sdn, "10001", "x1", 1)), File{}, File{})
		}, "sdn.csv:2: ent_num \"x1\""},
		{"ofac bare quote", func() (*List, error) {
			return ParseOFAC(text("sdn.csv", sdn+"10003,\"E, \"F\",\"individual\",x,x,x,x,x,x,x,x,x\r\n"), File{}, File{})
		}, "sdn.csv:2:"},
		{"ofac duplicate", func() (*List, error) { return ParseOFAC(text("sdn.csv", sdn+sdn), File{}, File{}) }, "sdn.csv:2: ent_num 10001 appears twice"},
		{"ofac unknown type", func() (*List, error) {
			return ParseOFAC(text("sdn.csv", strings.Replace(sdn, "individual", "martian", 1)), File{}, File{})
		}, "sdn.csv:1: ent_num 10001: unknown SDN_Type"},
		{"ofac empty", func() (*List, error) { return ParseOFAC(text("sdn.csv", "\x1a"), File{}, File{}) }, "sdn.csv: no entries"},
		{"ofac alt orphan", func() (*List, error) {
			return ParseOFAC(text("sdn.csv", sdn), text("alt.csv", "10001,1,\"aka\",\"X\",-0- \r\n999,2,\"aka\",\"Y\",-0- \r\n"), File{})
		}, "alt.csv:2: ent_num 999 is not in sdn.csv"},
		{"ofac add columns", func() (*List, error) {
			return ParseOFAC(text("sdn.csv", sdn), File{}, text("add.csv", "10001,1,\"x\"\r\n"))
		}, "add.csv:1:"},
		{"un truncated", func() (*List, error) {
			b, _ := os.ReadFile("testdata/un/consolidated.xml")
			return ParseUN(text("un.xml", string(b[:len(b)/2])))
		}, "un.xml:"},
		{"un wrong root", func() (*List, error) { return ParseUN(text("un.xml", "<export><x/></export>")) }, "un.xml:1: <export>: not a UN consolidated list"},
		{"un no name", func() (*List, error) {
			return ParseUN(text("un.xml", "<CONSOLIDATED_LIST>\n<INDIVIDUALS>\n<INDIVIDUAL><REFERENCE_NUMBER>QDi.1</REFERENCE_NUMBER></INDIVIDUAL>\n</INDIVIDUALS></CONSOLIDATED_LIST>"))
		}, "un.xml:3: <INDIVIDUAL>: QDi.1: no FIRST_NAME"},
		{"un bad date", func() (*List, error) {
			return ParseUN(text("un.xml", "<CONSOLIDATED_LIST><INDIVIDUALS>\n\n<INDIVIDUAL><FIRST_NAME>A</FIRST_NAME><REFERENCE_NUMBER>QDi.1</REFERENCE_NUMBER><INDIVIDUAL_DATE_OF_BIRTH><DATE>1970-13-01</DATE></INDIVIDUAL_DATE_OF_BIRTH></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>"))
		}, "un.xml:3: <INDIVIDUAL>: QDi.1: INDIVIDUAL_DATE_OF_BIRTH"},
		{"un empty", func() (*List, error) { return ParseUN(text("un.xml", "<CONSOLIDATED_LIST/>")) }, "no entries"},
		{"eu csv no header", func() (*List, error) { return ParseEU(text("eu.csv", "a;b;c\n1;2;3\n")) }, "eu.csv:1: header has no Entity_LogicalId"},
		{"eu csv short row", func() (*List, error) {
			return ParseEU(text("eu.csv", "Entity_LogicalId;NameAlias_WholeName;BirthDate_BirthDate\n1;A B;1970-01-01\n2;C D\n"))
		}, "eu.csv:3:"},
		{"eu csv bad date", func() (*List, error) {
			return ParseEU(text("eu.csv", "Entity_LogicalId;NameAlias_WholeName;BirthDate_BirthDate\n1;A B;\n1;;1970-02-31\n"))
		}, "eu.csv:3: entity 1: birth date"},
		{"eu csv nameless", func() (*List, error) {
			return ParseEU(text("eu.csv", "Entity_LogicalId;NameAlias_WholeName;BirthDate_BirthDate\n1;;1970-01-01\n"))
		}, "entity 1 has no name"},
		{"eu xml truncated", func() (*List, error) {
			b, _ := os.ReadFile("testdata/eu/sanctions.xml")
			return ParseEU(text("eu.xml", string(b[:len(b)*2/3])))
		}, "eu.xml:"},
		{"eu xml no names", func() (*List, error) {
			return ParseEU(text("eu.xml", "<export>\n<sanctionEntity logicalId=\"7\"><subjectType code=\"person\"/></sanctionEntity></export>"))
		}, "eu.xml:2: <sanctionEntity>: entity 7 has no nameAlias"},
		{"csv unknown column", func() (*List, error) { return ParseCSV("pep", text("pep.csv", "id,name,dob,nationalty\n")) }, "pep.csv:1: unknown column \"nationalty\""},
		{"csv no header", func() (*List, error) { return ParseCSV("pep", text("pep.csv", "")) }, "pep.csv: no header line"},
		{"csv bad dob", func() (*List, error) {
			return ParseCSV("pep", text("pep.csv", "id,name,dob\n1,A B,1970-01-01\n2,C D,31/12/1970\n"))
		}, "pep.csv:3: id 2: dob"},
		{"csv field count", func() (*List, error) { return ParseCSV("pep", text("pep.csv", "id,name,dob\n1,A B\n")) }, "pep.csv:2:"},
		{"csv duplicate id", func() (*List, error) { return ParseCSV("pep", text("pep.csv", "id,name\n1,A\n1,B\n")) }, "pep.csv:3: id \"1\" appears twice"},
		{"csv unknown type", func() (*List, error) {
			return ParseCSV("pep", text("pep.csv", "id,name,type\n1,A,individual\n2,B,trust\n"))
		}, "pep.csv:3: id 2: unknown type \"trust\""},
		{"csv unknown nationality", func() (*List, error) {
			return ParseCSV("pep", text("pep.csv", "id,name,nationality\n1,A,Atlantis\n"))
		}, "pep.csv:2: id 1: unknown nationality"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l, err := tc.parse()
			if err == nil {
				t.Fatalf("no error; list has %d entries", len(l.Entries))
			}
			if l != nil {
				t.Errorf("a partial list came back with the error")
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Errorf("error %T is not a *ParseError", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestNormalizeCountry(t *testing.T) {
	for in, want := range map[string]string{
		"Iran": "IRN", "IR": "IRN", "irn": "IRN", "Iran (Islamic Republic of)": "IRN", "Korea, North": "PRK",
		"Democratic People's Republic of Korea": "PRK", "Russian Federation": "RUS", "Côte d'Ivoire": "CIV",
		"United States": "USA", "Congo, Democratic Republic of the": "COD", "Syria": "SYR", "Viet Nam": "VNM",
		"Vietnam": "VNM", "Burkina Faso": "BFA", "Atlantis": "", "": "",
	} {
		if got := NormalizeCountry(in); got != want {
			t.Errorf("NormalizeCountry(%q)=%q, want %q", in, got, want)
		}
	}
}

func TestParseDate(t *testing.T) {
	for in, want := range map[string]Date{"1970-01-02": {1970, 1, 2}, "1970": {Year: 1970}, "1970-05": {1970, 5, 0}} {
		if got, err := ParseDate(in); err != nil || got != want {
			t.Errorf("ParseDate(%q)=%v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "70", "1970-1-2", "1970-02-30", "1970-00-01", "abcd", "1970-01-02-03"} {
		if _, err := ParseDate(in); err == nil {
			t.Errorf("ParseDate(%q) accepted", in)
		}
	}
}
