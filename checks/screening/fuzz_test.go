package screening

import (
	"errors"
	"os"
	"strings"
	"testing"
)

// checkParsed is what every parser promises on any input: no panic, and
// either a list whose entries all have an ID and a name, or a *ParseError
// and no list.
func checkParsed(t *testing.T, l *List, err error) {
	if err != nil {
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Fatalf("error %T %v is not a *ParseError", err, err)
		}
		if l != nil {
			t.Fatal("list returned with an error")
		}
		return
	}
	if l == nil {
		t.Fatal("nil list without error")
	}
	for _, e := range l.Entries {
		if e.ID == "" || len(e.Names) == 0 || e.Names[0] == "" {
			t.Fatalf("entry without ID or name: %+v", e)
		}
	}
}

func seed(f *testing.F, path string) {
	b, err := os.ReadFile("testdata/" + path)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(b))
}

func FuzzParseOFAC(f *testing.F) {
	seed(f, "ofac/sdn.csv")
	f.Add("1,\"A, B\",\"individual\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB 1 Jan 1970 to 2 Feb 1980; Passport X1\"\r\n")
	f.Fuzz(func(t *testing.T, s string) {
		// The input as sdn.csv, and as alt.csv of a one-entry sdn.csv.
		l, err := ParseOFAC(text("sdn.csv", s), File{}, File{})
		checkParsed(t, l, err)
		l, err = ParseOFAC(text("sdn.csv", "10001,\"A, B\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n"), text("alt.csv", s), File{})
		checkParsed(t, l, err)
	})
}

func FuzzParseUN(f *testing.F) {
	seed(f, "un/consolidated.xml")
	f.Add("<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>A</FIRST_NAME><REFERENCE_NUMBER>1</REFERENCE_NUMBER><INDIVIDUAL_DATE_OF_BIRTH><FROM_YEAR>1900</FROM_YEAR><TO_YEAR>2100</TO_YEAR></INDIVIDUAL_DATE_OF_BIRTH></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>")
	f.Fuzz(func(t *testing.T, s string) {
		l, err := ParseUN(text("un.xml", s))
		checkParsed(t, l, err)
	})
}

func FuzzParseEU(f *testing.F) {
	seed(f, "eu/sanctions.xml")
	seed(f, "eu/sanctions.csv")
	f.Add("Entity_LogicalId;NameAlias_WholeName;BirthDate_BirthDate\n1;A;1970-01-01\n")
	f.Fuzz(func(t *testing.T, s string) {
		l, err := ParseEU(text("eu", s))
		checkParsed(t, l, err)
	})
}

func FuzzParseCSV(f *testing.F) {
	seed(f, "csv/operator.csv")
	f.Add("id,name,aliases,dob\n1,张伟,Zhang Wei|W. Zhang,1970\n")
	f.Fuzz(func(t *testing.T, s string) {
		l, err := ParseCSV("pep", text("pep.csv", s))
		checkParsed(t, l, err)
	})
}

// FuzzSearch feeds arbitrary names (any script, any length) to the
// normaliser and matcher.
func FuzzSearch(f *testing.F) {
	x := NewIndex([]Entry{
		{ID: "1", List: "t", Names: []string{"ZHANG, Xiaoming", "张晓明"}},
		{ID: "2", List: "t", Names: []string{"Сергей Кузнецов", "Dr. Ayman al-Zawahiri"}, DocumentNumbers: []string{"A1234"}},
	})
	for _, s := range []string{"张晓明", "Zhang Xiao Ming", "J. F. K.", "", "al bin", strings.Repeat("a b ", 100), "\xff\xfe", "ـــ",
		"김정은", "أيمن الظواهري", "عزت\u200cالله", "ال", "عبدال", "\u064e\u0651", "דן וו", "क़़्", "ं", "한 ا ב क"} {
		f.Add(s, "a1234")
	}
	f.Fuzz(func(t *testing.T, name, doc string) {
		for _, h := range x.Search(Query{Name: name, DocumentNumber: doc, Threshold: 0.01}) {
			if h.Score < 0 || h.Score > 1 || h.EntryID == "" {
				t.Fatalf("bad hit %+v", h)
			}
		}
	})
}
