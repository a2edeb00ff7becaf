// Audit: the state of the tamper-evident log — its size, the newest signed checkpoint, how old it is,
// the signing key — a full verification on demand, and export of a bundle for `airlock audit verify`.

import { get } from './api.js';
import { h, show, duration, time, toast } from './dom.js';

export async function renderAudit(view) {
  const status = await get('/v1/audit/status');
  const stale = status.checkpoint_age_seconds > 2 * status.heartbeat_seconds;
  const result = h('div', { class: 'verify-result', 'aria-live': 'polite' });
  const verify = h('button', { type: 'button', class: 'secondary' }, 'Verify the whole log now');
  verify.addEventListener('click', () => runVerify(verify, result));
  show(view,
    h('h1', {}, 'Audit log'),
    h('dl', { class: 'meta wide' },
      h('dt', {}, 'Log'), h('dd', {}, h('code', {}, status.origin)),
      h('dt', {}, 'Records'), h('dd', {}, status.size.toLocaleString()),
      h('dt', {}, 'Last checkpoint'), h('dd', {}, `${status.checkpoint_size.toLocaleString()} records, signed `, time(status.checkpoint_at, 'full'),
        ` (${duration(status.checkpoint_age_seconds * 1000)} ago)`, stale ? h('strong', { class: 'bad' }, ' — older than two heartbeats') : null),
      h('dt', {}, 'Signature'), h('dd', {}, status.checkpoint_signature_valid ? h('span', { class: 'good' }, 'valid') : h('strong', { class: 'bad' }, 'does not verify')),
      h('dt', {}, 'Signing key'), h('dd', {}, h('code', { class: 'fingerprint' }, status.key_fingerprint))),
    h('p', { class: 'hint' }, 'Compare the key fingerprint with the one you pinned (airlock keys export). Verification here proves the stored records, tree and signatures agree; only a key or checkpoint held elsewhere proves nobody re-signed them.'),
    h('div', { class: 'actions' },
      verify,
      h('a', { class: 'button secondary', href: '/v1/audit/export', download: 'airlock-audit.jsonl' }, 'Export the log as a bundle')),
    result);
}

async function runVerify(button, result) {
  button.disabled = true;
  show(result, h('p', {}, 'Verifying…'));
  try {
    const report = await get('/v1/audit/verify');
    show(result,
      h('p', { class: report.ok ? 'good' : 'bad' }, h('strong', {}, report.ok ? 'Verified: ' : 'FAILED: '),
        `${report.records_valid.toLocaleString()}/${report.records_expected.toLocaleString()} records valid, ${report.checkpoints_verified}/${report.checkpoints_total} checkpoints, ${report.proofs_verified} proofs.`),
      report.findings.length ? h('ul', { class: 'findings' }, report.findings.map(f => h('li', {}, h('code', {}, f.kind), ' ', f.message))) : null);
  } catch (e) {
    show(result, h('p', { class: 'bad' }, e.message));
    toast(e.message, 'error');
  } finally {
    button.disabled = false;
  }
}
