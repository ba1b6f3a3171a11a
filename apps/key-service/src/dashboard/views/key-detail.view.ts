import type { KeySummary } from '../../keys';
import type { AuditAnswer, TimelineEntryView } from '../ports/audit-reader.port';
import { formatDate, relative } from './format';
import { html, type Html } from './html';
import { page, type Operator } from './layout';
import { scopeList, statusBadge } from './keys-list.view';
import { limitItems, usageChart, type UsageDay } from './key-limits.view';

export function auditUnavailable(answer: Extract<AuditAnswer<unknown>, { ok: false }>, what: string): Html {
  if (answer.reason === 'FORBIDDEN') {
    return html`<p class="notice">The key you signed in with cannot read the audit trail (it needs <code>audit:read</code>): sign in with one that holds it to see ${what}.</p>`;
  }
  return html`<p class="notice">${what[0].toUpperCase() + what.slice(1)} cannot be shown right now: ${answer.message}.</p>`;
}

function timeline(answer: AuditAnswer<TimelineEntryView[]>): Html {
  if (!answer.ok && answer.reason === 'NOT_FOUND') {
    return html`<p>No audit entries yet: the trail records a change within seconds. Reload to see it.</p>`;
  }
  if (!answer.ok) return auditUnavailable(answer, 'the audit timeline');
  return html`<table class="timeline">
    <caption>Every recorded change of this key, oldest first</caption>
    <thead><tr><th scope="col">When</th><th scope="col">Event</th><th scope="col">By</th><th scope="col">What</th><th scope="col">Chain #</th></tr></thead>
    <tbody>${answer.value.map(
      (entry) => html`<tr data-event-type="${entry.type}">
        <td><time datetime="${entry.occurredAt}">${formatDate(entry.occurredAt)}</time></td>
        <td>${entry.type}</td><td><code>${entry.actor}</code></td><td>${entry.summary}</td><td>${entry.chain.seq}</td>
      </tr>`,
    )}</tbody>
  </table>`;
}

export function keyDetailPage(input: { operator: Operator; key: KeySummary; timeline: AuditAnswer<TimelineEntryView[]>; usage: UsageDay[]; now: Date }): Html {
  const { key, operator, now } = input;
  const changeable = operator.canWrite && key.status === 'active';
  const item = (term: string, value: Html | string) => html`<dt>${term}</dt><dd>${value}</dd>`;
  const when = (iso: string | null, none: Html | string) => (iso ? html`<time datetime="${iso}">${formatDate(iso)}</time> (${relative(iso, now)})` : none);
  return page({
    title: key.name,
    operator,
    current: 'keys',
    body: html`<p><a href="/dashboard/keys">← API Keys</a></p>
    <h1>${key.name}</h1>
    <dl class="details">
      ${item('Description', key.description ?? html`<span class="optional">none</span>`)}
      ${item('Status', statusBadge(key.status))}
      ${item('Prefix', html`<code>${key.displayPrefix}</code>`)}
      ${item('Scopes', scopeList(key.scopes))}
      ${item('Created', html`${when(key.createdAt, '')} by <code>${key.createdBy}</code>`)}
      ${item('Expires', when(key.expiresAt, html`<span class="warn">never</span>`))}
      ${item('Last used', when(key.lastUsedAt, html`<span class="never-used">never</span>`))}
      ${item('Last rotated', when(key.rotatedAt, 'never'))}
      ${limitItems(key, item)}
      ${key.revokedAt ? item('Revoked', html`${when(key.revokedAt, '')}${key.revokedReason ? html` — ${key.revokedReason}` : ''}`) : ''}
    </dl>
    ${changeable
      ? html`<div class="actions">
          <a class="button" href="/dashboard/keys/${key.id}/edit">Edit</a>
          <a class="button" href="/dashboard/keys/${key.id}/rotate">Rotate</a>
          <a class="button danger" href="/dashboard/keys/${key.id}/revoke">Revoke</a>
        </div>`
      : ''}
    <h2>Usage, last ${input.usage.length} days</h2>
    ${usageChart(input.usage)}
    <h2>Audit timeline</h2>
    ${timeline(input.timeline)}`,
  });
}
