package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/kycd/kycd/postgres"
	"github.com/kycd/kycd/sqlstore"
)

// Concurrent hits on one key from many connections each get their own
// count, and a window restarts once it has closed.
func TestRateCounter(t *testing.T) {
	Each(t, func(t *testing.T, open func(t testing.TB) *sqlstore.DB) {
		st := open(t)
		ctx := context.Background()
		later := RateCounter(t, st)
		if gone, err := st.SweepRateCounters(ctx, later); err != nil || gone != 1 {
			t.Errorf("sweep removed %d (%v), want the one closed window", gone, err)
		}
		var stored int
		st.SQL().QueryRow(`SELECT COUNT(*) FROM rate_counters`).Scan(&stored)
		if stored != 1 {
			t.Errorf("%d counters left, want 1", stored)
		}
	})
}

func TestJobSchedule(t *testing.T) {
	Each(t, func(t *testing.T, open func(t testing.TB) *sqlstore.DB) {
		st := open(t)
		ctx := context.Background()
		if last, err := st.JobLastRun(ctx, "refresh"); err != nil || !last.IsZero() {
			t.Fatalf("never run: %v, %v", last, err)
		}
		at := time.Date(2026, 11, 30, 6, 0, 0, 0, time.UTC)
		for _, ts := range []time.Time{at, at.Add(time.Hour)} {
			if err := st.SetJobLastRun(ctx, "refresh", ts); err != nil {
				t.Fatal(err)
			}
			if last, err := st.JobLastRun(ctx, "refresh"); err != nil || !last.Equal(ts) {
				t.Fatalf("last run %v (%v), want %v", last, err, ts)
			}
		}
	})
}

// Two stores on one PostgreSQL database are two instances: one holds a
// job's lock, the other cannot take it until it is released or the
// holder's connection dies.
func TestJobLockPostgres(t *testing.T) {
	url := PostgresURL(t)
	openAt := func() *sqlstore.DB {
		st, err := postgres.Open(context.Background(), url, Keyring(t))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	}
	a, b := openAt(), openAt()
	ctx := context.Background()
	la, err := a.TryLock(ctx, "refresh")
	if err != nil || la == nil {
		t.Fatalf("first lock: %v, %v", la, err)
	}
	if lb, err := b.TryLock(ctx, "refresh"); err != nil || lb != nil {
		t.Fatalf("second instance took a held lock: %v, %v", lb, err)
	}
	if lo, err := b.TryLock(ctx, "sweep"); err != nil || lo == nil {
		t.Fatalf("another job's lock: %v, %v", lo, err)
	} else {
		lo.Release()
	}
	la.Release()
	lb, err := b.TryLock(ctx, "refresh")
	if err != nil || lb == nil {
		t.Fatalf("lock after release: %v, %v", lb, err)
	}
	// The holder's connection dies (as when its process is killed): the
	// lock goes with it, and the holder learns it has lost the job.
	var pid int
	// Only this test's database: other tests' migrations hold advisory
	// locks on the same server, and killing one of those broke them.
	if err := b.SQL().QueryRow(`SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted
		AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`).Scan(&pid); err != nil {
		t.Fatal(err)
	}
	if _, err := a.SQL().Exec(`SELECT pg_terminate_backend($1)`, pid); err != nil {
		t.Fatal(err)
	}
	select {
	case <-lb.Lost():
	case <-time.After(10 * time.Second):
		t.Fatal("the holder did not notice its lost connection")
	}
	lb.Release()
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		la, err = a.TryLock(ctx, "refresh")
		if err != nil {
			t.Fatal(err)
		}
		if la != nil {
			la.Release()
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the lock was not freed by the holder's death")
		}
	}
}

// A blob the re-sealing moved stays referred to until the re-sealing
// deletes it (blob_trash), so the reconciliation does not take it for an
// orphan while a reader may still hold its old location.
func TestBlobRefsKeepTrashedBlobs(t *testing.T) {
	Each(t, func(t *testing.T, open func(t testing.TB) *sqlstore.DB) {
		st := open(t)
		ctx := context.Background()
		if _, err := st.SQL().Exec(Rebind(st, `INSERT INTO blob_trash (blob_key, trashed_at) VALUES (?, ?)`), "doc/old", int64(1)); err != nil {
			t.Fatal(err)
		}
		refs, err := st.BlobRefs(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if refs["doc/old"] != "trash:doc/old" {
			t.Fatalf("refs %v, want doc/old referred to by the trash", refs)
		}
	})
}
