package photo

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/kycd/kycd/checks/photo/internal/geom"
)

// A two-tone card whose coloured band carries a title in large letters:
// completing the white body across the band must stop at the card's
// border, not at the title's baseline, which is as strong a line but runs
// across only part of the card (found on a residence permit drawn outside
// checks/photo/synth, refused as document_not_found).
func TestCompleteBandSkipsATitleLine(t *testing.T) {
	const pw, ph = 500, 375
	plane := make([]uint8, pw*ph)
	rng := rand.New(rand.NewPCG(1, 2))
	for y := range ph {
		for x := range pw {
			v := 100 + rng.IntN(9) - 4 // a desk a little lighter than the band
			switch {
			case x >= 90 && x < 423 && y >= 98 && y < 164:
				v = 60 // the band
				// The title: letters 8 px wide, 2 px apart, over the
				// band's left half, their baseline 45 px above the body.
				if y >= 109 && y < 119 && x >= 140 && x < 260 && (x-140)%10 < 8 {
					v = 235
				}
			case x >= 90 && x < 423 && y >= 164 && y < 314:
				v = 235 // the white body
			}
			plane[y*pw+x] = uint8(v)
		}
	}
	a := &analysis{cfg: DefaultConfig(), plane: plane, pw: pw, ph: ph, metrics: map[string]float64{}}
	g := a.gradients()
	body := geom.Quad{{X: 90, Y: 164}, {X: 423, Y: 164}, {X: 423, Y: 314}, {X: 90, Y: 314}}
	b := quadCand{q: body, area: body.Area(), fill: 1, support: 1, aspect: 333.0 / 150}
	got, ok := a.completeBand(b, g)
	if !ok {
		t.Fatal("the body was not completed to a card")
	}
	top := math.Min(got.q[0].Y, got.q[1].Y)
	if math.Abs(top-98) > 3 || math.Abs(got.q[2].Y-314) > 1 {
		t.Errorf("completed to %v, want the card's border at y 98 (the title's baseline is at 119)", got.q)
	}
}
