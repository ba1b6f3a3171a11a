import type { Attestation } from '../shared/attestation';

const escape = (value: unknown) =>
  String(value ?? '—').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The attestation as a printable page (print to PDF from the browser): every value escaped, no script, no external asset. */
export function renderAttestationPage(attestation: Attestation): string {
  const rows = attestation.keys
    .map(
      (key) => `<tr><td><code>${escape(key.keyId)}</code><br>${escape(key.name)}</td><td>${escape(key.owner)}</td><td>${escape(key.scopes.join(', '))}</td>` +
        `<td>${escape(key.lastUsedAt)}</td><td>${escape(key.expiresAt)}</td><td><strong>${escape(key.decision)}</strong>` +
        `${key.newExpiresAt ? ` to ${escape(key.newExpiresAt)}` : ''}${key.newOwner ? ` to ${escape(key.newOwner)}` : ''}<br>${escape(key.justification)}</td>` +
        `<td><code>${escape(key.decidedBy.keyId)}</code> ${key.decidedBy.owner ? escape(key.decidedBy.owner) : ''}<br>${escape(key.decidedAt)}</td>` +
        `<td>${key.followUp ? `${escape(key.followUp.type)}<br><code>${escape(key.followUp.eventId)}</code>` : '—'}</td></tr>`,
    )
    .join('\n');
  const checkpoint = attestation.checkpoint
    ? `<p>Audit trail checkpoint at sign-off: tree size ${escape(attestation.checkpoint.size)}, signed ${escape(attestation.checkpoint.signedAt)}.</p><pre>${escape(attestation.checkpoint.note)}</pre>`
    : '<p>The audit trail had signed no checkpoint of the workspace at sign-off.</p>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Key review attestation: ${escape(attestation.review.title)}</title>
<style>body{font:13px/1.4 system-ui,sans-serif;margin:2em}table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:4px;vertical-align:top;text-align:left}code,pre{font-size:11px}pre{white-space:pre-wrap}@media print{body{margin:0}}</style></head>
<body>
<h1>Key review attestation</h1>
<p><strong>${escape(attestation.review.title)}</strong> — workspace <code>${escape(attestation.workspaceId)}</code>, review <code>${escape(attestation.review.id)}</code></p>
<p>Period: ${escape(attestation.period.from)} to ${escape(attestation.period.to)} (due ${escape(attestation.review.dueAt)}). Opened by ${escape(attestation.review.openedBy)}.
In scope: ${attestation.review.owner ? `owner ${escape(attestation.review.owner)}` : 'every owner'}, ${attestation.review.scope ? `scope ${escape(attestation.review.scope)}` : 'every scope'}; ${attestation.keys.length} keys.</p>
<table><thead><tr><th>key</th><th>owner</th><th>scopes</th><th>last used</th><th>expires</th><th>decision</th><th>decided by, at</th><th>follow-up event</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<p>Signed off by key <code>${escape(attestation.signOff.by.keyId)}</code>${attestation.signOff.by.owner ? ` (${escape(attestation.signOff.by.owner)})` : ''} at ${escape(attestation.signOff.at)} (event <code>${escape(attestation.signOff.eventId)}</code>).</p>
${checkpoint}
<p>Format ${escape(attestation.format)}. Every event id above is an entry of the audit trail (GET /v1/audit/events); the JSON form of this page is GET /v1/reviews/${escape(attestation.review.id)}/attestation.</p>
</body></html>
`;
}
