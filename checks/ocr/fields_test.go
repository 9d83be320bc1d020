package ocr

import (
	"strings"
	"testing"
	"time"
)

// card lays out text lines as a card would, one box per string, the
// strings of one slice on one row.
func card(rowsText ...[]string) []Line {
	var ls []Line
	for i, r := range rowsText {
		y := float64(100 + 60*i)
		for j, s := range r {
			x := float64(100 + 300*j)
			ls = append(ls, Line{Text: s, Conf: 0.99, Box: [4][2]float64{{x, y}, {x + 200, y}, {x + 200, y + 40}, {x, y + 40}}})
		}
	}
	return ls
}

func TestExtractIDFront(t *testing.T) {
	rd := Extract(IDFront, card(
		[]string{"姓名", "李晓明"},
		[]string{"性别", "男", "民族汉"},
		[]string{"出生", "1990年3月7日"},
		[]string{"住址", "上海市徐汇区人民路"},
		[]string{"12号3栋401室"},
		[]string{"公民身份号码", "31010419900307123X"},
	), time.Time{})
	want := map[string]string{FFullName: "李晓明", FSex: "M", FEthnicity: "汉", FBirthDate: "1990-03-07",
		FAddress: "上海市徐汇区人民路12号3栋401室", FDocumentNumber: "31010419900307123X"}
	for f, v := range want {
		if rd.Fields[f] != v {
			t.Errorf("%s = %q, want %q", f, rd.Fields[f], v)
		}
	}
	if len(rd.Unverified) != 0 {
		t.Errorf("unverified: %v", rd.Unverified)
	}
}

// A misread digit is never a value to compare: it fails GB 11643, or,
// when the check character happens to fit, disagrees with the birth line.
func TestExtractMisreadNumberIsUnverified(t *testing.T) {
	for name, number := range map[string]string{
		"check character": "310104199003071231",
		"birth digits":    "310104199003081235", // valid check char, 8 March
		"too short":       "31010419900307123",
	} {
		rd := Extract(IDFront, card([]string{"出生", "1990年3月7日"}, []string{"公民身份号码", number}), time.Time{})
		if v, ok := rd.Fields[FDocumentNumber]; ok {
			t.Errorf("%s: %q accepted as read", name, v)
		}
		if rd.Unverified[FDocumentNumber] == "" {
			t.Errorf("%s: not reported as unreadable: %+v", name, rd)
		}
	}
}

func TestExtractIDBack(t *testing.T) {
	rd := Extract(IDBack, card([]string{"签发机关", "上海市公安局徐汇分局"}, []string{"有效期限", "2015.06.01-2035.06.01"}), time.Time{})
	if rd.Fields[FIssuingAuthority] != "上海市公安局徐汇分局" || rd.Fields[FValidFrom] != "2015-06-01" || rd.Fields[FExpiryDate] != "2035-06-01" {
		t.Errorf("%+v", rd)
	}
	// 2036 is not 5, 10 or 20 years after 2015: a digit was misread.
	rd = Extract(IDBack, card([]string{"有效期限", "2015.06.01-2036.06.01"}), time.Time{})
	if _, ok := rd.Fields[FExpiryDate]; ok || rd.Unverified[FExpiryDate] != "2036-06-01" {
		t.Errorf("odd span accepted: %+v", rd)
	}
	rd = Extract(IDBack, card([]string{"有效期限", "2015.06.01-长期"}), time.Time{})
	if _, ok := rd.Fields[FExpiryDate]; ok {
		t.Errorf("长期 gave an expiry: %+v", rd)
	}
}

const (
	mrz1 = "P<CHNLIU<<TAO<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<"
	mrz2 = "E628468167CHN9707128F3607123<<<<<<<<<<<<<<08"
)

func TestExtractPassportRepairsFillers(t *testing.T) {
	// As PP-OCR reads it: trailing fillers gone, the middle run shortened.
	rd := Extract(Passport, card([]string{"P<CHNLIU<<TAO<<<<"}, []string{strings.Replace(mrz2, "<<<<<<<<<<<<<<", "<<<<<<<<<", 1)}), time.Now())
	if rd.MRZ == nil || !rd.MRZ.Valid || rd.MRZ.Lines[0] != mrz1 || rd.MRZ.Lines[1] != mrz2 {
		t.Fatalf("%+v", rd.MRZ)
	}
	if rd.Fields[FFullName] != "LIU TAO" || rd.Fields[FDocumentNumber] != "E62846816" || rd.Fields[FExpiryDate] != "2036-07-12" {
		t.Errorf("%v", rd.Fields)
	}
}

// "CHN" read as "0H2" keeps every check digit right (nationality has
// none), but is no country. It reads back as CHN only (0 as C, 2 as N, as
// PP-OCR misreads them), so the fields under check digits are trusted;
// the nationality and the names, which no digit covers, are not compared.
func TestExtractPassportCountryMisread(t *testing.T) {
	rd := Extract(Passport, card([]string{mrz1}, []string{strings.Replace(mrz2, "CHN", "0H2", 1)}), time.Now())
	if _, ok := rd.Fields[FNationality]; ok || rd.Unverified[FNationality] != "CHN" || rd.Fields[FDocumentNumber] != "E62846816" {
		t.Errorf("%+v", rd)
	}
	if _, ok := rd.Fields[FFullName]; ok {
		t.Errorf("names trusted after a guessed country: %+v", rd)
	}
}

func TestFitGrid(t *testing.T) {
	for _, c := range []struct {
		in    string
		n     int
		names bool
		want  string
	}{
		{"P<CHNLI<<MING", 44, true, "P<CHNLI<<MING" + strings.Repeat("<", 31)},
		{"AB<<C<D", 9, false, "AB<<<<C<D"},
		{"ABC", 5, false, "ABC<<"},
		{strings.Repeat("A", 50), 44, false, strings.Repeat("A", 44)},
	} {
		if got := fitGrid(c.in, c.n, c.names); got != c.want {
			t.Errorf("fitGrid(%q, %d) = %q, want %q", c.in, c.n, got, c.want)
		}
	}
}

func TestCTCDecode(t *testing.T) {
	dict := []string{"'", "A", "B"}
	// steps: A A blank A B space  (classes: 0 blank, 1..3 dict, 4 space)
	seq := []int{2, 2, 0, 2, 3, 4, 1}
	p := make([]float32, len(seq)*5)
	for i, c := range seq {
		p[i*5+c] = 0.9
	}
	got, conf := ctcDecode(p, len(seq), 5, dict)
	if got != "AAB '" || conf < 0.89 || conf > 0.91 {
		t.Errorf("got %q %v", got, conf)
	}
}

func TestBoxesFindsRotatedLine(t *testing.T) {
	w, h := 200, 100
	prob := make([]float32, w*h)
	// a 120×10 bar turned by about 5 degrees
	for y := range h {
		for x := range w {
			fx, fy := float64(x-100), float64(y-50)
			u := fx*0.996 + fy*0.087
			v := -fx*0.087 + fy*0.996
			if u > -60 && u < 60 && v > -5 && v < 5 {
				prob[y*w+x] = 0.9
			}
		}
	}
	b := boxes(prob, w, h)
	if len(b) != 1 {
		t.Fatalf("%d boxes", len(b))
	}
	width, height := dist(b[0][0], b[0][1]), dist(b[0][0], b[0][3])
	if width < 125 || width > 145 || height < 12 || height > 30 || b[0][0][0] > b[0][1][0] || b[0][0][1] > b[0][3][1] {
		t.Errorf("box %v: %.1f×%.1f", b[0], width, height)
	}
}

func TestDetSizeIsMultipleOf32(t *testing.T) {
	for _, s := range [][2]int{{4000, 3000}, {2048, 1536}, {100, 20}, {961, 7}} {
		w, h := detSize(s[0], s[1])
		if w%32 != 0 || h%32 != 0 || w > 992 || h > 992 || w < 32 || h < 32 {
			t.Errorf("%v → %d×%d", s, w, h)
		}
	}
}

func FuzzExtract(f *testing.F) {
	f.Add("姓名李晓明", "公民身份号码31010419900307123X", "P<CHNLIU<<TAO")
	f.Add("有效期限2015.06.01-长期", "签发机关上海市公安局", mrz2)
	f.Add("«く", "1990年13月40日", "<<<<<<<<<<<<<<<<<<<<<<<<")
	f.Add("香港永久性居民身份證", "CHAN, Tai Man", "***AZ A123456(3)")
	f.Add("港澳居民来往内地通行证姓名", "性别男出生日期1980.01.31", "证件号码H12345678")
	f.Add("中華民國國民身分證", "出生民國79年3月7日", "統一編號A123456789")
	f.Add("姓/Surname", "王/WANG", "名/Given names")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		ls := card([]string{a}, []string{b}, []string{c})
		for _, k := range Kinds {
			rd := Extract(k, ls, time.Now())
			for f := range rd.Fields {
				if _, ok := rd.Confidence[f]; !ok {
					t.Errorf("%s: field %s without confidence", k, f)
				}
			}
		}
	})
}

// The visual zone's name is under its label, Chinese and Latin parts split
// at the slash; a row with lower-case letters is a label, never a value.
func TestExtractPassportVIZ(t *testing.T) {
	rd := Extract(Passport, card(
		[]string{"姓/Surname"},
		[]string{"王/WANG"},
		[]string{"名/Given names"},
		[]string{"晓明/XIAO MING"},
		[]string{"性别/Sex"},
	), time.Time{})
	if rd.Fields[FLatinName] != "WANG XIAO MING" || rd.Fields[FNativeName] != "王晓明" || rd.Confidence[FLatinName] == 0 {
		t.Errorf("read %+v", rd)
	}
	// Another country's page: Latin only, the value beside its label; a
	// slash misread as 1 still splits at the last Han character.
	rd = Extract(Passport, card([]string{"Surname", "MÜLLER"}, []string{"Given names"}, []string{"ANNA MARIA"}), time.Time{})
	if rd.Fields[FLatinName] != "MÜLLER ANNA MARIA" {
		t.Errorf("read %+v", rd)
	}
	rd = Extract(Passport, card([]string{"姓/Surname"}, []string{"王1WANG"}, []string{"名/Given names"}, []string{"名/Given names"}), time.Time{})
	if rd.Fields[FLatinName] != "WANG" || rd.Fields[FNativeName] != "" || rd.Unverified[FNativeName] != "王" {
		t.Errorf("label as value, or a lone surname trusted as the Chinese name: %+v", rd)
	}
}

// Each card's number is trusted only through its own check: a Hong Kong
// check character, a Taiwan check digit and sex digit agreeing with the
// sex line, a Macau digit in its brackets, and for the formats without a
// check character, a confident read. Anything else is "could not read".
func TestExtractOtherCardNumbers(t *testing.T) {
	conf := func(ls []Line, c float64) []Line {
		for i := range ls {
			ls[i].Conf = c
		}
		return ls
	}
	for _, c := range []struct {
		name  string
		lines []Line
		typ   string
		want  string // trusted number, "" when it must be unverified
	}{
		{"hk", card([]string{"香港永久性居民身份證"}, []string{"***AZ", "C668668(E)"}), "hk_id", ""},
		{"hk valid", card([]string{"香港永久性居民身份證"}, []string{"***AZ", "A123456(3)"}), "hk_id", "A1234563"},
		{"hk check", card([]string{"香港永久性居民身份證"}, []string{"A123456(4)"}), "hk_id", ""},
		{"tw", card([]string{"中華民國國民身分證"}, []string{"性別", "男"}, []string{"統一編號", "A123456789"}), "tw_id", "A123456789"},
		{"tw sex", card([]string{"中華民國國民身分證"}, []string{"性別", "女"}, []string{"統一編號", "A123456789"}), "tw_id", ""},
		{"mo", card([]string{"澳門特別行政區永久性居民身份證"}, []string{"1234567(8)"}), "mo_id", "12345678"},
		{"mo brackets", card([]string{"澳門特別行政區永久性居民身份證"}, []string{"12345678"}), "mo_id", ""},
		{"mo unsure", conf(card([]string{"澳門特別行政區永久性居民身份證"}, []string{"1234567(8)"}), 0.8), "mo_id", ""},
		{"hk permit", card([]string{"港澳居民来往内地通行证"}, []string{"证件号码", "H12345678"}), "hk_mo_permit", "H12345678"},
		{"hk permit unsure", conf(card([]string{"港澳居民来往内地通行证"}, []string{"证件号码", "H12345678"}), 0.7), "hk_mo_permit", ""},
		{"tw permit", card([]string{"台湾居民来往大陆通行证"}, []string{"证件号码", "12345678"}), "tw_permit", "12345678"},
		{"tw permit short", card([]string{"台湾居民来往大陆通行证"}, []string{"证件号码", "1234567"}), "tw_permit", ""},
		{"exit permit", card([]string{"中华人民共和国往来港澳通行证"}, []string{"证件号码", "CA1234567"}), "cn_hkmo_permit", "CA1234567"},
	} {
		rd := Extract(IDFront, c.lines, time.Time{})
		if rd.DocumentType != c.typ {
			t.Errorf("%s: type %q, want %q", c.name, rd.DocumentType, c.typ)
		}
		if got := rd.Fields[FDocumentNumber]; got != c.want {
			t.Errorf("%s: number %q, want %q (unverified %q)", c.name, got, c.want, rd.Unverified[FDocumentNumber])
		}
		if c.want == "" && rd.Unverified[FDocumentNumber] == "" {
			t.Errorf("%s: misread not reported as unreadable: %+v", c.name, rd)
		}
	}
}

// The names, dates and sex of a permit and a Hong Kong card, as their
// layouts print them; the resident card's address naming 香港 does not
// make it a Hong Kong card.
func TestExtractOtherCardFields(t *testing.T) {
	rd := Extract(IDFront, card(
		[]string{"港澳居民来往内地通行证"},
		[]string{"姓名", "陳大文"},
		[]string{"CHAN, TAI MAN"},
		[]string{"性别", "男", "出生日期", "1980.01.31"},
		[]string{"有效期限", "2018.05.02-2028.05.02"},
	), time.Time{})
	want := map[string]string{FFullName: "陳大文", FLatinName: "CHAN TAI MAN", FSurname: "CHAN", FGivenNames: "TAI MAN",
		FSex: "M", FBirthDate: "1980-01-31", FValidFrom: "2018-05-02", FExpiryDate: "2028-05-02"}
	for f, v := range want {
		if rd.Fields[f] != v {
			t.Errorf("permit: %s = %q, want %q", f, rd.Fields[f], v)
		}
	}
	rd = Extract(IDFront, card(
		[]string{"香港永久性居民身份證"},
		[]string{"HONG KONG PERMANENT IDENTITY CARD"},
		[]string{"陳大文"},
		[]string{"CHAN, Tai Man"},
		[]string{"出生日期 Date of Birth"},
		[]string{"31-01-1980", "女 F"},
	), time.Time{})
	want = map[string]string{FFullName: "陳大文", FLatinName: "CHAN TAI MAN", FSex: "F", FBirthDate: "1980-01-31"}
	for f, v := range want {
		if rd.Fields[f] != v {
			t.Errorf("hk: %s = %q, want %q", f, rd.Fields[f], v)
		}
	}
	rd = Extract(IDFront, card([]string{"住址", "青岛市香港中路1号"}, []string{"公民身份号码", "31010419900307123X"}), time.Time{})
	if rd.DocumentType != "cn_rid" {
		t.Errorf("resident card read as %q", rd.DocumentType)
	}
	// The Taiwan card's dates count years from 1912 (民國1年).
	rd = Extract(IDFront, card([]string{"中華民國國民身分證"}, []string{"出生", "民國79年3月7日"}), time.Time{})
	if rd.Fields[FBirthDate] != "1990-03-07" {
		t.Errorf("tw birth: %+v", rd)
	}
}

// A Chinese name one character short of its Latin name's syllables lost a
// character to the recogniser: not trusted.
func TestExtractNameSyllables(t *testing.T) {
	rd := Extract(IDFront, card([]string{"港澳居民来往内地通行证"}, []string{"姓名", "小明"}, []string{"FUNG, SIU MING"}), time.Time{})
	if rd.Fields[FFullName] != "" || rd.Unverified[FFullName] != "小明" || rd.Fields[FLatinName] != "FUNG SIU MING" {
		t.Errorf("%+v", rd)
	}
	rd = Extract(IDFront, card([]string{"台湾居民来往大陆通行证"}, []string{"姓名", "陳大文"}, []string{"CHEN, DA-WEN"}), time.Time{})
	if rd.Fields[FFullName] != "陳大文" {
		t.Errorf("%+v", rd)
	}
	// A space lost between capitals lowers the count: no reason to doubt.
	rd = Extract(IDFront, card([]string{"港澳居民来往内地通行证"}, []string{"姓名", "郭國華"}, []string{"KWOK, KWOKWAH"}), time.Time{})
	if rd.Fields[FFullName] != "郭國華" {
		t.Errorf("%+v", rd)
	}
}
