package kycd_test

import (
	"errors"
	"testing"
	"time"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/sqlstore"
	"github.com/kycd/kycd/storetest"
)

// TestRetentionCrashWindow: an erasure cut off after its blobs are gone
// and before its rows are (a crash, a lost database) leaves rows naming
// missing blobs and no audit entry; the next run finishes it.
func TestRetentionCrashWindow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, open func(testing.TB) *sqlstore.DB) {
		e := newLifeEnv(t, open(t), kycd.Options{})
		who := e.account()
		id := e.draft(who)
		e.attach(who, id, "id_front", "card_good.jpg")
		key := e.docs(id)[0].BlobKey
		e.now = e.now.Add(31 * 24 * time.Hour)
		kycd.SetAfterBlobsErased(e.svc, func() error { return errors.New("crash") })
		res := e.run()
		if res.Failed != 1 || res.Erased[kycd.ClassDrafts] != 0 {
			t.Fatalf("cut-off run: %+v, want one failure and nothing counted", res)
		}
		if _, err := e.st.FindApplicationByID(e.ctx, id); err != nil || !e.blobGone(key) {
			t.Fatalf("after the cut: draft row %v, blob gone %v; want the row kept and the blob gone", err, e.blobGone(key))
		}
		kycd.SetAfterBlobsErased(e.svc, nil)
		if res := e.run(); res.Failed != 0 || res.Erased[kycd.ClassDrafts] != 1 {
			t.Fatalf("next run: %+v, want the draft erased", res)
		}
		if _, err := e.st.FindApplicationByID(e.ctx, id); !kycd.IsNotFound(err) {
			t.Errorf("draft still there after the next run: %v", err)
		}
	})
}
