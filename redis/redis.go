// Package redis keeps kycd's rate-limit counters in Redis, for deployments
// that would rather not write a row per counted request to PostgreSQL.
// Counting stays correct across any number of instances because each hit
// is one server-side script, which Redis runs atomically.
package redis

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"github.com/kycd/kycd"
)

var _ kycd.RateCounter = (*Counter)(nil)

// hitScript counts one event in the window stored at KEYS[1], restarting
// the window when it has closed by the caller's clock (ARGV[1], in
// microseconds) rather than Redis's: tests and the database counter use
// an injected clock, and both counters must agree on when a window ends.
// The expiry (ARGV[3], milliseconds) only lets Redis drop dead windows by
// itself, so no sweep is needed.
var hitScript = goredis.NewScript(`
local e = tonumber(redis.call('HGET', KEYS[1], 'e') or '0')
if e <= tonumber(ARGV[1]) then
  redis.call('HSET', KEYS[1], 's', ARGV[1], 'e', ARGV[2], 'c', 1)
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  return {1, ARGV[1]}
end
local c = redis.call('HINCRBY', KEYS[1], 'c', 1)
return {c, redis.call('HGET', KEYS[1], 's')}
`)

func init() {
	// The client library prints connection trouble with the standard log
	// package; send it to slog at debug level instead, so kycd's logs keep
	// one format. A failing server is visible anyway: Open refuses it at
	// start, and later failures fall back to per-instance counting.
	goredis.SetLogger(debugLog{})
}

type debugLog struct{}

func (debugLog) Printf(ctx context.Context, format string, v ...any) {
	slog.DebugContext(ctx, "redis: "+fmt.Sprintf(format, v...))
}

// Counter implements kycd.RateCounter over one Redis server.
type Counter struct {
	client *goredis.Client
	prefix string
}

// Open connects to the server named by url (redis://[user:pass@]host:port/db
// or rediss:// for TLS) and checks that it answers. Keys start with prefix,
// so several deployments (or tests) can share one server.
func Open(ctx context.Context, url, prefix string) (*Counter, error) {
	opt, err := goredis.ParseURL(url)
	if err != nil {
		return nil, fmt.Errorf("redis: %w", err)
	}
	c := &Counter{client: goredis.NewClient(opt), prefix: prefix}
	if err := c.client.Ping(ctx).Err(); err != nil {
		c.client.Close()
		return nil, fmt.Errorf("redis: no answer from %s: %w", opt.Addr, err)
	}
	return c, nil
}

// Close ends the connection pool.
func (c *Counter) Close() error { return c.client.Close() }

// Hit implements kycd.RateCounter. Keys name accounts and addresses, so
// they are stored as SHA-256 digests, as in the database counter.
func (c *Counter) Hit(ctx context.Context, key string, window time.Duration, now time.Time) (int, time.Time, error) {
	h := sha256.Sum256([]byte(key))
	at := now.UnixMicro()
	ttl := window.Milliseconds() + 1000 // a second's slack for clock skew between instances
	res, err := hitScript.Run(ctx, c.client, []string{c.prefix + "rate:" + hex.EncodeToString(h[:])},
		at, now.Add(window).UnixMicro(), ttl).Int64Slice()
	if err != nil {
		return 0, time.Time{}, fmt.Errorf("redis: rate hit: %w", err)
	}
	if len(res) != 2 {
		return 0, time.Time{}, fmt.Errorf("redis: rate hit: %d values, want 2", len(res))
	}
	return int(res[0]), time.UnixMicro(res[1]).UTC(), nil
}
