package synth

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"math/rand/v2"
	"strings"

	xdraw "golang.org/x/image/draw"

	"github.com/kycd/kycd/checks/idnumber"
)

// Document types of the other cards and permits (idnumber's wire names,
// plus the mainland resident's exit-entry permit, which the identity form
// has no type for).
const (
	HKID         = "hk_id"
	MOID         = "mo_id"
	TWID         = "tw_id"
	HKMOPermit   = "hk_mo_permit"
	TWPermit     = "tw_permit"
	CNHKMOPermit = "cn_hkmo_permit"
)

// Layouts lists the document types Front draws.
var Layouts = []string{HKID, MOID, TWID, HKMOPermit, TWPermit, CNHKMOPermit}

// Names of Hong Kong, Macau and Taiwan residents, in traditional
// characters (the recogniser's dictionary has these), with their
// romanisations: Cantonese for Hong Kong and Macau, Wade–Giles with a
// hyphen for Taiwan.
var (
	tradSurnames = []struct{ han, hk, tw string }{
		{"陳", "CHAN", "CHEN"}, {"黃", "WONG", "HUANG"}, {"張", "CHEUNG", "CHANG"}, {"劉", "LAU", "LIU"},
		{"李", "LEE", "LI"}, {"林", "LAM", "LIN"}, {"何", "HO", "HO"}, {"梁", "LEUNG", "LIANG"},
		{"楊", "YEUNG", "YANG"}, {"鄭", "CHENG", "CHENG"}, {"許", "HUI", "HSU"}, {"馮", "FUNG", "FENG"},
	}
	tradGivens = []struct{ han, hk, tw string }{
		{"大文", "TAI MAN", "DA-WEN"}, {"家欣", "KA YAN", "CHIA-HSIN"}, {"偉明", "WAI MING", "WEI-MING"},
		{"志強", "CHI KEUNG", "CHIH-CHIANG"}, {"小明", "SIU MING", "HSIAO-MING"}, {"美玲", "MEI LING", "MEI-LING"},
		{"國華", "KWOK WAH", "KUO-HUA"}, {"嘉慧", "KA WAI", "CHIA-HUI"}, {"建輝", "KIN FAI", "CHIEN-HUI"},
		{"淑芬", "SHUK FAN", "SHU-FEN"}, {"俊傑", "CHUN KIT", "CHUN-CHIEH"}, {"雅婷", "NGA TING", "YA-TING"},
	}
	pinyinSurnames = []string{"WANG", "LI", "ZHANG", "LIU", "CHEN", "YANG", "HUANG", "ZHAO", "ZHOU", "XU", "SUN", "MA"}
	pinyinGivens   = []string{"WEI", "FANG", "XIAOMING", "JING", "QIANG", "LEI", "JUN", "YONG", "YAN", "JIE", "TAO", "HAIBO"}
	// twLetters are Taiwan ID letters in use (I, O, W, X, Y and Z are
	// rare or retired: leave them out).
	twLetters = "ABCDEFGHJKLMNPQRSTUV"
)

// Front draws the front of a Hong Kong, Macau or Taiwan identity card or
// of a travel permit (docType one of Layouts) for the person seeded by
// seed, and the JPEG photo of it. The layouts follow the real cards'
// order of fields and their ways of writing dates and numbers; the
// security printing is left out.
func (g *Generator) Front(seed uint64, docType string, o Options) ([]byte, Truth, error) {
	r := rand.New(rand.NewPCG(seed, 0x6c61796f))
	t := person(r)
	t.Kind = "id_front"
	t.DocType = docType
	trad := docType != CNHKMOPermit
	if trad {
		s, gv := tradSurnames[r.IntN(len(tradSurnames))], tradGivens[r.IntN(len(tradGivens))]
		t.Name = s.han + gv.han
		t.Surname, t.Given = s.hk, gv.hk
		if docType == TWID || docType == TWPermit {
			t.Surname, t.Given = s.tw, gv.tw
		}
	} else {
		t.Surname = pinyinSurnames[r.IntN(len(pinyinSurnames))]
		t.Given = pinyinGivens[r.IntN(len(pinyinGivens))]
	}
	t.Latin = t.Surname + " " + t.Given
	t.Address, t.Ethnicity = "", ""
	t.Number = number(r, docType, t.Sex)
	t.Authority = "公安部出入境管理局"
	y, m, d := ymd(t.BirthDate)
	vy := 2016 + r.IntN(8)
	t.ValidFrom = fmt.Sprintf("%04d-%02d-%02d", vy, m, d)
	t.Expiry = fmt.Sprintf("%04d-%02d-%02d", vy+10, m, d)

	f := g.cjk[r.IntN(len(g.cjk))]
	cw := 1000 + r.IntN(200)
	ch := int(float64(cw) * 54 / 85.6)
	card := image.NewRGBA(image.Rect(0, 0, cw, ch))
	tints := map[string]color.RGBA{HKID: {225, 232, 242, 255}, MOID: {232, 236, 226, 255}, TWID: {240, 232, 226, 255},
		HKMOPermit: {236, 230, 240, 255}, TWPermit: {228, 238, 236, 255}, CNHKMOPermit: {238, 234, 222, 255}}
	base := tints[docType]
	base.R -= uint8(r.IntN(10))
	for yy := range ch {
		for xx := range cw {
			v := 5 * math.Sin(float64(xx)/19+2*math.Sin(float64(yy)/37))
			card.Set(xx, yy, shade(base, v))
		}
	}
	label := color.RGBA{60, 80, 120, 255}
	ink := color.RGBA{uint8(15 + r.IntN(25)), uint8(15 + r.IntN(25)), uint8(15 + r.IntN(25)), 255}
	u := float64(cw) / 1000
	px := func(v float64) int { return int(v * u) }
	tx := func(size, x, y float64, s string, c color.RGBA) { g.text(card, f, size*u, px(x), px(y), s, c) }
	xdraw.CatmullRom.Scale(card, image.Rect(px(700), px(150), px(940), px(450)), portrait(), portrait().Bounds(), xdraw.Src, nil)
	sexHan := map[string]string{"M": "男", "F": "女"}[t.Sex]
	dots := func(s string) string { return strings.ReplaceAll(s, "-", ".") }
	switch docType {
	case HKID:
		tx(30, 60, 30, "香港永久性居民身份證", ink)
		tx(22, 60, 75, "HONG KONG PERMANENT IDENTITY CARD", ink)
		tx(40, 60, 140, t.Name, ink)
		// "CHAN, Tai Man": the surname in capitals, a comma, the given
		// names capitalised, as the card prints them.
		tx(30, 60, 200, t.Surname+", "+titleCase(t.Given), ink)
		tx(24, 60, 255, commercialCode(r, len([]rune(t.Name))), ink)
		tx(20, 60, 315, "出生日期 Date of Birth", label)
		tx(32, 60, 345, fmt.Sprintf("%02d-%02d-%04d", d, m, y), ink)
		tx(32, 330, 345, sexHan+" "+t.Sex, ink)
		tx(20, 60, 415, "簽發日期 Date of Issue", label)
		tx(28, 60, 445, fmt.Sprintf("(%02d-%02d) %02d-%02d-%02d", m, y%100, d, m, vy%100), ink)
		tx(26, 60, 535, "***AZ", ink)
		tx(40, 640, 530, t.Number[:len(t.Number)-1]+"("+t.Number[len(t.Number)-1:]+")", ink)
	case MOID:
		tx(28, 60, 30, "澳門特別行政區永久性居民身份證", ink)
		tx(18, 60, 72, "BILHETE DE IDENTIDADE DE RESIDENTE PERMANENTE", ink)
		tx(20, 60, 125, "姓名 Nome", label)
		tx(38, 60, 152, t.Name, ink)
		tx(28, 60, 205, t.Latin, ink)
		tx(20, 60, 270, "出生日期 Data de Nascimento", label)
		tx(32, 60, 300, fmt.Sprintf("%02d-%02d-%04d", d, m, y), ink)
		tx(20, 420, 270, "性別 Sexo", label)
		tx(32, 420, 300, sexHan+" "+t.Sex, ink)
		tx(20, 60, 370, "有效期至 Válido até", label)
		tx(32, 60, 400, fmt.Sprintf("%02d-%02d-%04d", d, m, vy+10), ink)
		tx(40, 600, 530, t.Number[:7]+"("+t.Number[7:]+")", ink)
	case TWID:
		tx(34, 200, 30, "中華民國國民身分證", ink)
		tx(22, 60, 140, "姓名", label)
		tx(40, 170, 133, t.Name, ink)
		tx(22, 60, 220, "出生", label)
		tx(30, 170, 216, fmt.Sprintf("民國%d年%d月%d日", y-1911, m, d), ink)
		tx(22, 60, 290, "性別", label)
		tx(30, 170, 286, sexHan, ink)
		tx(22, 60, 360, "發證日期", label)
		tx(30, 210, 356, fmt.Sprintf("民國%d年%d月%d日", vy-1911, m, d), ink)
		tx(22, 60, 530, "統一編號", label)
		tx(40, 230, 522, t.Number, ink)
	default: // the three permits share the mainland's card layout
		title := map[string]string{HKMOPermit: "港澳居民来往内地通行证", TWPermit: "台湾居民来往大陆通行证", CNHKMOPermit: "中华人民共和国往来港澳通行证"}[docType]
		tx(34, 60, 30, title, ink)
		tx(22, 60, 120, "姓名", label)
		tx(38, 170, 112, t.Name, ink)
		tx(28, 170, 165, t.Surname+", "+t.Given, ink)
		tx(22, 60, 230, "性别", label)
		tx(30, 170, 226, sexHan, ink)
		tx(22, 300, 230, "出生日期", label)
		tx(30, 420, 226, dots(t.BirthDate), ink)
		tx(22, 60, 295, "有效期限", label)
		tx(30, 200, 291, dots(t.ValidFrom)+"-"+dots(t.Expiry), ink)
		tx(22, 60, 360, "签发机关", label)
		tx(30, 200, 356, t.Authority, ink)
		tx(22, 60, 530, "证件号码", label)
		tx(40, 210, 522, t.Number, ink)
	}
	jpg, err := photograph(r, card, o)
	return jpg, t, err
}

// number draws a number of docType that passes its format's own check.
func number(r *rand.Rand, docType, sex string) string {
	digits := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteByte(byte('0' + r.IntN(10)))
		}
		return b.String()
	}
	switch docType {
	case HKID:
		body := string(rune('A'+r.IntN(26))) + digits(6)
		if r.IntN(6) == 0 {
			body = "X" + body // two-letter prefixes exist (XA…)
		}
		c, _ := idnumber.HKCheckChar(body)
		return body + string(c)
	case MOID:
		return string("157"[r.IntN(3)]) + digits(7)
	case TWID:
		sd := "1"
		if sex == "F" {
			sd = "2"
		}
		body := string(twLetters[r.IntN(len(twLetters))]) + sd + digits(7)
		c, _ := idnumber.TWCheckDigit(body)
		return body + string(c)
	case HKMOPermit:
		return string("HM"[r.IntN(2)]) + digits(8)
	case TWPermit:
		return digits(8)
	case CNHKMOPermit:
		if r.IntN(2) == 0 {
			return "C" + digits(8)
		}
		return "C" + string("ABCDEFGHJKLMNPQRSTUVWXYZ"[r.IntN(24)]) + digits(7)
	}
	return ""
}

// commercialCode is the Chinese commercial (telegraph) code line of a Hong
// Kong card: four digits a character. The values are random: only the
// line's presence matters, as a row of digits that is not the number.
func commercialCode(r *rand.Rand, n int) string {
	var parts []string
	for range n {
		parts = append(parts, fmt.Sprintf("%04d", r.IntN(10000)))
	}
	return strings.Join(parts, " ")
}

func titleCase(s string) string {
	w := strings.Fields(s)
	for i, x := range w {
		w[i] = x[:1] + strings.ToLower(x[1:])
	}
	return strings.Join(w, " ")
}
