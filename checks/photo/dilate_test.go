package photo

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestDilateMatchesSquare compares the separable dilation with the
// definition: a cell is set when any set cell lies within r in both axes,
// on masks narrower and wider than the 64 cells of a packed word.
func TestDilateMatchesSquare(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, r := range []int{0, 1, 3, 70} {
		for _, size := range [][2]int{{23, 17}, {64, 5}, {150, 13}} {
			w, h := size[0], size[1]
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
						t.Fatalf("r=%d %dx%d (%d,%d): got %v, want %v", r, w, h, x, y, got[y*w+x], want)
					}
				}
			}
		}
	}
}

// TestOpenMatchesSquare compares the opening with its definition: erode
// (every cell of the square around a cell set, and the square inside the
// box), then dilate (any cell of the square, clipped to the box, set), for
// several radii and box placements, including boxes narrower than the
// square and wider than a packed word.
func TestOpenMatchesSquare(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, r := range []int{0, 1, 2, 3} {
		for _, box := range [][4]int{{0, 0, 22, 16}, {3, 2, 19, 11}, {5, 5, 8, 9}, {0, 4, 1, 16},
			{0, 0, 139, 16}, {7, 1, 71, 15}, {60, 3, 130, 12}, {1, 0, 64, 16}} {
			w, h := 140, 17
			m := make([]bool, w*h)
			for i := range m {
				m[i] = rng.IntN(5) != 0
			}
			x0, y0, x1, y1 := box[0], box[1], box[2], box[3]
			in := func(x, y int) bool { return x >= x0 && x <= x1 && y >= y0 && y <= y1 }
			eroded := make([]bool, w*h)
			for y := y0; y <= y1; y++ {
				for x := x0; x <= x1; x++ {
					all := true
					for yy := y - r; yy <= y+r; yy++ {
						for xx := x - r; xx <= x+r; xx++ {
							all = all && in(xx, yy) && m[yy*w+xx]
						}
					}
					eroded[y*w+x] = all
				}
			}
			want := slices.Clone(m)
			for y := y0; y <= y1; y++ {
				for x := x0; x <= x1; x++ {
					any := false
					for yy := y - r; yy <= y+r; yy++ {
						for xx := x - r; xx <= x+r; xx++ {
							any = any || (in(xx, yy) && eroded[yy*w+xx])
						}
					}
					want[y*w+x] = any
				}
			}
			got := slices.Clone(m)
			open(got, w, h, x0, y0, x1, y1, r)
			if !slices.Equal(got, want) {
				t.Fatalf("r=%d box=%v: opening differs from the definition", r, box)
			}
		}
	}
}

// TestComponentsMatchFloodFill compares the run-based labelling with a
// pixel-by-pixel flood fill on random masks: the same ids on the same
// pixels, the same regions kept, in the same order, each with its runs;
// and a labeller reused from mask to mask without labels (as the locating
// stage uses one) finds the same regions.
func TestComponentsMatchFloodFill(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	var reused labeller
	for trial := range 200 {
		w, h := 1+rng.IntN(40), 1+rng.IntN(30)
		density := 1 + rng.IntN(4)
		mask := make([]bool, w*h)
		for i := range mask {
			mask[i] = rng.IntN(density+1) != 0
		}
		minArea := rng.IntN(6)
		want := make([]int32, w*h)
		var wantComps []comp
		next := int32(0)
		for i := range mask {
			if !mask[i] || want[i] != 0 {
				continue
			}
			next++
			c := comp{id: next, x0: w, y0: h, x1: -1, y1: -1}
			stack := []int{i}
			want[i] = next
			for len(stack) > 0 {
				j := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				x, y := j%w, j/w
				c.area++
				c.x0, c.x1, c.y0, c.y1 = min(c.x0, x), max(c.x1, x), min(c.y0, y), max(c.y1, y)
				for _, n := range [][2]int{{x - 1, y}, {x + 1, y}, {x, y - 1}, {x, y + 1}} {
					if n[0] >= 0 && n[1] >= 0 && n[0] < w && n[1] < h && mask[n[1]*w+n[0]] && want[n[1]*w+n[0]] == 0 {
						want[n[1]*w+n[0]] = next
						stack = append(stack, n[1]*w+n[0])
					}
				}
			}
			if c.area >= minArea {
				wantComps = append(wantComps, c)
			}
		}
		labels := make([]int32, w*h)
		for i := range labels {
			labels[i] = -7 // stale scratch must be overwritten
		}
		got := components(w, h, labels, mask, minArea)
		if !slices.Equal(labels, want) {
			t.Fatalf("trial %d (%d×%d): labels differ from the flood fill", trial, w, h)
		}
		if len(got) != len(wantComps) {
			t.Fatalf("trial %d: %d regions, want %d", trial, len(got), len(wantComps))
		}
		if again := reused.components(w, h, nil, mask, minArea); !slices.EqualFunc(again, got, func(x, y comp) bool {
			return x.id == y.id && x.area == y.area && x.x0 == y.x0 && x.y0 == y.y0 && x.x1 == y.x1 && x.y1 == y.y1 && slices.Equal(x.runs, y.runs)
		}) {
			t.Fatalf("trial %d: the reused labeller finds other regions", trial)
		}
		for k := range got {
			g, x := got[k], wantComps[k]
			if g.id != x.id || g.area != x.area || g.x0 != x.x0 || g.y0 != x.y0 || g.x1 != x.x1 || g.y1 != x.y1 {
				t.Fatalf("trial %d region %d: %+v, want %+v", trial, k, g, x)
			}
			// Its runs are its pixels, in raster order.
			n, last := 0, -1
			for _, r := range g.runs {
				for xx := r.x0; xx < r.x1; xx++ {
					i := int(r.y)*w + int(xx)
					if want[i] != g.id || i <= last {
						t.Fatalf("trial %d region %d: run %+v is not its pixels in order", trial, k, r)
					}
					last = i
					n++
				}
			}
			if n != g.area {
				t.Fatalf("trial %d region %d: runs cover %d pixels, area %d", trial, k, n, g.area)
			}
		}
	}
}
