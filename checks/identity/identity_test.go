package identity

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/kycd/kycd/checks/idnumber"
	"github.com/kycd/kycd/checks/mrz"
	"github.com/kycd/kycd/reason"
)

var now = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

var td3 = []string{"P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"}

func good() Form {
	return Form{FullName: "张三", DocumentType: "cn_rid", DocumentNumber: "11010519491231002X",
		BirthDate: "1949-12-31", Sex: "F", Nationality: "CHN"}
}

func checkFindings(t testing.TB, fs []reason.Finding) {
	t.Helper()
	for _, f := range fs {
		if err := reason.Check(f); err != nil {
			t.Error(err)
		}
		if f.Field == "" {
			t.Errorf("%s: no Field", f.Code)
		}
	}
}

// fieldCodes returns "field:code" pairs, sorted, for comparison.
func fieldCodes(fs []reason.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Field+":"+f.Code)
	}
	return reason.Codes(func() []reason.Finding {
		var x []reason.Finding
		for _, s := range out {
			x = append(x, reason.Finding{Code: s})
		}
		return x
	}())
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(f *Form)
		codes []string
	}{
		{"good", func(f *Form) {}, nil},
		{"typed sloppily", func(f *Form) {
			f.DocumentNumber, f.BirthDate, f.Sex, f.Nationality, f.FullName = " 11010519491231002x ", "1949/12/31", "女", "chn", " 张 三 "
		}, nil},
		{"missing", func(f *Form) { f.FullName, f.Sex = "", " " }, []string{"full_name:field.missing", "sex:field.missing"}},
		{"dob mismatch", func(f *Form) { f.BirthDate = "1949-12-30" }, []string{"birth_date:dob.mismatch"}},
		{"sex mismatch", func(f *Form) { f.Sex = "M" }, []string{"sex:sex.mismatch"}},
		{"bad dob", func(f *Form) { f.BirthDate = "1949-02-30" }, []string{"birth_date:dob.invalid"}},
		{"bad sex", func(f *Form) { f.Sex = "X" }, []string{"sex:sex.invalid"}},
		{"bad nationality", func(f *Form) { f.Nationality = "ZZZ" }, []string{"nationality:nationality.invalid"}},
		{"pinyin name", func(f *Form) { f.FullName = "Zhang San" }, []string{"full_name:name.chinese_required"}},
		{"checksum", func(f *Form) { f.DocumentNumber = "110105194912310021" }, []string{"document_number:id_number.checksum"}},
		{"expired", func(f *Form) { f.ExpiryDate = "2026-02-28" }, []string{"expiry_date:id_number.expired"}},
		{"expiring", func(f *Form) { f.ExpiryDate = "2026-03-20" }, []string{"expiry_date:document.expiring_soon"}},
		{"bad expiry", func(f *Form) { f.ExpiryDate = "soon" }, []string{"expiry_date:document.expiry_invalid"}},
		{"unknown type", func(f *Form) { f.DocumentType = "visa" }, []string{"document_type:document.type_unknown"}},
		{"underage", func(f *Form) {
			f.DocumentNumber, f.BirthDate = cnrid("11010520100101001"), "2010-01-01"
			f.Sex = "M"
		}, []string{"document_number:id_number.underage"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := good()
			tt.edit(&f)
			r := Check(f, Options{Now: now})
			checkFindings(t, r.Findings)
			if diff := cmp.Diff(tt.codes, fieldCodes(r.Findings), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("field:code (-want +got):\n%s", diff)
			}
			if r.Valid != (len(tt.codes) == 0 || tt.name == "expiring") {
				t.Errorf("Valid=%v", r.Valid)
			}
		})
	}
}

func TestNormalized(t *testing.T) {
	f := Form{FullName: " 阿依古丽•买买提 ", DocumentType: " CN_RID", DocumentNumber: "１１０１０５１９４９１２３１００２Ｘ",
		BirthDate: "１９４９年１２月３１日", Sex: "female", Nationality: "chn", ExpiryDate: "20300101"}
	r := Check(f, Options{Now: now})
	checkFindings(t, r.Findings)
	want := Form{FullName: "阿依古丽·买买提", DocumentType: "cn_rid", DocumentNumber: "11010519491231002X",
		BirthDate: "1949-12-31", Sex: "F", Nationality: "CHN", ExpiryDate: "2030-01-01"}
	if diff := cmp.Diff(want, r.Normalized); diff != "" {
		t.Errorf("Normalized (-want +got):\n%s", diff)
	}
	if !r.Valid || r.Decoded.Region == nil || r.Decoded.Region.County != "朝阳区" || r.Decoded.BirthDate != "1949-12-31" || r.Decoded.Sex != "F" {
		t.Errorf("Valid=%v Decoded=%+v", r.Valid, r.Decoded)
	}
}

func TestPassport(t *testing.T) {
	base := Form{FullName: "Anna Maria Eriksson", DocumentType: "passport", DocumentNumber: "L898902C3",
		BirthDate: "1974-08-12", Sex: "F", Nationality: "UTO", MRZ: td3}
	tests := []struct {
		name  string
		edit  func(f *Form)
		codes []string
	}{
		{"specimen is expired", func(f *Form) {}, []string{"expiry_date:document.expired"}},
		{"still valid by typed date? typed wins", func(f *Form) { f.ExpiryDate = "2030-01-01" }, nil},
		{"wrong number", func(f *Form) { f.DocumentNumber, f.ExpiryDate = "L898902C4", "2030-01-01" }, []string{"document_number:id_number.mismatch_mrz"}},
		{"wrong name", func(f *Form) { f.FullName, f.ExpiryDate = "Anna Erikson", "2030-01-01" }, []string{"full_name:name.mismatch_document"}},
		{"latin name field", func(f *Form) { f.LatinName, f.ExpiryDate = "ERIKSSON ANNA MARIA", "2030-01-01" }, nil},
		{"wrong dob", func(f *Form) { f.BirthDate, f.ExpiryDate = "1974-08-13", "2030-01-01" }, []string{"birth_date:dob.mismatch"}},
		{"wrong sex", func(f *Form) { f.Sex, f.ExpiryDate = "M", "2030-01-01" }, []string{"sex:sex.mismatch"}},
		{"wrong nationality", func(f *Form) { f.Nationality, f.ExpiryDate = "SWE", "2030-01-01" }, []string{"nationality:nationality.mismatch"}},
		{"bad check digit", func(f *Form) {
			f.MRZ = []string{td3[0], "L898902C37UTO7408122F1204159ZE184226B<<<<<10"}
			f.ExpiryDate = "2030-01-01"
		}, []string{"mrz:mrz.check_digit", "mrz:mrz.check_digit"}},
		{"no mrz", func(f *Form) { f.MRZ, f.ExpiryDate = nil, "" }, nil},
		{"bad number", func(f *Form) { f.MRZ, f.DocumentNumber = nil, "L89-89#02" }, []string{"document_number:id_number.char"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := base
			tt.edit(&f)
			r := Check(f, Options{Now: now, MinAge: 18})
			checkFindings(t, r.Findings)
			if diff := cmp.Diff(tt.codes, fieldCodes(r.Findings), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("field:code (-want +got):\n%s", diff)
			}
		})
	}
}

func TestChinesePassportPinyin(t *testing.T) {
	l1 := "P<CHNLYU<<XIAOMING<<<<<<<<<<<<<<<<<<<<<<<<<<"
	l2 := td3Line2("E12345678", "CHN", "900101", "M", "310101")
	f := Form{FullName: "吕小明", DocumentType: "passport", DocumentNumber: "E12345678", BirthDate: "1990-01-01",
		Sex: "M", Nationality: "CHN", MRZ: []string{l1, l2}}
	r := Check(f, Options{Now: now})
	checkFindings(t, r.Findings)
	if len(r.Findings) != 0 {
		t.Errorf("findings=%v, want none (MRZ %+v)", fieldCodes(r.Findings), r.Decoded.MRZ)
	}
	f.FullName = "吴小明"
	r = Check(f, Options{Now: now})
	if diff := cmp.Diff([]string{"full_name:name.mismatch_document"}, fieldCodes(r.Findings)); diff != "" {
		t.Errorf("field:code (-want +got):\n%s", diff)
	}
}

func TestUnderageFromTypedDate(t *testing.T) {
	f := Form{FullName: "Chan Tai Man", DocumentType: "hk_id", DocumentNumber: "A123456(3)", BirthDate: "2015-05-05", Sex: "M", Nationality: "HKG"}
	r := Check(f, Options{Now: now})
	checkFindings(t, r.Findings)
	if diff := cmp.Diff([]string{"birth_date:dob.underage"}, fieldCodes(r.Findings)); diff != "" {
		t.Errorf("field:code (-want +got):\n%s", diff)
	}
}

func cnrid(d17 string) string {
	c, _ := idnumber.CNCheckChar(d17)
	return d17 + string(c)
}

// td3Line2 builds a passport's second MRZ line with right check digits.
func td3Line2(num, nat, birth, sex, exp string) string {
	cd := func(s string) string { c, _ := mrz.CheckDigit(s); return string(c) }
	s := num + cd(num) + nat + birth + cd(birth) + sex + exp + cd(exp) + "<<<<<<<<<<<<<<" + "0"
	return s + cd(s[0:10]+s[13:20]+s[21:43])
}

func FuzzCheck(f *testing.F) {
	f.Add("张三", "cn_rid", "11010519491231002X", "1949-12-31", "F", "CHN", "", td3[0]+"\n"+td3[1])
	f.Add("Anna", "passport", "L898902C3", "1974/08/12", "女", "uto", "2030-01-01", "")
	f.Fuzz(func(t *testing.T, name, typ, num, dob, sex, nat, exp, zone string) {
		var lines []string
		if zone != "" {
			lines = []string{zone}
		}
		r := Check(Form{FullName: name, DocumentType: typ, DocumentNumber: num, BirthDate: dob, Sex: sex,
			Nationality: nat, ExpiryDate: exp, MRZ: lines}, Options{Now: now})
		checkFindings(t, r.Findings)
		if r.Valid == reason.AnyBlocking(r.Findings) {
			t.Fatalf("Valid=%v with %v", r.Valid, reason.Codes(r.Findings))
		}
	})
}

func BenchmarkCheck(b *testing.B) {
	b.Run("cn_rid", func(b *testing.B) {
		f := good()
		for b.Loop() {
			Check(f, Options{Now: now})
		}
	})
	b.Run("passport_mrz", func(b *testing.B) {
		f := Form{FullName: "Anna Maria Eriksson", DocumentType: "passport", DocumentNumber: "L898902C3",
			BirthDate: "1974-08-12", Sex: "F", Nationality: "UTO", MRZ: td3}
		for b.Loop() {
			Check(f, Options{Now: now})
		}
	})
}
