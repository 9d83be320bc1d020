// Package reason owns kycd's findings and the catalogue that explains them.
//
// Every problem kycd reports — a wrong check digit, a blurry photo, a refused
// registration — carries a stable dotted code such as "id_number.checksum".
// The code never changes once released; integrators branch on it. What a
// person reads (the message and how to fix it) lives in the catalogue, per
// language, never in code paths, so a translator can improve the wording
// without touching Go.
//
// The catalogue is a set of YAML files under catalog/, one per domain
// (identity, photo, account, ...) with every language side by side. Keeping
// both languages in one entry makes a missing translation visible in review
// and lets a test prove that each code is complete in every language and
// that no message refers to a parameter the code does not declare.
package reason
