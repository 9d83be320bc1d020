package storetest

import (
	"log/slog"
	"path/filepath"
	"testing"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/blob"
	"github.com/kycd/kycd/mail"
	"github.com/kycd/kycd/seal"
)

// Service builds a service over st for a test, the way cmd/kycd wires it:
// o's Store, Sealer, Blobs (under the test's temporary directory, sealed
// with the store's data keys), LinkKey,
// Mail and SMS (one in-memory outbox) and Log (discarded) are filled in when
// left empty. The blob store is reachable as svc.Blobs.
func Service(t testing.TB, st kycd.Store, keys *seal.Keyring, o kycd.Options) *kycd.Service {
	t.Helper()
	if o.Store == nil {
		o.Store = st
	}
	if o.Sealer == nil {
		o.Sealer = keys
	}
	if o.Blobs == nil {
		// The store seals an application's blobs under its data key, as
		// in cmd/kycd; a store without data keys leaves it to the keyring.
		var bk blob.Keys = keys
		if k, ok := st.(blob.Keys); ok {
			bk = k
		}
		b, err := blob.NewLocal(filepath.Join(t.TempDir(), "blobs"), bk)
		if err != nil {
			t.Fatal(err)
		}
		o.Blobs = b
	}
	if o.LinkKey == nil {
		o.LinkKey = keys.LinkKey()
	}
	if o.Mail == nil || o.SMS == nil {
		out := mail.NewOutbox(1000)
		if o.Mail == nil {
			o.Mail = out
		}
		if o.SMS == nil {
			o.SMS = out
		}
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	svc, err := kycd.NewService(o)
	if err != nil {
		t.Fatal(err)
	}
	return svc
}
