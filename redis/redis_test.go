package redis_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"strings"
	"testing"
	"time"

	"github.com/kycd/kycd/redis"
	"github.com/kycd/kycd/storetest"
)

func open(t *testing.T) (*redis.Counter, string) {
	t.Helper()
	var b [6]byte
	rand.Read(b[:])
	prefix := "kycdtest:" + hex.EncodeToString(b[:]) + ":"
	c, err := redis.Open(context.Background(), storetest.RedisURL(t), prefix)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c, prefix
}

func TestCounter(t *testing.T) {
	c, _ := open(t)
	storetest.RateCounter(t, c)
}

// Counters on one server with different prefixes count apart, so two
// deployments (or two tests) can share a server.
func TestPrefixesCountApart(t *testing.T) {
	a, _ := open(t)
	b, _ := open(t)
	now := time.Now()
	for i := 1; i <= 3; i++ {
		if n, _, err := a.Hit(context.Background(), "k", time.Minute, now); err != nil || n != i {
			t.Fatalf("a: count %d (%v), want %d", n, err, i)
		}
	}
	if n, _, err := b.Hit(context.Background(), "k", time.Minute, now); err != nil || n != 1 {
		t.Fatalf("b: count %d (%v), want 1", n, err)
	}
}

func TestOpenRefusesBadURL(t *testing.T) {
	if _, err := redis.Open(context.Background(), "http://127.0.0.1:6379", "x:"); err == nil || !strings.Contains(err.Error(), "redis") {
		t.Fatalf("err %v, want a redis URL error", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if _, err := redis.Open(ctx, "redis://127.0.0.1:1/0", "x:"); err == nil || !strings.Contains(err.Error(), "no answer") {
		t.Fatalf("err %v, want no answer", err)
	}
}
