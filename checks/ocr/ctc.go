package ocr

import "strings"

// ctcDecode is greedy CTC decoding of a T×C probability matrix: the best
// class at each step, repeats merged, blanks dropped. PP-OCR's classes are
// blank (0), the dictionary's lines (1..n) and a space (n+1).
func ctcDecode(p []float32, T, C int, dict []string) (string, float64) {
	var sb strings.Builder
	var sum float64
	var n int
	prev := -1
	for t := range T {
		row := p[t*C : (t+1)*C]
		best, bp := 0, row[0]
		for c, v := range row {
			if v > bp {
				best, bp = c, v
			}
		}
		if best != 0 && best != prev {
			switch {
			case best <= len(dict):
				sb.WriteString(dict[best-1])
			default:
				sb.WriteByte(' ')
			}
			sum += float64(bp)
			n++
		}
		prev = best
	}
	if n == 0 {
		return "", 0
	}
	return strings.TrimSpace(sb.String()), sum / float64(n)
}
