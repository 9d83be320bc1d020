package kycd

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/json"
	"strings"
)

// AuditRedactedData replaces the data of a redacted entry. Only entries
// under rule v3 can be redacted: their hash covers a keyed digest of the
// data, which stays in the entry, so the chain still verifies without
// the data.
const AuditRedactedData = `{"redacted":true}`

// AuditDataDigest is the keyed digest of an entry's data that rule v3
// hashes instead of the data. It is keyed so that a redacted entry's
// digest cannot be used to guess its short data (a few ids and codes)
// without the audit key.
func AuditDataDigest(key []byte, data string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("kycd audit data v3\x00"))
	m.Write([]byte(data))
	return m.Sum(nil)
}

// AuditRedaction says which entry's data was removed and which later
// entry (audit.redacted) records it.
type AuditRedaction struct {
	Seq int64 `json:"seq"`
	By  int64 `json:"by"`
}

// RedactTx is the part of Tx that removes the data of audit entries.
type RedactTx interface {
	// FindAuditBySubjects returns up to limit entries under rule v3 about
	// one of subjects whose data is not redacted yet.
	FindAuditBySubjects(ctx context.Context, subjects []string, limit int) ([]*AuditEntry, error)
	// RedactAudit replaces the data of entry seq by AuditRedactedData and
	// keeps digest in its place; the database refuses any other change.
	RedactAudit(ctx context.Context, seq int64, digest []byte) error
}

// redactAudit removes the data of the v3 entries about subjects, keeping
// each entry's digest so the chain verifies, and appends one
// audit.redacted entry naming them (the entries about redactions
// themselves are never redacted). It returns how many it redacted.
func (s *Service) redactAudit(ctx context.Context, tx Tx, subjects []string, why string) (int, error) {
	entries, err := tx.FindAuditBySubjects(ctx, subjects, 100000)
	if err != nil {
		return 0, err
	}
	var seqs []int64
	for _, e := range entries {
		if e.Data == "{}" || strings.HasPrefix(e.Action, "audit.") || strings.HasPrefix(e.Action, "retention.") {
			// Nothing to remove; and the records of erasures and
			// redactions are what proves them, so they stay readable.
			continue
		}
		if err := tx.RedactAudit(ctx, e.Seq, AuditDataDigest(s.AuditKey, e.Data)); err != nil {
			return 0, err
		}
		seqs = append(seqs, e.Seq)
	}
	if len(seqs) == 0 {
		return 0, nil
	}
	return len(seqs), s.audit(ctx, tx, System.Actor(), "audit.redacted", "audit", map[string]any{"entries": seqs, "why": why})
}

// redactionsIn reads the entries an audit.redacted entry names.
func redactionsIn(e *AuditEntry) []int64 {
	if e.Action != "audit.redacted" || e.DataDigest != nil {
		return nil
	}
	var d struct {
		Entries []int64 `json:"entries"`
	}
	_ = json.Unmarshal([]byte(e.Data), &d)
	return d.Entries
}
