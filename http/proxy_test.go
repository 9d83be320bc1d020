package http

import (
	"net/netip"
	"testing"
)

// TestForwardedClient: the client is the rightmost X-Forwarded-For address
// that is not a trusted proxy; what the client wrote to the left of it
// does not count, and a peer that is not a trusted proxy keeps its own
// address.
func TestForwardedClient(t *testing.T) {
	proxies := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("2001:db8::/32")}
	for _, c := range []struct {
		remote string
		xff    []string
		trust  []netip.Prefix
		want   string // "" = keep the peer address
	}{
		{"10.0.0.2:5000", []string{"203.0.113.9"}, proxies, "203.0.113.9"},
		{"10.0.0.2:5000", []string{"1.2.3.4, 203.0.113.9"}, proxies, "203.0.113.9"},             // client-written 1.2.3.4 ignored
		{"10.0.0.2:5000", []string{"1.2.3.4, 203.0.113.9, 10.0.0.7"}, proxies, "203.0.113.9"},   // two proxies
		{"10.0.0.2:5000", []string{"1.2.3.4", "203.0.113.9, 10.1.1.1"}, proxies, "203.0.113.9"}, // several headers
		{"[2001:db8::1]:5000", []string{"2001:db8::5, 198.51.100.4, 2001:db8::6"}, proxies, "198.51.100.4"},
		{"10.0.0.2:5000", []string{"10.0.0.3, 10.0.0.4"}, proxies, "10.0.0.3"},             // all proxies: the leftmost
		{"10.0.0.2:5000", []string{"203.0.113.9, garbage, 10.0.0.4"}, proxies, "10.0.0.4"}, // stops at garbage
		{"198.51.100.77:5000", []string{"203.0.113.9"}, proxies, ""},                       // peer is no proxy
		{"192.0.2.1:5000", []string{"1.2.3.4, 203.0.113.9"}, nil, "203.0.113.9"},           // no list: one hop
		{"10.0.0.2:5000", []string{"::ffff:203.0.113.9"}, proxies, "203.0.113.9"},
	} {
		got, ok := forwardedClient(c.remote, c.xff, c.trust)
		if c.want == "" {
			if ok {
				t.Errorf("%s %q: client %s, want the peer kept", c.remote, c.xff, got)
			}
			continue
		}
		if !ok || got.String() != c.want {
			t.Errorf("%s %q: client %s (%v), want %s", c.remote, c.xff, got, ok, c.want)
		}
	}
}
