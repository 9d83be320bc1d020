package face

import (
	"bytes"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"slices"
	"testing"

	pigo "github.com/esimov/pigo/core"
)

// quarterGrey decodes a fixture and shrinks its luma 4× by averaging, the
// scale the photo checks hand to Detect.
func quarterGrey(t *testing.T, name string) ([]uint8, int, int) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "photo", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	img, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	y := img.(*image.YCbCr)
	w, h := y.Rect.Dx()/4, y.Rect.Dy()/4
	out := make([]uint8, w*h)
	for j := range h {
		for i := range w {
			s := 0
			for dy := range 4 {
				for dx := range 4 {
					s += int(y.Y[(4*j+dy)*y.YStride+4*i+dx])
				}
			}
			out[j*w+i] = uint8(s / 16)
		}
	}
	return out, w, h
}

func TestDetect(t *testing.T) {
	for _, tc := range []struct {
		file string
		want int
	}{
		{"selfie_good.jpg", 1},
		{"selfie_two_faces.jpg", 2},
		{"selfie_no_face.jpg", 0},
	} {
		pix, w, h := quarterGrey(t, tc.file)
		for _, workers := range []int{1, 2} {
			got := Detect(pix, w, h, Params{MinScore: 8, Workers: workers})
			if len(got) != tc.want {
				t.Errorf("%s, %d workers: %d faces %v, want %d", tc.file, workers, len(got), got, tc.want)
			}
		}
	}
	if got := Detect(nil, 10, 10, Params{}); got != nil {
		t.Errorf("Detect on a short buffer = %v, want nil", got)
	}
}

// TestSplitSizes: the ranges cover exactly the sizes pigo would visit.
func TestSplitSizes(t *testing.T) {
	walk := func(lo, hi int) (s []int) {
		for x := lo; x <= hi; x = int(float64(x) + max(2, float64(x)*1.1-float64(x))) {
			s = append(s, x)
		}
		return s
	}
	want := walk(16, 400)
	var got []int
	for _, r := range splitSizes(16, 400, 1.1, 2) {
		got = append(got, walk(r[0], r[1])...)
	}
	if len(got) != len(want) {
		t.Fatalf("sizes %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("sizes %v, want %v", got, want)
		}
	}
}

// TestCascadeMatchesPigo: the window scan of cascade.go returns pigo's own
// detections, score for score, on photos with and without faces, at the
// sizes and steps the checks use and at odd ones.
func TestCascadeMatchesPigo(t *testing.T) {
	pg, cs, err := load()
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, file := range []string{"selfie_good.jpg", "selfie_two_faces.jpg", "selfie_no_face.jpg", "card_good.jpg", "passport_good.jpg"} {
		pix, w, h := quarterGrey(t, file)
		for _, p := range []Params{{MinSize: 20, Shift: 0.1, Scale: 1.1}, {MinSize: 9, Shift: 0.05, Scale: 1.1}, {MinSize: 33, Shift: 0.2, Scale: 1.3}} {
			maxSize := min(w, h)
			want := pg.RunCascade(pigo.CascadeParams{MinSize: p.MinSize, MaxSize: maxSize, ShiftFactor: p.Shift, ScaleFactor: p.Scale,
				ImageParams: pigo.ImageParams{Pixels: pix, Rows: h, Cols: w, Dim: w}}, 0)
			got := cs.run(pix, h, w, w, p.MinSize, maxSize, p.Shift, p.Scale)
			total += len(want)
			if !slices.Equal(got, want) {
				t.Fatalf("%s %+v: %d detections, pigo %d", file, p, len(got), len(want))
			}
		}
	}
	if total < 50 {
		t.Errorf("only %d detections in all: the comparison proves little", total)
	}
	t.Logf("%d detections compared", total)
}
