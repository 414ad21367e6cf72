// Datanets: the list, a create form, and one Datanet's records by state
// with a submit form and export links.
import { api, clear, errorBox, field, h, needLogin, onSubmit, pill, session, short, table, when } from '../lib.js';

const list = (s) => s.split(',').map((x) => x.trim()).filter(Boolean);

export function render(view, args) {
  if (args[0]) return renderOne(view, args[0]);
  const listBox = h('div', { id: 'datanet-list' }, h('p', { class: 'muted' }, 'Loading…'));
  const load = async () => {
    try {
      const { datanets } = await api('/api/v1/datanets', { auth: false });
      clear(listBox, table(datanets, [
        ['Name', (d) => h('a', { href: '#/datanets/' + d.id, class: 'datanet-link' }, d.name)],
        ['Labels', (d) => (d.labels || []).join(', ') || h('span', { class: 'muted' }, 'none')],
        ['Quorum', (d) => `${d.quorum} of ${(d.validators || []).length}`],
        ['Owner', (d) => h('code', { title: d.owner }, short(d.owner, 10))],
        ['ID', (d) => h('code', { class: 'hide-narrow', title: d.id }, short(d.id, 14))],
        ['Created', (d) => when(d.created_at)],
      ], { empty: 'No Datanets yet.' }));
    } catch (err) {
      clear(listBox, errorBox(err));
    }
  };
  view.append(h('h1', {}, 'Datanets'), h('section', { class: 'card' }, h('h2', {}, 'All Datanets'), listBox));
  view.append(h('section', { class: 'card' }, h('h2', {}, 'Create a Datanet'), session.token() ? createForm(load) : needLogin()));
  load();
}

function createForm(reload) {
  const out = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'stack', id: 'create-datanet' },
    field('Name', 'name', { required: true, maxlength: 200 }),
    field('Description', 'description', { type: 'textarea', rows: 2 }),
    field('Labels', 'labels', { placeholder: 'spam, ham', hint: 'Comma-separated; leave empty for a Datanet without labels.' }),
    field('Validators', 'validators', { hint: 'Comma-separated account addresses (0x…); this node\'s account is filled in.' }),
    field('Quorum', 'quorum', { type: 'number', min: 1, value: '1', required: true, hint: 'Votes needed to decide a record.' }),
    h('div', {}, h('button', { type: 'submit' }, 'Create')), out);
  api('/api/v1/node', { auth: false }).then((n) => { if (!form.elements.validators.value) form.elements.validators.value = n.address; }, () => {});
  onSubmit(form, out, async (v) => {
    const d = await api('/api/v1/datanets', { method: 'POST', body: {
      name: v.name.trim(), description: v.description, labels: list(v.labels),
      validators: list(v.validators), quorum: Number(v.quorum),
    } });
    await reload();
    form.reset();
    form.elements.quorum.value = '1';
    return h('p', { class: 'ok', role: 'status' }, 'Created ', h('a', { href: '#/datanets/' + d.id }, d.name), '.');
  });
  return form;
}

function renderOne(view, id) {
  const head = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));
  const records = h('div', { id: 'records' });
  const stateSel = field('State', 'state', { type: 'select', options: [['', 'all'], 'pending', 'golden', 'rejected'] });
  const submitBox = h('div');
  let dn = null;
  let timer = null;

  const loadRecords = async () => {
    const st = stateSel.querySelector('select').value;
    try {
      const r = await api(`/api/v1/datanets/${encodeURIComponent(id)}/records?limit=200${st ? '&state=' + st : ''}`, { auth: false });
      clear(records, table(r.records, [
        ['Record', (x) => h('code', { title: x.cid }, short(x.cid, 12))],
        ['Content', (x) => h('span', { class: 'record-content' }, short(x.content, 120))],
        ['Label', (x) => (x.final ? x.final.label : x.label) || h('span', { class: 'muted' }, '—')],
        ['State', (x) => pill(x.state || 'pending')],
        ['Source', (x) => (x.source ? h('code', {}, short(x.source, 40)) : '')],
        ['Submitted', (x) => when(x.created_at)],
      ], { empty: 'No records in this state.' }));
    } catch (err) {
      clear(records, errorBox(err));
    }
  };
  stateSel.querySelector('select').addEventListener('change', loadRecords);

  view.append(h('p', {}, h('a', { href: '#/datanets' }, '← Datanets')), head,
    h('section', { class: 'card' }, h('h2', {}, 'Records'), h('div', { class: 'row' }, stateSel), records),
    h('section', { class: 'card' }, h('h2', {}, 'Submit a record'), submitBox));

  api('/api/v1/datanets/' + encodeURIComponent(id), { auth: false }).then((d) => {
    dn = d;
    clear(head,
      h('h1', {}, d.name),
      d.description ? h('p', {}, d.description) : null,
      h('dl', {},
        h('dt', {}, 'ID'), h('dd', { class: 'mono' }, d.id),
        h('dt', {}, 'Owner'), h('dd', { class: 'mono' }, d.owner),
        h('dt', {}, 'Labels'), h('dd', {}, (d.labels || []).join(', ') || '—'),
        h('dt', {}, 'Validators'), h('dd', { class: 'mono' }, (d.validators || []).join(' ')),
        h('dt', {}, 'Quorum'), h('dd', {}, d.quorum),
        h('dt', {}, 'Export'), h('dd', {},
          h('a', { href: `/api/v1/datanets/${d.id}/export`, download: d.id + '.jsonl', id: 'export-all' }, 'all records (JSONL)'), ' · ',
          h('a', { href: `/api/v1/datanets/${d.id}/export?format=dataset`, download: d.id + '.golden.jsonl' }, 'golden dataset'))));
    clear(submitBox, session.token() ? submitForm(dn, loadRecords) : needLogin());
  }, (err) => clear(head, errorBox(err)));
  loadRecords();
  timer = setInterval(loadRecords, 5000);
  return () => clearInterval(timer);
}

function submitForm(dn, reload) {
  const out = h('div', { 'aria-live': 'polite' });
  const labels = dn.labels || [];
  const form = h('form', { class: 'stack', id: 'submit-record' },
    field('Content', 'content', { type: 'textarea', required: true, rows: 4 }),
    field('Source', 'source', { hint: 'Where the text comes from (optional).' }),
    labels.length ? field('Label', 'label', { type: 'select', options: [['', '(none: let validators decide)'], ...labels] }) : null,
    h('div', {}, h('button', { type: 'submit' }, 'Submit')), out);
  onSubmit(form, out, async (v) => {
    const body = { content: v.content };
    if (v.source) body.source = v.source;
    if (v.label) body.label = v.label;
    const r = await api(`/api/v1/datanets/${dn.id}/records`, { method: 'POST', body });
    form.elements.content.value = '';
    await reload();
    return h('p', { class: 'ok', role: 'status' }, r.created ? 'Submitted ' : 'Already there: ', h('code', {}, r.cid));
  });
  return form;
}
