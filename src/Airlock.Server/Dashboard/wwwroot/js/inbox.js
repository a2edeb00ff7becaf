// The approvals inbox: what each pending request would do, where, how undoable, why Airlock held it,
// who asked — and the approve / reject / cancel controls, with typed confirmation, N-of-M progress
// and the cooling-off countdown.

import { get, post } from './api.js';
import { h, show, toast, field, badge, time } from './dom.js';
import { highlight, actionText } from './highlight.js';

export async function renderInbox(view, me) {
  const [pending, approved] = await Promise.all([
    get('/v1/approvals?status=pending&limit=200'),
    get('/v1/approvals?status=approved&limit=200'),
  ]);
  const newestFirst = (a, b) => b.created_at.localeCompare(a.created_at);
  pending.sort(newestFirst);
  const unused = approved.filter(a => !a.grant_consumed_at).sort(newestFirst);
  document.getElementById('pending-count').textContent = pending.length ? String(pending.length) : '';

  show(view,
    h('h1', {}, 'Approvals inbox'),
    me.role !== 'approver' ? h('p', { class: 'note' }, 'You are signed in as an admin: you can read requests, but only approver tokens can approve or reject them.') : null,
    h('section', { 'aria-labelledby': 'pending-title' },
      h('h2', { id: 'pending-title' }, `Waiting for a decision (${pending.length})`),
      pending.length ? pending.map(a => card(a, me)) : h('p', { class: 'empty' }, 'Nothing is waiting for approval.')),
    unused.length ? h('section', { 'aria-labelledby': 'approved-title' },
      h('h2', { id: 'approved-title' }, `Approved, not used yet (${unused.length})`),
      unused.map(a => card(a, me))) : null);
}

/** One request on its own page: where the review link of a notification (review_url) leads. */
export async function renderApproval(view, me, id) {
  const approval = await get(`/v1/approvals/${encodeURIComponent(id)}`);
  show(view,
    h('p', {}, h('a', { href: '#/inbox' }, '← Inbox')),
    h('h1', {}, `Request ${approval.id}`),
    card(approval, me));
}

function card(approval, me) {
  const titleId = `title-${approval.id}`;
  const evidence = approval.operations.map(o => o.evidence);
  const description = approval.input?.description;
  return h('article', { class: `card ${approval.status}`, 'aria-labelledby': titleId, 'data-approval': approval.id },
    h('header', { class: 'card-head' },
      h('h3', { id: titleId }, approval.tool, ' ', h('span', { class: 'id' }, approval.id)),
      badge(approval.status), h('span', { class: `env ${approval.environment}` }, approval.environment)),
    h('pre', { class: 'action', tabindex: 0, 'aria-label': 'The action, in full' }, highlight(actionText(approval.tool, approval.input, approval.command), evidence)),
    description ? h('p', { class: 'agent-says' }, 'The agent describes it as “', description, '” — its own words, not verified.') : null,
    h('p', { class: 'summary' }, approval.summary),
    operations(approval.operations),
    h('dl', { class: 'meta' },
      item('Agent', approval.agent),
      item('Session', approval.session ? h('a', { href: `#/sessions/${encodeURIComponent(approval.session)}` }, approval.session) : '—'),
      item('Client', approval.client ?? '—'),
      item('Workspace', `${approval.tenant} / ${approval.workspace}`),
      approval.cwd ? item('Directory', approval.cwd) : null,
      item('Rule', approval.rule),
      item('Reason code', approval.reason_code),
      item('Requested', h('span', {}, time(approval.created_at, 'full'), ' (', h('span', { 'data-since': approval.created_at }), ' ago)')),
      approval.status === 'pending' ? item('Expires in', h('span', { 'data-until': approval.expires_at, 'data-late': 'expired' })) : null),
    progress(approval),
    approval.status === 'pending' ? voteForm(approval, me) : approval.status === 'approved' ? approvedState(approval, me) : resolvedState(approval));
}

function item(term, value) {
  return [h('dt', {}, term), h('dd', {}, value)];
}

function operations(list) {
  if (!list.length) return null;
  return h('div', { class: 'table-wrap' }, h('table', { class: 'ops' },
    h('caption', {}, 'What Airlock understood'),
    h('thead', {}, h('tr', {}, ['Operation', 'Target', 'Environment', 'Blast radius', 'Reversibility', 'Evidence'].map(c => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, list.map(o => h('tr', {},
      h('td', { 'data-label': 'Operation' }, h('code', {}, o.kind)),
      h('td', { 'data-label': 'Target' }, o.target),
      h('td', { 'data-label': 'Environment' }, h('span', { class: `env ${o.environment}` }, o.environment), o.environment_evidence ? h('span', { class: 'why' }, o.environment_evidence) : null),
      h('td', { 'data-label': 'Blast radius' }, o.blast_radius),
      h('td', { 'data-label': 'Reversibility' }, h('span', { class: `rev ${o.reversibility}` }, o.reversibility)),
      h('td', { 'data-label': 'Evidence' }, h('code', {}, o.evidence)))))));
}

function progress(approval) {
  const approvals = approval.votes.filter(v => v.vote === 'approve');
  const required = approval.approvals_required;
  return h('div', { class: 'progress' },
    h('label', {}, `Approvals: ${approvals.length} of ${required}`,
      h('progress', { max: required, value: approvals.length, 'aria-label': `${approvals.length} of ${required} approvals` })),
    approval.votes.length ? h('ul', { class: 'votes' }, approval.votes.map(v =>
      h('li', {}, h('strong', {}, v.approver), ` ${v.vote === 'approve' ? 'approved' : v.vote === 'reject' ? 'rejected' : 'cancelled'} `, time(v.at), v.reason ? ` — “${v.reason}”` : ''))) : null);
}

function voteForm(approval, me) {
  if (me.role !== 'approver') return null;
  // The gateway refuses these anyway; the page says so instead of offering a button that fails.
  const approvals = approval.votes.filter(v => v.vote === 'approve');
  if (approvals.some(v => v.approver === me.name)) {
    const missing = approval.approvals_required - approvals.length;
    return h('p', { class: 'note' }, `You have approved this. It needs ${missing} more approver${missing === 1 ? '' : 's'}.`);
  }
  if (approval.agent === me.name && approval.tenant === me.tenant) {
    return h('p', { class: 'note' }, `${me.name} asked for this, so another person must decide it.`);
  }
  const reason = h('textarea', { name: 'reason', rows: 2, maxlength: 2000 });
  const confirm = approval.confirm_text ? h('input', { name: 'confirm', type: 'text', autocomplete: 'off', spellcheck: 'false', required: true }) : null;
  const approve = h('button', { type: 'submit', class: 'primary danger', value: 'approve' }, approval.votes.some(v => v.vote === 'approve') ? 'Add my approval' : 'Approve');
  const reject = h('button', { type: 'submit', class: 'secondary', value: 'reject' }, 'Reject');
  const error = h('p', { class: 'error', role: 'alert' });
  const form = h('form', { class: 'vote', 'aria-label': `Decide ${approval.id}` },
    confirm ? field(`Type “${approval.confirm_text}” to confirm`, confirm, 'The policy asks for the target’s name, typed exactly, before this can be approved.') : null,
    field('Reason (recorded in the audit log)', reason),
    error,
    h('div', { class: 'actions' }, approve, reject));
  if (confirm) {
    const sync = () => { approve.disabled = confirm.value.trim() !== approval.confirm_text; };
    confirm.addEventListener('input', sync);
    sync();
  }
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const action = event.submitter?.value ?? 'approve';
    form.querySelectorAll('button').forEach(b => { b.disabled = true; });
    try {
      const body = { reason: reason.value.trim() || undefined, confirm: confirm?.value.trim() || undefined };
      const result = await post(`/v1/approvals/${encodeURIComponent(approval.id)}/${action}`, body);
      toast(action === 'reject' ? `Rejected ${approval.id}.` : result.status === 'approved' ? `Approved ${approval.id}.` : `Your approval of ${approval.id} is recorded; more approvers are needed.`, 'success');
      window.dispatchEvent(new Event('airlock:refresh'));
    } catch (e) {
      error.textContent = e.message;
      form.querySelectorAll('button').forEach(b => { b.disabled = false; });
      if (confirm) confirm.dispatchEvent(new Event('input'));
    }
  });
  return form;
}

function approvedState(approval, me) {
  const cooling = approval.grant_usable_at && new Date(approval.grant_usable_at) > new Date();
  const cancel = me.role === 'approver' && !approval.grant_consumed_at
    ? h('button', { type: 'button', class: 'secondary', onclick: () => cancelApproval(approval) }, 'Cancel this approval')
    : null;
  return h('div', { class: 'approved-state' },
    h('p', {}, `Approved by ${approval.resolved_by ?? 'the approvers'}`, approval.resolution_reason ? ` — “${approval.resolution_reason}”` : '', '.'),
    cooling
      ? h('p', { class: 'cooling' }, 'Cooling off: the agent can use this approval in ', h('strong', { 'data-until': approval.grant_usable_at, 'data-late': 'now' }), '. Cancel it before then if in doubt.')
      : h('p', {}, 'The agent can run this exact action once; the approval expires in ', h('span', { 'data-until': approval.grant_expires_at, 'data-late': 'expired' }), '.'),
    cancel);
}

function resolvedState(approval) {
  return h('p', { class: 'resolved' }, `This request is ${approval.status}`,
    approval.resolved_by ? ` by ${approval.resolved_by}` : '',
    approval.resolved_at ? [' at ', time(approval.resolved_at, 'full')] : '',
    approval.resolution_reason ? ` — “${approval.resolution_reason}”` : '', '.');
}

async function cancelApproval(approval) {
  const reason = window.prompt(`Cancel the approval of ${approval.id}? Give a reason (recorded):`, '');
  if (reason === null) return;
  try {
    await post(`/v1/approvals/${encodeURIComponent(approval.id)}/cancel`, { reason: reason.trim() || undefined });
    toast(`Cancelled ${approval.id}.`, 'success');
    window.dispatchEvent(new Event('airlock:refresh'));
  } catch (e) {
    toast(e.message, 'error');
  }
}
