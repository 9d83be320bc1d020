package web_test

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// browser is one headless chromium with one tab, driven by chromedp.
type browser struct {
	t    *testing.T
	ctx  context.Context
	base string
	lang string
}

// chromiumPath finds Debian's chromium. Without it the browser tests skip,
// unless CI is set: there a missing browser must fail the run, not pass it
// silently.
func chromiumPath(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("CI is set but no chromium is installed (apt-get install -y chromium)")
	}
	t.Skip("chromium not installed")
	return ""
}

func newBrowser(t *testing.T, base string) *browser {
	t.Helper()
	path := chromiumPath(t)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(path),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-features", "Translate"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 800),
	)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	b := &browser{t: t, ctx: ctx, base: base}
	// The first run starts the browser; it must not carry a timeout.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 800)); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return b
}

// do runs steps with a deadline, failing the test with what was running.
func (b *browser) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		b.shotOne("failure", 1280, 800)
		b.t.Fatalf("%s: %v (page: %s)", what, err, b.location())
	}
}

func (b *browser) location() string {
	ctx, cancel := context.WithTimeout(b.ctx, 2*time.Second)
	defer cancel()
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	return loc
}

func (b *browser) open(path string) {
	b.t.Helper()
	b.do("open "+path, chromedp.Navigate(b.base+path), chromedp.WaitReady(chromedp.CSS("main")))
}

func (b *browser) text(sel string) string {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatalf("text of %s: %v (page: %s)", sel, err, b.location())
	}
	return s
}

func (b *browser) eval(js string) string {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
	if err != nil {
		b.t.Fatalf("eval %s: %v", js, err)
	}
	return s
}

// fill types into a field like a person (key events, so input listeners
// run), after emptying it.
func (b *browser) fill(sel, value string) {
	b.t.Helper()
	b.eval(fmt.Sprintf(`(()=>{const e=document.querySelector(%q); e.value=''; e.dispatchEvent(new Event('input',{bubbles:true})); return ''})()`, sel))
	b.do("type into "+sel, chromedp.SendKeys(chromedp.CSS(sel), value))
}

// set puts a value straight into a field (for scripts SendKeys cannot
// type, such as Chinese) and fires the events typing would.
func (b *browser) set(sel, value string) {
	b.t.Helper()
	b.eval(fmt.Sprintf(`(()=>{const e=document.querySelector(%q); e.value=%q; e.dispatchEvent(new Event('input',{bubbles:true})); e.dispatchEvent(new Event('change',{bubbles:true})); return ''})()`, sel, value))
}

func (b *browser) click(sel string) {
	b.t.Helper()
	b.do("click "+sel, chromedp.Click(chromedp.CSS(sel)))
}

func (b *browser) wait(sel string) {
	b.t.Helper()
	b.do("wait for "+sel, chromedp.WaitVisible(chromedp.CSS(sel)))
}

func (b *browser) waitGone(sel string) {
	b.t.Helper()
	b.do("wait until gone "+sel, chromedp.WaitNotPresent(chromedp.CSS(sel)))
}

func (b *browser) upload(inputSel, file string) {
	b.t.Helper()
	abs, err := filepath.Abs(file)
	if err != nil {
		b.t.Fatal(err)
	}
	b.do("choose "+file, chromedp.SetUploadFiles(chromedp.CSS(inputSel), []string{abs}))
}

func (b *browser) key(k string) {
	b.t.Helper()
	b.do("press "+k, chromedp.KeyEvent(k))
}

func (b *browser) login(email, password string) {
	b.t.Helper()
	b.open("/login")
	b.fill("#email", email)
	b.fill("#password", password)
	b.click(`form[action="/login"] button[type=submit]`)
	b.do("leave the login page", chromedp.WaitNotPresent(chromedp.CSS(`form[action="/login"]`)))
}

func (b *browser) logout() {
	b.t.Helper()
	b.click(`form[action="/logout"] button`)
	b.wait(`a[href="/login"]`)
}

func (b *browser) wantText(sel, want string) {
	b.t.Helper()
	if got := b.text(sel); !strings.Contains(got, want) {
		b.t.Errorf("%s reads %q, want it to contain %q", sel, got, want)
	}
}

// screenshotDir is where the screenshots of the pages go: testout/ at the
// repository root (ignored by git), or KYCD_SCREENSHOTS.
func screenshotDir(t *testing.T) string {
	dir := os.Getenv("KYCD_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join("..", "testout", "screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// shot saves the page at phone (360×740) and desktop (1280×800) widths,
// and checks each with axe-core (issue 13, item 6).
func (b *browser) shot(name string) {
	b.t.Helper()
	b.shotOne(name+"-phone", 360, 740)
	b.shotOne(name+"-desktop", 1280, 800)
}

func (b *browser) shotOne(name string, w, h int64) {
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, h)); err != nil {
		b.t.Logf("screenshot %s: %v", name, err)
		return
	}
	// Nothing may stick out sideways: a page that scrolls horizontally
	// on a 360 px phone is broken there.
	if w == 360 {
		wide, _ := chromedp.Run(ctx, chromedp.Evaluate[string](
			`(()=>{const d=document.documentElement;if(d.scrollWidth<=d.clientWidth)return '';`+
				`return d.scrollWidth+'px: '+[...document.querySelectorAll('body *')].filter(e=>!e.closest('svg')&&e.getBoundingClientRect().right>d.clientWidth+1).slice(0,3).map(e=>e.tagName+'.'+e.className).join(' ')})()`))
		if wide != "" {
			b.t.Errorf("%s: wider than the %d px screen: %s", name, w, wide)
		}
	}
	if name != "failure" {
		b.axe(name)
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Logf("screenshot %s: %v", name, err)
		return
	}
	prefix := ""
	if b.lang != "" {
		prefix = b.lang + "-"
	}
	if err := os.WriteFile(filepath.Join(screenshotDir(b.t), prefix+name+".png"), png, 0o644); err != nil {
		b.t.Logf("screenshot %s: %v", name, err)
	}
	chromedp.Do(ctx, chromedp.EmulateViewport(1280, 800))
}

// waitEval polls a script until it returns want (or the deadline passes).
func (b *browser) waitEval(js, want string) {
	b.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	got := ""
	for time.Now().Before(deadline) {
		if got = b.eval(js); got == want {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	b.t.Fatalf("%s = %q, want %q (page: %s)", js, got, want, b.location())
}

// shotBoth is shot in the page's language and again in the other one (the
// same address with ?lang=), then back to the first: so axe-core checks
// the page in both languages. Only for pages whose state survives a
// reload (nothing typed and unsaved).
func (b *browser) shotBoth(name string) {
	b.t.Helper()
	b.shot(name)
	cur := b.eval(`document.documentElement.lang`)
	other, prefix := "zh-CN", "zh"
	if cur == "zh-CN" {
		other, prefix = "en", "en"
	}
	b.reopenIn(other)
	saved := b.lang
	b.lang = prefix
	b.shot(name)
	b.lang = saved
	b.reopenIn(cur)
}

// reopenIn loads the current address again with ?lang=lang.
func (b *browser) reopenIn(lang string) {
	b.t.Helper()
	u, err := url.Parse(b.location())
	if err != nil {
		b.t.Fatal(err)
	}
	q := u.Query()
	q.Set("lang", lang)
	u.RawQuery = q.Encode()
	b.do("reopen in "+lang, chromedp.Navigate(u.String()), chromedp.WaitReady(chromedp.CSS(`html[lang="`+lang+`"] main`)))
}

// timeZone makes the browser live in tz (an IANA name), as a person's
// phone there would.
func (b *browser) timeZone(tz string) {
	b.t.Helper()
	b.do("time zone "+tz, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: tz})
		return err
	}))
}
