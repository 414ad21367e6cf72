// Chat playground: pick a model, stream a chat completion (SSE read with
// fetch and a ReadableStream), and show the answer's x_provenet: receipt,
// fee, payer and the records it credits. Also the receipt page.
import { api, clear, errorBox, field, h, onSubmit, session, short, table } from '../lib.js';

export function render(view) {
  const answer = h('div', { class: 'answer', id: 'answer', 'aria-live': 'polite' });
  const meta = h('div', { id: 'chat-meta' });
  const out = h('div', { 'aria-live': 'polite' });
  const modelSel = field('Model', 'model', { type: 'select', options: [], id: 'model' });
  const form = h('form', { class: 'stack', id: 'chat-form' },
    modelSel,
    field('Message', 'prompt', { type: 'textarea', rows: 3, required: true, value: 'Once upon a time' }),
    h('div', { class: 'row' },
      field('Max tokens', 'max_tokens', { type: 'number', min: 1, max: 4096, value: '32' }),
      field('Temperature', 'temperature', { type: 'number', min: 0, max: 2, step: '0.1', value: '0.7' })),
    field('API key', 'apikey', { type: 'password', autocomplete: 'off', value: session.apiKey(), placeholder: 'pvn-…',
      hint: 'Needed when the node charges for inference; kept in this tab\'s session storage. Leave empty on a free node.' }),
    h('div', { class: 'row' }, h('button', { type: 'submit' }, 'Send'),
      h('button', { type: 'button', class: 'secondary', id: 'stop', disabled: true }, 'Stop')),
    out);
  view.append(h('h1', {}, 'Chat playground'), h('div', { class: 'grid' },
    h('section', { class: 'card' }, form), h('section', { class: 'card' }, h('h2', {}, 'Answer'), answer, meta)));

  const sel = modelSel.querySelector('select');
  api('/v1/models', { auth: 'key' }).then((m) => {
    const data = (m && m.data) || [];
    if (data.length === 0) { clear(out, h('p', { class: 'muted' }, 'This node serves no model, and no GPU peer offers one.')); return; }
    clear(sel, data.map((x) => h('option', { value: x.id }, x.id + (x.kind && x.kind !== 'base' ? ` (${x.kind})` : ''))));
  }, (err) => clear(out, errorBox(err)));

  let ctl = null;
  const stop = form.querySelector('#stop');
  stop.addEventListener('click', () => ctl && ctl.abort());
  onSubmit(form, out, async (v) => {
    session.setAPIKey(v.apikey.trim());
    clear(answer);
    clear(meta);
    ctl = new AbortController();
    stop.disabled = false;
    try {
      const extra = await stream({ model: v.model, messages: [{ role: 'user', content: v.prompt }], stream: true,
        max_tokens: Number(v.max_tokens) || 32, temperature: Number(v.temperature) }, answer, ctl.signal);
      clear(meta, extra ? provenance(extra) : h('p', { class: 'muted' }, 'No receipt for this answer.'));
    } finally {
      stop.disabled = true;
      ctl = null;
    }
  });
  return () => ctl && ctl.abort();
}

// stream posts a streaming chat completion, appends each delta to el and
// returns the final chunk's x_provenet.
async function stream(body, el, signal) {
  const resp = await api('/v1/chat/completions', { method: 'POST', body, auth: 'key', raw: true, signal });
  if (!resp.ok) {
    let data = null;
    try { data = await resp.json(); } catch { /* not JSON */ }
    const e = new Error((data && data.error && (data.error.message || data.error)) || 'HTTP ' + resp.status);
    e.code = data && data.error && data.error.code;
    throw e;
  }
  const reader = resp.body.pipeThrough(new TextDecoderStream()).getReader();
  let buf = '';
  let extra = null;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buf += value;
    let i;
    while ((i = buf.indexOf('\n\n')) >= 0) {
      const ev = buf.slice(0, i);
      buf = buf.slice(i + 2);
      const data = ev.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trimStart()).join('\n');
      if (!data || data === '[DONE]') continue;
      const chunk = JSON.parse(data);
      if (chunk.error) throw new Error(chunk.error.message || String(chunk.error));
      for (const c of chunk.choices || []) {
        const d = c.delta && c.delta.content;
        if (d) el.append(d);
      }
      if (chunk.x_provenet) extra = chunk.x_provenet;
    }
  }
  return extra;
}

function provenance(x) {
  const recs = x.records || [];
  return h('div', { id: 'provenance' },
    h('h3', {}, 'Where this answer came from'),
    h('dl', {},
      h('dt', {}, 'Receipt'), h('dd', {}, x.receipt_id
        ? h('a', { href: '#/receipt/' + encodeURIComponent(x.receipt_id), id: 'receipt-id', class: 'mono' }, x.receipt_id) : '—'),
      h('dt', {}, 'Fee (wei)'), h('dd', { id: 'fee' }, x.fee || '0 (free)'),
      h('dt', {}, 'Payer'), h('dd', { class: 'mono' }, x.payer || '—'),
      h('dt', {}, 'Records credited'), h('dd', {}, String(recs.length))),
    recs.length ? recordsTable(recs) : null,
    x.citations && x.citations.length ? h('div', {}, h('h3', {}, 'Cited passages'), table(x.citations, [
      ['Record', (c) => link(c.CID || c.cid)], ['Times cited', (c) => String(c.Count ?? c.n ?? '')]])) : null);
}

const link = (cid) => (cid ? h('code', { title: cid }, short(String(cid), 16)) : '—');

function recordsTable(recs) {
  return table(recs, [
    ['Record', (r) => link(r.CID || r.cid)],
    ['Datanet', (r) => link(r.Datanet || r.datanet)],
    ['Contributor', (r) => link(r.Contributor || r.contributor)],
    ['Weight', (r) => ((Number(r.Weight ?? r.weight ?? 0) / 1e4).toFixed(2) + '%')],
  ]);
}

// renderReceipt: #/receipt/<id>, the receipt with its fee split.
export function renderReceipt(view, args) {
  const id = args[0] || '';
  const box = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));
  view.append(h('p', {}, h('a', { href: '#/chat' }, '← Chat')), h('h1', {}, 'Receipt'), h('p', { class: 'mono' }, id), box);
  let tries = 0;
  const load = () => api('/api/v1/receipts/' + encodeURIComponent(id), { auth: false }).then((v) => {
    const r = v.receipt || {};
    clear(box,
      h('section', { class: 'card' }, h('h2', {}, 'Request'), h('dl', {},
        h('dt', {}, 'Epoch'), h('dd', {}, r.epoch),
        h('dt', {}, 'Base model'), h('dd', { class: 'mono' }, r.base ? r.base.Name || r.base.CID || JSON.stringify(r.base) : '—'),
        h('dt', {}, 'Adapters'), h('dd', {}, (r.adapters || []).map((a) => a.Name || a.CID).join(', ') || 'none'),
        h('dt', {}, 'Tokens'), h('dd', {}, `${r.prompt_tokens} prompt, ${r.output_tokens} output`),
        h('dt', {}, 'Fee (wei)'), h('dd', {}, String(r.fee ?? 0)),
        h('dt', {}, 'Operator'), h('dd', { class: 'mono' }, r.operator),
        h('dt', {}, 'Payer'), h('dd', { class: 'mono' }, r.payer))),
      h('section', { class: 'card', id: 'payouts' }, h('h2', {}, 'Fee split'), table(v.payouts, [
        ['Role', (p) => p.role], ['Address', (p) => h('code', {}, p.address)], ['Amount (wei)', (p) => String(p.amount)]],
      { empty: 'No payouts: a free request.' })),
      h('section', { class: 'card', id: 'credited' }, h('h2', {}, 'Credited records'),
        r.records && r.records.length ? recordsTable(r.records) : h('p', { class: 'muted' }, 'The answer matched no golden record.')));
  }, (err) => {
    if (err.status === 404 && ++tries < 10) { setTimeout(load, 500); return; }
    clear(box, errorBox(err));
  });
  load();
}

