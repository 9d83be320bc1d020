package storetest

import (
	"os"
	"testing"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/checks/facematch"
)

// FaceMatcher is face matching with the real network over the fetched
// weights and one worker, for a test's Options. Without the weights the
// test is skipped on a developer's machine and fails when CI is set:
// .ci/run fetches them.
func FaceMatcher(t testing.TB) *kycd.FaceMatcher {
	t.Helper()
	dir := facematch.Dir()
	if err := facematch.Available(dir); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	net, err := facematch.LoadNet(dir)
	if err != nil {
		t.Fatal(err)
	}
	return kycd.NewFaceMatcher(net, nil, 1)
}
