package mrz

import (
	"strconv"
	"strings"
	"time"

	"github.com/kycd/kycd/reason"
	"golang.org/x/text/unicode/norm"
)

// Format is the size class of a machine-readable travel document.
type Format string

// The formats of ICAO Doc 9303 parts 4–6.
const (
	TD1 Format = "TD1" // 3 lines of 30: ID cards
	TD2 Format = "TD2" // 2 lines of 36
	TD3 Format = "TD3" // 2 lines of 44: passports
)

// Options are the clock a parse runs with.
type Options struct {
	// Now resolves two-digit years and decides expiry. When zero, years
	// are resolved without it (expiry in 2000–2069, birth before expiry)
	// and expiry is not reported.
	Now time.Time
}

// Result is what an MRZ says, with a finding for each problem. Dates are
// "YYYY-MM-DD", empty when unreadable or unknown ("<<" in the zone).
type Result struct {
	// Valid reports whether the zone is well formed with every check
	// digit right. An expired document can still be valid.
	Valid  bool   `json:"valid"`
	Format Format `json:"format,omitempty"`
	// DocumentCode is the first two characters without fillers ("P",
	// "ID", "I").
	DocumentCode   string `json:"document_code,omitempty"`
	IssuingState   string `json:"issuing_state,omitempty"`
	DocumentNumber string `json:"document_number,omitempty"`
	Surname        string `json:"surname,omitempty"`
	// GivenNames are joined with single spaces.
	GivenNames  string `json:"given_names,omitempty"`
	Nationality string `json:"nationality,omitempty"`
	BirthDate   string `json:"birth_date,omitempty"`
	// Sex is "M", "F" or "" (unspecified, "<" in the zone).
	Sex        string `json:"sex,omitempty"`
	ExpiryDate string `json:"expiry_date,omitempty"`
	// OptionalData is TD3's personal number or TD1/TD2's optional field
	// (without an overflowing document number); OptionalData2 is TD1's
	// second optional field. Fillers are removed.
	OptionalData  string `json:"optional_data,omitempty"`
	OptionalData2 string `json:"optional_data_2,omitempty"`
	// Expired reports whether ExpiryDate is before Options.Now.
	Expired bool `json:"expired"`
	// Lines are the normalised lines that were parsed.
	Lines    []string         `json:"lines,omitempty"`
	Findings []reason.Finding `json:"findings"`
}

// structural reports whether a finding is about the zone itself and so
// makes it invalid.
func structural(code string) bool { return strings.HasPrefix(code, "mrz.") }

// Normalize splits text into MRZ lines: NFKC (full-width characters from
// some input methods), upper case, surrounding spaces and blank lines
// dropped, CR LF and CR accepted as line ends.
func Normalize(text string) []string {
	text = norm.NFKC.String(text)
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		l = strings.ToUpper(strings.TrimSpace(l))
		if l != "" {
			lines = append(lines, l)
		}
	}
	return lines
}

// Parse reads an MRZ given as text, one line per line.
func Parse(text string, opts Options) Result {
	return ParseLines(Normalize(text), opts)
}

// ParseLines reads an MRZ given as lines already split (they are still
// normalised: case, surrounding spaces).
func ParseLines(lines []string, opts Options) Result {
	var clean []string
	for _, l := range lines {
		for _, l := range Normalize(l) {
			clean = append(clean, l)
		}
	}
	p := parser{r: Result{Lines: clean, Findings: []reason.Finding{}}, opts: opts}
	p.parse(clean)
	p.r.Valid = true
	for _, f := range p.r.Findings {
		if structural(f.Code) {
			p.r.Valid = false
		}
	}
	return p.r
}

type parser struct {
	r    Result
	opts Options
}

func (p *parser) add(f reason.Finding) { p.r.Findings = append(p.r.Findings, f.WithField("mrz")) }

func (p *parser) parse(lines []string) {
	lengths := make([]string, len(lines))
	for i, l := range lines {
		lengths[i] = strconv.Itoa(len([]rune(l)))
	}
	switch {
	case len(lines) == 3 && allLen(lines, 30):
		p.r.Format = TD1
	case len(lines) == 2 && allLen(lines, 36):
		p.r.Format = TD2
	case len(lines) == 2 && allLen(lines, 44):
		p.r.Format = TD3
	default:
		p.add(reason.New("mrz.unreadable", "lines", strconv.Itoa(len(lines)), "lengths", strings.Join(lengths, ", ")))
		return
	}
	// Every character must be A–Z, 0–9 or <. Report the first bad one of
	// each line: the fields on that line cannot be trusted.
	bad := false
	for i, l := range lines {
		for j := 0; j < len(l); j++ {
			if _, ok := charValue(l[j]); !ok {
				p.add(reason.New("mrz.invalid_char", "line", strconv.Itoa(i+1), "position", strconv.Itoa(j+1), "char", string([]rune(l[j:])[0])))
				bad = true
				break
			}
		}
	}
	if bad {
		return
	}
	switch p.r.Format {
	case TD1:
		p.td1(lines)
	case TD2:
		p.td2(lines)
	case TD3:
		p.td3(lines)
	}
	p.expiry()
}

func allLen(lines []string, n int) bool {
	for _, l := range lines {
		if len(l) != n { // byte length: a multi-byte rune is caught as a bad character
			if len([]rune(l)) != n {
				return false
			}
		}
	}
	return true
}

// td3 reads a passport MRZ (ICAO 9303 part 4).
func (p *parser) td3(l []string) {
	p.header(l[0], "P")
	p.names(l[0][5:])
	a := l[1]
	p.r.DocumentNumber = strip(a[0:9])
	p.check("document_number", a[0:9], a[9], 2, 10)
	p.country("nationality", a[10:13], 2, 11, &p.r.Nationality)
	p.personal(a[13:28], 2, 14)
	// The personal number's check digit may be a filler when the field
	// is empty; a filler counts as 0 either way.
	p.r.OptionalData = strip(a[28:42])
	if p.r.OptionalData != "" || a[42] != '<' {
		p.check("optional_data", a[28:42], a[42], 2, 43)
	}
	p.check("composite", a[0:10]+a[13:20]+a[21:43], a[43], 2, 44)
}

// td2 reads a TD2 MRZ (ICAO 9303 part 6).
func (p *parser) td2(l []string) {
	p.header(l[0], "IAC")
	p.names(l[0][5:])
	a := l[1]
	opt := a[28:35]
	p.r.DocumentNumber, opt = p.docNumber(a[0:9], a[9], opt, 2, 10, 29)
	p.country("nationality", a[10:13], 2, 11, &p.r.Nationality)
	p.personal(a[13:28], 2, 14)
	p.r.OptionalData = strip(opt)
	p.check("composite", a[0:10]+a[13:20]+a[21:35], a[35], 2, 36)
}

// td1 reads an ID-card MRZ (ICAO 9303 part 5).
func (p *parser) td1(l []string) {
	p.header(l[0], "IAC")
	a, b := l[0], l[1]
	opt := a[15:30]
	p.r.DocumentNumber, opt = p.docNumber(a[5:14], a[14], opt, 1, 15, 16)
	p.r.OptionalData = strip(opt)
	p.personal(b[0:15], 2, 1)
	p.country("nationality", b[15:18], 2, 16, &p.r.Nationality)
	p.r.OptionalData2 = strip(b[18:29])
	p.check("composite", a[5:30]+b[0:7]+b[8:15]+b[18:29], b[29], 2, 30)
	p.names(l[2])
}

// header reads the document code and issuing state common to every
// format's first line.
func (p *parser) header(l, allowed string) {
	p.r.DocumentCode = strip(l[0:2])
	if !strings.ContainsRune(allowed, rune(l[0])) {
		p.add(reason.New("mrz.document_code", "code", p.r.DocumentCode))
	}
	p.country("issuing_state", l[2:5], 1, 3, &p.r.IssuingState)
}

// docNumber reads a TD1/TD2 document number, following it into the
// optional field when it is longer than nine characters: the number's
// check position then holds a filler, and the optional field starts with
// the rest of the number, its check digit and a filler (9303 part 5 §4.2.4
// note j). It returns the number and the optional data that remains.
func (p *parser) docNumber(num string, check byte, opt string, line, pos, optPos int) (string, string) {
	if check == '<' && strings.Trim(num, "<") != "" && opt[0] != '<' {
		end := strings.IndexByte(opt, '<')
		if end < 0 {
			end = len(opt)
		}
		if end >= 2 {
			full := num + opt[:end-1]
			p.check("document_number", full, opt[end-1], line, optPos+end-1)
			return strip(full), opt[end:]
		}
	}
	p.check("document_number", num, check, line, pos)
	return strip(num), opt
}

// personal reads the block common to all formats: birth date and its
// check, sex, expiry and its check (15 characters from pos on line).
func (p *parser) personal(s string, line, pos int) {
	p.check("birth_date", s[0:6], s[6], line, pos+6)
	switch s[7] {
	case 'M', 'F':
		p.r.Sex = string(s[7])
	case '<', 'X': // unspecified
	default:
		p.add(reason.New("mrz.sex", "char", string(s[7]), "line", strconv.Itoa(line), "position", strconv.Itoa(pos+7)))
	}
	p.check("expiry_date", s[8:14], s[14], line, pos+14)
	exp, expOK := p.date("expiry_date", s[8:14], line, pos+8, false, time.Time{})
	if expOK {
		p.r.ExpiryDate = exp.Format(time.DateOnly)
	}
	birth, ok := p.date("birth_date", s[0:6], line, pos, true, exp)
	if ok {
		p.r.BirthDate = birth.Format(time.DateOnly)
	}
}
