// Package identity checks the identity part of a KYC form in one call: the
// name, the document number, the machine-readable zone when there is one,
// and the cross-checks between them and what the user typed (date of
// birth and sex encoded in the number or the MRZ, the name on the MRZ,
// nationality, expiry).
//
// It is what the web form's live validation, the applications service and
// integrators call:
//
//	res := identity.Check(identity.Form{
//		FullName: "张三", DocumentType: "cn_rid", DocumentNumber: "11010519491231002x",
//		BirthDate: "1949-12-31", Sex: "F", Nationality: "CHN",
//	}, identity.Options{Now: time.Now()})
//	// res.Findings: every problem, each with Field naming the form field;
//	// res.Normalized: the values to show back (11010519491231002X).
//
// Like every package under checks/, it does no I/O and takes the time from
// Options.
package identity
