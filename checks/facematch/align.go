package facematch

import (
	_ "embed"
	"errors"
	"math"
	"sync"

	pigo "github.com/esimov/pigo/core"

	"github.com/kycd/kycd/checks/face"
)

// puploc.cascade is pigo v1.4.6's pupil localisation cascade (MIT, see
// LICENSE.pigo), embedded like the face finder.
//
//go:embed puploc.cascade
var puplocCascade []byte

var (
	puplocOnce sync.Once
	puploc     *pigo.PuplocCascade
	puplocErr  error
)

func loadPuploc() (*pigo.PuplocCascade, error) {
	puplocOnce.Do(func() { puploc, puplocErr = pigo.NewPuplocCascade().UnpackCascade(puplocCascade) })
	return puploc, puplocErr
}

// ErrNoFace means no face was found to align: the photo has none the
// detector can see, or its eyes could not be placed.
var ErrNoFace = errors.New("facematch: no face found")

// Where dlib's aligned chips put the eyes: the centres of the six points
// around each eye in dlib's mean face shape (get_face_chip_details, points
// 36-41 and 42-47, x 0.225492 and 0.754761, y 0.215990), with the 0.25
// padding dlib_face_recognition_resnet_model_v1 was trained with:
// (v + 0.25) / 1.5 × 150.
var (
	chipEyeL = [2]float64{(0.225492 + 0.25) / 1.5 * ChipSize, (0.215990 + 0.25) / 1.5 * ChipSize}
	chipEyeR = [2]float64{(0.754761 + 0.25) / 1.5 * ChipSize, (0.215990 + 0.25) / 1.5 * ChipSize}
)

// Found says where the aligned face was in the photo, in its pixels.
type Found struct {
	// X, Y, Size: the detector's square (centre and side).
	X, Y, Size int
	// Score is the detector's cascade score.
	Score float64
	// EyeL, EyeR are the pupils, left and right as seen in the photo.
	EyeL, EyeR [2]float64
}

// detectSide is the longer side the photo is shrunk to for detection: a
// 12 MP selfie's face or a card's portrait is still 60 px or more there,
// and the search stays in tens of milliseconds.
const detectSide = 640

// Align finds the best-scoring face in a packed 8-bit RGB photo (w×h) and
// cuts it out as dlib does for its recognition network: rotated so the
// eyes are level and scaled so they sit where they sit in dlib's chips.
//
// kycd has no landmark model; the eyes come from pigo's pupil localiser,
// which is enough for the upright faces of selfies and document portraits.
// Only the eyes fix the transform, so a face turned away is cut less well
// than dlib's 68-point fit would cut it.
func Align(pix []uint8, w, h int, minScore float64) (*Chip, Found, error) {
	if w <= 0 || h <= 0 || len(pix) < 3*w*h {
		return nil, Found{}, ErrNoFace
	}
	// Detection on a shrunk grey copy (area averages).
	f := max(1, int(math.Ceil(float64(max(w, h))/detectSide)))
	sw, sh := w/f, h/f
	if sw < 24 || sh < 24 {
		return nil, Found{}, ErrNoFace
	}
	small := greyShrink(pix, w, h, f)
	if minScore <= 0 {
		minScore = 8
	}
	faces := face.Detect(small, sw, sh, face.Params{MinScore: minScore, MinSize: 24})
	if len(faces) == 0 {
		return nil, Found{}, ErrNoFace
	}
	best := faces[0]
	for _, c := range faces[1:] {
		if c.Score > best.Score {
			best = c
		}
	}
	found := Found{X: best.X*f + (f-1)/2, Y: best.Y*f + (f-1)/2, Size: best.Size * f, Score: best.Score}

	// The pupils, on a grey patch around the face at a resolution where the
	// face is about 200 px: finer than the detection copy, never larger
	// than the photo.
	g := max(1, found.Size/200)
	side := 2 * found.Size / g
	x0, y0 := found.X-found.Size, found.Y-found.Size
	patch := greyPatch(pix, w, h, x0, y0, side, g)
	plc, err := loadPuploc()
	if err != nil {
		return nil, Found{}, err
	}
	img := pigo.ImageParams{Pixels: patch, Rows: side, Cols: side, Dim: side}
	fs := float32(found.Size / g)
	cx, cy := side/2, side/2
	eye := func(dx float32) ([2]float64, bool) {
		p := plc.RunDetector(pigo.Puploc{Row: cy - int(0.085*fs), Col: cx + int(dx*fs), Scale: 0.4 * fs,
			// RunDetector sorts all 63 slots of its pooled buffers and takes
			// the middle one: fewer perturbations would mix in stale values.
			Perturbs: 63}, img, 0, false)
		if p.Row <= 0 || p.Col <= 0 {
			return [2]float64{}, false
		}
		half := float64(g-1) / 2 // a patch pixel's centre in the photo
		return [2]float64{float64(x0+p.Col*g) + half, float64(y0+p.Row*g) + half}, true
	}
	l, okL := eye(-0.185)
	r, okR := eye(0.185)
	if !okL || !okR {
		return nil, Found{}, ErrNoFace
	}
	// Eyes must be apart, roughly level and inside the face's square, or
	// the localiser has wandered off (a face too small or too blurred).
	dx, dy := r[0]-l[0], r[1]-l[1]
	dist := math.Hypot(dx, dy)
	if dx <= 0 || dist < 0.2*float64(found.Size) || dist > 0.7*float64(found.Size) || math.Abs(dy) > 0.5*dist {
		return nil, Found{}, ErrNoFace
	}
	found.EyeL, found.EyeR = l, r
	return cut(pix, w, h, l, r), found, nil
}

// cut samples the chip through the similarity transform that takes the
// chip's eye positions to the photo's eyes, averaging n×n bilinear samples
// per chip pixel when the face is larger than the chip (as dlib's chip
// extraction shrinks through a pyramid first).
func cut(pix []uint8, w, h int, l, r [2]float64) *Chip {
	cdx, cdy := chipEyeR[0]-chipEyeL[0], chipEyeR[1]-chipEyeL[1]
	pdx, pdy := r[0]-l[0], r[1]-l[1]
	// photo = A·chip + t, with A = s·rotation, from the two eye pairs.
	den := cdx*cdx + cdy*cdy
	a := (pdx*cdx + pdy*cdy) / den
	b := (pdy*cdx - pdx*cdy) / den
	tx := l[0] - (a*chipEyeL[0] - b*chipEyeL[1])
	ty := l[1] - (b*chipEyeL[0] + a*chipEyeL[1])
	scale := math.Hypot(a, b)
	n := max(1, int(math.Ceil(scale)))
	var chip Chip
	for v := range ChipSize {
		for u := range ChipSize {
			var acc [3]float64
			for j := range n {
				for i := range n {
					cu := float64(u) + (float64(i)+0.5)/float64(n) - 0.5
					cv := float64(v) + (float64(j)+0.5)/float64(n) - 0.5
					x := a*cu - b*cv + tx
					y := b*cu + a*cv + ty
					bilinear(pix, w, h, x, y, &acc)
				}
			}
			o := (v*ChipSize + u) * 3
			for c := range 3 {
				chip[o+c] = uint8(math.Round(min(255, max(0, acc[c]/float64(n*n)))))
			}
		}
	}
	return &chip
}

// bilinear adds the colour at (x, y) to acc; outside the photo is black,
// as dlib pads.
func bilinear(pix []uint8, w, h int, x, y float64, acc *[3]float64) {
	x0, y0 := int(math.Floor(x)), int(math.Floor(y))
	fx, fy := x-float64(x0), y-float64(y0)
	at := func(xx, yy int, wt float64) {
		if xx < 0 || yy < 0 || xx >= w || yy >= h || wt == 0 {
			return
		}
		o := (yy*w + xx) * 3
		acc[0] += wt * float64(pix[o])
		acc[1] += wt * float64(pix[o+1])
		acc[2] += wt * float64(pix[o+2])
	}
	at(x0, y0, (1-fx)*(1-fy))
	at(x0+1, y0, fx*(1-fy))
	at(x0, y0+1, (1-fx)*fy)
	at(x0+1, y0+1, fx*fy)
}

// luma is BT.601's, as the photo checks use.
func luma(p []uint8) int { return (299*int(p[0]) + 587*int(p[1]) + 114*int(p[2])) / 1000 }

// greyShrink averages f×f blocks of the photo's luma.
func greyShrink(pix []uint8, w, h, f int) []uint8 {
	sw, sh := w/f, h/f
	out := make([]uint8, sw*sh)
	for y := range sh {
		for x := range sw {
			s := 0
			for j := range f {
				row := ((y*f+j)*w + x*f) * 3
				for i := range f {
					s += luma(pix[row+3*i:])
				}
			}
			out[y*sw+x] = uint8(s / (f * f))
		}
	}
	return out
}

// greyPatch is the side×side grey image whose pixel (i, j) averages the
// g×g photo block at (x0+i·g, y0+j·g); outside the photo is mid grey, so
// a face at the photo's edge gives the localiser no false edge.
func greyPatch(pix []uint8, w, h, x0, y0, side, g int) []uint8 {
	out := make([]uint8, side*side)
	for j := range side {
		for i := range side {
			s, n := 0, 0
			for dy := range g {
				yy := y0 + j*g + dy
				if yy < 0 || yy >= h {
					continue
				}
				for dx := range g {
					xx := x0 + i*g + dx
					if xx < 0 || xx >= w {
						continue
					}
					s += luma(pix[(yy*w+xx)*3:])
					n++
				}
			}
			if n == 0 {
				out[j*side+i] = 128
			} else {
				out[j*side+i] = uint8(s / n)
			}
		}
	}
	return out
}
