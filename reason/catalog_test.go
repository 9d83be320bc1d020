package reason

import (
	"slices"
	"strings"
	"testing"
)

// TestCatalogue proves every code is complete in every language and that no
// message uses a parameter its code does not declare.
func TestCatalogue(t *testing.T) {
	if _, err := load(catalogFS); err != nil {
		t.Fatal(err)
	}
	entries := All()
	if len(entries) == 0 {
		t.Fatal("catalogue is empty")
	}
	for _, e := range entries {
		if e.Severity != Blocking && e.Severity != Warning {
			t.Errorf("%s: Severity=%q, want blocking or warning", e.Code, e.Severity)
		}
		if e.Kind != Retry && e.Kind != Final {
			t.Errorf("%s: Kind=%q, want retry or final", e.Code, e.Kind)
		}
		if !strings.Contains(e.Code, ".") && e.Code != "internal" && e.Code != "unavailable" {
			t.Errorf("%s: code is not dotted", e.Code)
		}
		for _, lang := range Languages {
			txt := e.Text[lang]
			if strings.TrimSpace(txt.Message) == "" {
				t.Errorf("%s: no %s message", e.Code, lang)
			}
			if strings.TrimSpace(txt.Fix) == "" {
				t.Errorf("%s: no %s fix", e.Code, lang)
			}
			for _, s := range []string{txt.Message, txt.Fix} {
				for _, p := range placeholders(s) {
					if !slices.Contains(e.Params, p) {
						t.Errorf("%s (%s): uses {%s}, which the code does not declare", e.Code, lang, p)
					}
				}
			}
		}
	}
	for _, key := range TextKeys() {
		te := cat().texts[key]
		for _, lang := range Languages {
			if strings.TrimSpace(te.text[lang]) == "" {
				t.Errorf("text %s: no %s", key, lang)
			}
			for _, p := range placeholders(te.text[lang]) {
				if !slices.Contains(te.params, p) {
					t.Errorf("text %s (%s): uses {%s}, which it does not declare", key, lang, p)
				}
			}
		}
	}
}

func TestLocalize(t *testing.T) {
	f := New("otp.invalid", "tries_left", "3")
	if err := Check(f); err != nil {
		t.Fatal(err)
	}
	en := f.Localize("en-GB,en;q=0.9")
	zh := f.Localize("zh-Hans-CN")
	if !strings.Contains(en.Message, "3") || !strings.Contains(zh.Message, "3") {
		t.Errorf("tries_left not expanded: en=%q zh=%q", en.Message, zh.Message)
	}
	if en.Message == zh.Message {
		t.Errorf("en and zh-CN messages are the same: %q", en.Message)
	}
	if err := Check(New("otp.invalid")); err == nil {
		t.Error("Check accepted a finding without its tries_left parameter")
	}
	if err := Check(New("no.such_code")); err == nil {
		t.Error("Check accepted an unknown code")
	}
	if got := New("no.such_code").Severity; got != Blocking {
		t.Errorf("unknown code Severity=%q, want blocking", got)
	}
}

func TestMatch(t *testing.T) {
	for in, want := range map[string]string{
		"": "en", "en": "en", "zh-CN": "zh-CN", "zh": "zh-CN", "zh-Hans": "zh-CN",
		"zh-CN,zh;q=0.9,en;q=0.8": "zh-CN", "fr-FR,en;q=0.5": "en", "de": "en", "!!garbage": "en",
	} {
		if got := Match(in); got != want {
			t.Errorf("Match(%q)=%q, want %q", in, got, want)
		}
	}
}
