package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"strings"

	"github.com/kycd/kycd"
)

func init() {
	commands["admin"] = command{summary: "operator tasks: create-user, create-api-key, set-invite-benefit", run: runAdmin}
	commands["audit"] = command{summary: "verify the audit log's hash chain", run: runAudit}
	commands["config"] = command{summary: "dump the effective configuration (secrets redacted)", run: runConfig}
}

func runAdmin(ctx context.Context, io stdio, args []string) int {
	if len(args) == 0 {
		fmt.Fprintln(io.stderr, "usage: kycd admin create-user --role ROLE --email E | create-api-key --name N | set-invite-benefit --code C --benefit TAG")
		return exitUsage
	}
	var role, email, name, code, benefit string
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
	if len(args) == 0 || args[0] != "verify" {
		fmt.Fprintln(io.stderr, "usage: kycd audit verify [--data DIR | --database URL]")
		return exitUsage
	}
	c, _, err := parseConfig("kycd audit verify", args[1:], io.getenv, io.stderr, nil)
	if err != nil {
		fmt.Fprintln(io.stderr, "kycd audit:", err)
		return exitUsage
	}
	a, err := openApp(ctx, c, io.stderr)
	if err != nil {
		fmt.Fprintln(io.stderr, "kycd audit:", err)
		return exitUsage
	}
	defer a.store.Close()
	brk, n, err := a.svc.VerifyAudit(ctx)
	if err != nil {
		fmt.Fprintln(io.stderr, "kycd audit verify:", err)
		return exitUsage
	}
	if brk != nil {
		fmt.Fprintf(io.stdout, "audit chain BROKEN at entry %d: %s (%d entries read)\n", brk.Seq, brk.Reason, n)
		return exitInvalid
	}
	fmt.Fprintf(io.stdout, "audit chain intact: %d entries\n", n)
	return exitOK
}
