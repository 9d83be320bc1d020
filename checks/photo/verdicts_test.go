package photo

import (
	"slices"
	"testing"

	"github.com/kycd/kycd/checks/photo/synth"
)

// TestVerdictFamilies pins photos of the fifth round's families
// (calibration split, photos up to 2000 px: go run ./bench/photo/corpus
// -split calibration -n 6 -big 2000 -family F) that got the wrong verdict
// before it, with the only codes they may get: the thing to fix, and
// nothing about what is a consequence of it.
func TestVerdictFamilies(t *testing.T) {
	t.Parallel()
	cases := map[string][]string{
		// Blurred so far past the limit (10 and 12 times) that no edge's
		// rise ends within the walk: blurry, not a missing portrait
		// (were no_portrait alone).
		"calibration_blur_heavy_disc_04": {"photo.blurry"},
		"calibration_blur_heavy_disc_05": {"photo.blurry"},
		// Empty desks: a floor tile's outline cut by the frame has no
		// print in it; a keyboard reaches three times further from the
		// frame's edge than it shows along it (were document_cropped).
		"calibration_empty_desk_01": {"photo.document_not_found"},
		"calibration_empty_desk_02": {"photo.document_not_found"},
		"calibration_empty_desk_04": {"photo.document_not_found"},
		"calibration_empty_desk_05": {"photo.document_not_found"},
		// A face washed out by a flash, the wall behind it lit normally:
		// a clipped blob of a face's size (were no_face).
		"calibration_selfie_overexposed_face_00": {"photo.face_overexposed"},
		"calibration_selfie_overexposed_face_03": {"photo.face_overexposed"},
		// Small cards whose portrait scored 3–5 at the card's own scale
		// and is found on the card drawn twice as large (were
		// no_portrait): a black card on wood at 1280 px, a four-ink card
		// at 1600 px.
		"calibration_dark_on_dark_05":  nil,
		"calibration_halftone_cmyk_02": nil,
		// A navy card beside a two-tone card on marble, whose white part
		// melts into the marble: only the navy card is outlined, but the
		// other's portrait, of the same size, is beside it (was
		// accepted).
		"calibration_two_cards_dark_04": {"photo.multiple_documents"},
	}
	for _, s := range synth.Corpus(synth.Calibration, 6, 2000) {
		want, ok := cases[s.Name]
		if !ok {
			continue
		}
		t.Run(s.Name, func(t *testing.T) {
			t.Parallel()
			if s.Accepted != (len(want) == 0) || (!s.Accepted && s.Code != want[0]) {
				t.Fatalf("label changed: accepted=%v code %q", s.Accepted, s.Code)
			}
			_, codes := checkSample(t, s)
			if len(want) > 0 && !slices.Equal(codes, want) {
				t.Errorf("codes %v, want %v", codes, want)
			}
		})
	}
}
