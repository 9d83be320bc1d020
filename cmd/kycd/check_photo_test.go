package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

func runPhoto(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), append([]string{"check", "photo"}, args...),
		stdio{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }})
	return code, out.String(), errb.String()
}

func photoFixture(name string) string {
	return filepath.Join("..", "..", "checks", "photo", "testdata", name)
}

func TestCheckPhotoJSON(t *testing.T) {
	for _, tc := range []struct {
		args  []string
		code  int
		codes []string
	}{
		{[]string{"--kind", "id_front", "--json", photoFixture("card_good.jpg")}, 0, nil},
		// Flags after the file.
		{[]string{photoFixture("card_back.jpg"), "--kind", "id_back", "--json"}, 0, nil},
		{[]string{"--json", "--kind", "selfie", photoFixture("selfie_good.jpg")}, 0, nil},
		{[]string{"--kind=id_front", "--json", photoFixture("card_blurred.jpg")}, 1, []string{"photo.blurry"}},
		{[]string{"--kind", "id_front", "--json", photoFixture("card_dark.jpg")}, 1, []string{"photo.too_dark"}},
		{[]string{"--kind", "selfie", "--json", photoFixture("not_image.jpg")}, 1, []string{"photo.unsupported_format"}},
	} {
		code, out, stderr := runPhoto(t, tc.args...)
		if code != tc.code {
			t.Errorf("%v: exit %d, want %d (stderr %q)", tc.args, code, tc.code, stderr)
		}
		var got struct {
			Accepted *bool                      `json:"accepted"`
			Findings []map[string]any           `json:"findings"`
			Metrics  map[string]json.RawMessage `json:"metrics"`
		}
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("%v: %v in %q", tc.args, err, out)
		}
		if got.Accepted == nil || *got.Accepted != (tc.code == 0) || got.Findings == nil || got.Metrics == nil {
			t.Errorf("%v: JSON shape %s", tc.args, out)
		}
		var codes []string
		for _, f := range got.Findings {
			codes = append(codes, f["code"].(string))
			if f["message"] == "" || f["fix"] == "" {
				t.Errorf("%v: finding without message or fix: %v", tc.args, f)
			}
		}
		if strings.Join(codes, ",") != strings.Join(tc.codes, ",") {
			t.Errorf("%v: codes %v, want %v", tc.args, codes, tc.codes)
		}
		for k, v := range got.Metrics {
			var f float64
			if json.Unmarshal(v, &f) != nil {
				t.Errorf("%v: metric %s=%s is not a number", tc.args, k, v)
			}
		}
	}
}

func TestCheckPhotoLang(t *testing.T) {
	_, out, _ := runPhoto(t, "--kind", "id_front", "--json", "--lang", "zh-CN", photoFixture("card_dark.jpg"))
	if !strings.Contains(out, "太暗") {
		t.Errorf("zh-CN output has no Chinese message: %s", out)
	}
	code, out, _ := runPhoto(t, "--kind", "id_front", photoFixture("card_dark.jpg"))
	if code != 1 || !strings.Contains(out, "photo.too_dark") || !strings.Contains(out, "rejected") {
		t.Errorf("text output: exit %d %q", code, out)
	}
}

func TestCheckPhotoUsage(t *testing.T) {
	for _, args := range [][]string{
		{},
		{photoFixture("card_good.jpg")}, // no --kind
		{"--kind", "licence", photoFixture("card_good.jpg")}, // unknown kind
		{"--kind", "selfie"},                                            // no file
		{"--kind", "selfie", "a.jpg", "b.jpg"},                          // two files
		{"--kind", "selfie", "--bogus", photoFixture("card_good.jpg")},  // unknown flag
		{"--kind", "selfie", filepath.Join(t.TempDir(), "missing.jpg")}, // I/O error
	} {
		if code, _, _ := runPhoto(t, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}
