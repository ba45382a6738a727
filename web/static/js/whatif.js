// The "Make stable" (inverse GMCR, POST /api/inverse) and "Robustness"
// (POST /api/robustness) views. Both run as streams with progress and a
// Cancel button; the server answers with gmcr inverse's and gmcr
// robustness's documents, which the page only lays out.
import * as api from './api.js';

const $ = id => document.getElementById(id);
let ctx; // {input, state, setStatus}
let rbSVG = '';

function h(tag, attrs = {}, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v; else e.setAttribute(k, v === true ? '' : v);
  }
  for (const k of kids.flat()) if (k != null) e.append(k);
  return e;
}

// A job is one running request of a view, with its status line, progress
// bar and Cancel button.
class Job {
  constructor(prefix) {
    this.status = $(prefix + '-status');
    this.bar = $(prefix + '-progress');
    this.cancelBtn = $(prefix + '-cancel');
    this.ctl = null;
    this.cancelBtn.addEventListener('click', () => this.cancel());
  }

  cancel() {
    if (!this.ctl) return;
    this.ctl.abort();
    this.ctl = null;
    this.busy(false);
    this.status.textContent = 'Cancelled.';
  }

  busy(on) {
    this.bar.hidden = !on;
    this.cancelBtn.hidden = !on;
  }

  // run streams path with body; it resolves with the result, or null when
  // cancelled or superseded by a newer run.
  async run(path, body, stage) {
    if (this.ctl) this.ctl.abort();
    const ctl = new AbortController();
    this.ctl = ctl;
    this.busy(true);
    this.bar.removeAttribute('value'); // indeterminate: the libraries give no count
    this.status.textContent = stage + '…';
    try {
      const v = await api.stream(path, body, p => {
        if (this.ctl === ctl) this.status.textContent = `${p.stage[0].toUpperCase()}${p.stage.slice(1)}… ${p.done ? p.done + ' s' : ''}`;
      }, ctl.signal);
      if (this.ctl !== ctl) return null;
      this.status.textContent = '';
      return v;
    } catch (e) {
      if (e.name === 'AbortError' || this.ctl !== ctl) return null;
      this.status.textContent = '';
      throw e;
    } finally {
      if (this.ctl === ctl) { this.ctl = null; this.busy(false); }
    }
  }
}

let inv, rb;

export function setup(c) {
  ctx = c;
  inv = new Job('inv');
  rb = new Job('rb');
  $('inverse-controls').addEventListener('submit', ev => { ev.preventDefault(); solveInverse(); });
  $('robustness-controls').addEventListener('submit', ev => { ev.preventDefault(); runRobustness(); });
  $('inv-space').addEventListener('change', () => { $('inv-edits').hidden = $('inv-space').value !== 'statements'; });
  $('rb-mode').addEventListener('change', () => {
    for (const e of document.querySelectorAll('.rb-sample')) e.hidden = $('rb-mode').value !== 'sample';
  });
  $('rb-svg').addEventListener('click', () => { if (rbSVG) api.saveBlob(new Blob([rbSVG], { type: 'image/svg+xml' }), 'robustness.svg'); });
}

// modelLoaded lists the DMs for the inverse question's "stable for" and
// "preferences kept" choices.
export function modelLoaded(s) {
  const boxes = (id, name, checked) => {
    const box = $(id);
    const keep = new Map([...box.querySelectorAll('input')].map(i => [i.value, i.checked]));
    box.replaceChildren(...s.dms.map(d => {
      const cid = `${id}-${d.id}`;
      const cb = h('input', { type: 'checkbox', id: cid, value: d.id, checked: keep.has(d.id) ? keep.get(d.id) : checked });
      return h('label', { for: cid, title: d.name || d.id }, cb, ' ' + d.id);
    }));
  };
  boxes('inv-for', 'for', true);
  boxes('inv-fixed', 'fixed', false);
  // Examples in the model's own DM ids.
  const [a, b] = [s.dms[0] ? s.dms[0].id : 'A', s.dms[1] ? s.dms[1].id : (s.dms[0] ? s.dms[0].id : 'B')];
  $('inv-known').placeholder = `${a}:2>1; ${b}:3>=4`;
  $('rb-reorder').placeholder = `${a}:1-2; ${b}`;
  $('rb-doubt').placeholder = `${a}:1`;
  $('inv-keep').placeholder = `${a}:1`;
  $('inv-keep-order').placeholder = `${b}:1,2`;
  $('inv-add').placeholder = `${a}:STATEMENT`;
}

// analysed clears the answers about an older model.
export function analysed() {
  for (const j of [inv, rb]) if (j.ctl) j.cancel();
  for (const id of ['inv-result', 'rb-table', 'rb-chart']) $(id).replaceChildren();
  for (const id of ['inv-status', 'rb-status']) $(id).textContent = '';
  $('inv-details').hidden = true;
  $('rb-details').hidden = true;
  $('rb-chart').hidden = true;
  $('rb-svg').disabled = true;
  rbSVG = '';
}

// askInverse opens the view with a target and concept filled in (from an
// explanation) and solves.
export function askInverse(state, concept) {
  $('inv-states').value = String(state);
  if (['Nash', 'GMR', 'SMR', 'SEQ'].includes(concept)) $('inv-concept').value = concept;
  const tab = $('tab-inverse');
  if (tab.getAttribute('aria-selected') !== 'true') tab.click();
  solveInverse();
}

const split = (v, sep) => v.split(sep).map(x => x.trim()).filter(Boolean);

// wants says, in words, how a DM would have to rank the states of change
// c and how it ranks them today; names labels each state number (its
// options or id).
function wants(c, names) {
  const n = x => (names && names[x] ? `${x} (${names[x]})` : String(x));
  const [a, b] = [n(c.a), n(c.b)];
  const now = c.now === 'better' ? `prefer state ${a} to state ${b}` : c.now === 'worse' ? `prefer state ${b} to state ${a}` : `be indifferent between state ${a} and state ${b}`;
  const was = c.was === 'better' ? `today it prefers state ${a}` : c.was === 'worse' ? `today it prefers state ${b}` : 'today it ranks them equally';
  return [now, was];
}

async function solveInverse() {
  const box = $('inv-result');
  const targets = split($('inv-states').value, ',');
  if (!targets.length) {
    box.replaceChildren(h('p', { class: 'field-error', role: 'alert' }, 'Give a target state: a number, a Y/N pattern or sq.'));
    return;
  }
  const checked = id => [...$(id).querySelectorAll('input:checked')].map(i => i.value);
  const all = $('inv-for').querySelectorAll('input').length;
  const forDMs = checked('inv-for');
  const body = {
    ...ctx.input(), targets, concept: $('inv-concept').value,
    for: forDMs.length === all ? undefined : forDMs,
    fixed: checked('inv-fixed'),
    known: split($('inv-known').value, ';'),
    budget_seconds: Math.max(0, Number($('inv-budget').value) || 0) || undefined,
  };
  if ($('inv-space').value === 'statements') {
    body.space = 'statements';
    body.edits = [...$('inv-edits').querySelectorAll('input[type=checkbox]:checked')].map(i => i.value);
    body.keep = split($('inv-keep').value, ';');
    body.keep_order = split($('inv-keep-order').value, ';');
    body.add = split($('inv-add').value, ';');
    if (!body.edits.length) {
      box.replaceChildren(h('p', { class: 'field-error', role: 'alert' }, 'Allow at least one statement edit.'));
      return;
    }
  }
  if (forDMs.length === 0) {
    box.replaceChildren(h('p', { class: 'field-error', role: 'alert' }, 'Choose at least one DM under “Stable for”.'));
    return;
  }
  box.replaceChildren();
  let d;
  try {
    d = await inv.run('/api/inverse', body, 'Solving the inverse question');
  } catch (e) {
    box.replaceChildren(h('p', { class: 'field-error', role: 'alert' }, e.message));
    return;
  }
  if (!d) return;
  const doc = d.document;
  const names = d.states || {};
  const what = doc.targets.length > 1 ? `states ${doc.targets.join(', ')}` : `state ${doc.targets[0]}${names[doc.targets[0]] ? ` (${names[doc.targets[0]]})` : ''}`;
  const parts = [];
  if (!doc.exists) {
    parts.push(h('p', { class: 'verdict no' }, `No preferences make ${what} stable under ${doc.concept} with these requirements.`),
      h('p', {}, 'These requirements conflict (drop one of them and the rest can hold):'),
      h('ul', {}, ...doc.conflict.map(c => h('li', {}, c))));
  } else if (doc.space === 'statements') {
    parts.push(...statementAnswer(doc, what));
  } else if (doc.changes.length === 0) {
    parts.push(h('p', { class: 'verdict yes' }, `${what[0].toUpperCase() + what.slice(1)} ${doc.targets.length > 1 ? 'are' : 'is'} already stable under ${doc.concept}: no change is needed.`));
  } else {
    const count = doc.count == null ? 'too many preference profiles to count qualify' : `${doc.count} preference profile${doc.count === 1 ? '' : 's'} qualify`;
    parts.push(h('p', { class: 'verdict yes' }, `Preferences exist that make ${what} stable under ${doc.concept} (${count}).`),
      h('p', {}, `${doc.optimal ? 'The closest change' : 'A close change (not proven closest: the work limit or time limit ran out)'}: ${doc.changes.length} of the ${doc.consulted} comparisons that decide the question. What each DM would have to want differently:`));
    const byDM = new Map();
    for (const c of doc.changes) { if (!byDM.has(c.dm)) byDM.set(c.dm, []); byDM.get(c.dm).push(c); }
    for (const [dm, cs] of byDM) {
      const more = doc.reordered && doc.reordered[dm] > cs.length ? ` (${doc.reordered[dm]} pairs of states ranked differently in all)` : '';
      parts.push(h('h3', {}, dm + more), h('table', { class: 'statements-table', 'aria-label': `What ${dm} would have to want differently` },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'It would have to'), h('th', { scope: 'col' }, 'Today'))),
        h('tbody', {}, ...cs.map(c => { const [now, was] = wants(c, names); return h('tr', {}, h('td', {}, now), h('td', {}, was)); }))));
    }
  }
  const sc = doc.exists ? solutionScenario(doc) : null;
  if (sc) {
    const add = h('button', { type: 'button', id: 'btn-inv-scenario' }, 'Add this change as a what-if scenario');
    const note = h('span', { class: 'hint', role: 'status' });
    add.addEventListener('click', () => {
      const id = ctx.addScenario(sc);
      note.textContent = id ? ` Added scenario “${id}”: analyse or compare it in the Scenarios view.` : ' The model has an edit with errors: fix it first.';
      if (id) add.disabled = true;
    });
    if (ctx.state.scenario) { add.disabled = true; note.textContent = ' (Analysing a scenario: choose the base model to add this change as a scenario.)'; }
    parts.push(h('p', { class: 'row' }, add, note));
  }
  box.replaceChildren(...parts);
  $('inv-text').textContent = d.text;
  $('inv-details').hidden = false;
}

// solutionScenario turns the closest solution into a what-if scenario of
// the model (docs/model-format.md, Scenarios): each changed DM's new
// ranking (by the model's state numbers) or new statement list replaces
// its preferences. null when nothing changes.
function solutionScenario(doc) {
  const prefs = {};
  const targets = doc.targets.join('_');
  if (doc.space === 'statements') {
    for (const [dm, list] of Object.entries(doc.statements || {})) {
      prefs[dm] = { statements: list.map(x => (x.negated ? `not (${x.text})` : x.text)) };
    }
  } else {
    for (const [dm, groups] of Object.entries(doc.rankings || {})) {
      prefs[dm] = { ranking: groups.map(g => (g.length === 1 ? g[0] : g)) };
    }
  }
  if (!Object.keys(prefs).length) return null;
  return {
    id: `${doc.concept.toLowerCase()}_${targets}`,
    name: `What makes ${doc.targets.length > 1 ? 'states' : 'state'} ${doc.targets.join(', ')} ${doc.concept} stable`,
    note: `The closest change found by the inverse question (${doc.space === 'statements' ? 'statement lists' : 'rankings of the states'}).`,
    preferences: prefs,
  };
}

// statementAnswer lays out the closest statement lists: per DM, the
// edits in words and the new list, most important first.
function statementAnswer(doc, what) {
  if (doc.edits.length === 0) {
    return [h('p', { class: 'verdict yes' }, `${what[0].toUpperCase() + what.slice(1)} ${doc.targets.length > 1 ? 'are' : 'is'} already stable under ${doc.concept}: no change of the statements is needed.`)];
  }
  const count = doc.count == null ? 'too many combinations of statement lists to count qualify' : `${doc.count} combination${doc.count === 1 ? '' : 's'} of statement lists qualify`;
  const parts = [h('p', { class: 'verdict yes' }, `Statements exist that make ${what} stable under ${doc.concept} (${count}).`),
    h('p', {}, `${doc.optimal ? 'The closest change' : 'A close change (not proven closest: the work limit or time limit ran out)'}: ${doc.edits.length} edit${doc.edits.length === 1 ? '' : 's'} of the statement lists. What each DM would have to want differently:`)];
  const words = e => {
    const st = e.statement ? `statement ${e.statement} (“${e.text}”)` : `“${e.text}”`;
    switch (e.kind) {
      case 'drop': return `drop ${st}`;
      case 'move': return `move ${st} to position ${e.to}`;
      case 'negate': return `want the opposite of ${st}${e.to ? `, at position ${e.to}` : ''}`;
      case 'add': return `take up ${st} at position ${e.to}`;
    }
    return `${e.kind} ${st}`;
  };
  const dms = [...new Set(doc.edits.map(e => e.dm))];
  for (const dm of dms) {
    const list = (doc.statements && doc.statements[dm]) || [];
    parts.push(h('h3', {}, dm), h('ul', { 'aria-label': `Edits of ${dm}'s statements` }, ...doc.edits.filter(e => e.dm === dm).map(e => h('li', {}, words(e)))),
      h('p', { class: 'hint' }, 'Its new list, most important first:'),
      h('ol', { class: 'new-list' }, ...list.map(x => h('li', {}, h('code', {}, x.negated ? `not (${x.text})` : x.text), x.was ? ` (was ${x.was})` : x.candidate ? ' (new)' : ''))));
  }
  return parts;
}

async function runRobustness() {
  const box = $('rb-table');
  const mode = $('rb-mode').value;
  const body = { ...ctx.input(), mode };
  if (mode === 'sample') {
    body.samples = parseInt($('rb-samples').value, 10) || 1000;
    body.seed = parseInt($('rb-seed').value, 10) || 0;
    body.reorder = split($('rb-reorder').value, /[;\s]+/);
    body.doubt = split($('rb-doubt').value, /[;\s]+/);
  }
  box.replaceChildren();
  let r;
  try {
    r = await rb.run('/api/robustness', body, mode === 'sample' ? `Analysing ${body.samples} sampled profiles` : 'Analysing every one-step change');
  } catch (e) {
    box.replaceChildren(h('p', { class: 'field-error', role: 'alert' }, e.message));
    return;
  }
  if (!r) return;
  const doc = r.document;
  const pct = x => `${Math.round(100 * x)}%`;
  const head = h('tr', {}, h('th', { scope: 'col' }, 'State'), h('th', { scope: 'col' }, 'Pattern'), ...doc.concepts.map(c => h('th', { scope: 'col' }, c)));
  const rows = doc.states.map(s => h('tr', {}, h('th', { scope: 'row' }, String(s.state)), h('td', {}, h('code', {}, s.pattern)),
    ...doc.concepts.map(c => {
      const x = s.share[c];
      const eq = s.equilibrium[c];
      const destroyed = s.destroyed_by && s.destroyed_by[c];
      const title = `${x.count} of ${doc.profiles} profiles; 95% interval ${pct(x.low)}–${pct(x.high)}` + (eq ? '; an equilibrium of the model as written' : '') +
        (destroyed ? (destroyed.length ? `; destroyed by: ${destroyed.slice(0, 4).join('; ')}${destroyed.length > 4 ? '; …' : ''}` : '; no one-step change destroys it') : '');
      return h('td', { class: 'share' + (eq ? ' base-eq' : ''), title }, (eq ? '* ' : '') + pct(x.share), h('span', { class: 'ci' }, ` [${pct(x.low)}–${pct(x.high)}]`));
    })));
  const what = doc.mode === 'sample' ? `${doc.profiles} sampled profiles (seed ${doc.seed})` : `${doc.profiles} one-step changes`;
  box.replaceChildren(h('p', { class: 'hint' }, `Share of ${what} under which each state is an equilibrium, most robust first; * = an equilibrium of the model as written; hover a cell for its interval and what destroys it.`),
    h('div', { class: 'table-wrap rb-wrap' }, h('table', { class: 'statements-table robustness', 'aria-label': 'Robustness of the states' }, h('thead', {}, head), h('tbody', {}, ...rows))));
  // What destroys each equilibrium of the model as written (one-step
  // mode): the first changes the library lists, in its words.
  const destroyed = [];
  for (const c of doc.concepts) {
    for (const s of doc.states) {
      const ds = s.destroyed_by && s.destroyed_by[c];
      if (!ds) continue;
      destroyed.push(h('li', {}, h('strong', {}, `${c} ${s.state}: `), ds.length === 0 ? 'no one-step change destroys it' :
        `${ds.length} change${ds.length === 1 ? '' : 's'} destroy${ds.length === 1 ? 's' : ''} it, e.g. ${ds.slice(0, 2).join('; ')}${ds.length > 2 ? '; …' : ''}`));
    }
  }
  if (destroyed.length) box.append(h('details', { class: 'destroyers' }, h('summary', {}, 'The smallest changes that destroy each equilibrium'), h('ul', {}, ...destroyed)));
  rbSVG = r.svg;
  const chart = $('rb-chart');
  const old = chart.querySelector('img');
  if (old) URL.revokeObjectURL(old.src);
  chart.replaceChildren(h('img', { alt: 'Heatmap: share of perturbed profiles under which each state is an equilibrium, by concept', src: URL.createObjectURL(new Blob([r.svg], { type: 'image/svg+xml' })) }));
  chart.hidden = false;
  $('rb-svg').disabled = false;
  $('rb-text').textContent = r.text;
  $('rb-details').hidden = false;
}
