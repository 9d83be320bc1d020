package kycd

import "github.com/kycd/kycd/reason"

// Localize words every finding of the view in lang (message and fix from
// the catalogue): the one way adapters word a view, so that no finding,
// such as a reading's cross-check, is left as a bare code.
func (v *ApplicationView) Localize(lang string) {
	v.Findings = reason.LocalizeAll(v.Findings, lang)
	v.Reasons = reason.LocalizeAll(v.Reasons, lang)
	for i := range v.Documents {
		v.Documents[i].Localize(lang)
	}
}

// Localize words the document's findings and its reading's cross-check.
func (d *DocumentView) Localize(lang string) {
	d.Findings = reason.LocalizeAll(d.Findings, lang)
	if d.Read != nil {
		d.Read.Findings = reason.LocalizeAll(d.Read.Findings, lang)
	}
}

// Localize words the case's findings, screening hits and documents.
func (c *CaseView) Localize(lang string) {
	c.Findings = reason.LocalizeAll(c.Findings, lang)
	c.Screening = reason.LocalizeAll(c.Screening, lang)
	for i := range c.Documents {
		c.Documents[i].DocumentView.Localize(lang)
	}
}
