package photo

import (
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
		assertUprightOutline(t, r, s)
	})
}
