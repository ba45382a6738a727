package web_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// Strength of preference in the workbench, for the Prisoner's Dilemma
// with strength (values of examples/EXPECTED.md): the S / W marks of
// sGMR, sSMR and sSEQ, strong and weak equilibria, an explanation (P2's
// sanction leaves P1 only mildly worse), the status quo analysis under
// strength, and the forms' strong checkbox.
func TestWorkbenchStrength(t *testing.T) {
	b := newBrowser(t, writeExample(t, "prisoners-dilemma-strength"))
	b.viewport(1366, 768)
	b.waitText("opened", "#status-text", "4 states")
	b.waitJS("strength control", `!document.querySelector('#str-wrap').hidden && document.querySelector('#f-strength').checked && document.querySelector('#ext-wrap').hidden`)
	b.waitJS("strength columns", `(() => { const th = [...document.querySelectorAll('#tableau thead th.concept')].map(e => e.textContent).join(',');
		return th === 'Nash,GMR,SMR,SEQ,SIM,sGMR,sSMR,sSEQ'; })()`)
	b.waitText("strong and weak equilibria", "#equilibria", "sGMR: 1, 4 (strong: 4; weak: 1)")
	// Strength is decided for the tableau, on demand: the status bar then
	// counts the strong equilibria.
	b.waitText("strong equilibria counted", "#status-strength", "strong equilibria: sGMR 1 · sSMR 1 · sSEQ 1")
	b.waitText("legend", "#equilibria .legend-line", "S = strongly stable, W = weakly stable")
	b.waitJS("marks of state 1", `(() => { const m = (dm, c) => document.querySelector('button.mark[data-state="1"][data-dm="' + dm + '"][data-concept="' + c + '"]')?.textContent;
		return m('P1', 'sGMR') === 'W' && m('P2', 'sGMR') === 'S' && m('P1', 'sSEQ') === 'W' && m('P1', 'GMR') === 's'; })()`)
	b.waitJS("state 4 strongly stable", `document.querySelector('button.mark[data-state="4"][data-dm="P1"][data-concept="sSMR"]')?.textContent === 'S'`)
	b.waitText("weak equilibrium in the row", "#tableau tbody tr:first-child td.eq", "weak: sGMR sSMR sSEQ")
	b.waitText("strong equilibrium in the row", "#tableau tbody tr:last-child td.eq", "strong: sGMR sSMR sSEQ")
	b.shot("40-strength-tableau")
	b.click(`button.mark[data-state="1"][data-dm="P1"][data-concept="sGMR"]`)
	b.waitText("explanation", "#explain h2", "state 1, P1, sGMR")
	b.waitText("weakly stable", "#explain pre", "GMR stability of state 1 for P1: weakly stable")
	b.waitText("mild sanction", "#explain pre", "the sanction is mild")
	b.shot("41-strength-explained")
	// The move and its sanction drawn on the moves graph.
	b.click(`#btn-witness`)
	b.waitJS("witness drawn", `!!window.gmcrGraph && window.gmcrGraph.edges('.w-ui').length === 1 && window.gmcrGraph.edges('.w-sanction').length === 1`)
	b.clickTab("tab-tableau")
	// The status quo analysis from the explained state.
	b.click(`#btn-strength-from`)
	b.waitJS("evolution tab", `document.querySelector('#tab-evolution').getAttribute('aria-selected') === 'true'`)
	b.waitJS("state 4 by improvements only", `(() => { const r = [...document.querySelectorAll('#evs-table tbody tr')].find(tr => tr.querySelector('th').textContent === '4');
		return !!r && [...r.querySelectorAll('td')].map(td => td.textContent).join('|') === 'YY|—|2|S|S|S|S'; })()`)
	b.waitText("the start", "#evs-table tbody tr:first-child th", "1 (start)")
	b.waitText("full report", "#evs-text", "to state 4 by improvements")
	b.shot("42-strength-status-quo")
	b.viewport(760, 900)
	b.run("scroll to the analysis under strength", chromedp.Evaluate(`document.querySelector('#ev-strength').scrollIntoView()`, nil))
	b.shot("43-strength-status-quo-narrow")
	b.viewport(1366, 768)
	b.clickTab("tab-tableau")
	// The forms: P2's first statement is strong; P1's ranking has a cut.
	b.waitJS("strong checkbox", `document.querySelector('input[data-path="decision_makers.1.preferences.statements.0.strong"]')?.checked === true`)
	b.waitJS("cut in the ranking", `(() => { const li = document.querySelector('li.cut[data-path="decision_makers.0.preferences.ranking.1"]');
		return !!li && li.querySelector('input[data-path="decision_makers.0.preferences.ranking.1.note"]')?.value.startsWith('Winning alone') && document.querySelector('input[data-path="decision_makers.0.preferences.ranking.2"]')?.value === '1'; })()`)
	// Unmarked, P2 prefers everything mildly: state 1 becomes weakly
	// stable for P2 as well.
	b.click(`input[data-path="decision_makers.1.preferences.statements.0.strong"]`)
	b.waitJS("strong: gone from the source", `!/strong: true/.test(document.querySelector('.CodeMirror').CodeMirror.getValue())`)
	b.waitJS("state 1 weak for P2", `document.querySelector('button.mark[data-state="1"][data-dm="P2"][data-concept="sGMR"]')?.textContent === 'W'`)
	// A strong statement below one that is not strong: the validation's
	// message beside the statement, the analysis kept.
	b.click(`input[data-path="decision_makers.1.preferences.statements.1.strong"]`)
	b.waitJS("error beside the statement", `[...document.querySelectorAll('#forms .field-error')].some(e => /strong statements are the most important ones/.test(e.textContent) && !!e.closest('[data-path^="decision_makers.1.preferences.statements.1"]'))`)
	b.shot("48-strong-statement-misplaced")
	b.click(`input[data-path="decision_makers.1.preferences.statements.1.strong"]`)
	b.waitJS("error gone", `document.querySelectorAll('#forms .field-error').length === 0`)
	// A second cut in P1's ranking, below state 1 (2 >> 1 >> 4 > 3): P2's
	// sanction now leaves P1 strongly worse, so state 1 is strongly
	// stable for P1.
	b.click(`button[aria-label="Add a strong-preference cut below rank 2 of P1"]`)
	b.waitJS("second cut", `document.querySelectorAll('li.cut').length === 2`)
	b.waitJS("state 1 strong for P1", `document.querySelector('button.mark[data-state="1"][data-dm="P1"][data-concept="sGMR"]')?.textContent === 'S'`)
	b.waitText("the explanation is of the earlier model", "#explain .explain-stale", "The model has changed since")
	b.shot("49-ranking-cut-option-form")
	b.click(`button.mark[data-state="1"][data-dm="P1"][data-concept="sGMR"]`)
	b.waitText("explained anew", "#explain pre", "GMR stability of state 1 for P1: strongly stable")
	b.waitJS("no longer stale", `!document.querySelector('#explain .explain-stale')`)
	b.viewport(760, 900)
	b.shot("44-strength-narrow")
	b.allLabelled()
	b.noJSErrors()
}

// Hybrid preferences (strength with an unknown comparison): the strong
// and weak equilibria by extension, and an extension's S / W marks; then
// a strong-preference cut added to a graph-form ranking in the forms.
func TestWorkbenchStrengthHybrid(t *testing.T) {
	const hybrid = `title: PD hybrid
options:
  - id: d1
  - id: d2
decision_makers:
  - id: P1
    options: [d1]
    preferences:
      ranking: [2, ">>", 1, 4, 3]
      unknown:
        - states: [1, 4]
  - id: P2
    options: [d2]
    preferences:
      ranking: [3, 1, ">>", 4, 2]
`
	file := filepath.Join(t.TempDir(), "hybrid.yaml")
	if err := os.WriteFile(file, []byte(hybrid), 0o644); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, file)
	b.viewport(1366, 768)
	b.waitText("opened", "#status-text", "4 states")
	// P2's answer to P1's defection ends in state 4, of unknown
	// preference to P1: state 1 is an equilibrium only in (c) and (d),
	// strongly there.
	b.waitJS("hybrid table", `(() => { const r = [...document.querySelectorAll('#equilibria table[aria-label^="Strong and weak"] tbody tr')].find(tr => tr.querySelector('th').textContent === 'sGMR');
		return !!r && [...r.querySelectorAll('td')].map(td => td.textContent).join('|') === '4 (all strong)|4 (all strong)|1, 4 (all strong)|1, 4 (all strong)'; })()`)
	b.waitJS("sSMR in (c): state 1 weak", `[...document.querySelectorAll('#equilibria table[aria-label^="Strong and weak"] tbody tr')].find(tr => tr.querySelector('th').textContent === 'sSMR')?.querySelectorAll('td')[2].textContent === '1, 4 (strong: 4; weak: 1)'`)
	b.waitJS("(a) columns by default", `[...document.querySelectorAll('#tableau thead th.concept')].map(e => e.textContent).join(',') === 'Nash,GMR,SMR,SEQ,SIM,sGMR(a),sSMR(a),sSEQ(a)'`)
	b.waitJS("state 1 unstable for P1 in (a)", `document.querySelector('button.mark[data-state="1"][data-dm="P1"][data-concept="sGMR(a)"]')?.textContent === 'u'`)
	b.setValue("#f-ext", "c", "change")
	b.waitJS("(c) columns", `[...document.querySelectorAll('#tableau thead th.concept')].map(e => e.textContent).join(',') === 'Nash(c),GMR(c),SMR(c),SEQ(c),sGMR(c),sSMR(c),sSEQ(c)'`)
	b.waitJS("state 1 strongly stable for P1 in (c)", `document.querySelector('button.mark[data-state="1"][data-dm="P1"][data-concept="sGMR(c)"]')?.textContent === 'S'`)
	b.shot("45-strength-hybrid")
	b.viewport(760, 900)
	b.run("scroll to the equilibria", chromedp.Evaluate(`document.querySelector('#equilibria table[aria-label^="Strong and weak"]').scrollIntoView()`, nil))
	b.shot("45b-strength-hybrid-narrow")
	b.viewport(1366, 768)
	b.click(`button.mark[data-state="1"][data-dm="P1"][data-concept="sGMR(c)"]`)
	b.waitText("explanation (c)", "#explain pre", "GMR(c) stability of state 1 for P1: strongly stable")
	// Without the strength columns the tableau is the extension's alone.
	b.click("#f-strength")
	b.waitJS("no strength columns", `[...document.querySelectorAll('#tableau thead th.concept')].map(e => e.textContent).join(',') === 'Nash(c),GMR(c),SMR(c),SEQ(c)'`)
	b.waitJS("no strong equilibria counted", `document.querySelector('#status-strength').textContent === ''`)
	// The status quo analysis from state 1 has a third kind of move (to
	// states of unknown preference too) and the sixteen hybrid
	// definitions: state 4, reached in 2 steps by improvements, with or
	// without moves of unknown preference, never by strong ones.
	b.setValue("#ev-from", "1", "input")
	b.clickTab("tab-evolution")
	b.waitJS("credible moves column", `[...document.querySelectorAll('#evs-table thead th')].map(e => e.textContent).includes('steps (+ unknown)')`)
	b.waitJS("hybrid equilibria columns", `[...document.querySelectorAll('#evs-table thead th')].map(e => e.textContent).slice(-4).join(',') === 'Nash(a b c d),GMR(a b c d),SMR(a b c d),SEQ(a b c d)'`)
	b.waitJS("state 4", `(() => { const r = [...document.querySelectorAll('#evs-table tbody tr')].find(tr => tr.querySelector('th').textContent === '4');
		return !!r && [...r.querySelectorAll('td')].map(td => td.textContent).join('|') === 'YY|—|2|2|S S S S|S S S S|S S S S|S S S S'; })()`)
	b.waitJS("state 1 in (c) and (d)", `(() => { const r = [...document.querySelectorAll('#evs-table tbody tr')].find(tr => tr.querySelector('th').textContent === '1 (start)');
		return !!r && [...r.querySelectorAll('td')].map(td => td.textContent).slice(4).join('|') === '· · · ·|· · S S|· · W W|· · S S'; })()`)
	b.waitText("full report", "#evs-text", "steps:credible")
	b.shot("47-strength-hybrid-status-quo")
	b.allLabelled()
	b.noJSErrors()
}

// A strong-preference cut put into a graph-form ranking with the forms:
// the model then states strength and the tableau shows sGMR.
func TestWorkbenchRankingCut(t *testing.T) {
	b := newBrowser(t, writeExample(t, "announcement"))
	b.viewport(1366, 768)
	b.waitText("opened", "#status-text", "3 states")
	b.waitJS("no strength yet", `document.querySelector('#str-wrap').hidden`)
	b.click(`button[aria-label="Add a strong-preference cut below rank 1 of G"]`)
	b.waitJS("cut in the source", `document.querySelector('.CodeMirror').CodeMirror.getValue().includes('>>')`)
	b.waitJS("cut in the form", `!!document.querySelector('li.cut')`)
	b.waitJS("strength columns", `[...document.querySelectorAll('#tableau thead th.concept')].map(e => e.textContent).includes('sGMR')`)
	b.shot("46-ranking-cut")
	b.click(`button[aria-label="Remove the cut below rank 1 of G"]`)
	b.waitJS("cut gone", `!document.querySelector('li.cut') && document.querySelector('#str-wrap').hidden`)
	b.allLabelled()
	b.noJSErrors()
}
