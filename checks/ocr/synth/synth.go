// Package synth draws realistic photos of Chinese resident ID cards and
// passport data pages, deterministically from a seed, for the tests and
// benchmarks of checks/ocr. Each photo comes with the truth it shows.
//
// The card is drawn flat with Debian's CJK font (fonts-droid-fallback;
// fonts-wqy-microhei's collection does not parse with x/image/font/sfnt),
// then laid on a desk with perspective, lighting, blur, sensor noise and JPEG compression.
package synth

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"
	"math/rand/v2"
	"os"
	"strings"
	"sync"

	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/kycd/kycd/checks/idnumber"
	"github.com/kycd/kycd/checks/mrz"
	photosynth "github.com/kycd/kycd/checks/photo/synth"
)

// Fonts the generator draws with, from Debian packages.
var (
	cjkFonts = []string{
		"/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", // fonts-droid-fallback
	}
	monoFont = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf" // fonts-dejavu-core
	// The CJK font has no Latin letters or digits: those come from here,
	// as on the real card, whose number is set in a different face.
	latinFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
)

// ErrNoFonts means the Debian font packages are not installed.
var ErrNoFonts = errors.New("synth: CJK fonts missing (apt-get install fonts-droid-fallback fonts-dejavu-core)")

// Truth is what a generated document says.
type Truth struct {
	Kind           string // id_front, id_back, passport
	Name           string // Chinese name (ID card) or "SURNAME GIVEN" (passport)
	Native         string // passport: the Chinese name printed in the visual zone
	Latin          string // cards and permits that print one: "CHAN TAI MAN"
	DocType        string // Front: the card's document type (hk_id, …)
	Surname, Given string // passport only
	Sex            string // M or F
	Ethnicity      string
	BirthDate      string // YYYY-MM-DD
	Address        string
	Number         string
	Authority      string
	ValidFrom      string // YYYY-MM-DD
	Expiry         string // YYYY-MM-DD, "" for 长期
	Nationality    string
	MRZ            []string
}

// Options shape one photo.
type Options struct {
	// Width and Height of the photo (e.g. 2048×1536 for 3 MP).
	Width, Height int
	// Hard adds stronger blur, noise and tilt.
	Hard bool
	// VIZSurname, when set, is printed in a passport's visual zone instead
	// of the surname its MRZ carries: a page that disagrees with itself.
	VIZSurname string
}

// portrait is the face every generated card shows.
var portrait = sync.OnceValue(photosynth.Portrait)

// Generator draws documents; it caches parsed fonts.
type Generator struct {
	cjk         []*sfnt.Font
	mono, latin *sfnt.Font
}

// New loads the fonts.
func New() (*Generator, error) {
	g := &Generator{}
	for _, p := range cjkFonts {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrNoFonts, err)
		}
		if c, err := opentype.ParseCollection(b); err == nil && c.NumFonts() > 0 {
			f, err := c.Font(0)
			if err != nil {
				return nil, err
			}
			g.cjk = append(g.cjk, f)
			continue
		}
		f, err := opentype.Parse(b)
		if err != nil {
			return nil, fmt.Errorf("synth: %s: %v", p, err)
		}
		g.cjk = append(g.cjk, f)
	}
	for _, p := range []struct {
		path string
		f    **sfnt.Font
	}{{monoFont, &g.mono}, {latinFont, &g.latin}} {
		b, err := os.ReadFile(p.path)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrNoFonts, err)
		}
		if *p.f, err = opentype.Parse(b); err != nil {
			return nil, err
		}
	}
	return g, nil
}

var (
	surnames = []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
	givens   = []rune("伟芳娜秀敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂英华玉兰萍红鹏辉建国文斌宇浩凯健俊帆帅旭宁龙林欣怡佳琪晨雪婷倩颖琳慧莉梅晶瑶嘉子轩涵宏志海波峰晓云飞鑫博昊然睿思源天翔")
	peoples  = []string{"汉", "汉", "汉", "汉", "回", "满", "壮", "苗", "蒙古", "土家", "藏", "维吾尔"}
	places   = []struct{ code, prefix string }{
		{"110101", "北京市东城区"}, {"310104", "上海市徐汇区"}, {"320102", "南京市玄武区"},
		{"440305", "深圳市南山区"}, {"510107", "成都市武侯区"}, {"330106", "杭州市西湖区"},
		{"420106", "武汉市武昌区"}, {"610113", "西安市雁塔区"}, {"370202", "青岛市市南区"},
		{"350203", "厦门市思明区"},
	}
	streets = []string{"建国路", "人民路", "解放大道", "中山北路", "长安街", "和平里", "文化路", "科技园南路", "天府大道", "北京东路"}
)

// Card draws the front (kind "id_front") or back ("id_back") of a resident
// ID card for the person seeded by seed, and the JPEG photo of it.
func (g *Generator) Card(seed uint64, kind string, o Options) ([]byte, Truth, error) {
	r := rand.New(rand.NewPCG(seed, 0x6b796364))
	t := person(r)
	t.Kind = kind
	f := g.cjk[r.IntN(len(g.cjk))]
	cw := 1000 + r.IntN(200)
	ch := int(float64(cw) * 54 / 85.6)
	card := image.NewRGBA(image.Rect(0, 0, cw, ch))
	base := color.RGBA{uint8(232 + r.IntN(16)), uint8(236 + r.IntN(14)), uint8(240 + r.IntN(12)), 255}
	for y := range ch {
		for x := range cw {
			// a faint guilloche-like wave, as the printed background has
			v := 6 * math.Sin(float64(x)/23+3*math.Sin(float64(y)/41))
			card.Set(x, y, shade(base, v))
		}
	}
	label := color.RGBA{40, 90, 150, 255}
	ink := color.RGBA{uint8(15 + r.IntN(25)), uint8(15 + r.IntN(25)), uint8(15 + r.IntN(25)), 255}
	u := float64(cw) / 1000 // layout unit
	px := func(v float64) int { return int(v * u) }
	if kind == "id_front" {
		// The portrait on the right: a photograph, as real cards carry,
		// so that the photo check finds the face it expects there.
		xdraw.CatmullRom.Scale(card, image.Rect(px(640), px(90), px(930), px(430)), portrait(), portrait().Bounds(), xdraw.Src, nil)
		ls, vs := 30*u, 38*u
		g.text(card, f, ls, px(60), px(95), "姓  名", label)
		g.text(card, f, vs, px(170), px(97), t.Name, ink)
		g.text(card, f, ls, px(60), px(165), "性  别", label)
		g.text(card, f, vs*0.9, px(170), px(166), map[string]string{"M": "男", "F": "女"}[t.Sex], ink)
		g.text(card, f, ls, px(300), px(165), "民  族", label)
		g.text(card, f, vs*0.9, px(410), px(166), t.Ethnicity, ink)
		g.text(card, f, ls, px(60), px(232), "出  生", label)
		y, m, d := ymd(t.BirthDate)
		g.text(card, f, vs*0.9, px(170), px(233), fmt.Sprintf("%d", y), ink)
		g.text(card, f, ls, px(270), px(232), "年", label)
		g.text(card, f, vs*0.9, px(320), px(233), fmt.Sprintf("%d", m), ink)
		g.text(card, f, ls, px(370), px(232), "月", label)
		g.text(card, f, vs*0.9, px(420), px(233), fmt.Sprintf("%d", d), ink)
		g.text(card, f, ls, px(470), px(232), "日", label)
		g.text(card, f, ls, px(60), px(300), "住  址", label)
		for i, line := range wrap(t.Address, 11) {
			g.text(card, f, vs*0.85, px(170), px(302+float64(i)*48), line, ink)
		}
		g.text(card, f, ls, px(60), px(525), "公民身份号码", label)
		g.text(card, f, 42*u, px(330), px(527), t.Number, ink)
	} else {
		fillEllipse(card, px(130), px(130), px(70), px(70), color.RGBA{200, 60, 50, 255})
		g.text(card, f, 56*u, px(300), px(150), "中华人民共和国", ink)
		g.text(card, f, 68*u, px(320), px(270), "居民身份证", ink)
		g.text(card, f, 30*u, px(170), px(440), "签发机关", ink)
		g.text(card, f, 34*u, px(350), px(441), t.Authority, ink)
		g.text(card, f, 30*u, px(170), px(520), "有效期限", ink)
		exp := "长期"
		if t.Expiry != "" {
			exp = strings.ReplaceAll(t.Expiry, "-", ".")
		}
		g.text(card, f, 34*u, px(350), px(521), strings.ReplaceAll(t.ValidFrom, "-", ".")+"-"+exp, ink)
	}
	jpg, err := photograph(r, card, o)
	return jpg, t, err
}

// Passport draws a passport data page with its MRZ. The visual zone is
// laid out as the Chinese passport's: a small bilingual label over each
// value, the name as "王/WANG" under 姓/Surname and "晓明/XIAOMING" under
// 名/Given names.
func (g *Generator) Passport(seed uint64, o Options) ([]byte, Truth, error) {
	r := rand.New(rand.NewPCG(seed, 0x70617373))
	t := person(r)
	t.Kind = "passport"
	t.Nationality = "CHN"
	t.Native = t.Name
	t.Surname, t.Given = latin(r, t.Name)
	t.Name = t.Surname + " " + t.Given
	t.Number = fmt.Sprintf("E%08d", r.IntN(100000000))
	t.MRZ = td3(t)
	pw := 1250
	ph := int(float64(pw) * 88 / 125)
	page := image.NewRGBA(image.Rect(0, 0, pw, ph))
	base := color.RGBA{uint8(230 + r.IntN(15)), uint8(235 + r.IntN(12)), uint8(225 + r.IntN(15)), 255}
	for y := range ph {
		for x := range pw {
			page.Set(x, y, shade(base, 5*math.Sin(float64(x+2*y)/17)))
		}
	}
	ink := color.RGBA{25, 25, 35, 255}
	label := color.RGBA{70, 80, 110, 255}
	f := g.cjk[r.IntN(len(g.cjk))]
	draw.Draw(page, image.Rect(60, 150, 380, 560), image.NewUniform(color.RGBA{195, 200, 210, 255}), image.Point{}, draw.Src)
	fillEllipse(page, 220, 320, 85, 110, color.RGBA{150, 135, 125, 255})
	sur, giv := []rune(t.Native)[:1], []rune(t.Native)[1:]
	ls, vs := 24.0, 32.0
	g.text(page, f, 34, 420, 40, "中华人民共和国 护照", ink)
	g.text(page, f, ls, 420, 110, "类型/Type", label)
	g.text(page, f, ls, 600, 110, "国家码/Country code", label)
	g.text(page, f, ls, 880, 110, "护照号/Passport No.", label)
	g.text(page, f, vs, 420, 142, "P", ink)
	g.text(page, f, vs, 600, 142, "CHN", ink)
	g.text(page, f, vs, 880, 142, t.Number, ink)
	g.text(page, f, ls, 420, 200, "姓/Surname", label)
	vizSur := t.Surname
	if o.VIZSurname != "" {
		vizSur = o.VIZSurname
	}
	g.text(page, f, vs, 420, 232, string(sur)+"/"+vizSur, ink)
	g.text(page, f, ls, 420, 290, "名/Given names", label)
	g.text(page, f, vs, 420, 322, string(giv)+"/"+t.Given, ink)
	g.text(page, f, ls, 420, 380, "性别/Sex", label)
	g.text(page, f, vs, 420, 412, map[string]string{"M": "男/M", "F": "女/F"}[t.Sex], ink)
	g.text(page, f, ls, 420, 470, "出生日期/Date of birth", label)
	g.text(page, f, vs, 420, 502, t.BirthDate, ink)
	ms := 40.0
	for i, l := range t.MRZ {
		g.text(page, g.mono, ms, 45, ph-140+i*70, l, color.RGBA{10, 10, 15, 255})
	}
	jpg, err := photograph(r, page, o)
	return jpg, t, err
}

func person(r *rand.Rand) Truth {
	var t Truth
	name := []rune{surnames[r.IntN(len(surnames))]}
	for range 1 + r.IntN(2) {
		name = append(name, givens[r.IntN(len(givens))])
	}
	t.Name = string(name)
	t.Sex = []string{"M", "F"}[r.IntN(2)]
	t.Ethnicity = peoples[r.IntN(len(peoples))]
	y, m, d := 1950+r.IntN(55), 1+r.IntN(12), 1+r.IntN(28)
	t.BirthDate = fmt.Sprintf("%04d-%02d-%02d", y, m, d)
	pl := places[r.IntN(len(places))]
	t.Address = fmt.Sprintf("%s%s%d号%d栋%d室", pl.prefix, streets[r.IntN(len(streets))], 1+r.IntN(300), 1+r.IntN(20), 101+r.IntN(1500))
	seq := r.IntN(1000)
	if (seq%2 == 1) != (t.Sex == "M") {
		seq = (seq + 1) % 1000
	}
	body := fmt.Sprintf("%s%04d%02d%02d%03d", pl.code, y, m, d, seq)
	c, _ := idnumber.CNCheckChar(body)
	t.Number = body + string(c)
	t.Authority = pl.prefix[:len(pl.prefix)-len("区")*0] + "公安分局"
	vy := 2010 + r.IntN(14)
	t.ValidFrom = fmt.Sprintf("%04d-%02d-%02d", vy, m, d)
	if r.IntN(8) != 0 {
		t.Expiry = fmt.Sprintf("%04d-%02d-%02d", vy+10+10*r.IntN(2), m, d)
	}
	return t
}

// latin gives a passport spelling; the generator does not need real pinyin,
// only Latin names of realistic shape.
func latin(r *rand.Rand, _ string) (string, string) {
	sur := []string{"WANG", "LI", "ZHANG", "LIU", "CHEN", "YANG", "HUANG", "ZHAO", "ZHOU", "XU", "SUN", "MA", "ZHU", "HU", "GUO"}
	giv := []string{"WEI", "FANG", "NA", "XIUYING", "MIN", "JING", "XIAOMING", "QIANG", "LEI", "JUN", "YANG", "YONG", "YAN", "JIE", "JUAN", "TAO"}
	return sur[r.IntN(len(sur))], giv[r.IntN(len(giv))] + []string{"", "", giv[r.IntN(len(giv))]}[r.IntN(3)]
}

func td3(t Truth) []string {
	l1 := "P<CHN" + t.Surname + "<<" + strings.ReplaceAll(t.Given, " ", "<")
	l1 += strings.Repeat("<", 44-len(l1))
	cd := func(s string) string { d, _ := mrz.CheckDigit(s); return string(d) }
	num := t.Number + strings.Repeat("<", 9-len(t.Number))
	birth := strings.ReplaceAll(t.BirthDate, "-", "")[2:]
	exp := "20" + t.ValidFrom[2:4]
	if t.Expiry != "" {
		exp = t.Expiry
	} else {
		exp = fmt.Sprintf("%04d%s", 2030, t.ValidFrom[4:])
	}
	expiry := strings.ReplaceAll(exp, "-", "")[2:]
	personal := strings.Repeat("<", 14)
	l2 := num + cd(num) + "CHN" + birth + cd(birth) + t.Sex + expiry + cd(expiry) + personal + cd(personal)
	composite := num + cd(num) + birth + cd(birth) + expiry + cd(expiry) + personal + cd(personal)
	l2 += cd(composite)
	return []string{l1, l2}
}

func ymd(s string) (int, int, int) {
	var y, m, d int
	fmt.Sscanf(s, "%d-%d-%d", &y, &m, &d)
	return y, m, d
}

func wrap(s string, n int) []string {
	r := []rune(s)
	var out []string
	for len(r) > n {
		out = append(out, string(r[:n]))
		r = r[n:]
	}
	return append(out, string(r))
}

func shade(c color.RGBA, v float64) color.RGBA {
	f := func(x uint8) uint8 { return uint8(math.Max(0, math.Min(255, float64(x)+v))) }
	return color.RGBA{f(c.R), f(c.G), f(c.B), 255}
}

func fillEllipse(m *image.RGBA, cx, cy, rx, ry int, c color.RGBA) {
	for y := cy - ry; y <= cy+ry; y++ {
		for x := cx - rx; x <= cx+rx; x++ {
			dx, dy := float64(x-cx)/float64(rx), float64(y-cy)/float64(ry)
			if dx*dx+dy*dy <= 1 && image.Pt(x, y).In(m.Rect) {
				m.SetRGBA(x, y, c)
			}
		}
	}
}

// text draws s with its baseline at (x, y+size), in f for CJK characters
// and the Latin font for the rest.
func (g *Generator) text(m *image.RGBA, f *sfnt.Font, size float64, x, y int, s string, c color.RGBA) {
	opts := &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone}
	cjk, err := opentype.NewFace(f, opts)
	if err != nil {
		return
	}
	defer cjk.Close()
	lat := cjk
	if f != g.mono {
		if lat, err = opentype.NewFace(g.latin, opts); err != nil {
			return
		}
		defer lat.Close()
	}
	d := &font.Drawer{Dst: m, Src: image.NewUniform(c), Dot: fixed.P(x, y+int(size))}
	for _, r := range s {
		d.Face = lat
		if r >= 0x2E80 {
			d.Face = cjk
		}
		d.DrawString(string(r))
	}
}
