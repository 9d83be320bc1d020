package ocr

import (
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
	best, bestLen, i := -1, 0, 0
	for i < len(s) {
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
	res := mrz.ParseLines(lines2, mrz.Options{Now: now})
	rd.MRZ = &res
	// Every check digit right is not enough: nationality and the names
	// have none (a misread "CHN" as "0H2" passes them all), so the country
	// codes must be real ones too, which Valid includes.
	ok := res.Valid
	rd.set(FDocumentNumber, res.DocumentNumber, conf, ok)
	rd.set(FSurname, res.Surname, conf, ok)
	rd.set(FGivenNames, res.GivenNames, conf, ok)
	full := strings.TrimSpace(res.Surname + " " + res.GivenNames)
	rd.set(FFullName, full, conf, ok)
	rd.set(FBirthDate, res.BirthDate, conf, ok)
	rd.set(FSex, res.Sex, conf, ok)
	rd.set(FNationality, res.Nationality, conf, ok)
	rd.set(FExpiryDate, res.ExpiryDate, conf, ok)
}
