// Command kycd is the kycd server and its operator tools in one binary.
//
// main only wires: it parses flags, builds the configured adapters and hands
// them to the service. Every subcommand is a function of its arguments and
// streams so tests can call run() directly.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
)

// Exit codes shared by every subcommand (DESIGN.md §5).
const (
	exitOK      = 0 // valid, accepted, done
	exitInvalid = 1 // invalid or rejected input, or a failed verification
	exitUsage   = 2 // usage or I/O error
)

// stdio is what a subcommand may touch of the outside world.
type stdio struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
}

type command struct {
	summary string
	run     func(ctx context.Context, io stdio, args []string) int
}

// commands holds the top-level subcommands; checkCommands those under
// "kycd check". Each lives in its own file and registers itself in init so
// that the files can grow independently.
var (
	commands      = map[string]command{}
	checkCommands = map[string]command{}
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], stdio{os.Stdin, os.Stdout, os.Stderr, os.Getenv})
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, io stdio) int {
	commands["check"] = command{summary: "validate an ID number, MRZ, name or photo", run: runCheck}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(io.stderr, "kycd", commands)
		return exitUsage
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(io.stderr, "kycd: unknown command %q\n", args[0])
		usage(io.stderr, "kycd", commands)
		return exitUsage
	}
	return c.run(ctx, io, args[1:])
}

func runCheck(ctx context.Context, io stdio, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		usage(io.stderr, "kycd check", checkCommands)
		return exitUsage
	}
	c, ok := checkCommands[args[0]]
	if !ok {
		fmt.Fprintf(io.stderr, "kycd check: unknown check %q\n", args[0])
		usage(io.stderr, "kycd check", checkCommands)
		return exitUsage
	}
	return c.run(ctx, io, args[1:])
}

func usage(w io.Writer, prefix string, cmds map[string]command) {
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	fmt.Fprintf(&b, "usage: %s COMMAND [flags]\n\ncommands:\n", prefix)
	for _, n := range names {
		fmt.Fprintf(&b, "  %-14s %s\n", n, cmds[n].summary)
	}
	fmt.Fprint(w, b.String())
}
