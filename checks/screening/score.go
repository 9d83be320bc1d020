package screening

import (
	"strings"
	"unicode/utf8"
)

// Scoring constants. They were tuned on the labelled query set in
// bench/screening (see docs/screening.md); change them only with that
// harness at hand.
const (
	// DefaultThreshold is the score at and above which a Search result is
	// a hit, chosen from the labelled set (recall first: a hit only sends
	// the case to a reviewer, a miss lets a listed person through).
	DefaultThreshold = 0.86

	// minTokenSim is the Jaro-Winkler similarity below which two tokens
	// do not count as the same name part. Unrelated short names often
	// reach 0.6-0.7, so anything lower would be noise.
	minTokenSim = 0.82
	// initialSim is what an initial earns against a token with its letter:
	// evidence, but weaker than a spelled-out name.
	initialSim = 0.75
	// queryShare is how much the query's coverage counts against the
	// listed name's: applicants often omit middle names the lists carry,
	// so a missing listed token costs less than a missing query token.
	queryShare = 0.6
	// mergeMinSim is the similarity two joined tokens need to stand for
	// one token on the other side ("xiao ming" ~ "xiaoming").
	mergeMinSim = 0.90

	// Date of birth and nationality adjustments.
	dobExactBoost      = 0.05
	dobYearBoost       = 0.02
	dobMismatch        = -0.15
	nationalityBoost   = 0.03
	nationalityAgainst = -0.05
)

// maxTokens bounds the tokens compared per name, so a pathological name
// cannot make one comparison expensive; real names have far fewer.
const (
	maxQueryTokens = 12
	maxNameTokens  = 16
)

// tokenWeight is how much a token counts in coverage: longer tokens carry
// more identity than short ones, up to a point; an initial counts little.
func tokenWeight(t token) float32 {
	if t.initial {
		return 1
	}
	n := utf8.RuneCountInString(t.text)
	w := float32(min(max(n, 2), 10))
	if isPatronymic(t.text) {
		// Applicants routinely leave out the patronymic lists carry
		// ("Sergei Kuznetsov" for Sergei Vladimirovich Kuznetsov); it says
		// more about the father than the person.
		w /= 2
	}
	return w
}

// patronymicSuffixes end East Slavic patronymics in ICAO transliteration
// and its common variants.
var patronymicSuffixes = []string{"ovich", "evich", "ovych", "evych", "ovna", "evna", "ivna", "ichna", "yevich"}

func isPatronymic(t string) bool {
	if len(t) < 7 {
		return false
	}
	for _, s := range patronymicSuffixes {
		if strings.HasSuffix(t, s) {
			return true
		}
	}
	return false
}

// side is one name prepared for comparison: its tokens, their weights and
// the joined adjacent pairs.
type side struct {
	toks  []token
	w     []float32
	wsum  float32
	pairs []string // pairs[i] = toks[i].text + toks[i+1].text
}

func newSide(toks []token, limit int) side {
	if len(toks) > limit {
		toks = toks[:limit]
	}
	s := side{toks: toks, w: make([]float32, len(toks))}
	for i, t := range toks {
		s.w[i] = tokenWeight(t)
		s.wsum += s.w[i]
	}
	if len(toks) > 1 {
		s.pairs = make([]string, len(toks)-1)
		for i := range s.pairs {
			s.pairs[i] = toks[i].text + toks[i+1].text
		}
	}
	return s
}

// link is a candidate correspondence between query positions (qm) and name
// positions (nm), as bit masks, with its similarity.
type link struct {
	qm, nm uint32
	s      float32
}

// tokenSim compares two tokens, initials included.
func tokenSim(a, b token) float32 {
	switch {
	case a.initial && b.initial:
		if a.text == b.text {
			return 1
		}
		return 0
	case a.initial || b.initial:
		if a.text[0] == b.text[0] {
			return initialSim
		}
		return 0
	}
	return textSim(a.text, b.text)
}

// textSim is Jaro-Winkler corrected where it is known to be too kind.
// Jaro-Winkler rates "hang" 0.93 against "zhang" and "wali" 0.92 against
// "ali": on short tokens one edit is a different name. So unless the two
// tokens sound alike (same skeleton: Mohammed/Muhammad, Ali/Aly) the score
// is averaged with an edit-distance similarity, which short tokens pay
// for and long ones barely notice; and two different pinyin syllables
// (Jing, Ting) never match, since each is a distinct Chinese name.
func textSim(a, b string) float32 {
	if a == b {
		return 1
	}
	jw := float32(jaroWinkler(a, b))
	if jw < minTokenSim {
		return jw
	}
	if isSyllable(a) && isSyllable(b) {
		return 0
	}
	if k := skeleton(a); k != "" && len(k) >= 2 && k == skeleton(b) {
		return jw
	}
	return (jw + editSim(a, b)) / 2
}

// editSim is 1 - OSA distance / longer length: Levenshtein with adjacent
// transpositions counted as one edit, the commonest typing slip.
func editSim(a, b string) float32 {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > maxJW {
		ra = ra[:maxJW]
	}
	if len(rb) > maxJW {
		rb = rb[:maxJW]
	}
	la, lb := len(ra), len(rb)
	if la == 0 || lb == 0 {
		return 0
	}
	var rows [3][maxJW + 1]int
	prev2, prev, cur := &rows[0], &rows[1], &rows[2]
	for j := 0; j <= lb; j++ {
		prev[j] = j
	}
	for i := 1; i <= la; i++ {
		cur[0] = i
		for j := 1; j <= lb; j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return 1 - float32(prev[lb])/float32(max(la, lb))
}

// nameScore compares a query with one listed name: token correspondences
// are chosen greedily, best first, each token used once, and the score is
// a blend of the weighted share of the query's tokens matched and the
// weighted share of the name's tokens matched (queryShare). Both sides count so that
// neither "Ali" against "Ali Hassan Al-Tikriti" nor the reverse scores
// high. links is scratch space.
func nameScore(q, n *side, links []link) (float64, []link) {
	links = links[:0]
	for i, a := range q.toks {
		for j, b := range n.toks {
			if s := tokenSim(a, b); s >= minTokenSim || (s > 0 && (a.initial || b.initial)) {
				links = append(links, link{qm: 1 << i, nm: 1 << j, s: s})
			}
		}
	}
	// Two adjacent tokens on one side against one on the other: the length
	// check skips pairs that could never reach mergeMinSim.
	for i, p := range q.pairs {
		for j, b := range n.toks {
			if near(len(p), len(b.text)) {
				if s := textSim(p, b.text); s >= mergeMinSim {
					links = append(links, link{qm: 3 << i, nm: 1 << j, s: s})
				}
			}
		}
	}
	for j, p := range n.pairs {
		for i, a := range q.toks {
			if near(len(p), len(a.text)) {
				if s := textSim(a.text, p); s >= mergeMinSim {
					links = append(links, link{qm: 1 << i, nm: 3 << j, s: s})
				}
			}
		}
	}
	// Insertion sort: a handful of links, no allocation. Merged links win
	// ties so "xiaoming" pairs with "xiao"+"ming" rather than "xiao" alone.
	for i := 1; i < len(links); i++ {
		for j := i; j > 0 && better(links[j], links[j-1]); j-- {
			links[j], links[j-1] = links[j-1], links[j]
		}
	}
	var usedQ, usedN uint32
	var qcov, ncov float32
	for _, l := range links {
		if usedQ&l.qm != 0 || usedN&l.nm != 0 {
			continue
		}
		usedQ |= l.qm
		usedN |= l.nm
		for i := range q.toks {
			if l.qm&(1<<i) != 0 {
				qcov += q.w[i] * l.s
			}
		}
		for j := range n.toks {
			if l.nm&(1<<j) != 0 {
				ncov += n.w[j] * l.s
			}
		}
	}
	if q.wsum == 0 || n.wsum == 0 {
		return 0, links
	}
	return float64(queryShare*qcov/q.wsum + (1-queryShare)*ncov/n.wsum), links
}

func better(a, b link) bool {
	if a.s != b.s {
		return a.s > b.s
	}
	return popcount(a.qm)+popcount(a.nm) > popcount(b.qm)+popcount(b.nm)
}

func popcount(x uint32) int {
	n := 0
	for ; x != 0; x &= x - 1 {
		n++
	}
	return n
}

// near reports whether two lengths are close enough for a merge link.
func near(a, b int) bool { return a-b <= 2 && b-a <= 2 }

// adjust moves a name score by what the date of birth and nationality say.
// Lists often carry several or approximate birth dates, so a year off by
// one is neither evidence for nor against.
func adjust(score float64, q *Query, qnat string, e *Entry) float64 {
	if !q.DOB.IsZero() && len(e.DOBs) > 0 {
		best := dobMismatch
		for _, d := range e.DOBs {
			var v float64
			switch {
			case d == q.DOB && d.Day != 0:
				v = dobExactBoost
			case d.Year == q.DOB.Year && (d.Month == 0 || q.DOB.Month == 0 || d.Month == q.DOB.Month):
				v = dobYearBoost
			case d.Year == q.DOB.Year, d.Year-q.DOB.Year == 1, q.DOB.Year-d.Year == 1:
				v = 0
			default:
				v = dobMismatch
			}
			best = max(best, v)
		}
		score += best
	}
	if qnat != "" && len(e.Nationalities) > 0 {
		v := nationalityAgainst
		for _, n := range e.Nationalities {
			if n == qnat {
				v = nationalityBoost
			}
		}
		score += v
	}
	return min(max(score, 0), 1)
}
