package coef

import (
	"bytes"
	"errors"
	"image"
	"image/jpeg"
	"math"
	"os"
	"path/filepath"
	"testing"
)

var fixtures = filepath.Join("..", "..", "testdata")

// TestMeansMatchImageJPEG compares the block means with the mean of each
// 8×8 block of image/jpeg's decoded luma: they must agree to within the
// rounding of the inverse DCT.
func TestMeansMatchImageJPEG(t *testing.T) {
	for _, name := range []string{"card_good.jpg", "selfie_good.jpg", "card_lowres.jpg"} {
		data, err := os.ReadFile(filepath.Join(fixtures, name))
		if err != nil {
			t.Fatal(err)
		}
		b, info, err := Decode(data, 1<<26)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		img, err := jpeg.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		y := img.(*image.YCbCr)
		if info.Width != y.Rect.Dx() || info.Height != y.Rect.Dy() {
			t.Errorf("%s: size %dx%d, want %v", name, info.Width, info.Height, y.Rect)
		}
		fb := FromGray(y.Y, y.YStride, y.Rect.Dy())
		var worst, worstE float64
		for by := 0; by < b.BH && by*8+8 <= b.Height; by++ {
			for bx := 0; bx < b.BW && bx*8+8 <= b.Width; bx++ {
				got := float64(b.Mean[by*b.Stride+bx])
				want := float64(fb.Mean[by*fb.Stride+bx])
				worst = max(worst, math.Abs(got-want))
				// Energies agree roughly (the full decoder rounds pixels).
				eg := float64(b.E1[by*b.Stride+bx] + b.E2[by*b.Stride+bx])
				ew := float64(fb.E1[by*fb.Stride+bx] + fb.E2[by*fb.Stride+bx])
				if ew > 1e4 {
					worstE = max(worstE, math.Abs(eg-ew)/ew)
				}
			}
		}
		if worst > 1.5 { // the full decoder clamps and rounds each pixel
			t.Errorf("%s: block mean differs by up to %.2f", name, worst)
		}
		if worstE > 0.2 {
			t.Errorf("%s: low-band energy differs by up to %.0f%%", name, 100*worstE)
		}
	}
}

func TestRefusals(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(fixtures, "card_good.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := Decode(data, 1000); !errors.Is(err, ErrTooLarge) {
		t.Errorf("small limit: err=%v, want ErrTooLarge", err)
	}
	if _, _, err := Decode(data[:len(data)/3], 1<<26); !errors.Is(err, ErrCorrupt) {
		t.Errorf("truncated: err=%v, want ErrCorrupt", err)
	}
	prog, err := os.ReadFile(filepath.Join(fixtures, "card_progressive.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	if _, info, err := Decode(prog, 1<<26); !errors.Is(err, ErrUnsupported) || !info.Progressive {
		t.Errorf("progressive: err=%v progressive=%v, want ErrUnsupported", err, info.Progressive)
	}
	if _, err := ReadInfo([]byte("\xff\xd8\xff\xc0\x00\x11\x08\xc3\x50\xc3\x50\x03")); err == nil {
		t.Error("ReadInfo accepted a truncated frame header")
	}
}

// FuzzDecode: no input makes the decoder panic, hang or allocate beyond
// what maxPixels allows.
func FuzzDecode(f *testing.F) {
	for _, name := range []string{"card_lowres.jpg", "truncated.jpg", "bomb.jpg"} {
		data, err := os.ReadFile(filepath.Join(fixtures, name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		b, _, err := Decode(data, 1<<22)
		if err == nil && (b.BW*8 < b.Width || b.BH*8 < b.Height) {
			t.Fatalf("grid %dx%d too small for %dx%d", b.BW, b.BH, b.Width, b.Height)
		}
	})
}
