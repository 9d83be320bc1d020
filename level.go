package kycd

import (
	_ "embed"
	"fmt"
	"os"
	"sort"

	"gopkg.in/yaml.v3"
)

// Limits are what a level unlocks on the exchange.
type Limits struct {
	DailyWithdrawalUSD int64 `json:"daily_withdrawal_usd" yaml:"daily_withdrawal_usd"`
	Trading            bool  `json:"trading" yaml:"trading"`
	Fiat               bool  `json:"fiat" yaml:"fiat"`
}

// Level is one verification tier of the policy.
type Level struct {
	Number int               `json:"level" yaml:"level"`
	Name   map[string]string `json:"name" yaml:"name"` // by language: en, zh-CN
	// Requires lists what reaching the level takes, as stable keys the UI
	// explains: email_verified, phone_verified, identity_document, selfie,
	// selfie_video, proof_of_address, ...
	Requires []string `json:"requires" yaml:"requires"`
	Limits   Limits   `json:"limits" yaml:"limits"`
	// AutoApprove lets rules approve clean applications without a reviewer.
	AutoApprove bool `json:"auto_approve" yaml:"auto_approve"`
	// AutoApproveUnread lets those rules approve although a photo of the
	// identity document was not read, or was read without its number
	// (reading off, not finished, failed). Off by default: an approval
	// without a person then rests on the document having been read and
	// matching the form (a mismatch blocks submission; a doubtful name is
	// a warning, which sends the case to a person anyway).
	AutoApproveUnread bool `json:"auto_approve_unread,omitempty" yaml:"auto_approve_unread"`
	// SupportingDocuments are the extra documents the operator asks for.
	SupportingDocuments []string `json:"supporting_documents,omitempty" yaml:"supporting_documents"`
}

// Policy is the operator's set of levels and retention rules.
type Policy struct {
	Levels []Level `json:"levels" yaml:"levels"`
	// Retention has a rule for every data class (the built-in one where
	// the file names none).
	Retention RetentionPolicy `json:"retention" yaml:"retention"`
}

//go:embed policy_default.yaml
var defaultPolicyYAML []byte

// DefaultPolicy returns the built-in policy (levels 0–3).
func DefaultPolicy() Policy {
	p, err := ParsePolicy(defaultPolicyYAML)
	if err != nil {
		panic("kycd: built-in policy is invalid: " + err.Error())
	}
	return p
}

// LoadPolicy reads a policy file (YAML; JSON is valid YAML too).
func LoadPolicy(path string) (Policy, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return Policy{}, fmt.Errorf("policy: %w", err)
	}
	p, err := ParsePolicy(raw)
	if err != nil {
		return Policy{}, fmt.Errorf("policy %s: %w", path, err)
	}
	return p, nil
}

// ParsePolicy parses and validates a policy document.
func ParsePolicy(raw []byte) (Policy, error) {
	var p Policy
	if err := yaml.Unmarshal(raw, &p); err != nil {
		return Policy{}, err
	}
	sort.Slice(p.Levels, func(i, j int) bool { return p.Levels[i].Number < p.Levels[j].Number })
	for i, l := range p.Levels {
		if l.Number != i {
			return Policy{}, fmt.Errorf("levels must be numbered 0, 1, 2, ... without gaps; found %d at position %d", l.Number, i)
		}
		for _, lang := range []string{"en", "zh-CN"} {
			if l.Name[lang] == "" {
				return Policy{}, fmt.Errorf("level %d has no %s name", l.Number, lang)
			}
		}
		if l.Limits.DailyWithdrawalUSD < 0 {
			return Policy{}, fmt.Errorf("level %d: negative withdrawal limit", l.Number)
		}
	}
	if len(p.Levels) < 2 {
		return Policy{}, fmt.Errorf("a policy needs at least levels 0 and 1")
	}
	defaults, err := defaultRetention()
	if err != nil {
		return Policy{}, fmt.Errorf("built-in retention rules: %w", err)
	}
	if p.Retention == nil {
		p.Retention = RetentionPolicy{}
	}
	if err := p.Retention.validate(defaults); err != nil {
		return Policy{}, err
	}
	return p, nil
}

// Level returns level n, or false when the policy has no such level.
func (p Policy) Level(n int) (Level, bool) {
	if n < 0 || n >= len(p.Levels) {
		return Level{}, false
	}
	return p.Levels[n], true
}

// Top is the highest level number.
func (p Policy) Top() int { return len(p.Levels) - 1 }
