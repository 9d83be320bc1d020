package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/kycd/kycd/seal"
)

func init() {
	commands["keys"] = command{summary: "generate the key file every instance of a cluster mounts", run: runKeys}
}

// runKeys implements `kycd keys generate [--id ID]`: a fresh key file on
// stdout, for a secret store; kycd reads it with --keys-file.
func runKeys(ctx context.Context, io stdio, args []string) int {
	if len(args) == 0 || args[0] != "generate" {
		fmt.Fprintln(io.stderr, "usage: kycd keys generate [--id ID] > keys.json")
		return exitUsage
	}
	fs := flag.NewFlagSet("kycd keys generate", flag.ContinueOnError)
	fs.SetOutput(io.stderr)
	id := fs.String("id", "k1", "name of the data key (a new name for each rotation)")
	if err := fs.Parse(args[1:]); err != nil || fs.NArg() > 0 {
		return exitUsage
	}
	raw, err := seal.Generate(*id)
	if err != nil {
		fmt.Fprintln(io.stderr, "kycd keys:", err)
		return exitUsage
	}
	io.stdout.Write(raw)
	fmt.Fprintln(io.stderr, "kycd keys: a new key file is on stdout; keep it in your secret store and mount it into every instance (--keys-file).")
	return exitOK
}
