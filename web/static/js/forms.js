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
    if (!Array.isArray(obj.options) || !Array.isArray(obj.decision_makers)) {
      // A model in another form than options and DMs (a graph form, say):
      // the forms do not cover it, the source tab does.
      this.root.append(el('p', { class: 'hint' }, 'The forms edit models in option form (options and decision makers); edit this model in the Source tab.'));
      return;
    }
    try {
      this.renderModel(obj);
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
      box.append(this.field('Direct ranking (state numbers, best first; [a, b] ties)', base.concat('ranking'), {
        wide: true, parse: JSON.parse, onValue: v => setAt(this.obj, base.concat('ranking'), v),
      }));
      box.querySelector('input').value = JSON.stringify(prefs.ranking);
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
    return box;
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
