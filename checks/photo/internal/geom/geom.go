// Package geom holds the plane geometry the photo checks and their corpus
// generator share: points, quadrilaterals and the homography between two
// quadrilaterals (a document seen in perspective and its upright rectangle).
package geom

import "math"

// Pt is a point in pixel coordinates.
type Pt struct{ X, Y float64 }

// Quad is a quadrilateral, corners in order around it (top left, top
// right, bottom right, bottom left for an upright document).
type Quad [4]Pt

// Area is the quadrilateral's area (shoelace formula; positive either way
// round).
func (q Quad) Area() float64 {
	var s float64
	for i := range 4 {
		a, b := q[i], q[(i+1)%4]
		s += a.X*b.Y - b.X*a.Y
	}
	return math.Abs(s) / 2
}

// Side is the length of side i (from corner i to corner i+1).
func (q Quad) Side(i int) float64 {
	a, b := q[i], q[(i+1)%4]
	return math.Hypot(b.X-a.X, b.Y-a.Y)
}

// Contains reports whether p lies inside the (convex) quadrilateral.
func (q Quad) Contains(p Pt) bool {
	sign := 0.0
	for i := range 4 {
		a, b := q[i], q[(i+1)%4]
		c := (b.X-a.X)*(p.Y-a.Y) - (b.Y-a.Y)*(p.X-a.X)
		if c != 0 {
			if sign == 0 {
				sign = c
			} else if (c > 0) != (sign > 0) {
				return false
			}
		}
	}
	return true
}

// H is a 3×3 homography, row-major, mapping (x, y, 1) up to scale.
type H [9]float64

// Apply maps p.
func (h H) Apply(p Pt) Pt {
	w := h[6]*p.X + h[7]*p.Y + h[8]
	return Pt{(h[0]*p.X + h[1]*p.Y + h[2]) / w, (h[3]*p.X + h[4]*p.Y + h[5]) / w}
}

// Inverse returns the inverse homography; ok is false when h is singular.
func (h H) Inverse() (H, bool) {
	a, b, c, d, e, f, g, i, k := h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], h[8]
	A, B, C := e*k-f*i, -(d*k - f*g), d*i-e*g
	det := a*A + b*B + c*C
	if math.Abs(det) < 1e-12 {
		return H{}, false
	}
	inv := H{A, -(b*k - c*i), b*f - c*e, B, a*k - c*g, -(a*f - c*d), C, -(a*i - b*g), a*e - b*d}
	for j := range inv {
		inv[j] /= det
	}
	return inv, true
}

// FromQuads returns the homography taking src's corners to dst's; ok is
// false when the corners are degenerate (three in a line).
func FromQuads(src, dst Quad) (H, bool) {
	// Eight equations in h0..h7 with h8 = 1.
	var m [8][9]float64
	for i := range 4 {
		x, y, u, v := src[i].X, src[i].Y, dst[i].X, dst[i].Y
		m[2*i] = [9]float64{x, y, 1, 0, 0, 0, -u * x, -u * y, u}
		m[2*i+1] = [9]float64{0, 0, 0, x, y, 1, -v * x, -v * y, v}
	}
	for col := range 8 {
		piv := col
		for r := col + 1; r < 8; r++ {
			if math.Abs(m[r][col]) > math.Abs(m[piv][col]) {
				piv = r
			}
		}
		if math.Abs(m[piv][col]) < 1e-12 {
			return H{}, false
		}
		m[col], m[piv] = m[piv], m[col]
		for r := range 8 {
			if r == col {
				continue
			}
			f := m[r][col] / m[col][col]
			for c := col; c < 9; c++ {
				m[r][c] -= f * m[col][c]
			}
		}
	}
	var h H
	for i := range 8 {
		h[i] = m[i][8] / m[i][i]
	}
	h[8] = 1
	return h, true
}
