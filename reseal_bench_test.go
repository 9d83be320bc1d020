package kycd_test

import (
	"context"
	"crypto/rand"
	"log/slog"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/blob"
	"github.com/kycd/kycd/seal"
	"github.com/kycd/kycd/storetest"
)

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkRotation measures what a rotation costs on SQLite: re-wrapping
// 1000 applications' data keys and re-sealing 1000 accounts' email and
// phone under a new master key. It reports values per second of wall
// time and per CPU-second of the whole process (the database included:
// SQLite runs in it).
func BenchmarkRotation(b *testing.B) {
	ctx := context.Background()
	const n = 1000
	keyFile := filepath.Join(b.TempDir(), "keys.json")
	keys, err := seal.LoadOrCreate(keyFile)
	if err != nil {
		b.Fatal(err)
	}
	st := storetest.OpenSQLite(b, keys)
	salt := make([]byte, 32)
	now := time.Now()
	for i := 0; i < n; i++ {
		if _, _, err := st.NewFileKey(kycd.ApplicationBlobPrefix("app"+strconv.Itoa(i))+"doc/x", salt); err != nil {
			b.Fatal(err)
		}
		a := &kycd.Account{ID: kycd.NewID(), Email: "u" + strconv.Itoa(i) + "@example.com", Phone: "+86139" + strconv.Itoa(10000000+i),
			PasswordHash: "h", Locale: "en", Role: kycd.RoleApplicant, InviteCode: kycd.NewID()[:10], CreatedAt: now, UpdatedAt: now}
		if err := st.CreateAccount(ctx, a); err != nil {
			b.Fatal(err)
		}
	}
	r := &kycd.Resealer{Store: st, Active: keys.ActiveKeyID, Now: time.Now, Log: slog.New(slog.DiscardHandler)}
	if err := r.Run(ctx); err != nil { // the one-time phases, out of the measurement
		b.Fatal(err)
	}
	b.ResetTimer()
	var cpu, wall time.Duration
	for i := 0; i < b.N; i++ {
		if err := seal.AddKey(keyFile, "r"+strconv.Itoa(i), true); err != nil {
			b.Fatal(err)
		}
		next, _ := seal.Load(keyFile)
		keys.Replace(next)
		c0, w0 := cpuTime(), time.Now()
		if err := r.Run(ctx); err != nil {
			b.Fatal(err)
		}
		cpu, wall = cpu+cpuTime()-c0, wall+time.Since(w0)
	}
	values := float64(b.N * n * 3) // a data key, an email, a phone each
	b.ReportMetric(values/cpu.Seconds(), "values/cpu-s")
	b.ReportMetric(values/wall.Seconds(), "values/s")
}

// BenchmarkMigration measures the one-time move of data stored before
// per-application keys: 200 applications, each with a document reading,
// a decision comment and an upload name sealed under the master key and a
// 200 KiB document blob outside its prefix, moved to the application's
// data key on SQLite and local files. It reports applications per second
// and per CPU-second of the process.
func BenchmarkMigration(b *testing.B) {
	ctx := context.Background()
	const n = 200
	var cpu, wall time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		keys, _ := seal.LoadOrCreate(filepath.Join(b.TempDir(), "keys.json"))
		st := storetest.OpenSQLite(b, keys)
		dir := b.TempDir()
		blobs, _ := blob.NewLocal(dir, st)
		legacyBlobs, _ := blob.NewLocal(dir, keys)
		photo := make([]byte, 200<<10)
		rand.Read(photo)
		for j := 0; j < n; j++ {
			f := storetest.NewFixture(b, st, strconv.Itoa(j))
			makeLegacy(b, st, keys, legacyBlobs, f, photo)
		}
		st.ForgetKeys()
		r := &kycd.Resealer{Store: st, Blobs: blobs, Active: keys.ActiveKeyID, Now: time.Now, Log: slog.New(slog.DiscardHandler)}
		b.StartTimer()
		c0, w0 := cpuTime(), time.Now()
		if err := r.Run(ctx); err != nil {
			b.Fatal(err)
		}
		cpu, wall = cpu+cpuTime()-c0, wall+time.Since(w0)
	}
	b.ReportMetric(float64(b.N*n)/cpu.Seconds(), "apps/cpu-s")
	b.ReportMetric(float64(b.N*n)/wall.Seconds(), "apps/s")
}
