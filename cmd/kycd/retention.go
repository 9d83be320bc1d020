package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"

	"github.com/kycd/kycd"
)

func init() {
	commands["retention"] = command{summary: "apply the retention policy: plan (dry run, what would go and why) or run", run: runRetention}
}

func runRetention(ctx context.Context, io stdio, args []string) int {
	if len(args) == 0 || (args[0] != "plan" && args[0] != "run") {
		fmt.Fprintln(io.stderr, "usage: kycd retention plan [--json] | run [--json]  [--data DIR | --database URL] [--policy FILE]")
		return exitUsage
	}
	var asJSON bool
	c, rest, err := parseConfig("kycd retention "+args[0], args[1:], io.getenv, io.stderr, func(fs *flag.FlagSet) {
		fs.BoolVar(&asJSON, "json", false, "print one JSON object")
	})
	if err != nil {
		fmt.Fprintln(io.stderr, "kycd retention:", err)
		return exitUsage
	}
	if len(rest) > 0 {
		fmt.Fprintf(io.stderr, "kycd retention: unexpected argument %q\n", rest[0])
		return exitUsage
	}
	a, err := openApp(ctx, c, io.stderr)
	if err != nil {
		fmt.Fprintln(io.stderr, "kycd retention:", err)
		return exitUsage
	}
	defer a.store.Close()
	if args[0] == "plan" {
		plan, err := a.svc.PlanRetention(ctx, kycd.System)
		if err != nil {
			fmt.Fprintln(io.stderr, "kycd retention plan:", explain(err))
			return exitUsage
		}
		if asJSON {
			json.NewEncoder(io.stdout).Encode(plan)
			return exitOK
		}
		fmt.Fprintf(io.stdout, "retention plan at %s: %d to erase, %d kept by a legal hold\n",
			plan.At.Format("2006-01-02 15:04 MST"), len(plan.Erasures), len(plan.Held))
		for _, e := range plan.Erasures {
			fmt.Fprintln(io.stdout, "  erase "+describeErasure(e))
		}
		for _, e := range plan.Held {
			fmt.Fprintf(io.stdout, "  keep  %s (legal hold %s)\n", describeErasure(e), e.HeldBy)
		}
		return exitOK
	}
	res, err := a.svc.RunRetention(ctx, kycd.System)
	if err != nil {
		fmt.Fprintln(io.stderr, "kycd retention run:", explain(err))
		return exitUsage
	}
	if asJSON {
		json.NewEncoder(io.stdout).Encode(res)
	} else {
		fmt.Fprintf(io.stdout, "retention run at %s: erased", res.At.Format("2006-01-02 15:04 MST"))
		for _, c := range kycd.DataClasses {
			fmt.Fprintf(io.stdout, " %s=%d", c, res.Erased[c])
		}
		fmt.Fprintf(io.stdout, "; %d kept by a legal hold; %d failed (retried next run)\n", res.Held, res.Failed)
	}
	if res.Failed > 0 {
		return exitInvalid
	}
	return exitOK
}

// describeErasure is one line of the plan: what, which rule, since when
// and why. Ids only: the plan is printed to operators' terminals and logs.
func describeErasure(e kycd.Erasure) string {
	what := e.Kind + " " + e.Subject
	if e.Count > 0 {
		what = fmt.Sprintf("%d expired sessions and codes", e.Count)
	}
	return fmt.Sprintf("%-18s %s — rule %s, clock started %s, due %s: %s", e.Class, what, e.Rule,
		e.Since.Format("2006-01-02"), e.Due.Format("2006-01-02"), e.Why)
}
