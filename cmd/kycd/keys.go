package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/seal"
)

func init() {
	commands["keys"] = command{summary: "master keys: generate a key file, rotate (and --status), retire an old key", run: runKeys}
}

const keysUsage = `usage:
  kycd keys generate [--id ID] > keys.json
  kycd keys rotate [--id ID] [--stage]      new master key (active, or staged with --stage)
  kycd keys rotate --activate ID            make a staged key active
  kycd keys rotate --status [--json]        re-sealing progress and what each key still protects
  kycd keys retire ID                       remove a key nothing references any more`

// runKeys implements `kycd keys`.
func runKeys(ctx context.Context, io stdio, args []string) int {
	if len(args) == 0 {
		fmt.Fprintln(io.stderr, keysUsage)
		return exitUsage
	}
	switch args[0] {
	case "generate":
		return runKeysGenerate(io, args[1:])
	case "rotate":
		return runKeysRotate(ctx, io, args[1:])
	case "retire":
		return runKeysRetire(ctx, io, args[1:])
	}
	fmt.Fprintln(io.stderr, keysUsage)
	return exitUsage
}

// runKeysGenerate prints a fresh key file on stdout, for a secret store;
// kycd reads it with --keys-file.
func runKeysGenerate(io stdio, args []string) int {
	fs := flag.NewFlagSet("kycd keys generate", flag.ContinueOnError)
	fs.SetOutput(io.stderr)
	id := fs.String("id", "k1", "name of the master key (a new name for each rotation)")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
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

// keyFilePath is the key file kycd may write: the generated one in the data
// directory or a mounted --keys-file (when its volume is writable). Keys
// given as values (environment) are the operator's to change.
func keyFilePath(c *config) (string, bool) {
	switch p := c.keyProvider().(type) {
	case seal.LocalFile:
		return p.Path, true
	case seal.Mounted:
		return p.Path, true
	}
	return "", false
}

const envRotation = `kycd keys: the keys come from --encryption-keys (KYCD_ENCRYPTION_KEYS), which kycd cannot change.
Rotate in your secret store, in two steps:
  1. add a new key LAST on every instance:  KYCD_ENCRYPTION_KEYS=old:…,new:BASE64   (head -c32 /dev/urandom | base64)
  2. once every instance runs with it, put it FIRST:  KYCD_ENCRYPTION_KEYS=new:…,old:…
The leader then re-seals in the background; follow it with kycd keys rotate --status.`

func runKeysRotate(ctx context.Context, io stdio, args []string) int {
	var id, activate string
	var stage, status, asJSON bool
	c, rest, err := parseConfig("kycd keys rotate", args, io.getenv, io.stderr, func(fs *flag.FlagSet) {
		fs.StringVar(&id, "id", "", "name of the new master key (default: the next kN)")
		fs.BoolVar(&stage, "stage", false, "add the key without using it yet: every instance learns it first (clusters)")
		fs.StringVar(&activate, "activate", "", "make the staged key ID the active one")
		fs.BoolVar(&status, "status", false, "print the re-sealing's progress and what each key protects")
		fs.BoolVar(&asJSON, "json", false, "with --status: one JSON object")
	})
	if err != nil || len(rest) > 0 {
		if err != nil {
			fmt.Fprintln(io.stderr, "kycd keys rotate:", err)
		}
		return exitUsage
	}
	if status {
		return printKeyStatus(ctx, io, c, asJSON)
	}
	path, ok := keyFilePath(c)
	if !ok {
		fmt.Fprintln(io.stderr, envRotation)
		return exitUsage
	}
	keys, err := c.keyProvider().Load()
	if err != nil {
		fmt.Fprintln(io.stderr, "kycd keys rotate:", err)
		return exitUsage
	}
	switch {
	case activate != "":
		err = seal.Activate(path, activate)
		id = activate
	default:
		if id == "" {
			id = nextKeyID(keys)
		}
		err = seal.AddKey(path, id, !stage)
	}
	if err != nil {
		fmt.Fprintln(io.stderr, "kycd keys rotate:", err)
		return exitUsage
	}
	if stage {
		fmt.Fprintf(io.stdout, "staged key %s in %s: it opens data but seals nothing yet.\n"+
			"Once every instance has it, run kycd keys rotate --activate %s.\n", id, path, id)
		return exitOK
	}
	fmt.Fprintf(io.stdout, "%s is the active key in %s.\nRunning instances take it within --job-poll; the leader then re-seals "+
		"in the background (kycd keys rotate --status).\nThe old keys stay until kycd keys retire removes them.\n", id, path)
	return exitOK
}

// nextKeyID names a new key kN, N one more than the largest in use.
func nextKeyID(k *seal.Keyring) string {
	n := 0
	for _, id := range k.KeyIDs() {
		if v, err := strconv.Atoi(strings.TrimPrefix(id, "k")); err == nil && v > n {
			n = v
		}
	}
	for {
		n++
		if id := "k" + strconv.Itoa(n); !k.Has(id) {
			return id
		}
	}
}

func keyReport(ctx context.Context, io stdio, c *config) (*kycd.KeyReport, *app, int) {
	// Reporting must not make up keys: a generated key file that is not
	// there yet means there is nothing to report on.
	if lf, ok := c.keyProvider().(seal.LocalFile); ok {
		if _, err := os.Stat(lf.Path); err != nil {
			fmt.Fprintln(io.stderr, "kycd keys:", err)
			return nil, nil, exitUsage
		}
	}
	a, err := openApp(ctx, c, io.stderr)
	if err != nil {
		fmt.Fprintln(io.stderr, "kycd keys:", err)
		return nil, nil, exitUsage
	}
	rep, err := kycd.KeyStatus(ctx, a.store, a.keys.KeyIDs())
	if err != nil {
		a.store.Close()
		fmt.Fprintln(io.stderr, "kycd keys:", err)
		return nil, nil, exitUsage
	}
	return rep, a, exitOK
}

func printKeyStatus(ctx context.Context, io stdio, c *config, asJSON bool) int {
	rep, a, code := keyReport(ctx, io, c)
	if rep == nil {
		return code
	}
	defer a.store.Close()
	if asJSON {
		json.NewEncoder(io.stdout).Encode(rep)
		return exitOK
	}
	fmt.Fprintf(io.stdout, "active key: %s (configured: %s)\n", rep.Active, strings.Join(rep.Keys, ", "))
	tw := tabwriter.NewWriter(io.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "phase\ttarget\tdone\ttotal\tstate")
	for _, p := range rep.Phases {
		state := "pending"
		switch {
		case p.FinishedAt != nil:
			state = "finished " + p.FinishedAt.Format("2006-01-02 15:04:05")
		case !p.StartedAt.IsZero():
			state = "running since " + p.StartedAt.Format("2006-01-02 15:04:05")
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%s\n", p.Phase, p.Target, p.Done, p.Total, state)
	}
	tw.Flush()
	ids := make([]string, 0, len(rep.References.Values))
	for id := range rep.References.Values {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		fmt.Fprintf(io.stdout, "key %s protects %d values and data keys\n", id, rep.References.Values[id])
	}
	if rep.References.LegacyBlobs > 0 {
		fmt.Fprintf(io.stdout, "%d blobs are still sealed under a master key: no key can be retired before they are moved\n",
			rep.References.LegacyBlobs)
	}
	if len(rep.Retirable) > 0 {
		fmt.Fprintf(io.stdout, "may be retired (nothing references them): %s\n", strings.Join(rep.Retirable, ", "))
	}
	if rep.Done {
		fmt.Fprintln(io.stdout, "re-sealing: done")
	} else {
		fmt.Fprintln(io.stdout, "re-sealing: in progress (kycd serve runs it on one instance)")
	}
	return exitOK
}

func runKeysRetire(ctx context.Context, io stdio, args []string) int {
	c, rest, err := parseConfig("kycd keys retire", args, io.getenv, io.stderr, nil)
	if err != nil || len(rest) != 1 {
		fmt.Fprintln(io.stderr, "usage: kycd keys retire ID")
		return exitUsage
	}
	id := rest[0]
	rep, a, code := keyReport(ctx, io, c)
	if rep == nil {
		return code
	}
	a.store.Close()
	switch {
	case id == rep.Active:
		fmt.Fprintf(io.stderr, "kycd keys retire: %s is the active key; rotate first\n", id)
		return exitInvalid
	case !slices.Contains(rep.Keys, id):
		fmt.Fprintf(io.stderr, "kycd keys retire: no key %s is configured\n", id)
		return exitUsage
	case !slices.Contains(rep.Retirable, id):
		fmt.Fprintf(io.stderr, "kycd keys retire: %s still protects %d values and data keys (and %d blobs are under master keys); "+
			"wait for the re-sealing (kycd keys rotate --status)\n", id, rep.References.Values[id], rep.References.LegacyBlobs)
		return exitInvalid
	}
	path, ok := keyFilePath(c)
	if !ok {
		fmt.Fprintf(io.stdout, "nothing references %s: remove it from KYCD_ENCRYPTION_KEYS on every instance.\n", id)
		return exitOK
	}
	if err := seal.Remove(path, id); err != nil {
		fmt.Fprintln(io.stderr, "kycd keys retire:", err)
		return exitUsage
	}
	fmt.Fprintf(io.stdout, "retired %s: removed from %s. Copies of the database older than the rotation no longer open "+
		"with these keys.\n", id, path)
	return exitOK
}
