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
	// timeout helps with that.
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)" +
		"&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_txlock=immediate"
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
		Name:     "sqlite",
		IsUnique: isUnique,
		Ready:    ready,
	}
	return sqlstore.New(db, d, sealer, nil), nil
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
