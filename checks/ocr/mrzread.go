package ocr

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kycd/kycd/checks/mrz"
)

// mrzLike maps what the recogniser makes of OCR-B fillers and lookalikes
// back to MRZ characters.
var mrzLike = strings.NewReplacer("«", "<<", "く", "<", "〈", "<", "‹", "<", "＜", "<", " ", "")

// mrzCandidate returns the line as MRZ characters if it looks like part of
// a zone: only A–Z 0–9 < after cleaning, and either long or with fillers
// (a short name line loses its trailing fillers to the recogniser).
func mrzCandidate(s string) (string, bool) {
	s = strings.ToUpper(mrzLike.Replace(s))
	if len(s) < 28 && !(len(s) >= 8 && strings.Contains(s, "<")) {
		return "", false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '<') {
			return "", false
		}
	}
	return s, true
}

// fitGrid puts a line read by OCR back on the zone's fixed grid of n
// characters. PP-OCR drops the trailing filler run (it sees no glyphs
// there) and may shorten a long run in the middle; fillers are restored at
// the end (names) or in the longest run (line 2's optional data), which is
// the only place a run can be in a data line.
func fitGrid(s string, n int, names bool) string {
	if len(s) >= n {
		return s[:n]
	}
	missing := n - len(s)
	if names || strings.HasSuffix(s, "<") {
		return s + strings.Repeat("<", missing)
	}
	best := longestFillerRun(s)
	if best < 0 {
		return s + strings.Repeat("<", missing)
	}
	return s[:best] + strings.Repeat("<", missing) + s[best:]
}

func (rd *Reading) passport(rs []row, now time.Time) {
	var zone []string
	var conf float64
	// Rows, not boxes: the detector may cut a zone line in two where a
	// filler run leaves a gap (the check digits after line 2's optional
	// data then come as a box of their own).
	for _, r := range rs {
		if s, ok := mrzCandidate(r.text); ok {
			zone = append(zone, s)
			conf += r.conf
		}
	}
	if len(zone) == 0 {
		return
	}
	conf /= float64(len(zone))
	// The zone is the last lines of the page: 2 of 44 (TD3) or 36 (TD2),
	// or 3 of 30 (TD1).
	var lines2 []string
	switch {
	case len(zone) >= 3 && !strings.HasPrefix(zone[len(zone)-2], "P"):
		z := zone[len(zone)-3:]
		lines2 = []string{fitGrid(z[0], 30, false), fitGrid(z[1], 30, false), fitGrid(z[2], 30, true)}
	case len(zone) >= 2:
		z := zone[len(zone)-2:]
		n := 44
		if !strings.HasPrefix(z[0], "P") && max(len(z[0]), len(z[1])) <= 36 {
			n = 36
		}
		lines2 = []string{fitGrid(z[0], n, true), fitGrid(z[1], n, false)}
	default:
		return
	}
	namesDoubtful := false
	if len(lines2) == 3 {
		lines2[2], namesDoubtful = lettersInNames(lines2[2])
	} else if len(lines2[0]) > 5 {
		var rest string
		rest, namesDoubtful = lettersInNames(lines2[0][5:])
		lines2[0] = lines2[0][:5] + rest
	}
	res := mrz.ParseLines(lines2, mrz.Options{Now: now})
	rd.MRZ = &res
	// Every check digit right is not enough: nationality and the names
	// have none (a misread "CHN" as "0H2" passes them all), so the country
	// codes must be real ones too, which Valid includes.
	ok := res.Valid
	// A country code misread as digits ("CHN" as "0HN": the recogniser
	// sees OCR-B's C as a zero at low resolution) made the whole zone
	// unusable. When the codes are the only fault and each reads back as
	// exactly one real code, the fields the check digits protect are
	// trusted; the names and the nationality, which no check digit covers,
	// stay "could not read": the recogniser that confused one letter may
	// have confused others.
	guessed := false
	if !ok {
		if again, done := repairZone(lines2, res, now); done {
			res, ok, guessed = again, true, true
			rd.MRZ = &res
		}
	}
	rd.set(FDocumentNumber, res.DocumentNumber, conf, ok)
	names := ok && !guessed && !namesDoubtful
	rd.set(FSurname, res.Surname, conf, names)
	rd.set(FGivenNames, res.GivenNames, conf, names)
	full := strings.TrimSpace(res.Surname + " " + res.GivenNames)
	rd.set(FFullName, full, conf, names)
	rd.set(FBirthDate, res.BirthDate, conf, ok)
	rd.set(FSex, res.Sex, conf, ok)
	rd.set(FNationality, res.Nationality, conf, ok && !guessed)
	rd.set(FExpiryDate, res.ExpiryDate, conf, ok)
}

// digitLetters are the letters of OCR-B that the recogniser reads as
// these digits. 2 for N is not a resemblance but what PP-OCR does: "CHN"
// came out as "0H2" here and in the study behind issue 11.
var digitLetters = map[byte]string{'0': "OCDQ", '1': "IL", '2': "ZN", '4': "A", '5': "S", '6': "G", '7': "T", '8': "B"}

// lettersInNames puts letters back where the recogniser read digits in the
// names field, which holds letters and fillers only. 0 for O is OCR-B's
// known pair and is taken as read; any other digit makes the names
// doubtful (shown as "could not read", never compared).
func lettersInNames(s string) (string, bool) {
	b := []byte(s)
	doubtful := false
	for i, c := range b {
		if letters, isDigit := digitLetters[c]; isDigit {
			b[i] = letters[0]
			doubtful = doubtful || c != '0'
		} else if c >= '0' && c <= '9' {
			doubtful = true
		}
	}
	return string(b), doubtful
}

// mrzAlphabet is every character a zone may hold.
const mrzAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"

// repairZone tries, on a zone that does not parse, the two misreadings
// seen at low resolution: country codes read with digits in them, and one
// character of a data line dropped (the recogniser merged it with its
// neighbour). A repair is kept only when it is the only one that makes
// the zone valid, every check digit right.
func repairZone(lines []string, res mrz.Result, now time.Time) (mrz.Result, bool) {
	if fixed, done := repairCountries(lines, res); done {
		if again := mrz.ParseLines(fixed, mrz.Options{Now: now}); again.Valid {
			return again, true
		}
	}
	var found []mrz.Result
	for li, l := range lines {
		run := longestFillerRun(l)
		if run < 0 {
			continue
		}
		// fitGrid lengthened the filler run to make up for the dropped
		// character: take one filler back and put a character anywhere.
		short := l[:run] + l[run+1:]
		for p := 0; p <= len(short); p++ {
			for c := 0; c < len(mrzAlphabet); c++ {
				cand := slices.Clone(lines)
				cand[li] = short[:p] + mrzAlphabet[c:c+1] + short[p:]
				if again := mrz.ParseLines(cand, mrz.Options{Now: now}); again.Valid {
					found = append(found, again)
				}
			}
		}
	}
	// A character put into the nationality is checked by no digit: "HN"
	// becomes CHN, SHN or HUN alike. The candidates must agree on every
	// other field; the holder's nationality is then taken as the issuing
	// state's where one candidate says so (it stays "could not read"
	// either way).
	if len(found) == 0 {
		return mrz.Result{}, false
	}
	best := found[0]
	for _, f := range found {
		if f.DocumentNumber != best.DocumentNumber || f.BirthDate != best.BirthDate || f.ExpiryDate != best.ExpiryDate ||
			f.Sex != best.Sex || f.Surname != best.Surname || f.GivenNames != best.GivenNames ||
			f.OptionalData != best.OptionalData || f.IssuingState != best.IssuingState {
			return mrz.Result{}, false
		}
		if f.Nationality == f.IssuingState {
			best = f
		}
	}
	return best, true
}

// longestFillerRun is where the longest run of fillers of a data line
// starts (-1: none): the run fitGrid lengthens, and gives back when a
// dropped character is put in.
func longestFillerRun(s string) int {
	best, bestLen := -1, 0
	for i := 0; i < len(s); {
		if s[i] != '<' {
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] == '<' {
			j++
		}
		if j-i > bestLen {
			best, bestLen = i, j-i
		}
		i = j
	}
	return best
}

// repairCountries puts back country codes read with digits in them, when
// the zone's only faults are its country codes and each faulty code has
// exactly one reading, digits taken as the letters they resemble, that is
// a real code. A code that cannot be read back that way ("0H2") or in two
// ways is left as it is, and the zone stays invalid.
func repairCountries(lines []string, res mrz.Result) ([]string, bool) {
	out := slices.Clone(lines)
	n := 0
	for _, f := range res.Findings {
		if !strings.HasPrefix(f.Code, "mrz.") {
			continue
		}
		if f.Code != "mrz.country" {
			return nil, false
		}
		line, err1 := strconv.Atoi(f.Params["line"])
		pos, err2 := strconv.Atoi(f.Params["position"])
		if err1 != nil || err2 != nil || line < 1 || line > len(out) || pos < 1 || pos+2 > len(out[line-1]) {
			return nil, false
		}
		l := out[line-1]
		code := l[pos-1 : pos+2]
		var found []string
		var walk func(i int, b []byte)
		walk = func(i int, b []byte) {
			if i == len(b) {
				if mrz.ValidCountry(strings.TrimRight(string(b), "<")) {
					found = append(found, string(b))
				}
				return
			}
			if letters, isDigit := digitLetters[b[i]]; isDigit {
				for _, c := range []byte(letters) {
					nb := slices.Clone(b)
					nb[i] = c
					walk(i+1, nb)
				}
				return
			}
			walk(i+1, b)
		}
		walk(0, []byte(code))
		if len(found) != 1 || found[0] == code {
			return nil, false
		}
		out[line-1] = l[:pos-1] + found[0] + l[pos+2:]
		n++
	}
	return out, n > 0
}
