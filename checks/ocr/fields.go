package ocr

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/kycd/kycd/checks/idnumber"
	"github.com/kycd/kycd/checks/mrz"
	"github.com/kycd/kycd/checks/photo"
)

// Kinds of document side that can be read.
const (
	IDFront  = "id_front"
	IDBack   = "id_back"
	Passport = "passport"
)

// Kinds lists the readable kinds, for usage messages.
var Kinds = []string{IDFront, IDBack, Passport}

// Field names of a Reading (DESIGN.md §5), plus ethnicity and valid_from,
// which the Chinese card shows.
const (
	FDocumentNumber   = "document_number"
	FFullName         = "full_name"
	FSurname          = "surname"
	FGivenNames       = "given_names"
	FBirthDate        = "birth_date"
	FSex              = "sex"
	FNationality      = "nationality"
	FExpiryDate       = "expiry_date"
	FAddress          = "address"
	FIssuingAuthority = "issuing_authority"
	FEthnicity        = "ethnicity"
	FValidFrom        = "valid_from"
	// FLatinName is the name in Latin letters as printed in a passport's
	// visual zone or on a card that prints one ("CHAN TAI MAN"): what the
	// identity form's latin_name holds.
	FLatinName = "latin_name"
	// FNativeName is the name in Chinese characters printed in a
	// passport's visual zone (a passport's full_name is its MRZ's).
	FNativeName = "native_name"
)

// Reading is what was read from one photo.
type Reading struct {
	Kind string `json:"kind"`
	// DocumentType is the document the photo shows, in the identity
	// form's names (cn_rid, hk_id, mo_id, tw_id, hk_mo_permit, tw_permit,
	// passport) or cn_hkmo_permit: a card's is told from its printed
	// title. Empty when no title was read (the card is then read as a
	// resident card's) and in readings stored before it was recorded.
	DocumentType string `json:"document_type,omitempty"`
	// Fields are the values read that pass their own checks (a resident
	// number valid under GB 11643 and agreeing with the birth-date line, an
	// MRZ field under a right check digit, a real date). Only these may be
	// compared with what the applicant typed.
	Fields map[string]string `json:"fields"`
	// Confidence is the recogniser's mean character probability, 0–1, for
	// each field in Fields and in Unverified.
	Confidence map[string]float64 `json:"confidence"`
	// Unverified are values read that fail their own checks: most likely
	// misread, so "could not read", never a mismatch.
	Unverified map[string]string `json:"unverified,omitempty"`
	// MRZ is the machine-readable zone as `kycd check mrz` reports it, for
	// documents that have one and when one was found.
	MRZ *mrz.Result `json:"mrz,omitempty"`
}

// Empty reports whether nothing at all was read.
func (r Reading) Empty() bool { return len(r.Fields) == 0 && len(r.Unverified) == 0 }

// MaxPixels refuses photos larger than this before decoding, as the photo
// check does.
const MaxPixels = 50_000_000

// ErrKind is returned for a kind that cannot be read.
var ErrKind = errors.New("ocr: unknown kind")

// Read decodes the photo, reads its lines and extracts the fields of kind.
// now decides expiry in the MRZ.
func Read(r Reader, kind string, data []byte, now time.Time) (Reading, error) {
	if !slices.Contains(Kinds, kind) {
		return Reading{}, fmt.Errorf("%w %q (want id_front, id_back or passport)", ErrKind, kind)
	}
	pix, w, h, err := photo.DecodeRGB(data, MaxPixels)
	if err != nil {
		return Reading{}, err
	}
	return readImage(r, kind, Image{Pix: pix, W: w, H: h}, now)
}

// readImage reads an already decoded photo of kind.
func readImage(r Reader, kind string, img Image, now time.Time) (Reading, error) {
	lines, err := r.Lines(img)
	if err != nil {
		return Reading{}, err
	}
	return Extract(kind, lines, now), nil
}

// Extract turns the lines of a photo into the fields of kind.
func Extract(kind string, lines []Line, now time.Time) Reading {
	rd := Reading{Kind: kind, Fields: map[string]string{}, Confidence: map[string]float64{}}
	switch kind {
	case IDFront:
		rs := rows(lines)
		t, sure := cardType(rs)
		if sure {
			rd.DocumentType = t
		}
		if t == TypeCNRID {
			rd.idFront(rs)
		} else {
			rd.otherCard(t, rs)
		}
	case IDBack:
		// Only the resident card's back is read: the other cards print
		// nothing on theirs that the form asks for.
		rs := rows(lines)
		for _, r := range rs {
			if strings.Contains(r.text, "居民身份证") || strings.Contains(r.text, "签发机关") {
				rd.DocumentType = TypeCNRID
			}
		}
		rd.idBack(rs)
	case Passport:
		rd.DocumentType = TypePassport
		rs := rows(lines)
		rd.passport(rs, now)
		rd.viz(rs)
	}
	return rd
}

func (rd *Reading) set(field, v string, conf float64, ok bool) {
	if v == "" {
		return
	}
	if ok {
		rd.Fields[field] = v
	} else {
		if rd.Unverified == nil {
			rd.Unverified = map[string]string{}
		}
		rd.Unverified[field] = v
	}
	rd.Confidence[field] = math.Round(conf*1000) / 1000
}

// row is the boxes on one printed line, joined left to right; the card
// sets labels and values in separate boxes.
type row struct {
	text string
	// spaced is the row with its spaces: between boxes and as read inside
	// them, for Latin names ("CHAN TAI MAN").
	spaced string
	conf   float64
	y      float64
}

// rows groups lines whose vertical centres fall within each other's
// height, then joins each group left to right without spaces.
func rows(lines []Line) []row {
	type item struct {
		l      Line
		cx, cy float64
		h      float64
	}
	items := make([]item, 0, len(lines))
	for _, l := range lines {
		b := l.Box
		items = append(items, item{l, (b[0][0] + b[1][0] + b[2][0] + b[3][0]) / 4, (b[0][1] + b[1][1] + b[2][1] + b[3][1]) / 4, (dist(b[0], b[3]) + dist(b[1], b[2])) / 2})
	}
	sort.Slice(items, func(i, j int) bool { return items[i].cy < items[j].cy })
	var groups [][]item
	for _, it := range items {
		if n := len(groups); n > 0 {
			last := groups[n-1][len(groups[n-1])-1]
			if math.Abs(it.cy-last.cy) < 0.5*math.Min(it.h, last.h) {
				groups[n-1] = append(groups[n-1], it)
				continue
			}
		}
		groups = append(groups, []item{it})
	}
	out := make([]row, 0, len(groups))
	for _, g := range groups {
		sort.Slice(g, func(i, j int) bool { return g[i].cx < g[j].cx })
		var sb strings.Builder
		var spaced []string
		var conf, n, y float64
		for _, it := range g {
			spaced = append(spaced, strings.TrimSpace(it.l.Text))
			t := strings.ReplaceAll(it.l.Text, " ", "")
			sb.WriteString(t)
			k := float64(len([]rune(t)))
			conf += it.l.Conf * k
			n += k
			y += it.cy
		}
		if n > 0 {
			out = append(out, row{text: sb.String(), spaced: strings.Join(spaced, " "), conf: conf / n, y: y / float64(len(g))})
		}
	}
	return out
}

var (
	reCNNumber = regexp.MustCompile(`[0-9]{17}[0-9Xx]`)
	reCNDate   = regexp.MustCompile(`([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日`)
	reValidity = regexp.MustCompile(`([0-9]{4})[.\-]([0-9]{2})[.\-]([0-9]{2})[-—–~至]+(长期|[0-9]{4}[.\-][0-9]{2}[.\-][0-9]{2})`)
)

// after returns what follows label in s, if s contains it.
func after(s, label string) (string, bool) {
	i := strings.Index(s, label)
	if i < 0 {
		return "", false
	}
	return s[i+len(label):], true
}

func date(y, m, d string) (string, bool) {
	s := fmt.Sprintf("%s-%02s-%02s", y, m, d)
	t, err := time.Parse(time.DateOnly, s)
	return s, err == nil && t.Year() >= 1900
}

// cjkOnly keeps Han characters and the middle dot of minority names.
func cjkOnly(s string) string {
	var b strings.Builder
	for _, r := range s {
		if (r >= 0x3400 && r <= 0x9FFF) || r == '·' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func (rd *Reading) idFront(rs []row) {
	var birth string
	birthOK := false
	numberRow := len(rs)
	for i, r := range rs {
		switch {
		case strings.Contains(r.text, "姓名"):
			v, _ := after(r.text, "姓名")
			n := cjkOnly(v)
			rd.set(FFullName, n, r.conf, len([]rune(n)) >= 2)
		case strings.Contains(r.text, "性别") || strings.Contains(r.text, "民族"):
			if v, ok := after(r.text, "性别"); ok {
				switch {
				case strings.HasPrefix(v, "男"):
					rd.set(FSex, "M", r.conf, true)
				case strings.HasPrefix(v, "女"):
					rd.set(FSex, "F", r.conf, true)
				}
			}
			if v, ok := after(r.text, "民族"); ok {
				rd.set(FEthnicity, cjkOnly(v), r.conf, cjkOnly(v) != "")
			}
		case reCNDate.MatchString(r.text) && birth == "":
			m := reCNDate.FindStringSubmatch(r.text)
			birth, birthOK = date(m[1], m[2], m[3])
			rd.set(FBirthDate, birth, r.conf, birthOK)
		case reCNNumber.MatchString(r.text) || strings.Contains(r.text, "号码"):
			numberRow = min(numberRow, i)
			v := reCNNumber.FindString(r.text)
			if v == "" {
				// Too few or too many characters: read, but wrong.
				v, _ = after(r.text, "号码")
				rd.set(FDocumentNumber, strings.ToUpper(v), r.conf, false)
				continue
			}
			res := idnumber.Check(idnumber.CNRID, v, idnumber.Options{MinAge: -1})
			ok := res.Valid
			// The number repeats the birth date: a number whose digits
			// disagree with the birth line was misread somewhere.
			if ok && birthOK && res.BirthDate != birth {
				ok = false
			}
			rd.set(FDocumentNumber, res.Normalized, r.conf, ok)
		}
	}
	// The address runs from its label to the number's row.
	for i, r := range rs {
		v, ok := after(r.text, "住址")
		if !ok {
			continue
		}
		conf, n := r.conf*float64(len([]rune(v))), float64(len([]rune(v)))
		for j := i + 1; j < numberRow && j < len(rs); j++ {
			if strings.Contains(rs[j].text, "公民身份") {
				break
			}
			k := float64(len([]rune(rs[j].text)))
			v += rs[j].text
			conf += rs[j].conf * k
			n += k
		}
		if n > 0 {
			rd.set(FAddress, v, conf/n, len([]rune(v)) >= 4)
		}
		break
	}
}

func (rd *Reading) idBack(rs []row) {
	for _, r := range rs {
		if v, ok := after(r.text, "签发机关"); ok {
			rd.set(FIssuingAuthority, v, r.conf, strings.HasSuffix(v, "局") || strings.HasSuffix(v, "分局"))
		}
		if m := reValidity.FindStringSubmatch(r.text); m != nil {
			// Cards are valid 5, 10 or 20 years, to the day: any other
			// span means a digit was misread.
			rd.validity(m, r.conf, 5, 10, 20)
		}
	}
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}
