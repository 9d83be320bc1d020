package kycd

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"
	"strconv"
	"time"

	"github.com/kycd/kycd/checks/facematch"
	"github.com/kycd/kycd/checks/ocr"
	"github.com/kycd/kycd/checks/photo"
	"github.com/kycd/kycd/reason"
)

// FaceMatcher finds and describes faces (checks/facematch) for the service
// in a bounded pool: a descriptor costs about a tenth of a second of one
// core and the alignment as much again, so at most Workers run at once and
// the rest wait in the background, never in an upload's answer.
type FaceMatcher struct {
	net  *facematch.Net
	off  error
	pool *workPool
}

// NewFaceMatcher wraps a loaded network with a pool of workers. When net is
// nil, face matching is off and off says why.
func NewFaceMatcher(net *facematch.Net, off error, workers int) *FaceMatcher {
	if net == nil && off == nil {
		off = facematch.ErrNotInstalled
	}
	return &FaceMatcher{net: net, off: off, pool: newWorkPool(workers)}
}

// Status is "on" or "off", as /readyz and `kycd config dump` report it.
func (f *FaceMatcher) Status() string {
	if f == nil || f.net == nil {
		return "off"
	}
	return "on"
}

// Off says why face matching is off; nil when it is on.
func (f *FaceMatcher) Off() error {
	if f == nil {
		return facematch.ErrNotInstalled
	}
	if f.net == nil {
		return f.off
	}
	return nil
}

// errFacesOff is returned by Face when there is no network.
var errFacesOff = errors.New("face matching is off")

// Face waits for a free worker, then finds the face in a photo, cuts it out
// as the network expects and describes it. facematch.ErrNoFace means there
// is none to compare.
func (f *FaceMatcher) Face(ctx context.Context, data []byte) (*facematch.Chip, facematch.Descriptor, error) {
	if f.Status() == "off" {
		return nil, facematch.Descriptor{}, fmt.Errorf("%w: %v", errFacesOff, f.Off())
	}
	if err := f.pool.acquire(ctx); err != nil {
		return nil, facematch.Descriptor{}, err
	}
	defer f.pool.release()
	pix, w, h, err := photo.DecodeRGB(data, ocr.MaxPixels)
	if err != nil {
		return nil, facematch.Descriptor{}, err
	}
	chip, _, err := facematch.Align(pix, w, h, 0)
	if err != nil {
		return nil, facematch.Descriptor{}, err
	}
	return chip, f.net.Describe(chip), nil
}

// begin takes a place in the queue; false when matching is off or the
// queue is full.
func (f *FaceMatcher) begin() bool {
	if f.Status() == "off" {
		return false
	}
	return f.pool.begin()
}

func (f *FaceMatcher) end() {
	f.pool.end()
}

// Wait returns when every queued comparison has been stored.
func (f *FaceMatcher) Wait() {
	if f != nil {
		f.pool.wait()
	}
}

// FaceMatch is the comparison of the selfie's face with the portrait on the
// identity document, for reviewers only: the applicant is never told, and
// it never refuses anything by itself. It is sealed with the application's
// personal data (the crops are faces).
type FaceMatch struct {
	// Selfie and Document are the compared documents' ids; Kind is the
	// document's kind (id_front or passport).
	Selfie   string `json:"selfie"`
	Document string `json:"document"`
	Kind     string `json:"kind"`
	// Distance is the Euclidean distance between the two descriptors; set
	// when both faces were found (Missing empty).
	Distance float64 `json:"distance"`
	// Missing names the photos in which no face was found: "selfie" and/or
	// the document's kind.
	Missing []string `json:"missing,omitempty"`
	// SelfieChip and DocumentChip are the aligned 150×150 crops the network
	// read, as PNG, for the desk to show side by side.
	SelfieChip   []byte    `json:"selfie_chip,omitempty"`
	DocumentChip []byte    `json:"document_chip,omitempty"`
	At           time.Time `json:"at"`
}

// Mismatch reports whether both faces were found and are further apart
// than dlib's threshold.
func (m *FaceMatch) Mismatch() bool {
	return m != nil && len(m.Missing) == 0 && m.Distance >= facematch.Threshold
}

// faceDocument reports whether kind is a document with a portrait.
func faceDocument(kind string) bool { return kind == KindIDFront || kind == KindPassport }

// startFaceMatch compares, in the background, the face of a photo just
// attached with its counterpart's: a selfie with the current card front or
// passport, a card front or passport with the current selfie. The upload's
// answer does not wait; the comparison lands in the application a moment
// later and the desk shows it.
func (s *Service) startFaceMatch(appID string, doc *Document, data []byte) {
	if (doc.Kind != KindSelfie && !faceDocument(doc.Kind)) || !doc.HasPHash || !s.Faces.begin() {
		return
	}
	go func() {
		defer s.Faces.end()
		if err := s.matchFaces(context.Background(), appID, doc, data); err != nil {
			// The error says what failed, never what the photos show.
			s.Log.Warn("faces not compared", "application", appID, "document", doc.ID, "err", err.Error())
		}
	}()
}

// counterpart is the current document doc's face is compared with: the
// newest card front or passport for a selfie, the selfie for those.
func counterpart(docs []*Document, doc *Document) *Document {
	var best *Document
	for _, d := range docs {
		if d.ID == doc.ID || d.ReplacedAt != nil || !d.HasPHash {
			continue
		}
		if (doc.Kind == KindSelfie && faceDocument(d.Kind)) || (faceDocument(doc.Kind) && d.Kind == KindSelfie) {
			if best == nil || d.CreatedAt.After(best.CreatedAt) {
				best = d
			}
		}
	}
	return best
}

func (s *Service) matchFaces(ctx context.Context, appID string, doc *Document, data []byte) error {
	docs, err := s.Store.FindDocuments(ctx, appID)
	if err != nil {
		return err
	}
	other := counterpart(docs, doc)
	if other == nil {
		return nil // nothing to compare with yet
	}
	rc, err := s.Blobs.Open(ctx, other.BlobKey)
	if err != nil {
		return err
	}
	otherData, err := io.ReadAll(io.LimitReader(rc, MaxPhotoBytes+1))
	rc.Close()
	if err != nil {
		return err
	}
	selfie, portrait := doc, other
	selfieData, portraitData := data, otherData
	if doc.Kind != KindSelfie {
		selfie, portrait, selfieData, portraitData = other, doc, otherData, data
	}
	m := &FaceMatch{Selfie: selfie.ID, Document: portrait.ID, Kind: portrait.Kind, At: s.Now()}
	sc, sd, err := s.Faces.Face(ctx, selfieData)
	if errors.Is(err, facematch.ErrNoFace) {
		m.Missing = append(m.Missing, KindSelfie)
	} else if err != nil {
		return err
	}
	pc, pd, err := s.Faces.Face(ctx, portraitData)
	if errors.Is(err, facematch.ErrNoFace) {
		m.Missing = append(m.Missing, portrait.Kind)
	} else if err != nil {
		return err
	}
	if len(m.Missing) == 0 {
		m.Distance = facematch.Distance(sd, pd)
	}
	if m.SelfieChip, err = chipPNG(sc); err != nil {
		return err
	}
	if m.DocumentChip, err = chipPNG(pc); err != nil {
		return err
	}
	return s.Store.WithTx(ctx, func(tx Tx) error {
		// Both photos must still be the application's current ones: a
		// replacement meanwhile has its own comparison queued.
		docs, err := tx.FindDocuments(ctx, appID)
		if err != nil {
			return err
		}
		for _, id := range []string{m.Selfie, m.Document} {
			current := false
			for _, d := range docs {
				current = current || (d.ID == id && d.ReplacedAt == nil)
			}
			if !current {
				return nil
			}
		}
		app, err := tx.FindApplicationByID(ctx, appID)
		if err != nil {
			return err
		}
		if app.Erased {
			return nil
		}
		app.FaceMatch = m
		return tx.UpdateApplication(ctx, app)
	})
}

// chipPNG encodes an aligned face for the desk; nil stays nil.
func chipPNG(c *facematch.Chip) ([]byte, error) {
	if c == nil {
		return nil, nil
	}
	img := image.NewNRGBA(image.Rect(0, 0, facematch.ChipSize, facematch.ChipSize))
	for i, j := 0, 0; i < len(c); i, j = i+3, j+4 {
		img.Pix[j], img.Pix[j+1], img.Pix[j+2], img.Pix[j+3] = c[i], c[i+1], c[i+2], 0xff
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// CaseFace is the face comparison as the desk shows it.
type CaseFace struct {
	Selfie   string `json:"selfie"`
	Document string `json:"document"`
	Kind     string `json:"kind"`
	// Distance and Threshold: the same person by dlib's measure when
	// Distance < Threshold. Compared is false when a face was missing.
	Distance  float64  `json:"distance"`
	Threshold float64  `json:"threshold"`
	Compared  bool     `json:"compared"`
	Match     bool     `json:"match"`
	Missing   []string `json:"missing,omitempty"`
	// The crops, PNG (base64 in JSON).
	SelfieChip   []byte `json:"selfie_chip,omitempty"`
	DocumentChip []byte `json:"document_chip,omitempty"`
}

// caseFace is the application's face comparison for the desk, with its
// finding: face.mismatch (a warning, with the distance) when the faces are
// further apart than the threshold, face.not_compared when a face was not
// found. A comparison of photos since replaced is not shown: the new
// photos' comparison replaces it.
func caseFace(a *Application, docs []*Document) (*CaseFace, []reason.Finding) {
	m := a.FaceMatch
	if m == nil {
		return nil, nil
	}
	for _, id := range []string{m.Selfie, m.Document} {
		current := false
		for _, d := range docs {
			current = current || (d.ID == id && d.ReplacedAt == nil)
		}
		if !current {
			return nil, nil
		}
	}
	cf := &CaseFace{Selfie: m.Selfie, Document: m.Document, Kind: m.Kind, Distance: m.Distance, Threshold: facematch.Threshold,
		Compared: len(m.Missing) == 0, Missing: m.Missing, SelfieChip: m.SelfieChip, DocumentChip: m.DocumentChip}
	cf.Match = cf.Compared && m.Distance < facematch.Threshold
	var fs []reason.Finding
	switch {
	case !cf.Compared:
		for _, k := range m.Missing {
			fs = append(fs, reason.New("face.not_compared", "kind", k).AsWarning().WithField(k))
		}
	case !cf.Match:
		fs = append(fs, reason.New("face.mismatch", "distance", strconv.FormatFloat(m.Distance, 'f', 2, 64),
			"threshold", strconv.FormatFloat(facematch.Threshold, 'f', 2, 64), "kind", m.Kind).AsWarning().WithField(KindSelfie))
	}
	return cf, fs
}

// faceFlags are the face comparison's findings at submission: like every
// warning, a mismatch or a face not found sends the case to a person
// instead of the automatic approval. A comparison that has not landed for
// the current selfie and portrait (still running when the applicant
// submits, or never queued because the queue was full) does not hold the
// submission either, but while face matching is on it is flagged
// face.pending: the automatic rules must not approve a case whose faces
// nobody compared. With face matching off there is nothing to wait for,
// and the start-up log and /readyz say so.
func faceFlags(app *Application, docs []*Document, matching bool) []reason.Finding {
	cf, fs := caseFace(app, docs)
	if cf != nil || !matching {
		return fs
	}
	selfie, portrait := false, false
	for _, d := range docs {
		if d.ReplacedAt != nil || !d.HasPHash {
			continue
		}
		selfie = selfie || d.Kind == KindSelfie
		portrait = portrait || faceDocument(d.Kind)
	}
	if selfie && portrait {
		return []reason.Finding{reason.New("face.pending").AsWarning().WithField(KindSelfie)}
	}
	return nil
}
