package photo

import (
	"math"
	"slices"
	"testing"

	"github.com/kycd/kycd/checks/photo/synth"
	"github.com/kycd/kycd/reason"
)

// TestSheen: a broad reflection that lifts a dark card's ground gradually
// towards a pale grey, clipping nothing, is glare, placed where it peaks;
// the same card with a printed light area (a portrait's box, a two-tone
// card's light half) ending in a step is not.
func TestSheen(t *testing.T) {
	const w, h = 240, 150
	card := func(sheen, box bool) []uint8 {
		rect := make([]uint8, w*h)
		for y := range h {
			for x := range w {
				v := 60.0 // a navy ground
				if y%12 < 3 && x > 20 && x < 150 {
					v = 200 // pale print
				}
				if box && x >= 160 && x < 225 && y >= 25 && y < 110 {
					v = 215 // a light portrait
				}
				if sheen {
					d2 := (math.Pow(float64(x-70)/60, 2) + math.Pow(float64(y-75)/40, 2)) / 2
					v += 0.85 * math.Exp(-d2) * (236 - v)
				}
				rect[y*w+x] = uint8(v)
			}
		}
		return rect
	}
	for _, tc := range []struct {
		name       string
		sheen, box bool
		want       bool
	}{
		{"sheen", true, true, true},
		{"portrait", false, true, false},
		{"plain", false, false, false},
	} {
		a := &analysis{cfg: DefaultConfig(), metrics: map[string]float64{}, rw: w, rh: h, rect: card(tc.sheen, tc.box)}
		if got := a.sheen(); got != tc.want {
			t.Errorf("%s: sheen %v, want %v (metrics %v)", tc.name, got, tc.want, a.metrics)
		}
		if tc.want && (len(a.findings) != 1 || a.findings[0].Params["region"] != "left") {
			t.Errorf("%s: findings %v, want photo.glare on the left", tc.name, a.findings)
		}
	}
}

// TestSoftGlareFamily renders the glare_soft photos of dark cards
// (calibration split, as go run ./bench/photo/corpus -split calibration
// -n 4 -big 2000 -family glare_soft) and asserts photo.glare; on light
// cards the sheen is not found (docs/photo-checks.md).
func TestSoftGlareFamily(t *testing.T) {
	t.Parallel()
	n := 0
	for _, s := range synth.Corpus(synth.Calibration, 4, 2000) {
		if s.Family != "glare_soft" || !slices.Contains([]string{"navy", "green", "black"}, s.Design) {
			continue
		}
		n++
		t.Run(s.Name, func(t *testing.T) {
			t.Parallel()
			_, codes := checkSample(t, s)
			if codes[0] != "photo.glare" {
				t.Errorf("codes %v, want photo.glare first", codes)
			}
		})
	}
	if n == 0 {
		t.Fatal("no dark card in glare_soft: the generator changed")
	}
}

// TestTwoFaceSelfies: two people side by side, the second a little
// further back with the head tilted 8–22° towards the first (the upright
// cascade misses it), 960×1280, are refused with photo.multiple_faces alone (the
// two filling the frame may also give the background warning).
func TestTwoFaceSelfies(t *testing.T) {
	t.Parallel()
	for _, s := range synth.Corpus(synth.Calibration, 3, 1280) {
		if s.Family != "selfie_two_faces" {
			continue
		}
		t.Run(s.Name, func(t *testing.T) {
			t.Parallel()
			r, _ := checkSample(t, s)
			var blocking []string
			for _, f := range r.Findings {
				if f.Severity == reason.Blocking {
					blocking = append(blocking, f.Code)
				}
			}
			if !slices.Equal(blocking, []string{"photo.multiple_faces"}) {
				t.Errorf("blocking codes %v, want [photo.multiple_faces]", blocking)
			}
		})
	}
}

// TestScreenMidVote: screens whose windows show colour that does not
// follow the luma (0.3 or more) with a grid peak a little under
// ScreenPeak (2.5–3) vote (ScreenColourMid, ScreenPeakMid): a beige card
// on a screen and a white card on a fine screen, 1280×960, accepted
// before (calibration split, as go run ./bench/photo/corpus -split
// calibration -n 12 -big 2000 -family screen,screen_fine).
func TestScreenMidVote(t *testing.T) {
	t.Parallel()
	want := []string{"calibration_screen_09", "calibration_screen_fine_09"}
	n := 0
	for _, s := range synth.Corpus(synth.Calibration, 12, 2000) {
		if !slices.Contains(want, s.Name) {
			continue
		}
		n++
		t.Run(s.Name, func(t *testing.T) {
			t.Parallel()
			_, codes := checkSample(t, s)
			if codes[0] != "photo.screen_capture" {
				t.Errorf("codes %v, want photo.screen_capture first", codes)
			}
		})
	}
	if n != len(want) {
		t.Fatalf("%d of %v in the corpus", n, want)
	}
}
