package web_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// axe-core is vendored in testdata/axe (MPL-2.0, unmodified, with its
// licence): the browser tests need it offline and on every machine that
// runs them, and a fetch step would have to run before every `go test`.
// The sum pins the release; testdata/axe/README says how to update it.
const (
	axeVersion = "4.14.1"
	axeSHA256  = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"
)

var axeOnce struct {
	sync.Once
	src string
	err string
}

func axeSource(t *testing.T) string {
	t.Helper()
	axeOnce.Do(func() {
		b, err := os.ReadFile("testdata/axe/axe.min.js")
		if err != nil {
			axeOnce.err = err.Error()
			return
		}
		if sum := sha256.Sum256(b); hex.EncodeToString(sum[:]) != axeSHA256 {
			axeOnce.err = "testdata/axe/axe.min.js is not axe-core " + axeVersion + " (SHA-256 differs)"
			return
		}
		axeOnce.src = string(b)
	})
	if axeOnce.err != "" {
		t.Fatal(axeOnce.err)
	}
	return axeOnce.src
}

// axeViolation is one rule axe-core found broken, with where.
type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// axe runs axe-core (WCAG 2.x A and AA rules) on the page as it is and
// fails the test on every serious or critical violation.
func (b *browser) axe(name string) {
	b.t.Helper()
	for _, v := range b.axeRun(name) {
		b.t.Errorf("%s (%s): axe %s %s: %s at %s", name, b.lang, v.Impact, v.ID, v.Help, strings.Join(v.Nodes, " | "))
	}
}

// axeRun answers the serious and critical violations on the page.
func (b *browser) axeRun(name string) []axeViolation {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
	defer cancel()
	loaded, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`typeof window.axe === 'object'`))
	if err == nil && !loaded {
		_, err = chromedp.Run(ctx, chromedp.Evaluate[bool](axeSource(b.t)+"\n;true"))
	}
	if err != nil {
		b.t.Fatalf("%s: load axe-core: %v", name, err)
	}
	out, err := chromedp.Run(ctx, chromedp.Evaluate[string](`axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']})
		.then(r => JSON.stringify(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
		.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 4).map(n => n.target.join(' '))}))))`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("%s: run axe-core: %v", name, err)
	}
	var vs []axeViolation
	if err := json.Unmarshal([]byte(out), &vs); err != nil {
		b.t.Fatalf("%s: axe-core answered %q: %v", name, out, err)
	}
	return vs
}

// TestAxeFindsViolations proves the check above can fail: a page given an
// image without a text alternative and an unlabelled field must be caught.
func TestAxeFindsViolations(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(t, e.ts.URL)
	b.open("/login")
	if vs := b.axeRun("login"); len(vs) != 0 {
		t.Fatalf("the login page has violations before anything was broken: %+v", vs)
	}
	b.eval(`(()=>{const m=document.querySelector('main'); const i=document.createElement('img'); i.src='/static/none.png'; m.append(i);` +
		`const f=document.createElement('input'); m.append(f); return ''})()`)
	var ids []string
	for _, v := range b.axeRun("login, broken") {
		ids = append(ids, v.ID)
	}
	for _, want := range []string{"image-alt", "label"} {
		if !slices.Contains(ids, want) {
			t.Errorf("axe found %v on a page with an unlabelled image and field, want %s among them", ids, want)
		}
	}
}
