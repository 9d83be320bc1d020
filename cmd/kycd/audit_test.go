package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/storetest"
)

// auditDB is a data directory (and PostgreSQL database) holding an audit
// log written by the service, and raw access to it as an attacker with
// database rights — but not the key file — has.
type auditDB struct {
	t      *testing.T
	flags  []string
	driver string
	dsn    string
	drop   []string
}

func newAuditDB(t *testing.T, db string, entries int) *auditDB {
	t.Helper()
	dir := t.TempDir()
	d := &auditDB{t: t, flags: []string{"--data", dir}, driver: "sqlite", dsn: filepath.Join(dir, "kycd.db"),
		drop: []string{"DROP TRIGGER audit_log_no_update", "DROP TRIGGER audit_log_no_delete"}}
	if db == "postgres" {
		url := storetest.PostgresURL(t)
		d.flags = append(d.flags, "--database", url)
		d.driver, d.dsn, d.drop = "pgx", url, []string{"DROP TRIGGER audit_log_no_change ON audit_log"}
	}
	a := openTestApp(t, append(d.flags, fastHashing...)...)
	for i := 0; i < entries; i++ {
		if _, _, err := a.svc.CreateAPIKey(context.Background(), kycd.System, fmt.Sprint("key-", i)); err != nil {
			t.Fatal(err)
		}
	}
	a.store.Close()
	return d
}

// exec runs statements with the append-only triggers dropped.
func (d *auditDB) exec(stmts ...string) {
	d.t.Helper()
	db, err := sql.Open(d.driver, d.dsn)
	if err != nil {
		d.t.Fatal(err)
	}
	defer db.Close()
	for _, s := range append(slices.Clone(d.drop), stmts...) {
		if _, err := db.Exec(s); err != nil && !strings.Contains(err.Error(), "no such trigger") &&
			!strings.Contains(err.Error(), "does not exist") {
			d.t.Fatalf("%s: %v", s, err)
		}
	}
}

// rewrite reads the whole log, lets edit change it, recomputes every hash
// with rehash and writes entries and head back: what someone who knows the
// hashing rule but not the key can do.
func (d *auditDB) rewrite(edit func(e *kycd.AuditEntry), rehash func(e *kycd.AuditEntry) (int, []byte)) {
	d.t.Helper()
	db, err := sql.Open(d.driver, d.dsn)
	if err != nil {
		d.t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT seq, at, actor, action, subject, data FROM audit_log ORDER BY seq`)
	if err != nil {
		d.t.Fatal(err)
	}
	var es []*kycd.AuditEntry
	for rows.Next() {
		var e kycd.AuditEntry
		var at int64
		if err := rows.Scan(&e.Seq, &at, &e.Actor, &e.Action, &e.Subject, &e.Data); err != nil {
			d.t.Fatal(err)
		}
		e.At = time.UnixMicro(at).UTC()
		es = append(es, &e)
	}
	rows.Close()
	var prev []byte
	var stmts []string
	for _, e := range es {
		edit(e)
		e.PrevHash = prev
		var rule int
		rule, e.Hash = rehash(e)
		stmts = append(stmts, fmt.Sprintf(`UPDATE audit_log SET at = %d, actor = '%s', prev_hash = %s, hash = %s, rule = %d WHERE seq = %d`,
			e.At.UnixMicro(), e.Actor, d.blob(e.PrevHash), d.blob(e.Hash), rule, e.Seq))
		prev = e.Hash
	}
	last := es[len(es)-1]
	stmts = append(stmts, fmt.Sprintf(`UPDATE audit_head SET hash = %s WHERE seq = %d`, d.blob(last.Hash), last.Seq))
	d.exec(stmts...)
}

func (d *auditDB) blob(b []byte) string {
	if b == nil {
		return "NULL"
	}
	if d.driver == "pgx" {
		return fmt.Sprintf(`'\x%x'::bytea`, b)
	}
	return fmt.Sprintf(`X'%x'`, b)
}

// run runs a `kycd audit` subcommand on this log.
func (d *auditDB) run(args ...string) (int, string) {
	d.t.Helper()
	code, out, errOut := opRun(context.Background(), "", nil, append(args, d.flags...)...)
	if code == exitUsage {
		d.t.Fatalf("%v: exit 2: %s", args, errOut)
	}
	return code, out
}

func (d *auditDB) head() string {
	d.t.Helper()
	code, out := d.run("audit", "head")
	if code != exitOK {
		d.t.Fatalf("audit head: exit %d: %s", code, out)
	}
	return strings.TrimSpace(out)
}

// wantBroken checks verify exits 1, naming the entry.
func (d *auditDB) wantBroken(what string, seq int64, args ...string) {
	d.t.Helper()
	code, out := d.run(append([]string{"audit", "verify"}, args...)...)
	if code != exitInvalid || !strings.Contains(out, fmt.Sprintf("BROKEN at entry %d:", seq)) {
		d.t.Errorf("after %s: audit verify exit %d, stdout %q; want 1 naming entry %d", what, code, out, seq)
	}
}

const thirtyDays = int64(30 * 24 * 3600 * 1e6) // in microseconds

// TestAuditTampering runs the three rewrites an attacker with database
// rights but without the key file would try, each on a fresh log, on
// SQLite and PostgreSQL: moving timestamps, rewriting actors and
// recomputing the whole chain and its head, and cutting the newest entries
// off (with the head moved back, or rolled back to an older signed head).
func TestAuditTampering(t *testing.T) {
	for _, db := range []string{"sqlite", "postgres"} {
		t.Run(db, func(t *testing.T) {
			t.Run("intact", func(t *testing.T) {
				t.Parallel()
				d := newAuditDB(t, db, 4)
				code, out := d.run("audit", "verify")
				if code != exitOK || !strings.Contains(out, "intact: 4 entries") || !strings.Contains(out, "4 under rule v3") ||
					!strings.Contains(out, "head signature valid") {
					t.Errorf("audit verify: exit %d, %q; want intact, 4 entries under rule v3, signed head", code, out)
				}
				head := d.head()
				code, out = d.run("audit", "verify", "--expect-head", head, "--json")
				var rep struct {
					Intact     bool             `json:"intact"`
					Entries    int64            `json:"entries"`
					Rules      map[string]int64 `json:"rules"`
					HeadSigned bool             `json:"head_signed"`
					Found      bool             `json:"expected_head_found"`
				}
				if err := json.Unmarshal([]byte(out), &rep); err != nil || code != exitOK || !rep.Intact || rep.Entries != 4 ||
					rep.Rules["v3"] != 4 || !rep.HeadSigned || !rep.Found {
					t.Errorf("verify --expect-head --json: exit %d, %q (%v)", code, out, err)
				}
				// A head signed under another key (or mistyped) is refused.
				forged := head[:len(head)-4] + "0000"
				if code, _, errOut := opRun(context.Background(), "", nil, append([]string{"audit", "verify", "--expect-head", forged}, d.flags...)...); code != exitUsage || !strings.Contains(errOut, "signature") {
					t.Errorf("verify with a forged head: exit %d, %q; want 2 about the signature", code, errOut)
				}
			})
			t.Run("timestamps moved", func(t *testing.T) {
				t.Parallel()
				d := newAuditDB(t, db, 4)
				d.exec(fmt.Sprintf(`UPDATE audit_log SET at = at - %d WHERE seq = 2`, thirtyDays))
				d.wantBroken("moving entry 2 back 30 days", 2)
			})
			t.Run("all timestamps moved", func(t *testing.T) {
				t.Parallel()
				d := newAuditDB(t, db, 4)
				d.exec(fmt.Sprintf(`UPDATE audit_log SET at = at - %d`, thirtyDays))
				d.wantBroken("moving every entry back 30 days", 1)
			})
			t.Run("actors rewritten and the chain re-hashed under the old rule", func(t *testing.T) {
				t.Parallel()
				d := newAuditDB(t, db, 4)
				d.rewrite(func(e *kycd.AuditEntry) { e.Actor = "someone-else" },
					func(e *kycd.AuditEntry) (int, []byte) { return kycd.AuditRuleV1, e.ComputeHash() })
				d.wantBroken("re-hashing the chain under rule v1", 4)
			})
			t.Run("actors rewritten and the chain re-hashed under a guessed key", func(t *testing.T) {
				t.Parallel()
				d := newAuditDB(t, db, 4)
				guess := make([]byte, 32)
				d.rewrite(func(e *kycd.AuditEntry) { e.Actor = "someone-else" },
					func(e *kycd.AuditEntry) (int, []byte) { return kycd.AuditRuleV2, e.ComputeKeyedHash(guess) })
				d.wantBroken("re-hashing the chain under another key", 1)
			})
			t.Run("newest entries cut off, head moved back", func(t *testing.T) {
				t.Parallel()
				d := newAuditDB(t, db, 4)
				d.exec(`DELETE FROM audit_log WHERE seq > 2`,
					`UPDATE audit_head SET seq = 2, hash = (SELECT hash FROM audit_log WHERE seq = 2)`)
				d.wantBroken("cutting entries 3 and 4 and moving the head", 2)
			})
			t.Run("newest entries cut off, older signed head restored", func(t *testing.T) {
				t.Parallel()
				d := newAuditDB(t, db, 2)
				db2 := openTestApp(t, append(d.flags, fastHashing...)...)
				old, err := db2.store.SignedAuditHead(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				for i := 0; i < 2; i++ {
					if _, _, err := db2.svc.CreateAPIKey(context.Background(), kycd.System, "later"); err != nil {
						t.Fatal(err)
					}
				}
				db2.store.Close()
				anchored := d.head() // kept outside the database
				d.exec(`DELETE FROM audit_log WHERE seq > 2`,
					fmt.Sprintf(`UPDATE audit_head SET seq = 2, hash = %s, mac = %s`, d.blob(old.Hash), d.blob(old.MAC)))
				// The database alone now describes a genuine older state...
				if code, out := d.run("audit", "verify"); code != exitOK {
					t.Fatalf("verify of a rolled-back log without an anchor: exit %d %q", code, out)
				}
				// ...which only the head kept outside it tells apart.
				d.wantBroken("rolling back to an older signed head", 3, "--expect-head", anchored)
			})
		})
	}
}

// TestAuditVerifyLeavesDataDir checks `kycd audit verify` and `kycd audit
// head` create nothing in the data directory — no key file, no SQLite
// journal files — and refuse a directory without a key file.
func TestAuditVerifyLeavesDataDir(t *testing.T) {
	d := newAuditDB(t, "sqlite", 2)
	dir := d.flags[1]
	list := func() []string {
		es, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, e := range es {
			names = append(names, e.Name())
		}
		return names
	}
	before := list()
	d.head()
	if code, out := d.run("audit", "verify"); code != exitOK {
		t.Fatalf("verify: exit %d %q", code, out)
	}
	if after := list(); !slices.Equal(before, after) {
		t.Errorf("data directory was %v, after verify %v", before, after)
	}
	empty := t.TempDir()
	code, _, errOut := opRun(context.Background(), "", nil, "audit", "verify", "--data", empty)
	if code != exitUsage {
		t.Errorf("verify of an empty directory: exit %d, want 2 (%s)", code, errOut)
	}
	if es, _ := os.ReadDir(empty); len(es) != 0 {
		t.Errorf("verify of an empty directory created %d files", len(es))
	}
}
