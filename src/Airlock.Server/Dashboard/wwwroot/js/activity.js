// Activity: the live feed of decisions, filterable by agent, session, outcome and reason code; and the
// timeline of one session — each call, what Airlock understood and decided, the approval, what ran —
// the same story `airlock audit replay` prints.

import { auditRecords } from './api.js';
import { h, show, field, badge, time } from './dom.js';
import { highlight, actionText } from './highlight.js';

const FILTERS = ['agent', 'session', 'outcome', 'reason_code'];
const OUTCOMES = ['allow', 'ask', 'approve', 'deny'];
let current = null;

export async function renderActivity(view, params) {
  const filters = Object.fromEntries(FILTERS.map(name => [name, params.get(name) ?? '']));
  const list = h('ol', { class: 'feed', 'aria-live': 'polite', 'aria-relevant': 'additions' });
  current = { filters, list };
  show(view,
    h('h1', {}, 'Activity'),
    filterForm(filters),
    list);
  const query = { type: 'decision', order: 'newest', limit: 200 };
  for (const [name, value] of Object.entries(filters)) if (value) query[name] = value;
  const records = await auditRecords(query);
  if (!records.length) list.replaceWith(h('p', { class: 'empty' }, 'No decisions match.'), list);
  records.forEach(r => list.append(feedItem(r)));
}

/** Called for every live audit record: a matching decision goes to the top of the open feed. */
export function onRecord(record) {
  if (!current || !current.list.isConnected || record.type !== 'decision') return;
  for (const [name, value] of Object.entries(current.filters)) {
    if (value && record[name] !== value) return;
  }
  current.list.previousElementSibling?.classList.contains('empty') && current.list.previousElementSibling.remove();
  current.list.prepend(feedItem(record));
  while (current.list.children.length > 500) current.list.lastElementChild.remove();
}

function filterForm(filters) {
  const inputs = {
    agent: h('input', { name: 'agent', value: filters.agent, autocomplete: 'off' }),
    session: h('input', { name: 'session', value: filters.session, autocomplete: 'off' }),
    outcome: h('select', { name: 'outcome' }, h('option', { value: '' }, 'any'), OUTCOMES.map(o => h('option', { value: o, selected: filters.outcome === o }, o))),
    reason_code: h('input', { name: 'reason_code', value: filters.reason_code, autocomplete: 'off' }),
  };
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter decisions' },
    field('Agent', inputs.agent), field('Session', inputs.session), field('Outcome', inputs.outcome), field('Reason code', inputs.reason_code),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'secondary' }, 'Filter'), h('a', { href: '#/activity', class: 'button quiet' }, 'Clear')));
  form.addEventListener('submit', event => {
    event.preventDefault();
    const query = new URLSearchParams();
    for (const [name, input] of Object.entries(inputs)) if (input.value.trim()) query.set(name, input.value.trim());
    location.hash = `#/activity${query.size ? `?${query}` : ''}`;
  });
  return form;
}

function feedItem(r) {
  const text = actionText(r.tool, r.input);
  return h('li', { class: `feed-item ${r.outcome}`, 'data-seq': r.seq, 'data-decision': r.decision_id },
    h('div', { class: 'feed-head' },
      badge(r.outcome), h('span', { class: 'reason' }, r.reason_code), time(r.time),
      h('span', { class: 'who' }, r.agent ?? '—'),
      r.session ? h('a', { href: `#/sessions/${encodeURIComponent(r.session)}`, class: 'session' }, 'session ', shortId(r.session)) : null),
    h('pre', { class: 'action small' }, highlight(text.length > 600 ? `${text.slice(0, 600)}…` : text, (r.operations ?? []).map(o => o.evidence))),
    h('p', { class: 'understood' }, understood(r)));
}

function understood(r) {
  const ops = r.operations ?? [];
  if (!ops.length) return `${r.tool}: nothing that changes state · rule ${r.rule}`;
  return `${ops.map(o => `${o.kind} ${o.target} [${o.environment}, ${o.reversibility}]`).join('; ')} · rule ${r.rule}`;
}

const shortId = id => (id.length > 14 ? `${id.slice(0, 8)}…` : id);

export async function renderSession(view, session) {
  const records = await auditRecords({ session, limit: 10000 });
  const first = records[0];
  show(view,
    h('p', {}, h('a', { href: `#/activity?session=${encodeURIComponent(session)}` }, '← Decisions of this session')),
    h('h1', {}, 'Session timeline'),
    h('p', { class: 'session-id' }, h('code', {}, session)),
    first ? h('p', {}, `${records.length} records · agent ${first.agent ?? '?'} · client ${first.client ?? '?'} · workspace ${first.tenant ?? '?'} / ${first.workspace ?? '?'}`) : h('p', { class: 'empty' }, 'No audit records for this session.'),
    h('ol', { class: 'timeline' }, calls(records).map(call => h('li', { class: 'call' }, step(call.decision), call.after.length ? h('ul', { class: 'after' }, call.after.map(r => h('li', {}, step(r)))) : null))));
}

/** Groups the records into calls: each decision with the approval, grant and execution records that follow from it. */
function calls(records) {
  const groups = [];
  const byDecision = new Map();
  const byApproval = new Map();
  for (const r of records.filter(r => r.type === 'decision')) {
    const group = { decision: r, after: [] };
    groups.push(group);
    byDecision.set(r.decision_id, group);
    // The first decision that asked owns the approval; retries while it was pending link to it too.
    if (r.approval_id && !byApproval.has(r.approval_id)) byApproval.set(r.approval_id, group);
  }
  for (const r of records.filter(r => r.type !== 'decision')) {
    const owner = byApproval.get(r.approval_id) ?? byDecision.get(r.decision_id);
    if (owner) owner.after.push(r);
    else groups.push({ decision: r, after: [] });
  }
  return groups.sort((a, b) => a.decision.seq - b.decision.seq);
}

function step(r) {
  switch (r.type) {
    case 'decision':
      return h('div', { class: `step decision ${r.outcome}` },
        h('div', { class: 'feed-head' }, time(r.time), h('span', { class: 'seq' }, `#${r.seq}`), h('strong', {}, r.tool), badge(r.outcome), h('span', { class: 'reason' }, r.reason_code)),
        h('pre', { class: 'action small' }, highlight(actionText(r.tool, r.input), (r.operations ?? []).map(o => o.evidence))),
        h('p', {}, h('span', { class: 'label' }, 'Understood: '), understood(r)));
    case 'approval.requested':
      return line(r, `Approval ${r.approval_id} requested (${r.environment}; needs ${r.approvals_required} approver(s)${r.typed_confirmation ? ', typed confirmation' : ''}${r.cooling_off_ms ? `, ${r.cooling_off_ms / 1000} s cooling-off` : ''}).`);
    case 'approval.voted':
      return line(r, `${r.actor} voted ${r.vote}${r.reason ? `: “${r.reason}”` : ''}.`);
    case 'grant.issued':
      return line(r, 'A single-use grant was issued for this exact action.');
    case 'grant.consumed':
      return line(r, `The grant was used by ${r.decision_id}.`);
    case 'execution':
      return line(r, `Ran: ${r.status}${r.exit_code !== undefined ? `, exit ${r.exit_code}` : ''}${r.http_status !== undefined ? `, HTTP ${r.http_status}` : ''}${r.duration_ms !== undefined ? `, ${r.duration_ms} ms` : ''}.`);
    default:
      if (r.type.startsWith('approval.')) return line(r, `Request ${r.to ?? r.type.slice(9)}${r.actor ? ` by ${r.actor}` : ''}${r.reason ? `: “${r.reason}”` : ''}.`);
      return line(r, r.type);
  }
}

const line = (r, text) => h('p', { class: `step ${r.type.replace('.', '-')}` }, time(r.time), ' ', h('span', { class: 'seq' }, `#${r.seq}`), ' ', text);
