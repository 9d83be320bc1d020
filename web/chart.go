package web

import (
	"fmt"
	"html/template"
	"strings"
	"time"
)

// Charts are SVG drawn here rather than by a JavaScript library: they
// render without script (the CSP allows none inline), print, and cost
// nothing to load. Labels are escaped; the SVG is built from numbers and
// escaped text only.

// palette is distinguishable for the common colour-vision deficiencies
// (Okabe–Ito).
var palette = []string{"#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"}

type bar struct {
	Label string
	Value int
}

// funnelSVG draws horizontal bars, each with its count and its share of
// the first step.
func funnelSVG(title string, bars []bar) template.HTML {
	// A narrow drawing, so that its text is still readable when a 360 px
	// screen scales it down.
	const w, rowH, labelW = 400, 44, 150
	h := rowH*len(bars) + 10
	max := 1
	for _, b := range bars {
		if b.Value > max {
			max = b.Value
		}
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, `<svg class="chart" viewBox="0 0 %d %d" role="img" aria-label="%s" xmlns="http://www.w3.org/2000/svg">`, w, h, esc(title))
	first := 0
	if len(bars) > 0 {
		first = bars[0].Value
	}
	for i, b := range bars {
		y := 5 + i*rowH
		bw := (w - labelW - 90) * b.Value / max
		pct := ""
		if first > 0 {
			pct = fmt.Sprintf(" (%d%%)", b.Value*100/first)
		}
		fmt.Fprintf(&sb, `<text x="0" y="%d" class="chart-label">%s</text>`, y+24, esc(b.Label))
		fmt.Fprintf(&sb, `<rect x="%d" y="%d" width="%d" height="30" rx="3" fill="%s"/>`, labelW, y+4, max0(bw, 2), palette[0])
		fmt.Fprintf(&sb, `<text x="%d" y="%d" class="chart-value">%d%s</text>`, labelW+max0(bw, 2)+6, y+24, b.Value, esc(pct))
	}
	sb.WriteString(`</svg>`)
	return template.HTML(sb.String())
}

type series struct {
	Label  string
	Counts []int
}

// linesSVG draws one line per series over the days; legendHTML names
// them below it. The legend is HTML, not SVG text, so it wraps and keeps
// the page's text size on a phone.
func linesSVG(title, empty string, days []time.Time, ss []series) template.HTML {
	const w, plotH, left, top, bottom = 360, 160, 30, 10, 24
	h := top + plotH + bottom
	var sb strings.Builder
	fmt.Fprintf(&sb, `<svg class="chart" viewBox="0 0 %d %d" role="img" aria-label="%s" xmlns="http://www.w3.org/2000/svg">`, w, h, esc(title))
	max := 0
	for _, s := range ss {
		for _, n := range s.Counts {
			if n > max {
				max = n
			}
		}
	}
	plotW := w - left - 10
	fmt.Fprintf(&sb, `<line x1="%d" y1="%d" x2="%d" y2="%d" class="chart-axis"/>`, left, top+plotH, left+plotW, top+plotH)
	fmt.Fprintf(&sb, `<line x1="%d" y1="%d" x2="%d" y2="%d" class="chart-axis"/>`, left, top, left, top+plotH)
	if max == 0 || len(days) == 0 {
		fmt.Fprintf(&sb, `<text x="%d" y="%d" class="chart-label" text-anchor="middle">%s</text></svg>`, left+plotW/2, top+plotH/2, esc(empty))
		return template.HTML(sb.String())
	}
	fmt.Fprintf(&sb, `<text x="%d" y="%d" class="chart-tick" text-anchor="end">%d</text>`, left-4, top+10, max)
	fmt.Fprintf(&sb, `<text x="%d" y="%d" class="chart-tick" text-anchor="end">0</text>`, left-4, top+plotH)
	x := func(i int) int {
		if len(days) == 1 {
			return left + plotW/2
		}
		return left + i*plotW/(len(days)-1)
	}
	y := func(n int) int { return top + plotH - n*plotH/max }
	// Dates at the ends and the middle are enough to read the axis.
	for k, i := range []int{0, len(days) / 2, len(days) - 1} {
		anchor := []string{"start", "middle", "end"}[k]
		fmt.Fprintf(&sb, `<text x="%d" y="%d" class="chart-tick" text-anchor="%s">%s</text>`, x(i), top+plotH+16, anchor, days[i].Format("01-02"))
	}
	for si, s := range ss {
		col := palette[si%len(palette)]
		var pts []string
		for i, n := range s.Counts {
			pts = append(pts, fmt.Sprintf("%d,%d", x(i), y(n)))
		}
		fmt.Fprintf(&sb, `<polyline fill="none" stroke="%s" stroke-width="2.5" points="%s"/>`, col, strings.Join(pts, " "))
	}
	sb.WriteString(`</svg>`)
	return template.HTML(sb.String())
}

// legendHTML is the key of linesSVG: a swatch of each series' colour and
// its label.
func legendHTML(ss []series) template.HTML {
	if len(ss) == 0 {
		return ""
	}
	var sb strings.Builder
	sb.WriteString(`<ul class="legend">`)
	for si, s := range ss {
		fmt.Fprintf(&sb, `<li><svg class="swatch" viewBox="0 0 14 14" aria-hidden="true"><rect width="14" height="14" fill="%s"/></svg> %s</li>`,
			palette[si%len(palette)], esc(s.Label))
	}
	sb.WriteString(`</ul>`)
	return template.HTML(sb.String())
}

// gaugeSVG draws a share as a filled bar with its percentage.
func gaugeSVG(title string, part, whole int) template.HTML {
	pct := 0
	if whole > 0 {
		pct = part * 100 / whole
	}
	col := palette[2]
	if pct < 90 {
		col = palette[3]
	}
	return template.HTML(fmt.Sprintf(`<svg class="chart gauge" viewBox="0 0 300 44" role="img" aria-label="%s" xmlns="http://www.w3.org/2000/svg">`+
		`<rect x="0" y="4" width="300" height="22" rx="4" class="gauge-bg"/><rect x="0" y="4" width="%d" height="22" rx="4" fill="%s"/>`+
		`<text x="150" y="40" class="chart-label" text-anchor="middle">%d%% (%d/%d)</text></svg>`,
		esc(title), 300*pct/100, col, pct, part, whole))
}

func esc(s string) string { return template.HTMLEscapeString(s) }

func max0(a, b int) int {
	if a > b {
		return a
	}
	return b
}
