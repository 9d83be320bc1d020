// Package idnumber validates identity document numbers against their
// published standards: the Chinese resident identity number (GB 11643-1999,
// with its region part checked against GB/T 2260), the Hong Kong identity
// card, the Taiwan national identification number, the Macau resident
// identity card and the mainland travel permits for Hong Kong, Macau and
// Taiwan residents.
//
// Check first normalises what the user typed (surrounding and inner
// spaces, full-width characters, lower-case letters, hyphens and brackets
// as printed around a check digit) and then validates the normalised
// value, so that normalisation alone never makes a number invalid. Every
// problem is a reason.Finding whose code and parameters say precisely what
// is wrong (which character, what the check character should be).
//
// The package does no I/O and reads no clock: checks that depend on the
// date (a birth date in the future, the age rule) use Options.Now.
package idnumber
