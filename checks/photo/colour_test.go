package photo

import (
	"math"
	"testing"

	"github.com/kycd/kycd/checks/photo/synth"
)

// TestColourEdges pins dark green cards on wood of about their brightness
// (calibration split, -n 12, photos up to 2000 px), which the locator
// found only on their chroma's edges: on luma they were not found, found
// in part (document_too_small) or as two parts (multiple_documents). Each
// must now be accepted with its drawn outline, found by colour
// (document_colour); a terracotta card found on luma must not look again.
func TestColourEdges(t *testing.T) {
	t.Parallel()
	cases := map[string]bool{ // name: found by colour
		"calibration_coloured_on_wood_02": true, // was multiple_documents
		"calibration_coloured_on_wood_05": true, // was document_not_found
		"calibration_coloured_on_wood_06": true, // was document_too_small
		"calibration_coloured_on_wood_10": false,
	}
	labels := map[string]string{}
	for name := range cases {
		labels[name] = ""
	}
	pinnedSamples(t, 12, labels, func(t *testing.T, s synth.Spec) {
		r, _ := checkSample(t, s)
		if got := r.Metrics["document_colour"] == 1; got != cases[s.Name] {
			t.Errorf("document_colour %v, want %v", got, cases[s.Name])
		}
		for i, p := range s.Quad() {
			x, y := r.Metrics["quad_x"+string(rune('0'+i))], r.Metrics["quad_y"+string(rune('0'+i))]
			if d := math.Hypot(x-p.X, y-p.Y); d > 0.05*float64(s.W) {
				t.Errorf("corner %d at (%v, %v), drawn at (%.0f, %.0f)", i, x, y, p.X, p.Y)
			}
		}
	})
}
