// The workbench page: model editing (forms and YAML source, undo/redo),
// live validation and analysis, and the analysis views. Every result comes
// from the server's API; the page only displays it.
import * as api from './api.js';
import { Forms, serialize } from './forms.js';
import { Tableau } from './tableau.js';
import * as views from './views.js';
import * as whatif from './whatif.js';

const $ = id => document.getElementById(id);

// The page runs under a strict Content-Security-Policy; anything it blocks
// is a bug of the page, recorded for the browser tests and reported.
window.gmcrCSPViolations = [];
document.addEventListener('securitypolicyviolation', e => {
  window.gmcrCSPViolations.push(`${e.violatedDirective} ${e.blockedURI || ''}`.trim());
  console.error('Content-Security-Policy blocked', e.violatedDirective, e.blockedURI);
});

const BLANK = `title: A new conflict
options:
  - {id: a, name: First DM takes its option}
  - {id: b, name: Second DM takes its option}
decision_makers:
  - id: P1
    name: First DM
    options: [a]
    preferences:
      statements: ["not b", "a"]
  - id: P2
    name: Second DM
    options: [b]
    preferences:
      statements: ["not a", "b"]
status_quo: {taken: []}
`;

export const state = {
  name: 'model.yaml',
  text: '',          // the model text the analyses use (last valid form edit or the source)
  formsPending: null, // {text, paths} of a form edit with errors, not yet in the source
  info: null,
  file: null,        // {name, version} of the file given to gmcr serve
  history: [], future: [],
  analysis: null,
  scenario: '',
  dmConcepts: {},
  session: Math.random().toString(36).slice(2) + Date.now().toString(36),
  dirty: false,
};

// input is the model part of every API request.
export function input() {
  const dm = Object.keys(state.dmConcepts).length ? state.dmConcepts : undefined;
  return { source: state.text, name: state.name, scenario: state.scenario || undefined, dm_concepts: dm, session: state.session };
}

let editor;
let forms;
let tableau;
let settingEditor = false;

// stale marks the analysis views as showing an older model than the one
// on screen.
function stale(on) { document.querySelector('.pane.right').classList.toggle('stale', on); }

function setStatus(text, busy) {
  $('status-text').textContent = text;
  $('progress').hidden = !busy;
  $('btn-cancel').hidden = !busy;
}

// ---- history ----
// record adds the model as it is to the history, after a pause in typing
// (a burst of keystrokes is one step), or at once with now.
let recordTimer = null;
let lastOrigin = null;
function snapshot() {
  recordTimer = null;
  const snap = { text: state.formsPending ? state.formsPending.text : state.text, name: state.formsPending ? 'model.json' : state.name };
  const last = state.history[state.history.length - 1];
  if (last && last.text === snap.text && last.name === snap.name) { updateUndo(); return; }
  state.history.push(snap);
  if (state.history.length > 200) state.history.shift();
  state.future = [];
  updateUndo();
}

function record(now) {
  clearTimeout(recordTimer);
  if (now) snapshot(); else { recordTimer = setTimeout(snapshot, 400); updateUndo(); }
}

// beforeEdit is called before an edit changes the state: an edit in
// another place (forms after source, or the reverse) ends the burst of
// edits still waiting to be recorded.
function beforeEdit(origin) {
  if (recordTimer && origin !== lastOrigin) { clearTimeout(recordTimer); snapshot(); }
  lastOrigin = origin;
}

function flushRecord() {
  if (recordTimer) { clearTimeout(recordTimer); snapshot(); }
}

// An edit still waiting to be recorded can be undone already: undo()
// records it first.
function updateUndo() {
  $('btn-undo').disabled = state.history.length < 2 && !recordTimer;
  $('btn-redo').disabled = state.future.length === 0;
}

function undo() {
  flushRecord();
  if (state.history.length < 2) return;
  state.future.push(state.history.pop());
  restore(state.history[state.history.length - 1]);
}

function redo() {
  const s = state.future.pop();
  if (!s) return;
  state.history.push(s);
  restore(s);
}

function restore(snap) {
  clearTimeout(recordTimer);
  recordTimer = null;
  load(snap.text, snap.name, { record: false });
  updateUndo();
}

// ---- loading and validation ----

// load replaces the model with text (from a file, an example, undo...).
export function load(text, name, { record: rec = true, fromFile = false } = {}) {
  state.name = name || 'model.yaml';
  state.formsPending = null;
  state.text = text;
  setEditor(text);
  $('model-name').textContent = state.name + (fromFile ? ' (opened from the command line)' : '');
  if (rec) { state.history = []; state.future = []; record(true); }
  validateSoon(0, 'load');
}

// isJSON tells whether a model file name is of a JSON form: a JSON model
// file or a GMCR+ save file (".gmcr").
const isJSON = name => /\.(json|gmcr)$/i.test(name);

// setEditor shows text in the source editor, highlighted as the file's
// format (state.name) is written.
function setEditor(text) {
  const json = isJSON(state.name);
  const label = json ? 'JSON' : 'YAML';
  if (editor.getOption('mode').name !== (json ? 'javascript' : 'yaml')) {
    editor.setOption('mode', json ? { name: 'javascript', json: true } : { name: 'yaml' });
  }
  editor.getInputField().setAttribute('aria-label', `Model source (${label})`);
  $('tab-source').textContent = `Source (${label})`;
  settingEditor = true;
  editor.setValue(text);
  settingEditor = false;
}

let validateTimer = null;
let validateSeq = 0;
// editSeq counts edits: an answer to a request made before the latest edit
// is stale (a newer validation is already scheduled) and is dropped, so
// that it never overwrites what the user typed since.
let editSeq = 0;
function validateSoon(delay, origin) {
  editSeq++;
  clearTimeout(validateTimer);
  validateTimer = setTimeout(() => validate(origin), delay);
}

async function validate(origin) {
  const seq = ++validateSeq;
  const edits = editSeq;
  const pending = state.formsPending;
  const body = pending ? { source: pending.text, name: 'model.json', scenario: state.scenario || undefined } : { ...input(), session: undefined };
  let v;
  try {
    v = await api.post('/api/validate', body);
  } catch (e) {
    if (seq === validateSeq) setStatus('Validation failed: ' + e.message);
    return;
  }
  if (seq !== validateSeq || edits !== editSeq) return; // a newer edit has been made
  if (pending) {
    const rest = forms.showProblems(v.problems, pending.paths);
    if (!v.ok) {
      stale(true);
      showSourceProblems([], rest, true);
      setStatus(`The forms hold an edit with ${v.problems.length} problem${v.problems.length === 1 ? '' : 's'} (shown beside the fields)`);
      return;
    }
    // A valid form edit: the source follows, as YAML.
    try {
      // like: the source before the edit, whose comments and layout the
      // server keeps where the edit left them (not for a JSON source).
      const like = /\.json$/i.test(state.name) ? undefined : state.text;
      const y = await api.post('/api/convert', { source: pending.text, name: 'model.json', to: 'yaml', like });
      if (seq !== validateSeq || edits !== editSeq) return;
      state.formsPending = null;
      state.text = y.source;
      state.name = state.name.replace(/\.(json|gmcr)$/i, '.yaml');
      setEditor(y.source);
    } catch (e) {
      setStatus('Converting the forms to YAML failed: ' + e.message);
      return;
    }
  } else {
    showSourceProblems(v.problems, [], false);
    if (v.ok && origin !== 'forms') forms.render(v.model ? JSON.parse(JSON.stringify(v.model)) : null);
    if (!v.ok) {
      // A model opened with errors has no forms; one being typed keeps
      // its last good forms on screen.
      if (!forms.obj || origin === 'load') forms.render(null);
      stale(true);
      setStatus(`${v.problems.length} problem${v.problems.length === 1 ? '' : 's'} in the model`);
      return;
    }
  }
  forms.showProblems([], null);
  stale(false);
  views.modelLoaded(v.summary);
  whatif.modelLoaded(v.summary);
  analyzeNow();
}

let marks = [];
function showSourceProblems(problems, extra, fromForms) {
  for (const m of marks) m.clear ? m.clear() : editor.removeLineClass(m, 'background', 'cm-error-line');
  marks = [];
  const ul = $('source-errors');
  ul.replaceChildren();
  if (fromForms && extra.length === 0) {
    ul.append(Object.assign(document.createElement('li'), { className: 'note', textContent: 'The forms hold an edit with errors; this source shows the last valid model.' }));
  }
  for (const p of problems.concat(extra)) {
    const li = document.createElement('li');
    li.textContent = p.text;
    if (p.line && !fromForms) {
      const h = editor.addLineClass(p.line - 1, 'background', 'cm-error-line');
      marks.push(h);
      const widget = document.createElement('div');
      widget.className = 'cm-error-widget';
      widget.setAttribute('role', 'alert');
      widget.textContent = p.message + (p.hint ? ` (${p.hint})` : '');
      marks.push(editor.addLineWidget(p.line - 1, widget));
      li.tabIndex = 0;
      li.addEventListener('click', () => { editor.focus(); editor.setCursor({ line: p.line - 1, ch: Math.max(0, (p.col || 1) - 1) }); });
    }
    ul.append(li);
  }
}

// ---- analysis ----
let analysisCtl = null;
async function analyzeNow() {
  if (analysisCtl) analysisCtl.abort();
  const ctl = new AbortController();
  analysisCtl = ctl;
  setStatus('Analysing…', true);
  $('status-strength').textContent = ''; // the tableau counts them anew
  const bar = $('progress');
  try {
    const a = await api.analyze(input(), p => {
      bar.max = Math.max(1, p.total); bar.value = p.done;
      $('status-text').textContent = `Analysing: ${p.stage}…`;
    }, ctl.signal);
    if (analysisCtl !== ctl) return;
    state.analysis = a;
    const eq = a.concepts.map(c => `${c} ${a.equilibria[c].length}`).join(' · ');
    setStatus(`${a.summary.states} states · ${a.summary.dms.length} DMs · equilibria: ${eq} · ${a.millis} ms`);
    views.analysed(a);
    whatif.analysed(a);
    tableau.analysed(a);
  } catch (e) {
    if (e.name === 'AbortError') return;
    if (analysisCtl !== ctl) return;
    setStatus('Analysis failed: ' + e.message);
    showSourceProblems(e.problems || [], [], false);
  } finally {
    if (analysisCtl === ctl) { analysisCtl = null; $('progress').hidden = true; $('btn-cancel').hidden = true; }
  }
}

export function reanalyse() { analyzeNow(); }

// addScenario adds a what-if scenario to the model through the forms (an
// edit like any other: undoable, written to the source); it returns the
// scenario's id, or null when the model does not load.
function addScenario(sc) {
  const obj = forms.obj;
  if (!obj || state.formsPending) return null;
  const taken = new Set((obj.scenarios || []).map(x => x.id));
  let id = sc.id;
  for (let n = 2; taken.has(id); n++) id = `${sc.id}_${n}`;
  obj.scenarios = (obj.scenarios || []).concat([{ ...sc, id }]);
  forms.render(obj);
  forms.onChange(obj, true);
  return id;
}

// ---- start page ----
async function openStart() {
  const dlg = $('start');
  if (!dlg.open) dlg.showModal();
}

async function readFile(file) {
  if (file.size > (state.info ? state.info.limits.max_body : 8 << 20)) {
    alert(`${file.name} is too large for the workbench.`);
    return;
  }
  const text = await file.text();
  $('start').close();
  state.file = null;
  $('btn-save').hidden = true;
  load(text, file.name);
}

function setupStart() {
  const ul = $('examples');
  for (const ex of state.info.examples) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'example';
    b.dataset.example = ex.name;
    b.innerHTML = '';
    const t = document.createElement('strong'); t.textContent = ex.title;
    const s = document.createElement('span'); s.textContent = ex.summary;
    b.append(t, s);
    b.addEventListener('click', async () => {
      const src = await api.get('/api/examples/' + encodeURIComponent(ex.name));
      $('start').close();
      state.file = null;
      $('btn-save').hidden = true;
      load(src.source, src.name);
    });
    const li = document.createElement('li');
    li.append(b);
    ul.append(li);
  }
  $('file-input').addEventListener('change', ev => { if (ev.target.files[0]) readFile(ev.target.files[0]); ev.target.value = ''; });
  const drop = $('drop');
  for (const target of [drop, document.body]) {
    target.addEventListener('dragover', ev => { if (ev.dataTransfer.types.includes('Files')) { ev.preventDefault(); drop.classList.add('over'); } });
    target.addEventListener('drop', ev => {
      if (!ev.dataTransfer.files.length) return;
      ev.preventDefault();
      drop.classList.remove('over');
      readFile(ev.dataTransfer.files[0]);
    });
  }
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('keydown', ev => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); $('file-input').click(); } });
  $('btn-blank').addEventListener('click', () => { $('start').close(); state.file = null; $('btn-save').hidden = true; load(BLANK, 'model.yaml'); });
  $('btn-close-start').addEventListener('click', () => $('start').close());
  $('btn-start').addEventListener('click', openStart);
}

// ---- save and download ----
async function save(force, overwrite) {
  if (!state.file) return;
  if (state.formsPending) { alert('The forms hold an edit with errors; fix it before saving.'); return; }
  let text = state.text;
  const ext = (state.file.name.match(/\.(json|gmcr)$/i) || [])[1];
  try {
    if (ext && !state.name.toLowerCase().endsWith('.' + ext.toLowerCase())) {
      text = (await api.post('/api/convert', { source: state.text, name: state.name, to: ext.toLowerCase() })).source;
    }
    const r = await api.call('PUT', '/api/file', { source: text, version: state.file.version, force: !!force, overwrite: !!overwrite });
    state.file.version = r.version;
    state.file.saved = state.text;
    setStatus(`Saved ${state.file.name}`);
  } catch (e) {
    if (e.status === 409 && confirm(`${e.message}\n\nOverwrite the file on disk with this model?`)) return save(true);
    if (e.status === 403 && confirm(`${e.message}\n\nReplace the write-protected file with this model?`)) return save(force, true);
    setStatus('Save failed: ' + e.message);
  }
}

async function download(format) {
  if (!format) return;
  try {
    await api.exportFile({ source: state.formsPending ? state.text : state.text, name: state.name, what: 'model', format });
  } catch (e) {
    setStatus('Download failed: ' + e.message);
  }
}

// ---- tabs: arrow keys move between the tabs of a tab list ----
function setupTabs() {
  for (const list of document.querySelectorAll('[role=tablist]')) {
    const tabs = [...list.querySelectorAll('[role=tab]')];
    const select = t => {
      for (const o of tabs) {
        const on = o === t;
        o.setAttribute('aria-selected', on);
        o.tabIndex = on ? 0 : -1;
        $(o.getAttribute('aria-controls')).hidden = !on;
      }
      if (t.id === 'tab-source') editor.refresh();
      views.tabShown(t.id);
    };
    for (const t of tabs) {
      t.type = 'button';
      t.addEventListener('click', () => select(t));
      t.addEventListener('keydown', ev => {
        const i = tabs.indexOf(t);
        let j = -1;
        if (ev.key === 'ArrowRight') j = (i + 1) % tabs.length;
        if (ev.key === 'ArrowLeft') j = (i - 1 + tabs.length) % tabs.length;
        if (ev.key === 'Home') j = 0;
        if (ev.key === 'End') j = tabs.length - 1;
        if (j >= 0) { ev.preventDefault(); tabs[j].focus(); select(tabs[j]); }
      });
    }
  }
}

async function main() {
  editor = window.CodeMirror.fromTextArea($('source'), {
    mode: { name: 'yaml' }, lineNumbers: true, matchBrackets: true, indentUnit: 2, tabSize: 2,
    extraKeys: { Tab: cm => cm.replaceSelection('  ') },
    screenReaderLabel: 'Model source (YAML)',
  });
  editor.on('change', () => {
    if (settingEditor) return;
    beforeEdit('source');
    state.formsPending = null;
    state.text = editor.getValue();
    record();
    validateSoon(250, 'source');
  });
  forms = new Forms($('forms'), (obj, structural) => {
    beforeEdit('forms');
    state.formsPending = serialize(obj);
    record();
    validateSoon(structural ? 0 : 250, 'forms');
  });
  tableau = new Tableau(input);
  views.setup({ input, state, reanalyse, setStatus });
  whatif.setup({ input, state, setStatus, addScenario });
  setupTabs();
  $('btn-undo').addEventListener('click', undo);
  $('btn-redo').addEventListener('click', redo);
  $('btn-save').addEventListener('click', () => save(false));
  $('btn-cancel').addEventListener('click', () => {
    if (analysisCtl) { analysisCtl.abort(); analysisCtl = null; setStatus('Analysis cancelled'); }
  });
  $('download-format').addEventListener('change', ev => { download(ev.target.value); ev.target.value = ''; });
  document.addEventListener('keydown', ev => {
    if (!(ev.ctrlKey || ev.metaKey) || ev.key.toLowerCase() !== 'z') return;
    if (ev.target.closest && ev.target.closest('.CodeMirror')) return; // the editor's own undo
    ev.preventDefault();
    if (ev.shiftKey) redo(); else undo();
  });
  // Leaving the page with edits not saved (or with a form edit that has
  // errors) asks first.
  window.addEventListener('beforeunload', ev => {
    const unsaved = state.file ? state.text !== state.file.saved : state.history.length > 1;
    if (state.formsPending || unsaved) ev.preventDefault();
  });

  state.info = await api.get('/api/info');
  setupStart();
  if (state.info.file) {
    try {
      const f = await api.get('/api/file');
      state.file = { name: f.name, version: f.version, saved: f.source };
      $('btn-save').hidden = false;
      $('btn-save').textContent = `Save ${f.name}`;
      load(f.source, f.name, { fromFile: true });
      return;
    } catch (e) {
      setStatus(e.message);
    }
  }
  openStart();
}

main();
