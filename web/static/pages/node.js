// Node: identity, peers, tasks, points, epochs and earnings (with claims).
import { api, clear, errorBox, h, pill, section, session, short, show, table } from '../lib.js';

export function render(view) {
  const earnings = h('div');
  view.append(
    h('h1', {}, 'Node'),
    h('div', { class: 'grid' },
      section('Identity', async () => {
        const n = await api('/api/v1/node', { auth: false });
        return h('dl', { id: 'identity' },
          h('dt', {}, 'Peer ID'), h('dd', { class: 'mono', id: 'peer-id' }, n.peer_id),
          h('dt', {}, 'Address'), h('dd', { class: 'mono', id: 'node-address' }, n.address),
          h('dt', {}, 'Version'), h('dd', {}, n.version),
          h('dt', {}, 'Roles'), h('dd', {}, (n.roles || []).join(', ') || '—'),
          h('dt', {}, 'Uptime'), h('dd', {}, n.uptime),
          h('dt', {}, 'Peers'), h('dd', {}, n.peers),
          h('dt', {}, 'Datanets'), h('dd', {}, n.datanets),
          h('dt', {}, 'Records'), h('dd', {}, n.records),
          h('dt', {}, 'API'), h('dd', { class: 'mono' }, n.api),
          h('dt', {}, 'P2P'), h('dd', { class: 'mono' }, (n.p2p_addrs || []).join(' ')));
      }),
      section('Peers', async () => {
        const { peers } = await api('/api/v1/peers', { auth: false });
        return table(peers, [
          ['Peer', (p) => h('code', { title: p.id }, short(p.id, 16))],
          ['Direction', (p) => p.direction],
          ['Score', (p) => (p.score || 0).toFixed(2)],
          ['Addresses', (p) => h('code', {}, (p.addrs || []).join(' '))],
        ], { empty: 'No peers connected.' });
      })),
    section('Earnings', () => loadEarnings(earnings), earnings),
    section('Tasks', async () => show(await api('/api/v1/tasks', { auth: false }))),
    section('Points', async () => show(await api('/api/v1/points', { auth: false }))),
    section('Epochs', async () => show(await api('/api/v1/epochs', { auth: false }))),
  );
}

async function loadEarnings(msg) {
  let e;
  try {
    e = await api('/api/v1/earnings', { auth: false });
  } catch (err) {
    if (err.code === 'payments_disabled' || err.status === 503) {
      return h('p', { class: 'muted' }, 'Payments are not enabled on this node (no escrow configured).');
    }
    throw err;
  }
  const claims = e.claims || [];
  return h('div', {},
    h('dl', { id: 'earnings' },
      h('dt', {}, 'Account'), h('dd', { class: 'mono' }, e.account),
      h('dt', {}, 'Operator pending (wei)'), h('dd', {}, String(e.operator_pending ?? 0)),
      h('dt', {}, 'Operator paid (wei)'), h('dd', {}, String(e.operator_paid ?? 0)),
      h('dt', {}, 'Claimable (wei)'), h('dd', {}, String(e.claimable ?? 0)),
      h('dt', {}, 'Claimed (wei)'), h('dd', {}, String(e.claimed ?? 0))),
    h('h3', {}, 'Claims'),
    table(claims, [
      ['Epoch', (c) => c.epoch],
      ['Amount (wei)', (c) => String(c.amount)],
      ['Status', (c) => (c.claimed ? pill('claimed') : pill('pending'))],
      ['', (c) => (c.claimed ? '' : claimButton(c, msg))],
    ], { empty: 'No claims in settled epochs.' }));
}

function claimButton(c, msg) {
  if (!session.token()) return h('a', { href: '#/login' }, 'Log in to claim');
  return h('button', {
    type: 'button', class: 'claim', 'data-epoch': c.epoch,
    onclick: async (ev) => {
      ev.target.disabled = true;
      try {
        const r = await api('/api/v1/pay/claims', { method: 'POST', body: { epoch: c.epoch } });
        ev.target.replaceWith(h('span', { class: 'ok' }, 'claimed, tx ', h('code', {}, short(r.tx, 14))));
      } catch (err) {
        ev.target.disabled = false;
        msg.prepend(errorBox(err));
      }
    },
  }, 'Claim');
}

