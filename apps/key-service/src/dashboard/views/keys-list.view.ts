import type { KeySummary } from '../../keys';
import { daysUntil, EXPIRY_WARNING_DAYS, formatDate, relative } from './format';
import { html, type Html } from './html';
import { page, type Operator } from './layout';

export const STATUS_FILTERS = [
  { value: '', label: 'Active, expired and revoked' },
  { value: 'active', label: 'Active' },
  { value: 'expired', label: 'Expired' },
  { value: 'revoked', label: 'Revoked' },
  { value: 'deleted', label: 'Deleted' },
] as const;

export interface KeysListInput {
  operator: Operator;
  keys: KeySummary[];
  status: string;
  search: string;
  /** More keys than the page lists. */
  truncated: boolean;
  now: Date;
  /** A dialog shown over the list (the new key, once). */
  overlay?: Html;
}

function expires(key: KeySummary, now: Date): Html {
  if (key.expiresAt === null) return html`<span class="warn">never expires</span>`;
  const days = daysUntil(key.expiresAt, now);
  const soon = key.status === 'active' && days <= EXPIRY_WARNING_DAYS;
  return html`<time datetime="${key.expiresAt}">${formatDate(key.expiresAt)}</time>${soon ? html`<br><span class="warn" data-expiry-soon>expires ${relative(key.expiresAt, now)}</span>` : ''}`;
}

function lastUsed(key: KeySummary, now: Date): Html {
  if (key.lastUsedAt === null) return html`<span class="never-used">never</span>`;
  return html`<time datetime="${key.lastUsedAt}" title="${formatDate(key.lastUsedAt)}">${relative(key.lastUsedAt, now)}</time>`;
}

export function scopeList(scopes: readonly string[]): Html {
  return html`<ul class="scopes">${scopes.map((scope) => html`<li><code>${scope}</code></li>`)}</ul>`;
}

export function statusBadge(status: string): Html {
  return html`<span class="status status-${status}">${status}</span>`;
}

function row(key: KeySummary, now: Date): Html {
  return html`<tr data-key-id="${key.id}">
    <th scope="row"><a href="/dashboard/keys/${key.id}">${key.name}</a>${key.description ? html`<p class="description">${key.description}</p>` : ''}</th>
    <td>${scopeList(key.scopes)}</td>
    <td>${statusBadge(key.status)}</td>
    <td><code>${key.displayPrefix}</code></td>
    <td><time datetime="${key.createdAt}">${formatDate(key.createdAt)}</time></td>
    <td>${expires(key, now)}</td>
    <td>${lastUsed(key, now)}</td>
  </tr>`;
}

export function keysListPage(input: KeysListInput): Html {
  const { operator, keys, now } = input;
  return page({
    title: 'API Keys',
    operator,
    current: 'keys',
    body: html`<div class="heading">
      <h1>API Keys</h1>
      ${operator.canWrite ? html`<a class="button primary" href="/dashboard/keys/new">Create API Key</a>` : ''}
    </div>
    <p class="hint">Platform keys for backend services of workspace <strong>${operator.workspaceId}</strong>. Review the list periodically:
      revoke keys no longer in use, and keys never used.</p>
    <form method="get" action="/dashboard/keys" class="filters" role="search" aria-label="Filter keys">
      <div><label for="q">Search by name</label>
        <input id="q" name="q" type="search" value="${input.search}" maxlength="100"></div>
      <div><label for="status">Status</label>
        <select id="status" name="status">${STATUS_FILTERS.map(
          (option) => html`<option value="${option.value}"${option.value === input.status ? html` selected` : ''}>${option.label}</option>`,
        )}</select></div>
      <button type="submit">Filter</button>
    </form>
    <table class="keys">
      <caption>${keys.length} key${keys.length === 1 ? '' : 's'}${input.search ? html` named like “${input.search}”` : ''}${input.truncated ? ' (the newest only: narrow the search)' : ''}</caption>
      <thead><tr>
        <th scope="col">Name</th><th scope="col">Scopes</th><th scope="col">Status</th><th scope="col">Prefix</th>
        <th scope="col">Created</th><th scope="col">Expires</th><th scope="col">Last used</th>
      </tr></thead>
      <tbody>${keys.length === 0 ? html`<tr><td colspan="7">No keys match.</td></tr>` : keys.map((key) => row(key, now))}</tbody>
    </table>
    ${input.overlay ?? ''}`,
  });
}
