package sqlstore

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"hash/fnv"
	"sync"
	"time"

	"github.com/kycd/kycd"
)

// What several instances on one database share besides the data: rate
// limit counters, job locks and job schedules.

var (
	_ kycd.RateCounter = (*DB)(nil)
	_ kycd.JobLocker   = (*DB)(nil)
)

// Hit implements kycd.RateCounter in one statement: the row is created,
// counted up, or restarted when its window has closed. Concurrent hits on
// the same key serialise on the row, so no two instances read the same
// count.
func (s *DB) Hit(ctx context.Context, key string, window time.Duration, now time.Time) (int, time.Time, error) {
	h := sha256.Sum256([]byte(key))
	n, exp := micros(now), micros(now.Add(window))
	var count int
	var start int64
	err := s.row(ctx, `INSERT INTO rate_counters (key_hash, window_start, expires_at, count) VALUES (?, ?, ?, 1)
		ON CONFLICT (key_hash) DO UPDATE SET
		  count = CASE WHEN rate_counters.expires_at <= ? THEN 1 ELSE rate_counters.count + 1 END,
		  window_start = CASE WHEN rate_counters.expires_at <= ? THEN excluded.window_start ELSE rate_counters.window_start END,
		  expires_at = CASE WHEN rate_counters.expires_at <= ? THEN excluded.expires_at ELSE rate_counters.expires_at END
		RETURNING count, window_start`, h[:], n, exp, n, n, n).Scan(&count, &start)
	if err != nil {
		return 0, time.Time{}, s.translate(err, "rate hit")
	}
	return count, fromMicros(start), nil
}

// SweepRateCounters deletes windows that closed before now.
func (s *DB) SweepRateCounters(ctx context.Context, now time.Time) (int64, error) {
	r, err := s.exec(ctx, "sweep rate counters", `DELETE FROM rate_counters WHERE expires_at < ?`, micros(now))
	if err != nil {
		return 0, err
	}
	return r.RowsAffected()
}

// JobLastRun implements kycd.JobLocker.
func (s *DB) JobLastRun(ctx context.Context, name string) (time.Time, error) {
	var v int64
	err := s.row(ctx, `SELECT last_run FROM job_runs WHERE name = ?`, name).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, nil
	} else if err != nil {
		return time.Time{}, s.translate(err, "job last run")
	}
	return fromMicros(v), nil
}

// SetJobLastRun implements kycd.JobLocker.
func (s *DB) SetJobLastRun(ctx context.Context, name string, t time.Time) error {
	_, err := s.exec(ctx, "set job last run", `INSERT INTO job_runs (name, last_run) VALUES (?, ?)
		ON CONFLICT (name) DO UPDATE SET last_run = excluded.last_run`, name, micros(t))
	return err
}

// TryLock implements kycd.JobLocker. On PostgreSQL it is a session-level
// advisory lock on a connection of its own: PostgreSQL drops it when that
// connection ends, which a killed instance's does at once (the kernel
// closes its socket). SQLite serves a single instance (its database file
// is locked to one process), which therefore always leads.
func (s *DB) TryLock(ctx context.Context, name string) (kycd.JobLock, error) {
	if s.d.Name != "postgres" {
		return &jobLock{lost: make(chan struct{})}, nil
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, s.translate(err, "job lock")
	}
	h := fnv.New64a()
	h.Write([]byte("kycd job " + name))
	key := int64(h.Sum64())
	var ok bool
	if err := conn.QueryRowContext(ctx, `SELECT pg_try_advisory_lock($1)`, key).Scan(&ok); err != nil || !ok {
		conn.Close()
		if err != nil {
			return nil, s.translate(err, "job lock")
		}
		return nil, nil
	}
	l := &jobLock{lost: make(chan struct{}), stop: make(chan struct{}), conn: conn, key: key}
	go l.watch()
	return l, nil
}

// lockCheck is how often a held lock's connection is checked: a holder
// that lost its connection (and so its lock) stops within this time.
var lockCheck = 2 * time.Second

type jobLock struct {
	lost chan struct{}
	stop chan struct{}
	conn *sql.Conn
	key  int64
	once sync.Once
}

func (l *jobLock) Lost() <-chan struct{} { return l.lost }

func (l *jobLock) watch() {
	t := time.NewTicker(lockCheck)
	defer t.Stop()
	for {
		select {
		case <-l.stop:
			return
		case <-t.C:
			ctx, cancel := context.WithTimeout(context.Background(), lockCheck)
			err := l.conn.PingContext(ctx)
			cancel()
			if err != nil {
				close(l.lost)
				return
			}
		}
	}
}

func (l *jobLock) Release() {
	l.once.Do(func() {
		if l.conn == nil {
			return
		}
		close(l.stop)
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		l.conn.ExecContext(ctx, `SELECT pg_advisory_unlock($1)`, l.key)
		l.conn.Close()
	})
}
