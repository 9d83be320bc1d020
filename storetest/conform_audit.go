package storetest

import (
	"bytes"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/kycd/kycd"
)

// appendAudit appends e after the head in its own transaction, the way
// the service does, and returns it with Seq, PrevHash and Hash set.
func appendAudit(t testing.TB, st kycd.Store, e *kycd.AuditEntry) *kycd.AuditEntry {
	t.Helper()
	mustTx(t, st, func(tx kycd.Tx) error {
		seq, prev, err := tx.AuditHead(bg)
		if err != nil {
			return err
		}
		e.Seq, e.PrevHash = seq+1, prev
		e.Hash = e.ComputeHash()
		return tx.InsertAudit(bg, e)
	})
	return e
}

// auditEntry returns the entry seq as the store reads it.
func auditEntry(t testing.TB, st kycd.Store, seq int64) *kycd.AuditEntry {
	t.Helper()
	es, err := st.AuditEntries(bg, seq-1, 1)
	must(t, err)
	if len(es) != 1 || es[0].Seq != seq {
		t.Fatalf("AuditEntries(%d, 1) = %d entries, want entry %d", seq-1, len(es), seq)
	}
	return es[0]
}

// testAudit runs first on the shared store's audit log, which no other
// group writes before it.
func testAudit(t *testing.T, st kycd.Store) {
	seq, hash, err := st.AuditHead(bg)
	if err != nil || seq != 0 || len(hash) != 0 {
		t.Fatalf("AuditHead of an empty log = %d, %x, %v; want 0, empty", seq, hash, err)
	}
	if h, err := st.SignedAuditHead(bg); err != nil || h.Seq != 0 || h.MAC != nil {
		t.Errorf("SignedAuditHead of an empty log = %+v, %v", h, err)
	}

	t.Run("concurrent appends keep one chain", func(t *testing.T) {
		var wg sync.WaitGroup
		for i := 0; i < 10; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				err := st.WithTx(bg, func(tx kycd.Tx) error {
					seq, prev, err := tx.AuditHead(bg)
					if err != nil {
						return err
					}
					e := &kycd.AuditEntry{Seq: seq + 1, At: t0, Actor: "system", Action: "test", Subject: "s", Data: "{}", PrevHash: prev}
					e.Hash = e.ComputeHash()
					return tx.InsertAudit(bg, e)
				})
				if err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		entries, err := st.AuditEntries(bg, 0, 100)
		must(t, err)
		i := 0
		rep, err := kycd.VerifyAuditChain(nil, func() (*kycd.AuditEntry, error) {
			if i == len(entries) {
				return nil, nil
			}
			i++
			return entries[i-1], nil
		})
		if err != nil || rep.Break != nil || rep.Entries != 10 {
			t.Errorf("chain: break %+v, %d entries, %v; want intact with 10", rep.Break, rep.Entries, err)
		}
	})

	t.Run("entries read back in order, after and up to limit", func(t *testing.T) {
		seqs := func(after int64, limit int) (out []int64) {
			es, err := st.AuditEntries(bg, after, limit)
			must(t, err)
			for _, e := range es {
				out = append(out, e.Seq)
			}
			return out
		}
		if got := seqs(3, 4); !cmp.Equal(got, []int64{4, 5, 6, 7}) {
			t.Errorf("AuditEntries(3, 4) = %v, want [4 5 6 7]", got)
		}
		if got := seqs(10, 5); len(got) != 0 {
			t.Errorf("AuditEntries after the head = %v, want none", got)
		}
		// Every field round-trips; rule 0 reads as rule 1.
		e := appendAudit(t, st, &kycd.AuditEntry{At: t0.Add(time.Second), Actor: "apikey:k", Action: "account.level_changed",
			Subject: "acct-1", Data: `{"level":2}`})
		want := *e
		want.Rule = kycd.AuditRuleV1
		if diff := cmp.Diff(&want, auditEntry(t, st, e.Seq), cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("entry read back (-want +got):\n%s", diff)
		}
		if seq, hash, err := st.AuditHead(bg); err != nil || seq != e.Seq || !bytes.Equal(hash, e.Hash) {
			t.Errorf("AuditHead after InsertAudit = %d, %x, %v; want %d, %x", seq, hash, err, e.Seq, e.Hash)
		}
	})

	t.Run("an entry at a taken sequence number conflicts", func(t *testing.T) {
		err := st.WithTx(bg, func(tx kycd.Tx) error {
			e := &kycd.AuditEntry{Seq: 1, At: t0, Actor: "system", Action: "fork", Subject: "s", Data: "{}"}
			e.Hash = e.ComputeHash()
			return tx.InsertAudit(bg, e)
		})
		wantCode(t, "InsertAudit at seq 1 again", err, kycd.ECONFLICT)
	})

	t.Run("a rolled-back append leaves the head", func(t *testing.T) {
		seq, hash, _ := st.AuditHead(bg)
		st.WithTx(bg, func(tx kycd.Tx) error {
			e := &kycd.AuditEntry{Seq: seq + 1, At: t0, Actor: "system", Action: "lost", Subject: "s", Data: "{}", PrevHash: hash}
			e.Hash = e.ComputeHash()
			if err := tx.InsertAudit(bg, e); err != nil {
				return err
			}
			return errors.New("roll back")
		})
		if s2, h2, err := st.AuditHead(bg); err != nil || s2 != seq || !bytes.Equal(h2, hash) {
			t.Errorf("AuditHead after a rolled-back append = %d, %v; want %d", s2, err, seq)
		}
		if es, _ := st.AuditEntries(bg, seq, 10); len(es) != 0 {
			t.Errorf("a rolled-back entry was kept: %+v", es[0])
		}
	})

	t.Run("the head is signed only at its sequence number", func(t *testing.T) {
		seq, hash, _ := st.AuditHead(bg)
		mac := []byte("mac-of-head")
		must(t, st.SignAuditHead(bg, seq-1, []byte("stale")))
		if h, _ := st.SignedAuditHead(bg); h.MAC != nil {
			t.Errorf("SignAuditHead at an old seq signed the head: %x", h.MAC)
		}
		must(t, st.SignAuditHead(bg, seq, mac))
		want := kycd.SignedAuditHead{Seq: seq, Hash: hash, MAC: mac}
		if h, err := st.SignedAuditHead(bg); err != nil || !cmp.Equal(h, want) {
			t.Errorf("SignedAuditHead = %+v, %v; want %+v", h, err, want)
		}
		// An append moves the head and leaves it unsigned.
		e := appendAudit(t, st, &kycd.AuditEntry{At: t0, Actor: "system", Action: "test", Subject: "s", Data: "{}"})
		if h, err := st.SignedAuditHead(bg); err != nil || h.Seq != e.Seq || h.MAC != nil {
			t.Errorf("SignedAuditHead after an append = %+v, %v; want seq %d unsigned", h, err, e.Seq)
		}
	})
}

func testAuditRedaction(t *testing.T, st kycd.Store) {
	a, b, c := "subj-a-"+kycd.NewID(), "subj-b-"+kycd.NewID(), "subj-c-"+kycd.NewID()
	add := func(subject string, rule int) *kycd.AuditEntry {
		return appendAudit(t, st, &kycd.AuditEntry{At: t0, Actor: "system", Action: "test", Subject: subject,
			Data: `{"n":"` + subject + `"}`, Rule: rule})
	}
	a1, a2v2, b1 := add(a, kycd.AuditRuleV3), add(a, kycd.AuditRuleV2), add(b, kycd.AuditRuleV3)
	add(c, kycd.AuditRuleV3) // another subject's: never found
	a3 := add(a, kycd.AuditRuleV3)
	find := func(subjects []string, limit int) (out []int64) {
		es, err := st.FindAuditBySubjects(bg, subjects, limit)
		must(t, err)
		for _, e := range es {
			out = append(out, e.Seq)
		}
		return out
	}
	// Rule-3 entries of the subjects, in order; rule 2 cannot be redacted.
	if got, want := find([]string{a, b}, 10), []int64{a1.Seq, b1.Seq, a3.Seq}; !cmp.Equal(got, want) {
		t.Errorf("FindAuditBySubjects(a, b) = %v, want %v", got, want)
	}
	if got, want := find([]string{a, b}, 2), []int64{a1.Seq, b1.Seq}; !cmp.Equal(got, want) {
		t.Errorf("FindAuditBySubjects(a, b) limit 2 = %v, want %v", got, want)
	}
	if got := find(nil, 10); len(got) != 0 {
		t.Errorf("FindAuditBySubjects of no subjects = %v, want none", got)
	}

	digest := []byte("digest-of-a1")
	must(t, st.RedactAudit(bg, a1.Seq, digest))
	want := *a1
	want.Data, want.DataDigest = kycd.AuditRedactedData, digest
	if diff := cmp.Diff(&want, auditEntry(t, st, a1.Seq), cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("redacted entry (-want +got):\n%s", diff)
	}
	if got, want := find([]string{a}, 10), []int64{a3.Seq}; !cmp.Equal(got, want) {
		t.Errorf("FindAuditBySubjects after redacting %d = %v, want %v", a1.Seq, got, want)
	}
	wantCode(t, "RedactAudit of a redacted entry", st.RedactAudit(bg, a1.Seq, []byte("other")), kycd.ENOTFOUND)
	if got := auditEntry(t, st, a1.Seq); !bytes.Equal(got.DataDigest, digest) {
		t.Errorf("a second redaction changed the digest to %q", got.DataDigest)
	}
	wantCode(t, "RedactAudit of a missing entry", st.RedactAudit(bg, 1<<40, digest), kycd.ENOTFOUND)
	if err := st.RedactAudit(bg, a2v2.Seq, digest); err == nil {
		t.Error("RedactAudit of a rule-2 entry succeeded")
	}
	if got := auditEntry(t, st, a2v2.Seq); got.Data != a2v2.Data || got.DataDigest != nil {
		t.Errorf("rule-2 entry after a refused redaction: data %q digest %x", got.Data, got.DataDigest)
	}
}
