package kycd

import (
	"slices"

	"github.com/kycd/kycd/checks/identity"
)

// Document kinds beyond the photo kinds of checks/photo.
const (
	KindIDFront     = "id_front"
	KindIDBack      = "id_back"
	KindPassport    = "passport"
	KindSelfie      = "selfie"
	KindSelfieVideo = "selfie_video"
)

// Requirements say what an application must contain.
type Requirements struct {
	Fields        []string              `json:"fields"`
	DocumentTypes []string              `json:"document_types"`
	Documents     []DocumentRequirement `json:"documents"`
}

// DocumentRequirement is one document the applicant must provide.
type DocumentRequirement struct {
	Kind     string   `json:"kind"`
	Accept   []string `json:"accept"`
	MaxBytes int64    `json:"max_bytes"`
	// Capture hints the browser's camera: "environment" for documents,
	// "user" for selfies.
	Capture string `json:"capture,omitempty"`
}

// Upload limits per kind of document.
const (
	MaxPhotoBytes    = 20 << 20
	MaxVideoBytes    = 100 << 20
	MaxDocumentBytes = 20 << 20
)

var photoTypes = []string{"image/jpeg", "image/png", "image/webp", "image/heic"}

// MaxUploadBytes is the size limit of an upload of kind.
func MaxUploadBytes(kind string) int64 {
	switch {
	case kind == KindSelfieVideo:
		return MaxVideoBytes
	case IsPhotoKind(kind):
		return MaxPhotoBytes
	}
	return MaxDocumentBytes
}

// IsPhotoKind reports whether kind is checked by the photo checks.
func IsPhotoKind(kind string) bool {
	return IsIdentityDocumentKind(kind) || kind == KindSelfie
}

// IsIdentityDocumentKind reports whether kind is a photo of the identity
// document (a card's sides, a passport's data page): the photos that are
// located and read, and that a redo of "documents" covers.
func IsIdentityDocumentKind(kind string) bool {
	return kind == KindIDFront || kind == KindIDBack || kind == KindPassport
}

// RequirementsFor computes what an application for level needs, given the
// document type chosen so far (empty: the ID-card documents are listed,
// the commonest choice).
func (s *Service) RequirementsFor(level int, docType string) Requirements {
	r := Requirements{DocumentTypes: identity.DocumentTypes(), Documents: []DocumentRequirement{}}
	photo := func(kind, capture string) DocumentRequirement {
		return DocumentRequirement{Kind: kind, Accept: photoTypes, MaxBytes: MaxPhotoBytes, Capture: capture}
	}
	r.Fields = []string{"full_name", "document_type", "document_number", "birth_date", "sex", "nationality"}
	if level >= 3 {
		r.Fields = append(r.Fields, "address")
	}
	switch level {
	case 2:
		if docType == identity.Passport {
			r.Documents = append(r.Documents, photo(KindPassport, "environment"))
		} else {
			r.Documents = append(r.Documents, photo(KindIDFront, "environment"), photo(KindIDBack, "environment"))
		}
		r.Documents = append(r.Documents, photo(KindSelfie, "user"))
	default:
		r.Documents = append(r.Documents, DocumentRequirement{Kind: KindSelfieVideo,
			Accept: []string{"video/mp4", "video/quicktime", "video/webm"}, MaxBytes: MaxVideoBytes, Capture: "user"})
		if lvl, ok := s.Policy.Level(level); ok {
			for _, d := range lvl.SupportingDocuments {
				r.Documents = append(r.Documents, DocumentRequirement{Kind: d,
					Accept: []string{"application/pdf", "image/jpeg", "image/png"}, MaxBytes: MaxDocumentBytes})
			}
		}
	}
	return r
}

// takesKind reports whether app accepts a document of kind. Both the ID
// card's and the passport's documents count while the document type may
// still change (an applicant may photograph the card, then switch).
func (s *Service) takesKind(app *Application, kind string) bool {
	return s.RequirementsFor(app.Level, app.Identity.DocumentType).needs(kind) ||
		s.RequirementsFor(app.Level, identity.Passport).needs(kind)
}

// NeedsField reports whether the identity form's field must be filled
// for this level (the address, from level 3).
func (r Requirements) NeedsField(field string) bool { return slices.Contains(r.Fields, field) }

func (r Requirements) needs(kind string) bool {
	return slices.ContainsFunc(r.Documents, func(d DocumentRequirement) bool { return d.Kind == kind })
}
