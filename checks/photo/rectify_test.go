package photo

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"math"
	"testing"

	"github.com/kycd/kycd/checks/photo/internal/geom"
	"github.com/kycd/kycd/checks/photo/synth"
)

// quadrantCard is a flat card whose quarters have four colours, so that a
// rectified copy shows whether it came out upright and unmirrored.
var quadrantColours = [4]color.NRGBA{
	{200, 30, 30, 255},  // top left
	{30, 180, 40, 255},  // top right
	{30, 40, 200, 255},  // bottom right
	{230, 210, 20, 255}, // bottom left
}

// photoOfQuadrantCard draws the card into a w×h grey photo with its
// corners (top left first, clockwise) at q, as a camera would see it.
func photoOfQuadrantCard(t *testing.T, w, h int, q geom.Quad) []byte {
	t.Helper()
	const cw, ch = 856, 540
	card := geom.Quad{{X: 0, Y: 0}, {X: cw, Y: 0}, {X: cw, Y: ch}, {X: 0, Y: ch}}
	toCard, ok := geom.FromQuads(q, card)
	if !ok {
		t.Fatal("degenerate quad")
	}
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			p := geom.Pt{X: float64(x) + 0.5, Y: float64(y) + 0.5}
			c := color.NRGBA{90, 90, 90, 255}
			if q.Contains(p) {
				u := toCard.Apply(p)
				i := 0
				switch {
				case u.X < cw/2 && u.Y < ch/2:
					i = 0
				case u.Y < ch/2:
					i = 1
				case u.X >= cw/2:
					i = 2
				default:
					i = 3
				}
				c = quadrantColours[i]
			}
			img.SetNRGBA(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestRectifyIsUprightAndUnmirrored(t *testing.T) {
	// A card tilted by perspective and lying almost upside down: the
	// outline's first corner is the card's own top left, wherever that
	// lands in the photo.
	q := geom.Quad{{X: 1000, Y: 700}, {X: 260, Y: 760}, {X: 230, Y: 260}, {X: 960, Y: 220}}
	data := photoOfQuadrantCard(t, 1200, 900, q)
	o := Outline{Width: 1200, Height: 900}
	for i, p := range q {
		o.Corners[i] = Point{X: p.X, Y: p.Y}
	}
	img, err := Rectify(data, o, 50_000_000, 400)
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	if max(b.Dx(), b.Dy()) != 400 {
		t.Fatalf("long side %d, want the 400 asked for", max(b.Dx(), b.Dy()))
	}
	wantAspect := ((q.Side(0) + q.Side(2)) / 2) / ((q.Side(1) + q.Side(3)) / 2)
	if got := float64(b.Dx()) / float64(b.Dy()); math.Abs(got-wantAspect) > 0.02 {
		t.Errorf("aspect %.3f, want %.3f (the outline's mean sides)", got, wantAspect)
	}
	// The centre of each quarter has that quarter's colour.
	centres := [4][2]float64{{0.25, 0.25}, {0.75, 0.25}, {0.75, 0.75}, {0.25, 0.75}}
	for i, c := range centres {
		got := img.NRGBAAt(int(c[0]*float64(b.Dx())), int(c[1]*float64(b.Dy())))
		want := quadrantColours[i]
		if absDiff(got.R, want.R) > 12 || absDiff(got.G, want.G) > 12 || absDiff(got.B, want.B) > 12 {
			t.Errorf("quarter %d is %v, want %v", i, got, want)
		}
	}
}

func absDiff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}

func TestRectifyRefusesAForeignOutline(t *testing.T) {
	q := geom.Quad{{X: 100, Y: 100}, {X: 500, Y: 100}, {X: 500, Y: 350}, {X: 100, Y: 350}}
	data := photoOfQuadrantCard(t, 600, 450, q)
	o := Outline{Width: 1200, Height: 900, Corners: [4]Point{{100, 100}, {500, 100}, {500, 350}, {100, 350}}}
	if _, err := Rectify(data, o, 50_000_000, 400); err == nil {
		t.Error("an outline measured on a photo of another size was used")
	}
	o.Width, o.Height = 600, 450
	o.Corners = [4]Point{{100, 100}, {300, 100}, {500, 100}, {200, 100}}
	if _, err := Rectify(data, o, 50_000_000, 400); !errors.Is(err, ErrNoDocument) {
		t.Errorf("a flat outline: %v, want ErrNoDocument", err)
	}
	if _, err := Rectify([]byte("not a photo"), o, 50_000_000, 400); !errors.Is(err, ErrUnreadable) {
		t.Errorf("not a photo: %v, want ErrUnreadable", err)
	}
}

// TestOutlineFromCheck: the outline a check reports lands on the drawn
// document, and rectifying with it gives the document's proportions.
func TestOutlineFromCheck(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, s := range synth.Corpus(synth.Calibration, 2, 1600) {
		if seen[s.Family] || len(s.Docs) != 1 || !s.Accepted ||
			(s.Family != "good_light" && s.Family != "good_dark" && s.Family != "passport") {
			continue
		}
		seen[s.Family] = true
		t.Run(s.Name, func(t *testing.T) {
			k, err := ParseKind(s.Kind)
			if err != nil {
				t.Fatal(err)
			}
			data := synth.Render(s)
			r := Check(data, k, DefaultConfig())
			o, ok := OutlineOf(r.Metrics)
			if !ok {
				t.Fatalf("no outline; metrics %v", r.Metrics)
			}
			if o.Width != s.W || o.Height != s.H {
				t.Errorf("outline for %d×%d, photo is %d×%d", o.Width, o.Height, s.W, s.H)
			}
			for i, p := range s.Quad() {
				if d := math.Hypot(o.Corners[i].X-p.X, o.Corners[i].Y-p.Y); d > 0.05*float64(s.W) {
					t.Errorf("corner %d at %v, drawn at (%.0f, %.0f)", i, o.Corners[i], p.X, p.Y)
				}
			}
			img, err := Rectify(data, o, DefaultConfig().MaxPixels, 1000)
			if err != nil {
				t.Fatal(err)
			}
			b := img.Bounds()
			want := synth.DesignNamed(s.Design).Aspect
			// Perspective makes the mean sides differ from the true
			// proportions by a few per cent.
			if got := float64(b.Dx()) / float64(b.Dy()); math.Abs(got-want)/want > 0.08 {
				t.Errorf("rectified %d×%d (aspect %.3f), the document's is %.3f", b.Dx(), b.Dy(), got, want)
			}
		})
	}
	if len(seen) != 3 {
		t.Fatalf("families tried: %v", seen)
	}
	if _, ok := OutlineOf(map[string]float64{"document_found": 0, "width": 10, "height": 10}); ok {
		t.Error("an outline without a document")
	}
}
