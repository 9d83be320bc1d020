// Package sqlstore implements kycd.Store over database/sql for the dialects
// kycd supports. The sqlite and postgres packages open their database, run
// their own migrations and hand the handle here with a Dialect, so that each
// query is written once and the two databases cannot drift apart.
//
// Queries use the portable subset both engines share: text ids, BIGINT
// timestamps in Unix microseconds, BLOB/BYTEA for ciphertexts and hashes,
// and "?" placeholders rebound for PostgreSQL.
package sqlstore

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/pressly/goose/v3"

	"github.com/kycd/kycd"
)

// Dialect captures what differs between the engines.
type Dialect struct {
	Name string
	// Numbered placeholders ($1, $2, ...) instead of "?".
	Numbered bool
	// ForUpdate is appended to a SELECT that must lock the rows it reads.
	ForUpdate string
	// IsUnique reports whether err is a unique-constraint violation.
	IsUnique func(error) bool
	// Ready checks that the schema is current.
	Ready func(ctx context.Context) error
	// IsUnavailable reports whether err means the database cannot be
	// reached or is too busy to answer now (a retry later may succeed),
	// beyond what sqlstore recognises itself.
	IsUnavailable func(error) bool
}

// DefaultCallTimeout bounds every statement, and TxTimeout every
// transaction, unless the caller's own deadline is sooner: a stalled
// database must turn into a prompt "unavailable", never a hung request.
const (
	DefaultCallTimeout = 10 * time.Second
	TxTimeout          = 20 * time.Second
)

// Migrate applies the embedded migrations under dir in fsys to db and
// returns the readiness check for Dialect.Ready: an instance must not serve
// on a schema older (or newer) than its code. opts carry engine specifics,
// such as PostgreSQL's advisory lock that serialises concurrent migrators.
func Migrate(ctx context.Context, name string, dialect goose.Dialect, db *sql.DB, fsys fs.FS, dir string,
	opts ...goose.ProviderOption) (func(context.Context) error, error) {
	sub, err := fs.Sub(fsys, dir)
	if err != nil {
		return nil, err
	}
	// Each line of work has its own block of version numbers, so a database
	// may have a later block before an earlier one lands: apply it then.
	opts = append([]goose.ProviderOption{goose.WithAllowOutofOrder(true)}, opts...)
	p, err := goose.NewProvider(dialect, db, sub, opts...)
	if err != nil {
		return nil, fmt.Errorf("%s: migrations: %w", name, err)
	}
	if _, err := p.Up(ctx); err != nil {
		return nil, fmt.Errorf("%s: migrate: %w", name, err)
	}
	return func(ctx context.Context) error {
		pending, err := p.HasPending(ctx)
		if err != nil {
			return err
		}
		if pending {
			return fmt.Errorf("%s: schema has pending migrations", name)
		}
		return nil
	}, nil
}

// DB is a kycd.Store over a *sql.DB.
type DB struct {
	// queries on the pool give the Store its Tx methods outside any
	// transaction.
	queries
	db     *sql.DB
	d      Dialect
	sealer kycd.Sealer
	// wrap is the sealer's master keys for per-application data keys; nil
	// when the sealer has none, and then everything is sealed under it.
	wrap     keyWrapper
	keyCache keyCache
	closer   func() error
	// callTimeout bounds each statement (DefaultCallTimeout unless set).
	callTimeout time.Duration
}

// SetCallTimeout changes the deadline of each statement; the transaction
// deadline stays at least twice as long.
func (s *DB) SetCallTimeout(d time.Duration) { s.callTimeout = d }

func (s *DB) bound(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, d)
}

// New wraps db. closer runs after db.Close (e.g. to release a lock file).
func New(db *sql.DB, d Dialect, sealer kycd.Sealer, closer func() error) *DB {
	s := &DB{db: db, d: d, sealer: sealer, closer: closer, callTimeout: DefaultCallTimeout}
	s.wrap, _ = sealer.(keyWrapper)
	s.queries = queries{s: s, x: db}
	return s
}

// SQL exposes the handle for migrations, tests and benchmarks.
func (s *DB) SQL() *sql.DB { return s.db }

// Sealer is the sealer the store was opened with (the master keys).
func (s *DB) Sealer() kycd.Sealer { return s.sealer }

// Dialect names the engine.
func (s *DB) Dialect() string { return s.d.Name }

// Close closes the database.
func (s *DB) Close() error {
	err := s.db.Close()
	if s.closer != nil {
		if cerr := s.closer(); err == nil {
			err = cerr
		}
	}
	return err
}

// Ping checks the database answers and the schema is current.
func (s *DB) Ping(ctx context.Context) error {
	if err := s.db.PingContext(ctx); err != nil {
		return err
	}
	if s.d.Ready != nil {
		return s.d.Ready(ctx)
	}
	return nil
}

// WithTx runs fn in a transaction.
func (s *DB) WithTx(ctx context.Context, fn func(kycd.Tx) error) (err error) {
	ctx, cancel := s.bound(ctx, max(TxTimeout, 2*s.callTimeout))
	defer cancel()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return s.translate(err, "begin")
	}
	defer func() {
		if p := recover(); p != nil {
			_ = tx.Rollback()
			panic(p)
		}
	}()
	if err := fn(queries{s: s, x: tx}); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return s.translate(err, "commit")
	}
	return nil
}

// execer is what *sql.DB and *sql.Tx share.
type execer interface {
	ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
}

// queries implements kycd.Tx over either the pool or one transaction.
type queries struct {
	s *DB
	x execer
}

var _ kycd.Store = (*DB)(nil)

func (s *DB) rebind(q string) string {
	if !s.d.Numbered {
		return q
	}
	var b strings.Builder
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}

func (q queries) exec(ctx context.Context, op, query string, args ...any) (sql.Result, error) {
	ctx, cancel := q.s.bound(ctx, q.s.callTimeout)
	defer cancel()
	r, err := q.x.ExecContext(ctx, q.s.rebind(query), args...)
	if err != nil {
		return nil, q.s.translate(err, op)
	}
	return r, nil
}

// execOne runs an update of the row with the given id and reports
// ENOTFOUND when there is none, so that every Update* says the same thing
// about a vanished row instead of some of them succeeding silently.
func (q queries) execOne(ctx context.Context, op, id, query string, args ...any) error {
	r, err := q.exec(ctx, op, query, args...)
	if err != nil {
		return err
	}
	if n, _ := r.RowsAffected(); n == 0 {
		return kycd.Errorf(kycd.ENOTFOUND, "%s %s", op, id)
	}
	return nil
}

// boundRow is a *sql.Row whose statement deadline ends with its Scan.
type boundRow struct {
	*sql.Row
	cancel context.CancelFunc
}

func (r boundRow) Scan(dest ...any) error {
	defer r.cancel()
	return r.Row.Scan(dest...)
}

func (q queries) row(ctx context.Context, query string, args ...any) boundRow {
	ctx, cancel := q.s.bound(ctx, q.s.callTimeout)
	return boundRow{Row: q.x.QueryRowContext(ctx, q.s.rebind(query), args...), cancel: cancel}
}

// boundRows is a *sql.Rows whose statement deadline ends with Close.
type boundRows struct {
	*sql.Rows
	cancel context.CancelFunc
}

func (r boundRows) Close() error {
	defer r.cancel()
	return r.Rows.Close()
}

// rowSet is what collect reads: query results whose statement deadline
// ends when they are closed (boundRows).
type rowSet interface {
	scanner
	Next() bool
	Err() error
	Close() error
}

func (q queries) rows(ctx context.Context, query string, args ...any) (boundRows, error) {
	ctx, cancel := q.s.bound(ctx, q.s.callTimeout)
	rows, err := q.x.QueryContext(ctx, q.s.rebind(query), args...)
	if err != nil {
		cancel()
		return boundRows{}, err
	}
	return boundRows{Rows: rows, cancel: cancel}, nil
}

// collect scans every row with scan, closes the rows and then opens each
// scanned value with open: opening may look up a data key, and a
// transaction's connection runs one query at a time, so it must wait
// until the rows are closed.
func collect[S, T any](ctx context.Context, q queries, op string, rows rowSet, scan func(scanner) (S, error),
	open func(S, context.Context, queries) (T, error)) ([]T, error) {
	var sealed []S
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			rows.Close()
			return nil, q.s.translate(err, op)
		}
		sealed = append(sealed, v)
	}
	if err := rows.Close(); err != nil {
		return nil, q.s.translate(err, op)
	}
	if err := rows.Err(); err != nil {
		return nil, q.s.translate(err, op)
	}
	out := make([]T, 0, len(sealed))
	for _, v := range sealed {
		t, err := open(v, ctx, q)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

// translate turns driver errors into the domain's codes.
func (s *DB) translate(err error, op string) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, sql.ErrNoRows):
		return kycd.Errorf(kycd.ENOTFOUND, "%s: %s: not found", s.d.Name, op)
	case s.d.IsUnique != nil && s.d.IsUnique(err):
		return &kycd.Error{Code: kycd.ECONFLICT, Detail: fmt.Sprintf("%s: %s: %v", s.d.Name, op, err)}
	case unavailable(err) || (s.d.IsUnavailable != nil && s.d.IsUnavailable(err)):
		return &kycd.Error{Code: kycd.EUNAVAILABLE, Detail: fmt.Sprintf("%s: %s: %v", s.d.Name, op, err)}
	}
	return fmt.Errorf("%s: %s: %w", s.d.Name, op, err)
}

func micros(t time.Time) int64 { return t.UTC().UnixMicro() }

func fromMicros(v int64) time.Time { return time.UnixMicro(v).UTC() }

func nullMicros(t *time.Time) sql.NullInt64 {
	if t == nil {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: micros(*t), Valid: true}
}

func timePtr(v sql.NullInt64) *time.Time {
	if !v.Valid {
		return nil
	}
	t := fromMicros(v.Int64)
	return &t
}

func nullString(s string) sql.NullString { return sql.NullString{String: s, Valid: s != ""} }

// unavailable recognises the failures that mean "the database did not
// answer" whatever the engine: a statement deadline passed, the connection
// broke or could not be made.
func unavailable(err error) bool {
	var ne net.Error
	return errors.Is(err, context.DeadlineExceeded) || errors.Is(err, driver.ErrBadConn) ||
		errors.Is(err, sql.ErrConnDone) || errors.As(err, &ne)
}
