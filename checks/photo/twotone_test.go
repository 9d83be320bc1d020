package photo

import (
	"slices"
	"testing"

	"github.com/kycd/kycd/checks/photo/synth"
	"github.com/kycd/kycd/reason"
)

// TestWashedOutTwoTone pins the over-exposed two-tone card that the colour
// look (session 10) let through: found whole by its colour, 0.37 of it
// clipped, its median 239 and its print lifted (5th percentile 127), and a
// trace of its portrait found with a score of 9.5 (calibration split, as
// go run ./bench/photo/corpus -split calibration -n 16 -big 2000 -family
// over_exposed_two_tone). It is refused as overexposed, alone.
func TestWashedOutTwoTone(t *testing.T) {
	t.Parallel()
	for _, s := range synth.Corpus(synth.Calibration, 16, 2000) {
		if s.Name != "calibration_over_exposed_two_tone_14" {
			continue
		}
		r, _ := checkSample(t, s)
		var blocking []string
		for _, f := range r.Findings {
			if f.Severity == reason.Blocking {
				blocking = append(blocking, f.Code)
			}
		}
		if !slices.Equal(blocking, []string{"photo.overexposed"}) {
			t.Errorf("blocking codes %v, want [photo.overexposed]", blocking)
		}
		return
	}
	t.Fatal("calibration_over_exposed_two_tone_14 not in the corpus")
}
