package photo

// Config holds every threshold of the photo checks. The defaults come from
// DefaultConfig and were calibrated on the fixtures under testdata (see
// docs/photo-checks.md, which gives the measured values behind each one).
// Luma values are on the 0–255 scale; shares are fractions of 1.
type Config struct {
	// MaxBytes refuses larger files before reading them (photo.too_large).
	MaxBytes int // default 20 MB
	// MaxPixels refuses images whose header claims more pixels, before any
	// decoding (decompression bombs; photo.too_large).
	MaxPixels int // default 50 megapixels
	// MaxSide refuses either side longer than this (photo.too_large).
	MaxSide int // default 16384

	// MinShortSide is the smallest acceptable shorter side of the whole
	// photo in pixels (photo.resolution_low).
	MinShortSide int // default 600
	// MinDocumentPixels is the smallest acceptable long side of the found
	// document in pixels: below it the printed text is unreadable
	// (photo.resolution_low).
	MinDocumentPixels int // default 600

	// DarkMean: a subject (document or face; the whole frame if none was
	// found) with a lower mean luma is too dark (photo.too_dark).
	DarkMean float64 // default 70
	// BrightLuma and OverexposedShare: a subject with more than this share
	// of pixels at or above BrightLuma is washed out (photo.overexposed).
	BrightLuma       float64 // default 248
	OverexposedShare float64 // default 0.5

	// MinSharpness: the document's (or face's) sharpness below it is
	// blurry (photo.blurry). Sharpness is the median share of AC energy in
	// the edge and detail bands over the subject's most textured blocks.
	MinSharpness float64 // default 0.10
	// MinFaceSharpness is the same measure for a selfie, taken at the
	// analysis scale around the face (skin has little fine detail).
	MinFaceSharpness float64 // default 0.04
	// SharpBlockShare is the share of most textured blocks measured.
	SharpBlockShare float64 // default 0.25

	// GlareLuma and GlareMinShare: a connected bright blob at or above
	// GlareLuma covering more than GlareMinShare of the document is glare
	// (photo.glare).
	GlareLuma     float64 // default 250
	GlareMinShare float64 // default 0.004

	// Document framing (document kinds). A candidate is a connected
	// region that is rectangle-like (Rectangularity) with a plausible
	// aspect ratio and at least MinDocumentShare of the frame.
	MinDocumentShare  float64 // default 0.08
	MinRectangularity float64 // default 0.80
	// Aspect ranges (long side / short side): ID-1 cards are 85.6×54 mm
	// (1.585), passport pages 125×88 mm (1.42); perspective widens them.
	CardAspectMin, CardAspectMax         float64 // default 1.35, 1.85
	PassportAspectMin, PassportAspectMax float64 // default 1.20, 1.75
	// EdgeMargin: every side of the document must be at least this share
	// of the frame's side away from the frame's edge (photo.document_cropped).
	EdgeMargin float64 // default 0.01

	// Clutter: the share of background pixels (outside the document or the
	// person) on strong edges, at ~500 px analysis scale; above
	// MaxClutter the background is busy (photo.background_cluttered).
	ClutterEdge float64 // default 40 (luma step between neighbours)
	MaxClutter  float64 // default 0.025
	// ClutterBlocking makes photo.background_cluttered blocking instead of
	// a warning (the catalogue's default).
	ClutterBlocking bool

	// Faces. FaceMinScore is pigo's cascade score below which a detection
	// is ignored. A selfie's face must be at least SelfieMinFaceShare of
	// the photo's shorter side (photo.face_too_small); a portrait on a
	// document at least PortraitMinShare of the document's short side.
	FaceMinScore       float64 // default 8
	SelfieMinFaceShare float64 // default 0.18
	PortraitMinShare   float64 // default 0.12

	// DuplicateDistance: hashes at most this many bits apart are the same
	// picture (photo.duplicate, decided by the caller with IsDuplicate).
	DuplicateDistance int // default 10

	// Workers bounds the goroutines one check may use (0: 2).
	Workers int
}

// DefaultConfig returns the calibrated defaults documented on Config.
func DefaultConfig() Config {
	return Config{
		MaxBytes:           20 << 20,
		MaxPixels:          50_000_000,
		MaxSide:            16384,
		MinShortSide:       600,
		MinDocumentPixels:  600,
		DarkMean:           70,
		BrightLuma:         248,
		OverexposedShare:   0.5,
		MinSharpness:       0.10,
		MinFaceSharpness:   0.04,
		SharpBlockShare:    0.25,
		GlareLuma:          250,
		GlareMinShare:      0.004,
		MinDocumentShare:   0.08,
		MinRectangularity:  0.80,
		CardAspectMin:      1.35,
		CardAspectMax:      1.85,
		PassportAspectMin:  1.20,
		PassportAspectMax:  1.75,
		EdgeMargin:         0.01,
		ClutterEdge:        40,
		MaxClutter:         0.025,
		FaceMinScore:       8,
		SelfieMinFaceShare: 0.18,
		PortraitMinShare:   0.12,
		DuplicateDistance:  10,
		Workers:            2,
	}
}
