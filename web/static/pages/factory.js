// Model Factory: the jobs, a form to start one (LoRA on a Datanet's golden
// records), and a job's page that polls its progress and draws the loss.
import { api, clear, errorBox, field, h, needLogin, onSubmit, pill, session, short, show, table } from '../lib.js';

const pct = (p) => (p && p.Steps ? Math.min(100, (100 * p.Step) / p.Steps) : 0);
const eta = (ns) => (ns ? Math.round(ns / 1e9) + ' s' : '—');

export function render(view, args) {
  if (args[0]) return renderJob(view, args[0]);
  const jobs = h('div', { id: 'jobs' }, h('p', { class: 'muted' }, 'Loading…'));
  const load = async () => {
    try {
      const r = await api('/api/v1/factory/jobs', { auth: false });
      clear(jobs, table(r.jobs, [
        ['Job', (j) => h('a', { href: '#/factory/' + encodeURIComponent(j.id), class: 'job-link' }, j.request.name || j.id)],
        ['State', (j) => pill(j.state)],
        ['Progress', (j) => `${j.progress.Step}/${j.progress.Steps || j.request.steps}`],
        ['Loss', (j) => (j.progress.Loss ? j.progress.Loss.toFixed(3) : '—')],
        ['Datanet', (j) => h('code', { title: j.request.datanet }, short(j.request.datanet, 12))],
        ['Where', (j) => (j.peer ? 'peer ' + short(j.peer, 10) : 'here')],
      ], { empty: 'No jobs yet.' }));
    } catch (err) {
      clear(jobs, errorBox(err));
    }
  };
  view.append(h('h1', {}, 'Model Factory'),
    h('section', { class: 'card' }, h('h2', {}, 'Jobs'), jobs),
    h('section', { class: 'card' }, h('h2', {}, 'Fine-tune a LoRA adapter'), session.token() ? jobForm() : needLogin()));
  load();
  const t = setInterval(load, 3000);
  return () => clearInterval(t);
}

function jobForm() {
  const out = h('div', { 'aria-live': 'polite' });
  const dnSel = field('Datanet', 'datanet', { type: 'select', options: [], required: true,
    hint: 'Training uses its golden records; another owner\'s Datanet needs a grant (factory access).' });
  api('/api/v1/datanets', { auth: false }).then(({ datanets }) => {
    clear(dnSel.querySelector('select'), datanets.map((d) => h('option', { value: d.id }, d.name)));
  }, () => {});
  const num = (t, n, v, hint, extra = {}) => field(t, n, { type: 'number', value: String(v), hint, ...extra });
  const form = h('form', { class: 'stack', id: 'job-form' },
    dnSel,
    field('Adapter name', 'name', { required: true, pattern: '[A-Za-z0-9._-]+', hint: 'Letters, digits, dot, dash, underscore.' }),
    field('Base model', 'base', { hint: 'Empty: the trainer\'s base model.' }),
    h('div', { class: 'grid' },
      num('Rank', 'rank', 8, 'LoRA rank r: the adapter\'s capacity (4–16 is usual).', { min: 1, max: 256 }),
      num('Alpha', 'alpha', 16, 'Scale of the update; alpha/rank = 2 is a common choice.', { min: 1, step: 'any' }),
      field('Targets', 'targets', { value: 'q,v', hint: 'Projections to adapt: q, k, v, o (comma-separated).' }),
      num('Steps', 'steps', 30, 'Optimizer steps.', { min: 1 }),
      num('Batch', 'batch', 4, 'Sequences per step.', { min: 1 }),
      num('Sequence length', 'seq', 64, 'Tokens per sequence.', { min: 8 }),
      num('Learning rate', 'lr', 0.001, 'AdamW learning rate.', { min: 0, step: 'any' }),
      num('Seed', 'seed', 1, 'For a reproducible run.', { min: 0 }),
      field('Where', 'where', { type: 'select', options: [['auto', 'auto (here if idle, else a GPU peer)'], ['local', 'here'], ['remote', 'a GPU peer']] })),
    h('div', {}, h('button', { type: 'submit' }, 'Start training')), out);
  onSubmit(form, out, async (v) => {
    const job = await api('/api/v1/factory/jobs', { method: 'POST', body: {
      datanet: v.datanet, name: v.name, base: v.base || undefined, rank: Number(v.rank), alpha: Number(v.alpha),
      targets: v.targets.split(',').map((x) => x.trim()).filter(Boolean), steps: Number(v.steps), batch: Number(v.batch),
      seq: Number(v.seq), lr: Number(v.lr), seed: Number(v.seed), where: v.where,
    } });
    location.hash = '#/factory/' + encodeURIComponent(job.id);
  });
  return form;
}

function renderJob(view, id) {
  const box = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));
  const losses = [];
  let timer = null;
  view.append(h('p', {}, h('a', { href: '#/factory' }, '← Model Factory')), box);
  const load = async () => {
    let j;
    try {
      j = await api('/api/v1/factory/jobs/' + encodeURIComponent(id), { auth: false });
    } catch (err) {
      clear(box, errorBox(err));
      return;
    }
    const p = j.progress || {};
    if (p.Step && (losses.length === 0 || losses[losses.length - 1][0] !== p.Step)) losses.push([p.Step, p.Loss]);
    const live = j.state === 'queued' || j.state === 'running';
    clear(box,
      h('h1', {}, j.request.name || j.id, ' ', pill(j.state)),
      h('section', { class: 'card', id: 'job-progress' },
        h('h2', {}, 'Progress'),
        h('div', { class: 'bar', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': pct(p).toFixed(0) },
          barFill(pct(p))),
        h('dl', {},
          h('dt', {}, 'Step'), h('dd', { id: 'job-step' }, `${p.Step || 0} of ${p.Steps || j.request.steps}`),
          h('dt', {}, 'Loss'), h('dd', {}, p.Loss ? p.Loss.toFixed(4) : '—'),
          h('dt', {}, 'Tokens/s'), h('dd', {}, p.TokensPerSec ? p.TokensPerSec.toFixed(0) : '—'),
          h('dt', {}, 'ETA'), h('dd', {}, live ? eta(p.ETA) : '—'),
          h('dt', {}, 'Where'), h('dd', {}, j.peer ? 'GPU peer ' + j.peer : 'this node')),
        losses.length > 1 ? chart(losses) : null,
        j.error ? h('p', { class: 'error' }, j.error) : null),
      j.heldout_before || j.heldout_after ? h('section', { class: 'card' }, h('h2', {}, 'Evaluation (held-out)'), h('dl', {},
        h('dt', {}, 'Loss before'), h('dd', {}, j.heldout_before ? j.heldout_before.Loss.toFixed(4) : '—'),
        h('dt', {}, 'Loss after'), h('dd', {}, j.heldout_after ? j.heldout_after.Loss.toFixed(4) : '—'),
        h('dt', {}, 'Perplexity after'), h('dd', {}, j.heldout_after ? j.heldout_after.Perplexity.toFixed(2) : '—'))) : null,
      j.samples && j.samples.length ? h('section', { class: 'card' }, h('h2', {}, 'Sample generations'), show(j.samples)) : null,
      j.adapter ? h('section', { class: 'card', id: 'job-adapter' }, h('h2', {}, 'Adapter'), show(j.adapter),
        h('p', {}, h('a', { href: '#/chat' }, 'Chat with it'))) : null,
      h('section', { class: 'card' }, h('h2', {}, 'Hyperparameters'), show(j.request)));
    if (!live) { clearInterval(timer); timer = null; }
  };
  load();
  timer = setInterval(load, 1000);
  return () => timer && clearInterval(timer);
}

// barFill: the progress bar's fill, sized through the CSSOM (the CSP
// forbids style attributes).
function barFill(v) {
  const s = h('span');
  s.style.width = v + '%';
  return s;
}

const SVG = 'http://www.w3.org/2000/svg';
function chart(points) {
  const w = 600, ht = 160, pad = 28;
  const xs = points.map((p) => p[0]), ys = points.map((p) => p[1]);
  const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
  const sx = (x) => pad + ((x - x0) / (x1 - x0 || 1)) * (w - 2 * pad);
  const sy = (y) => ht - pad + -((y - y0) / (y1 - y0 || 1)) * (ht - 2 * pad);
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${w} ${ht}`);
  svg.setAttribute('class', 'chart');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `Loss from ${ys[0].toFixed(3)} to ${ys[ys.length - 1].toFixed(3)} over ${points.length} steps`);
  const line = document.createElementNS(SVG, 'polyline');
  line.setAttribute('points', points.map((p) => `${sx(p[0]).toFixed(1)},${sy(p[1]).toFixed(1)}`).join(' '));
  svg.append(line);
  for (const [x, y, t] of [[4, pad, y1.toFixed(3)], [4, ht - pad, y0.toFixed(3)], [w - pad, ht - 6, 'step ' + x1]]) {
    const tx = document.createElementNS(SVG, 'text');
    tx.setAttribute('x', x); tx.setAttribute('y', y); tx.textContent = t;
    svg.append(tx);
  }
  return svg;
}
