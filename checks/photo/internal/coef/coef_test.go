package coef

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
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

// TestChromaMeansMatchImageJPEG compares the chroma means with the mean of
// each 8×8 block of image/jpeg's Cb and Cr planes, on one core and on two
// (the fixtures are 4:2:0, as phones write them); a grey file has none.
func TestChromaMeansMatchImageJPEG(t *testing.T) {
	for _, name := range []string{"card_good.jpg", "selfie_good.jpg", "card_glare.jpg"} {
		data, err := os.ReadFile(filepath.Join(fixtures, name))
		if err != nil {
			t.Fatal(err)
		}
		img, err := jpeg.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		y := img.(*image.YCbCr)
		for _, spec := range []speculation{never, always} {
			b, _, err := decodeWith(data, 1<<26, nil, spec, false, true)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			cb, cr, gw, gh, sx, sy := b.ChromaMeans()
			if cb == nil || sx != 2 || sy != 2 {
				t.Fatalf("%s: chroma means %v, subsampling %d×%d, want 2×2", name, cb != nil, sx, sy)
			}
			cw, ch := (y.Rect.Dx()+1)/2, (y.Rect.Dy()+1)/2
			var worst float64
			n := 0
			for cy := 0; cy < gh && cy*8+8 <= ch; cy++ {
				for cx := 0; cx < gw && cx*8+8 <= cw; cx++ {
					for p, plane := range [][]uint8{y.Cb, y.Cr} {
						var sum float64
						for yy := range 8 {
							for xx := range 8 {
								sum += float64(plane[(cy*8+yy)*y.CStride+cx*8+xx])
							}
						}
						got := [2]float32{cb[cy*gw+cx], cr[cy*gw+cx]}[p]
						worst = max(worst, math.Abs(float64(got)-sum/64))
						n++
					}
				}
			}
			if n < 100 || worst > 1.5 {
				t.Errorf("%s (speculation %d): %d chroma means, differing by up to %.2f", name, spec, n, worst)
			}
		}
	}
	g := image.NewGray(image.Rect(0, 0, 64, 48))
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, g, nil); err != nil {
		t.Fatal(err)
	}
	if b, _, err := DecodeChroma(buf.Bytes(), 1<<26); err != nil {
		t.Fatal(err)
	} else if cb, _, _, _, _, _ := b.ChromaMeans(); cb != nil {
		t.Error("grey JPEG: chroma means, want none")
	}
	// Decode keeps none: only DecodeChroma pays for them.
	data, err := os.ReadFile(filepath.Join(fixtures, "card_good.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := Decode(data, 1<<26)
	if err != nil {
		t.Fatal(err)
	}
	if cb, _, _, _, _, _ := b.ChromaMeans(); cb != nil {
		t.Error("Decode kept the chroma means")
	}
	// DecodeWindows keeps the same as DecodeChroma (the photo check reads
	// them from its first decoding), on one core and on two.
	c, _, err := DecodeChroma(data, 1<<26)
	if err != nil {
		t.Fatal(err)
	}
	pick := func(w, h int) []image.Rectangle { return []image.Rectangle{image.Rect(w/2-64, h/2-64, w/2+64, h/2+64)} }
	for _, spec := range []speculation{never, always} {
		w, _, err := decodeWith(data, 1<<26, pick, spec, false, true)
		if err != nil {
			t.Fatal(err)
		}
		cb1, cr1, w1, h1, _, _ := c.ChromaMeans()
		cb2, cr2, w2, h2, _, _ := w.ChromaMeans()
		if w1 != w2 || h1 != h2 || !slices.Equal(cb1, cb2) || !slices.Equal(cr1, cr2) {
			t.Errorf("speculation %d: DecodeWindows's chroma means differ from DecodeChroma's", spec)
		}
	}
	if w, _, err := DecodeWindows(data, 1<<26, pick); err != nil {
		t.Fatal(err)
	} else if cb, _, _, _, _, _ := w.ChromaMeans(); cb == nil {
		t.Error("DecodeWindows kept no chroma means")
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
		// With windows, so that their bookkeeping (whatever the sampling
		// factors and scans claim) is fuzzed too.
		pick := func(w, h int) []image.Rectangle {
			return []image.Rectangle{image.Rect(0, 0, 64, 64), image.Rect(w/2-32, h/2-32, w/2+32, h/2+32)}
		}
		b, _, err := decode(data, 1<<22, pick, never, true)
		// Decoding on two cores gives the same result, error or not.
		b2, _, err2 := decode(data, 1<<22, pick, always, true)
		sameDecode(t, "fuzz", b, err, b2, err2)
		if err != nil {
			return
		}
		if b.BW*8 < b.Width || b.BH*8 < b.Height {
			t.Fatalf("grid %dx%d too small for %dx%d", b.BW, b.BH, b.Width, b.Height)
		}
		for i := range b.Windows {
			b.Chroma(i)
			w := b.Windows[i]
			if len(b.Luma(i)) != w.N*w.N || len(b.LumaReduced(i, 2)) != w.N*w.N/4 || len(w.Cb) != w.CW*w.CH {
				t.Fatalf("window %d: sizes do not match %+v", i, w)
			}
		}
	})
}

// TestWindowsMatchImageJPEG: the windows kept at full resolution are the
// decoded luma (image/jpeg's, to within its rounding and clamping), and
// windows that overlap or leave the image are dropped.
func TestWindowsMatchImageJPEG(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(fixtures, "card_good.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := DecodeWindows(data, 1<<26, func(w, h int) []image.Rectangle {
		return []image.Rectangle{
			image.Rect(w/2-64, h/2-64, w/2+64, h/2+64),
			image.Rect(w/2, h/2, w/2+128, h/2+128), // overlaps the first
			image.Rect(w-64, h-64, w+64, h+64),     // leaves the image
			image.Rect(13, 21, 13+64, 21+64),       // snapped to whole MCUs: (0, 16)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Windows) != 2 || b.Windows[1].X0 != 0 || b.Windows[1].Y0 != 16 || b.Windows[1].N != 64 {
		t.Fatalf("windows %+v, want the first and the snapped one", b.Windows)
	}
	img, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	y := img.(*image.YCbCr)
	for wi := range b.Windows {
		b.Luma(wi)
		b.Chroma(wi)
		w := b.Windows[wi]
		var worst float64
		for j := range w.N {
			for i := range w.N {
				want := float64(y.Y[(w.Y0+j)*y.YStride+w.X0+i])
				got := math.Min(255, math.Max(0, float64(w.Pix[j*w.N+i])))
				worst = max(worst, math.Abs(got-want))
			}
		}
		if worst > 2 {
			t.Errorf("window at (%d, %d): luma differs by up to %.1f", w.X0, w.Y0, worst)
		}
		// Chroma at the file's own resolution (4:2:0 here).
		if w.CW != w.N/2 || w.CH != w.N/2 || len(w.Cb) != w.CW*w.CH {
			t.Fatalf("chroma %dx%d (%d values), want %d a side", w.CW, w.CH, len(w.Cb), w.N/2)
		}
		worst = 0
		for j := range w.CH {
			for i := range w.CW {
				o := y.COffset(w.X0+2*i, w.Y0+2*j)
				for _, c := range [2][2]float64{{float64(w.Cb[j*w.CW+i]), float64(y.Cb[o])}, {float64(w.Cr[j*w.CW+i]), float64(y.Cr[o])}} {
					worst = max(worst, math.Abs(math.Min(127, math.Max(-128, c[0]))-(c[1]-128)))
				}
			}
		}
		if worst > 2 {
			t.Errorf("window at (%d, %d): chroma differs by up to %.1f", w.X0, w.Y0, worst)
		}
		// The reduced luma is the 2×2 box average of the full one.
		half := b.LumaReduced(wi, 2)
		worst = 0
		for j := range w.N / 2 {
			for i := range w.N / 2 {
				p := w.Pix[2*j*w.N+2*i:]
				want := (p[0] + p[1] + p[w.N] + p[w.N+1]) / 4
				worst = max(worst, math.Abs(float64(half[j*w.N/2+i]-want)))
			}
		}
		if worst > 0.01 {
			t.Errorf("window at (%d, %d): reduced luma differs by up to %.3f", w.X0, w.Y0, worst)
		}
	}
}

// sameDecode fails unless two decodes agree: the same error, or the same
// features and window coefficients of every block.
func sameDecode(t *testing.T, name string, b1 *Blocks, err1 error, b2 *Blocks, err2 error) {
	t.Helper()
	if (err1 == nil) != (err2 == nil) || (err1 != nil && err1.Error() != err2.Error()) {
		t.Fatalf("%s: one core: %v, two cores: %v", name, err1, err2)
	}
	if err1 == nil {
		// Only the count of MCUs taken from the second core may differ.
		c1, c2 := *b1, *b2
		c1.adopted, c2.adopted = 0, 0
		b1, b2 = &c1, &c2
	}
	if err1 == nil && !reflect.DeepEqual(b1, b2) {
		for i := range b1.Mean {
			if b1.Mean[i] != b2.Mean[i] || b1.H[i] != b2.H[i] || b1.V[i] != b2.V[i] || b1.D[i] != b2.D[i] {
				t.Fatalf("%s: block %d differs: mean %v/%v H %v/%v", name, i, b1.Mean[i], b2.Mean[i], b1.H[i], b2.H[i])
			}
			if b1.E3 != nil && b1.E3[i] != b2.E3[i] {
				t.Fatalf("%s: block %d differs: E3 %v/%v", name, i, b1.E3[i], b2.E3[i])
			}
		}
		t.Fatalf("%s: two-core decode differs from one core (window coefficients)", name)
	}
}

// TestSpeculativeMatchesOneCore decodes scans without restart markers on
// two cores (the second starting mid-scan, see speculate.go) and on one:
// every block's features and every window's coefficients must be the same,
// and damaged files must fail the same way. The photos are the fixtures
// (rewritten without restart markers by image/jpeg) and synthetic ones of
// several sizes, grey and colour, plain and busy.
func TestSpeculativeMatchesOneCore(t *testing.T) {
	var photos [][]byte
	names := []string{}
	for _, name := range []string{"card_good.jpg", "selfie_good.jpg", "card_lowres.jpg", "card_glare.jpg"} {
		data, err := os.ReadFile(filepath.Join(fixtures, name))
		if err != nil {
			t.Fatal(err)
		}
		photos, names = append(photos, data), append(names, name)
		img, err := jpeg.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
			t.Fatal(err)
		}
		photos, names = append(photos, buf.Bytes()), append(names, name+" re-encoded")
	}
	rng := rand.New(rand.NewPCG(7, 8))
	for _, size := range [][2]int{{64, 48}, {333, 217}, {1024, 768}} {
		for _, grey := range []bool{false, true} {
			var img image.Image
			w, h := size[0], size[1]
			if grey {
				g := image.NewGray(image.Rect(0, 0, w, h))
				for i := range g.Pix {
					g.Pix[i] = uint8(i%w + rng.IntN(40))
				}
				img = g
			} else {
				c := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
				for i := range c.Y {
					c.Y[i] = uint8((i%w)*(i/w)/7 + rng.IntN(60))
				}
				for i := range c.Cb {
					c.Cb[i], c.Cr[i] = uint8(rng.IntN(256)), uint8(128+rng.IntN(9))
				}
				img = c
			}
			var buf bytes.Buffer
			if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 95}); err != nil {
				t.Fatal(err)
			}
			photos, names = append(photos, buf.Bytes()), append(names, fmt.Sprintf("%dx%d grey=%v", w, h, grey))
		}
	}
	pick := func(w, h int) []image.Rectangle {
		return []image.Rectangle{image.Rect(w/2-64, h/2-64, w/2+64, h/2+64), image.Rect(16, h-80, 80, h-16)}
	}
	for i, data := range photos {
		check := func(name string, data []byte) {
			for _, energy := range []bool{true, false} {
				b1, _, err1 := decode(data, 1<<26, pick, never, energy)
				b2, _, err2 := decode(data, 1<<26, pick, always, energy)
				sameDecode(t, name, b1, err1, b2, err2)
			}
			// With the chroma's DC terms (DecodeChroma): the second
			// core's are moved into place with their own offsets.
			b1, _, err1 := decodeWith(data, 1<<26, nil, never, false, true)
			b2, _, err2 := decodeWith(data, 1<<26, nil, always, false, true)
			sameDecode(t, name+" chroma", b1, err1, b2, err2)
		}
		check(names[i], data)
		// Damaged: cut short, and a few bytes of the scan changed.
		check(names[i]+" truncated", data[:len(data)*2/3])
		for trial := range 8 {
			bad := bytes.Clone(data)
			for range 1 + trial {
				j := len(bad)/4 + rng.IntN(len(bad)*3/4-2)
				bad[j] = uint8(rng.IntN(255))
			}
			check(fmt.Sprintf("%s damaged %d", names[i], trial), bad)
		}
	}
}

// TestSpeculationIsUsed: the second core's half is not only right but kept.
// Its start in the middle of the scan decodes garbage for a few blocks, and
// garbage often breaks a rule (with optimised Huffman tables, as
// ImageMagick and most phones write them, soon); it used to stop there, and
// the first core then decoded the whole scan alone. Three of the fixtures
// did so; on this machine the benchmark's 12 MP photo did too.
func TestSpeculationIsUsed(t *testing.T) {
	entries, err := os.ReadDir(fixtures)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if filepath.Ext(e.Name()) != ".jpg" {
			continue
		}
		data, err := os.ReadFile(filepath.Join(fixtures, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		b, info, err := decode(data, 1<<26, nil, always, false)
		if err != nil || info.Progressive {
			continue // truncated, not an image, progressive
		}
		n++
		// The split is at half the scan's bits, so the second core
		// decodes some 40–65 % of the MCUs of these photos.
		mcus := len(b.Mean) / 4 // 4:2:0
		if b.adopted < mcus/4 {
			t.Errorf("%s: %d of %d MCUs taken from the second core, want at least a quarter", e.Name(), b.adopted, mcus)
		}
	}
	if n < 10 {
		t.Fatalf("only %d fixtures decoded", n)
	}
}

// BenchmarkDecodeOneCore times the entropy decoder alone on one core (no
// speculation), on a fixture or on the file KYCD_BENCH_JPEG names (for
// instance bench/photo's 12 MP photo): the loop the photo check spends
// most of its CPU in at 12 MP.
func BenchmarkDecodeOneCore(b *testing.B) {
	path := os.Getenv("KYCD_BENCH_JPEG")
	if path == "" {
		path = filepath.Join(fixtures, "card_good.jpg")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, _, err := decode(data, 1<<26, nil, never, false); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSpeculativeSplits moves the second core's start across the scan, to
// bits that are not byte-aligned, near the start and near the end: wherever
// it starts, and whatever garbage it meets (and starts again after), the
// blocks are those of one core, and damaged copies fail the same way.
func TestSpeculativeSplits(t *testing.T) {
	defer func() { splitAt = nil }()
	rng := rand.New(rand.NewPCG(9, 10))
	for _, name := range []string{"card_good.jpg", "selfie_no_face.jpg", "card_lowres.jpg", "card_overexposed.jpg"} {
		data, err := os.ReadFile(filepath.Join(fixtures, name))
		if err != nil {
			t.Fatal(err)
		}
		inputs := [][]byte{data, data[:len(data)*3/4]}
		for range 6 {
			bad := bytes.Clone(data)
			for range 1 + rng.IntN(3) {
				j := len(bad)/8 + rng.IntN(len(bad)*7/8-2)
				bad[j] = uint8(rng.IntN(256))
			}
			inputs = append(inputs, bad)
		}
		for _, frac := range []float64{0.01, 0.2, 0.37, 0.5, 0.81, 0.995} {
			for _, odd := range []int{0, 3} {
				splitAt = func(bits int) int { return int(float64(bits)*frac)/8*8 + odd }
				for i, in := range inputs {
					b1, _, err1 := decode(in, 1<<26, nil, never, false)
					b2, _, err2 := decode(in, 1<<26, nil, always, false)
					sameDecode(t, fmt.Sprintf("%s input %d split %.3f+%d", name, i, frac, odd), b1, err1, b2, err2)
				}
			}
		}
	}
}

// TestSkippingMatchesDecoding: the codes a block's features do not need
// are skipped several at a time (huff.multi), and a table entry is taken
// only where taking its codes one by one would go the same way. Decoding
// every value (as the band energies ask) walks the codes one at a time, so
// the two must agree on every block and fail the same way on damaged data:
// there, garbage puts runs past the 63rd term and blocks ending exactly at
// it, the edges the entries' limits are for. The photos are the fixtures
// (optimised tables), their re-encodings (standard tables) and noise at
// quality 100, whose blocks run to their last terms.
func TestSkippingMatchesDecoding(t *testing.T) {
	var photos [][]byte
	var names []string
	rng := rand.New(rand.NewPCG(11, 12))
	for _, name := range []string{"card_good.jpg", "card_glare.jpg", "selfie_good.jpg", "card_back.jpg"} {
		data, err := os.ReadFile(filepath.Join(fixtures, name))
		if err != nil {
			t.Fatal(err)
		}
		img, err := jpeg.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 97}); err != nil {
			t.Fatal(err)
		}
		photos, names = append(photos, data, buf.Bytes()), append(names, name, name+" re-encoded")
	}
	noise := image.NewYCbCr(image.Rect(0, 0, 400, 300), image.YCbCrSubsampleRatio420)
	for i := range noise.Y {
		noise.Y[i] = uint8(rng.IntN(256))
	}
	for i := range noise.Cb {
		noise.Cb[i], noise.Cr[i] = uint8(rng.IntN(256)), uint8(rng.IntN(256))
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, noise, &jpeg.Options{Quality: 100}); err != nil {
		t.Fatal(err)
	}
	photos, names = append(photos, buf.Bytes()), append(names, "noise")
	failed := 0
	for i, data := range photos {
		check := func(name string, data []byte) {
			all, _, err1 := decode(data, 1<<26, nil, never, true)
			some, _, err2 := decode(data, 1<<26, nil, never, false)
			if (err1 == nil) != (err2 == nil) || (err1 != nil && err1.Error() != err2.Error()) {
				t.Fatalf("%s: every value: %v, skipping: %v", name, err1, err2)
			}
			if err1 != nil {
				failed++
				return
			}
			for j := range all.Mean {
				if all.Mean[j] != some.Mean[j] || all.H[j] != some.H[j] || all.V[j] != some.V[j] || all.D[j] != some.D[j] {
					t.Fatalf("%s: block %d differs: mean %v/%v H %v/%v V %v/%v D %v/%v", name, j,
						all.Mean[j], some.Mean[j], all.H[j], some.H[j], all.V[j], some.V[j], all.D[j], some.D[j])
				}
			}
		}
		check(names[i], data)
		for trial := range 40 {
			bad := bytes.Clone(data)
			for range 1 + trial%4 {
				j := len(bad)/4 + rng.IntN(len(bad)*3/4-2)
				bad[j] ^= uint8(1 + rng.IntN(255))
			}
			check(fmt.Sprintf("%s damaged %d", names[i], trial), bad)
		}
	}
	// Most damaged copies must fail, or the edges were not reached.
	if failed < len(photos)*10 {
		t.Fatalf("only %d of %d damaged copies failed", failed, len(photos)*40)
	}
}

// clip is how Quarter and Eighth rounded before clamp.
func clip(f float32) uint8 {
	if f <= 0 {
		return 0
	}
	if f >= 255 {
		return 255
	}
	return uint8(f + 0.5)
}

// TestClampIsClip: Quarter's clamp gives clip's value for every
// finite input, across the range and at its edges.
func TestClampIsClip(t *testing.T) {
	vals := []float32{0, -0.0, 0.49999997, 0.5, 254.49998, 254.5, 255, 255.5, 1e9, -1e9, math.SmallestNonzeroFloat32, -math.SmallestNonzeroFloat32}
	for f := float32(-300); f < 600; f += 0.03125 {
		vals = append(vals, f, math.Nextafter32(f, 1000), math.Nextafter32(f, -1000))
	}
	for _, f := range vals {
		if clamp(f) != clip(f) {
			t.Fatalf("clamp(%v) = %d, clip gives %d", f, clamp(f), clip(f))
		}
	}
}

// TestSparseIDCTIsDense: idct leaves out the terms of zero coefficients;
// its pixels must be those of the sum over every term, to the bit (zeros'
// signs included), for blocks from empty to full, at every reduction.
func TestSparseIDCTIsDense(t *testing.T) {
	dense := func(f *[64]int32, dst []float32, n int, level float32, red int) {
		m := &reduced[red]
		k := 8 / red
		var tt [8][8]float32
		for y := range k {
			for u := range 8 {
				var a float32
				for v := range 8 {
					a += m[y][v] * float32(f[v*8+u])
				}
				tt[y][u] = a
			}
		}
		for y := range k {
			for x := range k {
				var a float32
				for u := range 8 {
					a += m[x][u] * tt[y][u]
				}
				dst[y*n+x] = a + level
			}
		}
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for trial := range 20000 {
		var f [64]int32
		for range trial % 70 {
			f[rng.IntN(64)] = int32(rng.IntN(2001) - 1000)
		}
		if trial%7 == 0 {
			f = [64]int32{}
			f[rng.IntN(64)] = int32(rng.IntN(3) - 1)
		}
		for _, red := range []int{1, 2, 4, 8} {
			for _, level := range []float32{0, 128} {
				var got, want [64]float32
				idct(&f, got[:], 8, level, red)
				dense(&f, want[:], 8, level, red)
				for i := range got {
					if math.Float32bits(got[i]) != math.Float32bits(want[i]) {
						t.Fatalf("trial %d, reduction %d, level %v: pixel %d is %v, the full sum %v", trial, red, level, i, got[i], want[i])
					}
				}
			}
		}
	}
}
