package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/postgres"
	"github.com/kycd/kycd/seal"
	"github.com/kycd/kycd/sqlite"
	"github.com/kycd/kycd/sqlstore"
)

func init() {
	commands["admin"] = command{summary: "operator tasks: create-user, disable-user, create-api-key, revoke-api-key, set-invite-benefit, delete-webhook, rotate-webhook-secret, hold, release-hold, holds", run: runAdmin}
	commands["audit"] = command{summary: "verify the audit log's hash chain (verify), print its signed head (head)", run: runAudit}
	commands["config"] = command{summary: "dump the effective configuration (secrets redacted)", run: runConfig}
}

func runAdmin(ctx context.Context, io stdio, args []string) int {
	if len(args) == 0 {
		fmt.Fprintln(io.stderr, "usage: kycd admin create-user --role ROLE --email E | disable-user --user ID|EMAIL | create-api-key --name N | revoke-api-key --id ID | set-invite-benefit --code C --benefit TAG | delete-webhook --id ID | rotate-webhook-secret --id ID"+
			" | hold --account ID --reason R | release-hold --hold ID | holds [--all]")
		return exitUsage
	}
	var role, email, name, code, benefit, id, account, why, hold string
	var all bool
	c, rest, err := parseConfig("kycd admin "+args[0], args[1:], io.getenv, io.stderr, func(fs *flag.FlagSet) {
		switch args[0] {
		case "create-user":
			fs.StringVar(&role, "role", "", "reviewer, senior_reviewer or admin")
			fs.StringVar(&email, "email", "", "the person's email address (the password is read from stdin)")
		case "create-api-key":
			fs.StringVar(&name, "name", "", "what the key is for, e.g. exchange-backend")
		case "set-invite-benefit":
			fs.StringVar(&code, "code", "", "the invite code")
			fs.StringVar(&benefit, "benefit", "", "the tag it grants, e.g. fee_discount_20")
		case "disable-user":
			fs.StringVar(&id, "user", "", "the staff account's id or email address")
		case "revoke-api-key":
			fs.StringVar(&id, "id", "", "the key's id (printed by create-api-key)")
		case "delete-webhook", "rotate-webhook-secret":
			fs.StringVar(&id, "id", "", "the webhook's id")
		case "hold":
			fs.StringVar(&account, "account", "", "the account to keep (nothing of it is erased while held)")
			fs.StringVar(&why, "reason", "", "why, e.g. the case or request number (sealed; not in the audit log)")
		case "release-hold":
			fs.StringVar(&hold, "hold", "", "the hold's id (from kycd admin holds)")
		case "holds":
			fs.BoolVar(&all, "all", false, "list released holds too")
		}
	})
	if err != nil {
		fmt.Fprintln(io.stderr, "kycd admin:", err)
		return exitUsage
	}
	if len(rest) > 0 {
		fmt.Fprintf(io.stderr, "kycd admin: unexpected argument %q\n", rest[0])
		return exitUsage
	}
	a, err := openApp(ctx, c, io.stderr)
	if err != nil {
		fmt.Fprintln(io.stderr, "kycd admin:", err)
		return exitUsage
	}
	defer a.store.Close()
	switch args[0] {
	case "create-user":
		r, err := kycd.ParseRole(role)
		if err != nil || !r.Staff() {
			fmt.Fprintln(io.stderr, "kycd admin create-user: --role must be reviewer, senior_reviewer or admin")
			return exitUsage
		}
		line, err := bufio.NewReader(io.stdin).ReadString('\n')
		if err != nil && line == "" {
			fmt.Fprintln(io.stderr, "kycd admin create-user: give the password on stdin")
			return exitUsage
		}
		acct, err := a.svc.CreateStaff(ctx, kycd.System, r, email, strings.TrimRight(line, "\r\n"))
		if err != nil {
			fmt.Fprintln(io.stderr, "kycd admin create-user:", explain(err))
			return exitInvalid
		}
		fmt.Fprintf(io.stdout, "created %s %s\n", r, acct.ID)
	case "create-api-key":
		k, secret, err := a.svc.CreateAPIKey(ctx, kycd.System, name)
		if err != nil {
			fmt.Fprintln(io.stderr, "kycd admin create-api-key:", explain(err))
			return exitInvalid
		}
		fmt.Fprintf(io.stderr, "API key %s (%s) created; it is shown once, store it now:\n", k.ID, k.Name)
		fmt.Fprintln(io.stdout, secret)
	case "set-invite-benefit":
		if err := a.svc.SetInviteBenefit(ctx, kycd.System, code, benefit); err != nil {
			fmt.Fprintln(io.stderr, "kycd admin set-invite-benefit:", explain(err))
			return exitInvalid
		}
		fmt.Fprintf(io.stdout, "invite %s grants %q\n", kycd.NormalizeInviteCode(code), benefit)
	case "disable-user":
		acct, err := a.svc.DisableStaff(ctx, kycd.System, id)
		if err != nil {
			fmt.Fprintln(io.stderr, "kycd admin disable-user:", explain(err))
			return exitInvalid
		}
		fmt.Fprintf(io.stdout, "disabled %s %s\n", acct.Role, acct.ID)
	case "revoke-api-key":
		if err := a.svc.RevokeAPIKey(ctx, kycd.System, id); err != nil {
			fmt.Fprintln(io.stderr, "kycd admin revoke-api-key:", explain(err))
			return exitInvalid
		}
		fmt.Fprintf(io.stdout, "revoked API key %s\n", id)
	case "delete-webhook":
		if err := a.svc.DeleteWebhook(ctx, kycd.System, id); err != nil {
			fmt.Fprintln(io.stderr, "kycd admin delete-webhook:", explain(err))
			return exitInvalid
		}
		fmt.Fprintf(io.stdout, "deleted webhook %s\n", id)
	case "rotate-webhook-secret":
		secret, err := a.svc.RotateWebhookSecret(ctx, kycd.System, id)
		if err != nil {
			fmt.Fprintln(io.stderr, "kycd admin rotate-webhook-secret:", explain(err))
			return exitInvalid
		}
		fmt.Fprintf(io.stderr, "webhook %s has a new secret; it is shown once, give it to the receiver now:\n", id)
		fmt.Fprintln(io.stdout, secret)
	case "hold":
		h, err := a.svc.PlaceHold(ctx, kycd.System, account, why)
		if err != nil {
			fmt.Fprintln(io.stderr, "kycd admin hold:", explain(err))
			return exitInvalid
		}
		fmt.Fprintf(io.stdout, "hold %s placed on account %s\n", h.ID, h.AccountID)
	case "release-hold":
		if err := a.svc.ReleaseHold(ctx, kycd.System, hold); err != nil {
			fmt.Fprintln(io.stderr, "kycd admin release-hold:", explain(err))
			return exitInvalid
		}
		fmt.Fprintf(io.stdout, "hold %s released\n", hold)
	case "holds":
		hs, err := a.svc.Holds(ctx, kycd.System, kycd.HoldFilter{Active: !all})
		if err != nil {
			fmt.Fprintln(io.stderr, "kycd admin holds:", explain(err))
			return exitInvalid
		}
		json.NewEncoder(io.stdout).Encode(map[string]any{"items": hs})
	default:
		fmt.Fprintf(io.stderr, "kycd admin: unknown task %q\n", args[0])
		return exitUsage
	}
	return exitOK
}

// explain renders a domain error for a terminal: code and English message.
func explain(err error) string {
	code := kycd.ErrorCode(err)
	if code == "internal" {
		return err.Error()
	}
	var de *kycd.Error
	if e, ok := err.(*kycd.Error); ok {
		de = e
	}
	msg := reasonMessage(code, de)
	return code + ": " + msg
}

func runAudit(ctx context.Context, io stdio, args []string) int {
	if len(args) == 0 || (args[0] != "verify" && args[0] != "head") {
		fmt.Fprintln(io.stderr, "usage: kycd audit verify [--expect-head HEAD] [--json] | head [--json]  [--data DIR | --database URL]")
		return exitUsage
	}
	var expect string
	var asJSON bool
	c, rest, err := parseConfig("kycd audit "+args[0], args[1:], io.getenv, io.stderr, func(fs *flag.FlagSet) {
		fs.BoolVar(&asJSON, "json", false, "print one JSON object")
		if args[0] == "verify" {
			fs.StringVar(&expect, "expect-head", "", "a head printed earlier by `kycd audit head`: the log must still hold it")
		}
	})
	if err != nil {
		fmt.Fprintln(io.stderr, "kycd audit:", err)
		return exitUsage
	}
	if len(rest) > 0 {
		fmt.Fprintf(io.stderr, "kycd audit: unexpected argument %q\n", rest[0])
		return exitUsage
	}
	svc, closeStore, err := openAuditReader(ctx, c, io.stderr)
	if err != nil {
		fmt.Fprintln(io.stderr, "kycd audit:", err)
		return exitUsage
	}
	defer closeStore()
	out := map[string]any{}
	print := func(code int, line string) int {
		if asJSON {
			json.NewEncoder(io.stdout).Encode(out)
		} else {
			fmt.Fprintln(io.stdout, line)
		}
		return code
	}
	report := func(rep *kycd.AuditReport) {
		out["intact"] = rep.Break == nil
		out["entries"] = rep.Entries
		out["rules"] = map[string]int64{"v1": rep.ByRule[kycd.AuditRuleV1], "v2": rep.ByRule[kycd.AuditRuleV2], "v3": rep.ByRule[kycd.AuditRuleV3]}
		out["redacted"] = len(rep.Redactions)
		out["redactions"] = rep.Redactions
		out["head_signed"] = rep.HeadSigned
		if rep.Break != nil {
			out["break"] = map[string]any{"seq": rep.Break.Seq, "reason": rep.Break.Reason}
		}
	}
	if args[0] == "head" {
		head, rep, err := svc.AuditHead(ctx)
		if err != nil {
			fmt.Fprintln(io.stderr, "kycd audit head:", err)
			return exitUsage
		}
		report(rep)
		if rep.Break != nil {
			return print(exitInvalid, fmt.Sprintf("audit chain BROKEN at entry %d: %s; no head signed", rep.Break.Seq, rep.Break.Reason))
		}
		out["head"], out["seq"] = head.String(), head.Seq
		return print(exitOK, head.String())
	}
	var want *kycd.SignedAuditHead
	if expect != "" {
		h, err := kycd.ParseSignedAuditHead(expect, svc.AuditKey)
		if err != nil {
			fmt.Fprintln(io.stderr, "kycd audit verify: --expect-head:", err)
			return exitUsage
		}
		want = &h
	}
	rep, err := svc.VerifyAudit(ctx, want)
	if err != nil {
		fmt.Fprintln(io.stderr, "kycd audit verify:", err)
		return exitUsage
	}
	report(rep)
	if rep.Break != nil {
		return print(exitInvalid, fmt.Sprintf("audit chain BROKEN at entry %d: %s (%d entries read; %s)",
			rep.Break.Seq, rep.Break.Reason, rep.Entries, rep.Rules()))
	}
	line := fmt.Sprintf("audit chain intact: %d entries (%s)", rep.Entries, rep.Rules())
	if n := len(rep.Redactions); n > 0 {
		// Redaction removes an entry's data (an erased account's ids and
		// codes) and keeps the keyed digest its hash covers: the link
		// verifies, and each removal is itself an entry.
		line += fmt.Sprintf("; %d entries redacted (data removed after its retention period, keyed digest kept; recorded by audit.redacted entries, e.g. entry %d by entry %d)",
			n, rep.Redactions[0].Seq, rep.Redactions[0].By)
	}
	if rep.HeadSigned {
		line += "; head signature valid"
	}
	if rep.Anchored {
		line += fmt.Sprintf("; expected head %d found", want.Seq)
		out["expected_head_found"] = true
	}
	return print(exitOK, line)
}

// openAuditReader opens what reading the audit log needs — keys, store,
// service — without writing to the data directory: no key file is made
// up, and SQLite is opened read-only and not migrated.
func openAuditReader(ctx context.Context, c *config, logw io.Writer) (*kycd.Service, func(), error) {
	var keys *seal.Keyring
	var err error
	if lf, local := c.keyProvider().(seal.LocalFile); local {
		keys, err = seal.Load(lf.Path)
	} else {
		keys, err = c.keyProvider().Load()
	}
	if err != nil {
		return nil, nil, fmt.Errorf("keys: %w", err)
	}
	var st *sqlstore.DB
	if c.Database != "" {
		st, err = postgres.Open(ctx, c.Database, keys)
	} else {
		st, err = sqlite.OpenReadOnly(ctx, c.sqlitePath(), keys)
	}
	if err != nil {
		return nil, nil, err
	}
	svc, err := kycd.NewService(kycd.Options{Store: st, Sealer: keys, LinkKey: keys.LinkKey(), Now: time.Now, Log: newLogger(c, logw)})
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	return svc, func() { st.Close() }, nil
}
