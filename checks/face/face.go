// Package face finds frontal faces in a grey image with pigo's pixel
// intensity comparison cascade (github.com/esimov/pigo).
//
// The cascade file facefinder.cascade is copied from pigo v1.4.6 (MIT
// licence, see LICENSE.pigo) and embedded, so detection needs no files at
// run time and the package stays a pure function of its input.
package face

import (
	_ "embed"
	"sort"
	"sync"

	pigo "github.com/esimov/pigo/core"
)

//go:embed facefinder.cascade
var cascadeFile []byte

var (
	once       sync.Once
	classifier *pigo.Pigo // for clustering the detections
	trees      *cascade   // for finding them (cascade.go)
	unpackErr  error
)

func load() (*pigo.Pigo, *cascade, error) {
	once.Do(func() {
		if classifier, unpackErr = pigo.NewPigo().Unpack(cascadeFile); unpackErr == nil {
			trees, unpackErr = parseCascade(cascadeFile)
		}
	})
	return classifier, trees, unpackErr
}

// Face is one detected face: the centre and side of its square, in the
// pixels of the image passed to Detect, and the cascade's score.
type Face struct {
	X, Y, Size int
	Score      float64
}

// Params tune the search. Zero values take the defaults in brackets.
type Params struct {
	MinSize, MaxSize int     // face side in pixels [20, the image's shorter side]
	Shift            float64 // window step as a share of its size [0.1]
	Scale            float64 // growth between window sizes [1.1]
	MinScore         float64 // clustered detections scoring less are dropped [5]
	Workers          int     // goroutines sharing the window sizes [1]
}

// Detect returns the faces in the w×h grey image pix (row-major, stride w),
// best score first. The image is only read.
func Detect(pix []uint8, w, h int, p Params) []Face {
	pg, cs, err := load()
	if err != nil || w <= 0 || h <= 0 || len(pix) < w*h {
		return nil
	}
	if p.MinSize <= 0 {
		p.MinSize = 20
	}
	if p.MaxSize <= 0 || p.MaxSize > min(w, h) {
		p.MaxSize = min(w, h)
	}
	if p.Shift <= 0 {
		p.Shift = 0.1
	}
	if p.Scale <= 1 {
		p.Scale = 1.1
	}
	if p.MinScore == 0 {
		p.MinScore = 5
	}
	if p.MinSize > p.MaxSize {
		return nil
	}
	var dets []pigo.Detection
	ranges := splitSizes(p.MinSize, p.MaxSize, p.Scale, max(1, p.Workers))
	if len(ranges) == 1 {
		dets = cs.run(pix, h, w, w, p.MinSize, p.MaxSize, p.Shift, p.Scale)
	} else {
		// The classifier is read-only once unpacked, so window sizes can
		// be searched in parallel; splitSizes balances the window counts.
		parts := make([][]pigo.Detection, len(ranges))
		var wg sync.WaitGroup
		for i, r := range ranges {
			wg.Go(func() {
				parts[i] = cs.run(pix, h, w, w, r[0], r[1], p.Shift, p.Scale)
			})
		}
		wg.Wait()
		for _, d := range parts {
			dets = append(dets, d...)
		}
	}
	dets = pg.ClusterDetections(dets, 0.2)
	var out []Face
	for _, d := range dets {
		if float64(d.Q) >= p.MinScore {
			out = append(out, Face{X: d.Col, Y: d.Row, Size: d.Scale, Score: float64(d.Q)})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	// pigo's clustering can leave two boxes of different sizes on one
	// face; keep the better one when a centre lies inside another box.
	var kept []Face
	for _, f := range out {
		dup := false
		for _, k := range kept {
			if abs(f.X-k.X) < max(f.Size, k.Size)/2 && abs(f.Y-k.Y) < max(f.Size, k.Size)/2 {
				dup = true
				break
			}
		}
		if !dup {
			kept = append(kept, f)
		}
	}
	return kept
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// splitSizes cuts the window sizes pigo visits (min, ×scale, ..., max) into
// n contiguous ranges of about equal work: the windows at size s number
// about 1/s², so small sizes dominate.
func splitSizes(lo, hi int, scale float64, n int) [][2]int {
	var sizes []int
	for s := lo; s <= hi; s = int(float64(s) + max(2, float64(s)*scale-float64(s))) {
		sizes = append(sizes, s)
	}
	if n <= 1 || len(sizes) < 2*n {
		return [][2]int{{lo, hi}}
	}
	total := 0.0
	for _, s := range sizes {
		total += 1 / float64(s*s)
	}
	var out [][2]int
	start, acc := 0, 0.0
	for i, s := range sizes {
		acc += 1 / float64(s*s)
		if acc >= total/float64(n)*float64(len(out)+1) && len(out) < n-1 {
			out = append(out, [2]int{sizes[start], s})
			start = i + 1
		}
	}
	if start < len(sizes) {
		out = append(out, [2]int{sizes[start], hi})
	}
	return out
}
