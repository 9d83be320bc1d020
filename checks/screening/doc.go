// Package screening screens a person's name, date of birth, nationality and
// document number against sanctions and PEP lists.
//
// It has two halves. The parsers (ParseOFAC, ParseUN, ParseEU, ParseCSV)
// turn the lists as their publishers ship them into Entry values; they are
// strict on structure, because a list that silently loses half its entries
// is worse than a refused refresh, and every error names the file and line.
// The matcher (NewIndex, Index.Search) answers "who on these lists could this
// be?" fast enough to screen every applicant and re-screen every account
// after a refresh.
//
// Matching works on normalised name tokens: Unicode folding and diacritics
// removal, Chinese characters to toneless pinyin (so 张伟 compares with
// "ZHANG Wei"), Cyrillic and Georgian to Latin, honorifics and particles dropped (Mr, Dr,
// Haji, al-, bin, ...). Two names are compared token by token with
// Jaro-Winkler, in any order, letting two adjacent tokens on one side match
// one token on the other ("Xiao Ming" and "Xiaoming"); the score covers both
// the query's tokens and the listed name's tokens, so a short common name is
// not a hit on a long listed name it merely shares a token with. Date of
// birth and nationality move the score a little; an exact document number
// match scores 1.
//
// Speed comes from the Index: every distinct token is indexed by trigrams
// and by a consonant skeleton, so a query token finds its likely spellings
// without a scan, and only the listed names that share the most identifying
// (rarest) tokens with the query are scored in full.
//
// The package does no I/O: parsers read from an io.Reader, and the caller
// decides where lists come from and when they are refreshed.
package screening
