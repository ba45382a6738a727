// The workbench's calls to the gmcr JSON API (docs/api.md). The token is a
// same-site HttpOnly cookie set when the printed URL was opened, so fetch
// sends it without the page ever seeing it.

export class APIError extends Error {
  constructor(status, body) {
    super(body && body.error ? body.error : `HTTP ${status}`);
    this.status = status;
    this.problems = (body && body.problems) || [];
  }
}

export async function call(method, path, body, signal) {
  const init = { method, headers: {}, signal, credentials: 'same-origin' };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const resp = await fetch(path, init);
  const text = await resp.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = { error: text }; }
  if (!resp.ok) throw new APIError(resp.status, data);
  return data;
}

export const get = (path, signal) => call('GET', path, undefined, signal);
export const post = (path, body, signal) => call('POST', path, body, signal);

// stream POSTs body to path as a server-sent event stream (docs/api.md):
// onProgress receives each {stage, done, total}; it resolves with the
// result event's value and rejects with an APIError for an error event.
// Aborting signal closes the stream, which cancels the work on the server.
export async function stream(path, body, onProgress, signal) {
  const resp = await fetch(path, {
    method: 'POST', signal, credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'Accept': 'text/event-stream' },
    body: JSON.stringify(body),
  });
  if (!resp.ok || !(resp.headers.get('Content-Type') || '').startsWith('text/event-stream')) {
    let data = null;
    try { data = await resp.json(); } catch { /* not JSON */ }
    throw new APIError(resp.status, data);
  }
  const reader = resp.body.getReader();
  const dec = new TextDecoder();
  let buf = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buf += dec.decode(value, { stream: true });
    let i;
    while ((i = buf.indexOf('\n\n')) >= 0) {
      const block = buf.slice(0, i);
      buf = buf.slice(i + 2);
      let event = 'message', data = '';
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) event = line.slice(7);
        else if (line.startsWith('data: ')) data += line.slice(6);
      }
      const v = JSON.parse(data);
      if (event === 'progress') onProgress(v);
      else if (event === 'result') return v;
      else if (event === 'error') throw new APIError(422, v);
    }
  }
  throw new APIError(0, { error: 'the answer ended early' });
}

// analyze runs POST /api/analyze as a stream; it resolves with the
// Analysis.
export const analyze = (input, onProgress, signal) => stream('/api/analyze', input, onProgress, signal);

// exportReport downloads the HTML report (POST /api/report).
export const exportReport = body => exportFile(body, '/api/report');

// exportFile asks POST /api/export (or path) for a file and saves it.
export async function exportFile(body, path = '/api/export') {
  const resp = await fetch(path, {
    method: 'POST', credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  if (!resp.ok) {
    let data = null;
    try { data = await resp.json(); } catch { /* not JSON */ }
    throw new APIError(resp.status, data);
  }
  const disp = resp.headers.get('Content-Disposition') || '';
  const m = /filename="([^"]+)"/.exec(disp);
  saveBlob(await resp.blob(), m ? m[1] : 'gmcr-export');
}

export function saveBlob(blob, name) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}
