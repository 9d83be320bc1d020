package name

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kycd/kycd/reason"
)

func checkFindings(t testing.TB, fs []reason.Finding) {
	t.Helper()
	for _, f := range fs {
		if err := reason.Check(f); err != nil {
			t.Error(err)
		}
	}
}

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"  张三 ":                  "张三",
		"张 三":                    "张三",
		"阿依古丽•买买提":               "阿依古丽·买买提",
		"阿依古丽・买买提":               "阿依古丽·买买提",
		"阿依古丽．买买提":               "阿依古丽·买买提",
		"阿依古丽.买买提":               "阿依古丽·买买提",
		"阿依古丽‧买买提":               "阿依古丽·买买提",
		"阿依古丽 · 买买提":             "阿依古丽·买买提",
		"ＺＨＡＮＧ　ＳＡＮ":              "ZHANG SAN",
		"Anna   Maria\tEriksson": "Anna Maria Eriksson",
		"J. R. R. Tolkien":       "J. R. R. Tolkien",
	} {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q)=%q, want %q", in, got, want)
		}
	}
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		opts  Options
		norm  string
		codes []string
	}{
		{"han", "张三", Options{DocumentType: "cn_rid"}, "张三", []string{}},
		{"empty", "   ", Options{}, "", []string{"name.empty"}},
		{"digits", "张三3", Options{}, "张三3", []string{"name.invalid_chars"}},
		{"emoji", "Anna 😀", Options{}, "Anna 😀", []string{"name.invalid_chars"}},
		{"pinyin for cn_rid", "Zhang San", Options{DocumentType: "cn_rid"}, "Zhang San", []string{"name.chinese_required"}},
		{"mixed for tw_permit", "张San", Options{DocumentType: "tw_permit"}, "张San", []string{"name.chinese_required"}},
		{"latin for hk_id", "Chan Tai Man", Options{DocumentType: "hk_id"}, "Chan Tai Man", []string{}},
		{"pinyin match", "张三", Options{DocumentType: "passport", Nationality: "CHN", MRZName: "ZHANG<<SAN"}, "张三", []string{}},
		{"pinyin mismatch", "张三", Options{DocumentType: "passport", Nationality: "CHN", MRZName: "ZHANG<<SHAN"}, "张三", []string{"name.mismatch_document"}},
		{"lyu", "吕小明", Options{DocumentType: "cn_rid", MRZName: "LYU<<XIAOMING"}, "吕小明", []string{}},
		{"lu", "吕小明", Options{DocumentType: "cn_rid", MRZName: "LU<<XIAOMING"}, "吕小明", []string{}},
		{"lv", "吕小明", Options{DocumentType: "cn_rid", MRZName: "LV<<XIAOMING"}, "吕小明", []string{}},
		{"heteronym", "曾国藩", Options{DocumentType: "cn_rid", MRZName: "ZENG<<GUOFAN"}, "曾国藩", []string{}},
		{"minority", "阿依古丽•买买提", Options{DocumentType: "cn_rid", MRZName: "AYIGULI<<MAIMAITI"}, "阿依古丽·买买提", []string{}},
		{"hk cantonese not compared", "陳大文", Options{DocumentType: "hk_id", MRZName: "CHAN<<TAI<MAN"}, "陳大文", []string{}},
		{"latin match", "Anna Maria Eriksson", Options{DocumentType: "passport", MRZName: "ERIKSSON<<ANNA<MARIA"}, "Anna Maria Eriksson", []string{}},
		{"latin accents", "Jürgen Müller", Options{DocumentType: "passport", MRZName: "MULLER<<JURGEN"}, "Jürgen Müller", []string{}},
		{"latin mismatch", "Anna Erikson", Options{DocumentType: "passport", MRZName: "ERIKSSON<<ANNA<MARIA"}, "Anna Erikson", []string{"name.mismatch_document"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Check(tt.in, tt.opts)
			checkFindings(t, r.Findings)
			if r.Normalized != tt.norm {
				t.Errorf("Normalized=%q, want %q", r.Normalized, tt.norm)
			}
			if diff := cmp.Diff(tt.codes, reason.Codes(r.Findings)); diff != "" {
				t.Errorf("codes (-want +got):\n%s", diff)
			}
			if r.Valid != (len(tt.codes) == 0) {
				t.Errorf("Valid=%v with %v", r.Valid, tt.codes)
			}
		})
	}
}

func TestMinorityMismatchIsWarning(t *testing.T) {
	r := Check("阿依古丽·买买提", Options{DocumentType: "cn_rid", MRZName: "AYGUL<<MEMET"})
	checkFindings(t, r.Findings)
	if len(r.Findings) != 1 || r.Findings[0].Severity != reason.Warning || !r.Valid {
		t.Errorf("Findings=%+v Valid=%v, want one warning", r.Findings, r.Valid)
	}
}

func TestDetectScript(t *testing.T) {
	for in, want := range map[string]Script{"张三": ScriptHan, "Anna": ScriptLatin, "张San": ScriptMixed, "Иван": ScriptOther, "": ScriptNone, "阿依古丽·买买提": ScriptHan} {
		if got := DetectScript(in); got != want {
			t.Errorf("DetectScript(%q)=%q, want %q", in, got, want)
		}
	}
}

func FuzzCheck(f *testing.F) {
	for _, s := range []string{"张三", "阿依古丽•买买提", "Anna Maria", "ＺＨＡＮＧ", "\xff", "吕"} {
		f.Add(s, "ZHANG<<SAN", "cn_rid")
	}
	f.Fuzz(func(t *testing.T, s, mrz, doc string) {
		r := Check(s, Options{DocumentType: doc, MRZName: mrz, Nationality: "CHN"})
		checkFindings(t, r.Findings)
		if Normalize(r.Normalized) != r.Normalized {
			t.Fatalf("Normalize not idempotent on %q: %q → %q", s, r.Normalized, Normalize(r.Normalized))
		}
	})
}

func BenchmarkCheck(b *testing.B) {
	for name, tc := range map[string]struct {
		in   string
		opts Options
	}{
		"han":        {"张三", Options{DocumentType: "cn_rid"}},
		"han_pinyin": {"曾国藩", Options{DocumentType: "cn_rid", MRZName: "ZENG<<GUOFAN"}},
		"latin_mrz":  {"Anna Maria Eriksson", Options{DocumentType: "passport", MRZName: "ERIKSSON<<ANNA<MARIA"}},
	} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				Check(tc.in, tc.opts)
			}
		})
	}
}

func TestFoldHan(t *testing.T) {
	for in, want := range map[string]string{"黃大文": "黄大文", "楊美玲": "杨美玲", "鄭志強": "郑志强", "李晓明": "李晓明", "CHAN TAI MAN": "CHAN TAI MAN", "": ""} {
		if got := FoldHan(in); got != want {
			t.Errorf("FoldHan(%q) = %q, want %q", in, got, want)
		}
	}
}
