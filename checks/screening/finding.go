package screening

import (
	"strconv"

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
