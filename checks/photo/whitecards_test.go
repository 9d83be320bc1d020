package photo

import (
	"math"
	"testing"

	"github.com/kycd/kycd/checks/photo/synth"
)

// TestWhiteCardsOnLightDesks asserts the verdicts of the session-9
// families (calibration split, photos up to 2000 px, as go run
// ./bench/photo/corpus -split calibration -n 3 -big 2000 -family ...):
// white cards and a white back on near-white marble, a glass table and a
// flowered bedsheet in a bright room that clips their ground while their
// print keeps its contrast are accepted (they were refused as
// photo.overexposed: half the card clipped, its median clipped); the same
// cards three stops over, the print lifted, stay photo.overexposed; a
// highlight over a white card's portrait is photo.glare.
func TestWhiteCardsOnLightDesks(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"calibration_white_light_desk_00":        "", // white bands on glass
		"calibration_white_light_desk_02":        "", // hologram card on white marble
		"calibration_white_back_light_desk_01":   "", // back on a bedsheet
		"calibration_white_back_light_desk_02":   "", // back on a bedsheet
		"calibration_over_exposed_light_desk_00": "photo.overexposed",
		"calibration_over_exposed_light_desk_02": "photo.overexposed",
		"calibration_glare_white_light_desk_00":  "photo.glare", // over the portrait
	}
	pinnedSamples(t, 3, cases, func(t *testing.T, s synth.Spec) { checkSample(t, s) })
}

// A white strip that fades into a pale band below it (a card's header
// gradient, as on a residence card drawn outside checks/photo/synth, on
// glass: refused for glare, halo 12.5, 8.2 times as long as wide) is not a
// highlight: a lamp's reflection is a spot. The same fade around a spot
// is one.
func TestGlareIsASpot(t *testing.T) {
	const w, h = 240, 150
	// The core fills the box (a strip), or the ellipse in it: a lamp's
	// reflection is round, and a clipped rectangle is printed white
	// (GlareMaxSolid).
	card := func(x0, x1, y0, y1 int, round bool) []uint8 {
		rect := make([]uint8, w*h)
		cx, cy := float64(x0+x1)/2, float64(y0+y1)/2
		rx, ry := float64(x1-x0)/2, float64(y1-y0)/2
		for y := range h {
			for x := range w {
				v := 200.0
				// Distance from the clipped core, then a gradient down
				// to the ground over 12 px.
				dx := max(float64(x0-x), 0, float64(x-x1))
				dy := max(float64(y0-y), 0, float64(y-y1))
				d := math.Hypot(dx, dy)
				if round {
					ex, ey := (float64(x)-cx)/rx, (float64(y)-cy)/ry
					d = max(0, math.Hypot(ex, ey)-1) * min(rx, ry)
				}
				if d < 12 {
					v = 255 - 55*d/12
				}
				// Lines of dark print away from the core.
				if y%10 < 2 && (y < y0-14 || y > y1+14) && x > 20 && x < 220 {
					v = 40
				}
				rect[y*w+x] = uint8(v)
			}
		}
		return rect
	}
	for _, tc := range []struct {
		name           string
		x0, x1, y0, y1 int
		round, glare   bool
	}{
		{"strip", 40, 200, 60, 74, false, false},
		{"spot", 100, 130, 55, 78, true, true},
	} {
		a := &analysis{cfg: DefaultConfig(), metrics: map[string]float64{}, rw: w, rh: h,
			rect: card(tc.x0, tc.x1, tc.y0, tc.y1, tc.round), edgeWidthPlane: 1.5}
		if got := a.glare(); got != tc.glare {
			t.Errorf("%s: glare %v, want %v (metrics %v)", tc.name, got, tc.glare, a.metrics)
		}
	}
}
