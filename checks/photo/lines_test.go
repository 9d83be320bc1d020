package photo

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/kycd/kycd/checks/photo/internal/geom"
)

// planeAnalysis is an analysis of a synthetic plane, gradients taken.
func planeAnalysis(plane []uint8, pw, ph int) (*analysis, *gradients) {
	a := &analysis{cfg: DefaultConfig(), plane: plane, pw: pw, ph: ph, metrics: map[string]float64{}}
	return a, a.gradients()
}

// A two-tone card turned 20° whose two parts are each as light or as dark
// as the desk beside them: no region is a card, but its four edges are
// (the independent set's residence permit on linen was not found).
func TestLineQuadsFindATwoToneCard(t *testing.T) {
	const pw, ph = 500, 375
	card := geom.Quad{}
	c, s := math.Cos(20*math.Pi/180), math.Sin(20*math.Pi/180)
	for k, p := range [4][2]float64{{-150, -95}, {150, -95}, {150, 95}, {-150, 95}} {
		card[k] = geom.Pt{X: 250 + p[0]*c - p[1]*s, Y: 188 + p[0]*s + p[1]*c}
	}
	rng := rand.New(rand.NewPCG(3, 4))
	plane := make([]uint8, pw*ph)
	for y := range ph {
		for x := range pw {
			p := geom.Pt{X: float64(x) + 0.5, Y: float64(y) + 0.5}
			// The desk: light above, darker below a soft diagonal.
			v := 200.0
			if float64(y) > 150+0.2*float64(x) {
				v = 120
			}
			if card.Contains(p) {
				// The card's own y along its short side decides the band.
				u := -(p.X-250)*s + (p.Y-188)*c
				v = 120
				if u < -30 {
					v = 200
				}
				// Its edge: a thin contact shadow, a few levels.
				for k := range 4 {
					if distToLine(p, card[k], card[(k+1)%4]) < 1.5 {
						v -= 40
						break
					}
				}
			}
			plane[y*pw+x] = uint8(v + float64(rng.IntN(9)-4))
		}
	}
	a, g := planeAnalysis(plane, pw, ph)
	got := a.lineQuads(g)
	if len(got) == 0 {
		t.Fatal("no outline from straight edges")
	}
	best := got[0]
	for _, q := range got {
		if q.area > best.area {
			best = q
		}
	}
	for _, want := range card {
		d := math.Inf(1)
		for _, p := range best.q {
			d = min(d, math.Hypot(p.X-want.X, p.Y-want.Y))
		}
		if d > 4 {
			t.Errorf("outline %v: no corner within 4 px of (%.0f, %.0f)", best.q, want.X, want.Y)
		}
	}
}

// A checked tablecloth is all straight edges meeting at right angles, and
// three by two of its checks have a card's proportions: every line of it
// runs on past any corner, so no outline is proposed.
func TestLineQuadsIgnoreChecks(t *testing.T) {
	const pw, ph = 500, 375
	rng := rand.New(rand.NewPCG(5, 6))
	plane := make([]uint8, pw*ph)
	for y := range ph {
		for x := range pw {
			v := 210
			if (x/40+y/40)%2 == 1 {
				v = 90
			}
			plane[y*pw+x] = uint8(v + rng.IntN(9) - 4)
		}
	}
	a, g := planeAnalysis(plane, pw, ph)
	if got := a.lineQuads(g); len(got) != 0 {
		t.Errorf("%d outlines on a checked cloth, the first %v", len(got), got[0].q)
	}
}
