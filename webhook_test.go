package kycd_test

import (
	"context"
	"net/netip"
	"testing"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/storetest"
)

func TestWebhookAddressAllowed(t *testing.T) {
	for _, a := range []string{"127.0.0.1", "127.8.9.10", "::1", "10.0.0.1", "172.16.0.1", "192.168.1.1", "169.254.169.254",
		"fe80::1", "fd00::1", "fd00:ec2::254", "100.64.0.1", "100.100.100.200", "0.0.0.0", "::", "::ffff:10.0.0.1",
		"::ffff:127.0.0.1", "224.0.0.1", "255.255.255.255", "64:ff9b::a00:1", "2002:a00:1::1", "198.18.0.1"} {
		if kycd.WebhookAddressAllowed(netip.MustParseAddr(a), nil) {
			t.Errorf("%s allowed without an allow-list", a)
		}
	}
	for _, a := range []string{"8.8.8.8", "93.184.216.34", "2606:4700::1111", "1.1.1.1"} {
		if !kycd.WebhookAddressAllowed(netip.MustParseAddr(a), nil) {
			t.Errorf("public %s refused", a)
		}
	}
	allow, err := kycd.ParseNetworks("10.1.0.0/16, fd00::7")
	if err != nil {
		t.Fatal(err)
	}
	for a, want := range map[string]bool{"10.1.2.3": true, "10.2.0.1": false, "fd00::7": true, "fd00::8": false, "::ffff:10.1.0.9": true} {
		if got := kycd.WebhookAddressAllowed(netip.MustParseAddr(a), allow); got != want {
			t.Errorf("%s with the allow-list: %v, want %v", a, got, want)
		}
	}
	if _, err := kycd.ParseNetworks("10.0.0.0/8,nonsense"); err == nil {
		t.Error("ParseNetworks accepted nonsense")
	}
}

// TestCreateWebhookRefusesInternalURLs: the URLs from issue 12 are refused
// at registration; plain http:// only for loopback literals or localhost.
func TestCreateWebhookRefusesInternalURLs(t *testing.T) {
	keys := storetest.Keyring(t)
	svc := storetest.Service(t, storetest.OpenSQLite(t, keys), keys, kycd.Options{})
	ctx := context.Background()
	for _, u := range []string{"https://169.254.169.254/latest", "https://10.0.0.1/hook", "https://[fd00::1]/hook",
		"https://100.64.0.1/", "http://127.attacker.example/", "http://127.0.0.1:9/hook", "https://user:pw@example.com/"} {
		if _, err := svc.CreateWebhook(ctx, kycd.System, u, nil); kycd.ErrorCode(err) != "webhook.invalid" {
			t.Errorf("%s: err=%v, want webhook.invalid", u, err)
		}
	}
	if _, err := svc.CreateWebhook(ctx, kycd.System, "https://hooks.example.com/kycd", nil); err != nil {
		t.Errorf("public https URL refused: %v", err)
	}
	set := kycd.DefaultSettings()
	set.WebhookAllow = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}
	svc = storetest.Service(t, storetest.OpenSQLite(t, keys), keys, kycd.Options{Settings: &set})
	if _, err := svc.CreateWebhook(ctx, kycd.System, "http://127.0.0.1:9/hook", nil); err != nil {
		t.Errorf("allow-listed loopback refused: %v", err)
	}
}
