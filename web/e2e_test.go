package web_test

// End-to-end tests of the workbench in a real browser: Chromium driven
// through the DevTools protocol (chromedp). They skip when Chromium is not
// installed, except in CI (CI=true), where .ci/run installs it and a
// missing browser fails the test. Screenshots go to $GMCR_E2E_OUT (default
// a folder under gmcr-e2e in the system's temporary directory, named after
// the checkout; the test log names it).

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/gmcr/gmcr/examples"
	"github.com/gmcr/gmcr/server"
	"github.com/gmcr/gmcr/web"
)

const e2eToken = "e2e-token-0123456789abcdef"

// chromium returns the browser's path, skipping the test when there is
// none outside CI.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("Chromium is not installed, but CI=true requires the browser tests to run (.ci/run installs it with apt-get)")
	}
	t.Skip("Chromium is not installed: skipping the browser tests (install it with `apt-get install chromium`; in CI they run)")
	return ""
}

// outDir is where the screenshots go: $GMCR_E2E_OUT, else a folder of the
// system's temporary directory named after this checkout, so that two
// checkouts tested at once do not mix their screenshots.
func outDir(t *testing.T) string {
	dir := os.Getenv("GMCR_E2E_OUT")
	if dir == "" {
		wd, _ := os.Getwd()
		name := strings.Trim(strings.NewReplacer("/", "_", "\\", "_", ":", "_").Replace(filepath.Dir(wd)), "_")
		dir = filepath.Join(os.TempDir(), "gmcr-e2e", name)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

type browserTest struct {
	t       *testing.T
	ctx     context.Context
	url     string
	out     string
	mu      sync.Mutex
	jsError []string
}

// newBrowser serves the workbench (with file, if not "") and opens it in a
// fresh headless Chromium.
func newBrowser(t *testing.T, file string) *browserTest {
	t.Helper()
	exe := chromium(t)
	s, err := server.New(server.Config{Token: e2eToken, Assets: web.Assets(), File: file, Version: "e2e"})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(func() { ts.Close(); s.Close() })
	// A fresh profile, removed after the browser has gone (Chromium may
	// still be writing to it for a moment after it is told to stop).
	profile, err := os.MkdirTemp("", "gmcr-e2e-profile-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for range 20 {
			if os.RemoveAll(profile) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1400, 900),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	// The protocol has events this chromedp version does not know; its
	// complaints about them are noise.
	ctx, cancelC := chromedp.NewContext(actx, chromedp.WithErrorf(func(string, ...any) {}))
	ctx, cancelT := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(func() { cancelT(); cancelC(); cancelA() })
	b := &browserTest{t: t, ctx: ctx, url: ts.URL, out: outDir(t)}
	t.Logf("screenshots: %s", b.out)
	chromedp.ListenTarget(ctx, func(ev any) {
		if e, ok := ev.(*runtime.EventExceptionThrown); ok {
			b.mu.Lock()
			b.jsError = append(b.jsError, e.ExceptionDetails.Error())
			b.mu.Unlock()
		}
	})
	// The first Run starts the browser; it must not carry a timeout of its
	// own, which would stop the browser when it expires.
	if err := chromedp.Run(ctx); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	b.run("open the workbench", chromedp.Navigate(ts.URL+"/?token="+e2eToken))
	return b
}

func (b *browserTest) run(what string, actions ...chromedp.Action) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Run(ctx, actions...); err != nil {
		b.shot("failed-" + strings.ReplaceAll(what, " ", "-"))
		b.t.Fatalf("%s: %v", what, err)
	}
}

// waitText waits until the element sel's text contains want.
func (b *browserTest) waitText(what, sel, want string) {
	b.t.Helper()
	js := fmt.Sprintf(`(() => { const e = document.querySelector(%q); return !!e && e.textContent.includes(%q); })()`, sel, want)
	b.waitJS(what, js)
}

func (b *browserTest) waitJS(what, js string) {
	b.t.Helper()
	// Generous: the machine running the tests may be busy.
	deadline := time.Now().Add(45 * time.Second)
	for {
		var ok bool
		if err := chromedp.Run(b.ctx, chromedp.Evaluate(js, &ok)); err != nil {
			b.t.Fatalf("%s: %v", what, err)
		}
		if ok {
			return
		}
		if time.Now().After(deadline) {
			var status string
			chromedp.Run(b.ctx, chromedp.Text("#status-text", &status, chromedp.ByQuery))
			b.shot("failed-" + strings.ReplaceAll(what, " ", "-"))
			b.t.Fatalf("%s: timed out (status: %q)", what, status)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (b *browserTest) text(sel string) string {
	b.t.Helper()
	var s string
	b.run("read "+sel, chromedp.Text(sel, &s, chromedp.ByQuery))
	return s
}

func (b *browserTest) value(sel string) string {
	b.t.Helper()
	var s string
	b.run("read "+sel, chromedp.Value(sel, &s, chromedp.ByQuery))
	return s
}

func (b *browserTest) shot(name string) {
	var png []byte
	if err := chromedp.Run(b.ctx, chromedp.FullScreenshot(&png, 100)); err != nil {
		b.t.Logf("screenshot %s: %v", name, err)
		return
	}
	path := filepath.Join(b.out, name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Logf("screenshot %s: %v", name, err)
	}
}

// typeInto replaces the value of the input sel by typing text, as a user
// would. The form may still be drawing the input (a click that adds a
// row redraws it): wait for it first.
func (b *browserTest) typeInto(sel, text string) {
	b.t.Helper()
	b.waitJS("input "+sel, fmt.Sprintf(`!!document.querySelector(%q)`, sel))
	b.run("type into "+sel,
		chromedp.Evaluate(fmt.Sprintf(`(() => { const e = document.querySelector(%q); e.scrollIntoView(); e.focus(); e.select(); })()`, sel), nil),
		chromedp.SendKeys(sel, text, chromedp.ByQuery))
}

// click clicks the element sel, again if the page replaced it between
// finding and clicking it (a tableau page that was just redrawn).
func (b *browserTest) click(sel string) {
	b.t.Helper()
	var err error
	for range 5 {
		ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
		err = chromedp.Run(ctx, chromedp.Click(sel, chromedp.ByQuery))
		cancel()
		if err == nil {
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
	b.shot("failed-click")
	b.t.Fatalf("click %s: %v", sel, err)
}

// clickNow clicks the element sel where it is now (a DOM click, not one
// at screen coordinates): in a form that is still settling after an edit
// (a problem shown while typing, then removed), the buttons below move,
// and a click at the coordinates found a moment earlier can land on a
// neighbour.
func (b *browserTest) clickNow(sel string) {
	b.t.Helper()
	b.waitJS("button "+sel, fmt.Sprintf(`!!document.querySelector(%q)`, sel))
	b.run("click "+sel, chromedp.Evaluate(fmt.Sprintf(`document.querySelector(%q).click()`, sel), nil))
}

// clickTab clicks a tab until it is selected: a click that lands while
// the page lays itself out again can miss.
func (b *browserTest) clickTab(id string) {
	b.t.Helper()
	for try := 0; ; try++ {
		b.run("click "+id, chromedp.Click("#"+id, chromedp.ByQuery))
		var on bool
		b.run("tab state", chromedp.Evaluate(fmt.Sprintf(`document.getElementById(%q).getAttribute('aria-selected') === 'true'`, id), &on))
		if on {
			return
		}
		if try == 2 {
			b.shot("failed-" + id)
			b.t.Fatalf("clicking %s does not select it", id)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// allLabelled checks that every visible control has an accessible name.
func (b *browserTest) allLabelled() {
	b.t.Helper()
	var unlabelled []string
	b.run("labels", chromedp.Evaluate(`[...document.querySelectorAll('input, select, textarea, button')].filter(e => {
		if (e.type === 'hidden' || e.closest('[hidden]') || e.closest('dialog:not([open])') || e.closest('.CodeMirror')) return false;
		if (e.getAttribute('aria-label') || e.getAttribute('aria-labelledby') || e.closest('label')) return false;
		if (e.id && document.querySelector('label[for="' + CSS.escape(e.id) + '"]')) return false;
		if (e.tagName === 'BUTTON' && e.textContent.trim()) return false;
		return true;
	}).map(e => e.outerHTML.slice(0, 80))`, &unlabelled))
	if len(unlabelled) > 0 {
		b.t.Errorf("controls without a label: %q", unlabelled)
	}
}

func (b *browserTest) noJSErrors() {
	b.t.Helper()
	var csp []string
	// The report was opened last in one test: its page has no recorder.
	if err := chromedp.Run(b.ctx, chromedp.Evaluate(`window.gmcrCSPViolations || []`, &csp)); err != nil {
		b.t.Errorf("reading CSP violations: %v", err)
	}
	if len(csp) > 0 {
		b.t.Errorf("the Content-Security-Policy blocked: %q", csp)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.jsError) > 0 {
		b.t.Errorf("JavaScript errors: %q", b.jsError)
	}
}

func TestWorkbenchEndToEnd(t *testing.T) {
	ex, err := examples.Get("prisoners-dilemma")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "pd.yaml")
	if err := os.WriteFile(file, ex.Data, 0o644); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, file)

	// The file named on the command line opens directly and is analysed.
	b.waitText("first analysis", "#status-text", "4 states")
	b.waitText("tableau", "#pg-info", "states 1–4 of 4")
	b.waitText("equilibria", "#equilibria", "Nash: 4")
	b.shot("01-opened")

	// Edit a preference statement in the forms: P1 comes to prefer not
	// defecting, and state 3 becomes the Nash equilibrium.
	stmt := `input[data-path="decision_makers.0.preferences.statements.1.statement"]`
	b.typeInto(stmt, "not d1")
	b.waitText("tableau after the edit", "#equilibria", "Nash: 3")
	b.shot("02-edited")
	var yaml string
	b.run("read the source", chromedp.Evaluate(`document.querySelector('.CodeMirror').CodeMirror.getValue()`, &yaml))
	if !strings.Contains(yaml, "not d1") {
		t.Errorf("the source did not follow the forms:\n%s", yaml)
	}

	// An error: shown beside the field, in the CLI's words, and the text
	// typed stays.
	b.typeInto(stmt, "not dd1")
	b.waitJS("error beside the field", fmt.Sprintf(`(() => { const i = document.querySelector(%q); const e = i && i.closest('label').nextElementSibling;
		return !!e && e.classList.contains('field-error') && e.textContent.includes('dd1') && i.getAttribute('aria-invalid') === 'true' && i.value === 'not dd1'; })()`, stmt))
	b.shot("03-error")
	b.typeInto(stmt, "not d1")
	b.waitJS("error cleared", `document.querySelectorAll('#forms .field-error').length === 0`)
	b.waitText("analysis after the fix", "#equilibria", "Nash: 3")

	// Click a tableau cell for its explanation.
	b.click(`button.mark[data-state="1"][data-dm="P2"][data-concept="Nash"]`)
	b.waitText("explanation", "#explain pre", "P2")
	b.shot("04-explanation")
	// The marks are buttons: Enter on a focused one explains it too.
	b.run("keyboard explain", chromedp.Focus(`button.mark[data-state="4"][data-dm="P1"][data-concept="GMR"]`, chromedp.ByQuery), chromedp.KeyEvent(kb.Enter))
	b.waitText("keyboard explanation", "#explain h2", "state 4, P1, GMR")
	b.click(`#btn-witness`)
	b.waitText("witness on the graph", "#g-note", "Explanation of state 4")
	b.shot("04b-witness")
	b.clickTab("tab-tableau")

	// Give the model a status quo in the forms, then open the evolution
	// diagram.
	b.run("status quo", chromedp.Click(`#sq-on`, chromedp.ByQuery))
	b.waitJS("status quo analysed", `(() => { const s = document.querySelector('#status-text').textContent; return s.includes('4 states') && !s.includes('Analysing'); })()`)
	b.clickTab("tab-evolution")
	b.waitJS("evolution diagram", `(() => { const i = document.querySelector('#ev-diagram img'); return !!i && i.complete && i.naturalWidth > 0; })()`)
	b.waitText("evolution report", "#ev-text", "status quo")
	b.shot("05-evolution")

	// The moves graph.
	b.clickTab("tab-graph")
	b.waitText("graph drawn", "#g-note", "4 states")
	b.shot("06-graph")

	// Keyboard: arrow keys move between tabs.
	b.run("keyboard tabs", chromedp.Focus(`#tab-graph`, chromedp.ByQuery), chromedp.KeyEvent(kb.ArrowRight))
	b.waitJS("ranking tab selected", `document.querySelector('#tab-ranking').getAttribute('aria-selected') === 'true' && document.activeElement.id === 'tab-ranking'`)
	b.waitText("ranking view", "#ranking", "most preferred states")
	// A state's number in the tableau opens the ranking view at it: its
	// score and which statements hold there.
	b.clickTab("tab-tableau")
	b.click(`button.statebtn[data-rank-state="2"]`)
	b.waitText("ranking at state 2", "#ranking h3", "State 2 (YN)")
	b.shot("07-ranking")

	// Every visible control has an accessible name.
	b.allLabelled()

	// Download the model, load it back: the same analysis.
	var before string
	b.run("equilibria before", chromedp.Evaluate(`document.querySelector('#equilibria').textContent`, &before))
	if !strings.Contains(before, "Nash: 3") {
		t.Fatalf("equilibria before the download: %q", before)
	}
	dl := t.TempDir()
	b.run("download behaviour", browser.SetDownloadBehavior(browser.SetDownloadBehaviorBehaviorAllow).WithDownloadPath(dl))
	b.run("download", chromedp.Evaluate(`(() => { const s = document.querySelector('#download-format'); s.value = 'json'; s.dispatchEvent(new Event('change')); })()`, nil))
	var saved string
	for range 100 {
		if m, _ := filepath.Glob(filepath.Join(dl, "*.json")); len(m) > 0 {
			saved = m[0]
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if saved == "" {
		t.Fatal("the model was not downloaded")
	}
	b.run("open dialog", chromedp.Click(`#btn-start`, chromedp.ByQuery))
	b.run("load it back", chromedp.SetUploadFiles(`#file-input`, []string{saved}, chromedp.ByQuery))
	b.waitText("reloaded", "#model-name", filepath.Base(saved))
	b.waitJS("reanalysed", fmt.Sprintf(`document.querySelector('#equilibria').textContent === %q && !document.querySelector('#status-text').textContent.includes('Analysing')`, before))
	b.shot("08-reloaded")

	// Generate the HTML report.
	b.clickTab("tab-tableau")
	b.run("report", chromedp.Click(`#btn-report`, chromedp.ByQuery))
	var report string
	for range 150 {
		if m, _ := filepath.Glob(filepath.Join(dl, "*-report.html")); len(m) > 0 {
			report = m[0]
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if report == "" {
		b.shot("failed-report")
		t.Fatal("the report was not downloaded")
	}
	html, _ := os.ReadFile(report)
	if !strings.Contains(string(html), "Prisoner") || !strings.Contains(string(html), `id="tableau"`) {
		t.Errorf("the report: %.300s", html)
	}
	b.noJSErrors()
	b.run("open the report", chromedp.Navigate("file://"+report))
	b.shot("09-report")

	b.noJSErrors()
}

func TestWorkbenchSaveAndStartPage(t *testing.T) {
	ex, err := examples.Get("prisoners-dilemma")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "pd.yaml")
	// The user's comments, which a form edit must keep.
	src := "# My notes on the dilemma\n" + strings.Replace(string(ex.Data), "  - id: d2\n", "  - id: d2 # the second player's option\n", 1)
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, file)
	b.waitText("opened", "#status-text", "4 states")
	// An error typed in the source tab is shown on its line, in the CLI's
	// words; undoing it clears it.
	b.clickTab("tab-source")
	b.run("edit the source", chromedp.Evaluate(`(() => { const cm = document.querySelector('.CodeMirror').CodeMirror;
		const i = cm.getValue().indexOf('[d1]'); const p = cm.posFromIndex(i + 2);
		cm.replaceRange('9', p, {line: p.line, ch: p.ch + 1}, '+input'); })()`, nil))
	b.waitJS("error on its line", `[...document.querySelectorAll('.cm-error-widget')].some(e => e.textContent.includes('d9'))`)
	b.waitText("error listed", "#source-errors", "pd.yaml:")
	b.shot("12-source-error")
	b.run("undo in the editor", chromedp.Evaluate(`document.querySelector('.CodeMirror').CodeMirror.undo()`, nil))
	b.waitJS("error cleared", `document.querySelectorAll('.cm-error-widget').length === 0 && document.querySelector('#status-text').textContent.includes('4 states')`)
	b.clickTab("tab-forms")

	b.typeInto(`input[data-path="title"]`, "Edited dilemma")
	b.waitJS("source follows", `document.querySelector('.CodeMirror').CodeMirror.getValue().includes('Edited dilemma')`)
	b.run("save", chromedp.Click(`#btn-save`, chromedp.ByQuery))
	b.waitText("saved", "#status-text", "Saved pd.yaml")
	data, _ := os.ReadFile(file)
	if !strings.Contains(string(data), "Edited dilemma") {
		t.Errorf("not saved:\n%s", data)
	}
	if !strings.HasPrefix(string(data), "# My notes on the dilemma\ntitle: Edited dilemma\n") || !strings.Contains(string(data), "  - id: d2 # the second player's option\n") {
		t.Errorf("the form edit lost the file's comments:\n%s", data)
	}

	// Undo and redo the edit.
	b.run("undo", chromedp.Click(`#btn-undo`, chromedp.ByQuery))
	b.waitJS("undone", `document.querySelector('input[data-path="title"]')?.value === "Prisoner's Dilemma"`)
	b.run("redo", chromedp.Click(`#btn-redo`, chromedp.ByQuery))
	b.waitJS("redone", `document.querySelector('input[data-path="title"]')?.value === "Edited dilemma"`)

	// The start page opens the built-in examples.
	b.run("open dialog", chromedp.Click(`#btn-start`, chromedp.ByQuery))
	b.shot("10-start-page")
	b.run("example", chromedp.Click(`button[data-example="ukraine-security"]`, chromedp.ByQuery))
	b.waitText("flagship analysed", "#status-text", "288 states")
	b.waitText("flagship equilibria", "#equilibria", "SEQ: 59, 75, 79, 163, 171, 176")
	b.shot("11-flagship")
	// Its requires constraints and scenarios are in the forms.
	b.waitJS("flagship in the forms", `(() => { const v = p => document.querySelector('#forms [data-path="' + p + '"]')?.value;
		return v('feasibility.requires.0.option') === 'us_troops' && v('feasibility.requires.0.requires') === 'us_guarantee' &&
			v('scenarios.0.id') === 'russia_at_table' && v('scenarios.0.force') === 'us_include_russia' &&
			v('scenarios.4.requires.0.requires') === 'ru_ceasefire, ua_ceasefire' &&
			[...document.querySelectorAll('#forms input')].some(i => i.dataset.path?.endsWith('.remove.0') && i.value === 'not us_troops'); })()`)
	b.allLabelled()

	// Coalitions: which equilibria each coalition can upset.
	b.clickTab("tab-coalitions")
	b.run("coalitions", chromedp.Click(`#btn-coalitions`, chromedp.ByQuery))
	b.waitText("coalition table", "#coalition-table table", "RU+UA")
	b.shot("13-coalitions")
	// Scenarios side by side.
	b.clickTab("tab-scenarios")
	b.run("compare", chromedp.Click(`#btn-compare`, chromedp.ByQuery))
	b.waitText("comparison", "#compare-text", "russia_at_table")
	b.waitText("scenarios side by side", "#compare-table table", "russia_at_table")
	b.shot("14-scenarios")
	b.clickTab("tab-tableau")

	// Reorder a preference statement with the keyboard: Alt+Down moves
	// RU's first statement below its second, and the source follows.
	first := `input[data-path="decision_makers.0.preferences.statements.0.statement"]`
	second := `input[data-path="decision_makers.0.preferences.statements.1.statement"]`
	var s1, s2 string
	b.run("read statements", chromedp.Value(first, &s1, chromedp.ByQuery), chromedp.Value(second, &s2, chromedp.ByQuery))
	b.run("reorder by keyboard", chromedp.Focus(first, chromedp.ByQuery), chromedp.KeyEvent(kb.ArrowDown, chromedp.KeyModifiers(input.ModifierAlt)))
	b.waitJS("reordered", fmt.Sprintf(`document.querySelector(%q).value === %q && document.querySelector(%q).value === %q && document.activeElement === document.querySelector(%q)`, first, s2, second, s1, second))
	b.waitJS("source reordered", fmt.Sprintf(`(() => { const v = document.querySelector('.CodeMirror').CodeMirror.getValue(); return v.indexOf(%q) >= 0 && v.indexOf(%q) < v.indexOf(%q); })()`, s2, s2, s1))

	// A blank model from the start page is analysed at once.
	b.run("open dialog again", chromedp.Click(`#btn-start`, chromedp.ByQuery))
	b.run("blank", chromedp.Click(`#btn-blank`, chromedp.ByQuery))
	b.waitText("blank analysed", "#status-text", "4 states · 2 DMs")
	b.waitText("blank title", "#model-name", "model.yaml")
	b.noJSErrors()
}

// TestWorkbenchDragReorder drags a preference statement to a new place in
// the forms, with the HTML5 drag events a mouse drag fires, and checks that
// the source, the ranking and the tableau follow.
func TestWorkbenchDragReorder(t *testing.T) {
	ex, err := examples.Get("prisoners-dilemma")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "pd.yaml")
	if err := os.WriteFile(file, ex.Data, 0o644); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, file)
	b.waitText("opened", "#status-text", "4 states")
	b.waitText("equilibria before", "#equilibria", "GMR: 1, 4")
	// P2 ranks 3, 1, 4, 2 (best first) before the drag.
	p2Order := `(() => { const s = document.querySelector('#r-dm'); if (s.value !== 'P2') { s.value = 'P2'; document.querySelector('#ranking-controls').requestSubmit(); }
		const rows = [...document.querySelectorAll('#ranking table[aria-label="Ranking"] tbody tr')];
		return document.querySelector('#ranking h3')?.textContent.startsWith('P2') ? rows.map(r => r.children[1].textContent).join(',') : ''; })()`
	b.clickTab("tab-ranking")
	b.waitJS("P2's ranking before", p2Order+` === "3,1,4,2"`)
	b.shot("15-ranking-before-drag")
	b.clickTab("tab-tableau")

	// Drag P2's second statement ("d2") onto its first ("not d1"). The
	// page's drop handler reads the dragged statement from the event's
	// DataTransfer, as in a real drag.
	items := `#forms li[data-path^="decision_makers.1.preferences.statements."]`
	b.run("drag", chromedp.Evaluate(fmt.Sprintf(`(() => {
		const li = [...document.querySelectorAll(%q)];
		const from = li[1], to = li[0];
		from.scrollIntoView();
		const dt = new DataTransfer();
		const at = (e) => { const r = e.getBoundingClientRect(); return { clientX: r.left + 10, clientY: r.top + r.height / 2 }; };
		const fire = (e, type) => e.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt, ...at(e) }));
		fire(from, 'dragstart');
		fire(to, 'dragenter');
		const accepted = !fire(to, 'dragover');
		fire(to, 'drop');
		fire(from, 'dragend');
		return accepted;
	})()`, items), nil))
	stmt := `input[data-path="decision_makers.1.preferences.statements.%d.statement"]`
	b.waitJS("reordered in the forms", fmt.Sprintf(`document.querySelector(%q)?.value === "d2" && document.querySelector(%q)?.value === "not d1"`,
		fmt.Sprintf(stmt, 0), fmt.Sprintf(stmt, 1)))
	b.waitJS("source reordered", `(() => { const v = document.querySelector('.CodeMirror').CodeMirror.getValue();
		const p2 = v.indexOf('id: P2'); return p2 >= 0 && v.indexOf('"d2"', p2) >= 0 && v.indexOf('"d2"', p2) < v.indexOf('"not d1"', p2); })()`)
	// Now P2 ranks 3, 4, 1, 2: from state 1 P2 improves to 3 and P1's
	// reply (to 4) no longer sanctions it, so 1 loses GMR stability.
	b.waitJS("tableau after the drag", `(() => { const e = document.querySelector('#equilibria').textContent; return e.includes('GMR: 4') && !e.includes('GMR: 1, 4') && !document.querySelector('#status-text').textContent.includes('Analysing'); })()`)
	b.shot("16-dragged")
	b.clickTab("tab-ranking")
	b.run("show the ranking again", chromedp.Click(`#ranking-controls button[type="submit"]`, chromedp.ByQuery))
	b.waitJS("P2's ranking after the drag", p2Order+` === "3,4,1,2"`)
	b.shot("17-dragged-ranking")
	// The drag is one step of the history: Undo puts the statements back.
	b.run("undo the drag", chromedp.Click(`#btn-undo`, chromedp.ByQuery))
	b.waitJS("drag undone", fmt.Sprintf(`document.querySelector(%q)?.value === "not d1" && document.querySelector(%q)?.value === "d2"`,
		fmt.Sprintf(stmt, 0), fmt.Sprintf(stmt, 1)))
	b.waitText("equilibria after the undo", "#equilibria", "GMR: 1, 4")
	b.noJSErrors()
}

// TestWorkbenchJSONSource opens a JSON model file: the Source tab
// highlights it as JSON (CodeMirror's JavaScript mode in JSON form), and
// switches to YAML when a form edit rewrites the source as YAML.
func TestWorkbenchJSONSource(t *testing.T) {
	file := filepath.Join(t.TempDir(), "pd.json")
	const src = `{
  "title": "Dilemma in JSON",
  "options": [{"id": "d1"}, {"id": "d2"}],
  "decision_makers": [
    {"id": "P1", "options": ["d1"], "preferences": {"statements": ["not d2", "d1"]}},
    {"id": "P2", "options": ["d2"], "preferences": {"statements": ["not d1", "d2"]}}
  ]
}
`
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, file)
	b.waitText("opened", "#status-text", "4 states")
	b.waitText("Nash", "#equilibria", "Nash: 4")
	b.clickTab("tab-source")
	mode := `document.querySelector('.CodeMirror').CodeMirror.getMode().name`
	// Keys and strings are told apart the JSON way: "title" is a property,
	// "Dilemma in JSON" a string.
	tokens := `(() => { const line = [...document.querySelectorAll('.CodeMirror-code pre')].find(p => p.textContent.includes('Dilemma in JSON'));
		return line ? [...line.querySelectorAll('span[class]')].filter(s => s.className.startsWith('cm-')).map(s => s.className + '=' + s.textContent).join(' ') : ''; })()`
	b.waitJS("JSON mode", mode+` === 'javascript'`)
	var got string
	b.run("tokens", chromedp.Evaluate(tokens, &got))
	if !strings.Contains(got, `cm-property="title"`) || !strings.Contains(got, `cm-string="Dilemma in JSON"`) {
		t.Errorf("JSON tokens of the title line: %q", got)
	}
	if s := b.text("#tab-source"); s != "Source (JSON)" {
		t.Errorf("source tab: %q", s)
	}
	var label string
	b.run("editor label", chromedp.Evaluate(`document.querySelector('.CodeMirror').CodeMirror.getInputField().getAttribute('aria-label')`, &label))
	if label != "Model source (JSON)" {
		t.Errorf("editor label: %q", label)
	}
	b.shot("18-json-source")

	// A form edit writes the source as YAML, highlighted as YAML.
	b.clickTab("tab-forms")
	b.typeInto(`input[data-path="title"]`, "Dilemma now in YAML")
	b.clickTab("tab-source")
	b.waitJS("YAML mode", mode+` === 'yaml' && document.querySelector('.CodeMirror').CodeMirror.getValue().includes('title: Dilemma now in YAML')`)
	if s := b.text("#tab-source"); s != "Source (YAML)" {
		t.Errorf("source tab after the form edit: %q", s)
	}
	b.run("yaml tokens", chromedp.Evaluate(`[...document.querySelectorAll('.CodeMirror-code pre')].find(p => p.textContent.startsWith('title:'))?.querySelector('span[class^="cm-"]')?.className || ''`, &got))
	if got != "cm-atom" {
		t.Errorf("YAML key token: %q", got)
	}
	b.shot("19-yaml-source")
	b.noJSErrors()
}

// TestWorkbenchScenarioAndRequiresForms edits a requires constraint and a
// what-if scenario in the forms: the source follows, and the analysis and
// the scenario comparison see them.
func TestWorkbenchScenarioAndRequiresForms(t *testing.T) {
	ex, err := examples.Get("prisoners-dilemma")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "pd.yaml")
	if err := os.WriteFile(file, ex.Data, 0o644); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, file)
	b.waitText("opened", "#status-text", "4 states")
	src := `document.querySelector('.CodeMirror').CodeMirror.getValue()`

	// "d1 requires d2": state 2 (only P1 defects) becomes infeasible.
	b.click(`button[data-add="feasibility.requires"]`)
	b.waitJS("requires row", `!!document.querySelector('input[data-path="feasibility.requires.0.option"]')`)
	if v := b.value(`input[data-path="feasibility.requires.0.option"]`); v != "d1" {
		t.Errorf("new requires constraint's option: %q", v)
	}
	b.typeInto(`input[data-path="feasibility.requires.0.requires"]`, "d2")
	b.waitText("requires analysed", "#status-text", "3 states")
	b.waitJS("requires in the source", src+`.includes('requires:') && /option: d1\s+requires: d2/.test(`+src+`)`)
	b.shot("20-requires")
	// Removing it removes the feasibility section again.
	b.click(`button[aria-label="Remove requires constraint 1"]`)
	b.waitText("requires removed", "#status-text", "4 states")
	b.waitJS("no feasibility in the source", `!`+src+`.includes('feasibility')`)

	// A scenario: P1 never defects (forbid d1), and P2 drops its "d2"
	// statement.
	b.run("add a scenario", chromedp.Evaluate(`[...document.querySelectorAll('#forms button')].find(e => e.textContent === 'Add a scenario').click()`, nil))
	b.waitJS("scenario form", `!!document.querySelector('input[data-path="scenarios.0.id"]')`)
	b.typeInto(`input[data-path="scenarios.0.id"]`, "p1_cooperates")
	b.typeInto(`input[data-path="scenarios.0.name"]`, "P1 never defects")
	b.typeInto(`input[data-path="scenarios.0.note"]`, "What if P1 were bound to cooperate?")
	b.typeInto(`input[data-path="scenarios.0.force"]`, kb.Backspace)
	b.typeInto(`input[data-path="scenarios.0.forbid"]`, "d1")
	b.clickNow(`button[data-add="scenarios.0.preferences.P2.remove"]`)
	b.typeInto(`input[data-path="scenarios.0.preferences.P2.remove.0"]`, "d2")
	b.waitJS("scenario in the source", `(() => { const v = `+src+`; return v.includes('id: p1_cooperates') && v.includes('name: P1 never defects') && /forbid:\s*(\[d1\]|\n\s*- d1)/.test(v) && !v.includes('force') && /P2:\s+remove:\s*(\["?d2"?\]|\n\s*- "?d2"?)/.test(v); })()`)
	// P1 moves "d1" to the top; P2 gains "d1" as its first statement (the
	// text typed again after the position turned the entry into a mapping).
	b.clickNow(`button[data-add="scenarios.0.preferences.P1.move"]`)
	b.waitJS("move prefilled", `document.querySelector('input[data-path="scenarios.0.preferences.P1.move.0.statement"]')?.value === 'd1' && document.querySelector('input[data-path="scenarios.0.preferences.P1.move.0.to"]')?.value === '1'`)
	b.clickNow(`button[data-add="scenarios.0.preferences.P2.add"]`)
	b.typeInto(`input[data-path="scenarios.0.preferences.P2.add.0"]`, "d2")
	b.typeInto(`input[data-path="scenarios.0.preferences.P2.add.0.at"]`, "1")
	b.typeInto(`input[data-path="scenarios.0.preferences.P2.add.0"]`, "d1")
	b.waitJS("moves and additions in the source", `(() => { const v = `+src+`; return /move:\s*\n\s*- statement: "?d1"?\n\s*to: 1/.test(v) && /add:\s*\n\s*- statement: "?d1"?\n\s*at: 1/.test(v); })()`)
	// The scenario's own status quo: P2 defects.
	b.click(`#forms div[data-path="scenarios.0.status_quo"] input[type="checkbox"]`)
	b.typeInto(`input[data-path="scenarios.0.status_quo.taken"]`, "d2")
	b.waitJS("status quo in the source", `/status_quo:\s*\n\s*taken:\s*(\[d2\]|\n\s*- d2)/.test(`+src+`)`)
	b.waitJS("forms valid", `document.querySelectorAll('#forms .field-error').length === 0 && !document.querySelector('#status-text').textContent.includes('problem')`)
	b.shot("21-scenario-form")

	// The comparison: the scenario keeps the 2 states where P1 cooperates.
	b.clickTab("tab-scenarios")
	b.run("compare", chromedp.Click(`#btn-compare`, chromedp.ByQuery))
	b.waitJS("scenario compared", `(() => { const r = [...document.querySelectorAll('#compare-table tbody tr')].find(tr => tr.querySelector('th').textContent === 'p1_cooperates: P1 never defects'); return !!r && r.children[1].textContent === '2'; })()`)
	b.waitText("scenario's changes", "#compare-text", `Changes: forbid d1; status quo: d2; P2 preferences: remove "d2", add "d1" at 1; P1 preferences: move "d1" to 1`)
	b.waitText("scenario's status quo", "#compare-text", "2 feasible states; status quo: state 2")
	b.shot("22-scenario-compared")
	b.noJSErrors()
}

// TestWorkbenchCompareFailedScenario compares a model one of whose
// scenarios rules out every state: the table shows that scenario's error
// in its row, and the others are compared.
func TestWorkbenchCompareFailedScenario(t *testing.T) {
	src := "title: Broken scenario\noptions: [{id: a}, {id: b}]\ndecision_makers:\n" +
		"  - {id: P1, options: [a], preferences: {statements: [a]}}\n" +
		"  - {id: P2, options: [b], preferences: {statements: [b]}}\n" +
		"scenarios:\n  - {id: good, forbid: [a]}\n  - {id: broken, force: [a], infeasible: [a]}\n"
	file := filepath.Join(t.TempDir(), "b.yaml")
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, file)
	b.waitText("opened", "#status-text", "4 states")
	b.clickTab("tab-scenarios")
	b.run("compare", chromedp.Click(`#btn-compare`, chromedp.ByQuery))
	b.waitJS("good compared", `(() => { const r = [...document.querySelectorAll('#compare-table tbody tr')].find(tr => tr.querySelector('th').textContent === 'good'); return !!r && r.children[1].textContent === '2'; })()`)
	b.waitJS("broken shown", `(() => { const r = [...document.querySelectorAll('#compare-table tbody tr')].find(tr => tr.querySelector('th').textContent === 'broken'); return !!r && r.querySelector('td.failed')?.textContent.includes('could not be analysed: b.yaml:8:') ; })()`)
	b.waitText("text shows it", "#compare-text", "Could not be analysed")
	b.shot("23-scenario-failed")
	b.noJSErrors()
}
