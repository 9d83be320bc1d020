package kycd_test

import (
	"strings"
	"testing"
	"time"

	"github.com/kycd/kycd"
)

// TestAuditRedaction: under rule v3 an entry's data can go while its link
// verifies, provided the keyed digest stays and a later audit.redacted
// entry records it; anything else is a break.
func TestAuditRedaction(t *testing.T) {
	key := make([]byte, 32)
	build := func(redact func([]*kycd.AuditEntry)) []*kycd.AuditEntry {
		var es []*kycd.AuditEntry
		var prev []byte
		for i, d := range []struct{ action, data string }{
			{"document.attached", `{"findings":["photo.blurry"]}`},
			{"review.decided", `{"decision":"approve"}`},
			{"audit.redacted", `{"entries":[1]}`},
		} {
			e := &kycd.AuditEntry{Seq: int64(i + 1), At: time.Unix(1700000000+int64(i), 0), Actor: "system", Action: d.action,
				Subject: "app1", Data: d.data, PrevHash: prev, Rule: kycd.AuditRuleV3}
			e.Hash = e.ComputeKeyedHashV3(key)
			prev = e.Hash
			es = append(es, e)
		}
		redact(es)
		return es
	}
	verify := func(es []*kycd.AuditEntry) *kycd.AuditReport {
		i := 0
		rep, err := kycd.VerifyAuditChain(key, func() (*kycd.AuditEntry, error) {
			if i == len(es) {
				return nil, nil
			}
			i++
			return es[i-1], nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	remove := func(e *kycd.AuditEntry) {
		e.DataDigest, e.Data = kycd.AuditDataDigest(key, e.Data), kycd.AuditRedactedData
	}
	rep := verify(build(func(es []*kycd.AuditEntry) { remove(es[0]) }))
	if rep.Break != nil || len(rep.Redactions) != 1 || rep.Redactions[0] != (kycd.AuditRedaction{Seq: 1, By: 3}) {
		t.Errorf("recorded redaction: %+v %+v, want intact with entry 1 redacted by 3", rep.Break, rep.Redactions)
	}
	for name, tc := range map[string]struct {
		redact func([]*kycd.AuditEntry)
		seq    int64
		reason string
	}{
		"no record":      {func(es []*kycd.AuditEntry) { remove(es[1]) }, 2, "without an audit.redacted entry"},
		"data kept":      {func(es []*kycd.AuditEntry) { es[0].DataDigest = kycd.AuditDataDigest(key, es[0].Data) }, 1, "still holds data"},
		"other digest":   {func(es []*kycd.AuditEntry) { remove(es[0]); es[0].DataDigest[0] ^= 1 }, 1, "does not match"},
		"data rewritten": {func(es []*kycd.AuditEntry) { es[1].Data = `{"decision":"reject"}` }, 2, "does not match"},
	} {
		rep := verify(build(tc.redact))
		if rep.Break == nil || rep.Break.Seq != tc.seq || !strings.Contains(rep.Break.Reason, tc.reason) {
			t.Errorf("%s: break %+v, want entry %d: %q", name, rep.Break, tc.seq, tc.reason)
		}
	}
}
