// The tableau view: rows paged and filtered by the server (POST
// /api/tableau), concept toggles, and explanations of a clicked mark
// (POST /api/explain).
import * as api from './api.js';
import { showWitness, showRanking, strengthFrom } from './views.js';
import { askInverse } from './whatif.js';

const $ = id => document.getElementById(id);
const MARK_WORDS = { r: 'rational (no unilateral improvement)', s: 'stable (every improvement sanctioned)', u: 'unstable', '-': 'not perceived by the DM (a misperception; counts as stable)' };
// The limited-move columns (L<h>, NM) mark whether the DM would stay.
const LIMITED_WORDS = { s: 'stays (stable: what it anticipates is no better)', u: 'moves (unstable: it anticipates a better outcome)' };
const isLimited = c => c === 'NM' || /^L\d+$/.test(c);
// The strength-of-preference columns (sGMR, sSMR, sSEQ, with unknown
// comparisons sGMR(a) ...) mark strong and weak stability.
const STRENGTH_WORDS = { S: 'strongly stable (every move sanctioned into a state the DM finds strongly worse)', W: 'weakly stable (some move sanctioned only into a mildly worse or equally good state)', u: 'unstable', '-': MARK_WORDS['-'] };
const isStrength = c => /^s(GMR|SMR|SEQ)(\([a-d]\))?$/.test(c);
const markWords = c => (isLimited(c) ? LIMITED_WORDS : isStrength(c) ? STRENGTH_WORDS : MARK_WORDS);
const PAGE = 50;

function h(tag, attrs = {}, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v; else e.setAttribute(k, v === true ? '' : v);
  }
  for (const k of kids.flat()) if (k != null) e.append(k);
  return e;
}

export class Tableau {
  constructor(input) {
    this.input = input;
    this.offset = 0;
    this.hidden = new Set(); // concept columns the user turned off
    this.ctl = null;
    this.analysis = null;
    for (const id of ['f-eq', 'f-dm', 'f-top', 'f-pattern', 'f-ext', 'f-horizon', 'f-nm', 'f-strength']) {
      $(id).addEventListener(['f-pattern', 'f-top', 'f-horizon'].includes(id) ? 'input' : 'change', () => {
        // Other columns: an equilibria filter of a column gone is dropped.
        if (['f-ext', 'f-horizon', 'f-nm', 'f-strength'].includes(id)) $('f-eq').value = '';
        this.offset = 0;
        this.loadSoon();
      });
    }
    $('tableau-controls').addEventListener('submit', ev => ev.preventDefault());
    $('pg-prev').addEventListener('click', () => { this.offset = Math.max(0, this.offset - PAGE); this.load(); });
    $('pg-next').addEventListener('click', () => { this.offset += PAGE; this.load(); });
    $('btn-export-uncertain').addEventListener('click', () => api.exportFile({ ...this.input(), what: 'uncertain', format: 'csv' }).catch(e => alert(e.message)));
    $('btn-export-strength').addEventListener('click', () => api.exportFile({ ...this.input(), what: 'strength', format: 'csv' }).catch(e => alert(e.message)));
    $('btn-export-limited').addEventListener('click', () => {
      const r = this.richer();
      api.exportFile({ ...this.input(), what: 'limited', format: 'text', horizon: r.horizon, nm: r.nm }).catch(e => alert(e.message));
    });
    for (const b of document.querySelectorAll('[data-export]')) {
      b.addEventListener('click', () => api.exportFile({ ...this.input(), what: 'tableau', format: b.dataset.export }).catch(e => alert(e.message)));
    }
    $('tableau').addEventListener('click', ev => {
      const b = ev.target.closest('button.mark');
      if (b) this.explain(b.dataset.state, b.dataset.dm, b.dataset.concept, b);
      const st = ev.target.closest('button.statebtn');
      if (st) showRanking(st.dataset.rankState);
    });
  }

  analysed(a) {
    const first = !this.analysis;
    this.analysis = a;
    // An explanation of an earlier model no longer holds: say so.
    const box = $('explain');
    if (this.explainedKey && this.explainedKey !== a.key && !box.querySelector('.explain-stale')) {
      box.classList.add('is-stale');
      box.querySelector('h2')?.after(h('p', { class: 'explain-stale', role: 'status' }, 'The model has changed since: click the mark again to explain the state anew.'));
    }
    const sm = a.summary;
    // The richer concepts offered: the extensions of unknown preferences
    // when some comparison is unknown, Lh and NM for two DMs.
    $('ext-wrap').hidden = !sm.unknown;
    if (!sm.unknown) $('f-ext').value = '';
    $('lim-wrap').hidden = sm.dms.length !== 2;
    if (sm.dms.length !== 2) { $('f-horizon').value = ''; $('f-nm').checked = false; }
    // Strong and weak stability when the model states strength of
    // preference (strong statements, ">>" cuts).
    $('str-wrap').hidden = !sm.strength;
    $('richer').hidden = $('ext-wrap').hidden && $('lim-wrap').hidden && $('str-wrap').hidden;
    $('btn-export-uncertain').hidden = !sm.unknown;
    $('btn-export-strength').hidden = !sm.strength;
    const dm = $('f-dm');
    const keepDM = dm.value;
    dm.replaceChildren(h('option', { value: '' }, '—'), ...sm.dms.map(d => h('option', { value: d.id, selected: d.id === keepDM }, d.id)));
    if (first) this.offset = 0;
    this.load();
  }

  // richer returns the tableau request's fields for the richer concepts.
  richer() {
    const r = {};
    if ($('f-ext').value) r.extension = $('f-ext').value;
    const hz = parseInt($('f-horizon').value, 10);
    if (hz > 0) r.horizon = hz;
    if ($('f-nm').checked) { r.nm = true; if (!r.horizon) r.horizon = 1; }
    if (this.analysis && this.analysis.summary.strength && $('f-strength').checked) r.strength = true;
    return r;
  }

  // columns fills the concept toggles, the equilibria filter and the
  // equilibria list from a tableau page's columns, and counts the strong
  // equilibria in the status bar when strength has been decided.
  columns(t) {
    const strongCounts = t.concepts.filter(c => isStrength(c) && t.strength && t.strength[c]).map(c => `${c} ${t.strength[c].strong.length}`);
    $('status-strength').textContent = strongCounts.length && this.analysis && t.key === this.analysis.key ? `· strong equilibria: ${strongCounts.join(' · ')}` : '';
    $('btn-export-limited').hidden = !this.richer().horizon;
    const names = t.concepts.concat(t.mixed ? ['Mixed'] : []);
    const toggles = $('concept-toggles');
    toggles.querySelectorAll('label').forEach(l => l.remove());
    for (const c of names) {
      const id = 'show-' + c.replace(/[()]/g, '');
      const cb = h('input', { type: 'checkbox', id, checked: !this.hidden.has(c) });
      cb.addEventListener('change', () => { if (cb.checked) this.hidden.delete(c); else this.hidden.add(c); this.render(); });
      toggles.append(h('label', { for: id }, cb, ' ' + c));
    }
    const eq = $('f-eq');
    const keepEq = eq.value;
    eq.replaceChildren(h('option', { value: '' }, 'any state'), ...names.map(c => h('option', { value: c, selected: c === keepEq }, `${c} (${t.equilibria[c].length})`)));
    const list = xs => xs.length === 0 ? 'none' : xs.length <= 24 ? xs.join(', ') : xs.slice(0, 24).join(', ') + `, … (${xs.length - 24} more: filter the tableau by “Equilibria of”)`;
    // Under strength of preference the equilibria are strong or weak.
    const strengthOf = c => {
      const x = t.strength && t.strength[c];
      return x ? ` (strong: ${x.strong.length ? x.strong.join(', ') : 'none'}; weak: ${x.weak.length ? x.weak.join(', ') : 'none'})` : '';
    };
    const parts = names.map(c => h('p', {}, h('strong', {}, `${c}: `), list(t.equilibria[c]) + (t.equilibria[c].length ? strengthOf(c) : '')));
    const ext = this.analysis && this.analysis.extensions;
    if (ext) {
      // The sixteen definitions at a glance: concepts by extensions.
      const base = ['Nash', 'GMR', 'SMR', 'SEQ'];
      parts.push(h('p', { class: 'hint' }, 'Equilibria under unknown preferences, by extension: (a) is the strictest, (d) the most lenient. Choose one under “More concepts” to see its marks.'),
        h('table', { class: 'ext-table', 'aria-label': 'Equilibria under unknown preferences' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Concept'), ...['a', 'b', 'c', 'd'].map(x => h('th', { scope: 'col' }, `(${x})`)))),
        h('tbody', {}, ...base.map(b => h('tr', {}, h('th', { scope: 'row' }, b), ...['a', 'b', 'c', 'd'].map(x => h('td', {}, list(ext[`${b}(${x})`] || []))))))));
    }
    // The server decides strength when a tableau asks for it (the
    // Strength checkbox); the analysis carries it only once decided.
    const st = t.strength || (this.analysis && this.analysis.strength);
    if (st && this.analysis && this.analysis.summary.unknown) {
      // Hybrid preferences: strong and weak equilibria in each extension.
      // Compact: "1, 4 (all strong)", "1, 4 (strong: 4; weak: 1)".
      const cell = x => {
        if (!x) return '—';
        if (!x.equilibria.length) return 'none';
        if (!x.weak.length) return `${list(x.equilibria)} (all strong)`;
        if (!x.strong.length) return `${list(x.equilibria)} (all weak)`;
        return `${list(x.equilibria)} (strong: ${x.strong.join(', ')}; weak: ${x.weak.join(', ')})`;
      };
      parts.push(h('p', { class: 'hint' }, 'Strong and weak equilibria under hybrid preferences (strength with unknown comparisons), by extension. Choose an extension above to see its S / W marks.'),
        h('table', { class: 'ext-table', 'aria-label': 'Strong and weak equilibria under hybrid preferences' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Concept'), ...['a', 'b', 'c', 'd'].map(x => h('th', { scope: 'col' }, `(${x})`)))),
        h('tbody', {}, ...['sGMR', 'sSMR', 'sSEQ'].map(b => h('tr', {}, h('th', { scope: 'row' }, b), ...['a', 'b', 'c', 'd'].map(x => h('td', {}, cell(st[`${b}(${x})`]))))))));
    }
    // The marks of the strength columns, and the legends of the richer
    // columns shown as the CLI prints them (folded).
    if (names.some(isStrength)) {
      parts.push(h('p', { class: 'legend-line' }, h('strong', {}, 'Strength: '), 'S = strongly stable, W = weakly stable, u = unstable. A strong equilibrium is strongly stable for every DM; a weak one is stable for every DM and only weakly for some.'));
    }
    if (t.notes && t.notes.length) {
      parts.push(h('details', { class: 'legend' }, h('summary', {}, 'Legend of the further concepts'), ...t.notes.map(n => h('p', {}, n))));
    }
    $('equilibria').replaceChildren(...parts);
  }

  loadSoon() { clearTimeout(this.timer); this.timer = setTimeout(() => this.load(), 200); }

  async load() {
    if (this.ctl) this.ctl.abort();
    const ctl = new AbortController();
    this.ctl = ctl;
    const filter = {};
    if ($('f-eq').value) filter.equilibrium = $('f-eq').value;
    if ($('f-pattern').value.trim()) filter.pattern = $('f-pattern').value;
    if ($('f-dm').value) {
      filter.dm = $('f-dm').value;
      const top = parseInt($('f-top').value, 10);
      if (top > 0) filter.top = top;
    }
    try {
      const t = await api.post('/api/tableau', { ...this.input(), ...this.richer(), offset: this.offset, limit: PAGE, filter }, ctl.signal);
      if (this.ctl !== ctl) return;
      this.data = t;
      this.columns(t);
      this.render();
      $('tableau-controls').querySelectorAll('.field-error').forEach(e => e.remove());
    } catch (e) {
      if (e.name === 'AbortError') return;
      const msg = h('p', { class: 'field-error', role: 'alert' }, e.message);
      $('tableau-controls').querySelectorAll('.field-error').forEach(x => x.remove());
      $('tableau-controls').append(msg);
    }
  }

  render() {
    const t = this.data;
    if (!t) return;
    const table = $('tableau');
    const concepts = t.concepts.concat(t.mixed ? ['Mixed'] : []).filter(c => !this.hidden.has(c));
    const graph = t.rows.some(r => r.id);
    const nd = t.dms.length;
    const head1 = h('tr', {}, h('th', { rowspan: 2, scope: 'col' }, 'State'), graph ? h('th', { rowspan: 2, scope: 'col' }, 'Id') : null, h('th', { rowspan: 2, scope: 'col', class: 'code' }, 'Code'),
      ...t.dms.filter(d => d.options.length).map(d => h('th', { colspan: d.options.length, scope: 'colgroup', class: 'dmgroup', title: d.name }, d.id)),
      h('th', { colspan: nd, scope: 'colgroup' }, 'Rank'),
      ...concepts.map(c => h('th', { colspan: nd, scope: 'colgroup', class: 'concept' }, c + (c === 'Mixed' ? ' (' + t.dms.map(d => d.concept).join(',') + ')' : ''))),
      h('th', { rowspan: 2, scope: 'col' }, 'Equilibrium of'));
    const head2 = h('tr', {},
      ...t.dms.flatMap(d => d.options.map(o => h('th', { scope: 'col', class: 'opt', title: o.name || o.id }, o.id))),
      ...t.dms.map(d => h('th', { scope: 'col', title: d.name }, d.id)),
      ...concepts.flatMap(() => t.dms.map(d => h('th', { scope: 'col', title: d.name }, d.id))));
    const body = t.rows.map(r => {
      const cells = [h('th', { scope: 'row', class: 'num' + (r.status_quo ? ' sq' : ''), title: r.status_quo ? 'the status quo' : null },
        h('button', { type: 'button', class: 'statebtn', 'data-rank-state': r.number, 'aria-label': `State ${r.number}${r.status_quo ? ' (the status quo)' : ''}: show its ranks, scores and the statements that hold there` }, String(r.number) + (r.status_quo ? ' (SQ)' : ''))),
        graph ? h('td', { class: 'sid', title: 'the state\'s id' }, r.id) : null,
        h('td', { class: 'code', title: 'decimal code' }, String(r.code))].filter(Boolean);
      let bit = 0;
      for (const d of t.dms) {
        for (const o of d.options) {
          const y = r.pattern[o.bit] === 'Y';
          cells.push(h('td', { class: 'yn ' + (y ? 'y' : 'n'), title: `${o.id}: ${o.name || ''} — ${y ? 'taken' : 'not taken'}` }, y ? 'Y' : 'N'));
          bit++;
        }
      }
      r.ranks.forEach((k, i) => cells.push(h('td', { class: 'rank', title: `${t.dms[i].id}'s rank (1 = most preferred)` }, String(k))));
      for (const c of concepts) {
        const m = r.marks[c];
        t.dms.forEach((d, i) => {
          const concept = c === 'Mixed' ? d.concept : c;
          cells.push(h('td', { class: 'markcell' }, h('button', {
            type: 'button', class: 'mark m-' + m[i], 'data-state': r.number, 'data-dm': d.id, 'data-concept': concept,
            'aria-label': `State ${r.number}, ${d.id}, ${concept}: ${markWords(c)[m[i]]}. Explain.`,
          }, m[i])));
        });
      }
      // Strength equilibria grouped by kind: "strong: sGMR sSMR".
      const es = r.equilibrium_strength || {};
      const byKind = k => r.equilibrium.filter(c => es[c] === k);
      const eqText = [r.equilibrium.filter(c => !es[c]).join(' '), ...['strong', 'weak'].filter(k => byKind(k).length).map(k => `${k}: ${byKind(k).join(' ')}`)].filter(Boolean).join(' · ');
      cells.push(h('td', { class: 'eq' }, eqText));
      return h('tr', { class: r.equilibrium.length ? 'is-eq' : null }, ...cells);
    });
    table.replaceChildren(h('thead', {}, head1, head2), h('tbody', {}, ...body));
    const from = t.matched ? t.offset + 1 : 0;
    $('pg-info').textContent = `states ${from}–${t.offset + t.rows.length} of ${t.matched}` + (t.matched !== t.total ? ` (filtered from ${t.total})` : '');
    $('pg-prev').disabled = t.offset === 0;
    $('pg-next').disabled = t.offset + t.rows.length >= t.matched;
  }

  async explain(stateNum, dm, concept, button) {
    const box = $('explain');
    box.replaceChildren(h('h2', {}, `Explanation: state ${stateNum}, ${dm}, ${concept}`), h('p', { class: 'hint' }, 'Loading…'));
    try {
      const hz = this.richer().horizon;
      const d = await api.post('/api/explain', { ...this.input(), state: String(stateNum), dm, concept, horizon: hz });
      const w = { state: Number(stateNum), ui: [], sanction: [] };
      for (const ex of d.document.explanations || []) {
        for (const ui of ex.uis || []) {
          w.ui.push([ui.move.from, ui.move.to, ui.move.dm]);
          for (const st of ui.sequence || []) w.sanction.push([st.from, st.to, st.dm]);
        }
        // gmcr strength's explanation: each move with its best sanction.
        if (d.document.kind === 'strength-explanation') {
          for (const m of ex.moves || []) {
            w.ui.push([ex.state, m.to, ex.dm]);
            for (const st of m.sequence || []) w.sanction.push([st.from, st.to, st.mover]);
          }
        }
      }
      const small = this.data && this.data.total <= 512 && !isLimited(concept) && (isStrength(concept) || !concept.includes('('));
      const draw = small ? h('button', { type: 'button', id: 'btn-witness' }, 'Draw on the moves graph') : null;
      if (draw) draw.addEventListener('click', () => showWitness(w));
      // The inverse question for this state and concept, one click away.
      const ask = ['Nash', 'GMR', 'SMR', 'SEQ'].includes(concept) ? h('button', { type: 'button', id: 'btn-ask-inverse' }, `What would make state ${stateNum} a ${concept} equilibrium?`) : null;
      if (ask) ask.addEventListener('click', () => askInverse(stateNum, concept));
      // Under strength: where the conflict can go from this state.
      const sq = isStrength(concept) ? h('button', { type: 'button', id: 'btn-strength-from' }, `Status quo analysis under strength from state ${stateNum}`) : null;
      if (sq) sq.addEventListener('click', () => strengthFrom(stateNum));
      box.replaceChildren(h('h2', { tabindex: -1 }, `Explanation: state ${stateNum}, ${dm}, ${concept}`), h('p', { class: 'row' }, draw, ask, sq), h('pre', { class: 'report' }, d.text));
      box.classList.remove('is-stale');
      this.explainedKey = this.analysis && this.analysis.key;
      box.querySelector('h2').focus({ preventScroll: true });
      box.scrollIntoView({ block: 'nearest' });
    } catch (e) {
      box.replaceChildren(h('h2', {}, 'Explanation'), h('p', { class: 'field-error', role: 'alert' }, e.message));
    }
    if (button) button.classList.add('explained');
  }
}
