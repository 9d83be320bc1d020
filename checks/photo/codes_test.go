package photo

import (
	"math"
	"slices"
	"testing"

	"github.com/kycd/kycd/checks/photo/synth"
	"github.com/kycd/kycd/reason"
)

// TestSmallFaceSelfies: a selfie taken from across the room (the face
// 5–8 % of the frame's width, by a bright window in every other one) is
// refused as too small, with "move closer", never as having no face or an
// over-exposed one (the window is a clipped blob of a face's size).
func TestSmallFaceSelfies(t *testing.T) {
	t.Parallel()
	for _, s := range synth.Corpus(synth.Calibration, 2, 2000) {
		if s.Family != "selfie_small_face" {
			continue
		}
		t.Run(s.Name, func(t *testing.T) {
			t.Parallel()
			_, codes := checkSample(t, s)
			if codes[0] != "photo.face_too_small" || slices.Contains(codes, "photo.no_face") || slices.Contains(codes, "photo.face_overexposed") {
				t.Errorf("codes %v, want photo.face_too_small first and no no_face or face_overexposed", codes)
			}
		})
	}
}

// TestCodeSeeds pins photos of the heldout6 split (reported in session 9,
// in sample since: go run ./bench/photo/corpus -split heldout6 -n 3 -big
// 2000) that were refused with the wrong code, with the only code they
// may get.
func TestCodeSeeds(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		// A black card on slate defocused three times past the limit:
		// its white print smeared into the black, the card's brightest
		// part read 74 (was photo.too_dark).
		"heldout6_defocus_05": "photo.blurry",
		// A pink card on marble covering 0.082 of a 1280-px photo, 439
		// px long: framed as people frame a card it would have had 770,
		// so the distance is what to fix (was photo.resolution_low).
		"heldout6_too_small_light_01": "photo.document_too_small",
		// A selfie 1200 px wide, the face 60 px across: 15 pixels of
		// its 300-px plane, found on the plane drawn twice as large (was
		// photo.no_face).
		"heldout6_selfie_small_face_00": "photo.face_too_small",
	}
	for _, s := range synth.Corpus(synth.HeldOut6, 3, 2000) {
		want, ok := cases[s.Name]
		if !ok {
			continue
		}
		t.Run(s.Name, func(t *testing.T) {
			t.Parallel()
			if s.Accepted || s.Code != want {
				t.Fatalf("label changed: accepted=%v code %q", s.Accepted, s.Code)
			}
			_, codes := checkSample(t, s)
			if codes[0] != want || (len(codes) > 1 && codes[1] != "photo.background_cluttered") {
				t.Errorf("codes %v, want [%s] (and at most the background warning)", codes, want)
			}
		})
	}
}

// TestGlareIsLampLight: two printed things that passed for glare on good
// photos of independent4 (in sample since session 9) are not: a pale
// rosette on a light card in a bright room, which fades into its ground
// with a halo of its own but never saturates, and a fingerprint's printed
// white box on a card back, a rectangle filling its box. A saturated spot
// with the same fade is glare.
func TestGlareIsLampLight(t *testing.T) {
	const w, h = 240, 150
	card := func(core float64, box bool) []uint8 {
		rect := make([]uint8, w*h)
		for y := range h {
			for x := range w {
				v := 200.0
				// A round core at (115, 66), radius 12, fading to the
				// ground over 12 px.
				if d := math.Max(0, math.Hypot(float64(x-115), float64(y-66))-12); d < 12 {
					v = core - (core-200)*d/12
				}
				if box {
					v = 200
					switch {
					case x >= 150 && x <= 200 && y >= 20 && y <= 70 && (x == 150 || x == 200 || y == 20 || y == 70):
						v = 60 // the box's printed frame
					case x > 150 && x < 200 && y > 20 && y < 70:
						v = 255
						if x%4 == 0 && y%4 < 2 {
							v = 150 // the fingerprint's grey ridges
						}
					}
				}
				// Lines of dark print away from both.
				if y%10 < 2 && y > 100 && x > 20 && x < 220 {
					v = 40
				}
				rect[y*w+x] = uint8(v)
			}
		}
		return rect
	}
	for _, tc := range []struct {
		name  string
		core  float64
		box   bool
		glare bool
	}{
		{"saturated spot", 255, false, true},
		{"pale rosette", 251, false, false},
		{"fingerprint box", 0, true, false},
	} {
		a := &analysis{cfg: DefaultConfig(), metrics: map[string]float64{}, rw: w, rh: h,
			rect: card(tc.core, tc.box), edgeWidthPlane: 1.5}
		if got := a.glare(); got != tc.glare {
			t.Errorf("%s: glare %v, want %v (metrics %v)", tc.name, got, tc.glare, a.metrics)
		}
	}
}

// TestCodeFamilies renders the session-10 families of refused photos
// (calibration split, as go run ./bench/photo/corpus -split calibration
// -n 2 -big 2000 -family F) and asserts that each is refused with its
// label's code as the only blocking finding: a black card on a dark desk
// blurred 2.5–4.5 times past the limit (blurry; a guard, it passed
// before too), an empty wood desk in a dim room (not found; was
// too_dark), a card a little over MinDocumentShare of a 1280-px photo (too
// small; was resolution_low).
func TestCodeFamilies(t *testing.T) {
	t.Parallel()
	fams := []string{"blur_heavy_dark", "empty_dark_desk", "too_small_lowres"}
	for _, s := range synth.Corpus(synth.Calibration, 2, 2000) {
		if !slices.Contains(fams, s.Family) {
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
			if !slices.Equal(blocking, []string{s.Code}) {
				t.Errorf("blocking codes %v, want [%s]", blocking, s.Code)
			}
		})
	}
}
