// Policy (read-only: source, hash, the text of each file) and tokens (list, create, revoke; admins only).

import { get, post, del } from './api.js';
import { h, show, field, toast, time, badge } from './dom.js';

export async function renderPolicy(view) {
  const policy = await get('/v1/policy');
  show(view,
    h('h1', {}, 'Policy in force'),
    h('dl', { class: 'meta wide' },
      h('dt', {}, 'Source'), h('dd', {}, h('code', {}, policy.source)),
      h('dt', {}, 'SHA-256'), h('dd', {}, h('code', { class: 'fingerprint' }, policy.sha256))),
    h('p', { class: 'hint' }, 'Read-only. The policy is changed in its file and takes effect when the gateway restarts; the audit log records each change (policy.loaded).'),
    policy.documents.slice().reverse().map((d, i) => h('details', { open: i === 0 },
      h('summary', {}, d.source === 'built-in' ? 'Built-in default policy' : d.source),
      h('pre', { class: 'policy', tabindex: 0 }, h('code', {}, d.text)))));
}

export async function renderTokens(view, me) {
  if (me.role !== 'admin') {
    show(view, h('h1', {}, 'Tokens'), h('p', { class: 'note' }, 'Only admins manage tokens.'));
    return;
  }
  const table = h('div', { class: 'table-wrap' });
  show(view, h('h1', {}, 'Tokens'), createForm(() => loadTable(table)), table);
  await loadTable(table);
}

async function loadTable(box) {
  const tokens = await get('/v1/tokens');
  tokens.sort((a, b) => b.created_at.localeCompare(a.created_at));
  show(box, h('table', { class: 'tokens' },
    h('caption', {}, `${tokens.filter(t => !t.revoked_at).length} active tokens`),
    h('thead', {}, h('tr', {}, ['Name', 'Role', 'Scope', 'Created', 'Expires', 'State', ''].map(c => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, tokens.map(t => h('tr', {},
      h('td', { 'data-label': 'Name' }, t.name, h('span', { class: 'id' }, ` ${t.id}`)),
      h('td', { 'data-label': 'Role' }, t.role),
      h('td', { 'data-label': 'Scope' }, t.scope.length ? t.scope.join(', ') : '—'),
      h('td', { 'data-label': 'Created' }, time(t.created_at, 'full')),
      h('td', { 'data-label': 'Expires' }, t.expires_at ? time(t.expires_at, 'full') : 'never'),
      h('td', { 'data-label': 'State' }, badge(t.revoked_at ? 'revoked' : t.expires_at && new Date(t.expires_at) < new Date() ? 'expired' : 'active')),
      h('td', {}, t.revoked_at ? null : h('button', { type: 'button', class: 'secondary small', onclick: () => revoke(t, box) }, `Revoke ${t.name}`)))))));
}

function createForm(onCreated) {
  const name = h('input', { name: 'name', required: true, maxlength: 200, autocomplete: 'off' });
  const role = h('select', { name: 'role' }, ['agent', 'approver', 'admin'].map(r => h('option', { value: r }, r)));
  const scope = h('input', { name: 'scope', autocomplete: 'off', placeholder: 'env:dev env:staging' });
  const ttl = h('input', { name: 'ttl', autocomplete: 'off', placeholder: '8h' });
  const out = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'create-token', 'aria-labelledby': 'create-title' },
    h('h2', { id: 'create-title' }, 'Create a token'),
    h('div', { class: 'row' }, field('Name', name), field('Role', role), field('Scope (agents)', scope, 'Space-separated, e.g. env:dev'), field('Lifetime', ttl, 'Empty: until revoked')),
    h('button', { type: 'submit', class: 'primary' }, 'Create'),
    out);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    try {
      const created = await post('/v1/tokens', {
        name: name.value.trim(), role: role.value,
        scope: scope.value.split(/\s+/).filter(Boolean), ttl: ttl.value.trim() || undefined,
      });
      const secret = h('input', { type: 'text', readonly: true, value: created.token, class: 'secret', 'aria-label': 'The new token' });
      show(out, h('div', { class: 'once' },
        h('p', {}, h('strong', {}, `Token for ${created.name} (${created.role}). `), 'It is shown once and never stored: copy it now.'),
        secret));
      secret.focus();
      secret.select();
      name.value = '';
      await onCreated();
    } catch (e) {
      show(out, h('p', { class: 'error', role: 'alert' }, e.message));
    }
  });
  return form;
}

async function revoke(token, box) {
  if (!window.confirm(`Revoke the token ${token.name} (${token.id})? Whoever uses it is refused from now on.`)) return;
  try {
    await del(`/v1/tokens/${encodeURIComponent(token.id)}`);
    toast(`Revoked ${token.name}.`, 'success');
    await loadTable(box);
  } catch (e) {
    toast(e.message, 'error');
  }
}
