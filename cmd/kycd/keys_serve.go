package main

import (
	"slices"
	"time"

	"github.com/kycd/kycd"
)

// newResealer builds the background re-sealing over a's store and blobs,
// toward whatever key a's keyring holds active when it runs.
func newResealer(a *app) *kycd.Resealer {
	return &kycd.Resealer{Store: a.store, Blobs: a.svc.Blobs, Active: a.keys.ActiveKeyID, Now: time.Now, Log: a.log}
}

// reloadKeys reads the key provider again and, when its keys changed (a
// rotation, a retired key), gives them to every component at once
// (seal.Keyring.Replace). It reports whether it did. Keys with another
// index or audit key are refused: they would orphan the blind indexes and
// the audit chain.
func (a *app) reloadKeys() bool {
	k, err := a.cfg.keyProvider().Load()
	if err != nil {
		a.log.Warn("keys: reload", "err", err)
		return false
	}
	if slices.Equal(k.KeyIDs(), a.keys.KeyIDs()) {
		return false
	}
	if err := a.keys.Replace(k); err != nil {
		a.log.Error("keys: the provider's new keys are refused", "err", err)
		return false
	}
	a.log.Info("keys: reloaded", "active", k.ActiveKeyID(), "keys", len(k.KeyIDs()))
	return true
}
