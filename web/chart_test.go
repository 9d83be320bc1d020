package web

import (
	"strings"
	"testing"

	"github.com/kycd/kycd"
)

// TestReasonSeriesLabels: a legend names a reason by its message with the
// parameters left out, never as "{typed}" (issue 13, item 7).
func TestReasonSeriesLabels(t *testing.T) {
	ss := reasonSeries([]kycd.ReasonSeries{{Code: "document.number_mismatch", Total: 3, Counts: []int{1, 2}}}, "en")
	if len(ss) != 1 {
		t.Fatalf("%d series, want 1", len(ss))
	}
	if l := ss[0].Label; strings.ContainsAny(l, "{}") || !strings.Contains(l, "document.number_mismatch") || !strings.Contains(l, "(3)") {
		t.Errorf("label %q, want the code, the message without placeholders and the total", l)
	}
	if h := string(legendHTML(ss)); !strings.Contains(h, "reads …, you typed …") {
		t.Errorf("legend %s does not carry the label", h)
	}
}
