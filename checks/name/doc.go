// Package name normalises and checks personal names as typed into a form,
// and compares them with the name a document's machine-readable zone
// spells in Latin letters.
//
// Chinese names are compared through pinyin (github.com/mozillazg/go-pinyin)
// with every reading of characters that have several (曾 is ZENG or CENG)
// and with ü written as passports and people write it: YU, U or V (吕 is
// LYU, LU or LV). Names from documents that romanise otherwise (Hong Kong's
// Cantonese spellings, Taiwan's Wade-Giles) are not compared, since no
// single spelling can be expected.
package name
