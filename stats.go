package kycd

import (
	"context"
	"encoding/json"
	"sort"
	"time"
)

// StatsReader is an optional capability of a Store: the aggregate reads
// behind the operator dashboard. It is found by type assertion, like
// tusd's optional interfaces, so a Store without it still serves
// everything else (the dashboard then says it has no data).
type StatsReader interface {
	// AuditBetween returns up to limit audit entries with the given
	// actions and from <= At < to, oldest first.
	AuditBetween(ctx context.Context, from, to time.Time, actions []string, limit int) ([]*AuditEntry, error)
	// ReviewTimes returns the timing of applications submitted in
	// [from, to).
	ReviewTimes(ctx context.Context, from, to time.Time) ([]ReviewTime, error)
}

// ReviewTime is when an application was submitted, due and decided.
type ReviewTime struct {
	State       State
	SubmittedAt time.Time
	DueAt       *time.Time
	DecidedAt   *time.Time
}

// Stats is the operator dashboard's picture of a period: where people
// drop out, why they fail, and whether reviews keep their SLA. Counts
// only: nothing personal.
type Stats struct {
	From time.Time `json:"from"`
	To   time.Time `json:"to"`
	// Funnel counts, in order: accounts registered, accounts reaching
	// level 1, applications submitted, applications approved.
	Funnel []FunnelStep `json:"funnel"`
	// Days are the start of each day bucket of the series.
	Days []time.Time `json:"days"`
	// Rejections are reviewers' reasons on rejections; Prechecks the
	// findings applicants hit while filling in (identity saves and
	// document checks). The top codes, most frequent first.
	Rejections []ReasonSeries `json:"rejections"`
	Prechecks  []ReasonSeries `json:"prechecks"`
	SLA        SLAStats       `json:"sla"`
	// Erased counts what the retention policy erased in the period, by
	// data class (every class, zeros included); Holds the legal holds
	// active now.
	Erased []ClassCount `json:"erased"`
	Holds  int          `json:"holds"`
	// Truncated says the period held more audit entries than were read.
	Truncated bool `json:"truncated"`
}

// FunnelStep is one step of the funnel.
type FunnelStep struct {
	Key   string `json:"key"`
	Count int    `json:"count"`
}

// ClassCount is how many items of one data class were erased.
type ClassCount struct {
	Class DataClass `json:"class"`
	Count int       `json:"count"`
}

// ReasonSeries is how often one reason code occurred per day.
type ReasonSeries struct {
	Code   string `json:"code"`
	Total  int    `json:"total"`
	Counts []int  `json:"counts"`
}

// SLAStats says how decisions kept the review deadline.
type SLAStats struct {
	Decided     int `json:"decided"`
	OnTime      int `json:"on_time"`
	Open        int `json:"open"`
	OpenOverdue int `json:"open_overdue"`
}

// statsAuditLimit bounds one dashboard read; a busier period is shown
// truncated rather than loading without end.
const statsAuditLimit = 200000

// topReasons is how many codes each reason chart shows.
const topReasons = 6

// Stats aggregates the period [from, to) for the operator dashboard.
// Admins and API keys only.
func (s *Service) Stats(ctx context.Context, who Principal, from, to time.Time) (*Stats, error) {
	if err := who.mayDo(OperatorRoles); err != nil {
		return nil, err
	}
	from, to = from.UTC().Truncate(24*time.Hour), to.UTC()
	st := &Stats{From: from, To: to, Funnel: []FunnelStep{{Key: "registered"}, {Key: "level1"}, {Key: "submitted"}, {Key: "approved"}},
		Rejections: []ReasonSeries{}, Prechecks: []ReasonSeries{}, Erased: []ClassCount{}}
	erased := map[DataClass]int{}
	defer func() {
		for _, c := range DataClasses {
			st.Erased = append(st.Erased, ClassCount{Class: c, Count: erased[c]})
		}
	}()
	for d := from; d.Before(to); d = d.Add(24 * time.Hour) {
		st.Days = append(st.Days, d)
	}
	sr, ok := s.Store.(StatsReader)
	if !ok {
		return st, nil
	}
	entries, err := sr.AuditBetween(ctx, from, to, []string{"account.registered", "account.level_changed",
		"application.state_changed", "application.identity_saved", "document.attached", "review.decided", "retention.erased"}, statsAuditLimit)
	if err != nil {
		return nil, err
	}
	st.Truncated = len(entries) >= statsAuditLimit
	seen := [4]map[string]bool{{}, {}, {}, {}}
	count := func(step int, subject string) {
		if !seen[step][subject] {
			seen[step][subject] = true
			st.Funnel[step].Count++
		}
	}
	rejections, prechecks := map[string][]int{}, map[string][]int{}
	bump := func(m map[string][]int, code string, at time.Time) {
		i := int(at.Sub(from) / (24 * time.Hour))
		if i < 0 || i >= len(st.Days) {
			return
		}
		if m[code] == nil {
			m[code] = make([]int, len(st.Days))
		}
		m[code][i]++
	}
	for _, e := range entries {
		var data struct {
			To       any      `json:"to"`
			Decision string   `json:"decision"`
			Findings []string `json:"findings"`
			Reasons  []string `json:"reasons"`
			Class    string   `json:"class"`
			Sessions int      `json:"sessions"`
			Codes    int      `json:"codes"`
		}
		_ = json.Unmarshal([]byte(e.Data), &data) // entries kycd wrote; a malformed one counts as empty
		switch e.Action {
		case "account.registered":
			count(0, e.Subject)
		case "account.level_changed":
			if n, ok := data.To.(float64); ok && n >= 1 {
				count(1, e.Subject)
			}
		case "application.state_changed":
			switch data.To {
			case string(StateSubmitted):
				count(2, e.Subject)
			case string(StateApproved):
				count(3, e.Subject)
			}
		case "application.identity_saved", "document.attached":
			for _, c := range data.Findings {
				bump(prechecks, c, e.At)
			}
		case "retention.erased":
			// Bulk erasures (sessions and codes) count their rows, the
			// rest one subject each, as the run's own counts do.
			n := data.Sessions + data.Codes
			if n == 0 {
				n = 1
			}
			erased[DataClass(data.Class)] += n
		case "review.decided":
			if data.Decision == "reject" {
				for _, c := range data.Reasons {
					bump(rejections, c, e.At)
				}
			}
		}
	}
	st.Rejections, st.Prechecks = top(rejections), top(prechecks)
	holds, err := s.Store.FindHolds(ctx, HoldFilter{Active: true})
	if err != nil {
		return nil, err
	}
	st.Holds = len(holds)

	times, err := sr.ReviewTimes(ctx, from, to)
	if err != nil {
		return nil, err
	}
	now := s.Now()
	for _, t := range times {
		switch {
		case t.DecidedAt != nil && (t.State == StateApproved || t.State == StateRejected || t.State == StateActionRequired):
			st.SLA.Decided++
			if t.DueAt == nil || !t.DecidedAt.After(*t.DueAt) {
				st.SLA.OnTime++
			}
		case t.State == StateInReview || t.State == StateSubmitted || t.State == StateChecking:
			st.SLA.Open++
			if t.DueAt != nil && now.After(*t.DueAt) {
				st.SLA.OpenOverdue++
			}
		}
	}
	return st, nil
}

func top(m map[string][]int) []ReasonSeries {
	out := []ReasonSeries{}
	for code, counts := range m {
		rs := ReasonSeries{Code: code, Counts: counts}
		for _, n := range counts {
			rs.Total += n
		}
		out = append(out, rs)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Total != out[j].Total {
			return out[i].Total > out[j].Total
		}
		return out[i].Code < out[j].Code
	})
	if len(out) > topReasons {
		out = out[:topReasons]
	}
	return out
}
