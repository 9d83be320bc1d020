package screening

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/kycd/kycd/reason"
)

// Findings turns hits into screening.hit findings, one per hit, for the
// review desk. The list, entry and score travel as parameters, which the
// catalogue's messages deliberately do not use: the applicant must not
// learn which list they matched (tipping-off rules), while reviewers read
// the parameters. Callers must therefore not show these parameters to the
// applicant. It never returns nil.
func Findings(hits []Hit) []reason.Finding {
	out := make([]reason.Finding, 0, len(hits))
	for _, h := range hits {
		out = append(out, reason.New("screening.hit",
			"list", h.List,
			"entry_id", h.EntryID,
			"name", h.Name,
			"matched_name", h.MatchedName,
			"score", strconv.FormatFloat(h.Score, 'f', 3, 64)))
	}
	return out
}

// Answer is the JSON answer to one screening, the same from `kycd screen
// --json` (one per input line in batch mode) and POST /v1/screening.
type Answer struct {
	Hits []AnswerHit `json:"hits"`
}

// AnswerHit is one hit as the answer shows it. Scores are rounded to three
// decimals: more would suggest a precision the matcher does not have.
type AnswerHit struct {
	List          string       `json:"list"`
	EntryID       string       `json:"entry_id"`
	Name          string       `json:"name"`
	MatchedName   string       `json:"matched_name"`
	Score         float64      `json:"score"`
	NameScore     float64      `json:"name_score"`
	DocumentMatch bool         `json:"document_match,omitempty"`
	Matches       []TokenMatch `json:"matches"`
}

// NewAnswer shapes hits for JSON; Hits is never nil.
func NewAnswer(hits []Hit) Answer {
	a := Answer{Hits: make([]AnswerHit, 0, len(hits))}
	for _, h := range hits {
		m := h.Matches
		if m == nil {
			m = []TokenMatch{}
		}
		a.Hits = append(a.Hits, AnswerHit{List: h.List, EntryID: h.EntryID, Name: h.Name, MatchedName: h.MatchedName,
			Score: round3(h.Score), NameScore: round3(h.NameScore), DocumentMatch: h.DocumentMatch, Matches: m})
	}
	return a
}

func round3(f float64) float64 { return math.Round(f*1000) / 1000 }

// maxQueryName bounds a screened name: no real name comes near it.
const maxQueryName = 512

// NewQuery checks a screening request as people send it (a name, a birth
// date YYYY-MM-DD, YYYY-MM or YYYY, and a country as an ISO 3166 code or
// English name; the last two optional) and returns the query. The error
// says which field is wrong and why.
func NewQuery(name, birthDate, country string) (Query, error) {
	q := Query{Name: strings.TrimSpace(name)}
	switch {
	case q.Name == "":
		return q, fmt.Errorf("name is empty")
	case len(q.Name) > maxQueryName:
		return q, fmt.Errorf("name is longer than %d bytes", maxQueryName)
	case !utf8.ValidString(q.Name):
		return q, fmt.Errorf("name is not valid UTF-8")
	}
	if b := strings.TrimSpace(birthDate); b != "" {
		d, err := ParseDate(b)
		if err != nil {
			return q, fmt.Errorf("birth date: %v", err)
		}
		q.DOB = d
	}
	if c := strings.TrimSpace(country); c != "" {
		if q.Nationality = NormalizeCountry(c); q.Nationality == "" {
			return q, fmt.Errorf("country %q: unknown (want an ISO 3166 code such as DEU or DE)", c)
		}
	}
	return q, nil
}
