// Review: a validator's queue (unsure records first, as the node orders
// it), voted from the keyboard: 1..9 accept with the Nth label of the
// record's Datanet, r rejects, s skips; focus moves to the next record.
import { api, clear, errorBox, h, needLogin, pill, short } from '../lib.js';

export function render(view) {
  const status = h('p', { class: 'muted', id: 'review-status', tabindex: '-1', 'aria-live': 'polite' }, 'Loading…');
  const list = h('div', { id: 'review-list' });
  const legend = h('p', { class: 'muted' }, 'Keys: ', h('kbd', {}, '1'), '…', h('kbd', {}, '9'), ' accept with that label · ',
    h('kbd', {}, 'r'), ' reject · ', h('kbd', {}, 's'), ' skip · ', h('kbd', {}, 'j'), '/', h('kbd', {}, 'k'), ' next/previous.');
  view.append(h('h1', {}, 'Review'), legend, status, list);
  if (!sessionStorage.getItem('pvn.token')) view.insertBefore(needLogin(), status);

  let items = []; // {rec, labels, el, done}
  let cur = -1;
  let voted = 0;
  let failed = 0;

  const setStatus = () => {
    const left = items.filter((x) => !x.done).length;
    status.textContent = `${items.length} in the queue · ${voted} voted${failed ? ` · ${failed} failed` : ''} · ${left} left`;
  };

  const focus = (i) => {
    if (cur >= 0 && items[cur]) items[cur].el.classList.remove('current');
    cur = i;
    if (i < 0 || i >= items.length) {
      cur = -1;
      status.focus();
      return;
    }
    items[i].el.classList.add('current');
    items[i].el.focus();
    items[i].el.scrollIntoView({ block: 'nearest' });
  };
  const next = (from) => {
    for (let i = from + 1; i < items.length; i++) if (!items[i].done) return i;
    for (let i = 0; i <= from && i < items.length; i++) if (!items[i].done) return i;
    return -1;
  };

  const vote = (it, body, what) => {
    it.done = true;
    it.el.classList.add('done');
    const res = it.el.querySelector('.result');
    res.textContent = what + '…';
    api('/api/v1/votes', { method: 'POST', body }).then(() => {
      voted++;
      res.textContent = what;
      res.className = 'result ok';
      it.el.dataset.voted = body.accept ? body.label || 'accept' : 'reject';
      setStatus();
    }, (err) => {
      failed++;
      it.done = false;
      it.el.classList.remove('done');
      clear(res, errorBox(err));
      setStatus();
    });
  };

  const onKey = (ev) => {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const t = ev.target;
    if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT')) return;
    if (cur < 0 || !items[cur]) return;
    const it = items[cur];
    const k = ev.key;
    if (k >= '1' && k <= '9') {
      const n = Number(k);
      if (it.labels.length === 0 && n === 1) vote(it, { record: it.rec.record, accept: true, label: '' }, 'accepted');
      else if (n <= it.labels.length) vote(it, { record: it.rec.record, accept: true, label: it.labels[n - 1] }, 'accepted: ' + it.labels[n - 1]);
      else return;
    } else if (k === 'r') vote(it, { record: it.rec.record, accept: false, label: '' }, 'rejected');
    else if (k === 's' || k === 'j' || k === 'ArrowDown') { it.el.querySelector('.result').textContent = k === 's' ? 'skipped' : ''; }
    else if (k === 'k' || k === 'ArrowUp') { ev.preventDefault(); focus(Math.max(0, cur - 1)); return; }
    else return;
    ev.preventDefault();
    setStatus();
    focus(k === 's' || k === 'j' || k === 'ArrowDown' ? (cur + 1 < items.length ? cur + 1 : next(cur)) : next(cur));
  };
  document.addEventListener('keydown', onKey);

  (async () => {
    try {
      const [{ records }, { datanets }] = await Promise.all([
        api('/api/v1/review?limit=500', { auth: false }), api('/api/v1/datanets', { auth: false })]);
      const byID = Object.fromEntries(datanets.map((d) => [d.id, d]));
      items = records.map((rec, i) => {
        const d = byID[rec.datanet] || { labels: [], name: short(rec.datanet, 12) };
        const labels = d.labels || [];
        const el = h('article', { class: 'review-item', tabindex: '0', 'data-record': rec.record, 'data-index': i,
          'aria-label': `Record ${i + 1}: ${short(rec.excerpt, 60)}` },
          h('div', { class: 'row' },
            h('strong', {}, d.name),
            rec.sure ? pill('sure') : pill('unsure'),
            h('span', {}, 'suggested: ', h('b', { class: 'suggested' }, rec.suggested_label || '—'),
              ' (', ((rec.confidence || 0) * 100).toFixed(0), '%)'),
            rec.source ? h('code', { title: rec.source }, short(rec.source, 48)) : h('span', { class: 'muted' }, 'submitted'),
            rec.redundant ? h('span', { class: 'pill' }, 'near-duplicate of ' + short(rec.redundant.of, 10)) : null),
          h('p', { class: 'excerpt' }, rec.excerpt),
          h('div', { class: 'keys' },
            labels.length ? labels.slice(0, 9).map((l, j) => h('span', {}, h('kbd', {}, j + 1), ' ', l)) : h('span', {}, h('kbd', {}, '1'), ' accept'),
            h('span', {}, h('kbd', {}, 'r'), ' reject'), h('span', {}, h('kbd', {}, 's'), ' skip')),
          h('p', { class: 'result muted', 'aria-live': 'polite' }));
        const it = { rec, labels, el, done: false };
        el.addEventListener('focus', () => { if (items[cur] !== it) { if (items[cur]) items[cur].el.classList.remove('current'); cur = items.indexOf(it); el.classList.add('current'); } });
        return it;
      });
      if (items.length === 0) {
        status.textContent = 'The queue is empty: nothing pending that this node has not voted on.';
        return;
      }
      clear(list, items.map((x) => x.el));
      setStatus();
      focus(0);
    } catch (err) {
      clear(list, errorBox(err));
      status.textContent = '';
    }
  })();
  return () => document.removeEventListener('keydown', onKey);
}
