package photo

import (
	"math"
	"testing"

	"github.com/kycd/kycd/checks/photo/synth"
)

// TestVerticalAndHeldCards pins photos of session 9's families on the
// calibration split (-n 12, photos up to 2000 px): a card printed upright
// on its short side, photographed upright or lying on its long side (were
// photo.no_portrait: the portrait was looked for only along the outline's
// long axis), cards held up by a corner, mid-tone cards on wood; and card
// backs photographed as fronts, which the quarter-turn search must not
// give a portrait. (No photo of the split joined by joinParts is pinned:
// on this split's seeds none is accepted; independent3's vertical card on
// carpet is.)
func TestVerticalAndHeldCards(t *testing.T) {
	t.Parallel()
	// outline: the outline and orientation are checked too. Six photos,
	// 1280–1600 px: rendering is most of the test's time.
	cases := map[string]struct {
		vertical, outline bool
		parts             float64 // document_parts: outlines joined into one card
	}{
		"calibration_vertical_card_02":    {vertical: true, outline: true}, // upright in a landscape photo
		"calibration_vertical_turned_01":  {vertical: true, outline: true}, // lying on its side
		"calibration_vertical_turned_03":  {vertical: true},                // on a tablecloth
		"calibration_card_held_corner_02": {outline: true},
		"calibration_coloured_on_wood_01": {outline: true},
		"calibration_wrong_side_00":       {},
	}
	for _, s := range synth.Corpus(synth.Calibration, 12, 2000) {
		want, ok := cases[s.Name]
		if !ok {
			continue
		}
		t.Run(s.Name, func(t *testing.T) {
			t.Parallel()
			r, _ := checkSample(t, s)
			if !s.Accepted {
				if r.Metrics["document_vertical"] != 0 {
					t.Errorf("a card back taken for a vertical card: %v", r.Metrics)
				}
				return
			}
			if got := r.Metrics["document_vertical"] == 1; got != want.vertical {
				t.Errorf("document_vertical %v, want %v", got, want.vertical)
			}
			if got := r.Metrics["document_parts"]; got != want.parts {
				t.Errorf("document_parts %v, want %v", got, want.parts)
			}
			if !want.outline {
				return
			}
			// Shown upright: the orientation the card was drawn at, and
			// the corners in its own order.
			assertUprightOutline(t, r, s)
		})
	}
}

// assertUprightOutline checks that the check reports the orientation the
// card was drawn at (to the nearest quarter turn) and its corners, in the
// card's own order, within 5 % of the photo's width of where they were drawn.
func assertUprightOutline(t *testing.T, r Result, s synth.Spec) {
	t.Helper()
	wantO := math.Mod(math.Round(math.Mod(s.PageAngle()+360, 360)/90)*90, 360)
	if got := r.Metrics["orientation"]; got != wantO {
		t.Errorf("orientation %v, want %v (angle %.1f)", got, wantO, s.PageAngle())
	}
	for i, p := range s.Quad() {
		x, y := r.Metrics["quad_x"+string(rune('0'+i))], r.Metrics["quad_y"+string(rune('0'+i))]
		if d := math.Hypot(x-p.X, y-p.Y); d > 0.05*float64(s.W) {
			t.Errorf("corner %d at (%v, %v), drawn at (%.0f, %.0f)", i, x, y, p.X, p.Y)
		}
	}
}
