// Package postgres is kycd's store for scale-out: many kycd instances share
// one PostgreSQL database. Queries live in sqlstore; this package opens the
// pool through pgx and applies its migrations under an advisory lock so that
// instances starting together do not race.
package postgres

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/sqlstore"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Open connects to url and brings the schema up to date.
func Open(ctx context.Context, url string, sealer kycd.Sealer) (*sqlstore.DB, error) {
	db, err := sql.Open("pgx", url)
	if err != nil {
		return nil, fmt.Errorf("postgres: open: %w", err)
	}
	db.SetMaxOpenConns(20)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("postgres: connect: %w", err)
	}
	locker, err := lock.NewPostgresSessionLocker()
	if err != nil {
		db.Close()
		return nil, err
	}
	ready, err := sqlstore.Migrate(ctx, "postgres", goose.DialectPostgres, db, migrations, "migrations",
		goose.WithSessionLocker(locker))
	if err != nil {
		db.Close()
		return nil, err
	}
	d := sqlstore.Dialect{
		Name:      "postgres",
		Numbered:  true,
		ForUpdate: " FOR UPDATE",
		IsUnique: func(err error) bool {
			var pe *pgconn.PgError
			return errors.As(err, &pe) && pe.Code == "23505"
		},
		// The server is going away or refuses connections for now (admin
		// shutdown, too many connections, in recovery), or the connection
		// could not be made at all.
		IsUnavailable: func(err error) bool {
			var pe *pgconn.PgError
			if errors.As(err, &pe) {
				return strings.HasPrefix(pe.Code, "08") || strings.HasPrefix(pe.Code, "57P") || pe.Code == "53300"
			}
			var ce *pgconn.ConnectError
			return errors.As(err, &ce) || pgconn.Timeout(err)
		},
		Ready: ready,
	}
	return sqlstore.New(db, d, sealer, nil), nil
}
