package photo

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kycd/kycd/reason"
)

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// checkFindings fails the test for any finding the catalogue cannot explain.
func checkFindings(t *testing.T, r Result) {
	t.Helper()
	if r.Findings == nil {
		t.Error("Findings is nil, want an empty slice")
	}
	for _, f := range r.Findings {
		if err := reason.Check(f); err != nil {
			t.Error(err)
		}
	}
	if r.Accepted == reason.AnyBlocking(r.Findings) {
		t.Errorf("Accepted=%v with findings %v", r.Accepted, reason.Codes(r.Findings))
	}
}

// TestFixtures asserts the verdict and the exact codes for each fixture of
// testdata/make_fixtures.sh.
func TestFixtures(t *testing.T) {
	for _, tc := range []struct {
		file     string
		kind     Kind
		accepted bool
		codes    []string
	}{
		{"card_good.jpg", IDFront, true, nil},
		{"card_back.jpg", IDBack, true, nil},
		{"passport_good.jpg", Passport, true, nil},
		{"card_soft.jpg", IDFront, true, nil}, // slightly soft but legible
		{"card_good.png", IDFront, true, nil},
		{"card_good.webp", IDFront, true, nil},
		{"card_good.heic", IDFront, true, nil},
		{"card_progressive.jpg", IDFront, true, nil},
		{"card_exif_rotated.jpg", IDFront, true, nil},
		{"card_blurred.jpg", IDFront, false, []string{"photo.blurry"}},
		{"card_dark.jpg", IDFront, false, []string{"photo.too_dark"}},
		{"card_overexposed.jpg", IDFront, false, []string{"photo.overexposed"}},
		{"card_glare.jpg", IDFront, false, []string{"photo.glare"}},
		{"card_cropped.jpg", IDFront, false, []string{"photo.document_cropped"}},
		{"card_cluttered.jpg", IDFront, true, []string{"photo.background_cluttered"}},
		{"card_lowres.jpg", IDFront, false, []string{"photo.resolution_low"}},
		{"card_back.jpg", IDFront, false, []string{"photo.no_portrait"}}, // the wrong side
		{"selfie_good.jpg", Selfie, true, nil},
		{"selfie_blurred.jpg", Selfie, false, []string{"photo.face_blurry"}},
		{"selfie_no_face.jpg", Selfie, false, []string{"photo.no_face"}},
		{"selfie_two_faces.jpg", Selfie, false, []string{"photo.background_cluttered", "photo.multiple_faces"}},
		{"selfie_small_face.jpg", Selfie, false, []string{"photo.face_too_small"}},
		{"truncated.jpg", IDFront, false, []string{"photo.corrupt"}},
		{"not_image.jpg", IDFront, false, []string{"photo.unsupported_format"}},
		{"bomb.png", IDFront, false, []string{"photo.too_large"}},
		{"bomb.jpg", IDFront, false, []string{"photo.too_large"}},
	} {
		t.Run(tc.file+"/"+string(tc.kind), func(t *testing.T) {
			r := Check(fixture(t, tc.file), tc.kind, DefaultConfig())
			checkFindings(t, r)
			if r.Accepted != tc.accepted {
				t.Errorf("Accepted=%v, want %v (findings %v, metrics %v)", r.Accepted, tc.accepted, reason.Codes(r.Findings), r.Metrics)
			}
			if diff := cmp.Diff(tc.codes, reason.Codes(r.Findings), cmp.Comparer(func(a, b []string) bool { return slices.Equal(a, b) })); diff != "" {
				t.Errorf("codes (-want +got):\n%s\nmetrics %v", diff, r.Metrics)
			}
		})
	}
}

func TestGlareRegion(t *testing.T) {
	r := Check(fixture(t, "card_glare.jpg"), IDFront, DefaultConfig())
	for _, f := range r.Findings {
		if f.Code == "photo.glare" {
			// The check passes a code, never words in a language.
			if want := map[string]string{"region": "top_left"}; !maps.Equal(f.Params, want) {
				t.Errorf("Params=%v, want %v", f.Params, want)
			}
			if zh := f.Localize("zh-CN").Message; !slices.Contains([]rune(zh), '左') {
				t.Errorf("zh-CN message %q does not name the region", zh)
			}
			if en := f.Localize("en").Message; !strings.Contains(en, "top left") {
				t.Errorf("en message %q does not name the region", en)
			}
			return
		}
	}
	t.Fatal("no photo.glare finding")
}

func TestExifOrientation(t *testing.T) {
	r := Check(fixture(t, "card_exif_rotated.jpg"), IDFront, DefaultConfig())
	if r.Width != 1280 || r.Height != 960 {
		t.Errorf("size %dx%d, want the upright 1280x960", r.Width, r.Height)
	}
	// Without the orientation the portrait is sideways and the cascade,
	// which finds upright faces, misses it.
	if r.Metrics["faces"] < 1 {
		t.Errorf("faces=%v, want the portrait found upright", r.Metrics["faces"])
	}
}

// TestDuplicate: the same picture in other containers hashes within the
// threshold; different pictures do not.
func TestDuplicate(t *testing.T) {
	cfg := DefaultConfig()
	base := Check(fixture(t, "card_good.jpg"), IDFront, cfg).PHash
	for _, f := range []string{"card_good.png", "card_good.webp", "card_progressive.jpg", "card_exif_rotated.jpg", "card_good.heic"} {
		h := Check(fixture(t, f), IDFront, cfg).PHash
		if !IsDuplicate(base, h, cfg) {
			t.Errorf("%s: Distance=%d, want ≤ %d", f, Distance(base, h), cfg.DuplicateDistance)
		}
	}
	for _, f := range []string{"card_back.jpg", "passport_good.jpg", "selfie_good.jpg", "card_cluttered.jpg"} {
		h := Check(fixture(t, f), IDFront, cfg).PHash
		if IsDuplicate(base, h, cfg) {
			t.Errorf("%s: Distance=%d, want > %d", f, Distance(base, h), cfg.DuplicateDistance)
		}
	}
}

func TestLimits(t *testing.T) {
	cfg := DefaultConfig()
	cfg.MaxBytes = 1000
	r := Check(fixture(t, "card_good.jpg"), IDFront, cfg)
	checkFindings(t, r)
	if got := reason.Codes(r.Findings); !slices.Equal(got, []string{"photo.too_large"}) {
		t.Errorf("codes %v, want photo.too_large", got)
	}
	for _, b := range [][]byte{nil, {0xFF, 0xD8, 0xFF}, []byte("\x89PNG\r\n\x1a\n"), []byte("RIFF\x00\x00\x00\x00WEBP")} {
		r := Check(b, Selfie, DefaultConfig())
		checkFindings(t, r)
		if r.Accepted {
			t.Errorf("%q accepted", b)
		}
	}
}

func TestParseKind(t *testing.T) {
	for _, k := range Kinds {
		if got, err := ParseKind(string(k)); err != nil || got != k {
			t.Errorf("ParseKind(%q)=%q, %v", k, got, err)
		}
	}
	if _, err := ParseKind("licence"); err == nil {
		t.Error("ParseKind accepted an unknown kind")
	}
}

// FuzzCheck feeds mutated photos through every decoder path: no input may
// panic, and the size limits keep memory bounded.
func FuzzCheck(f *testing.F) {
	for _, name := range []string{"card_lowres.jpg", "truncated.jpg", "bomb.png", "not_image.jpg"} {
		f.Add(fixture(f, name), uint8(0))
	}
	f.Add([]byte("RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00\x2f\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00"), uint8(3))
	cfg := DefaultConfig()
	cfg.MaxPixels = 4_000_000 // bounded memory per input
	cfg.MaxBytes = 1 << 20
	f.Fuzz(func(t *testing.T, data []byte, k uint8) {
		kind := Kinds[int(k)%len(Kinds)]
		// HEIC goes to a WebAssembly decoder that is neither ours nor
		// fast; the fuzzer spends its time on our code instead.
		if sniff(data) == "heic" {
			return
		}
		r := Check(data, kind, cfg)
		if r.Findings == nil || r.Metrics == nil {
			t.Fatal("nil Findings or Metrics")
		}
	})
}

func BenchmarkCheck(b *testing.B) {
	for _, name := range []string{"card_good.jpg", "selfie_good.jpg", "card_good.png"} {
		data := fixture(b, name)
		kind := IDFront
		if name == "selfie_good.jpg" {
			kind = Selfie
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Check(data, kind, DefaultConfig())
			}
		})
	}
}
