// The dashboard's entry: hash routing (#/page/arg...), the login state in
// the header, and the login page. Each page module exports
// render(view, args) and may return a cleanup function (timers, streams).
import { api, clear, errorBox, field, h, session } from './lib.js';
import * as nodePage from './pages/node.js';
import * as datanets from './pages/datanets.js';
import * as review from './pages/review.js';
import * as chat from './pages/chat.js';
import * as factory from './pages/factory.js';

const pages = { node: nodePage, datanets, review, chat, factory, receipt: chat, login: { render: loginPage } };

let cleanup = null;

function route() {
  const view = document.getElementById('view');
  if (cleanup) { try { cleanup(); } catch { /* a page's own problem */ } cleanup = null; }
  const parts = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const name = pages[parts[0]] ? parts[0] : 'node';
  for (const a of document.querySelectorAll('nav a')) {
    if (a.dataset.page === name || (name === 'receipt' && a.dataset.page === 'chat')) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  clear(view);
  const page = pages[name];
  try {
    const r = name === 'receipt' ? page.renderReceipt(view, parts.slice(1)) : page.render(view, parts.slice(1));
    if (typeof r === 'function') cleanup = r;
  } catch (err) {
    clear(view, errorBox(err));
  }
  document.title = 'provenet · ' + name;
}

export function renderAuth() {
  const box = document.getElementById('auth');
  if (session.token()) {
    clear(box,
      h('span', { class: 'muted', id: 'logged-in' }, 'Logged in'),
      h('button', { class: 'secondary', type: 'button', id: 'logout', onclick: () => { session.setToken(''); renderAuth(); route(); } }, 'Log out'));
  } else {
    clear(box, h('a', { href: '#/login', id: 'login-link' }, 'Log in'));
  }
}

function loginPage(view) {
  const msg = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'stack', id: 'login-form' },
    field('API token', 'token', { type: 'password', autocomplete: 'current-password', required: true,
      hint: 'The node\'s api.token (provenet token, or the file in its home). Kept in this tab\'s session storage only.' }),
    h('div', {}, h('button', { type: 'submit' }, 'Log in')), msg);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const token = form.elements.token.value.trim();
    // A private read checks the token without changing anything.
    try {
      const resp = await fetch('/api/v1/factory/access', { headers: { Authorization: 'Bearer ' + token }, credentials: 'omit', cache: 'no-store' });
      if (resp.status === 401) throw new Error('That token is not this node\'s.');
      if (!resp.ok) throw new Error('HTTP ' + resp.status);
      session.setToken(token);
      renderAuth();
      location.hash = sessionStorage.getItem('pvn.after-login') || '#/node';
      sessionStorage.removeItem('pvn.after-login');
    } catch (err) {
      clear(msg, errorBox(err));
    }
  });
  clear(view, h('h1', {}, 'Log in'),
    h('p', { class: 'muted' }, 'Reading works without logging in; creating, submitting, voting, claiming and training need the node\'s token.'),
    form);
  form.elements.token.focus();
}

addEventListener('hashchange', route);
renderAuth();
route();
// For tests and curious operators: the API client on the console.
window.provenet = { api };
