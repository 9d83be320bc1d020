package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// runCheck runs `kycd args...` with stdin and returns the exit code and
// the decoded JSON object printed on stdout (nil without --json).
func runCLI(t *testing.T, stdin string, args ...string) (int, map[string]any, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, stdio{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb,
		getenv: func(string) string { return "" }})
	var obj map[string]any
	if strings.HasPrefix(strings.TrimSpace(out.String()), "{") {
		if err := json.Unmarshal(out.Bytes(), &obj); err != nil {
			t.Fatalf("stdout is not one JSON object: %v\n%s", err, out.String())
		}
	}
	return code, obj, out.String() + errb.String()
}

func findingCodes(obj map[string]any) []string {
	fs, ok := obj["findings"].([]any)
	if !ok {
		return nil // absent or null: the caller's comparison fails
	}
	out := []string{}
	for _, f := range fs {
		out = append(out, f.(map[string]any)["code"].(string))
	}
	return out
}

func TestCheckIDContract(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		code  int
		want  map[string]any
		codes []string
	}{
		{"gb example lower x", []string{"check", "id", "--type", "cn_rid", "--json", " 11010519491231002x "}, 0,
			map[string]any{"valid": true, "type": "cn_rid", "normalized": "11010519491231002X", "birth_date": "1949-12-31", "sex": "F"}, []string{}},
		{"full width, flags after value", []string{"check", "id", "１１０１０５１９４９１２３１００２Ｘ", "--json", "--type", "cn_rid"}, 0,
			map[string]any{"valid": true, "normalized": "11010519491231002X"}, []string{}},
		{"bad check", []string{"check", "id", "--type", "cn_rid", "--json", "110105194912310021"}, 1,
			map[string]any{"valid": false}, []string{"id_number.checksum"}},
		{"underage is policy", []string{"check", "id", "--type=cn_rid", "--json", "--min-age", "200", "11010519491231002X"}, 0,
			map[string]any{"valid": true}, []string{"id_number.underage"}},
		{"hkid", []string{"check", "id", "--json", "--type", "hk_id", "A123456(3)"}, 0,
			map[string]any{"valid": true, "normalized": "A1234563"}, []string{}},
		{"twid", []string{"check", "id", "--json", "--type", "tw_id", "A123456789"}, 0,
			map[string]any{"valid": true, "sex": "M"}, []string{}},
		{"grouped number", []string{"check", "id", "--json", "--type", "cn_rid", "110105", "19491231", "002X"}, 0,
			map[string]any{"valid": true}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, obj, out := runCLI(t, "", tt.args...)
			if code != tt.code {
				t.Fatalf("exit=%d, want %d\n%s", code, tt.code, out)
			}
			for k, v := range tt.want {
				if obj[k] != v {
					t.Errorf("%s=%v, want %v", k, obj[k], v)
				}
			}
			if diff := cmp.Diff(tt.codes, findingCodes(obj)); diff != "" {
				t.Errorf("codes (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCheckIDLocalized(t *testing.T) {
	_, obj, _ := runCLI(t, "", "check", "id", "--type", "cn_rid", "--json", "--lang", "zh-CN", "110105194912310021")
	f := obj["findings"].([]any)[0].(map[string]any)
	// The position is named; no replacement character is suggested (a
	// check character cannot tell which character is wrong).
	if msg, _ := f["message"].(string); !strings.Contains(msg, "第 18 位") || strings.Contains(msg, "应为") {
		t.Errorf("message=%q, want the zh-CN text naming position 18 without suggesting a character", msg)
	}
}

func TestCheckIDUsage(t *testing.T) {
	for _, args := range [][]string{
		{"check", "id", "--json", "11010519491231002X"},
		{"check", "id", "--type", "cn_rid"},
		{"check", "id", "--type", "nope", "1"},
		{"check", "id", "--bogus"},
	} {
		if code, _, _ := runCLI(t, "", args...); code != exitUsage {
			t.Errorf("%v: exit=%d, want %d", args, code, exitUsage)
		}
	}
}

func TestCheckIDText(t *testing.T) {
	code, _, out := runCLI(t, "", "check", "id", "--type", "cn_rid", "11010519491231002X")
	if code != 0 || !strings.Contains(out, "valid cn_rid 11010519491231002X") || !strings.Contains(out, "1949-12-31") {
		t.Errorf("exit=%d out=%q", code, out)
	}
}

func TestCheckMRZContract(t *testing.T) {
	in := "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10\n"
	code, obj, out := runCLI(t, in, "check", "mrz", "--json")
	if code != 0 {
		t.Fatalf("exit=%d, want 0\n%s", code, out)
	}
	want := map[string]any{"valid": true, "format": "TD3", "document_code": "P", "issuing_state": "UTO",
		"document_number": "L898902C3", "surname": "ERIKSSON", "given_names": "ANNA MARIA", "nationality": "UTO",
		"birth_date": "1974-08-12", "sex": "F", "expiry_date": "2012-04-15"}
	for k, v := range want {
		if obj[k] != v {
			t.Errorf("%s=%v, want %v", k, obj[k], v)
		}
	}
	if diff := cmp.Diff([]string{"document.expired"}, findingCodes(obj)); diff != "" {
		t.Errorf("codes (-want +got):\n%s", diff)
	}
}

func TestCheckMRZFormats(t *testing.T) {
	tests := []struct {
		name, in, format string
		code             int
		codes            []string
	}{
		{"TD1 CRLF lower case", "i<utod231458907<<<<<<<<<<<<<<<  \r\n7408122f1204159uto<<<<<<<<<<<6\r\neriksson<<anna<maria<<<<<<<<<<\r\n", "TD1", 0, []string{"document.expired"}},
		{"TD2", "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458907UTO7408122F1204159<<<<<<<6\n", "TD2", 0, []string{"document.expired"}},
		{"bad check digit", "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C37UTO7408122F1204159ZE184226B<<<<<10\n", "TD3", 1, []string{"mrz.check_digit", "mrz.check_digit", "document.expired"}},
		{"one line", "P<UTOERIKSSON\n", "", 1, []string{"mrz.unreadable"}},
		{"empty", "", "", 1, []string{"mrz.unreadable"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, obj, out := runCLI(t, tt.in, "check", "mrz", "--json")
			if code != tt.code {
				t.Fatalf("exit=%d, want %d\n%s", code, tt.code, out)
			}
			if obj["format"] != tt.format {
				t.Errorf("format=%v, want %q", obj["format"], tt.format)
			}
			if diff := cmp.Diff(tt.codes, findingCodes(obj)); diff != "" {
				t.Errorf("codes (-want +got):\n%s", diff)
			}
		})
	}
	if code, _, _ := runCLI(t, strings.Repeat("<", maxMRZInput+10), "check", "mrz", "--json"); code != exitUsage {
		t.Errorf("oversized input: exit=%d, want %d", code, exitUsage)
	}
	if code, _, _ := runCLI(t, "", "check", "mrz", "extra"); code != exitUsage {
		t.Errorf("positional argument: exit=%d, want %d", code, exitUsage)
	}
}

func TestCheckNameCLI(t *testing.T) {
	tests := []struct {
		args  []string
		code  int
		norm  string
		codes []string
	}{
		{[]string{"check", "name", "--json", "阿依古丽•买买提"}, 0, "阿依古丽·买买提", []string{}},
		{[]string{"check", "name", "--json", "--document-type", "cn_rid", "Zhang", "San"}, 1, "Zhang San", []string{"name.chinese_required"}},
		{[]string{"check", "name", "吕小明", "--json", "--document-type", "cn_rid", "--mrz-name", "LV<<XIAOMING"}, 0, "吕小明", []string{}},
		{[]string{"check", "name", "--json", "--document-type", "cn_rid", "--mrz-name", "WU<<XIAOMING", "吕小明"}, 1, "吕小明", []string{"name.mismatch_document"}},
	}
	for _, tt := range tests {
		code, obj, out := runCLI(t, "", tt.args...)
		if code != tt.code {
			t.Errorf("%v: exit=%d, want %d\n%s", tt.args, code, tt.code, out)
			continue
		}
		if obj["normalized"] != tt.norm {
			t.Errorf("%v: normalized=%v, want %q", tt.args, obj["normalized"], tt.norm)
		}
		if diff := cmp.Diff(tt.codes, findingCodes(obj)); diff != "" {
			t.Errorf("%v: codes (-want +got):\n%s", tt.args, diff)
		}
	}
	if code, _, _ := runCLI(t, "", "check", "name", "--json"); code != exitUsage {
		t.Errorf("no name: exit=%d, want %d", code, exitUsage)
	}
}
