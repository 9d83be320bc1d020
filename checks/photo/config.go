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
	// MaxDecodeBytes refuses images whose decoding would allocate more
	// than this, estimated from the header (width × height × channels ×
	// bytes per sample; photo.too_large). 0 disables it.
	MaxDecodeBytes int // default 96 MiB

	// MinShortSide is the smallest acceptable shorter side of the whole
	// photo in pixels (photo.resolution_low).
	MinShortSide int // default 600
	// MinDocumentPixels is the smallest acceptable long side of the found
	// document in pixels: below it the printed text is unreadable
	// (photo.resolution_low).
	MinDocumentPixels int // default 600

	// Exposure of a document, judged on the rectified document itself.
	// DarkP99: when even its brightest print (99th percentile of luma) is
	// below this, there was not enough light (photo.too_dark); also used on
	// the whole frame of a selfie when no face was found.
	DarkP99 float64 // default 100
	// DarkFrameP99: a document photo in which no document (or only one too
	// small) was found is too dark (photo.too_dark) when the whole frame's
	// 99th percentile is below this — about where a white print four stops
	// under lies, darker than any under-exposed card the locator missed
	// could leave it; above it, the scene is only dark (a walnut desk,
	// black granite) and photo.document_not_found is what was found.
	DarkFrameP99 float64 // default 75
	// BrightLuma and OverexposedShare: more than this share of the
	// document at or above BrightLuma, with its median clipped too, is
	// washed out (photo.overexposed).
	BrightLuma float64 // default 248
	// WashedOutShare: a document of a kind with a portrait, none found,
	// with more than this share at or above BrightLuma is
	// photo.overexposed (the portrait washed out), not photo.no_portrait.
	WashedOutShare   float64 // default 0.33
	OverexposedShare float64 // default 0.5
	// FrameOverexposedShare: the same on the whole frame when nothing was
	// found in it.
	FrameOverexposedShare float64 // default 0.6
	// OverexposedPrintP5: a document whose ground is clipped (a white
	// card in a bright room) is not washed out while its print keeps its
	// contrast: its 5th percentile at most this, or, on a kind with a
	// portrait, the portrait found. Over-exposure lifts the print too.
	OverexposedPrintP5 float64 // default 125
	// WeakPortraitScore: a portrait found with a cascade score under this
	// on a card more than WashedOutShare clipped, its print lifted past
	// OverexposedPrintP5 and its median below BrightLuma (a two-tone
	// card's coloured band holds it) is what is left of a washed-out
	// portrait: photo.overexposed.
	WeakPortraitScore float64 // default 12

	// Sharpness of a document (photo.blurry): the blur's σ, from the width
	// of the strongest edges, must not exceed CapFrac × the document's
	// short side / CapsPerSigma, the readability rule for its smallest
	// text. QuarterSigma is the blur the quarter-scale image itself has
	// (from its 2×2 inverse DCT), taken out before comparing.
	CapFrac      float64 // default 0.03
	CapsPerSigma float64 // default 5
	QuarterSigma float64 // default 0.6
	// FrameBlurFactor: where a finding about a document's presence,
	// light or portrait would only be a consequence of blur, the whole
	// photo's blur (frameBlurry) is compared with this many times the
	// limit of a card framed as people frame one, and photo.blurry is
	// said instead.
	FrameBlurFactor float64 // default 2
	// MinFaceSharpness: a selfie's face whose share of AC energy in the
	// edge and detail bands (median over its most textured blocks) is
	// lower is blurry (photo.face_blurry). SharpBlockShare is the share of
	// most textured blocks measured.
	MinFaceSharpness float64 // default 0.04
	SharpBlockShare  float64 // default 0.25

	// Selfie exposure on the middle of the face: darker than FaceDarkMean
	// is photo.face_too_dark; brighter than FaceBrightMean, or more than
	// FaceClippedShare at or above BrightLuma, photo.face_overexposed.
	FaceDarkMean     float64 // default 60
	FaceBrightMean   float64 // default 225
	FaceClippedShare float64 // default 0.2

	// Glare: a blob of the rectified document at or above GlareLuma,
	// larger than GlareMinShare of it, whose surroundings are at least
	// GlareHalo luma brighter just outside it (1–3 px) than a little
	// further (5–9 px): a highlight fades out, print ends in a step.
	GlareLuma     float64 // default 250
	GlareMinShare float64 // default 0.004
	GlareHalo     float64 // default 6
	// GlareFill: the blob fills at least this share of its bounding box
	// (a highlight is a solid spot; the clipped ground of a white card
	// between its lines of print is not). On a light card the halo is
	// itself clipped, so a solid spot no longer than GlareSpotAspect
	// times its width counts without one when nothing else on the card
	// (99th percentile away from the spot) is brighter than
	// GlareGroundP99: light, not ink, is the only white there.
	GlareFill       float64 // default 0.45
	GlareSpotAspect float64 // default 1.8
	GlareGroundP99  float64 // default 245
	// GlareCoreLuma, GlareCoreGroundP99: on a white card neither rule
	// above sees glare (its halo is clipped, its ground near white). A
	// solid spot (GlareFill, GlareSpotAspect) of the pixels at or above
	// GlareCoreLuma — saturated: printed white lit by the room stays a
	// few levels below — counts when the card away from it has a 99th
	// percentile of at most GlareCoreGroundP99, below saturation (an
	// over-exposed white saturates wherever it is printed, a lamp only
	// where it shines). A spot that reaches within 2 % of the card's
	// edge may be the end of a printed white band lit more at that end,
	// and needs the card away from it at most GlareEdgeCoreP99.
	// Any blob at GlareLuma that reaches the edge and is longer than
	// GlareSpotAspect times its width is a sliver of print or desk, not
	// a highlight.
	GlareCoreLuma      float64 // default 254
	GlareCoreGroundP99 float64 // default 253
	GlareEdgeCoreP99   float64 // default 250
	// GlareMaxAspect: no blob longer than this times its width is a
	// highlight, whatever its halo: a lamp's reflection is a spot, while
	// a printed white strip that fades into a pale band (a header's
	// gradient) has a halo of its own.
	GlareMaxAspect float64 // default 2.5
	// GlareHoleLuma, GlareMaxDarkHoles: a blob that encloses more than
	// GlareMaxDarkHoles of its filled area in print darker than
	// GlareHoleLuma is printed white ground with its text, not a
	// highlight, which erases the print under its core.
	// GlareCoreMaxDarkHoles: the same for a saturated spot that leaves
	// under a fifth of the card away from it to compare with.
	GlareHoleLuma         float64 // default 128
	GlareMaxDarkHoles     float64 // default 0.03
	GlareCoreMaxDarkHoles float64 // default 0.01
	// GlareMaxSolid: a blob that, with what it encloses, fills more than
	// this of its box is a printed white box (the rectified card is
	// upright), not a round highlight. GlareMinSaturated: a blob counted
	// on its halo needs this share of its pixels at GlareCoreLuma or
	// above, as lamp light reflected by laminate saturates the sensor.
	GlareMaxSolid     float64 // default 0.88
	GlareMinSaturated float64 // default 0.25
	// Sheen (glare that clips nothing): on the rectified document cut
	// into cells a sixth of its height, the brightest cell's median at
	// least SheenMinLift over the card's ground (the cells' 20th
	// percentile) with at least SheenMinRamp of the cells between the two
	// (a soft rise, not a printed light area's step). 0 turns it off.
	SheenMinLift float64 // default 60
	SheenMinRamp float64 // default 0.35

	// Recapture (a photo of a screen): a window of the document votes for
	// a screen when its luma spectrum has a peak ScreenPeak (log10 of
	// power over the median at the same frequency) or more and its fine
	// chroma, less what follows its luma, is at least ScreenColour of the
	// luma's energy; half of the windows voting → photo.screen_capture.
	ScreenPeak   float64 // default 3
	ScreenColour float64 // default 0.25
	// ScreenColourStrong, ScreenPeakWeak: fine chroma this far from
	// following the luma votes with a weaker peak. The finest screens
	// fold their grid into a moiré too irregular for one sharp peak, but
	// their stripes still change hue as they change brightness. Print
	// reaches such colour only at a sharp step between two inks (the
	// edge of a two-tone card's white band, where the half-resolution
	// chroma misses the luma's step), with no peak at all.
	ScreenColourStrong float64 // default 0.6
	ScreenPeakWeak     float64 // default 2.2
	// ScreenColourMid, ScreenPeakMid: between the two, a window whose
	// colour is ScreenColourMid or more votes with a peak of
	// ScreenPeakMid. No window of a photo that is not a screen's and not
	// printed in four inks (whose rosettes the stripes veto below
	// rules out) reaches a peak of 2.3 with that colour.
	ScreenColourMid float64 // default 0.3
	ScreenPeakMid   float64 // default 2.5
	// ScreenStripes, ScreenRosetteColour: when the voting windows' fine
	// colour runs in no direction (median coherence of its gradients
	// below ScreenStripes) and is moderate (median colour below
	// ScreenRosetteColour), it is the rosettes of print in four inks, not
	// a screen: a screen's R, G, B stripes run in one direction, and a
	// diamond (PenTile) screen's saturated subpixels give far more
	// colour than ink dots on paper.
	ScreenStripes       float64 // default 0.12
	ScreenRosetteColour float64 // default 1.2

	// Locating documents. A candidate outline must enclose at least
	// MinDocumentArea of the frame, lie on an edge along MinEdgeSupport of
	// its length and have a long/short ratio within DocAspectMin–Max (ID-1
	// cards are 85.6×54 mm = 1.585, passport pages 125×88 mm = 1.42;
	// perspective widens the range). A document smaller than
	// MinDocumentShare of the frame is too small (photo.document_too_small);
	// a second one at least MultipleDocumentRatio of the first's area makes
	// photo.multiple_documents.
	MinDocumentArea float64 // default 0.01
	MinEdgeSupport  float64 // default 0.6
	// EdgeStep: when no outline passes on gradient, an outline that failed
	// only on support is measured again by the luma step across its sides;
	// a point counts when the step is at least this many noise floors.
	EdgeStep              float64 // default 4
	DocAspectMin          float64 // default 1.3
	DocAspectMax          float64 // default 1.95
	MinDocumentShare      float64 // default 0.08
	MultipleDocumentRatio float64 // default 0.4
	// SecondCardShare, SecondPortraitScore: when the one document found
	// covers less than SecondCardShare of the frame, a face of its
	// portrait's size scoring at least SecondPortraitScore outside it is
	// a second document's portrait (photo.multiple_documents).
	SecondCardShare     float64 // default 0.16
	SecondPortraitScore float64 // default 12
	// EdgeMargin: every corner of the document must be at least this share
	// of the frame's side away from the frame's edge (photo.document_cropped).
	EdgeMargin float64 // default 0.01
	// MinPrintSpread: an outline cut off by the frame or too small to
	// judge is taken for a document only when the luma over its middle
	// spreads at least this much (95th less 5th percentile): print,
	// a portrait, a band of colour. A floor tile or a plank does not
	// (photo.document_not_found instead of a finding about a document).
	MinPrintSpread float64 // default 30

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
	// A selfie with one face found upright is searched again on the plane
	// turned by ±SecondFaceTilt degrees for a second face at least
	// SecondFaceMinSize of the first one's side (a second person leaning
	// in: photo.multiple_faces). 0 turns the search off.
	SecondFaceTilt    float64 // default 15
	SecondFaceMinSize float64 // default 0.6

	// DuplicateDistance: hashes at most this many bits apart are the same
	// picture (photo.duplicate, decided by the caller with IsDuplicate).
	DuplicateDistance int // default 10

	// Workers bounds the goroutines one check may use (0: 2).
	Workers int
}

// DefaultConfig returns the calibrated defaults documented on Config.
func DefaultConfig() Config {
	return Config{
		MaxBytes:              20 << 20,
		MaxPixels:             50_000_000,
		MaxSide:               16384,
		MaxDecodeBytes:        96 << 20,
		MinShortSide:          600,
		MinDocumentPixels:     600,
		DarkP99:               100,
		DarkFrameP99:          75,
		ScreenPeak:            3,
		ScreenColour:          0.25,
		ScreenColourStrong:    0.6,
		ScreenPeakWeak:        2.2,
		ScreenColourMid:       0.3,
		ScreenPeakMid:         2.5,
		ScreenStripes:         0.12,
		ScreenRosetteColour:   1.2,
		BrightLuma:            248,
		WashedOutShare:        0.33,
		OverexposedShare:      0.5,
		FrameOverexposedShare: 0.6,
		OverexposedPrintP5:    125,
		WeakPortraitScore:     12,
		CapFrac:               0.03,
		CapsPerSigma:          5,
		FrameBlurFactor:       2,
		QuarterSigma:          0.6,
		MinFaceSharpness:      0.04,
		SharpBlockShare:       0.25,
		FaceDarkMean:          60,
		FaceBrightMean:        225,
		FaceClippedShare:      0.2,
		GlareLuma:             250,
		GlareMinShare:         0.004,
		GlareHalo:             6,
		GlareFill:             0.45,
		GlareSpotAspect:       1.8,
		GlareGroundP99:        245,
		GlareCoreLuma:         254,
		GlareCoreGroundP99:    253,
		GlareEdgeCoreP99:      250,
		GlareMaxAspect:        2.5,
		GlareHoleLuma:         128,
		GlareMaxDarkHoles:     0.03,
		GlareCoreMaxDarkHoles: 0.01,
		GlareMaxSolid:         0.88,
		GlareMinSaturated:     0.25,
		MinDocumentArea:       0.01,
		MinEdgeSupport:        0.6,
		EdgeStep:              4,
		DocAspectMin:          1.3,
		DocAspectMax:          1.95,
		MinDocumentShare:      0.08,
		MultipleDocumentRatio: 0.4,
		SecondCardShare:       0.16,
		SecondPortraitScore:   12,
		EdgeMargin:            0.01,
		MinPrintSpread:        30,
		ClutterEdge:           40,
		MaxClutter:            0.025,
		FaceMinScore:          8,
		SelfieMinFaceShare:    0.18,
		PortraitMinShare:      0.12,
		SecondFaceTilt:        15,
		SheenMinLift:          60,
		SheenMinRamp:          0.35,
		SecondFaceMinSize:     0.6,
		DuplicateDistance:     10,
		Workers:               2,
	}
}
