package web

import (
	"html/template"
	"strings"
)

// Illustrations of a good photo and the commonest mistakes, drawn as
// small SVGs: they weigh almost nothing, scale to any screen, and show no
// real person's document. Each is decorative (aria-hidden); the caption
// beside it carries the meaning.

const svgOpen = `<svg viewBox="0 0 160 110" aria-hidden="true" focusable="false" xmlns="http://www.w3.org/2000/svg">`

// card is an ID card on a plain table: portrait, text lines, number.
const card = `<rect x="0" y="0" width="160" height="110" fill="#e8edf2"/>` +
	`<rect x="18" y="14" width="124" height="80" rx="7" fill="#fdfdfd" stroke="#5b6b7b" stroke-width="2"/>` +
	`<rect x="28" y="26" width="32" height="40" rx="3" fill="#b9c6d3"/><circle cx="44" cy="40" r="8" fill="#7f93a8"/>` +
	`<path d="M32 64c3-9 21-9 24 0z" fill="#7f93a8"/>` +
	`<rect x="70" y="28" width="60" height="6" rx="2" fill="#8a99a8"/><rect x="70" y="40" width="48" height="6" rx="2" fill="#8a99a8"/>` +
	`<rect x="70" y="52" width="54" height="6" rx="2" fill="#8a99a8"/><rect x="28" y="76" width="102" height="8" rx="2" fill="#52606d"/>`

// face is a head and shoulders in front of a plain wall.
const face = `<circle cx="80" cy="46" r="22" fill="#e0b48f"/><circle cx="72" cy="42" r="2.5" fill="#333"/><circle cx="88" cy="42" r="2.5" fill="#333"/>` +
	`<path d="M72 55q8 6 16 0" stroke="#333" stroke-width="2" fill="none"/><path d="M44 110c4-26 68-26 72 0z" fill="#4a6fa5"/>`

const good = `<circle cx="146" cy="14" r="11" fill="#1a7f37"/><path d="M140 14l4 4 8-8" stroke="#fff" stroke-width="3" fill="none"/>`
const bad = `<circle cx="146" cy="14" r="11" fill="#c62828"/><path d="M141 9l10 10M151 9l-10 10" stroke="#fff" stroke-width="3"/>`

var illustrations = map[string]string{
	"document-good":   svgOpen + card + good + `</svg>`,
	"document-blurry": svgOpen + `<defs><filter id="blur"><feGaussianBlur stdDeviation="3"/></filter></defs><g filter="url(#blur)">` + card + `</g>` + bad + `</svg>`,
	"document-glare": svgOpen + card + `<defs><radialGradient id="glare"><stop offset="0" stop-color="#fff" stop-opacity="1"/>` +
		`<stop offset="1" stop-color="#fff" stop-opacity="0"/></radialGradient></defs><ellipse cx="92" cy="46" rx="40" ry="26" fill="url(#glare)"/>` + bad + `</svg>`,
	"document-document_cropped": svgOpen + `<g transform="translate(48 18)">` + card + `</g>` + bad + `</svg>`,
	"selfie-good":               svgOpen + `<rect width="160" height="110" fill="#eef1f4"/>` + face + good + `</svg>`,
	"selfie-too_dark":           svgOpen + `<rect width="160" height="110" fill="#eef1f4"/>` + face + `<rect width="160" height="110" fill="#000" opacity=".72"/>` + bad + `</svg>`,
	"selfie-multiple_faces": svgOpen + `<rect width="160" height="110" fill="#eef1f4"/><g transform="translate(-34 6) scale(.9)">` + face +
		`</g><g transform="translate(42 6) scale(.9)">` + face + `</g>` + bad + `</svg>`,
	"selfie-face_too_small": svgOpen + `<rect width="160" height="110" fill="#eef1f4"/><g transform="translate(62 52) scale(.3)">` + face + `</g>` + bad + `</svg>`,
}

// illustration returns the named picture; filter ids are made unique per
// use so that two blurred cards on one page do not share a definition.
func illustration(name, uniq string) template.HTML {
	s, ok := illustrations[name]
	if !ok {
		return ""
	}
	s = strings.ReplaceAll(s, `id="blur"`, `id="blur-`+uniq+`"`)
	s = strings.ReplaceAll(s, `url(#blur)`, `url(#blur-`+uniq+`)`)
	s = strings.ReplaceAll(s, `id="glare"`, `id="glare-`+uniq+`"`)
	s = strings.ReplaceAll(s, `url(#glare)`, `url(#glare-`+uniq+`)`)
	return template.HTML(s)
}
