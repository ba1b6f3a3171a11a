import type { AuditAnswer, ReviewKeyFinding, ReviewReportView } from '../ports/audit-reader.port';
import { auditUnavailable } from './key-detail.view';
import { formatDate } from './format';
import { html, type Html } from './html';
import { page, type Operator } from './layout';

type Section = keyof ReviewReportView['findings'];

const SECTIONS: Array<{ key: Section; title: string; why: (p: ReviewReportView['parameters']) => string }> = [
  { key: 'noExpiry', title: 'No expiry', why: () => 'Keys that never expire: set an expiry by rotating into a new key, or revoke them.' },
  { key: 'expiringSoon', title: 'Expiring soon', why: (p) => `Keys that expire within ${p.expiringWithinDays} days: rotate or replace them before they stop.` },
  { key: 'unused', title: 'Unused', why: (p) => `Keys not used for ${p.unusedForDays} days, or never: revoke those no longer needed.` },
  { key: 'notRotated', title: 'Never rotated', why: (p) => `Keys not rotated for ${p.notRotatedForDays} days.` },
  { key: 'broadScopes', title: 'Broad scopes', why: () => 'Keys whose scopes reach further than a narrower grant would.' },
];

function findings(rows: ReviewKeyFinding[]): Html {
  if (rows.length === 0) return html`<p class="none">None.</p>`;
  return html`<table class="findings">
    <thead><tr><th scope="col">Key</th><th scope="col">Why</th><th scope="col">Expires</th><th scope="col">Last used</th></tr></thead>
    <tbody>${rows.map(
      (row) => html`<tr data-key-id="${row.keyId}">
        <th scope="row"><a href="/dashboard/keys/${row.keyId}">${row.keyName}</a></th>
        <td>${row.detail}${row.reasons?.length ? html`<ul>${row.reasons.map((reason) => html`<li>${reason}</li>`)}</ul>` : ''}</td>
        <td>${row.expiresAt ? formatDate(row.expiresAt) : html`<span class="warn">never</span>`}</td>
        <td>${row.lastUsedAt ? formatDate(row.lastUsedAt) : html`<span class="never-used">never</span>`}</td>
      </tr>`,
    )}</tbody>
  </table>`;
}

export function reviewPage(input: { operator: Operator; report: AuditAnswer<ReviewReportView> }): Html {
  const { report } = input;
  const body = report.ok
    ? html`<p>Generated ${formatDate(report.value.generatedAt)} from the audit trail and the keys as verification sees them.
        ${report.value.keys.active} active, ${report.value.keys.expired} expired, ${report.value.keys.revoked} revoked.</p>
      ${SECTIONS.map(
        (section) => html`<section aria-labelledby="section-${section.key}" data-section="${section.key}">
          <h2 id="section-${section.key}">${section.title} (${report.value.findings[section.key].length})</h2>
          <p class="hint">${section.why(report.value.parameters)}</p>
          ${findings(report.value.findings[section.key])}
        </section>`,
      )}`
    : auditUnavailable(report, 'the review report');
  return page({
    title: 'Review',
    operator: input.operator,
    current: 'review',
    body: html`<h1>Key review</h1>
      <p class="hint">The periodic review: confirm each key is still needed, and act on what is listed here.</p>
      ${body}`,
  });
}
