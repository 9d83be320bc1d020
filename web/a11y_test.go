package web_test

import "testing"

// TestAccessibilityPublicPages checks with axe-core, in both languages and
// at both widths, the pages the journeys do not show: login, password
// reset and the error page (issue 13, item 6).
func TestAccessibilityPublicPages(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(t, e.ts.URL)
	for _, lang := range []string{"en", "zh-CN"} {
		b.lang = lang
		for name, path := range map[string]string{"login": "/login", "reset": "/reset", "not-found": "/no/such/page"} {
			b.open(path + "?lang=" + lang)
			b.shot(name)
		}
	}
}
