package photo

import (
	"math"
	"slices"
)

// cellMedians cuts the rectified document (5 % inset) into square cells
// a sixth of its height and returns each cell's median luma, nx across
// and ny down.
func (a *analysis) cellMedians() (med []float64, nx, ny int) {
	w, h := a.rw, a.rh
	cs := max(4, h/6)
	nx, ny = (w-w/10)/cs, (h-h/10)/cs
	if nx < 3 || ny < 3 {
		return nil, 0, 0
	}
	x0, y0 := (w-nx*cs)/2, (h-ny*cs)/2
	med = make([]float64, nx*ny)
	half := cs * cs / 2
	for cy := range ny {
		for cx := range nx {
			var hist [256]int
			for y := y0 + cy*cs; y < y0+(cy+1)*cs; y++ {
				for _, v := range a.rect[y*w+x0+cx*cs : y*w+x0+(cx+1)*cs] {
					hist[v]++
				}
			}
			n := 0
			for v, c := range hist {
				if n += c; n > half {
					med[cy*nx+cx] = float64(v)
					break
				}
			}
		}
	}
	return med, nx, ny
}

// sheen looks for a broad, soft reflection that washes the document out
// without clipping it (a window or a ceiling light on a glossy card seen
// at a low angle): glare() finds nothing, as no pixel reaches GlareLuma,
// yet the print under it fades towards a pale grey. On a card whose ground
// is dark or mid-toned the reflection lifts the ground by much (the
// brightest cell SheenMinLift or more over the card's ground, the 20th
// percentile of the cells' medians), and it does so gradually: a wide
// ring of cells lies between the ground and the peak (SheenMinRamp of all
// cells, a fifth to four fifths of the way up). A printed light area (a
// portrait, a two-tone card's white band, pale print) ends in a step, so
// nearly every cell is either ground or light. A white or pale card's
// ground cannot be lifted, and the print it washes out is too fine for
// the rectified plane: a sheen on a light card is not found (see
// docs/photo-checks.md). It reports whether it found one, as photo.glare
// where the ring of cells on the way up is centred.
func (a *analysis) sheen() bool {
	if a.cfg.SheenMinLift <= 0 {
		return false
	}
	med, nx, ny := a.cellMedians()
	if med == nil {
		return false
	}
	s := append([]float64(nil), med...)
	slices.Sort(s)
	g := s[len(s)/5]
	peak := s[len(s)-1]
	lift := peak - g
	a.metrics["sheen_lift"] = lift
	if lift < a.cfg.SheenMinLift {
		return false
	}
	// The ring of cells on the way up surrounds the reflection's peak, so
	// its centre places it (the brightest cell may be a light portrait
	// beside it).
	n, sx, sy := 0, 0, 0
	for i, m := range med {
		if m > g+0.2*lift && m < g+0.8*lift {
			n++
			sx += i % nx
			sy += i / nx
		}
	}
	ramp := float64(n) / float64(len(med))
	a.metrics["sheen_ramp"] = math.Round(1000*ramp) / 1000
	if ramp < a.cfg.SheenMinRamp {
		return false
	}
	col := min(2, int(3*(float64(sx)/float64(n)+0.5)/float64(nx)))
	row := min(2, int(3*(float64(sy)/float64(n)+0.5)/float64(ny)))
	a.add("photo.glare", "region", regionKey[row][col])
	return true
}

// regionKey names a third of the document's width and height, as the
// catalogue's glare messages place it.
var regionKey = [3][3]string{
	{"top_left", "top", "top_right"},
	{"left", "center", "right"},
	{"bottom_left", "bottom", "bottom_right"},
}
