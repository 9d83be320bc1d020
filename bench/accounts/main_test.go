package main

import (
	"testing"

	"github.com/kycd/kycd"
)

// TestBenchRuns keeps the harness from rotting: a tiny run on SQLite must
// finish without errors. It asserts nothing about speed.
func TestBenchRuns(t *testing.T) {
	if err := bench("sqlite", "", 5, 20, 2, kycd.Argon2Params{MemoryKiB: 64, Time: 1, Threads: 1}); err != nil {
		t.Fatal(err)
	}
}
