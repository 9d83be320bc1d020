package photo

import (
	"math"
	"testing"

	"github.com/kycd/kycd/checks/photo/synth"
)

// TestColourEdges pins dark green cards on wood of about their brightness
// (calibration split, -n 12, photos up to 2000 px), lying straight or
// turned any way, which the locator finds only on their chroma's edges: on luma they were not found, found
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
		// Session 10's family: turned any way, shown upright.
		"calibration_colour_on_wood_turned_02": true, // mid-green, was document_not_found
		"calibration_colour_on_wood_turned_03": true, // green, was document_too_small
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
	})
}
