package photo

import (
	"math"
	"testing"

	"github.com/kycd/kycd/checks/photo/synth"
)

// TestLocatorSession11 pins photos of session 11's locator families
// (calibration split, photos up to 2000 px: go run ./bench/photo/corpus
// -split calibration -n 16 -big 2000 -family ...) that got the wrong
// verdict or code, with the verdict and code their labels name.
func TestLocatorSession11(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		// A vertical licence on a checked tablecloth falls apart into the
		// part between its header and its age band and the part below
		// the band, and the cloth's lines run on past every corner, so no
		// quadrilateral of straight edges joins them: the parts, stacked,
		// are joined and completed across the header (were
		// multiple_documents).
		"calibration_vertical_tablecloth_00": "",
		"calibration_vertical_tablecloth_02": "",
		// A small beige card on a checked tablecloth beside two of the
		// cloth's squares joined at the frame's corner: move closer, not
		// a cut-off document (was document_cropped).
		"calibration_too_small_any_05": "photo.document_too_small",
		// A dark green card held up before a room far out of focus, a
		// soft edge of the room lined up with two of its sides: it runs
		// on past the corners on edges of a tenth of the card border's
		// strength, which is not the border running on (was
		// document_not_found).
		"calibration_card_held_corner_01": "",
	}
	pinnedSamples(t, 16, cases, func(t *testing.T, s synth.Spec) {
		r, _ := checkSample(t, s)
		if s.Family != "vertical_tablecloth" {
			return
		}
		// The whole card, header included: every corner within 5 % of
		// the photo's width of where it was drawn.
		for i, p := range s.Quad() {
			x, y := r.Metrics["quad_x"+string(rune('0'+i))], r.Metrics["quad_y"+string(rune('0'+i))]
			best := math.Inf(1)
			for _, q := range s.Quad() {
				best = min(best, math.Hypot(x-q.X, y-q.Y))
			}
			if best > 0.05*float64(s.W) {
				t.Errorf("corner %d at (%v, %v), nearest drawn corner %.0f px away (drawn %v)", i, x, y, best, p)
			}
		}
		if got := r.Metrics["document_parts"]; got != 2 {
			t.Errorf("document_parts %v, want 2", got)
		}
	})
}
