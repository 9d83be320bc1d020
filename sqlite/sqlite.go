// Package sqlite is kycd's embedded default store: one SQLite file (pure Go
// driver, no cgo) in WAL mode. Queries live in sqlstore; this package opens
// the database, sets the pragmas and applies its migrations.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"

	"github.com/pressly/goose/v3"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/sqlstore"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Open opens (creating when needed) the database at path and brings its
// schema up to date.
func Open(ctx context.Context, path string, sealer kycd.Sealer) (*sqlstore.DB, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("sqlite: %w", err)
	}
	// WAL lets readers run while one writer commits; busy_timeout makes a
	// second writer wait for the lock instead of failing at once;
	// foreign_keys is off by default in SQLite; _txlock=immediate takes the
	// write lock at BEGIN, because upgrading a read transaction to a write
	// one later can fail with SQLITE_BUSY under concurrent writers and no
	// timeout helps with that. secure_delete overwrites deleted content
	// with zeros, so an erased application's rows and its destroyed data
	// key do not linger in the file's free pages.
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)" +
		"&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_pragma=secure_delete(1)&_txlock=immediate"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("sqlite: open: %w", err)
	}
	// SQLite has a single writer; a small pool keeps readers concurrent
	// without piling up connections that would only wait on the lock.
	db.SetMaxOpenConns(8)
	ready, err := sqlstore.Migrate(ctx, "sqlite", goose.DialectSQLite3, db, migrations, "migrations")
	if err != nil {
		db.Close()
		return nil, err
	}
	d := sqlstore.Dialect{
		Name:          "sqlite",
		IsUnique:      isUnique,
		IsUnavailable: isBusy,
		Ready:         ready,
	}
	return sqlstore.New(db, d, sealer, nil), nil
}

// OpenReadOnly opens an existing database for reading only, creating no
// file next to it: read-only tools such as `kycd audit verify` must leave
// the data directory as they found it. Without a write-ahead log (no
// server running, clean shutdown) the file is opened immutable, which
// takes no locks and creates no -wal/-shm; with one, its files already
// exist and a read-only connection reads through them. The schema is not
// migrated: an older one is refused.
func OpenReadOnly(ctx context.Context, path string, sealer kycd.Sealer) (*sqlstore.DB, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("sqlite: %w", err)
	}
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?mode=ro&_pragma=busy_timeout(10000)"
	if _, err := os.Stat(path + "-wal"); errors.Is(err, os.ErrNotExist) {
		dsn += "&immutable=1"
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("sqlite: open: %w", err)
	}
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		db.Close()
		return nil, err
	}
	p, err := goose.NewProvider(goose.DialectSQLite3, db, sub)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: migrations: %w", err)
	}
	if pending, err := p.HasPending(ctx); err != nil || pending {
		db.Close()
		if err == nil {
			err = errors.New("the schema is older than this kycd; start kycd serve once to migrate it")
		}
		return nil, fmt.Errorf("sqlite: %w", err)
	}
	return sqlstore.New(db, sqlstore.Dialect{Name: "sqlite", IsUnique: isUnique}, sealer, nil), nil
}

func isUnique(err error) bool {
	var e *sqlite.Error
	if errors.As(err, &e) {
		switch e.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return true
		}
	}
	return false
}

// isBusy: the database stayed locked past busy_timeout (another process
// holds it, or the disk stalls); a later retry may succeed.
func isBusy(err error) bool {
	var e *sqlite.Error
	if errors.As(err, &e) {
		switch e.Code() & 0xff {
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return true
		}
	}
	return false
}
