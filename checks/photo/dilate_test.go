package photo

import (
	"math/rand/v2"
	"testing"
)

// TestDilateMatchesSquare compares the separable dilation with the
// definition: a cell is set when any set cell lies within r in both axes.
func TestDilateMatchesSquare(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, r := range []int{0, 1, 3} {
		w, h := 23, 17
		m := make([]bool, w*h)
		for i := range m {
			m[i] = rng.IntN(40) == 0
		}
		got := dilate(m, w, h, r)
		for y := range h {
			for x := range w {
				want := false
				for yy := max(0, y-r); yy <= min(h-1, y+r) && !want; yy++ {
					for xx := max(0, x-r); xx <= min(w-1, x+r); xx++ {
						if m[yy*w+xx] {
							want = true
							break
						}
					}
				}
				if got[y*w+x] != want {
					t.Fatalf("r=%d (%d,%d): got %v, want %v", r, x, y, got[y*w+x], want)
				}
			}
		}
	}
}
