// Package browsertest drives a real, headless Chromium against a running
// Distribu server, so tests can click through pages as a person would.
//
// A test starts the application (see package apptest), opens a Browser on
// its URL and uses the short helpers below. Every helper fails the test with
// t.Fatalf, naming the page the browser was on, so tests read as a list of
// steps with no error handling:
//
//	srv := apptest.Start(t, store.SQLite)
//	b := browsertest.New(t, srv.URL)
//	b.Visit("/signup")
//	b.Fill("#company", "Harbor Foods")
//	b.Click(browsertest.Button("Create account"))
//	b.See("Harbor Foods")
//
// Selectors are CSS selectors, except that a selector that starts with "/" or
// "(" is an XPath expression; Link and Button build XPath selectors that find
// an element by its visible text.
//
// JavaScript dialogs (window.confirm, alert, prompt) are accepted at once,
// as a person pressing OK would, and their messages are kept for Dialogs.
//
// Clicks and submits that change the page in place (the dashboard's
// data-inplace forms post with fetch and swap the content without loading a
// page) use ClickInPlace, SubmitInPlace or ClickAndWaitText, followed by
// WaitText or WaitGone for what the change shows; Click and Submit wait for
// a new page and would time out.
//
// When no Chromium is found, New skips the test. Set DISTRIBU_CHROMIUM to
// choose the binary and DISTRIBU_SCREENSHOTS to a directory to keep full-page
// PNGs of the steps a test names with Screenshot (and of every failure).
package browsertest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// EnvChromium names the Chromium (or Chrome) binary to use. When it is set,
// it must exist: a missing binary skips the tests rather than falling back.
const EnvChromium = "DISTRIBU_CHROMIUM"

// EnvScreenshots names a directory for the PNGs that Screenshot writes. When
// it is unset, Screenshot does nothing.
const EnvScreenshots = "DISTRIBU_SCREENSHOTS"

// DefaultChromium is where Debian's chromium package puts the browser.
const DefaultChromium = "/usr/bin/chromium"

// Timeout is the most a whole test may spend in its browser, from start to
// the last step.
const Timeout = 60 * time.Second

// PollInterval is how often the waiting helpers (WaitText, WaitGone,
// ClickAndWaitText) look at the page again.
const PollInterval = 50 * time.Millisecond

// LoadTimeout is the most one step that opens a page (Visit, Click, Submit)
// waits for that page to load.
const LoadTimeout = 20 * time.Second

// StepTimeout is the most a step that stays on the page (Fill, Text,
// WaitVisible, …) waits for its element to appear.
const StepTimeout = 10 * time.Second

// WindowWidth and WindowHeight are the size of the browser window (the page's
// viewport is a little shorter); full-page screenshots grow taller when the
// page does.
const (
	WindowWidth  = 1280
	WindowHeight = 900
)

// FindChromium returns the path of the browser to run: $DISTRIBU_CHROMIUM
// when set (which must then exist), else /usr/bin/chromium, else chromium on
// PATH. The error says what was looked for.
func FindChromium() (string, error) {
	if p := os.Getenv(EnvChromium); p != "" {
		if found, err := exec.LookPath(p); err == nil {
			return found, nil
		}
		return "", fmt.Errorf("%s=%s does not name a runnable file", EnvChromium, p)
	}
	if fi, err := os.Stat(DefaultChromium); err == nil && !fi.IsDir() {
		return DefaultChromium, nil
	}
	if found, err := exec.LookPath("chromium"); err == nil {
		return found, nil
	}
	return "", errors.New("no Chromium found")
}

// Browser is one headless Chromium with one tab, owned by one test. Its
// methods must be called from the test's goroutine.
type Browser struct {
	t       *testing.T
	ctx     context.Context
	timeout time.Duration
	base    string
	shots   string
	nshot   int

	out *lockedBuffer // browser stdout/stderr and chromedp's own log

	mu      sync.Mutex
	lastURL string   // the main frame's URL as of the last navigation
	console []string // console messages and uncaught exceptions
	errs    []string // the error and exception subset of console
	dialogs []string // messages of the JavaScript dialogs accepted so far
}

// New starts a fresh Chromium for t, with its own profile in t.TempDir(),
// whose relative paths resolve against base (the server URL, such as
// apptest.Server.URL). The browser closes when t ends. New skips t when no
// Chromium is found (see FindChromium) and fails it when Chromium will not
// start.
func New(t *testing.T, base string) *Browser {
	t.Helper()
	path, err := FindChromium()
	if err != nil {
		t.Skipf("browser tests skipped: %v (install Debian's chromium, as .ci/run does, or set %s)", err, EnvChromium)
	}

	timeout := Timeout
	if d, ok := t.Deadline(); ok {
		if left := time.Until(d) - 5*time.Second; left < timeout {
			timeout = max(left, time.Second)
		}
	}
	root, cancelRoot := context.WithTimeout(context.Background(), timeout)

	out := &lockedBuffer{}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Headless,
		// Chromium will not start as root without --no-sandbox, and its
		// sandbox needs kernel features many containers and CI runners
		// lack; the browser only ever opens the test's own server.
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(WindowWidth, WindowHeight),
		chromedp.CombinedOutput(out),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(root, opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx, chromedp.WithLogf(out.logf), chromedp.WithErrorf(out.logf))

	b := &Browser{t: t, ctx: ctx, timeout: timeout, base: strings.TrimRight(base, "/"), shots: os.Getenv(EnvScreenshots), out: out}
	var wg sync.WaitGroup
	t.Cleanup(func() {
		if t.Failed() {
			b.logDiagnostics()
		}
		_ = chromedp.Cancel(ctx) // closes the browser and waits for it
		cancelCtx()
		cancelAlloc()
		cancelRoot()
		wg.Wait()
	})

	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start Chromium %s: %v\nbrowser output:\n%s", path, err, out.String())
	}
	// Subscribe before the first page so no navigation or message is missed;
	// both loops end when ctx does.
	navs := chromedp.Events(ctx, page.FrameNavigated)
	msgs := chromedp.Console(ctx)
	dialogs := chromedp.Events(ctx, page.JavascriptDialogOpening)
	wg.Add(3)
	go func() {
		defer wg.Done()
		for ev, err := range navs {
			if err != nil {
				return
			}
			if ev.Frame != nil && ev.Frame.ParentID == "" {
				b.mu.Lock()
				b.lastURL = ev.Frame.URL + ev.Frame.URLFragment
				b.mu.Unlock()
			}
		}
	}()
	go func() {
		defer wg.Done()
		for m, err := range msgs {
			if err != nil {
				return
			}
			line := fmt.Sprintf("%s: %s", m.Type, m.Text)
			if m.URL != "" {
				line += " (" + m.URL + ")"
			}
			b.mu.Lock()
			b.console = append(b.console, line)
			if m.IsException() || (m.Type == chromedp.ConsoleError && !isFaviconProbe(m)) {
				b.errs = append(b.errs, line)
			}
			b.mu.Unlock()
		}
	}()
	go func() {
		defer wg.Done()
		// A dialog stalls the page, and the click or submit that opened
		// it, until it is answered, so it is answered here, on another
		// goroutine. The message is recorded first: by the time the step
		// that opened the dialog returns, Dialogs lists it.
		for ev, err := range dialogs {
			if err != nil {
				return
			}
			b.mu.Lock()
			b.dialogs = append(b.dialogs, ev.Message)
			b.mu.Unlock()
			out.logf("accepting JavaScript %s dialog: %s", ev.Type, ev.Message)
			_, err := chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true, PromptText: ev.DefaultPrompt})
			if err != nil && ctx.Err() == nil {
				out.logf("accept JavaScript dialog %q: %v", ev.Message, err)
			}
		}
	}()
	return b
}

// Context returns the chromedp context of the browser's tab, for steps the
// helpers do not cover. It ends when the test does or Timeout passes.
func (b *Browser) Context() context.Context { return b.ctx }

// Do runs chromedp actions in order and fails the test on the first error.
func (b *Browser) Do(actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := b.step()
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.fatal(err, "chromedp actions")
	}
}

// Visit opens path (relative to the base URL, or an absolute URL), waits for
// it to load and returns its HTTP status.
func (b *Browser) Visit(path string) int {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, LoadTimeout)
	defer cancel()
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(b.URLFor(path)))
	if err != nil {
		b.fatal(err, "visit %s", path)
	}
	if resp == nil {
		return 0
	}
	return int(resp.Status)
}

// URLFor resolves path against the base URL; absolute URLs are returned as
// they are.
func (b *Browser) URLFor(path string) string {
	if strings.Contains(path, "://") || strings.HasPrefix(path, "about:") {
		return path
	}
	if !strings.HasPrefix(path, "/") {
		path = "/" + path
	}
	return b.base + path
}

// Click clicks the element sel finds (a link or a submit button), waits for
// the page it opens to load and returns that page's HTTP status. Use
// ClickInPlace or ClickAndWaitText for a click that stays on the page.
func (b *Browser) Click(sel string) int {
	b.t.Helper()
	return b.load("click "+sel, query(sel, chromedp.Click[chromedp.CSS], chromedp.Click[chromedp.Search]))
}

// ClickInPlace clicks the element sel finds without waiting for a new page.
// Follow it with WaitText or WaitGone for what the click changes.
func (b *Browser) ClickInPlace(sel string) {
	b.t.Helper()
	ctx, cancel := b.step()
	defer cancel()
	if err := chromedp.Do(ctx, query(sel, chromedp.Click[chromedp.CSS], chromedp.Click[chromedp.Search])); err != nil {
		b.fatal(err, "click %s", sel)
	}
}

// ClickAndWaitText clicks the element sel finds without waiting for a new
// page, then waits until the page's visible text contains text, for clicks
// whose result is swapped into the page in place (a form sent with fetch).
// Choose a text that the page shows only once the change is done.
func (b *Browser) ClickAndWaitText(sel, text string) {
	b.t.Helper()
	b.ClickInPlace(sel)
	b.waitText("body", text, "after clicking "+sel)
}

// SubmitInPlace submits the form of the element sel finds, as Submit does
// (pressing Enter in a field), without waiting for a new page: for forms
// that are sent with fetch and change the page in place. Follow it with
// WaitText or WaitGone.
func (b *Browser) SubmitInPlace(sel string) {
	b.t.Helper()
	ctx, cancel := b.step()
	defer cancel()
	if err := chromedp.Do(ctx, void(onElement(sel, submitJS))); err != nil {
		b.fatal(err, "submit the form of %s", sel)
	}
}

// WaitText waits until the element sel finds is on the page and its visible
// text contains text. It looks again every PollInterval, so the element may
// be replaced meanwhile (by an in-place swap or a new page), and fails after
// StepTimeout, showing what the element said last.
func (b *Browser) WaitText(sel, text string) {
	b.t.Helper()
	b.waitText(sel, text, "")
}

// WaitGone waits until the page has no element sel finds, as after a row is
// removed in place.
func (b *Browser) WaitGone(sel string) {
	b.t.Helper()
	n := -1
	err := b.poll(func(ctx context.Context) (bool, error) {
		got, err := chromedp.Run(ctx, chromedp.Evaluate[int](countJS(sel)))
		if err != nil {
			return false, err
		}
		n = got
		return n == 0, nil
	})
	if err != nil {
		if n > 0 {
			err = fmt.Errorf("%w; %d still on the page", err, n)
		}
		b.fatal(err, "wait for %s to go", sel)
	}
}

func (b *Browser) waitText(sel, text, after string) {
	b.t.Helper()
	var last *string
	err := b.poll(func(ctx context.Context) (bool, error) {
		s, err := chromedp.Run(ctx, chromedp.Evaluate[*string](innerTextJS(sel)))
		if err != nil {
			return false, err
		}
		last = s
		return s != nil && strings.Contains(*s, text), nil
	})
	if err != nil {
		what := fmt.Sprintf("wait for %s to show %q", sel, text)
		if after != "" {
			what += " " + after
		}
		var wt *waitTimeoutError
		if errors.As(err, &wt) {
			if last == nil {
				wt.detail = sel + " is not on the page"
			} else {
				wt.detail = sel + " shows:\n" + excerpt(*last)
			}
		}
		b.fatal(err, "%s", what)
	}
}

// poll calls check every PollInterval until it reports true or StepTimeout
// passes. An error from check (the page may be between documents) is kept
// and retried; the last one is returned with the timeout.
func (b *Browser) poll(check func(ctx context.Context) (bool, error)) error {
	ctx, cancel := b.step()
	defer cancel()
	tick := time.NewTicker(PollInterval)
	defer tick.Stop()
	var last error
	for {
		// Each look gets its own short limit, so that a page that does not
		// answer (during a navigation) does not use up the whole step.
		cctx, ccancel := context.WithTimeout(ctx, 2*time.Second)
		ok, err := check(cctx)
		ccancel()
		if ok {
			return nil
		}
		if err != nil && ctx.Err() == nil {
			last = err
		}
		select {
		case <-ctx.Done():
			if b.ctx.Err() != nil {
				return ctx.Err() // the whole test's time ran out
			}
			return &waitTimeoutError{err: ctx.Err(), last: last}
		case <-tick.C:
		}
	}
}

// Submit submits the form that holds the element sel finds (or that sel
// finds), as pressing Enter in a field does: the form's submit handlers run.
// It waits for the resulting page to load and returns its HTTP status.
func (b *Browser) Submit(sel string) int {
	b.t.Helper()
	return b.load("submit the form of "+sel, void(onElement(sel, submitJS)))
}

// submitJS submits the form of its element as pressing Enter does.
const submitJS = `function () {
	const form = this instanceof HTMLFormElement ? this : (this.form || this.closest("form"));
	if (!form) { throw new Error("the element is not in a form"); }
	form.requestSubmit();
	return "";
}`

// Reload reloads the current page, waits for it to load and returns its
// HTTP status. A page that answered a form post is posted again, as a
// browser's reload does after its "resubmit?" question.
func (b *Browser) Reload() int {
	b.t.Helper()
	return b.load("reload", chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, page.Reload, page.ReloadParams{})
		return err
	}))
}

// Fill replaces the value of the text field sel finds with value, typing it
// key by key as a person would.
func (b *Browser) Fill(sel, value string) {
	b.t.Helper()
	const clear = `function () {
		if (!("value" in this)) { throw new Error("the element is not a form field"); }
		this.focus();
		this.value = "";
		this.dispatchEvent(new Event("input", {bubbles: true}));
		return "";
	}`
	ctx, cancel := b.step()
	defer cancel()
	err := chromedp.Do(ctx,
		void(onElement(sel, clear)),
		query(sel, func(s chromedp.CSS, o ...chromedp.QueryOption) chromedp.Action[chromedp.Void] {
			return chromedp.SendKeys(s, value, o...)
		}, func(s chromedp.Search, o ...chromedp.QueryOption) chromedp.Action[chromedp.Void] {
			return chromedp.SendKeys(s, value, o...)
		}))
	if err != nil {
		b.fatal(err, "fill %s with %q", sel, value)
	}
}

// Select chooses the option whose value or visible text is option in the
// <select> sel finds, and fires the input and change events a person's
// choice fires.
func (b *Browser) Select(sel, option string) {
	b.t.Helper()
	js := `function () {
		const want = ` + jsString(option) + `;
		if (!(this instanceof HTMLSelectElement)) { throw new Error("the element is not a <select>"); }
		const opt = Array.from(this.options).find(o => o.value === want || o.text.trim() === want);
		if (!opt) {
			throw new Error("no option " + JSON.stringify(want) + "; options: " +
				Array.from(this.options).map(o => JSON.stringify(o.text.trim())).join(", "));
		}
		this.focus();
		this.value = opt.value;
		this.dispatchEvent(new Event("input", {bubbles: true}));
		this.dispatchEvent(new Event("change", {bubbles: true}));
		return "";
	}`
	ctx, cancel := b.step()
	defer cancel()
	if err := chromedp.Do(ctx, void(onElement(sel, js))); err != nil {
		b.fatal(err, "select %q in %s", option, sel)
	}
}

// WaitVisible waits until the element sel finds is on the page and visible.
func (b *Browser) WaitVisible(sel string) {
	b.t.Helper()
	ctx, cancel := b.step()
	defer cancel()
	if err := chromedp.Do(ctx, query(sel, chromedp.WaitVisible[chromedp.CSS], chromedp.WaitVisible[chromedp.Search])); err != nil {
		b.fatal(err, "wait for %s to be visible", sel)
	}
}

// Text returns the visible text (innerText) of the element sel finds.
func (b *Browser) Text(sel string) string {
	b.t.Helper()
	ctx, cancel := b.step()
	defer cancel()
	s, err := chromedp.Run(ctx, query(sel, chromedp.Text[chromedp.CSS], chromedp.Text[chromedp.Search]))
	if err != nil {
		b.fatal(err, "read the text of %s", sel)
	}
	return s
}

// BodyText returns the visible text of the whole page. It reads it with
// JavaScript rather than through a DOM node id, which can go stale while a
// page that just loaded settles.
func (b *Browser) BodyText() string {
	b.t.Helper()
	ctx, cancel := b.step()
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`))
	if err != nil {
		b.fatal(err, "read the text of the page")
	}
	return s
}

// Value returns the current value of the form field sel finds.
func (b *Browser) Value(sel string) string {
	b.t.Helper()
	ctx, cancel := b.step()
	defer cancel()
	s, err := chromedp.Run(ctx, query(sel, chromedp.Value[chromedp.CSS], chromedp.Value[chromedp.Search]))
	if err != nil {
		b.fatal(err, "read the value of %s", sel)
	}
	return s
}

// Texts returns the visible text of every element sel finds right now, in
// document order, without waiting; nil when there is none.
func (b *Browser) Texts(sel string) []string {
	b.t.Helper()
	var js string
	if isXPath(sel) {
		js = `(() => { const r = document.evaluate(` + jsString(sel) + `, document, null, XPathResult.ORDERED_NODE_SNAPSHOT_TYPE, null);
			const out = []; for (let i = 0; i < r.snapshotLength; i++) { out.push(r.snapshotItem(i).innerText ?? r.snapshotItem(i).textContent); } return out; })()`
	} else {
		js = `Array.from(document.querySelectorAll(` + jsString(sel) + `), e => e.innerText)`
	}
	texts, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]string](js))
	if err != nil {
		b.fatal(err, "read the texts of %s", sel)
	}
	return texts
}

// Count returns how many elements sel finds right now, without waiting.
func (b *Browser) Count(sel string) int {
	b.t.Helper()
	n, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](countJS(sel)))
	if err != nil {
		b.fatal(err, "count %s", sel)
	}
	return n
}

// See fails the test unless the page's visible text contains every one of
// texts.
func (b *Browser) See(texts ...string) {
	b.t.Helper()
	body := b.BodyText()
	for _, s := range texts {
		if !strings.Contains(body, s) {
			b.t.Fatalf("%s: page does not show %q; it shows:\n%s", b.currentURL(), s, excerpt(body))
		}
	}
}

// NotSee fails the test if the page's visible text contains any of texts.
func (b *Browser) NotSee(texts ...string) {
	b.t.Helper()
	body := b.BodyText()
	for _, s := range texts {
		if strings.Contains(body, s) {
			b.t.Fatalf("%s: page shows %q but should not; it shows:\n%s", b.currentURL(), s, excerpt(body))
		}
	}
}

// Title returns the document title.
func (b *Browser) Title() string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Title())
	if err != nil {
		b.fatal(err, "read the title")
	}
	return s
}

// URL returns the address of the page the browser shows.
func (b *Browser) URL() *url.URL {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Location())
	if err != nil {
		b.fatal(err, "read the location")
	}
	u, err := url.Parse(s)
	if err != nil {
		b.t.Fatalf("parse location %q: %v", s, err)
	}
	return u
}

// Path returns the path of the page the browser shows, such as "/dashboard".
func (b *Browser) Path() string {
	b.t.Helper()
	return b.URL().Path
}

// MarkPage tags the document the browser shows now, so that SamePage can
// tell later whether a step changed it in place or loaded a new page.
func (b *Browser) MarkPage() {
	b.t.Helper()
	if _, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`window.__browsertestMark = true`)); err != nil {
		b.fatal(err, "mark the page")
	}
}

// SamePage reports whether the browser still shows the document MarkPage
// tagged: no page has loaded since, not even the same address again.
func (b *Browser) SamePage() bool {
	b.t.Helper()
	same, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`window.__browsertestMark === true`))
	if err != nil {
		b.fatal(err, "look for the page mark")
	}
	return same
}

// Dialogs returns the messages of the JavaScript dialogs (confirm, alert,
// prompt) the pages have opened so far, oldest first. Every dialog is
// accepted as soon as it opens.
func (b *Browser) Dialogs() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.dialogs...)
}

// ConsoleErrors returns the console errors and uncaught exceptions the pages
// have produced so far, one line each. It leaves out the failure of the
// browser's own request for /favicon.ico, which no page asks for.
func (b *Browser) ConsoleErrors() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.errs...)
}

// Screenshot writes a full-page PNG of the current page to
// $DISTRIBU_SCREENSHOTS/<test>-<n>-<name>.png. It does nothing when
// DISTRIBU_SCREENSHOTS is unset.
func (b *Browser) Screenshot(name string) {
	b.t.Helper()
	if b.shots == "" {
		return
	}
	if err := b.screenshot(b.ctx, name); err != nil {
		b.fatal(err, "screenshot %q", name)
	}
}

func (b *Browser) screenshot(ctx context.Context, name string) error {
	buf, err := chromedp.Run(ctx, fullPageScreenshot)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(b.shots, 0o755); err != nil {
		return err
	}
	b.nshot++
	file := filepath.Join(b.shots, fmt.Sprintf("%s-%02d-%s.png", fileName(b.t.Name()), b.nshot, fileName(name)))
	if err := os.WriteFile(file, buf, 0o644); err != nil {
		return err
	}
	b.t.Logf("screenshot %s", file)
	return nil
}

// fullPageScreenshot captures the whole page as a PNG. It first grows the
// viewport to the page's height, as Puppeteer's fullPage does: a capture
// beyond a window-sized viewport would draw what is sized by the viewport
// (the dashboard's sticky, 100vh-tall sidebar) one window high, wherever the
// page happened to be scrolled. The window's size comes back afterwards.
func fullPageScreenshot(ctx context.Context, t *chromedp.Target) ([]byte, error) {
	size, err := chromedp.Evaluate[[]float64](`[window.innerWidth, Math.max(
		document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0, window.innerHeight)]`)(ctx, t)
	if err != nil {
		return nil, err
	}
	if len(size) != 2 || size[0] <= 0 || size[1] <= 0 {
		return nil, fmt.Errorf("page size %v", size)
	}
	_, err = cdp.Call(ctx, t, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
		Width: int64(math.Ceil(size[0])), Height: int64(math.Ceil(min(size[1], 16384))), DeviceScaleFactor: 1,
	})
	if err != nil {
		return nil, err
	}
	defer func() {
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
		defer cancel()
		_, _ = cdp.Call(rctx, t, emulation.ClearDeviceMetricsOverride, cdp.Empty{})
	}()
	return chromedp.FullScreenshot(100)(ctx, t)
}

// step returns the context for one step that stays on the page.
func (b *Browser) step() (context.Context, context.CancelFunc) {
	return context.WithTimeout(b.ctx, StepTimeout)
}

// load runs a step that opens a page and waits for that page to load.
func (b *Browser) load(what string, step chromedp.Action[chromedp.Void]) int {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, LoadTimeout)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, step)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) && b.ctx.Err() == nil {
			err = &loadTimeoutError{err}
		}
		b.fatal(err, "%s", what)
	}
	if resp == nil {
		return 0
	}
	return int(resp.Status)
}

// loadTimeoutError says that a step meant to open a page opened none.
type loadTimeoutError struct{ err error }

func (e *loadTimeoutError) Error() string {
	return fmt.Sprintf("no new page loaded within %s (%v); use ClickInPlace for a click that stays on the page", LoadTimeout, e.err)
}

func (e *loadTimeoutError) Unwrap() error { return e.err }

// waitTimeoutError says that what a waiting step (WaitText, WaitGone)
// waited for did not come within StepTimeout.
type waitTimeoutError struct {
	err    error  // the step's context error
	last   error  // the last error met while looking, if any
	detail string // what the page showed last, set by the step
}

func (e *waitTimeoutError) Error() string {
	s := fmt.Sprintf("timed out after %s (%v)", StepTimeout, e.err)
	if e.last != nil {
		s += fmt.Sprintf("; last error while looking: %v", e.last)
	}
	return s
}

func (e *waitTimeoutError) Unwrap() error { return e.err }

// fatal fails the test for a chromedp error, naming the current page and
// keeping a screenshot of it when screenshots are on.
func (b *Browser) fatal(err error, format string, args ...any) {
	b.t.Helper()
	if errors.Is(err, context.DeadlineExceeded) {
		var lt *loadTimeoutError
		var wt *waitTimeoutError
		if b.ctx.Err() != nil {
			err = fmt.Errorf("%w (the browser's time limit for the whole test, %s, ran out)", err, b.timeout)
		} else if !errors.As(err, &lt) && !errors.As(err, &wt) {
			err = fmt.Errorf("%w (nothing on the page matched within %s)", err, StepTimeout)
		}
	}
	where := b.currentURL()
	if b.shots != "" && b.ctx.Err() == nil {
		ctx, cancel := context.WithTimeout(b.ctx, 5*time.Second)
		if serr := b.screenshot(ctx, "failure"); serr != nil {
			b.t.Logf("failure screenshot: %v", serr)
		}
		cancel()
	}
	var detail string
	if wt := (*waitTimeoutError)(nil); errors.As(err, &wt) && wt.detail != "" {
		detail = "; " + wt.detail
	}
	b.t.Fatalf("%s: %v (page: %s)%s", fmt.Sprintf(format, args...), err, where, detail)
}

// currentURL asks the browser where it is, falling back to the last
// navigation seen when the browser cannot answer.
func (b *Browser) currentURL() string {
	if b.ctx.Err() == nil {
		ctx, cancel := context.WithTimeout(b.ctx, 2*time.Second)
		defer cancel()
		if s, err := chromedp.Run(ctx, chromedp.Location()); err == nil {
			return s
		}
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.lastURL == "" {
		return "(no page yet)"
	}
	return b.lastURL
}

// logDiagnostics writes what the browser said to the test log.
func (b *Browser) logDiagnostics() {
	b.mu.Lock()
	console := strings.Join(b.console, "\n")
	b.mu.Unlock()
	if console != "" {
		b.t.Logf("browser console:\n%s", console)
	}
	var lines []string
	for _, line := range strings.Split(b.out.String(), "\n") {
		// Chromium complains about the missing D-Bus daemon in every
		// container; that says nothing about the test.
		if strings.TrimSpace(line) != "" && !strings.Contains(line, ":ERROR:dbus/") {
			lines = append(lines, line)
		}
	}
	if len(lines) > 40 {
		lines = append([]string{"…"}, lines[len(lines)-40:]...)
	}
	if len(lines) > 0 {
		b.t.Logf("browser output:\n%s", strings.Join(lines, "\n"))
	}
}

// isFaviconProbe reports whether m is the browser's failed automatic
// request for /favicon.ico.
func isFaviconProbe(m chromedp.ConsoleMessage) bool {
	u, err := url.Parse(m.URL)
	return err == nil && u.Path == "/favicon.ico" && m.Source == "network"
}

// Link returns an XPath selector for the link whose visible text is text.
// Prefix it with an XPath to narrow it, as in "//aside" + Link("Company").
func Link(text string) string {
	return "//a[normalize-space()=" + xpathString(text) + "]"
}

// Button returns an XPath selector for the button whose visible text is
// text (a <button>, or an <input> submit or button with that value).
func Button(text string) string {
	q := xpathString(text)
	return "(//button[normalize-space()=" + q + "] | //input[(@type='submit' or @type='button') and @value=" + q + "])"
}

// query builds a query action for sel: CSS, or XPath when sel starts with
// "/" or "(".
func query[T any](sel string,
	css func(chromedp.CSS, ...chromedp.QueryOption) chromedp.Action[T],
	xpath func(chromedp.Search, ...chromedp.QueryOption) chromedp.Action[T],
) chromedp.Action[T] {
	if isXPath(sel) {
		return xpath(chromedp.Search(sel))
	}
	return css(chromedp.CSS(sel))
}

// countJS is a JavaScript expression for the number of elements sel finds.
func countJS(sel string) string {
	if isXPath(sel) {
		return `document.evaluate(` + jsString(sel) + `, document, null, XPathResult.ORDERED_NODE_SNAPSHOT_TYPE, null).snapshotLength`
	}
	return `document.querySelectorAll(` + jsString(sel) + `).length`
}

// innerTextJS is a JavaScript expression for the visible text of the first
// element sel finds, or null when there is none.
func innerTextJS(sel string) string {
	var find string
	if isXPath(sel) {
		find = `document.evaluate(` + jsString(sel) + `, document, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue`
	} else {
		find = `document.querySelector(` + jsString(sel) + `)`
	}
	return `(() => { const e = ` + find + `; return e ? (e.innerText ?? e.textContent) : null; })()`
}

func isXPath(sel string) bool {
	return strings.HasPrefix(sel, "/") || strings.HasPrefix(sel, "(")
}

// onElement waits for the element sel finds and calls the JavaScript
// function fn with this set to it; fn returns a string.
func onElement(sel, fn string) chromedp.Action[string] {
	after := func(ctx context.Context, t *chromedp.Target, nodes []*chromedp.Node) (string, error) {
		if len(nodes) == 0 {
			return "", fmt.Errorf("selector %q found nothing", sel)
		}
		return callOn(ctx, t, nodes[0].NodeID, fn)
	}
	return query(sel, func(s chromedp.CSS, o ...chromedp.QueryOption) chromedp.Action[string] {
		return chromedp.QueryAfter(s, after, o...)
	}, func(s chromedp.Search, o ...chromedp.QueryOption) chromedp.Action[string] {
		return chromedp.QueryAfter(s, after, o...)
	})
}

func callOn(ctx context.Context, t *chromedp.Target, id cdp.NodeID, fn string) (string, error) {
	obj, err := cdp.Call(ctx, t, dom.ResolveNode, dom.ResolveNodeParams{NodeID: id})
	if err != nil {
		return "", err
	}
	if obj.Object == nil || obj.Object.ObjectID == "" {
		return "", errors.New("element has no JavaScript object")
	}
	defer func() {
		_, _ = cdp.Call(ctx, t, runtime.ReleaseObject, runtime.ReleaseObjectParams{ObjectID: obj.Object.ObjectID})
	}()
	byValue := true
	res, err := cdp.Call(ctx, t, runtime.CallFunctionOn, runtime.CallFunctionOnParams{
		FunctionDeclaration: fn, ObjectID: obj.Object.ObjectID, ReturnByValue: &byValue,
	})
	if err != nil {
		return "", err
	}
	if d := res.ExceptionDetails; d != nil {
		if d.Exception != nil && d.Exception.Description != "" {
			return "", errors.New(firstLine(d.Exception.Description))
		}
		return "", errors.New(d.Text)
	}
	var s string
	if res.Result != nil && len(res.Result.Value) > 0 {
		_ = json.Unmarshal(res.Result.Value, &s)
	}
	return s, nil
}

// void drops an action's value.
func void[T any](a chromedp.Action[T]) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := a(ctx, t)
		return chromedp.Void{}, err
	}
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// xpathString quotes s as an XPath string literal, which has no escapes.
func xpathString(s string) string {
	if !strings.Contains(s, `"`) {
		return `"` + s + `"`
	}
	if !strings.Contains(s, "'") {
		return "'" + s + "'"
	}
	parts := strings.Split(s, `"`)
	for i, p := range parts {
		parts[i] = `"` + p + `"`
	}
	return "concat(" + strings.Join(parts, `, '"', `) + ")"
}

// fileName turns a test or step name into a safe file name part.
func fileName(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
			return r
		}
		return '_'
	}, s)
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// excerpt keeps failure messages readable.
func excerpt(s string) string {
	const limit = 4000
	if len(s) <= limit {
		return s
	}
	return s[:limit] + "\n…(cut)"
}

// lockedBuffer collects the browser's output from several goroutines.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *lockedBuffer) logf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	fmt.Fprintf(&l.buf, format+"\n", args...)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}
