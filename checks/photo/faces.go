package photo

import (
	"math"

	"github.com/kycd/kycd/checks/face"
)

// tiltedFace looks for a second person's face that the upright search
// missed: people leaning in together for a selfie tilt their heads, and a
// frontal cascade loses a face tilted by more than about 10° (calibration,
// selfie_two_faces: second faces tilted 8–22° scored 0.5–2.4 against
// FaceMinScore 8, the first face 50–75). So, once one face is found, the
// plane is turned by ±SecondFaceTilt about its centre and searched again,
// only for faces of about the first one's size (SecondFaceMinSize to 1.5
// times it): two people side by side are at about the same distance, and
// windows that large are few, so the search costs a small part of the
// first. A detection counts when its centre, turned back, lies outside
// the first face's box. It reports whether one was found.
func (a *analysis) tiltedFace() bool {
	if len(a.faces) != 1 || a.cfg.SecondFaceTilt <= 0 {
		return false
	}
	f := a.faces[0]
	side := f.x1 - f.x0
	p := face.Params{MinScore: a.cfg.FaceMinScore, Workers: max(1, a.cfg.Workers),
		MinSize: max(16, int(a.cfg.SecondFaceMinSize*float64(side))), MaxSize: side * 3 / 2}
	if p.MinSize > min(a.pw, a.ph) {
		return false
	}
	rot := make([]uint8, a.pw*a.ph)
	cx, cy := float64(a.pw)/2, float64(a.ph)/2
	for _, deg := range []float64{a.cfg.SecondFaceTilt, -a.cfg.SecondFaceTilt} {
		s, c := math.Sincos(deg * math.Pi / 180)
		// rot(x, y) = plane(turned back by deg).
		for y := range a.ph {
			dy := float64(y) + 0.5 - cy
			for x := range a.pw {
				dx := float64(x) + 0.5 - cx
				sx, sy := cx+dx*c+dy*s-0.5, cy-dx*s+dy*c-0.5
				if sx < 0 || sy < 0 || sx > float64(a.pw-1) || sy > float64(a.ph-1) {
					rot[y*a.pw+x] = 0
					continue
				}
				rot[y*a.pw+x] = bilinear8(a.plane, a.pw, a.ph, sx, sy)
			}
		}
		for _, d := range face.Detect(rot, a.pw, a.ph, p) {
			dx, dy := float64(d.X)+0.5-cx, float64(d.Y)+0.5-cy
			px, py := int(cx+dx*c+dy*s), int(cy-dx*s+dy*c)
			if px >= f.x0 && px <= f.x1 && py >= f.y0 && py <= f.y1 {
				continue // the first face, tilted
			}
			a.metrics["second_face_tilt"] = deg
			a.metrics["second_face_score"] = math.Round(d.Score*10) / 10
			return true
		}
	}
	return false
}
