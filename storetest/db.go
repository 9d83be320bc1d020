// Package storetest is the conformance suite every kycd.Store must pass,
// and the helpers that give each test its own database. The same suite runs
// on SQLite and on PostgreSQL, which is how kycd proves both behave alike.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/kycd/kycd/postgres"
	"github.com/kycd/kycd/seal"
	"github.com/kycd/kycd/sqlite"
	"github.com/kycd/kycd/sqlstore"
)

// Keyring returns a fresh keyring for tests.
func Keyring(t testing.TB) *seal.Keyring {
	t.Helper()
	k, err := seal.Parse("t1:"+b64(32), b64(32))
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func b64(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return base64.StdEncoding.EncodeToString(b)
}

// OpenSQLite opens a new SQLite store in a temporary directory.
func OpenSQLite(t testing.TB, sealer *seal.Keyring) *sqlstore.DB {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "kycd.db"), sealer)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// PostgresURL creates a fresh database on the server named by
// KYCD_TEST_POSTGRES_URL and returns its URL; the database is dropped when
// the test ends. Without the variable the test is skipped — unless CI is
// set, where a missing PostgreSQL must fail the run rather than pass it
// silently.
func PostgresURL(t testing.TB) string {
	t.Helper()
	base := requirePostgres(t)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	var b [6]byte
	rand.Read(b[:])
	name := "kycd_test_" + hex.EncodeToString(b[:])
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		a, err := sql.Open("pgx", base)
		if err != nil {
			return
		}
		defer a.Close()
		a.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// OpenPostgres opens a store on a fresh PostgreSQL database.
func OpenPostgres(t testing.TB, sealer *seal.Keyring) *sqlstore.DB {
	t.Helper()
	st, err := postgres.Open(context.Background(), PostgresURL(t), sealer)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// Each runs fn once per supported database as a subtest.
func Each(t *testing.T, fn func(t *testing.T, open func(t testing.TB) *sqlstore.DB)) {
	t.Run("sqlite", func(t *testing.T) {
		fn(t, func(t testing.TB) *sqlstore.DB { return OpenSQLite(t, Keyring(t)) })
	})
	t.Run("postgres", func(t *testing.T) {
		requirePostgres(t)
		fn(t, func(t testing.TB) *sqlstore.DB { return OpenPostgres(t, Keyring(t)) })
	})
}

func requirePostgres(t testing.TB) string {
	t.Helper()
	return requireServer(t, "KYCD_TEST_POSTGRES_URL", "the PostgreSQL half of the suite")
}

// RedisURL returns the Redis server tests may use (KYCD_TEST_REDIS_URL),
// skipping the test when there is none, or failing it when CI is set.
// Tests share the server, so each must keep to keys of its own.
func RedisURL(t testing.TB) string {
	t.Helper()
	return requireServer(t, "KYCD_TEST_REDIS_URL", "the Redis rate counter")
}

// requireServer returns the URL in the environment variable env. Without
// it the test is skipped on a developer's machine, but fails when CI is
// set: a suite that silently skips half of itself would pass for the
// wrong reason.
func requireServer(t testing.TB, env, what string) string {
	t.Helper()
	u := os.Getenv(env)
	if u == "" {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI is set but %s is not: %s cannot be tested", env, what)
		}
		t.Skip(env + " not set")
	}
	return u
}
