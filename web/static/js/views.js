// The analysis views besides the tableau: the status quo evolution
// diagram (SVG drawn by the server), the graph of the DMs' moves
// (Cytoscape.js with the dagre layered layout), a DM's ranking with the
// statements that hold at a state, scenarios and coalitions.
import * as api from './api.js';

const $ = id => document.getElementById(id);
let ctx; // {input, state, reanalyse, setStatus}
let cy = null;
let graphDrawn = null; // {concept, dm, onlyUI} of the graph shown
let evSVG = '';
let summary = null;

function h(tag, attrs = {}, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v; else e.setAttribute(k, v === true ? '' : v);
  }
  for (const k of kids.flat()) if (k != null) e.append(k);
  return e;
}

function fail(target, e) {
  target.replaceChildren(h('p', { class: 'field-error', role: 'alert' }, e.message));
}

export function setup(c) {
  ctx = c;
  if (window.cytoscape && window.cytoscapeDagre) window.cytoscape.use(window.cytoscapeDagre);
  $('evolution-controls').addEventListener('submit', ev => { ev.preventDefault(); evolve(); if (summary && summary.strength) strengthSQ(); });
  $('ev-svg').addEventListener('click', () => { if (evSVG) api.saveBlob(new Blob([evSVG], { type: 'image/svg+xml' }), 'evolution.svg'); });
  $('ev-png').addEventListener('click', () => { if (evSVG) svgToPNG(evSVG, 'evolution.png'); });
  $('graph-controls').addEventListener('submit', ev => { ev.preventDefault(); graph(); });
  $('btn-ev-strength').addEventListener('click', strengthSQ);
  // The graph follows its box when the window (or the panes) change size.
  if (window.ResizeObserver) {
    let t = null;
    new ResizeObserver(() => { clearTimeout(t); t = setTimeout(() => { if (cy) { cy.resize(); cy.fit(undefined, 20); } }, 100); }).observe($('graph'));
  }
  // The PNG is the SVG drawn at twice its size: both carry the title and
  // the legend, which Cytoscape's own picture lacks.
  $('g-png').addEventListener('click', () => { if (cy) svgToPNG(graphSVG(), 'moves.png'); });
  $('g-svg').addEventListener('click', () => { if (cy) api.saveBlob(new Blob([graphSVG()], { type: 'image/svg+xml' }), 'moves.svg'); });
  $('ranking-controls').addEventListener('submit', ev => { ev.preventDefault(); ranking(); });
  $('btn-compare').addEventListener('click', compare);
  $('btn-coalitions').addEventListener('click', coalitions);
  $('scenario').addEventListener('change', ev => { ctx.state.scenario = ev.target.value; ctx.reanalyse(); });
  $('btn-report').addEventListener('click', async () => {
    ctx.setStatus('Writing the report…');
    try {
      await api.exportReport(ctx.input());
      ctx.setStatus('Report downloaded');
    } catch (e) {
      ctx.setStatus('Report failed: ' + e.message);
    }
  });
}

// modelLoaded fills the controls that list DMs and scenarios.
export function modelLoaded(s) {
  summary = s;
  const dms = s.dms.map(d => d.id);
  const fill = (sel, first) => {
    const keep = sel.value;
    sel.replaceChildren(...(first ? [h('option', { value: '' }, first)] : []), ...dms.map(d => h('option', { value: d, selected: d === keep }, d)));
  };
  fill($('g-dm'), 'every DM');
  fill($('r-dm'));
  const sc = $('scenario');
  const keep = ctx.state.scenario;
  sc.replaceChildren(h('option', { value: '' }, 'base model'), ...s.scenarios.map(id => h('option', { value: id, selected: id === keep }, id)));
  $('btn-compare').disabled = s.scenarios.length === 0;
  $('ev-strength').hidden = !s.strength;
  const box = $('dm-concepts');
  box.replaceChildren(...s.dms.map(d => {
    const id = 'dmc-' + d.id;
    const sel = h('select', { id }, ...['', 'Nash', 'GMR', 'SMR', 'SEQ', 'SIM'].map(c => h('option', { value: c, selected: (ctx.state.dmConcepts[d.id] || '') === c }, c || 'model')));
    sel.addEventListener('change', () => {
      if (sel.value) ctx.state.dmConcepts[d.id] = sel.value; else delete ctx.state.dmConcepts[d.id];
      ctx.reanalyse();
    });
    return h('label', { for: id }, d.id + ' ', sel);
  }));
  for (const k of Object.keys(ctx.state.dmConcepts)) if (!dms.includes(k)) delete ctx.state.dmConcepts[k];
}

let shownTab = 'tab-tableau';
export function analysed() {
  // Views drawn from the previous model are out of date.
  for (const id of ['ev-text', 'compare-text', 'coalition-text']) $(id).textContent = '';
  $('coalition-table').replaceChildren();
  $('compare-table').replaceChildren();
  $('ev-diagram').replaceChildren();
  $('ranking').replaceChildren();
  $('evs-table').replaceChildren();
  $('evs-text').textContent = '';
  $('evs-details').hidden = true;
  evSVG = '';
  witness = null;
  if (cy) { cy.destroy(); cy = null; }
  tabShown(shownTab);
}

export function tabShown(id) {
  shownTab = id;
  if (!ctx.state.analysis) return;
  if (id === 'tab-evolution' && !evSVG && !$('ev-note').dataset.busy) evolve();
  if (id === 'tab-evolution' && summary && summary.strength && !$('evs-table').childElementCount && !$('evs-note').dataset.busy) strengthSQ();
  if (id === 'tab-graph' && !cy) graph();
  if (id === 'tab-ranking' && !$('ranking').childElementCount) ranking();
}

async function evolve() {
  const note = $('ev-note');
  note.dataset.busy = '1';
  note.textContent = 'Drawing…';
  const body = { ...ctx.input(), paths: parseInt($('ev-paths').value, 10) || 1, max_nodes: parseInt($('ev-max').value, 10) || 100, coalitions: $('ev-coal').checked };
  const from = $('ev-from').value.trim();
  if (from) body.from = from;
  const key = ctx.state.analysis && ctx.state.analysis.key;
  try {
    const ev = await api.post('/api/evolve', body);
    if (!ctx.state.analysis || ctx.state.analysis.key !== key) {
      // The model changed while drawing: draw the new one.
      delete note.dataset.busy;
      return evolve();
    }
    evSVG = ev.svg;
    note.textContent = ev.note || 'Each arrow is a unilateral improvement, labelled with the DM and the options it changes; the status quo has a double border, equilibria are green; the legend in the diagram says more.';
    const box = $('ev-diagram');
    if (ev.svg) {
      const img = h('img', { alt: 'Evolution diagram from the status quo', src: URL.createObjectURL(new Blob([ev.svg], { type: 'image/svg+xml' })) });
      box.replaceChildren(img);
    } else {
      box.replaceChildren();
    }
    $('ev-text').textContent = ev.text;
  } catch (e) {
    if (!ctx.state.analysis || ctx.state.analysis.key !== key) {
      delete note.dataset.busy;
      return evolve();
    }
    note.textContent = '';
    fail($('ev-diagram'), e);
  } finally {
    delete note.dataset.busy;
  }
}

// strengthSQ shows the status quo analysis under strength of preference
// (POST /api/strength with from, as gmcr strength --from): per state
// reached, the fewest steps by strong improvements, by improvements and
// (with unknown comparisons) by credible moves, and whether it is a
// strong or weak equilibrium.
async function strengthSQ() {
  const note = $('evs-note');
  const box = $('evs-table');
  const from = $('ev-from').value.trim() || 'sq';
  note.dataset.busy = '1';
  note.textContent = 'Analysing…';
  try {
    const d = await api.post('/api/strength', { ...ctx.input(), from });
    const doc = d.document;
    const kinds = ['strong', 'improvements', 'credible'].filter(k => doc.states.some(s => k in s.steps));
    const KIND = { strong: 'strong improvements only', improvements: 'improvements (mild or strong)', credible: 'improvements or moves to states of unknown preference' };
    const SHORT = { strong: 'strong', improvements: 'improvements', credible: '+ unknown' };
    // The document's keys come sorted by name: shown in concept order.
    const ORDER = ['Nash', 'GMR', 'SMR', 'SEQ'];
    const rank = c => ORDER.indexOf(c.replace(/\(.*$/, '')) * 10 + (c.includes('(') ? c.charCodeAt(c.indexOf('(') + 1) - 96 : 0);
    const concepts = (doc.states.length ? Object.keys(doc.states[0].equilibrium) : []).sort((a, b) => rank(a) - rank(b));
    const reached = doc.states.filter(s => kinds.some(k => s.steps[k] !== null && s.steps[k] !== undefined));
    const shown = reached.slice(0, 200);
    const EQ = { strong: 'S', weak: 'W', none: '·' };
    // With unknown comparisons each concept has the extensions (a)-(d):
    // one column per concept, its four marks side by side.
    const groups = [];
    for (const c of concepts) {
      const base = c.replace(/\(.*$/, '');
      const g = groups.find(x => x.base === base);
      if (g) g.names.push(c); else groups.push({ base, names: [c] });
    }
    const exts = g => g.names.map(c => (c.match(/\((.)\)/) || [])[1]).filter(Boolean);
    const head = h('tr', {}, h('th', { scope: 'col' }, 'State'), h('th', { scope: 'col' }, 'Options'),
      ...kinds.map(k => h('th', { scope: 'col', title: `fewest steps by ${KIND[k]}` }, `steps (${SHORT[k]})`)),
      ...groups.map(g => h('th', { scope: 'col', title: `${g.names.join(', ')}: S strong equilibrium, W weak, · neither` }, ...(g.names.length > 1 ? [g.base, h('br'), `(${exts(g).join(' ')})`] : [g.base]))));
    const rows = shown.map(s => h('tr', { class: Object.values(s.equilibrium).some(v => v !== 'none') ? 'is-eq' : null },
      h('th', { scope: 'row' }, String(s.number) + (s.number === doc.start ? ' (start)' : '')), h('td', {}, h('code', {}, s.pattern || s.id || '')),
      ...kinds.map(k => h('td', { class: 'num' }, s.steps[k] === null || s.steps[k] === undefined ? '—' : String(s.steps[k]))),
      ...groups.map(g => {
        const kinds = g.names.map(c => s.equilibrium[c]);
        const cls = kinds.includes('strong') ? 'eq-strong' : kinds.includes('weak') ? 'eq-weak' : 'eq-none';
        return h('td', { class: 'eqmark ' + cls, title: g.names.map(c => `${c}: ${s.equilibrium[c] === 'none' ? 'not an equilibrium' : s.equilibrium[c] + ' equilibrium'}`).join('; ') }, kinds.map(k => EQ[k] || k).join(' '));
      })));
    box.replaceChildren(h('div', { class: 'wide-wrap' }, h('table', { class: 'statements-table strength-sq', 'aria-label': 'Status quo analysis under strength of preference' }, h('thead', {}, head), h('tbody', {}, ...rows))));
    note.textContent = `From state ${doc.start}: ${reached.length} of ${doc.states.length} states reached` + (reached.length > shown.length ? ` (the first ${shown.length} shown; all in the full report)` : '') + '. — : not reached by such moves.';
    $('evs-text').textContent = d.text;
    $('evs-details').hidden = false;
    if (scrollToStrength) $('ev-strength').scrollIntoView({ block: 'start' });
  } catch (e) {
    note.textContent = '';
    fail(box, e);
  } finally {
    delete note.dataset.busy;
    scrollToStrength = false;
  }
}

// scrollToStrength brings the status quo analysis under strength into
// view when it has been drawn (asked from the tableau).
let scrollToStrength = false;

// strengthFrom shows the status quo analysis under strength from a
// state (from an explanation in the tableau).
export function strengthFrom(state) {
  $('ev-from').value = String(state);
  evSVG = '';
  $('evs-table').replaceChildren();
  scrollToStrength = true;
  const tab = $('tab-evolution');
  if (tab.getAttribute('aria-selected') !== 'true') tab.click(); else { evolve(); strengthSQ(); }
}

function svgToPNG(svg, name) {
  const img = new Image();
  img.onload = () => {
    const scale = 2;
    const c = document.createElement('canvas');
    c.width = img.naturalWidth * scale; c.height = img.naturalHeight * scale;
    const g = c.getContext('2d');
    g.fillStyle = '#fff'; g.fillRect(0, 0, c.width, c.height);
    g.scale(scale, scale);
    g.drawImage(img, 0, 0);
    c.toBlob(b => api.saveBlob(b, name), 'image/png');
  };
  img.src = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
}

async function graph() {
  const box = $('graph');
  try {
    const g = await api.post('/api/graph', { ...ctx.input(), dm: $('g-dm').value || undefined });
    const onlyUI = $('g-ui').checked;
    const first = ctx.state.analysis.concepts[0];
    // A node shows the state's number, its id in graph form, and its
    // options (Y/N) when it has any.
    const label = n => [n.id ? `${n.number} ${n.id}` : String(n.number), n.pattern].filter(Boolean).join('\n');
    // Where the states have options, each sits on a grid: the first half
    // of the DMs' options across, the rest down (binary order), so that a
    // DM's moves run along a row or a column; arcs that pass states curve
    // around them, more the further they go.
    const pos = gridPositions(g.nodes);
    const els = g.nodes.map(n => ({ data: { id: 's' + n.number, label: label(n), eq: n.equilibrium.includes(first) ? 1 : 0, sq: n.status_quo ? 1 : 0 }, position: pos ? pos.get(n.number) : undefined }));
    g.edges.forEach((e, i) => {
      if (onlyUI && !e.improvement) return;
      let cpd = 0;
      if (pos) {
        const a = pos.get(e.from), b = pos.get(e.to);
        const span = Math.max(Math.abs(a.x - b.x) / GRID_X, Math.abs(a.y - b.y) / GRID_Y);
        cpd = 16 + 34 * (Math.round(span) - 1);
      }
      els.push({ data: { id: 'e' + i, source: 's' + e.from, target: 's' + e.to, label: e.dm, ui: e.improvement ? 1 : 0, cpd } });
    });
    if (cy) cy.destroy();
    box.replaceChildren();
    cy = window.cytoscape({
      container: box, elements: els, wheelSensitivity: 0.3, maxZoom: 2.5,
      style: [
        { selector: 'node', style: { label: 'data(label)', 'text-wrap': 'wrap', 'text-valign': 'center', 'font-size': 10, 'background-color': '#f1f5f9', 'border-width': 1, 'border-color': '#64748b', shape: 'round-rectangle', width: 'label', height: 'label', padding: 6 } },
        // Marks that survive grey print and colour blindness: an
        // equilibrium has a thick border, the status quo a double one.
        { selector: 'node[eq = 1]', style: { 'background-color': '#dcfce7', 'border-color': '#15803d', 'border-width': 3 } },
        { selector: 'node[sq = 1]', style: { 'background-color': '#dbeafe', 'border-color': '#1d4ed8', 'border-width': 5, 'border-style': 'double' } },
        { selector: 'node[sq = 1][eq = 1]', style: { 'border-color': '#15803d', 'border-width': 7 } },
        // Edge labels sit on a white ground along their edge, and the two
        // arcs between a pair of states curve apart, so that labels of
        // neighbouring edges do not print over each other.
        { selector: 'edge', style: { 'curve-style': pos ? 'unbundled-bezier' : 'bezier', 'control-point-distances': pos ? 'data(cpd)' : undefined, 'control-point-weights': pos ? 0.5 : undefined, 'control-point-step-size': 36, 'target-arrow-shape': 'triangle', width: 1, 'line-color': '#94a3b8', 'target-arrow-color': '#94a3b8', label: 'data(label)', 'font-size': 9, color: '#334155', 'text-rotation': 'autorotate', 'text-background-color': '#ffffff', 'text-background-opacity': 0.9, 'text-background-padding': 1, 'text-background-shape': 'roundrectangle' } },
        { selector: 'edge[ui = 1]', style: { width: 2.5, 'line-color': '#dc2626', 'target-arrow-color': '#dc2626' } },
        { selector: 'node.w-focal', style: { 'border-color': '#ea580c', 'border-width': 4 } },
        { selector: 'edge.w-ui', style: { width: 4, 'line-color': '#ea580c', 'target-arrow-color': '#ea580c', 'z-index': 10 } },
        { selector: 'edge.w-sanction', style: { width: 4, 'line-style': 'dashed', 'line-color': '#7c3aed', 'target-arrow-color': '#7c3aed', 'z-index': 10 } },
      ].map(r => ({ ...r, style: Object.fromEntries(Object.entries(r.style).filter(([, v]) => v !== undefined)) })),
      layout: pos ? { name: 'preset', padding: 24 } : { name: 'grid', padding: 20 },
    });
    // States without options: a small graph is laid out by forces from a
    // grid (deterministic: no random start), a large one in layers
    // (dagre), which scales.
    window.gmcrGraph = cy; // for the browser tests
    window.gmcrGraphSVG = graphSVG;
    if (!pos && g.nodes.length <= 40) {
      cy.layout({ name: 'cose', randomize: false, animate: false, nodeRepulsion: () => 60000, idealEdgeLength: () => 130, nodeOverlap: 40, gravity: 40, padding: 24, numIter: 2000 }).run();
    } else if (!pos) {
      cy.layout({ name: window.cytoscapeDagre ? 'dagre' : 'breadthfirst', rankDir: 'LR', nodeSep: 40, edgeSep: 24, rankSep: 110 }).run();
    }
    graphDrawn = { concept: first, dm: $('g-dm').value, onlyUI };
    $('g-note').textContent = `${g.nodes.length} states, ${els.length - g.nodes.length} moves; improvements bold red; equilibria (${first}) green with a thick border; status quo blue with a double border.`;
    applyWitness();
  } catch (e) {
    fail(box, e);
  }
}

const GRID_X = 170, GRID_Y = 120;

// gridPositions places states with options on a grid: the DMs are split
// in two groups of about as many options each; the options of one group
// give the column, of the other the row (read as binary numbers, the
// values that occur numbered in order). null when the states have no
// options.
function gridPositions(nodes) {
  if (!summary || !nodes.length || !nodes[0].pattern) return null;
  const sides = [[], []];
  const width = [0, 0];
  for (const d of [...summary.dms].sort((a, b) => b.options.length - a.options.length)) {
    const k = width[0] <= width[1] ? 0 : 1;
    sides[k].push(...d.options.map(o => o.bit));
    width[k] += d.options.length;
  }
  const value = (pat, bits) => bits.reduce((v, b, k) => v + (pat[b] === 'Y' ? 2 ** k : 0), 0);
  const rank = bits => {
    const vals = [...new Set(nodes.map(n => value(n.pattern, bits)))].sort((a, b) => a - b);
    return new Map(vals.map((v, k) => [v, k]));
  };
  const across = sides[0].sort((a, b) => a - b), down = sides[1].sort((a, b) => a - b);
  const col = rank(across), row = rank(down);
  const pos = new Map();
  for (const n of nodes) pos.set(n.number, { x: GRID_X * col.get(value(n.pattern, across)), y: GRID_Y * row.get(value(n.pattern, down)) });
  return pos;
}

// A witness to draw on the graph: {state, ui: [[from, to, dm]], sanction:
// [[from, to, dm]]}, from an explanation document.
let witness = null;

// showWitness draws an explanation's moves on the moves graph: the
// focal state, the DM's unilateral improvements (orange) and the
// sanctioning sequences (purple, dashed).
export function showWitness(w) {
  witness = w;
  if (cy) applyWitness();
  const tab = $('tab-graph');
  if (tab.getAttribute('aria-selected') !== 'true') tab.click();
}

function applyWitness() {
  if (!cy || !witness) return;
  cy.elements().removeClass('w-focal w-ui w-sanction');
  cy.$id('s' + witness.state).addClass('w-focal');
  const mark = (list, cls) => {
    for (const [from, to, dm] of list) {
      cy.edges().filter(e => e.data('source') === 's' + from && e.data('target') === 's' + to && e.data('label') === dm).addClass(cls);
    }
  };
  mark(witness.ui, 'w-ui');
  mark(witness.sanction, 'w-sanction');
  $('g-note').textContent += ` Explanation of state ${witness.state}: its improvements orange, sanctions purple dashed.`;
}

// graphSVG draws the graph as laid out by Cytoscape as a standalone SVG
// for print: the model's title and what is drawn above the graph, a
// legend below it; the status quo has a double border and equilibria a
// thick one, so that neither relies on colour.
function graphSVG() {
  const bb = cy.elements().boundingBox();
  const esc = s => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  const d = graphDrawn || { concept: '', dm: '', onlyUI: false };
  const head = [
    [summary && summary.title ? summary.title : 'Untitled conflict', 16, 'bold'],
    [`Moves graph${d.dm ? ` of ${d.dm}` : ' of every DM'}: ${cy.nodes().length} states, ${cy.edges().length} ${d.onlyUI ? 'unilateral improvements' : 'unilateral moves'}`, 12, 'normal'],
  ];
  const legend = [
    ['sq', 'status quo (double border)'],
    ['eq', `equilibrium under ${d.concept} (thick border)`],
    ['st', 'state: its number and options (Y = taken, N = not taken)'],
    ['ui', 'unilateral improvement of the DM named on the arrow (bold)'],
    ['mv', 'other unilateral move (thin)'],
  ].filter(([k]) => (k !== 'sq' || cy.nodes('[sq = 1]').length) && (k !== 'eq' || cy.nodes('[eq = 1]').length) && (k !== 'mv' || !d.onlyUI));
  const pad = 16, headH = 10 + head.length * 20, legendH = 12 + legend.length * 20;
  // At least as wide as the text (0.6 em a character, a wide sans-serif).
  const textW = Math.max(...head.map(([t, size]) => t.length * size * 0.6), ...legend.map(([, t]) => 40 + t.length * 11 * 0.6));
  const w = Math.ceil(Math.max(bb.w + 2 * pad, textW + 2 * pad)), hgt = Math.ceil(headH + bb.h + 2 * pad + legendH);
  const x0 = bb.x1 - pad - (w - bb.w - 2 * pad) / 2, y0 = bb.y1 - pad - headH;
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${hgt}" viewBox="${x0} ${y0} ${w} ${hgt}" font-family="Helvetica, Arial, sans-serif">`,
    `<title>${esc(head[0][0])}: moves graph</title>`,
    `<rect x="${x0}" y="${y0}" width="${w}" height="${hgt}" fill="#fff"/>`,
    '<defs><marker id="a" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" markerWidth="8" markerHeight="8" orient="auto"><path d="M0,0L10,5L0,10z" fill="context-stroke"/></marker></defs>'];
  head.forEach(([t, size, weight], i) => out.push(`<text x="${x0 + pad}" y="${y0 + 22 + 20 * i}" font-size="${size}" font-weight="${weight}">${esc(t)}</text>`));
  // A box: sq, the status quo, has a double border; eq, an equilibrium,
  // a thick dark one (both for a status quo that is an equilibrium).
  const nodeBox = (x, y, wd, ht, sq, eq) => {
    const fill = sq ? '#dbeafe' : eq ? '#dcfce7' : '#f1f5f9';
    const stroke = eq ? '#14532d' : sq ? '#1e3a8a' : '#64748b';
    const rect = (dx, sw) => `<rect x="${x + dx}" y="${y + dx}" width="${wd - 2 * dx}" height="${ht - 2 * dx}" rx="4" fill="${fill}" stroke="${stroke}" stroke-width="${sw}"/>`;
    if (sq) return rect(0, eq ? 3 : 1.2) + rect(eq ? 4 : 3, 1.2);
    return rect(0, eq ? 3 : 1);
  };
  const labels = []; // the arrows' labels, drawn over the boxes
  cy.edges().forEach(e => {
    const s = e.sourceEndpoint(), t = e.targetEndpoint();
    const ui = e.data('ui');
    // The curve Cytoscape drew (a quadratic Bézier through its control
    // point), so that two arcs between the same states stay apart.
    const cp = e.controlPoints && e.controlPoints();
    const path = cp && cp.length ? `M${s.x},${s.y} Q${cp[0].x},${cp[0].y} ${t.x},${t.y}` : `M${s.x},${s.y} L${t.x},${t.y}`;
    const m = e.midpoint();
    out.push(`<path d="${path}" fill="none" stroke="${ui ? '#dc2626' : '#94a3b8'}" stroke-width="${ui ? 2.5 : 1}" marker-end="url(#a)"/>`);
    labels.push(`<text x="${m.x}" y="${m.y + 3}" font-size="9" fill="#334155" text-anchor="middle" stroke="#fff" stroke-width="3" paint-order="stroke">${esc(e.data('label'))}</text>`);
  });
  cy.nodes().forEach(n => {
    const p = n.position(), wd = n.width() + 12, ht = n.height() + 12;
    out.push(nodeBox(p.x - wd / 2, p.y - ht / 2, wd, ht, n.data('sq') === 1, n.data('eq') === 1));
    const [a, b] = n.data('label').split('\n');
    out.push(b === undefined ? `<text x="${p.x}" y="${p.y + 4}" font-size="10" text-anchor="middle">${esc(a)}</text>` :
      `<text x="${p.x}" y="${p.y - 2}" font-size="10" text-anchor="middle">${esc(a)}</text><text x="${p.x}" y="${p.y + 10}" font-size="10" text-anchor="middle">${esc(b)}</text>`);
  });
  out.push(...labels);
  const ly = bb.y2 + pad + 8;
  legend.forEach(([k, t], i) => {
    const y = ly + 20 * i, x = x0 + pad;
    if (k === 'ui' || k === 'mv') out.push(`<path d="M${x},${y + 7} L${x + 28},${y + 7}" stroke="${k === 'ui' ? '#dc2626' : '#94a3b8'}" stroke-width="${k === 'ui' ? 2.5 : 1}" marker-end="url(#a)"/>`);
    else out.push(nodeBox(x, y, 28, 14, k === 'sq', k === 'eq'));
    out.push(`<text x="${x + 36}" y="${y + 11}" font-size="11">${esc(t)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n');
}

// showRanking opens the ranking view at a state (a tableau row's number).
export function showRanking(stateNum) {
  $('r-state').value = String(stateNum);
  const tab = $('tab-ranking');
  if (tab.getAttribute('aria-selected') !== 'true') tab.click();
  ranking();
}

async function ranking() {
  const box = $('ranking');
  const dm = $('r-dm').value;
  if (!dm) return;
  const st = $('r-state').value.trim();
  try {
    const r = await api.post('/api/ranking', { ...ctx.input(), dm, state: st || undefined, limit: 30 });
    const parts = [];
    if (r.state) {
      const name = [r.state.id, r.state.pattern].filter(Boolean).join(' ');
      parts.push(h('h3', {}, `State ${r.state.number}${name ? ` (${name})` : ''} for ${r.dm}: rank ${r.state.rank} of ${r.levels}, score ${r.state.score}`));
      if (r.direct) parts.push(h('p', { class: 'hint' }, `${r.dm} is given by a direct ranking.`));
      else parts.push(h('table', { class: 'statements-table', 'aria-label': 'Statements at the state' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, '#'), h('th', { scope: 'col' }, 'Statement'), h('th', { scope: 'col' }, 'Holds'))),
        h('tbody', {}, ...r.state.statements.map((s, i) => h('tr', { class: s.holds ? 'y' : 'n' }, h('td', {}, String(i + 1)), h('td', {}, h('code', {}, s.text)), h('td', {}, s.holds ? 'yes' : 'no'))))));
    } else {
      parts.push(h('p', { class: 'hint' }, 'Give a state to see which of the DM\'s statements hold there and its score.'));
    }
    const graphIds = r.top.some(s => s.id);
    parts.push(h('h3', {}, `${r.dm}'s most preferred states`));
    parts.push(h('table', { class: 'statements-table', 'aria-label': 'Ranking' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Rank'), h('th', { scope: 'col' }, 'State'), graphIds ? h('th', { scope: 'col' }, 'Id') : null, h('th', { scope: 'col' }, 'Pattern'), h('th', { scope: 'col' }, 'Score'))),
      h('tbody', {}, ...r.top.map(s => h('tr', {}, h('td', {}, String(s.rank)), h('td', {}, String(s.number)), graphIds ? h('td', {}, s.id) : null, h('td', {}, h('code', {}, s.pattern)), h('td', {}, String(s.score)))))));
    box.replaceChildren(...parts);
  } catch (e) {
    fail(box, e);
  }
}

// compare shows the scenarios side by side: per concept, the number of
// equilibria and how many appear (+) and disappear (−) against the base
// model, above gmcr compare's full text with the reasons.
async function compare() {
  const pre = $('compare-text');
  const box = $('compare-table');
  pre.textContent = 'Comparing…';
  box.replaceChildren();
  try {
    const d = await api.post('/api/compare', { ...ctx.input(), scenario: undefined });
    const doc = d.document;
    const concepts = doc.concepts.map(c => (typeof c === 'string' ? c : c.name));
    const head = h('tr', {}, h('th', { scope: 'col' }, 'Scenario'), h('th', { scope: 'col' }, 'States'), ...concepts.map(c => h('th', { scope: 'col' }, c)));
    const base = h('tr', {}, h('th', { scope: 'row' }, 'base model'), h('td', {}, String(doc.base.state_count)),
      ...concepts.map(c => h('td', {}, String((doc.base.equilibria[c] || []).length))));
    // A scenario that could not be analysed has an error instead of its
    // analysis: one cell across the row says so.
    const rows = doc.scenarios.map(sc => sc.error ? h('tr', {}, h('th', { scope: 'row', title: sc.note || '' }, sc.name ? `${sc.id}: ${sc.name}` : sc.id),
      h('td', { class: 'failed', colspan: String(concepts.length + 1), title: sc.error }, 'could not be analysed: ' + sc.error)) :
      h('tr', {}, h('th', { scope: 'row', title: sc.note || '' }, sc.name ? `${sc.id}: ${sc.name}` : sc.id), h('td', {}, String(sc.state_count)),
      ...concepts.map(c => {
        const x = sc.concepts[c] || { equilibria: [], appeared: [], disappeared: [] };
        const plus = (x.appeared || []).length, minus = (x.disappeared || []).length;
        return h('td', { class: plus || minus ? 'changed' : null, title: `${plus} appear, ${minus} disappear` }, String(x.equilibria.length) + (plus ? ` +${plus}` : '') + (minus ? ` −${minus}` : ''));
      })));
    box.append(h('p', { class: 'hint' }, 'Equilibria per concept; +n appear and −n disappear against the base model (states matched by the options taken). The reasons are in the report below.'),
      h('table', { class: 'statements-table', 'aria-label': 'Scenarios side by side' }, h('thead', {}, head), h('tbody', {}, base, ...rows)));
    pre.textContent = d.text;
  } catch (e) {
    pre.textContent = e.message;
  }
}

// coalitions shows which equilibria each coalition can upset, as a table
// of states by coalitions, above gmcr coalition's full text.
async function coalitions() {
  const pre = $('coalition-text');
  const box = $('coalition-table');
  pre.textContent = 'Analysing coalitions…';
  box.replaceChildren();
  try {
    const d = await api.post('/api/coalition', ctx.input());
    const doc = d.document;
    const names = doc.coalitions.map(c => c.join('+'));
    const head = h('tr', {}, h('th', { scope: 'col' }, 'States'), h('th', { scope: 'col' }, 'Equilibrium of'),
      ...names.map(n => h('th', { scope: 'col' }, n)));
    // doc.upsets groups the equilibria that the same coalitions upset
    // under the same concepts: one row per group.
    const rows = (doc.upsets || []).map(g => {
      const by = {};
      for (const u of g.upset_by || []) {
        by[u.coalition.join('+')] = u.concepts;
      }
      const shown = g.states.slice(0, 6).join(', ') + (g.states.length > 6 ? ` … (${g.states.length})` : '');
      const which = g.states.length === 1 ? `state ${g.states[0]}` : `these ${g.states.length} states`;
      return h('tr', {}, h('th', { scope: 'row', class: 'states-cell', title: g.states.join(', ') }, shown), h('td', {}, g.equilibrium.join(' ')),
        ...names.map(n => h('td', { class: by[n] ? 'upset' : 'kept', title: by[n] ? `${n} can upset ${which} under ${by[n].join(', ')}` : `${n} cannot upset ${which}` }, by[n] ? by[n].join(' ') : '—')));
    });
    box.append(h('p', { class: 'hint' }, 'Each cell names the coalitional concepts under which the coalition can upset the equilibrium (move to a state every member prefers, without a sanction); — : it cannot.'),
      h('table', { class: 'statements-table coalitions', 'aria-label': 'Equilibria by coalitions' }, h('thead', {}, head), h('tbody', {}, ...rows)));
    pre.textContent = d.text;
  } catch (e) {
    pre.textContent = e.message;
  }
}
