package photo

import (
	"fmt"
	"math/bits"

	"github.com/kycd/kycd/reason"
)

// Kind is what the photo is supposed to show.
type Kind string

// Kinds of photo.
const (
	IDFront  Kind = "id_front" // front of an ID card (with the portrait)
	IDBack   Kind = "id_back"  // back of an ID card
	Passport Kind = "passport" // passport data page (with the portrait)
	Selfie   Kind = "selfie"   // the applicant's face
)

// Kinds lists every Kind, for usage messages and validation.
var Kinds = []Kind{IDFront, IDBack, Passport, Selfie}

// ParseKind returns the Kind named s.
func ParseKind(s string) (Kind, error) {
	for _, k := range Kinds {
		if string(k) == s {
			return k, nil
		}
	}
	return "", fmt.Errorf("photo: unknown kind %q (want id_front, id_back, passport or selfie)", s)
}

func (k Kind) isDocument() bool { return k != Selfie }

// hasPortrait reports whether the document side carries the holder's photo.
func (k Kind) hasPortrait() bool { return k == IDFront || k == Passport }

// Result is everything Check found out about one photo.
type Result struct {
	// Accepted is true when no finding is blocking.
	Accepted bool
	// Findings are the problems found, from the reason catalogue; never nil.
	Findings []reason.Finding
	// Metrics are the measurements behind the findings (docs/photo-checks.md
	// lists them), for logs, reviewers and calibration.
	Metrics map[string]float64
	// PHash is a 64-bit perceptual hash of the (upright) photo; compare
	// hashes with Distance to find the same picture submitted again.
	PHash uint64
	// Width and Height are the upright image's size in pixels (after the
	// EXIF orientation), zero if the header could not be read.
	Width, Height int
	// Format is "jpeg", "png", "webp" or "heic"; empty if unrecognised.
	Format string
}

// Distance is the number of differing bits between two perceptual hashes:
// 0 for the same picture re-encoded, about 32 for unrelated pictures.
// Config.DuplicateDistance is the threshold for photo.duplicate.
func Distance(a, b uint64) int { return bits.OnesCount64(a ^ b) }

// IsDuplicate reports whether two perceptual hashes are close enough under
// cfg to be the same picture.
func IsDuplicate(a, b uint64, cfg Config) bool { return Distance(a, b) <= cfg.DuplicateDistance }
