package web_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/gmcr/gmcr/examples"
)

// writeExample writes a built-in example to a temporary file for serve.
func writeExample(t *testing.T, name string) string {
	t.Helper()
	ex, err := examples.Get(name)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), ex.File)
	if err := os.WriteFile(file, ex.Data, 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

// viewport resizes the page, as a laptop (1366x768) or a narrow window.
func (b *browserTest) viewport(w, h int64) {
	b.t.Helper()
	b.run(fmt.Sprintf("viewport %dx%d", w, h), chromedp.EmulateViewport(w, h))
}

// setValue sets a control's value and fires the event the page listens
// to, as choosing in a select or typing a number does.
func (b *browserTest) setValue(sel, value, event string) {
	b.t.Helper()
	b.run("set "+sel, chromedp.Evaluate(fmt.Sprintf(`(() => { const e = document.querySelector(%q); e.value = %q; e.dispatchEvent(new Event(%q, {bubbles: true})); })()`, sel, value, event), nil))
}

// The tableau with unknown preferences: the sixteen definitions at a
// glance, one extension's marks, and an explanation of a mark (values of
// examples/EXPECTED.md: state 1 is GMR stable only in (c) and (d)).
func TestWorkbenchUnknownPreferences(t *testing.T) {
	b := newBrowser(t, writeExample(t, "prisoners-dilemma-unknown"))
	b.viewport(1366, 768)
	b.waitText("opened", "#status-text", "4 states")
	b.waitText("extensions at a glance", "#equilibria", "Equilibria under unknown preferences, by extension")
	b.waitJS("GMR row", `(() => { const r = [...document.querySelectorAll('#equilibria table tbody tr')].find(tr => tr.querySelector('th').textContent === 'GMR');
		return !!r && [...r.querySelectorAll('td')].map(td => td.textContent).join('|') === '4|4|1, 4|1, 4'; })()`)
	b.waitJS("extension control shown", `!document.querySelector('#ext-wrap').hidden && document.querySelector('#lim-wrap').hidden === false`)
	b.setValue("#f-ext", "c", "change")
	b.waitJS("extension (c) columns", `(() => { const th = [...document.querySelectorAll('#tableau thead th.concept')].map(e => e.textContent).join(',');
		return th === 'Nash(c),GMR(c),SMR(c),SEQ(c)'; })()`)
	b.waitText("equilibria of (c)", "#equilibria", "GMR(c): 1, 4")
	b.shot("30-unknown-extension-c")
	b.click(`button.mark[data-state="1"][data-dm="P1"][data-concept="GMR(c)"]`)
	b.waitText("explanation of GMR(c)", "#explain h2", "state 1, P1, GMR(c)")
	b.waitText("explanation text", "#explain pre", "GMR(c)")
	b.shot("31-unknown-explained")
	// Under (a) the same mark is u.
	b.setValue("#f-ext", "a", "change")
	b.waitJS("state 1 under (a)", `document.querySelector('button.mark[data-state="1"][data-dm="P1"][data-concept="GMR(a)"]')?.textContent === 'u'`)
	b.viewport(760, 900)
	b.shot("32-unknown-narrow")
	b.allLabelled()
	b.noJSErrors()
}

// Limited-move stability with a horizon control, for the Prisoner's
// Dilemma (as gmcr limited --horizon 2 --nm: L2 and NM equilibria 1, 4;
// from state 2 P2 anticipates 2->4).
func TestWorkbenchLimitedMove(t *testing.T) {
	b := newBrowser(t, writeExample(t, "prisoners-dilemma"))
	b.viewport(1366, 768)
	b.waitText("opened", "#status-text", "4 states")
	b.waitJS("horizon control", `!document.querySelector('#lim-wrap').hidden && document.querySelector('#ext-wrap').hidden`)
	b.typeInto("#f-horizon", "2")
	b.run("NM", chromedp.Click("#f-nm", chromedp.ByQuery))
	b.waitText("L2 equilibria", "#equilibria", "L2: 1, 4")
	b.waitText("NM equilibria", "#equilibria", "NM: 1, 4")
	b.waitJS("L2 marks", `document.querySelector('button.mark[data-state="2"][data-dm="P2"][data-concept="L2"]')?.textContent === 'u'`)
	b.click(`button.mark[data-state="2"][data-dm="P2"][data-concept="L2"]`)
	b.waitText("anticipated moves", "#explain pre", "P2 2->4; anticipated outcome 4")
	b.shot("33-limited-move")
	// The limited-move report as a file, as gmcr limited writes it.
	dl := t.TempDir()
	b.run("download behaviour", browser.SetDownloadBehavior(browser.SetDownloadBehaviorBehaviorAllow).WithDownloadPath(dl))
	b.click("#btn-export-limited")
	var got []byte
	for range 100 {
		if m, _ := filepath.Glob(filepath.Join(dl, "*-limited.txt")); len(m) > 0 {
			got, _ = os.ReadFile(m[0])
			if len(got) > 0 {
				break
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	if !strings.Contains(string(got), "L2   2 states: 1, 4") || !strings.Contains(string(got), "NM   2 states: 1, 4") {
		t.Errorf("limited-move export:\n%s", got)
	}
	b.noJSErrors()
}

// The inverse question from an explanation, and robustness with its
// ranked table and heatmap, for the Prisoner's Dilemma; then a robustness
// run of the flagship cancelled while it runs.
func TestWorkbenchInverseAndRobustness(t *testing.T) {
	b := newBrowser(t, writeExample(t, "prisoners-dilemma"))
	b.viewport(1366, 768)
	b.waitText("opened", "#status-text", "4 states")
	b.click(`button.mark[data-state="1"][data-dm="P1"][data-concept="Nash"]`)
	b.waitText("explanation", "#explain h2", "state 1, P1, Nash")
	b.click(`#btn-ask-inverse`)
	b.waitJS("inverse tab", `document.querySelector('#tab-inverse').getAttribute('aria-selected') === 'true'`)
	b.waitText("inverse verdict", "#inv-result", "Preferences exist that make state 1 (NN) stable under Nash (1936 preference profiles qualify)")
	// P1 must stop preferring 2 to 1, P2 3 to 1 (preferring 1 or being
	// indifferent are as close).
	b.waitJS("P1's change", `/(prefer state 1 \(NN\) to|be indifferent between state 1 \(NN\) and) state 2 \(YN\)/.test(document.querySelector('#inv-result').textContent)`)
	b.waitText("P1 today", "#inv-result", "today it prefers state 2 (YN)")
	b.waitJS("P2's change", `/(prefer state 1 \(NN\) to|be indifferent between state 1 \(NN\) and) state 3 \(NY\)/.test(document.querySelector('#inv-result').textContent)`)
	b.shot("34-inverse")
	// The change as a what-if scenario: analysed, state 1 is a Nash
	// equilibrium there.
	b.click(`#btn-inv-scenario`)
	b.waitText("scenario added", "#inv-result", "Added scenario “nash_1”")
	b.waitJS("scenario in the source", `/id: nash_1[\s\S]*P1:\s*\n\s*ranking:/.test(document.querySelector('.CodeMirror').CodeMirror.getValue())`)
	b.waitJS("scenario offered", `[...document.querySelectorAll('#scenario option')].some(o => o.value === 'nash_1')`)
	b.setValue("#scenario", "nash_1", "change")
	b.clickTab("tab-tableau")
	b.waitJS("state 1 a Nash equilibrium of the scenario", `/Nash: (1|1, .*)$/m.test([...document.querySelectorAll('#equilibria p')].map(p => p.textContent).join('\n'))`)
	b.setValue("#scenario", "", "change")
	b.waitText("base model again", "#equilibria", "Nash: 4")
	b.clickTab("tab-inverse")
	// Keep P1's preferences: impossible, and the conflict is named.
	b.run("fix P1", chromedp.Click(`#inv-fixed-P1`, chromedp.ByQuery))
	b.run("solve", chromedp.Click(`#btn-inverse`, chromedp.ByQuery))
	b.waitText("no solution", "#inv-result", "No preferences make state 1 (NN) stable under Nash")
	b.waitText("conflict", "#inv-result ul", "P1")
	b.shot("35-inverse-none")
	// Over the statements: each DM drops its second statement.
	b.run("unfix P1", chromedp.Click(`#inv-fixed-P1`, chromedp.ByQuery))
	b.setValue("#inv-space", "statements", "change")
	b.waitJS("edits shown", `!document.querySelector('#inv-edits').hidden`)
	b.run("solve over statements", chromedp.Click(`#btn-inverse`, chromedp.ByQuery))
	b.waitText("statements verdict", "#inv-result", "Statements exist that make state 1 (NN) stable under Nash")
	b.waitText("P1's edit", "#inv-result", "drop statement 2 (“d1”)")
	b.waitText("P1's new list", "#inv-result ol", "not d2 (was 1)")
	b.shot("35b-inverse-statements")
	// Negation only, with a candidate statement offered to P2 (as the
	// server test TestInverseStatementsAPI): P1 negates "d1".
	b.run("no reorder", chromedp.Click(`#inv-edit-reorder`, chromedp.ByQuery))
	b.run("no drop", chromedp.Click(`#inv-edit-drop`, chromedp.ByQuery))
	b.run("negate", chromedp.Click(`#inv-edit-negate`, chromedp.ByQuery))
	b.typeInto("#inv-keep-order", "P1:1,2")
	b.typeInto("#inv-add", "P2:not d2")
	b.run("solve with negation", chromedp.Click(`#btn-inverse`, chromedp.ByQuery))
	b.waitText("negation", "#inv-result", "want the opposite of statement 2 (“d1”)")
	b.allLabelled()

	b.clickTab("tab-robustness")
	b.run("run", chromedp.Click(`#btn-robustness`, chromedp.ByQuery))
	b.waitJS("ranked table", `(() => { const r = document.querySelector('#rb-table tbody tr'); return !!r && r.querySelector('th').textContent === '4' && r.children[2].textContent.startsWith('* 80%'); })()`)
	b.waitJS("heatmap", `(() => { const i = document.querySelector('#rb-chart img'); return !!i && i.complete && i.naturalWidth > 0; })()`)
	b.shot("36-robustness")
	b.viewport(760, 900)
	b.shot("37-robustness-narrow")
	b.viewport(1366, 768)
	// Sampling with something uncertain.
	b.setValue("#rb-mode", "sample", "change")
	b.typeInto("#rb-samples", "300")
	b.typeInto("#rb-reorder", "P1")
	b.run("sample", chromedp.Click(`#btn-robustness`, chromedp.ByQuery))
	b.waitText("sampled", "#rb-table", "300 sampled profiles (seed 1)")
	b.allLabelled()
	b.noJSErrors()
}

// A robustness run of the flagship, sampled at length, is cancelled from
// its Cancel button.
func TestWorkbenchCancelRobustness(t *testing.T) {
	b := newBrowser(t, writeExample(t, "ukraine-security"))
	b.waitText("opened", "#status-text", "288 states")
	b.clickTab("tab-robustness")
	b.setValue("#rb-mode", "sample", "change")
	b.typeInto("#rb-samples", "100000")
	b.typeInto("#rb-reorder", "RU")
	b.run("run", chromedp.Click(`#btn-robustness`, chromedp.ByQuery))
	b.waitJS("running", `!document.querySelector('#rb-cancel').hidden && !document.querySelector('#rb-progress').hidden`)
	b.shot("38-robustness-running")
	b.run("cancel", chromedp.Click(`#rb-cancel`, chromedp.ByQuery))
	b.waitJS("cancelled", `document.querySelector('#rb-status').textContent === 'Cancelled.' && document.querySelector('#rb-cancel').hidden && document.querySelector('#rb-table').childElementCount === 0`)
	// The server is free again: a one-step run answers.
	b.setValue("#rb-mode", "one-step", "change")
	b.run("run again", chromedp.Click(`#btn-robustness`, chromedp.ByQuery))
	b.waitJS("answered", `!!document.querySelector('#rb-table tbody tr')`)
	b.viewport(1366, 768)
	b.shot("39-robustness-flagship")
	// The flagship's inverse question of gmcr inverse's help: what would
	// make state 3 an SEQ equilibrium?
	b.clickTab("tab-inverse")
	b.typeInto("#inv-states", "3")
	b.run("solve", chromedp.Click(`#btn-inverse`, chromedp.ByQuery))
	b.waitText("flagship inverse", "#inv-result", "Preferences exist that make state 3 (NYNNNNNNN) stable under SEQ")
	// The closest change is proven only within the time budget, so which
	// change is shown may depend on the machine: check its form.
	b.waitJS("flagship inverse changes", `(() => { const t = document.querySelector('#inv-result table[aria-label^="What RU would"], #inv-result table[aria-label^="What UA would"], #inv-result table[aria-label^="What US would"], #inv-result table[aria-label^="What CO would"]');
		return !!t && /prefer state \d+ \([YN]{9}\)|be indifferent between state/.test(t.textContent) && /today it/.test(t.textContent); })()`)
	b.shot("39b-inverse-flagship")
	b.noJSErrors()
}

// A graph-form model in the forms: states, moves and rankings are edited
// there, the source and the analysis follow, and the tableau and the
// moves graph show the states' ids.
func TestWorkbenchGraphForm(t *testing.T) {
	b := newBrowser(t, writeExample(t, "announcement"))
	b.viewport(1366, 768)
	b.waitText("opened", "#status-text", "3 states")
	b.waitText("equilibria", "#equilibria", "SEQ: 1")
	b.waitJS("ids in the tableau", `[...document.querySelectorAll('#tableau td.sid')].map(e => e.textContent).join(',') === 'quiet,announced,retaliation'`)
	b.waitJS("states in the forms", `document.querySelector('input[data-path="states.0.id"]')?.value === 'quiet' && document.querySelector('select[data-path="decision_makers.0.moves.0.from"]')?.value === 'quiet' && document.querySelector('input[data-path="decision_makers.0.moves.0.to"]')?.value === 'announced'`)
	b.shot("40-graph-form")
	// An explanation names the states by id.
	b.click(`button.mark[data-state="1"][data-dm="G"][data-concept="GMR"]`)
	b.waitText("explanation", "#explain pre", "announced")
	b.waitText("explanation of quiet", "#explain h2", "state 1, G, GMR")

	// F comes to prefer the announcement to retaliating: its move from
	// "announced" is no longer an improvement, and state 2 becomes the
	// Nash equilibrium.
	b.click(`button[aria-label="Move rank 3 of F up"]`)
	b.waitJS("F's ranking in the forms", `document.querySelector('input[data-path="decision_makers.1.preferences.ranking.1"]')?.value === 'announced'`)
	b.waitText("Nash after the edit", "#equilibria", "Nash: 2")
	src := `document.querySelector('.CodeMirror').CodeMirror.getValue()`

	// A new state, ranked last by every DM, and a move of G into it.
	b.run("add a state", chromedp.Evaluate(`[...document.querySelectorAll('#forms button')].find(e => e.textContent === 'Add a state').click()`, nil))
	b.waitText("four states", "#status-text", "4 states")
	b.click(`button[data-add="decision_makers.0.moves"]`)
	b.waitJS("move row", `!!document.querySelector('input[data-path="decision_makers.0.moves.2.to"]')`)
	b.typeInto(`input[data-path="decision_makers.0.moves.2.to"]`, "state1")
	b.waitJS("move in the source", `/from: quiet,\s+to: state1/.test(`+src+`)`)
	// Renaming a state renames it everywhere.
	b.typeInto(`input[data-path="states.0.id"]`, "calm")
	b.waitJS("renamed in the source", `(() => { const v = `+src+`; return !v.includes('from: quiet') && !v.includes('to: quiet') && /status_quo:\s*(state: )?calm/.test(v) && v.includes('from: calm'); })()`)
	b.waitText("analysed after the rename", "#status-text", "4 states")
	// Leaving the field redraws the forms: the moves offer the new id.
	b.run("leave the field", chromedp.Evaluate(`document.querySelector('input[data-path="states.0.id"]').dispatchEvent(new Event('change'))`, nil))
	b.waitJS("moves renamed in the forms", `document.querySelector('select[data-path="decision_makers.0.moves.0.from"]')?.value === 'calm' && document.querySelector('input[data-path="decision_makers.0.moves.1.to"]')?.value === 'calm'`)
	b.waitJS("renamed in the tableau", `[...document.querySelectorAll('#tableau td.sid')].map(e => e.textContent).join(',') === 'calm,announced,retaliation,state1'`)
	b.shot("41-graph-form-edited")
	b.allLabelled()

	// The ranking view names states by id.
	b.click(`button.statebtn[data-rank-state="3"]`)
	b.waitText("ranking at retaliation", "#ranking h3", "State 3 (retaliation) for G")
	// The evolution from the status quo is drawn for it too.
	b.clickTab("tab-evolution")
	b.waitJS("evolution diagram", `(() => { const i = document.querySelector('#ev-diagram img'); return !!i && i.complete && i.naturalWidth > 0; })()`)
	b.waitText("evolution report", "#ev-text", "calm")
	// The moves graph labels states by number and id.
	b.clickTab("tab-graph")
	b.waitText("graph drawn", "#g-note", "4 states")
	b.shot("42-graph-form-moves")
	b.viewport(760, 900)
	b.shot("43-graph-form-narrow")
	b.noJSErrors()
}

// A graph-form model whose states carry option values: the forms show
// each state's options and the DMs' statements.
func TestWorkbenchGraphFormWithOptions(t *testing.T) {
	b := newBrowser(t, writeExample(t, "sanctions-transitions"))
	b.waitText("opened", "#status-text", "4 states")
	b.waitJS("forms", `document.querySelector('input[data-path="states.3.taken"]')?.value === 's, c' && document.querySelector('input[data-path="decision_makers.0.preferences.statements.0.statement"]')?.value === 'c' && document.querySelector('input[data-path="decision_makers.0.options"]')?.value === 's'`)
	b.waitText("equilibria", "#equilibria", "SEQ: 1, 4")
	// The target withdraws compliance while sanctioned too: a new arc.
	b.click(`button[data-add="decision_makers.1.moves"]`)
	b.setValue(`select[data-path="decision_makers.1.moves.3.from"]`, "both", "change")
	b.typeInto(`input[data-path="decision_makers.1.moves.3.to"]`, "sanctioned")
	b.waitJS("arc in the source", `/from: both,\s+to: sanctioned/.test(document.querySelector('.CodeMirror').CodeMirror.getValue())`)
	// Sanctions with compliance lose their SEQ and GMR stability: the
	// target may now withdraw compliance under sanctions.
	b.waitText("SEQ after the new arc", "#equilibria", "SEQ: 1")
	b.waitJS("analysed", `(() => { const e = document.querySelector('#equilibria').textContent; return e.includes('GMR: 1, 3') && !e.includes('SEQ: 1, 4'); })()`)
	b.shot("44-graph-form-options")
	b.allLabelled()
	b.noJSErrors()
}

// labelOverlaps counts the pairs of edge labels of the moves graph whose
// boxes overlap by more than a quarter of the smaller one.
const labelOverlaps = `(() => { const cy = window.gmcrGraph; if (!cy) return -1;
	const bb = cy.edges().map(e => e.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true }));
	let n = 0;
	for (let i = 0; i < bb.length; i++) for (let j = i + 1; j < bb.length; j++) {
		const a = bb[i], b = bb[j];
		const w = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1), h = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1);
		if (w > 0 && h > 0 && w * h > 0.25 * Math.min(a.w * a.h, b.w * b.h)) n++;
	}
	return n; })()`

// The moves graph of option-form models lays states out on a grid of
// their options: no two move labels print over each other.
func TestWorkbenchMovesGraphLabels(t *testing.T) {
	for _, name := range []string{"prisoners-dilemma", "elmira", "sanctions-transitions"} {
		t.Run(name, func(t *testing.T) {
			b := newBrowser(t, writeExample(t, name))
			b.viewport(1366, 768)
			b.waitJS("analysed", `/\d+ states · /.test(document.querySelector('#status-text').textContent)`)
			b.clickTab("tab-graph")
			b.waitText("graph drawn", "#g-note", "states")
			var n int
			b.run("label overlaps", chromedp.Evaluate(labelOverlaps, &n))
			if n != 0 {
				t.Errorf("%d pairs of move labels overlap", n)
			}
			b.shot("45-moves-" + name)
			b.noJSErrors()
		})
	}
}

// Unknown preferences made in the forms: a group of states P1 cannot
// compare, and a statement marked unsure; the tableau then offers the
// extensions.
func TestWorkbenchUnknownInForms(t *testing.T) {
	b := newBrowser(t, writeExample(t, "prisoners-dilemma"))
	b.waitText("opened", "#status-text", "4 states")
	b.waitJS("no extensions yet", `document.querySelector('#ext-wrap').hidden`)
	b.click(`button[data-add="decision_makers.0.preferences.unknown"]`)
	b.typeInto(`input[data-path="decision_makers.0.preferences.unknown.0"]`, "1, 4")
	b.waitJS("group in the source", `/unknown:\s*\n\s*- \[1, 4\]/.test(document.querySelector('.CodeMirror').CodeMirror.getValue())`)
	// As examples/prisoners-dilemma-unknown.yaml: state 1 is GMR stable in
	// extensions (c) and (d) only.
	b.waitJS("extensions", `(() => { const r = [...document.querySelectorAll('#equilibria table tbody tr')].find(tr => tr.querySelector('th').textContent === 'GMR');
		return !!r && [...r.querySelectorAll('td')].map(td => td.textContent).join('|') === '4|4|1, 4|1, 4' && !document.querySelector('#ext-wrap').hidden; })()`)
	b.shot("46-unknown-in-forms")
	// Unsure statement: written as a mapping with unsure: true.
	b.click(`input[data-path="decision_makers.1.preferences.statements.1.unsure"]`)
	b.waitJS("unsure in the source", `/statement: "?d2"?[\s\S]*unsure: true/.test(document.querySelector('.CodeMirror').CodeMirror.getValue())`)
	b.waitJS("analysed", `!document.querySelector('#status-text').textContent.includes('Analysing') && document.querySelectorAll('#forms .field-error').length === 0`)
	b.click(`input[data-path="decision_makers.1.preferences.statements.1.unsure"]`)
	b.waitJS("unsure gone", `!document.querySelector('.CodeMirror').CodeMirror.getValue().includes('unsure')`)
	b.allLabelled()
	b.noJSErrors()
}
