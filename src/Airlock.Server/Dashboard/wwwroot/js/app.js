// The dashboard's shell: sign-in, navigation between sections, the live event stream, and the clocks
// that count waiting times and expiries down.

import { ApiError, get, post, del, setCsrf } from './api.js';
import { duration, show, h, toast } from './dom.js';
import { renderInbox, renderApproval } from './inbox.js';
import { renderActivity, renderSession, onRecord } from './activity.js';
import { renderAudit } from './audit.js';
import { renderPolicy, renderTokens } from './admin.js';

const view = document.getElementById('view');
let me = null;
let stream = null;
let refreshTimer = null;
let routeGeneration = 0;

async function start() {
  document.getElementById('sign-in-form').addEventListener('submit', signIn);
  document.getElementById('sign-out').addEventListener('click', signOut);
  window.addEventListener('hashchange', () => route());
  window.addEventListener('airlock:refresh', () => route({ keepFocus: true }));
  window.addEventListener('airlock:signed-out', event => signedOut(event.detail));
  setInterval(tick, 1000);
  try {
    enter(await get('/v1/session'));
  } catch {
    signedOut();
  }
}

async function signIn(event) {
  event.preventDefault();
  const input = document.getElementById('token');
  const error = document.getElementById('sign-in-error');
  error.textContent = '';
  try {
    const session = await post('/v1/session', { token: input.value.trim() });
    input.value = '';
    enter(session);
  } catch (e) {
    error.textContent = e.message;
    input.focus();
  }
}

async function signOut() {
  try {
    await del('/v1/session');
  } catch { /* signed out either way */ }
  signedOut('Signed out.');
}

function enter(session) {
  me = session;
  setCsrf(session.csrf);
  document.getElementById('sign-in').hidden = true;
  document.getElementById('nav').hidden = false;
  document.getElementById('who').hidden = false;
  document.getElementById('who-name').textContent = `${session.name} (${session.role})`;
  document.querySelectorAll('[data-admin]').forEach(link => { link.hidden = session.role !== 'admin'; });
  openStream();
  if (!location.hash || location.hash === '#/') location.hash = '#/inbox';
  else route();
}

function signedOut(message) {
  me = null;
  setCsrf(null);
  stream?.close();
  stream = null;
  show(view);
  document.getElementById('nav').hidden = true;
  document.getElementById('who').hidden = true;
  document.getElementById('sign-in').hidden = false;
  document.getElementById('sign-in-error').textContent = message && message !== 'Not signed in to the dashboard.' ? message : '';
  document.getElementById('token').focus();
}

async function route({ keepFocus = false } = {}) {
  if (!me) return;
  const [path, query] = location.hash.slice(1).split('?');
  const params = new URLSearchParams(query ?? '');
  const parts = path.split('/').filter(Boolean);
  const section = parts[0] ?? 'inbox';
  document.querySelectorAll('#nav a').forEach(link => {
    const owner = { sessions: 'activity', approvals: 'inbox' }[section] ?? section;
    if (link.dataset.section === owner) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  });
  const scroll = window.scrollY;
  // Each section renders off-page and is shown only if no later navigation started meanwhile.
  const generation = ++routeGeneration;
  const target = h('div');
  try {
    switch (section) {
      case 'inbox': await renderInbox(target, me); break;
      case 'approvals': await renderApproval(target, me, decodeURIComponent(parts[1] ?? '')); break;
      case 'activity': await renderActivity(target, params); break;
      case 'sessions': await renderSession(target, decodeURIComponent(parts.slice(1).join('/'))); break;
      case 'audit': await renderAudit(target); break;
      case 'policy': await renderPolicy(target); break;
      case 'tokens': await renderTokens(target, me); break;
      default: show(target, h('h1', {}, 'Not found'), h('p', {}, h('a', { href: '#/inbox' }, 'Go to the inbox')));
    }
    if (generation !== routeGeneration) return;
    view.replaceChildren(...target.childNodes);
    document.title = `${view.querySelector('h1')?.textContent ?? 'Airlock'} · Airlock`;
    const heading = view.querySelector('h1');
    if (keepFocus) {
      window.scrollTo(0, scroll);
    } else if (heading) {
      // Moving focus to the new heading tells screen-reader users the page changed.
      heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: true });
    }
    tick();
  } catch (e) {
    if (generation !== routeGeneration || (e instanceof ApiError && e.status === 401)) return;
    show(view, h('h1', {}, 'Something went wrong'), h('p', { class: 'error', role: 'alert' }, e.message));
  }
}

/** Live updates: every committed audit record arrives here; the inbox and the feed react to theirs. */
function openStream() {
  stream?.close();
  const live = document.getElementById('live');
  stream = new EventSource('/v1/events');
  stream.addEventListener('open', () => { live.textContent = 'live'; live.className = 'live on'; });
  stream.addEventListener('error', () => { live.textContent = 'reconnecting'; live.className = 'live'; });
  stream.addEventListener('reset', () => refreshSoon());
  stream.addEventListener('record', event => {
    const record = JSON.parse(event.data).record;
    onRecord(record);
    if (record.type.startsWith('approval.') || record.type.startsWith('grant.')) {
      if (record.type === 'approval.requested') toast(`New approval request from ${record.agent}: ${record.approval_id}`, 'info');
      refreshSoon();
    }
  });
}

/** Re-renders the inbox (and the pending count) once a burst of records has passed. */
function refreshSoon() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(async () => {
    const section = location.hash.slice(2).split(/[/?]/)[0] || 'inbox';
    if (section === 'inbox' || section === 'approvals') await route({ keepFocus: true });
    else get('/v1/approvals?status=pending&limit=200').then(list => {
      document.getElementById('pending-count').textContent = list.length ? String(list.length) : '';
    }).catch(() => {});
  }, 250);
}

function tick() {
  const now = Date.now();
  document.querySelectorAll('[data-since]').forEach(element => {
    element.textContent = duration(now - Date.parse(element.dataset.since));
  });
  document.querySelectorAll('[data-until]').forEach(element => {
    const left = Date.parse(element.dataset.until) - now;
    element.textContent = left > 0 ? duration(left) : element.dataset.late ?? 'now';
  });
}

start();
