package ocr

import (
	"regexp"
	"strings"

	"github.com/kycd/kycd/checks/idnumber"
)

// Document types a card front can be, besides the resident card (cn_rid):
// idnumber's wire names, and the mainland resident's exit-entry permit for
// Hong Kong and Macau (往来港澳通行证), which the identity form has no type
// for: it is read, and compared with nothing.
const (
	TypeCNRID        = string(idnumber.CNRID)
	TypeHKID         = string(idnumber.HKID)
	TypeMOID         = string(idnumber.MOID)
	TypeTWID         = string(idnumber.TWID)
	TypeHKMOPermit   = string(idnumber.HKMOPermit)
	TypeTWPermit     = string(idnumber.TWPermit)
	TypeCNHKMOPermit = "cn_hkmo_permit"
	TypePassport     = "passport"
)

// minShapeConf is the recogniser confidence a value needs to be trusted
// when it has no check of its own: a number whose format has no check
// character (Macau cards and the permits), whose shape alone would let a
// misread digit through, and the names on these cards (the recogniser
// drops a traditional character it is unsure of, 馮 in 馮國華, and what is
// left still looks like a name). A value read with less certainty is
// "could not read".
const minShapeConf = 0.9

// cardType tells which card a front is from its printed titles, and
// whether a title was found at all (with none, the front is read as a
// resident card's, without claiming it is one). The resident card's
// number label comes first: its address may name a 香港路.
func cardType(rs []row) (string, bool) {
	var all strings.Builder
	for _, r := range rs {
		all.WriteString(r.text)
	}
	s := all.String()
	has := func(words ...string) bool {
		for _, w := range words {
			if strings.Contains(s, w) {
				return true
			}
		}
		return false
	}
	switch {
	case has("公民身份", "身份号码"):
		return TypeCNRID, true
	case has("往来港澳", "往來港澳"):
		return TypeCNHKMOPermit, true
	case has("港澳居民", "来往内地", "來往內地"):
		return TypeHKMOPermit, true
	case has("台湾居民", "臺灣居民", "来往大陆", "來往大陸"):
		return TypeTWPermit, true
	case has("香港", "HONGKONG"):
		return TypeHKID, true
	case has("澳門", "澳门", "MACAU", "RESIDENTE"):
		return TypeMOID, true
	case has("民國", "民国", "國民身分", "中華民國", "統一"):
		return TypeTWID, true
	}
	return TypeCNRID, false
}

var (
	// Hong Kong: one or two letters, six digits, the check character in
	// brackets: A123456(3). The check character is matched wider than it can
	// be (0–9, A), so that a misread one fails the check instead of hiding
	// the number.
	// The letters must start a word: the card prints "***AZ" on the
	// number's line, and the two run together once spaces are dropped.
	reHKNumber = regexp.MustCompile(`(?:^|[^A-Z])([A-Z]{1,2}[0-9]{6})[(（]?([0-9A-Z])[)）]?`)
	// Macau: 1, 5 or 7, six digits, a digit in brackets.
	reMONumber = regexp.MustCompile(`([157][0-9]{6})([(（]?)([0-9])([)）]?)`)
	// Taiwan: a letter, the sex digit, eight digits.
	reTWNumber = regexp.MustCompile(`[A-Z][1289][0-9]{8}`)
	// Permits for Hong Kong and Macau residents: H or M and eight digits
	// (two more on the old booklets: the issue count).
	reHKMOPermit = regexp.MustCompile(`[HM][0-9]{8}(?:[0-9]{2})?`)
	// The exit-entry permit: C and eight digits (2014 card), or C, a
	// letter other than I and O, and seven digits (numbers issued after
	// the first hundred million; National Immigration Administration,
	// notice of 2018-12-10 on the electronic permit's numbering).
	reCNHKMOPermit = regexp.MustCompile(`C(?:[0-9]{8}|[A-HJ-NP-Z][0-9]{7})`)
	// Taiwan residents' permit: eight digits on the card (since 2015), ten
	// on the old booklets.
	reTWPermit = regexp.MustCompile(`^[0-9]{8}(?:[0-9]{2})?$`)

	reDMY    = regexp.MustCompile(`([0-9]{2})-([0-9]{2})-([0-9]{4})`)
	reDotted = regexp.MustCompile(`([0-9]{4})\.([0-9]{2})\.([0-9]{2})`)
	reROC    = regexp.MustCompile(`民[國国]([0-9]{2,3})年([0-9]{1,2})月([0-9]{1,2})日`)
)

// titleWords are the parts of titles and labels that are not names.
var titleWords = []string{"香港", "澳門", "澳门", "身份", "證", "证", "民國", "通行", "居民", "日期", "出生", "性"}

// otherCard reads the front of a card that is not the resident card: the
// number with its format's own check, the Chinese and Latin names, the
// birth date and sex where printed, and the validity of the permits.
func (rd *Reading) otherCard(t string, rs []row) {
	nameRow := rd.cardNames(rs)
	rd.nameSyllables(t)
	birthRow := rd.cardBirth(rs, t)
	rd.cardSex(rs, birthRow)
	for i, r := range rs {
		if i == nameRow {
			continue
		}
		if v, ok := after(r.text, "签发机关"); ok {
			rd.set(FIssuingAuthority, v, r.conf, strings.HasSuffix(v, "局"))
		}
		if m := reValidity.FindStringSubmatch(r.text); m != nil {
			// Permits are valid 5 years (minors, and Taiwan residents' cards)
			// or 10, to the day: another span means a misread digit.
			rd.validity(m, r.conf, 5, 10)
		}
		if t == TypeMOID && strings.Contains(r.text, "有效期") && i+1 < len(rs) {
			if m := reDMY.FindStringSubmatch(rs[i+1].text); m != nil {
				v, ok := date(m[3], m[2], m[1])
				rd.set(FExpiryDate, v, rs[i+1].conf, ok)
			}
		}
	}
	rd.cardNumber(t, rs)
}

// cardNames reads the Chinese name (after 姓名, or, on the Hong Kong card
// which has no label, the first row of Han characters alone that is not a
// title) and the Latin name on one of the two rows after it. It returns the
// Chinese name's row, or -1.
func (rd *Reading) cardNames(rs []row) int {
	at := -1
	for i, r := range rs {
		if v, ok := after(r.text, "姓名"); ok {
			if n := cjkOnly(v); n != "" {
				rd.set(FFullName, n, r.conf, chineseName(n) && r.conf >= minShapeConf)
				at = i
			} else if i+1 < len(rs) && cjkOnly(rs[i+1].text) == rs[i+1].text && rs[i+1].text != "" {
				rd.set(FFullName, rs[i+1].text, rs[i+1].conf, chineseName(rs[i+1].text) && rs[i+1].conf >= minShapeConf)
				at = i + 1
			}
			break
		}
	}
	if at < 0 {
		for i, r := range rs {
			if n := []rune(r.text); len(n) >= 2 && len(n) <= 5 && cjkOnly(r.text) == r.text && !hasAny(r.text, titleWords) {
				rd.set(FFullName, r.text, r.conf, r.conf >= minShapeConf)
				at = i
				break
			}
		}
	}
	if at < 0 {
		return -1
	}
	for j := at + 1; j < len(rs) && j <= at+2; j++ {
		if sur, giv, ok := latinName(rs[j].spaced); ok {
			full := strings.TrimSpace(sur + " " + giv)
			trusted := reLatinName.MatchString(full) && rs[j].conf >= minShapeConf
			rd.set(FLatinName, full, rs[j].conf, trusted)
			if giv != "" && strings.ContainsAny(rs[j].spaced, ",，") {
				rd.set(FSurname, sur, rs[j].conf, trusted)
				rd.set(FGivenNames, giv, rs[j].conf, trusted)
			}
			break
		}
	}
	return at
}

// nameSyllables distrusts a Chinese name shorter than the Latin name
// printed under it. Cantonese (Hong Kong, Macau) and Wade–Giles
// (Taiwan) spellings give each character a word or a hyphenated syllable
// (CHAN TAI MAN, CHEN DA-WEN), so 3 syllables mean 3 characters; the
// recogniser sometimes drops a character it does not know with full
// confidence (馮小明 read 小明), which nothing else would catch. Pinyin
// joins the given name's syllables (ZHANG XIAOMING), so the exit-entry
// permit is not checked, nor the Taiwan card, which prints no Latin name.
// A holder with an English name besides (CHAN, Peter Tai Man) has more
// words than characters: "could not read", never a mismatch.
func (rd *Reading) nameSyllables(t string) {
	if t != TypeHKID && t != TypeMOID && t != TypeHKMOPermit && t != TypeTWPermit {
		return
	}
	han, ok := rd.Fields[FFullName]
	latin, latinOK := rd.Fields[FLatinName]
	if !ok || !latinOK {
		return
	}
	// Only a name shorter than its syllables is distrusted: the recogniser
	// also loses spaces between capitals (KWOK WAH read KWOKWAH), which
	// lowers the count, never raises it.
	syllables := len(strings.FieldsFunc(latin, func(r rune) bool { return r == ' ' || r == '-' }))
	if len([]rune(han)) < syllables {
		delete(rd.Fields, FFullName)
		if rd.Unverified == nil {
			rd.Unverified = map[string]string{}
		}
		rd.Unverified[FFullName] = han
	}
}

// chineseName reports whether n can be a printed Chinese name.
func chineseName(n string) bool { k := len([]rune(n)); return k >= 2 && k <= 6 }

// latinName splits "CHAN, Tai Man" or "CHAN TAI MAN" into surname and
// given names, upper-cased. A row with anything but letters, spaces,
// hyphens, apostrophes and one comma is not a name.
func latinName(s string) (string, string, bool) {
	s = strings.TrimSpace(strings.ReplaceAll(s, "，", ","))
	if s == "" || hasLower(strings.SplitN(s, ",", 2)[0]) && !strings.Contains(s, ",") {
		return "", "", false
	}
	for _, r := range s {
		if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r == ' ' || r == '-' || r == '\'' || r == ',') {
			return "", "", false
		}
	}
	up := strings.ToUpper(s)
	if sur, giv, ok := strings.Cut(up, ","); ok {
		return strings.Join(strings.Fields(sur), " "), strings.Join(strings.Fields(giv), " "), true
	}
	w := strings.Fields(up)
	if len(w) < 2 {
		return "", "", false
	}
	return w[0], strings.Join(w[1:], " "), true
}

// cardBirth reads the birth date on the row labelled 出生 or the one
// after it, as the card writes it: DD-MM-YYYY (Hong Kong, Macau),
// YYYY.MM.DD (permits) or 民國Y年M月D日 (Taiwan, years from 1912). It
// returns the row the date was on, or -1.
func (rd *Reading) cardBirth(rs []row, t string) int {
	for i, r := range rs {
		if !strings.Contains(r.text, "出生") && !strings.Contains(strings.ToLower(r.text), "birth") && !strings.Contains(r.text, "Nascimento") {
			continue
		}
		for j := i; j < len(rs) && j <= i+1; j++ {
			s := rs[j].text
			if k := strings.Index(s, "出生"); j == i && k >= 0 {
				s = s[k:]
			}
			var v string
			var ok, found bool
			if m := reDMY.FindStringSubmatch(s); m != nil {
				v, ok = date(m[3], m[2], m[1])
				found = true
			} else if m := reDotted.FindStringSubmatch(s); m != nil {
				v, ok = date(m[1], m[2], m[3])
				found = true
			} else if m := reROC.FindStringSubmatch(s); m != nil {
				v, ok = date(itoa(atoi(m[1])+1911), m[2], m[3])
				found = true
			}
			if found {
				rd.set(FBirthDate, v, rs[j].conf, ok)
				return j
			}
		}
	}
	return -1
}

// cardSex reads 男 or 女 after the 性别 label, else on the birth date's
// row (Hong Kong prints "男 M" beside the date).
func (rd *Reading) cardSex(rs []row, birthRow int) {
	pick := func(s string, conf float64) bool {
		for _, r := range s {
			switch r {
			case '男':
				rd.set(FSex, "M", conf, true)
				return true
			case '女':
				rd.set(FSex, "F", conf, true)
				return true
			}
		}
		return false
	}
	for _, r := range rs {
		if i := strings.Index(r.text, "性"); i >= 0 {
			v := r.text[i:]
			if j := strings.Index(v, "出生"); j >= 0 {
				v = v[:j]
			}
			if pick(v, r.conf) {
				return
			}
		}
	}
	if birthRow >= 0 {
		pick(rs[birthRow].text, rs[birthRow].conf)
	}
}

// cardNumber reads the number with its format's own check. Hong Kong and
// Taiwan numbers carry a check character (idnumber); Taiwan's also
// repeats the sex, which must agree with the sex line. Macau's check
// digit algorithm is not published and the permits have none: their
// shape must be right, the Macau digit in its brackets, and the line read
// with confidence (minShapeConf).
func (rd *Reading) cardNumber(t string, rs []row) {
	for _, r := range rs {
		s := strings.ToUpper(r.text)
		switch t {
		case TypeHKID:
			// Searched with the spaces between boxes kept (see reHKNumber).
			if m := reHKNumber.FindStringSubmatch(strings.ToUpper(r.spaced)); m != nil {
				res := idnumber.Check(idnumber.HKID, m[1]+m[2], idnumber.Options{MinAge: -1})
				rd.set(FDocumentNumber, res.Normalized, r.conf, res.Valid)
				return
			}
		case TypeTWID:
			if m := reTWNumber.FindString(s); m != "" {
				res := idnumber.Check(idnumber.TWID, m, idnumber.Options{MinAge: -1})
				ok := res.Valid
				if sex, read := rd.Fields[FSex]; read && ok && res.Sex != sex {
					ok = false
				}
				rd.set(FDocumentNumber, res.Normalized, r.conf, ok)
				return
			}
		case TypeMOID:
			if m := reMONumber.FindStringSubmatch(s); m != nil {
				res := idnumber.Check(idnumber.MOID, m[1]+m[3], idnumber.Options{MinAge: -1})
				rd.set(FDocumentNumber, res.Normalized, r.conf, res.Valid && m[2] != "" && m[4] != "" && r.conf >= minShapeConf)
				return
			}
		case TypeHKMOPermit:
			if m := reHKMOPermit.FindString(s); m != "" {
				res := idnumber.Check(idnumber.HKMOPermit, m, idnumber.Options{MinAge: -1})
				rd.set(FDocumentNumber, res.Normalized, r.conf, res.Valid && r.conf >= minShapeConf)
				return
			}
		case TypeCNHKMOPermit:
			if m := reCNHKMOPermit.FindString(s); m != "" {
				rd.set(FDocumentNumber, m, r.conf, r.conf >= minShapeConf)
				return
			}
		case TypeTWPermit:
			v, labelled := after(s, "号码")
			if !labelled {
				v = s
			}
			if reTWPermit.MatchString(v) {
				res := idnumber.Check(idnumber.TWPermit, v, idnumber.Options{MinAge: -1})
				rd.set(FDocumentNumber, res.Normalized, r.conf, res.Valid && r.conf >= minShapeConf)
				return
			}
			if labelled {
				rd.set(FDocumentNumber, v, r.conf, false)
				return
			}
		}
	}
}

// validity reads "YYYY.MM.DD-YYYY.MM.DD" (m from reValidity): valid_from
// and, unless 长期, the expiry, trusted when the span is one of spans
// years to the day.
func (rd *Reading) validity(m []string, conf float64, spans ...int) {
	from, okFrom := date(m[1], m[2], m[3])
	rd.set(FValidFrom, from, conf, okFrom)
	if m[4] == "长期" {
		return
	}
	p := strings.FieldsFunc(m[4], func(r rune) bool { return r == '.' || r == '-' })
	to, okTo := date(p[0], p[1], p[2])
	if okTo && okFrom {
		span := atoi(p[0]) - atoi(m[1])
		okSpan := false
		for _, s := range spans {
			okSpan = okSpan || span == s
		}
		okTo = p[1] == m[2] && p[2] == m[3] && okSpan
	}
	rd.set(FExpiryDate, to, conf, okTo)
}

func hasAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func itoa(n int) string {
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}
