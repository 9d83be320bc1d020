package kycd

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"gopkg.in/yaml.v3"
)

// DataClass names one kind of stored data the retention policy governs.
// The classes follow what a regulator or an applicant asks about, not the
// tables: one class may span several tables and the blob store.
type DataClass string

// The data classes. docs/privacy.md lists what each one covers.
const (
	// ClassDocuments are document photos, selfies, selfie videos and
	// supporting documents (blobs), with their rows, readings and uploads.
	ClassDocuments DataClass = "documents"
	// ClassReplacedDocuments are photos refused and replaced during an
	// application: the reviewer's history, not part of the final record.
	ClassReplacedDocuments DataClass = "replaced_documents"
	// ClassIdentity is what the applicant typed and what kycd derived from
	// it (name, document number, birth date, address, the blind index) and
	// the account's contact details (email, phone).
	ClassIdentity DataClass = "identity"
	// ClassScreening are sanctions and PEP list matches: hits sealed with
	// an application, the flags that routed it, and screening alerts.
	ClassScreening DataClass = "screening"
	// ClassReviewerComments are reviewers' free-text comments.
	ClassReviewerComments DataClass = "reviewer_comments"
	// ClassAudit is the data of audit entries about the account (codes and
	// ids); the entries' chain links are never removed.
	ClassAudit DataClass = "audit"
	// ClassSessions are login sessions and one-time codes.
	ClassSessions DataClass = "sessions"
	// ClassDrafts are applications never submitted, with their uploads.
	ClassDrafts DataClass = "abandoned_drafts"
)

// DataClasses lists every class, in the order reports show them.
var DataClasses = []DataClass{ClassDrafts, ClassReplacedDocuments, ClassSessions, ClassDocuments, ClassIdentity,
	ClassScreening, ClassReviewerComments, ClassAudit}

// RetentionEvent is what starts a class's retention clock.
type RetentionEvent string

// Retention events.
const (
	// EventDecision is an application's final decision (approved or
	// rejected for good).
	EventDecision RetentionEvent = "decision"
	// EventClosure is the account's closure (DELETE /v1/me).
	EventClosure RetentionEvent = "account_closure"
	// EventLastActivity is the last change to a draft: the application
	// saved, a document attached or an upload started.
	EventLastActivity RetentionEvent = "last_activity"
	// EventExpiry is when a session or one-time code stopped working.
	EventExpiry RetentionEvent = "expiry"
)

// allowedEvents says which clock fits each class. A draft has no decision
// and a session no closure of its own, so only meaningful pairs are
// accepted: a policy file that names another is refused, not misapplied.
var allowedEvents = map[DataClass][]RetentionEvent{
	ClassDocuments:         {EventClosure, EventDecision},
	ClassReplacedDocuments: {EventDecision},
	ClassIdentity:          {EventClosure, EventDecision},
	ClassScreening:         {EventClosure, EventDecision},
	ClassReviewerComments:  {EventClosure, EventDecision},
	ClassAudit:             {EventClosure},
	ClassSessions:          {EventExpiry},
	ClassDrafts:            {EventLastActivity},
}

// Period is a retention period in calendar years and days, so that "5y"
// ends on the same date five years later, leap days included.
type Period struct {
	Years, Days int
}

// ParsePeriod reads "30d", "5y", "1y180d" or "0d".
func ParsePeriod(s string) (Period, error) {
	var p Period
	rest := strings.TrimSpace(s)
	if rest == "" {
		return p, fmt.Errorf("empty period (want e.g. 30d or 5y)")
	}
	seen := ""
	for rest != "" {
		i := strings.IndexFunc(rest, func(r rune) bool { return r < '0' || r > '9' })
		if i <= 0 {
			return Period{}, fmt.Errorf("period %q: want a number followed by d or y", s)
		}
		n, err := strconv.Atoi(rest[:i])
		if err != nil || n > 100000 {
			return Period{}, fmt.Errorf("period %q: number out of range", s)
		}
		unit := rest[i : i+1]
		if strings.Contains(seen, unit) {
			return Period{}, fmt.Errorf("period %q: %s given twice", s, unit)
		}
		switch unit {
		case "y":
			p.Years = n
		case "d":
			p.Days = n
		default:
			return Period{}, fmt.Errorf("period %q: unit %q is not d (days) or y (years)", s, unit)
		}
		seen += unit
		rest = rest[i+1:]
	}
	return p, nil
}

// After returns t plus the period.
func (p Period) After(t time.Time) time.Time { return t.AddDate(p.Years, 0, p.Days) }

// Before returns t minus the period: data whose clock started at or
// before it is due.
func (p Period) Before(t time.Time) time.Time { return t.AddDate(-p.Years, 0, -p.Days) }

// String renders the period as ParsePeriod reads it.
func (p Period) String() string {
	switch {
	case p.Years > 0 && p.Days > 0:
		return strconv.Itoa(p.Years) + "y" + strconv.Itoa(p.Days) + "d"
	case p.Years > 0:
		return strconv.Itoa(p.Years) + "y"
	}
	return strconv.Itoa(p.Days) + "d"
}

// UnmarshalYAML reads a period from its text form.
func (p *Period) UnmarshalYAML(n *yaml.Node) error {
	var s string
	if err := n.Decode(&s); err != nil {
		return err
	}
	v, err := ParsePeriod(s)
	if err != nil {
		return err
	}
	*p = v
	return nil
}

// MarshalYAML writes the period's text form.
func (p Period) MarshalYAML() (any, error) { return p.String(), nil }

// MarshalJSON writes the period's text form.
func (p Period) MarshalJSON() ([]byte, error) { return []byte(strconv.Quote(p.String())), nil }

// RetentionRule says how long one class is kept and from which event.
type RetentionRule struct {
	Class DataClass      `json:"class" yaml:"-"`
	Keep  Period         `json:"keep" yaml:"keep"`
	From  RetentionEvent `json:"from" yaml:"from"`
	// Why is the operator's reason, printed by `kycd retention plan` and
	// in docs; the applicant's answer uses the catalogue's wording.
	Why string `json:"why" yaml:"why"`
}

// Name identifies the rule in audit entries and plans: class, period and
// event, e.g. "abandoned_drafts:30d:last_activity". It changes when the
// operator changes the rule, so an entry says which version applied.
func (r RetentionRule) Name() string {
	return string(r.Class) + ":" + r.Keep.String() + ":" + string(r.From)
}

// RetentionPolicy is the retention rule of every data class.
type RetentionPolicy map[DataClass]RetentionRule

// Rule returns the rule of class c.
func (p RetentionPolicy) Rule(c DataClass) RetentionRule { return p[c] }

// validate checks each rule and fills in the classes the operator left
// out from defaults.
func (p RetentionPolicy) validate(defaults RetentionPolicy) error {
	for c, r := range p {
		events, known := allowedEvents[c]
		if !known {
			return fmt.Errorf("retention: unknown data class %q", c)
		}
		if !slices.Contains(events, r.From) {
			return fmt.Errorf("retention: %s: from %q is not one of %v", c, r.From, events)
		}
		if r.Keep.Years < 0 || r.Keep.Days < 0 {
			return fmt.Errorf("retention: %s: negative period", c)
		}
		r.Class = c
		p[c] = r
	}
	for _, c := range DataClasses {
		if _, ok := p[c]; ok {
			continue
		}
		d, ok := defaults[c]
		if !ok {
			return fmt.Errorf("retention: no rule for data class %q", c)
		}
		p[c] = d
	}
	return nil
}

var (
	builtinRetentionOnce sync.Once
	builtinRetention     RetentionPolicy
	builtinRetentionErr  error
)

// defaultRetention is the retention section of the built-in policy file,
// the one place the defaults are written: an operator's policy without a
// rule for a class gets the built-in rule for it.
func defaultRetention() (RetentionPolicy, error) {
	builtinRetentionOnce.Do(func() {
		var doc struct {
			Retention RetentionPolicy `yaml:"retention"`
		}
		if builtinRetentionErr = yaml.Unmarshal(defaultPolicyYAML, &doc); builtinRetentionErr != nil {
			return
		}
		builtinRetention = doc.Retention
		builtinRetentionErr = builtinRetention.validate(nil)
	})
	out := RetentionPolicy{}
	for c, r := range builtinRetention {
		out[c] = r
	}
	return out, builtinRetentionErr
}
