package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const screenData = "../../checks/screening/testdata/"

func screenRun(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), append([]string{"screen"}, args...),
		stdio{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }})
	return code, out.String(), errb.String()
}

type screenOutput struct {
	Hits []struct {
		List        string   `json:"list"`
		EntryID     string   `json:"entry_id"`
		Name        string   `json:"name"`
		MatchedName string   `json:"matched_name"`
		Score       *float64 `json:"score"`
	} `json:"hits"`
}

func TestScreenHit(t *testing.T) {
	code, out, errs := screenRun(t, "--json", "--list", "ofac:"+screenData+"ofac/sdn.csv",
		"--list", "un:"+screenData+"un/consolidated.xml", "张晓明", "--dob", "1969-02-18", "--nationality", "CHN")
	if code != exitInvalid {
		t.Fatalf("exit %d, want 1; stderr %s", code, errs)
	}
	var got screenOutput
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v in %s", err, out)
	}
	if len(got.Hits) == 0 {
		t.Fatalf("no hits in %s", out)
	}
	h := got.Hits[0]
	if h.List != "ofac" || h.EntryID != "10005" || h.Name != "ZHANG, Xiaoming" || h.MatchedName == "" || h.Score == nil || *h.Score < 0.9 {
		t.Errorf("hit %+v", h)
	}
}

func TestScreenNoHit(t *testing.T) {
	code, out, errs := screenRun(t, "--list", "eu:"+screenData+"eu/sanctions.csv", "--list", "csv:"+screenData+"csv/operator.csv", "--json", "John", "Smith")
	if code != exitOK {
		t.Fatalf("exit %d, want 0; stderr %s", code, errs)
	}
	if strings.TrimSpace(out) != `{"hits":[]}` {
		t.Errorf("output %s, want {\"hits\":[]}", out)
	}
}

func TestScreenFormats(t *testing.T) {
	for _, tc := range []struct{ list, name, want string }{
		{"eu:" + screenData + "eu/sanctions.xml", "Сергей Кузнецов", "eu:13014"},
		{"eu:" + screenData + "eu/sanctions.csv", "Viktor Sokolov", "eu:13001"},
		{"csv:" + screenData + "csv/operator.csv", "Ouyang Zhenhua", "operator:pep-002"},
		{"un:" + screenData + "un/consolidated.xml", "Abu Hafs al Najdi", "un:QDi.901"},
		{"ofac:" + screenData + "ofac/sdn.csv", "Khaled Al Rasheedi", "ofac:10001"}, // an alias from alt.csv
		{"opensanctions:" + screenData + "opensanctions/targets.simple.csv", "Alexander Petrov", "opensanctions:NK-aAbB1"},
		{"ftm:" + screenData + "opensanctions/entities.ftm.json", "林鄭月娥", "opensanctions:Q7747"},
	} {
		code, out, errs := screenRun(t, tc.name, "--json", "--list", tc.list)
		var got screenOutput
		if err := json.Unmarshal([]byte(out), &got); err != nil || code != exitInvalid || len(got.Hits) == 0 {
			t.Errorf("%s %q: exit %d, %s %s", tc.list, tc.name, code, out, errs)
			continue
		}
		if id := got.Hits[0].List + ":" + got.Hits[0].EntryID; id != tc.want && !(tc.want == "operator:pep-002" && id == "pep:pep-002") {
			t.Errorf("%s %q: best hit %s, want %s", tc.list, tc.name, id, tc.want)
		}
	}
}

func TestScreenErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "sdn.csv")
	os.WriteFile(bad, []byte("1,\"A, B\",\"individual\",x,x,x,x,x,x,x,x,x\r\n2,\"C\"\r\n"), 0o644)
	for _, tc := range []struct {
		args []string
		want string // in stderr
	}{
		{[]string{"Zhang Wei"}, "--list"},
		{[]string{"--list", "ofac:" + bad, "Zhang Wei"}, "sdn.csv:2"},
		{[]string{"--list", "ofac:" + filepath.Join(dir, "missing.csv"), "Zhang Wei"}, "missing.csv"},
		{[]string{"--list", "xml:" + bad, "Zhang Wei"}, "unknown format"},
		{[]string{"--list", bad, "Zhang Wei"}, "FORMAT:FILE"},
		{[]string{"--list", "csv:" + screenData + "csv/operator.csv", "--dob", "18/02/1969", "Zhang Wei"}, "--dob"},
		{[]string{"--list", "csv:" + screenData + "csv/operator.csv", "--nationality", "XX", "Zhang Wei"}, "--nationality"},
		{[]string{"--list", "csv:" + screenData + "csv/operator.csv", "--threshold", "1.5", "Zhang Wei"}, "--threshold"},
		{[]string{"--list", "csv:" + screenData + "csv/operator.csv"}, "usage"},
		{[]string{"--bogus", "Zhang Wei"}, "usage"},
	} {
		code, out, errs := screenRun(t, tc.args...)
		if code != exitUsage {
			t.Errorf("%q: exit %d, want 2 (stdout %s)", tc.args, code, out)
		}
		if !strings.Contains(errs, tc.want) {
			t.Errorf("%q: stderr %q, want it to mention %q", tc.args, errs, tc.want)
		}
	}
}

func TestScreenThresholdAndText(t *testing.T) {
	list := "ofac:" + screenData + "ofac/sdn.csv"
	// A strict threshold turns a typo hit into no hit.
	if code, _, _ := screenRun(t, "--list", list, "--threshold", "0.999", "Mohammad Reza Nazzari"); code != exitOK {
		t.Errorf("--threshold 0.999: exit %d, want 0", code)
	}
	code, out, _ := screenRun(t, "Mohammad Reza Nazzari", "--list", list)
	if code != exitInvalid || !strings.Contains(out, "ofac:10003") {
		t.Errorf("text output: exit %d, %q", code, out)
	}
	if code, out, _ := screenRun(t, "--list", list, "John Smith"); code != exitOK || !strings.Contains(out, "no hits") {
		t.Errorf("no hit text: exit %d, %q", code, out)
	}
}

// A --list named once is loaded once: each entry is reported once.
func TestScreenListLoadedOnce(t *testing.T) {
	code, out, errs := screenRun(t, "--json", "--list", "ofac:"+screenData+"ofac/sdn.csv", "Mohammad Reza Nazari")
	if code != exitInvalid {
		t.Fatalf("exit %d, want 1; stderr %s", code, errs)
	}
	var got screenOutput
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v in %s", err, out)
	}
	seen := map[string]int{}
	for _, h := range got.Hits {
		seen[h.List+":"+h.EntryID]++
	}
	if seen["ofac:10003"] != 1 {
		t.Errorf("ofac:10003 reported %d times in %s", seen["ofac:10003"], out)
	}
	for k, n := range seen {
		if n > 1 {
			t.Errorf("%s reported %d times", k, n)
		}
	}
}

func screenStdin(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), append([]string{"screen"}, args...),
		stdio{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }})
	return code, out.String(), errb.String()
}

type batchAnswer struct {
	Line  int            `json:"line"`
	Hits  *[]interface{} `json:"hits"`
	Error string         `json:"error"`
	Raw   json.RawMessage
}

func parseBatch(t *testing.T, out string) []batchAnswer {
	t.Helper()
	var got []batchAnswer
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var a batchAnswer
		if err := json.Unmarshal([]byte(l), &a); err != nil {
			t.Fatalf("%v in line %s", err, l)
		}
		a.Raw = json.RawMessage(l)
		got = append(got, a)
	}
	return got
}

// Batch mode answers every input line with one JSON object, in order; a
// malformed line is reported and the batch goes on.
func TestScreenBatch(t *testing.T) {
	list := "ofac:" + screenData + "ofac/sdn.csv"
	in := "Mohammad Reza Nazari\nJohn Smith\n张晓明\t1969-02-18\tCHN\nZhang Xiaoming\t18/02/1969\n\nKhaled Al Rasheedi\t\tXX\n"
	code, out, errs := screenStdin(t, in, "--json", "--list", list, "-")
	if code != exitUsage {
		t.Fatalf("exit %d, want 2 (malformed lines); stderr %s", code, errs)
	}
	got := parseBatch(t, out)
	if len(got) != 5 {
		t.Fatalf("%d answers, want 5 (the empty line is skipped): %s", len(got), out)
	}
	want := []struct {
		line    int
		entry   string
		errPart string
	}{{1, "10003", ""}, {2, "", ""}, {3, "10005", ""}, {4, "", "birth date"}, {6, "", "country"}}
	for i, w := range want {
		a := got[i]
		if a.Line != w.line {
			t.Errorf("answer %d: line %d, want %d", i, a.Line, w.line)
		}
		switch {
		case w.errPart != "":
			if !strings.Contains(a.Error, w.errPart) || a.Hits != nil {
				t.Errorf("line %d: %s, want an error about %s and no hits", w.line, a.Raw, w.errPart)
			}
		case w.entry == "":
			if a.Hits == nil || len(*a.Hits) != 0 || a.Error != "" {
				t.Errorf("line %d: %s, want \"hits\":[]", w.line, a.Raw)
			}
		default:
			var one struct {
				Hits []struct {
					EntryID string `json:"entry_id"`
					Matches []struct {
						Query, Listed, How string
					} `json:"matches"`
				} `json:"hits"`
			}
			json.Unmarshal(a.Raw, &one)
			if len(one.Hits) != 1 || one.Hits[0].EntryID != w.entry || len(one.Hits[0].Matches) == 0 {
				t.Errorf("line %d: %s, want exactly entry %s, explained", w.line, a.Raw, w.entry)
			}
		}
	}
	// Only good lines: exit 1 when any line hits, 0 when none does.
	if code, _, errs := screenStdin(t, "John Smith\nMohammad Reza Nazari\n", "--json", "--list", list, "-"); code != exitInvalid {
		t.Errorf("exit %d, want 1; stderr %s", code, errs)
	}
	if code, out, errs := screenStdin(t, "John Smith\nMaria Garcia\n", "--json", "--list", list, "-"); code != exitOK || len(parseBatch(t, out)) != 2 {
		t.Errorf("exit %d, want 0 with 2 answers; stdout %s stderr %s", code, out, errs)
	}
	if code, _, errs := screenStdin(t, "John Smith\n", "--json", "--dob", "1970-01-01", "--list", list, "-"); code != exitUsage || !strings.Contains(errs, "batch") {
		t.Errorf("--dob in batch mode: exit %d, stderr %s", code, errs)
	}
}

// kycd lists import stores the compiled index beside the lists; kycd
// screen --data answers from it alone, and with --list files from the
// stored entries and the files together, each entry once.
func TestScreenStoredLists(t *testing.T) {
	data := t.TempDir()
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"lists", "import", "--data", data, "ofac:" + screenData + "ofac/sdn.csv"},
		stdio{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}); code != exitOK {
		t.Fatalf("lists import: exit %d, stderr %s", code, errb.String())
	}
	pep := filepath.Join(t.TempDir(), "pep.csv")
	if err := os.WriteFile(pep, []byte("id,name\npep-1,Kim Yo Jong\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want map[string]int
	}{
		{[]string{"Mohammad Reza Nazari"}, map[string]int{"ofac:10003": 1}},
		{[]string{"--list", "csv:" + pep, "Mohammad Reza Nazari"}, map[string]int{"ofac:10003": 1}},
		{[]string{"--list", "csv:" + pep, "Kim Yojong"}, map[string]int{"pep:pep-1": 1}},
	} {
		code, out, errs := screenRun(t, append([]string{"--json", "--data", data}, tc.args...)...)
		if code != exitInvalid {
			t.Fatalf("%q: exit %d, want 1; stderr %s", tc.args, code, errs)
		}
		var got screenOutput
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("%v in %s", err, out)
		}
		seen := map[string]int{}
		for _, h := range got.Hits {
			seen[h.List+":"+h.EntryID]++
		}
		for k, n := range tc.want {
			if seen[k] != n {
				t.Errorf("%q: %s reported %d times in %s, want %d", tc.args, k, seen[k], out, n)
			}
		}
	}
}
