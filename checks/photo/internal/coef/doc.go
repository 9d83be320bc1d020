// Package coef reads what kycd's photo checks need straight out of a JPEG's
// entropy-coded data, without an inverse DCT: per 8×8 luma block the mean
// (the DC term), the three lowest AC terms (enough for a 2×2 inverse DCT,
// i.e. a quarter-scale image) and the AC energy in three frequency bands
// (sharpness and texture).
//
// Why not image/jpeg: for a 12-megapixel photo, Go's decoder spends most of
// its ~250 ms on the inverse DCT, upsampling and colour conversion of pixels
// the checks then average away again. The Huffman decoding alone is the
// floor; this package stops there. The decoder follows ITU-T T.81 for
// baseline and extended sequential Huffman JPEGs with 8-bit samples; anything
// else (progressive, arithmetic coding, 12-bit, CMYK) returns ErrUnsupported
// so the caller can fall back to a full decoder.
//
// For images that are not JPEGs, FromGray computes the same features with a
// forward DCT over a decoded grey image, so the checks have one definition of
// every metric whatever the format.
package coef
