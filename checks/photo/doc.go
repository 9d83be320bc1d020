// Package photo checks a photo of an identity document or a selfie the
// moment it arrives: format and size, resolution, blur, exposure, glare,
// document framing, background and faces. Each problem is a reason-coded
// finding (codes photo.*) the user can act on, with the metrics behind it.
//
// Check is a pure function of the bytes, the kind of photo and a Config of
// thresholds. Baseline JPEGs — nearly every phone and browser upload — are
// read by the package's own entropy decoder, which stops before the inverse
// DCT: the block means form a 1/8-scale image (framing, exposure, glare,
// faces, hash) and the AC energies measure sharpness, so a 12-megapixel
// photo is checked in about the time a full decode would take. Other
// formats (PNG, WebP, HEIC, progressive JPEG) are decoded in full and go
// through the same measures via a forward DCT.
//
// docs/photo-checks.md describes each metric and how its default threshold
// was chosen.
package photo
