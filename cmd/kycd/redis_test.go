package main

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"testing"

	"github.com/kycd/kycd/storetest"
)

// With --redis, two instances that share nothing else (each has its own
// SQLite database) still share rate limits: 11 login tries from one
// client, alternating between them, get exactly one 429, the 11th.
func TestRedisSharesRateLimits(t *testing.T) {
	url := storetest.RedisURL(t)
	args := []string{"--redis", url, "--trusted-proxies", "127.0.0.1/32"}
	nodes := []*serveProcess{startServeProcess(t, t.TempDir(), args...), startServeProcess(t, t.TempDir(), args...)}
	// A client address of this run's own, since the Redis server (and
	// its windows) outlive the test and other runs share it.
	var b [3]byte
	rand.Read(b[:])
	client := fmt.Sprintf("10.%d.%d.%d", b[0], b[1], b[2])
	var statuses []int
	for i := 0; i < 11; i++ {
		body, _ := json.Marshal(map[string]string{"email": "nobody@example.com", "password": "wrong password " + strconv.Itoa(i)})
		st, _, _ := nodes[i%2].call(t, "POST", "/v1/sessions", "", map[string]string{"X-Forwarded-For": client}, body)
		statuses = append(statuses, st)
	}
	for i, st := range statuses {
		want := http.StatusUnauthorized
		if i == 10 {
			want = http.StatusTooManyRequests
		}
		if st != want {
			t.Fatalf("statuses %v; want 401 ×10 then one 429", statuses)
		}
	}
}

func TestServeRefusesUnreachableRedis(t *testing.T) {
	code, _, errOut := opRun(context.Background(), "", nil, append([]string{"serve", "--data", t.TempDir(), "--addr", "127.0.0.1:0",
		"--redis", "redis://127.0.0.1:1/0"}, fastHashing...)...)
	if code != exitUsage {
		t.Fatalf("exit %d, want %d (usage); stderr: %s", code, exitUsage, errOut)
	}
}
