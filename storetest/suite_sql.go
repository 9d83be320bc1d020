package storetest

import (
	"bytes"
	"strings"
	"testing"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/sqlstore"
)

// RunSQL is the part of the conformance suite that needs a SQL store's
// rows: what the database holds (ciphertexts, never personal data in
// clear) and what it refuses (rewriting the audit log) whatever the code
// above it does. Run covers the kycd.Store behaviour.
func RunSQL(t *testing.T, open func(t testing.TB) *sqlstore.DB) {
	st := open(t)

	t.Run("a value that does not open names its table, column and row", func(t *testing.T) {
		a := newAccount("bad.seal")
		a.Phone = "+8613912345600"
		must(t, st.CreateAccount(bg, a))
		// The phone's ciphertext in the email column: sealed with the
		// right key, bound to another column, so it must not open.
		if _, err := st.SQL().Exec(Rebind(st, "UPDATE accounts SET email_enc = phone_enc WHERE id = ?"), a.ID); err != nil {
			t.Fatal(err)
		}
		_, err := st.FindAccountByID(bg, a.ID)
		if err == nil || !strings.Contains(err.Error(), "accounts.email") || !strings.Contains(err.Error(), a.ID) {
			t.Errorf("FindAccountByID of a row that does not open: %v, want an error naming accounts.email and %s", err, a.ID)
		}
		if err != nil && (strings.Contains(err.Error(), a.Phone) || strings.Contains(err.Error(), a.Email)) {
			t.Errorf("the error shows personal data: %v", err)
		}
		f := NewFixture(t, st, "s")
		if _, err := st.SQL().Exec(Rebind(st, "UPDATE applications SET payload_enc = ? WHERE id = ?"), []byte("not sealed"), f.App.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := st.FindApplicationByID(bg, f.App.ID); err == nil || !strings.Contains(err.Error(), "applications.payload of "+f.App.ID) {
			t.Errorf("FindApplicationByID of a payload that does not open: %v, want an error naming applications.payload and the id", err)
		}
	})

	t.Run("personal data is sealed in the rows", func(t *testing.T) {
		a := newAccount("clear")
		a.Phone = "+8613912345611"
		must(t, st.CreateAccount(bg, a))
		f := NewFixture(t, st, "clear")
		const secret, reason = "whsec-in-clear-test", "court order about " + FixtureName
		must(t, st.QueueMessage(bg, &kycd.OutboxMessage{ID: kycd.NewID(), AccountID: a.ID, Purpose: kycd.PurposeResetPassword,
			Message: kycd.Message{Channel: "sms", To: a.Phone, Body: "code 123456"}, NextAt: t0, CreatedAt: t0}))
		must(t, st.CreateWebhookEndpoint(bg, &kycd.WebhookEndpoint{ID: kycd.NewID(), URL: "https://example.com/h", Secret: secret,
			Events: []string{}, CreatedAt: t0}))
		must(t, st.CreateHold(bg, &kycd.LegalHold{ID: kycd.NewID(), AccountID: a.ID, Reason: reason, PlacedBy: "op", PlacedAt: t0}))
		// Every table that holds personal data or secrets, read whole as
		// bytes.
		for _, table := range []string{"accounts", "applications", "documents", "uploads", "decisions", "message_outbox",
			"webhook_endpoints", "legal_holds"} {
			rows, err := st.SQL().Query("SELECT * FROM " + table)
			if err != nil {
				t.Fatal(err)
			}
			cols, _ := rows.Columns()
			for rows.Next() {
				vals := make([]any, len(cols))
				ptrs := make([]any, len(cols))
				for i := range vals {
					ptrs[i] = &vals[i]
				}
				if err := rows.Scan(ptrs...); err != nil {
					t.Fatal(err)
				}
				for i, v := range vals {
					var b []byte
					switch v := v.(type) {
					case []byte:
						b = v
					case string:
						b = []byte(v)
					}
					for _, clear := range []string{a.Email, a.Phone, f.Account.Email, FixtureName, FixtureNumber, FixtureComment,
						FixtureFile, secret, "code 123456"} {
						if bytes.Contains(b, []byte(clear)) {
							t.Errorf("%s.%s holds %q in clear", table, cols[i], clear)
						}
					}
				}
			}
			rows.Close()
		}
	})

	t.Run("the database refuses to rewrite the audit log", func(t *testing.T) {
		mustTx(t, st, func(tx kycd.Tx) error {
			e := &kycd.AuditEntry{Seq: 1, At: t0, Actor: "system", Action: "test", Subject: "s", Data: "{}", Rule: kycd.AuditRuleV3}
			e.Hash = e.ComputeHash()
			return tx.InsertAudit(bg, e)
		})
		if _, err := st.SQL().Exec("UPDATE audit_log SET action = 'x' WHERE seq = 1"); err == nil {
			t.Error("the database allowed an audit entry to be rewritten")
		}
		if _, err := st.SQL().Exec(Rebind(st, "UPDATE audit_log SET data = ?, data_digest = ?, action = 'x' WHERE seq = 1"),
			kycd.AuditRedactedData, []byte("d")); err == nil {
			t.Error("the database allowed a redaction that also rewrites the action")
		}
		if _, err := st.SQL().Exec("DELETE FROM audit_log WHERE seq = 1"); err == nil {
			t.Error("the database allowed an audit entry to be deleted")
		}
	})
}
