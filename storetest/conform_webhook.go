package storetest

import (
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/checks/screening"
)

// testWebhooks is the only group that writes webhook endpoints and
// deliveries in the shared store, so it may list them all.
func testWebhooks(t *testing.T, st kycd.Store) {
	mk := func(created time.Duration) *kycd.WebhookEndpoint {
		e := &kycd.WebhookEndpoint{ID: kycd.NewID(), URL: "https://hooks.example.com/" + kycd.NewID(), Secret: "whsec-" + kycd.NewID(),
			Events: []string{"application.approved", "application.rejected"}, CreatedAt: t0.Add(created)}
		must(t, st.CreateWebhookEndpoint(bg, e))
		return e
	}
	second, first := mk(time.Second), mk(0)
	wantCode(t, "CreateWebhookEndpoint with a taken id", st.CreateWebhookEndpoint(bg, first), kycd.ECONFLICT)
	endpoints := func() []*kycd.WebhookEndpoint {
		es, err := st.FindWebhookEndpoints(bg)
		must(t, err)
		return es
	}
	if diff := cmp.Diff([]*kycd.WebhookEndpoint{first, second}, endpoints()); diff != "" {
		t.Errorf("FindWebhookEndpoints, oldest first (-want +got):\n%s", diff)
	}

	must(t, st.SetWebhookSecret(bg, first.ID, "rotated"))
	first.Secret = "rotated"
	at := t0.Add(time.Hour)
	must(t, st.DisableWebhookEndpoint(bg, second.ID, at))
	must(t, st.DisableWebhookEndpoint(bg, second.ID, at.Add(time.Hour)))
	second.DisabledAt = &at // the first time is kept
	wantCode(t, "SetWebhookSecret of a disabled endpoint", st.SetWebhookSecret(bg, second.ID, "too late"), kycd.ENOTFOUND)
	wantCode(t, "SetWebhookSecret of a missing endpoint", st.SetWebhookSecret(bg, "nope", "x"), kycd.ENOTFOUND)
	wantCode(t, "DisableWebhookEndpoint of a missing endpoint", st.DisableWebhookEndpoint(bg, "nope", at), kycd.ENOTFOUND)
	if diff := cmp.Diff([]*kycd.WebhookEndpoint{first, second}, endpoints()); diff != "" {
		t.Errorf("after rotating and disabling (-want +got):\n%s", diff)
	}

	t.Run("deliveries", func(t *testing.T) {
		now := t0.Add(24 * time.Hour)
		mkd := func(created int, next time.Duration, state string, lease *time.Time) *kycd.Delivery {
			d := &kycd.Delivery{ID: kycd.NewID(), EndpointID: first.ID, EventID: kycd.NewID(), EventType: "application.approved",
				Payload: `{"id":"x"}`, State: state, NextAt: now.Add(next), LeaseUntil: lease, CreatedAt: t0.Add(time.Duration(created) * time.Second)}
			must(t, st.CreateDelivery(bg, d))
			return d
		}
		due2 := mkd(1, -time.Minute, kycd.DeliveryPending, nil)
		due1 := mkd(2, -time.Hour, kycd.DeliveryPending, nil)
		expired := mkd(3, -30*time.Minute, kycd.DeliveryPending, ptr(now.Add(-time.Second)))
		leased := mkd(4, -2*time.Hour, kycd.DeliveryPending, ptr(now.Add(time.Minute)))
		future := mkd(5, time.Hour, kycd.DeliveryPending, nil)
		delivered := mkd(6, -3*time.Hour, kycd.DeliveryDelivered, nil)
		dead := mkd(7, -3*time.Hour, kycd.DeliveryDead, nil)

		got, err := st.FindDeliveries(bg, 100)
		must(t, err)
		want := []*kycd.Delivery{dead, delivered, future, leased, expired, due1, due2}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("FindDeliveries, newest first (-want +got):\n%s", diff)
		}
		if got, err := st.FindDeliveries(bg, 2); err != nil || len(got) != 2 || got[0].ID != dead.ID {
			t.Errorf("FindDeliveries limit 2 = %d, %v", len(got), err)
		}

		until := now.Add(5 * time.Minute)
		lease := func(now time.Time, limit int) []string {
			ds, err := st.LeaseDeliveries(bg, now, until, limit)
			must(t, err)
			out := []string{}
			for _, d := range ds {
				if d.LeaseUntil == nil || !d.LeaseUntil.Equal(until) {
					t.Errorf("leased delivery %s has LeaseUntil %v, want %v", d.ID, d.LeaseUntil, until)
				}
				out = append(out, d.ID)
			}
			return out
		}
		// Due, pending, lease free; oldest due first; up to limit.
		if got, want := lease(now, 2), []string{due1.ID, expired.ID}; !cmp.Equal(got, want) {
			t.Errorf("LeaseDeliveries limit 2 = %v, want %v", got, want)
		}
		if got, want := lease(now, 10), []string{due2.ID}; !cmp.Equal(got, want) {
			t.Errorf("LeaseDeliveries again = %v, want only the one not leased yet %v", got, want)
		}
		// When the lease ends, another instance takes them again.
		if got, want := lease(until, 10), []string{leased.ID, due1.ID, expired.ID, due2.ID}; !cmp.Equal(got, want) {
			t.Errorf("LeaseDeliveries when the leases end = %v, want %v", got, want)
		}

		// UpdateDelivery writes the attempt's outcome.
		due1.Attempts, due1.State, due1.LastStatus, due1.LastError = 1, kycd.DeliveryDelivered, 204, ""
		due1.NextAt, due1.LeaseUntil, due1.DeliveredAt = now.Add(time.Minute), nil, ptr(now.Add(time.Second))
		must(t, st.UpdateDelivery(bg, due1))
		expired.Attempts, expired.LastStatus, expired.LastError, expired.LeaseUntil = 3, 500, "server error", nil
		expired.NextAt = until.Add(time.Hour)
		must(t, st.UpdateDelivery(bg, expired))
		wantCode(t, "UpdateDelivery of a missing delivery", st.UpdateDelivery(bg, &kycd.Delivery{ID: "nope", NextAt: now}), kycd.ENOTFOUND)
		all, err := st.FindDeliveries(bg, 100)
		must(t, err)
		for _, d := range []*kycd.Delivery{due1, expired} {
			i := slices.IndexFunc(all, func(x *kycd.Delivery) bool { return x.ID == d.ID })
			if i < 0 {
				t.Fatalf("delivery %s gone", d.ID)
			}
			if diff := cmp.Diff(d, all[i]); diff != "" {
				t.Errorf("after UpdateDelivery (-want +got):\n%s", diff)
			}
		}
		if got := lease(until.Add(time.Minute), 10); slices.Contains(got, due1.ID) || slices.Contains(got, expired.ID) {
			t.Errorf("LeaseDeliveries took a delivered or rescheduled delivery: %v", got)
		}
	})

	t.Run("concurrent leases never share a delivery", func(t *testing.T) {
		now := t0.Add(48 * time.Hour)
		// The deliveries above that are still pending are let go first.
		pending, err := st.LeaseDeliveries(bg, now, now, 100)
		must(t, err)
		for _, d := range pending {
			d.State = kycd.DeliveryDead
			must(t, st.UpdateDelivery(bg, d))
		}
		for i := 0; i < 12; i++ {
			must(t, st.CreateDelivery(bg, &kycd.Delivery{ID: kycd.NewID(), EndpointID: first.ID, EventID: kycd.NewID(),
				EventType: "x", Payload: "{}", State: kycd.DeliveryPending, NextAt: now, CreatedAt: now}))
		}
		lease := func() ([]string, error) {
			ds, err := st.LeaseDeliveries(bg, now, now.Add(time.Minute), 5)
			out := []string{}
			for _, d := range ds {
				out = append(out, d.ID)
			}
			return out, err
		}
		leaseAll(t, 12, lease)
	})
}

// leaseAll has four instances lease at once, then leases again one at a
// time until nothing is left, and checks that the n free rows were each
// taken exactly once. Racing instances may take fewer than their limit
// (they pick the same candidates and only one wins each), never the same.
func leaseAll(t *testing.T, n int, lease func() ([]string, error)) {
	t.Helper()
	var mu sync.Mutex
	var wg sync.WaitGroup
	taken := map[string]bool{}
	record := func(ids []string, err error) int {
		if err != nil {
			t.Errorf("lease: %v", err)
		}
		mu.Lock()
		defer mu.Unlock()
		for _, id := range ids {
			if taken[id] {
				t.Errorf("%s leased twice", id)
			}
			taken[id] = true
		}
		return len(ids)
	}
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			record(lease())
		}()
	}
	wg.Wait()
	for i := 0; i < n && record(lease()) > 0; i++ {
	}
	if len(taken) != n {
		t.Errorf("%d leased in all, want each of the %d once", len(taken), n)
	}
}

// testOutbox is the only group that queues messages in the shared store.
func testOutbox(t *testing.T, st kycd.Store) {
	now := t0.Add(24 * time.Hour)
	acct := addAccount(t, st, "outbox")
	mk := func(next time.Duration) *kycd.OutboxMessage {
		m := &kycd.OutboxMessage{ID: kycd.NewID(), AccountID: acct.ID, Purpose: kycd.PurposeResetPassword,
			Message: kycd.Message{Channel: "email", To: acct.Email, Subject: "Reset", Body: "code 123456", SentAt: now},
			NextAt:  now.Add(next), CreatedAt: t0}
		must(t, st.QueueMessage(bg, m))
		return m
	}
	later, first, future := mk(-time.Minute), mk(-time.Hour), mk(time.Hour)
	until := now.Add(5 * time.Minute)
	lease := func(now time.Time, limit int) []*kycd.OutboxMessage {
		ms, err := st.LeaseMessages(bg, now, until, limit)
		must(t, err)
		return ms
	}
	got := lease(now, 1)
	if diff := cmp.Diff([]*kycd.OutboxMessage{first}, got); diff != "" {
		t.Errorf("LeaseMessages limit 1, the message opened (-want +got):\n%s", diff)
	}
	if got := lease(now, 10); len(got) != 1 || got[0].ID != later.ID {
		t.Errorf("LeaseMessages again = %d messages, want only %s (the other is leased, one is not due)", len(got), later.ID)
	}
	if got := lease(now.Add(time.Minute), 10); len(got) != 0 {
		t.Errorf("LeaseMessages within the leases = %d messages, want none", len(got))
	}
	// A failed attempt: counted, rescheduled and let go at once.
	must(t, st.RetryMessage(bg, first.ID, 1, now.Add(2*time.Minute)))
	if got := lease(now.Add(time.Minute), 10); len(got) != 0 {
		t.Errorf("LeaseMessages before the retry is due = %d messages", len(got))
	}
	got = lease(now.Add(2*time.Minute), 10)
	if len(got) != 1 || got[0].ID != first.ID || got[0].Attempts != 1 || !got[0].NextAt.Equal(now.Add(2*time.Minute)) {
		t.Errorf("LeaseMessages when the retry is due = %+v, want %s with 1 attempt", got, first.ID)
	}
	must(t, st.DeleteMessage(bg, first.ID))
	must(t, st.DeleteMessage(bg, later.ID))
	got = lease(future.NextAt.Add(time.Hour), 10)
	if len(got) != 1 || got[0].ID != future.ID {
		t.Errorf("LeaseMessages after deleting two = %+v, want only %s", got, future.ID)
	}
	must(t, st.DeleteMessage(bg, future.ID))

	t.Run("concurrent leases never share a message", func(t *testing.T) {
		for i := 0; i < 12; i++ {
			mk(0)
		}
		leaseAll(t, 12, func() ([]string, error) {
			ms, err := st.LeaseMessages(bg, now, until, 5)
			out := []string{}
			for _, m := range ms {
				out = append(out, m.ID)
			}
			return out, err
		})
	})
}

// testScreening is the only group that writes lists, indexes and alerts
// in the shared store.
func testScreening(t *testing.T, st kycd.Store) {
	t.Run("lists", func(t *testing.T) {
		zz := &kycd.ScreeningList{Name: "zz-operator", Format: "csv", Version: "1", Source: "file", LoadedAt: t0, Count: 1,
			Entries: []screening.Entry{{ID: "z1", List: "zz-operator", Names: []string{"Zed"}}}}
		aa := &kycd.ScreeningList{Name: "aa-operator", Format: "csv", Version: "1", Source: "file", LoadedAt: t0, Count: 2,
			Entries: []screening.Entry{{ID: "a1", List: "aa-operator", Names: []string{"Ann", "Anne"}}, {ID: "a2", List: "aa-operator", Names: []string{"Bo"}}}}
		must(t, st.PutScreeningList(bg, zz))
		must(t, st.PutScreeningList(bg, aa))
		zz.Version, zz.LoadedAt, zz.Count = "2", t0.Add(time.Hour), 2
		zz.Entries = append(zz.Entries, screening.Entry{ID: "z2", List: "zz-operator", Names: []string{"Zoe"}})
		must(t, st.PutScreeningList(bg, zz)) // replaces
		got, err := st.FindScreeningLists(bg, true)
		must(t, err)
		if diff := cmp.Diff([]*kycd.ScreeningList{aa, zz}, got, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("FindScreeningLists(with entries), by name (-want +got):\n%s", diff)
		}
		got, err = st.FindScreeningLists(bg, false)
		must(t, err)
		aaBare, zzBare := *aa, *zz
		aaBare.Entries, zzBare.Entries = nil, nil
		if diff := cmp.Diff([]*kycd.ScreeningList{&aaBare, &zzBare}, got); diff != "" {
			t.Errorf("FindScreeningLists(without entries) (-want +got):\n%s", diff)
		}
	})

	t.Run("compiled indexes", func(t *testing.T) {
		_, err := st.FindScreeningIndex(bg, "k1")
		wantCode(t, "FindScreeningIndex before any", err, kycd.ENOTFOUND)
		must(t, st.PutScreeningIndex(bg, "k1", "lists-a", t0, []byte("one")))
		must(t, st.PutScreeningIndex(bg, "k1", "lists-a", t0, []byte("one, again")))
		must(t, st.PutScreeningIndex(bg, "k2", "lists-a", t0, []byte("two")))
		for key, want := range map[string]string{"k1": "one, again", "k2": "two"} {
			if got, err := st.FindScreeningIndex(bg, key); err != nil || string(got) != want {
				t.Errorf("FindScreeningIndex(%s) = %q, %v; want %q", key, got, err, want)
			}
		}
		// An index of other lists drops those of the old ones.
		must(t, st.PutScreeningIndex(bg, "k3", "lists-b", t0, []byte("three")))
		for _, key := range []string{"k1", "k2"} {
			_, err := st.FindScreeningIndex(bg, key)
			wantCode(t, "FindScreeningIndex of an index of replaced lists ("+key+")", err, kycd.ENOTFOUND)
		}
		if got, err := st.FindScreeningIndex(bg, "k3"); err != nil || string(got) != "three" {
			t.Errorf("FindScreeningIndex(k3) = %q, %v", got, err)
		}
	})

	t.Run("alerts", func(t *testing.T) {
		acct := addAccount(t, st, "alert")
		app := addApp(t, st, acct, 2, kycd.StateApproved)
		mk := func(entry string, created time.Duration) *kycd.ScreeningAlert {
			a := &kycd.ScreeningAlert{ID: kycd.NewID(), AccountID: acct.ID, ApplicationID: app.ID, List: "ofac", EntryID: entry,
				Hit:       screening.Hit{List: "ofac", EntryID: entry, Name: "Some Body", MatchedName: "Some Body", Score: 0.93, NameScore: 0.9},
				CreatedAt: t0.Add(created)}
			must(t, st.CreateAlert(bg, a))
			return a
		}
		second, first := mk("e2", time.Second), mk("e1", 0)
		dup := *first
		dup.ID = kycd.NewID()
		wantCode(t, "CreateAlert for an entry the account has an alert for", st.CreateAlert(bg, &dup), kycd.ECONFLICT)
		got, err := st.FindAlertByID(bg, first.ID)
		must(t, err)
		if diff := cmp.Diff(first, got, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("FindAlertByID (-want +got):\n%s", diff)
		}
		_, err = st.FindAlertByID(bg, "nope")
		wantCode(t, "FindAlertByID of a missing alert", err, kycd.ENOTFOUND)

		first.ResolvedAt, first.ResolvedBy, first.Resolution = ptr(t0.Add(time.Hour)), "rev-1", "false_positive"
		must(t, st.UpdateAlert(bg, first))
		wantCode(t, "UpdateAlert of a missing alert", st.UpdateAlert(bg, &kycd.ScreeningAlert{ID: "nope"}), kycd.ENOTFOUND)
		ids := func(onlyOpen bool) []string {
			as, err := st.FindAlerts(bg, onlyOpen)
			must(t, err)
			out := []string{}
			for _, a := range as {
				out = append(out, a.ID)
			}
			return out
		}
		if got, want := ids(false), []string{first.ID, second.ID}; !cmp.Equal(got, want) {
			t.Errorf("FindAlerts(all), oldest first = %v, want %v", got, want)
		}
		if got, want := ids(true), []string{second.ID}; !cmp.Equal(got, want) {
			t.Errorf("FindAlerts(open) = %v, want %v", got, want)
		}
		if got, err := st.FindAlertByID(bg, first.ID); err != nil || !cmp.Equal(first, got, cmpopts.EquateEmpty()) {
			t.Errorf("after UpdateAlert: %+v, %v", got, err)
		}
	})
}
