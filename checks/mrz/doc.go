// Package mrz reads the machine-readable zone of travel documents as ICAO
// Doc 9303 lays it out: TD1 (ID cards, 3 lines of 30 characters), TD2 (2
// lines of 36) and TD3 (passports, 2 lines of 44).
//
// Parse checks every check digit (7-3-1 weights) — document number
// (including the long numbers that overflow into TD1's and TD2's optional
// data), date of birth, expiry date, the passport's personal number and
// the composite — and reports one finding per failing field, so the user
// knows which part to re-type. Two-digit years are resolved against
// Options.Now: a birth date lies in the past, an expiry date at most
// twenty years ahead.
//
// Result.Valid speaks of the zone itself: its shape, characters, check
// digits, dates and country codes. Whether the document has expired is a
// separate finding (document.expired) that does not change Valid, because
// an expired passport still has a perfectly readable MRZ and integrators
// decide their own policy for it.
package mrz
