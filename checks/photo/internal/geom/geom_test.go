package geom

import (
	"math"
	"testing"
)

func TestFromQuadsRoundTrip(t *testing.T) {
	src := Quad{{0, 0}, {856, 0}, {856, 540}, {0, 540}}
	dst := Quad{{103, 88}, {911, 131}, {870, 642}, {77, 590}}
	h, ok := FromQuads(src, dst)
	if !ok {
		t.Fatal("degenerate")
	}
	inv, ok := h.Inverse()
	if !ok {
		t.Fatal("singular")
	}
	for i := range 4 {
		p := h.Apply(src[i])
		if math.Hypot(p.X-dst[i].X, p.Y-dst[i].Y) > 1e-6 {
			t.Errorf("corner %d maps to %v, want %v", i, p, dst[i])
		}
		b := inv.Apply(dst[i])
		if math.Hypot(b.X-src[i].X, b.Y-src[i].Y) > 1e-6 {
			t.Errorf("inverse of corner %d is %v, want %v", i, b, src[i])
		}
	}
	if !dst.Contains(h.Apply(Pt{428, 270})) || dst.Contains(Pt{0, 0}) {
		t.Error("Contains wrong")
	}
	if a := src.Area(); a != 856*540 {
		t.Errorf("Area=%v", a)
	}
	if _, ok := FromQuads(Quad{{0, 0}, {1, 1}, {2, 2}, {3, 3}}, dst); ok {
		t.Error("collinear corners accepted")
	}
}
