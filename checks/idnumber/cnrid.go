package idnumber

import (
	"fmt"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/kycd/kycd/reason"
)

// cnWeights are the ISO 7064 MOD 11-2 weights 2^(17-i) mod 11 for the 17
// digits before the check character (GB 11643-1999 §7).
var cnWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

// cnCheckChars maps the weighted sum mod 11 to the check character.
const cnCheckChars = "10X98765432"

// CNCheckChar returns the GB 11643 check character for the first 17
// digits of d. ok is false unless d starts with 17 ASCII digits.
func CNCheckChar(d string) (c byte, ok bool) {
	if len(d) < 17 {
		return 0, false
	}
	sum := 0
	for i := 0; i < 17; i++ {
		if d[i] < '0' || d[i] > '9' {
			return 0, false
		}
		sum += int(d[i]-'0') * cnWeights[i]
	}
	return cnCheckChars[sum%11], true
}

// UpgradeCN returns the 18-digit form of a first-generation 15-digit
// resident number: the year gains "19" (first-generation cards were
// issued only to people born in the 1900s) and a check character is
// appended. ok is false unless s is 15 digits.
func UpgradeCN(s string) (string, bool) {
	if len(s) != 15 || firstBad(s, func(_ int, c rune) bool { return isDigit(c) }) >= 0 {
		return "", false
	}
	d := s[:6] + "19" + s[6:]
	c, _ := CNCheckChar(d)
	return d + string(c), true
}

func checkCNRID(r *Result, opts Options) {
	s := r.Normalized
	n := utf8.RuneCountInString(s)
	if n != 18 && n != 15 {
		r.add(formatFinding(CNRID, n, "18"))
		return
	}
	// Every character but the 18th is a digit; the 18th may be X.
	if i := firstBad(s, func(i int, c rune) bool { return isDigit(c) || (i == 17 && c == 'X') }); i >= 0 {
		r.add(charFinding(CNRID, s, i))
		return
	}
	legacy := n == 15
	if legacy {
		up, _ := UpgradeCN(s)
		r.Normalized, s = up, up
		r.add(reason.New("id_number.legacy", "upgraded", up))
	}

	checkCNRegion(r, s[:6])
	birth, birthOK := checkCNBirth(r, s[6:14], legacy, opts)

	if seq, _ := strconv.Atoi(s[14:17]); seq%2 == 1 {
		r.Sex = "M"
	} else {
		r.Sex = "F"
	}

	if !legacy {
		want, _ := CNCheckChar(s)
		if s[17] != want {
			r.add(reason.New("id_number.checksum", "position", "18", "got", s[17:18]))
		}
	}
	if birthOK {
		checkAge(r, birth, opts)
	}
}

func checkCNRegion(r *Result, code string) {
	reg, ok := LookupRegion(code)
	if !ok {
		r.add(reason.New("id_number.province", "province", code[:2], "region", code))
		return
	}
	r.Region = &reg
	if !reg.Known {
		r.add(reason.New("id_number.region", "region", code, "province_name", reg.Province))
	}
}

// checkCNBirth decodes YYYYMMDD. The positions reported are those of the
// 18-digit number, or of the 15-digit one the user typed.
func checkCNBirth(r *Result, digits string, legacy bool, opts Options) (time.Time, bool) {
	from, to, shown := "7", "14", digits
	if legacy {
		from, to, shown = "7", "12", digits[2:]
	}
	y, _ := strconv.Atoi(digits[:4])
	m, _ := strconv.Atoi(digits[4:6])
	d, _ := strconv.Atoi(digits[6:8])
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	// time.Date normalises 1949-02-30 to March; a real date survives the
	// round trip unchanged. Resident numbers began in 1984, so nobody on
	// one was born before the 1880s.
	if t.Year() != y || int(t.Month()) != m || t.Day() != d || y < 1880 {
		r.add(reason.New("id_number.birth_date", "from", from, "to", to, "digits", shown))
		return time.Time{}, false
	}
	r.BirthDate = t.Format(time.DateOnly)
	if !opts.Now.IsZero() && t.After(opts.Now) {
		r.add(reason.New("id_number.birth_date_future", "date", r.BirthDate))
		return t, false
	}
	return t, true
}

// checkAge applies the operator's minimum age to a decoded birth date.
func checkAge(r *Result, birth time.Time, opts Options) {
	min := opts.MinAge
	if min == 0 {
		min = DefaultMinAge
	}
	if min < 0 || opts.Now.IsZero() {
		return
	}
	if age := Age(birth, opts.Now); age < min {
		r.add(reason.New("id_number.underage", "min_age", strconv.Itoa(min), "age", strconv.Itoa(age)))
	}
}

// Age is the age in whole years on now of a person born on birth. Someone
// born on 29 February comes of age on 1 March in common years, as Chinese
// practice counts it.
func Age(birth, now time.Time) int {
	by, bm, bd := birth.Date()
	ny, nm, nd := now.Date()
	age := ny - by
	if nm < bm || (nm == bm && nd < bd) {
		age--
	}
	return age
}

// String returns a short description of the region, for logs and CLIs.
func (reg Region) String() string {
	return fmt.Sprintf("%s %s%s%s", reg.Code, reg.Province, reg.City, reg.County)
}
