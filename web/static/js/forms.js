// Forms over a model in the JSON model-file form (docs/model-format.md).
// Every input carries data-path, the JSON path of the value it edits, so
// that a problem the server locates in the JSON text (line and column) can
// be shown beside the field that holds it: serialize() writes the JSON and
// records which path each line belongs to.

// serialize writes obj as indented JSON; paths[line] (1-based) is the path
// ("a.0.b") of the value written on that line.
export function serialize(obj) {
  const lines = [];
  const paths = [null];
  const emit = (text, path) => { lines.push(text); paths.push(path); };
  const walk = (v, indent, path, prefix, comma) => {
    const pad = '  '.repeat(indent);
    const key = path.join('.');
    if (Array.isArray(v) || (v && typeof v === 'object')) {
      const arr = Array.isArray(v);
      const entries = arr ? v.map((x, i) => [i, x]) : Object.entries(v);
      if (entries.length === 0) { emit(pad + prefix + (arr ? '[]' : '{}') + comma, key); return; }
      emit(pad + prefix + (arr ? '[' : '{'), key);
      entries.forEach(([k, x], i) => {
        const p = arr ? '' : JSON.stringify(k) + ': ';
        walk(x, indent + 1, path.concat(String(k)), p, i < entries.length - 1 ? ',' : '');
      });
      emit(pad + (arr ? ']' : '}') + comma, key);
      return;
    }
    emit(pad + prefix + JSON.stringify(v === undefined ? null : v) + comma, key);
  };
  walk(obj, 0, [], '', '');
  return { text: lines.join('\n') + '\n', paths };
}

export function getAt(obj, path) {
  let v = obj;
  for (const k of path) { if (v == null) return undefined; v = v[k]; }
  return v;
}

export function setAt(obj, path, value) {
  let v = obj;
  for (let i = 0; i < path.length - 1; i++) {
    if (v[path[i]] == null) v[path[i]] = /^\d+$/.test(path[i + 1]) ? [] : {};
    v = v[path[i]];
  }
  v[path[path.length - 1]] = value;
}

// intOr reads a whole number, or keeps the text for the server to report.
const intOr = v => (/^\s*\d+\s*$/.test(v) ? Number(v) : v);

let uid = 0;
const el = (tag, attrs = {}, ...kids) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const k of kids.flat()) if (k != null) e.append(k);
  return e;
};

// Forms renders the forms of a model and reports every edit.
export class Forms {
  constructor(root, onChange) {
    this.root = root;
    this.onChange = onChange; // (obj, structural) => void
    this.obj = null;
  }

  // field makes a labelled input bound to path.
  field(label, path, opts = {}) {
    const id = 'f' + (++uid);
    const v = getAt(this.obj, path);
    const attrs = { id, 'data-path': path.join('.'), class: opts.class, placeholder: opts.placeholder, title: opts.title };
    let input;
    if (opts.select) {
      input = el('select', attrs, opts.select.map(o => el('option', { value: o, selected: (v ?? opts.select[0]) === o }, o || '—')));
    } else if (opts.multiline) {
      input = el('textarea', { ...attrs, rows: opts.rows || 2 });
      input.value = v ?? '';
    } else {
      input = el('input', { ...attrs, type: 'text', size: opts.size });
      input.value = v ?? '';
    }
    input.addEventListener(opts.select ? 'change' : 'input', () => {
      let val = input.value;
      if (opts.parse) {
        try { val = opts.parse(val); } catch { val = input.value; }
      }
      if (val === '' && opts.omitEmpty) {
        const parent = getAt(this.obj, path.slice(0, -1));
        if (parent) delete parent[path[path.length - 1]];
      } else if (opts.onValue) {
        opts.onValue(val);
      } else {
        setAt(this.obj, path, val);
      }
      this.onChange(this.obj, false);
    });
    return el('label', { class: 'field ' + (opts.wide ? 'wide' : ''), for: id }, el('span', {}, label), input);
  }

  structural(f) {
    return () => { f(); this.render(this.obj); this.onChange(this.obj, true); };
  }

  render(obj) {
    const focused = document.activeElement && this.root.contains(document.activeElement) ? document.activeElement.dataset.path || document.activeElement.id : null;
    this.obj = obj;
    this.root.replaceChildren();
    if (!obj) {
      this.root.append(el('p', { class: 'hint' }, 'The model does not load; fix the source to use the forms.'));
      return;
    }
    const graph = Array.isArray(obj.states);
    if (!Array.isArray(obj.decision_makers) || (!graph && !Array.isArray(obj.options))) {
      // Neither option form nor graph form: the source tab edits it.
      this.root.append(el('p', { class: 'hint' }, 'The forms edit models in option form (options and decision makers) or graph form (states and moves); edit this model in the Source tab.'));
      return;
    }
    try {
      if (graph) this.renderGraph(obj); else this.renderModel(obj);
    } catch (e) {
      this.root.replaceChildren(el('p', { class: 'hint' }, `The forms cannot show this model (${e.message}); edit it in the Source tab.`));
    }
    if (focused) {
      const again = this.root.querySelector(`[data-path="${CSS.escape(focused)}"]`) || document.getElementById(focused);
      if (again) again.focus();
    }
  }

  renderModel(obj) {
    const r = this.root;
    r.append(el('fieldset', { class: 'group' }, el('legend', {}, 'Conflict'),
      this.field('Title', ['title'], { wide: true }),
      this.field('Description', ['description'], { multiline: true, rows: 3, wide: true, omitEmpty: true })));
    (obj.decision_makers || []).forEach((dm, k) => r.append(this.dmForm(dm, k)));
    r.append(el('p', {}, el('button', { type: 'button', onclick: this.structural(() => this.addDM()) }, 'Add a decision maker')));
    r.append(this.feasibilityForm());
    r.append(this.statusQuoForm());
    r.append(this.sourcesForm());
    r.append(this.scenariosForm());
  }

  // ---- graph form (docs/model-format.md, Graph form): the states listed,
  // each DM's moves as arcs between them, rankings by state id or
  // statements over the states' option values.

  stateIds() { return (this.obj.states || []).map(x => x.id); }

  // redrawOnChange redraws the forms when the field is left after an edit:
  // a renamed state or option appears in every list that offers it.
  redrawOnChange(label) {
    label.querySelector('input').addEventListener('change', () => this.render(this.obj));
    return label;
  }

  renderGraph(obj) {
    const r = this.root;
    r.append(el('p', { class: 'hint' }, 'A model in graph form: its states are listed and each decision maker\'s moves are arcs between them.'));
    r.append(el('fieldset', { class: 'group' }, el('legend', {}, 'Conflict'),
      this.field('Title', ['title'], { wide: true }),
      this.field('Description', ['description'], { multiline: true, rows: 3, wide: true, omitEmpty: true })));
    if (Array.isArray(obj.options)) r.append(this.graphOptionsForm());
    r.append(this.statesForm());
    (obj.decision_makers || []).forEach((dm, k) => r.append(this.graphDMForm(dm, k)));
    r.append(el('p', {}, el('button', { type: 'button', onclick: this.structural(() => this.addGraphDM()) }, 'Add a decision maker')));
    r.append(this.graphStatusQuoForm());
    r.append(this.sourcesForm());
    if ((obj.scenarios || []).length) {
      r.append(el('fieldset', { class: 'group' }, el('legend', {}, 'What-if scenarios'),
        el('p', { class: 'hint' }, `This model has ${obj.scenarios.length} scenario${obj.scenarios.length === 1 ? '' : 's'} (they may change preferences only): edit them in the Source tab, analyse and compare them in the Scenarios view.`)));
    }
  }

  // graphOptionsForm edits the options the states' "taken" lists refer to.
  graphOptionsForm() {
    const box = el('fieldset', { class: 'group' }, el('legend', {}, 'Options (the states\' option values)'));
    (this.obj.options || []).forEach((o, j) => {
      box.append(el('div', { class: 'row option' },
        this.redrawOnChange(this.field('Id', ['options', String(j), 'id'], { size: 10, onValue: v => this.renameGraphOption(j, v) })),
        this.field('Name', ['options', String(j), 'name'], { wide: true, omitEmpty: true }),
        this.field('Note', ['options', String(j), 'note'], { omitEmpty: true })));
    });
    return box;
  }

  renameGraphOption(j, v) {
    const old = this.obj.options[j].id;
    this.obj.options[j].id = v;
    for (const st of this.obj.states || []) if (Array.isArray(st.taken)) st.taken = st.taken.map(x => (x === old ? v : x));
    for (const dm of this.obj.decision_makers || []) if (Array.isArray(dm.options)) dm.options = dm.options.map(x => (x === old ? v : x));
  }

  statesForm() {
    const box = el('fieldset', { class: 'group states' }, el('legend', {}, 'States (numbered 1, 2, … in this order)'));
    const withOptions = Array.isArray(this.obj.options);
    const list = el('ol', { class: 'statements graphlist', 'aria-label': 'States' });
    this.obj.states.forEach((st, i) => {
      const base = ['states', String(i)];
      list.append(el('li', { 'data-path': base.join('.') },
        this.redrawOnChange(this.field(`State ${i + 1} id`, base.concat('id'), { size: 10, onValue: v => this.renameState(i, v) })),
        this.field('Name', base.concat('name'), { omitEmpty: true }),
        withOptions ? this.optionalIds('Options taken', base.concat('taken')) : null,
        this.field('Note', base.concat('note'), { omitEmpty: true }),
        el('button', { type: 'button', class: 'danger', 'aria-label': `Remove state ${st.id}`, onclick: this.structural(() => this.removeState(i)) }, '×')));
    });
    box.append(list, el('button', { type: 'button', onclick: this.structural(() => this.addState()) }, 'Add a state'));
    return box;
  }

  // forEachStateRef calls f(value, set) for every place a state id is
  // written: moves, rankings, unknown groups and the status quo.
  forEachStateRef(f) {
    for (const dm of this.obj.decision_makers || []) {
      (dm.moves || []).forEach((m, i) => {
        if (Array.isArray(m)) { m.forEach((x, k) => f(x, v => { m[k] = v; })); return; }
        f(m.from, v => { m.from = v; });
        if (Array.isArray(m.to)) m.to.forEach((x, k) => f(x, v => { m.to[k] = v; }));
        else f(m.to, v => { m.to = v; });
      });
      const p = dm.preferences || {};
      (p.ranking || []).forEach((g, k) => {
        if (Array.isArray(g)) g.forEach((x, q) => f(x, v => { g[q] = v; }));
        else f(g, v => { p.ranking[k] = v; });
      });
      (p.unknown || []).forEach(g => {
        const ids = Array.isArray(g) ? g : g.states || [];
        ids.forEach((x, q) => f(x, v => { ids[q] = v; }));
      });
    }
    const sq = this.obj.status_quo;
    if (typeof sq === 'string') f(sq, v => { this.obj.status_quo = v; });
    else if (sq && typeof sq === 'object' && 'state' in sq) f(sq.state, v => { sq.state = v; });
  }

  renameState(i, v) {
    const old = this.obj.states[i].id;
    this.obj.states[i].id = v;
    this.forEachStateRef((x, set) => { if (x === old) set(v); });
  }

  addState() {
    const id = this.freshId('state', new Set(this.stateIds()));
    this.obj.states.push({ id });
    // Every ranking must place every state: the new one comes last.
    for (const dm of this.obj.decision_makers || []) {
      const p = dm.preferences;
      if (p && Array.isArray(p.ranking)) p.ranking.push(id);
    }
  }

  removeState(i) {
    const id = this.obj.states[i].id;
    this.obj.states.splice(i, 1);
    for (const dm of this.obj.decision_makers || []) {
      if (dm.moves) {
        dm.moves = dm.moves.filter(m => {
          if (Array.isArray(m)) return !m.includes(id);
          if (m.from === id) return false;
          if (Array.isArray(m.to)) { m.to = m.to.filter(x => x !== id); return m.to.length > 0; }
          return m.to !== id;
        });
        if (!dm.moves.length) delete dm.moves;
      }
      const p = dm.preferences;
      if (p && Array.isArray(p.ranking)) {
        p.ranking = p.ranking.map(g => (Array.isArray(g) ? g.filter(x => x !== id) : g)).filter(g => (Array.isArray(g) ? g.length > 0 : g !== id));
      }
    }
    const sq = this.obj.status_quo;
    if (sq === id || (sq && sq.state === id)) delete this.obj.status_quo;
  }

  graphDMForm(dm, k) {
    const base = ['decision_makers', String(k)];
    const fs = el('fieldset', { class: 'group dm', 'data-path': base.join('.') },
      el('legend', {}, `Decision maker ${k + 1}: ${dm.id || ''}`),
      el('div', { class: 'row' },
        this.field('Id', base.concat('id'), { size: 8, onValue: v => this.renameDM(k, v) }),
        this.field('Name', base.concat('name'), { wide: true, omitEmpty: true }),
        this.field('Note', base.concat('note'), { wide: true, omitEmpty: true }),
        el('button', { type: 'button', class: 'danger', 'aria-label': `Remove decision maker ${dm.id}`, onclick: this.structural(() => this.obj.decision_makers.splice(k, 1)) }, 'Remove')));
    if (Array.isArray(this.obj.options)) fs.append(el('div', { class: 'row' }, this.optionalIds('Options it controls (ids)', base.concat('options'))));
    fs.append(this.movesForm(dm, k));
    const p = dm.preferences || {};
    fs.append(p.statements ? this.preferencesForm(dm, k) : this.rankingForm(dm, k));
    return fs;
  }

  // movesForm edits a DM's arcs: from one state to one or more states.
  movesForm(dm, k) {
    const base = ['decision_makers', String(k), 'moves'];
    const ids = this.stateIds();
    const box = el('div', { class: 'moves', 'data-path': base.join('.') }, el('h4', {}, `Moves of ${dm.id} (arcs between states)`));
    const list = el('ul', { class: 'statements graphlist', 'aria-label': `Moves of ${dm.id}` });
    (dm.moves || []).forEach((m, i) => {
      const ip = base.concat(String(i));
      // The short form [from, to] becomes a mapping when edited.
      const norm = () => {
        const cur = getAt(this.obj, ip);
        if (Array.isArray(cur)) { const o = { from: cur[0], to: cur[1] }; setAt(this.obj, ip, o); return o; }
        return cur;
      };
      const from = Array.isArray(m) ? m[0] : m.from;
      const to = Array.isArray(m) ? m[1] : m.to;
      const fid = 'f' + (++uid);
      const sel = el('select', { id: fid, 'data-path': ip.concat('from').join('.') }, ids.map(x => el('option', { value: x, selected: x === from }, x)));
      sel.addEventListener('change', () => { norm().from = sel.value; this.onChange(this.obj, false); });
      const tid = 'f' + (++uid);
      const toIn = el('input', { id: tid, type: 'text', size: 14, 'data-path': ip.concat('to').join('.'), placeholder: 'state id(s)', title: 'one state id, or several separated by commas' });
      toIn.value = [].concat(to ?? []).join(', ');
      toIn.addEventListener('input', () => {
        const v = toIn.value.split(/[\s,]+/).filter(Boolean);
        norm().to = v.length === 1 ? v[0] : v;
        this.onChange(this.obj, false);
      });
      const note = Array.isArray(m) ? null : this.field('Note', ip.concat('note'), { omitEmpty: true });
      list.append(el('li', { 'data-path': ip.join('.') },
        el('label', { class: 'field', for: fid }, el('span', {}, `Move ${i + 1} from`), sel),
        el('label', { class: 'field', for: tid }, el('span', {}, 'to'), toIn), note,
        el('button', { type: 'button', class: 'danger', 'aria-label': `Remove move ${i + 1} of ${dm.id}`, onclick: this.structural(() => { dm.moves.splice(i, 1); if (!dm.moves.length) delete dm.moves; }) }, '×')));
    });
    box.append(list, el('button', { type: 'button', 'data-add': base.join('.'), onclick: this.structural(() => {
      dm.moves = (dm.moves || []).concat([{ from: ids[0] ?? '', to: ids[1] ?? ids[0] ?? '' }]);
    }) }, `Add a move of ${dm.id}`));
    return box;
  }

  // rankingForm edits a DM's ranking of the states, best first; a rank
  // may hold several state ids (a tie).
  rankingForm(dm, k) {
    const base = ['decision_makers', String(k), 'preferences', 'ranking'];
    if (!getAt(this.obj, base)) setAt(this.obj, base, []);
    const ranking = getAt(this.obj, base);
    const graph = Array.isArray(this.obj.states);
    const box = el('div', { class: 'prefs', 'data-path': base.join('.') }, el('h4', {}, `${dm.id}'s ranking of the states (best first; ties: several ${graph ? 'ids' : 'state numbers'} in one rank; ≫ adds a cut: the ranks above it strongly preferred to those below)`));
    const list = el('ol', { class: 'statements', 'aria-label': `Ranking of ${dm.id}` });
    // A ">>" entry (or {cut: ">>", note, source}) between two ranks is a
    // cut: strength of preference (docs/model-format.md).
    const isCut = g => g === '>>' || (g && typeof g === 'object' && !Array.isArray(g) && 'cut' in g);
    let rank = 0;
    ranking.forEach((g, i) => {
      const ip = base.concat(String(i));
      const move = to => this.structural(() => { const [x] = ranking.splice(i, 1); ranking.splice(to, 0, x); });
      if (isCut(g)) {
        const note = typeof g === 'object' ? this.field('Note', ip.concat('note'), { omitEmpty: true }) : null;
        list.append(el('li', { class: 'cut', 'data-path': ip.join('.'), title: 'a cut: every state above it is strongly preferred to every state below' },
          el('span', { class: 'cutmark' }, '≫ cut: ranks above strongly preferred'), note,
          el('button', { type: 'button', 'aria-label': `Move the cut below rank ${rank} of ${dm.id} up`, disabled: i === 0, onclick: move(i - 1) }, '↑'),
          el('button', { type: 'button', 'aria-label': `Move the cut below rank ${rank} of ${dm.id} down`, disabled: i === ranking.length - 1, onclick: move(i + 1) }, '↓'),
          el('button', { type: 'button', class: 'danger', 'aria-label': `Remove the cut below rank ${rank} of ${dm.id}`, onclick: this.structural(() => ranking.splice(i, 1)) }, '×')));
        return;
      }
      rank++;
      const r = rank;
      const fid = 'f' + (++uid);
      const input = el('input', { id: fid, type: 'text', size: 16, 'data-path': ip.join('.') });
      input.value = [].concat(g).join(', ');
      input.addEventListener('input', () => {
        const v = input.value.split(/[\s,]+/).filter(Boolean).map(x => (/^\d+$/.test(x) ? Number(x) : x));
        ranking[i] = v.length === 1 ? v[0] : v;
        this.onChange(this.obj, false);
      });
      const canCut = i < ranking.length - 1 && !isCut(ranking[i + 1]);
      list.append(el('li', { 'data-path': ip.join('.') }, el('label', { class: 'field wide', for: fid }, el('span', {}, `Rank ${r}`), input),
        el('button', { type: 'button', 'aria-label': `Move rank ${r} of ${dm.id} up`, disabled: i === 0, onclick: move(i - 1) }, '↑'),
        el('button', { type: 'button', 'aria-label': `Move rank ${r} of ${dm.id} down`, disabled: i === ranking.length - 1, onclick: move(i + 1) }, '↓'),
        el('button', { type: 'button', 'aria-label': `Add a strong-preference cut below rank ${r} of ${dm.id}`, title: 'strength of preference: the states above are strongly preferred to those below', disabled: !canCut, onclick: this.structural(() => ranking.splice(i + 1, 0, '>>')) }, '≫'),
        el('button', { type: 'button', class: 'danger', 'aria-label': `Remove rank ${r} of ${dm.id}`, onclick: this.structural(() => ranking.splice(i, 1)) }, '×')));
    });
    const ranked = new Set(ranking.filter(g => !isCut(g)).flat().map(String));
    const missing = this.stateIds().filter(x => !ranked.has(x));
    box.append(list);
    if (!graph) {
      box.append(el('button', { type: 'button', 'data-add': base.join('.'), onclick: this.structural(() => ranking.push('')) }, `Add a rank to ${dm.id}'s ranking`));
    }
    if (missing.length) {
      box.append(el('p', { class: 'row' }, el('span', { class: 'hint' }, `Not ranked yet: ${missing.join(', ')}`),
        el('button', { type: 'button', onclick: this.structural(() => ranking.push(...missing)) }, 'Rank them last')));
    }
    box.append(this.unknownForm(dm, k));
    return box;
  }

  addGraphDM() {
    const o = this.obj;
    const id = this.freshId('DM', new Set(o.decision_makers.map(d => d.id)));
    o.decision_makers.push({ id, preferences: { ranking: this.stateIds() } });
  }

  graphStatusQuoForm() {
    const box = el('fieldset', { class: 'group' }, el('legend', {}, 'Status quo'));
    const sq = this.obj.status_quo;
    const cur = typeof sq === 'string' ? sq : sq && sq.state;
    const sel = el('select', { id: 'gsq', 'data-path': 'status_quo' }, el('option', { value: '' }, '— no status quo —'), this.stateIds().map(x => el('option', { value: x, selected: x === cur }, x)));
    sel.addEventListener('change', this.structural(() => {
      if (!sel.value) delete this.obj.status_quo;
      else if (sq && typeof sq === 'object') this.obj.status_quo = { ...sq, state: sel.value };
      else this.obj.status_quo = sel.value;
    }));
    box.append(el('label', { class: 'field', for: 'gsq' }, el('span', {}, 'The state the conflict is in now'), sel));
    return box;
  }

  optionIndex(id) { return (this.obj.options || []).findIndex(o => o.id === id); }

  dmForm(dm, k) {
    const base = ['decision_makers', String(k)];
    const fs = el('fieldset', { class: 'group dm', 'data-path': base.join('.') },
      el('legend', {}, `Decision maker ${k + 1}: ${dm.id || ''}`),
      el('div', { class: 'row' },
        this.field('Id', base.concat('id'), { size: 8, onValue: v => this.renameDM(k, v) }),
        this.field('Name', base.concat('name'), { wide: true, omitEmpty: true }),
        this.field('Concept (mixed analysis)', base.concat('concept'), { select: ['', 'Nash', 'GMR', 'SMR', 'SEQ', 'SIM'], omitEmpty: true }),
        this.field('Note', base.concat('note'), { wide: true, omitEmpty: true }),
        this.field('Source', base.concat('source'), { size: 10, omitEmpty: true }),
        el('button', { type: 'button', class: 'danger', 'aria-label': `Remove decision maker ${dm.id}`, onclick: this.structural(() => this.removeDM(k)) }, 'Remove')));
    const opts = el('div', { class: 'options' }, el('h4', {}, 'Options'));
    (dm.options || []).forEach((id, i) => {
      const j = this.optionIndex(id);
      const ob = ['options', String(j)];
      if (j < 0) {
        opts.append(el('p', { class: 'row', 'data-path': base.concat('options', String(i)).join('.') }, `Option "${id}" is not defined under options.`));
        return;
      }
      opts.append(el('div', { class: 'row option' },
        this.field('Id', ob.concat('id'), { size: 10, onValue: v => this.renameOption(k, i, j, v) }),
        this.field('Name', ob.concat('name'), { wide: true, omitEmpty: true }),
        this.field('Reversibility', ob.concat('reversibility'), { select: ['both', 'forward', 'backward'], onValue: v => { if (v === 'both') delete this.obj.options[j].reversibility; else this.obj.options[j].reversibility = v; } }),
        this.field('Note', ob.concat('note'), { omitEmpty: true }),
        this.field('Source', ob.concat('source'), { size: 8, omitEmpty: true }),
        el('button', { type: 'button', class: 'danger', 'aria-label': `Remove option ${id}`, onclick: this.structural(() => this.removeOption(k, i, j)) }, '×')));
    });
    opts.append(el('button', { type: 'button', onclick: this.structural(() => this.addOption(k)) }, 'Add an option'));
    fs.append(opts);
    fs.append(this.preferencesForm(dm, k));
    return fs;
  }

  preferencesForm(dm, k) {
    const base = ['decision_makers', String(k), 'preferences'];
    const prefs = dm.preferences || {};
    const box = el('div', { class: 'prefs' }, el('h4', {}, 'Preferences (most important first)'));
    if (prefs.ranking) {
      // A direct ranking of the state numbers: the rank list of graph
      // form, with its strong-preference cuts.
      box.append(this.rankingForm(dm, k));
      return box;
    }
    const list = el('ol', { class: 'statements', 'aria-label': `Preference statements of ${dm.id}` });
    const stmts = prefs.statements || [];
    stmts.forEach((s, i) => {
      const isObj = s && typeof s === 'object';
      const path = base.concat('statements', String(i), ...(isObj ? ['statement'] : []));
      const f = this.field(`Statement ${i + 1}`, path, { wide: true });
      const input = f.querySelector('input');
      input.setAttribute('aria-keyshortcuts', 'Alt+ArrowUp Alt+ArrowDown');
      input.title = 'Alt+Up / Alt+Down moves the statement';
      input.addEventListener('keydown', ev => {
        if (ev.altKey && (ev.key === 'ArrowUp' || ev.key === 'ArrowDown')) {
          ev.preventDefault();
          const to = ev.key === 'ArrowUp' ? i - 1 : i + 1;
          if (to >= 0 && to < stmts.length) {
            this.moveStatement(k, i, to);
            const again = this.root.querySelector(`[data-path="${CSS.escape(base.concat('statements', String(to), ...(isObj ? ['statement'] : [])).join('.'))}"]`);
            if (again) again.focus();
          }
        }
      });
      const li = el('li', { draggable: 'true', 'data-index': i, 'data-path': base.concat('statements', String(i)).join('.') },
        el('span', { class: 'grip', 'aria-hidden': 'true', title: 'Drag to reorder' }, '⠿'), f,
        isObj ? this.field('Note', base.concat('statements', String(i), 'note'), { omitEmpty: true }) : null,
        el('span', { class: 'stmt-marks' }, this.strongBox(k, i, s), this.unsureBox(k, i, s)),
        el('button', { type: 'button', 'aria-label': `Move statement ${i + 1} up`, disabled: i === 0, onclick: () => this.moveStatement(k, i, i - 1) }, '↑'),
        el('button', { type: 'button', 'aria-label': `Move statement ${i + 1} down`, disabled: i === stmts.length - 1, onclick: () => this.moveStatement(k, i, i + 1) }, '↓'),
        el('button', { type: 'button', class: 'danger', 'aria-label': `Remove statement ${i + 1}`, onclick: this.structural(() => stmts.splice(i, 1)) }, '×'));
      li.addEventListener('dragstart', ev => { ev.dataTransfer.setData('text/x-gmcr-statement', `${k}:${i}`); ev.dataTransfer.effectAllowed = 'move'; });
      li.addEventListener('dragover', ev => { if (ev.dataTransfer.types.includes('text/x-gmcr-statement')) { ev.preventDefault(); li.classList.add('drop-target'); } });
      li.addEventListener('dragleave', () => li.classList.remove('drop-target'));
      li.addEventListener('drop', ev => {
        ev.preventDefault();
        li.classList.remove('drop-target');
        const [dk, di] = ev.dataTransfer.getData('text/x-gmcr-statement').split(':').map(Number);
        if (dk === k && di !== i) this.moveStatement(k, di, i);
      });
      list.append(li);
    });
    box.append(list, el('button', { type: 'button', onclick: this.structural(() => {
      setAt(this.obj, base.concat('statements'), stmts.concat(['']));
    }) }, 'Add a statement'));
    box.append(this.unknownForm(dm, k));
    return box;
  }

  // unsureBox marks statement i of DM k as one the DM may or may not hold
  // (unsure: true): the comparisons that depend on it become unknown
  // (docs/model-format.md, Unknown preferences). The entry is a mapping
  // while marked, a plain string again when unmarked with nothing else set.
  unsureBox(k, i, s) {
    const id = 'f' + (++uid);
    const ip = ['decision_makers', String(k), 'preferences', 'statements', String(i)];
    const cb = el('input', { type: 'checkbox', id, checked: !!(s && typeof s === 'object' && s.unsure), 'data-path': ip.concat('unsure').join('.') });
    cb.addEventListener('change', this.structural(() => {
      let e = getAt(this.obj, ip);
      if (cb.checked) {
        if (!e || typeof e !== 'object') { e = { statement: e ?? '' }; setAt(this.obj, ip, e); }
        e.unsure = true;
      } else if (e && typeof e === 'object') {
        delete e.unsure;
        if (Object.keys(e).length === 1 && 'statement' in e) setAt(this.obj, ip, e.statement);
      }
    }));
    return el('label', { for: id, class: 'unsure', title: 'the DM may or may not hold this statement: comparisons that depend on it are unknown' }, cb, ' unsure');
  }

  // strongBox marks statement i of DM k as strong (strong: true): states
  // it decides between are strongly, not mildly, preferred
  // (docs/model-format.md, Strength of preference). The strong statements
  // must come first and may not be unsure; the server's validation says
  // so beside the field when they are not.
  strongBox(k, i, s) {
    const id = 'f' + (++uid);
    const ip = ['decision_makers', String(k), 'preferences', 'statements', String(i)];
    const cb = el('input', { type: 'checkbox', id, checked: !!(s && typeof s === 'object' && s.strong), 'data-path': ip.concat('strong').join('.') });
    cb.addEventListener('change', this.structural(() => {
      let e = getAt(this.obj, ip);
      if (cb.checked) {
        if (!e || typeof e !== 'object') { e = { statement: e ?? '' }; setAt(this.obj, ip, e); }
        e.strong = true;
      } else if (e && typeof e === 'object') {
        delete e.strong;
        if (Object.keys(e).length === 1 && 'statement' in e) setAt(this.obj, ip, e.statement);
      }
    }));
    return el('label', { for: id, class: 'strong', title: 'a strong statement: the DM strongly prefers the states where it holds (strength of preference); strong statements come first' }, cb, ' strong');
  }

  // unknownForm edits a DM's groups of states whose mutual order it does
  // not know (preferences: unknown), by state number or, in graph form,
  // id.
  unknownForm(dm, k) {
    const path = ['decision_makers', String(k), 'preferences', 'unknown'];
    const groups = getAt(this.obj, path) || [];
    const list = el('ul', { class: 'statements', 'aria-label': `Unknown comparisons of ${dm.id}`, 'data-path': path.join('.') });
    groups.forEach((g, i) => {
      const ids = Array.isArray(g) ? path.concat(String(i)) : path.concat(String(i), 'states');
      const fld = this.field(`States whose order ${dm.id} does not know`, ids, {
        wide: true, placeholder: '1, 4',
        onValue: v => setAt(this.obj, ids, v.split(/[\s,]+/).filter(Boolean).map(x => (/^\d+$/.test(x) ? Number(x) : x))),
      });
      fld.querySelector('input').value = [].concat(getAt(this.obj, ids) ?? []).join(', ');
      list.append(el('li', { 'data-path': path.concat(String(i)).join('.') }, fld,
        el('button', { type: 'button', class: 'danger', 'aria-label': `Remove unknown comparison ${i + 1} of ${dm.id}`, onclick: this.structural(() => { groups.splice(i, 1); this.prune(path); }) }, '×')));
    });
    return el('div', { class: 'unknown' }, list.childElementCount ? el('h4', {}, `Comparisons ${dm.id} cannot make`) : null, list,
      el('button', { type: 'button', 'data-add': path.join('.'), onclick: this.structural(() => setAt(this.obj, path, groups.concat([[]]))) }, `Add states ${dm.id} cannot compare`));
  }

  moveStatement(k, from, to) {
    const stmts = this.obj.decision_makers[k].preferences.statements;
    const [s] = stmts.splice(from, 1);
    stmts.splice(to, 0, s);
    this.render(this.obj);
    this.onChange(this.obj, true);
  }

  feasibilityForm() {
    const box = el('fieldset', { class: 'group' }, el('legend', {}, 'Feasibility'));
    box.append(...this.conditionsForm(['feasibility'], 'Infeasible if'));
    return box;
  }

  // conditionsForm edits the infeasibility conditions under base (the
  // model's feasibility, or a scenario, which takes the same fields):
  // infeasible statements and the helpers mutually_exclusive,
  // at_least_one, exactly_one and requires (docs/model-format.md,
  // Feasibility). Empty lists are removed so that the file stays as a
  // person would write it.
  conditionsForm(base, infeasibleLabel) {
    const at = base.join('.');
    const parts = [this.statementList('Infeasible conditions', base.concat('infeasible'), infeasibleLabel, 'Add an infeasible condition', true)];
    const helpers = [
      ['mutually_exclusive', 'At most one of (option ids)', 'Add a mutually exclusive group'],
      ['at_least_one', 'At least one of (option ids)', 'Add an at-least-one group'],
      ['exactly_one', 'Exactly one of (option ids)', 'Add an exactly-one group'],
    ];
    for (const [helper, label, addLabel] of helpers) {
      const path = base.concat(helper);
      const groups = getAt(this.obj, path) || [];
      const list = el('ul', { class: 'statements', 'aria-label': label });
      groups.forEach((g, i) => {
        // A group is a list of ids or {options: [...], note, source}.
        const ids = Array.isArray(g) ? path.concat(String(i)) : path.concat(String(i), 'options');
        list.append(el('li', { 'data-path': path.concat(String(i)).join('.') }, this.idsField(label, ids),
          el('button', { type: 'button', class: 'danger', 'aria-label': `Remove ${helper.replace(/_/g, ' ')} group ${i + 1}${at.startsWith('scenarios') ? ' of this scenario' : ''}`, onclick: this.structural(() => { groups.splice(i, 1); this.prune(path); }) }, '×')));
      });
      parts.push(list, el('button', { type: 'button', 'data-add': `${at}.${helper}`, onclick: this.structural(() => setAt(this.obj, path, groups.concat([[]]))) }, addLabel));
    }
    const rpath = base.concat('requires');
    const reqs = getAt(this.obj, rpath) || [];
    const list = el('ul', { class: 'statements', 'aria-label': 'Requires constraints' });
    reqs.forEach((q, i) => {
      const p = rpath.concat(String(i));
      // requires is one id or a list; the form shows both as "a, b" and
      // writes one id back as a single id.
      const req = this.field('Requires (option ids)', p.concat('requires'), {
        wide: true, placeholder: 'b, c',
        onValue: v => { const ids = v.split(/[\s,]+/).filter(Boolean); setAt(this.obj, p.concat('requires'), ids.length === 1 ? ids[0] : ids); },
      });
      req.querySelector('input').value = [].concat(q.requires ?? []).join(', ');
      list.append(el('li', { 'data-path': p.join('.') },
        this.field('Option', p.concat('option'), { size: 10 }), req,
        el('button', { type: 'button', class: 'danger', 'aria-label': `Remove requires constraint ${i + 1}`, onclick: this.structural(() => { reqs.splice(i, 1); this.prune(rpath); }) }, '×')));
    });
    parts.push(list, el('button', { type: 'button', 'data-add': `${at}.requires`, onclick: this.structural(() => {
      const first = (this.obj.options || [])[0];
      setAt(this.obj, rpath, reqs.concat([{ option: first ? first.id : '', requires: [] }]));
    }) }, 'Add a requires constraint'));
    return parts;
  }

  // idsField edits a list of option ids, typed as "a, b".
  idsField(label, path) {
    const fld = this.field(label, path, { wide: true, placeholder: 'a, b', onValue: v => setAt(this.obj, path, v.split(/[\s,]+/).filter(Boolean)) });
    fld.querySelector('input').value = [].concat(getAt(this.obj, path) ?? []).join(', ');
    return fld;
  }

  // statementList edits a list of statements (strings, or mappings with
  // statement, note, source...) at path.
  // extra(i), if given, adds fields to an entry's row.
  statementList(title, path, itemLabel, addLabel, numbered, extra) {
    const items = getAt(this.obj, path) || [];
    const list = el('ul', { class: 'statements', 'aria-label': title, 'data-path': path.join('.') });
    items.forEach((s, i) => {
      const isObj = s && typeof s === 'object';
      const ip = path.concat(String(i));
      // The entry may change between a string and a mapping while its
      // row is on screen (a position given or cleared): write the text
      // where the entry holds it now.
      const text = this.field(numbered ? itemLabel : `${itemLabel} ${i + 1}`, isObj ? ip.concat('statement') : ip, {
        wide: true, onValue: v => { const cur = getAt(this.obj, ip); if (cur && typeof cur === 'object') cur.statement = v; else setAt(this.obj, ip, v); },
      });
      list.append(el('li', {}, text, extra ? extra(i, ip) : null,
        el('button', { type: 'button', class: 'danger', 'aria-label': `Remove ${title.toLowerCase()} ${i + 1}`, onclick: this.structural(() => { items.splice(i, 1); this.prune(path); }) }, '×')));
    });
    return el('div', {}, list, el('button', { type: 'button', 'data-add': path.join('.'), onclick: this.structural(() => setAt(this.obj, path, items.concat(['']))) }, addLabel));
  }

  // prune removes the empty list or mapping at path and then its parents
  // that became empty, up to (not including) a scenario or the model.
  prune(path) {
    for (let p = path; p.length > 0; p = p.slice(0, -1)) {
      const v = getAt(this.obj, p);
      const empty = v == null || (Array.isArray(v) ? v.length === 0 : typeof v === 'object' && Object.keys(v).length === 0);
      if (!empty || (p.length === 2 && p[0] === 'scenarios')) return;
      const parent = getAt(this.obj, p.slice(0, -1));
      if (Array.isArray(parent)) return;
      delete parent[p[p.length - 1]];
    }
  }

  // scenariosForm edits the what-if scenarios (docs/model-format.md,
  // Scenarios): names, fixed options, extra conditions, status quo and
  // statement changes per DM (removed, added at a position, moved).
  // Replacing a DM's preferences (statements or a ranking) is shown but
  // edited in the source.
  scenariosForm() {
    const box = el('fieldset', { class: 'group' }, el('legend', {}, 'What-if scenarios'),
      el('p', { class: 'hint' }, 'Each scenario changes a copy of the model; analyse and compare them in the Scenarios view.'));
    const scs = this.obj.scenarios || [];
    scs.forEach((sc, i) => box.append(this.scenarioForm(sc, i)));
    box.append(el('button', { type: 'button', onclick: this.structural(() => {
      const id = this.freshId('scenario', new Set(scs.map(x => x.id)));
      const first = (this.obj.options || [])[0];
      this.obj.scenarios = scs.concat([{ id, force: first ? [first.id] : [] }]);
    }) }, 'Add a scenario'));
    return box;
  }

  scenarioForm(sc, i) {
    const base = ['scenarios', String(i)];
    const fs = el('fieldset', { class: 'group scenario', 'data-path': base.join('.') },
      el('legend', {}, `Scenario ${i + 1}: ${sc.id || ''}`),
      el('div', { class: 'row' },
        this.field('Id', base.concat('id'), { size: 12 }),
        this.field('Name', base.concat('name'), { wide: true, omitEmpty: true }),
        el('button', { type: 'button', class: 'danger', 'aria-label': `Remove scenario ${sc.id}`, onclick: this.structural(() => {
          this.obj.scenarios.splice(i, 1);
          if (!this.obj.scenarios.length) delete this.obj.scenarios;
        }) }, 'Remove')),
      this.field('Description', base.concat('description'), { multiline: true, wide: true, omitEmpty: true }),
      el('div', { class: 'row' },
        this.field('Note', base.concat('note'), { wide: true, omitEmpty: true }),
        this.field('Source', base.concat('source'), { size: 10, omitEmpty: true })),
      el('div', { class: 'row' },
        this.optionalIds('Force: options taken (ids)', base.concat('force')),
        this.optionalIds('Forbid: options not taken (ids)', base.concat('forbid'))),
      el('h4', {}, 'Extra infeasible conditions'),
      ...this.conditionsForm(base, 'Infeasible if'),
      this.scenarioStatusQuo(sc, base));
    for (const dm of this.obj.decision_makers || []) fs.append(this.scenarioPreferences(sc, base, dm));
    return fs;
  }

  // optionalIds is an idsField whose key is removed when it is emptied.
  optionalIds(label, path) {
    const fld = this.idsField(label, path);
    const input = fld.querySelector('input');
    input.addEventListener('input', () => {
      if (!input.value.trim()) { this.prune(path); this.onChange(this.obj, false); }
    });
    return fld;
  }

  scenarioStatusQuo(sc, base) {
    const box = el('div', { class: 'row', 'data-path': base.concat('status_quo').join('.') });
    const id = 'ssq-' + (++uid);
    const on = el('input', { type: 'checkbox', id, checked: sc.status_quo != null });
    on.addEventListener('change', this.structural(() => {
      if (on.checked) sc.status_quo = { taken: [...(this.obj.status_quo?.taken ?? (Array.isArray(this.obj.status_quo) ? this.obj.status_quo : []))] };
      else delete sc.status_quo;
    }));
    box.append(el('label', { for: id }, on, ' replaces the status quo'));
    if (sc.status_quo != null) {
      box.append(this.idsField('Status quo: options taken (ids)', base.concat('status_quo', ...(Array.isArray(sc.status_quo) ? [] : ['taken']))));
    }
    return box;
  }

  // scenarioPreferences edits the statement changes of one DM in a
  // scenario: statements removed and statements added.
  scenarioPreferences(sc, base, dm) {
    const path = base.concat('preferences', dm.id);
    const ch = (sc.preferences || {})[dm.id] || {};
    const box = el('div', { class: 'prefs', 'data-path': path.join('.') }, el('h4', {}, `Changes to ${dm.id}'s preferences`));
    if (ch.statements || ch.ranking) {
      box.append(el('p', { class: 'hint' }, `This scenario replaces ${dm.id}'s preferences (${ch.statements ? 'statements' : 'a ranking'}): edit them in the Source tab.`));
      return box;
    }
    box.append(this.statementList(`Statements ${dm.id} drops`, path.concat('remove'), 'Dropped statement', `Drop a statement of ${dm.id}`));
    box.append(this.statementList(`Statements ${dm.id} gains`, path.concat('add'), 'Added statement', `Add a statement for ${dm.id}`, false,
      (i, ip) => this.positionField('At (1 = first; empty: last)', ip, 'at')));
    // Moves: {statement, to, note, source}.
    const mpath = path.concat('move');
    const moves = getAt(this.obj, mpath) || [];
    const list = el('ul', { class: 'statements', 'aria-label': `Statements ${dm.id} moves`, 'data-path': mpath.join('.') });
    moves.forEach((m, i) => {
      const ip = mpath.concat(String(i));
      list.append(el('li', {}, this.field(`Moved statement ${i + 1}`, ip.concat('statement'), { wide: true }),
        this.field('To position', ip.concat('to'), { size: 4, parse: intOr }),
        el('button', { type: 'button', class: 'danger', 'aria-label': `Remove move ${i + 1} of ${dm.id}`, onclick: this.structural(() => { moves.splice(i, 1); this.prune(mpath); }) }, '×')));
    });
    box.append(list, el('button', { type: 'button', 'data-add': mpath.join('.'), onclick: this.structural(() => {
      const st = (dm.preferences && dm.preferences.statements) || [];
      const last = st[st.length - 1];
      setAt(this.obj, mpath, moves.concat([{ statement: last && typeof last === 'object' ? last.statement : (last ?? ''), to: 1 }]));
    }) }, `Move a statement of ${dm.id}`));
    return box;
  }

  // positionField edits the optional position key of the statement entry
  // at ip: a string entry becomes {statement, key} when a position is
  // given, and a string again when it is cleared and nothing else is set.
  positionField(label, ip, key) {
    const id = 'f' + (++uid);
    const cur = getAt(this.obj, ip);
    const input = el('input', { id, type: 'text', size: 4, 'data-path': ip.concat(key).join('.') });
    input.value = cur && typeof cur === 'object' && cur[key] != null ? String(cur[key]) : '';
    input.addEventListener('input', () => {
      let e = getAt(this.obj, ip);
      const v = input.value.trim();
      if (v === '') {
        if (e && typeof e === 'object') {
          delete e[key];
          if (Object.keys(e).length === 1 && 'statement' in e) setAt(this.obj, ip, e.statement);
        }
      } else {
        if (!e || typeof e !== 'object') { e = { statement: e ?? '' }; setAt(this.obj, ip, e); }
        e[key] = intOr(v);
      }
      this.onChange(this.obj, false);
    });
    return el('label', { class: 'field', for: id }, el('span', {}, label), input);
  }

  statusQuoForm() {
    const box = el('fieldset', { class: 'group' }, el('legend', {}, 'Status quo: options taken now'));
    const sq = this.obj.status_quo;
    const on = el('input', { type: 'checkbox', id: 'sq-on', checked: !!sq });
    on.addEventListener('change', this.structural(() => {
      if (on.checked) this.obj.status_quo = { taken: [] }; else delete this.obj.status_quo;
    }));
    box.append(el('label', { for: 'sq-on' }, on, ' the model has a status quo'));
    if (sq) {
      const row = el('div', { class: 'row', 'data-path': 'status_quo' });
      for (const o of this.obj.options || []) {
        const id = 'sq-' + (++uid);
        const cb = el('input', { type: 'checkbox', id, checked: (sq.taken || []).includes(o.id), 'data-path': 'status_quo.taken' });
        cb.addEventListener('change', () => {
          const t = new Set(sq.taken || []);
          if (cb.checked) t.add(o.id); else t.delete(o.id);
          sq.taken = (this.obj.options || []).map(x => x.id).filter(x => t.has(x));
          this.onChange(this.obj, false);
        });
        row.append(el('label', { for: id, title: o.name || '' }, cb, ' ', o.id));
      }
      box.append(row);
    }
    return box;
  }

  sourcesForm() {
    const box = el('fieldset', { class: 'group' }, el('legend', {}, 'Sources'));
    (this.obj.sources || []).forEach((s, i) => {
      const isObj = s && typeof s === 'object';
      box.append(el('div', { class: 'row' }, this.field(`Source ${i + 1}`, ['sources', String(i), ...(isObj ? ['ref'] : [])], { wide: true }),
        isObj ? this.field('Note', ['sources', String(i), 'note'], { wide: true }) : null,
        el('button', { type: 'button', class: 'danger', 'aria-label': `Remove source ${i + 1}`, onclick: this.structural(() => this.obj.sources.splice(i, 1)) }, '×')));
    });
    box.append(el('button', { type: 'button', onclick: this.structural(() => { this.obj.sources = (this.obj.sources || []).concat(['']); }) }, 'Add a source'));
    return box;
  }

  freshId(prefix, taken) {
    for (let n = 1; ; n++) if (!taken.has(prefix + n)) return prefix + n;
  }

  addDM() {
    const o = this.obj;
    o.decision_makers = o.decision_makers || [];
    o.options = o.options || [];
    const dmId = this.freshId('DM', new Set(o.decision_makers.map(d => d.id)));
    const optId = this.freshId('o', new Set(o.options.map(x => x.id)));
    o.options.push({ id: optId });
    o.decision_makers.push({ id: dmId, options: [optId], preferences: { statements: [optId] } });
  }

  removeDM(k) {
    const dm = this.obj.decision_makers[k];
    this.obj.options = (this.obj.options || []).filter(o => !(dm.options || []).includes(o.id));
    this.obj.decision_makers.splice(k, 1);
  }

  addOption(k) {
    const o = this.obj;
    const id = this.freshId('o', new Set((o.options || []).map(x => x.id)));
    // Keep options grouped by DM: insert after the DM's last option.
    const dm = o.decision_makers[k];
    const last = (dm.options || []).map(x => this.optionIndex(x)).reduce((a, b) => Math.max(a, b), -1);
    o.options.splice(last >= 0 ? last + 1 : o.options.length, 0, { id });
    dm.options = (dm.options || []).concat([id]);
  }

  removeOption(k, i, j) {
    this.obj.decision_makers[k].options.splice(i, 1);
    this.obj.options.splice(j, 1);
  }

  renameOption(k, i, j, v) {
    this.obj.options[j].id = v;
    this.obj.decision_makers[k].options[i] = v;
  }

  renameDM(k, v) { this.obj.decision_makers[k].id = v; }

  // showProblems puts each problem beside the field holding it; paths
  // maps the JSON text's lines to value paths. It returns the problems
  // that found no field.
  showProblems(problems, paths) {
    for (const e of this.root.querySelectorAll('.field-error')) e.remove();
    for (const e of this.root.querySelectorAll('[aria-invalid]')) { e.removeAttribute('aria-invalid'); e.removeAttribute('aria-describedby'); }
    const rest = [];
    for (const p of problems) {
      let path = p.line && paths ? paths[p.line] : null;
      let target = null;
      while (path != null && !target) {
        const q = `[data-path="${CSS.escape(path)}"]`;
        target = this.root.querySelector(`input${q}, select${q}, textarea${q}`) || this.root.querySelector(q);
        if (!target) {
          if (path === '') break;
          path = path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '';
        }
      }
      if (!target) { rest.push(p); continue; }
      const id = 'err' + (++uid);
      const msg = el('p', { class: 'field-error', id, role: 'alert' }, p.message + (p.hint ? ` (${p.hint})` : ''));
      const holder = target.closest('label') || target;
      holder.after(msg);
      if (/^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) {
        target.setAttribute('aria-invalid', 'true');
        target.setAttribute('aria-describedby', id);
      }
    }
    return rest;
  }
}
