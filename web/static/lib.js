// Shared helpers: the API client, DOM building (no HTML parsing: every value
// from the API goes in as text), tables and formatting.

const TOKEN = 'pvn.token';
const APIKEY = 'pvn.apikey';

export const session = {
  token: () => sessionStorage.getItem(TOKEN) || '',
  setToken: (t) => (t ? sessionStorage.setItem(TOKEN, t) : sessionStorage.removeItem(TOKEN)),
  apiKey: () => sessionStorage.getItem(APIKEY) || '',
  setAPIKey: (k) => (k ? sessionStorage.setItem(APIKEY, k) : sessionStorage.removeItem(APIKEY)),
};

export class APIError extends Error {
  constructor(status, body) {
    const msg = body && (typeof body.error === 'string' ? body.error : body.error && body.error.message);
    super(msg || `HTTP ${status}`);
    this.status = status;
    this.code = body && (body.code || (body.error && body.error.code));
    this.body = body;
  }
}

// api calls the node's REST API on this origin. With a body it sends JSON;
// the node token goes in the Authorization header when logged in (auth:
// false leaves it off, auth: 'key' sends the inference API key instead).
export async function api(path, { method = 'GET', body, auth = true, raw = false, signal } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const cred = auth === 'key' ? session.apiKey() : auth ? session.token() : '';
  if (cred) headers.Authorization = 'Bearer ' + cred;
  const resp = await fetch(path, {
    method, headers, signal, credentials: 'omit', cache: 'no-store',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (raw) return resp;
  const text = await resp.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = { error: text }; }
  if (!resp.ok) throw new APIError(resp.status, data);
  return data;
}

// h builds an element: h('a', {href: '#'}, 'text', child, [more]).
// Attributes starting with "on" are listeners; class/for map to className/htmlFor.
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'value' && tag === 'textarea') el.textContent = v; // a textarea's default value is its text
    else if (k in el && typeof v !== 'string') el[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function clear(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

// field: a labelled input. opts.type 'textarea' or 'select' (opts.options:
// [value] or [[value, text]]); other keys are the control's attributes.
let fieldSeq = 0;
export function field(text, name, opts = {}) {
  const { type = 'text', options, hint, ...rest } = opts;
  const id = 'f' + ++fieldSeq + '-' + name;
  let ctl;
  if (type === 'textarea') ctl = h('textarea', { id, name, ...rest });
  else if (type === 'select') {
    ctl = h('select', { id, name, ...rest },
      (options || []).map((o) => (Array.isArray(o) ? h('option', { value: o[0] }, o[1]) : h('option', { value: o }, o))));
    if (rest.value !== undefined) ctl.value = rest.value;
  } else ctl = h('input', { id, name, type, ...rest });
  if (type === 'checkbox') return h('label', { class: 'check', for: id }, ctl, text);
  return h('label', { for: id }, text, ctl, hint ? h('span', { class: 'hint' }, hint) : null);
}

export const short = (s, n = 10) => (s && s.length > n + 3 ? s.slice(0, n) + '…' : s || '');

export function when(ms) {
  if (!ms) return '';
  const d = new Date(ms);
  return isNaN(d) ? String(ms) : d.toLocaleString();
}

export function errorBox(err) {
  const code = err && err.code ? ` (${err.code})` : '';
  return h('p', { class: 'error', role: 'alert' }, (err && err.message ? err.message : String(err)) + code);
}

// table renders rows (objects) with columns [[header, row => cell]].
export function table(rows, columns, { empty = 'Nothing yet.', caption } = {}) {
  if (!rows || rows.length === 0) return h('p', { class: 'muted' }, empty);
  return h('table', {},
    caption ? h('caption', { class: 'muted' }, caption) : null,
    h('thead', {}, h('tr', {}, columns.map(([t]) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, columns.map(([, f]) => h('td', {}, f(r)))))));
}

// show renders any JSON value: arrays of objects as tables, objects as
// definition lists, the rest as text.
export function show(v, depth = 0) {
  if (v === null || v === undefined) return h('span', { class: 'muted' }, '—');
  if (Array.isArray(v)) {
    if (v.length === 0) return h('span', { class: 'muted' }, 'none');
    if (v.every((x) => x && typeof x === 'object' && !Array.isArray(x))) {
      const keys = [...new Set(v.flatMap((x) => Object.keys(x)))].slice(0, 10);
      return table(v.slice(0, 200), keys.map((k) => [k, (r) => show(r[k], depth + 1)]));
    }
    return h('span', {}, v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(', '));
  }
  if (typeof v === 'object') {
    if (depth > 2) return h('code', {}, JSON.stringify(v));
    const keys = Object.keys(v);
    if (keys.length === 0) return h('span', { class: 'muted' }, '{}');
    return h('dl', {}, keys.map((k) => [h('dt', {}, k), h('dd', {}, show(v[k], depth + 1))]));
  }
  return h('span', {}, String(v));
}

export const pill = (s) => h('span', { class: 'pill ' + s }, s);

// section: a titled card whose body loads from a promise.
export function section(title, load, ...extra) {
  const body = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));
  const sec = h('section', { class: 'card', 'aria-label': title }, h('h2', {}, title), ...extra, body);
  Promise.resolve().then(load).then(
    (el) => clear(body, el),
    (err) => clear(body, errorBox(err)));
  return sec;
}

// needLogin: a hint with a link to the login page, for write forms.
export function needLogin() {
  return h('p', { class: 'muted need-login' },
    h('a', { href: '#/login', onclick: () => sessionStorage.setItem('pvn.after-login', location.hash) }, 'Log in'),
    ' with the node\'s token to use this.');
}

// onSubmit wires a form: handler(values, form) runs with the button
// disabled; what it returns (a node or string) or throws shows in out.
export function onSubmit(form, out, handler) {
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const btn = form.querySelector('button[type=submit]');
    if (btn) btn.disabled = true;
    try {
      const r = await handler(Object.fromEntries(new FormData(form)), form);
      clear(out, r === undefined ? '' : typeof r === 'string' ? h('p', { class: 'ok', role: 'status' }, r) : r);
    } catch (err) {
      clear(out, errorBox(err));
    } finally {
      if (btn) btn.disabled = false;
    }
  });
}
