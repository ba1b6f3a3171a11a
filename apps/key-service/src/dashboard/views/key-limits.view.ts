import type { KeyLimits } from '@pxxl/contracts';
import type { KeySummary } from '../../keys';
import { html, type Html } from './html';
import { fieldError, type FieldErrors } from './layout';

/** The limits fields of the create and edit forms, as typed (docs/limits.md). Empty: no such limit. */
export interface LimitsForm {
  rateLimit: string;
  rateWindowSeconds: string;
  usageLimit: string;
  refillAmount: string;
  refillInterval: string;
  allowedIps: string;
}

export const NO_LIMITS_FORM: LimitsForm = { rateLimit: '', rateWindowSeconds: '60', usageLimit: '', refillAmount: '', refillInterval: '', allowedIps: '' };

/** The form as a key's limits are now. */
export function limitsFormOf(key: Pick<KeySummary, 'rateLimit' | 'usage' | 'allowedIps'>): LimitsForm {
  return {
    rateLimit: key.rateLimit ? String(key.rateLimit.limit) : '',
    rateWindowSeconds: key.rateLimit ? String(key.rateLimit.windowSeconds) : '60',
    usageLimit: key.usage ? String(key.usage.limit) : '',
    refillAmount: key.usage?.refill ? String(key.usage.refill.amount) : '',
    refillInterval: key.usage?.refill?.interval ?? '',
    allowedIps: key.allowedIps ? key.allowedIps.join('\n') : '',
  };
}

const whole = (text: string): number => (/^\d{1,10}$/.test(text.trim()) ? Number(text.trim()) : NaN);

/** The form as limits for the domain: an empty field is "no such limit"; the domain checks the rest (INVALID_LIMIT). */
export function limitsOf(form: LimitsForm): KeyLimits {
  const refill = form.refillAmount.trim() === '' ? null : { amount: whole(form.refillAmount), interval: form.refillInterval as 'day' | 'month' };
  const ips = form.allowedIps.split(/[\s,]+/).filter(Boolean);
  return {
    rateLimit: form.rateLimit.trim() === '' ? null : { limit: whole(form.rateLimit), windowSeconds: whole(form.rateWindowSeconds) },
    usage: form.usageLimit.trim() === '' ? null : { limit: whole(form.usageLimit), refill },
    allowedIps: ips.length === 0 ? null : ips,
  };
}

export function limitsFieldset(form: LimitsForm, errors: FieldErrors): Html {
  const error = fieldError(errors, 'limits');
  const interval = (value: string, label: string) => html`<option value="${value}"${form.refillInterval === value ? html` selected` : ''}>${label}</option>`;
  return html`<fieldset id="limits"${error.attrs}>
    <legend>Limits <span class="optional">(optional)</span></legend>
    <p class="hint">Checked on every verification, after every other rule. Leave a field empty for no such limit.</p>
    <label for="rateLimit">Rate limit: at most this many successful verifications</label>
    <input id="rateLimit" name="rateLimit" type="text" inputmode="numeric" maxlength="10" value="${form.rateLimit}">
    <label for="rateWindowSeconds">per this many seconds</label>
    <input id="rateWindowSeconds" name="rateWindowSeconds" type="text" inputmode="numeric" maxlength="10" value="${form.rateWindowSeconds}">
    <label for="usageLimit">Usage quota: successful verifications in all (or in the first period, with a refill)</label>
    <input id="usageLimit" name="usageLimit" type="text" inputmode="numeric" maxlength="10" value="${form.usageLimit}">
    <label for="refillAmount">Refilled to <span class="optional">(optional)</span></label>
    <input id="refillAmount" name="refillAmount" type="text" inputmode="numeric" maxlength="10" value="${form.refillAmount}">
    <label for="refillInterval">every UTC</label>
    <select id="refillInterval" name="refillInterval">${interval('', '—')}${interval('day', 'day')}${interval('month', 'month')}</select>
    <label for="allowedIps">Allowed IP ranges <span class="optional">(CIDRs, one per line, e.g. 10.0.0.0/8 or 2001:db8::/32)</span></label>
    <textarea id="allowedIps" name="allowedIps" rows="3" maxlength="2600">${form.allowedIps}</textarea>
    ${error.text}
  </fieldset>`;
}

/** The limits on the key's page. */
export function limitItems(key: KeySummary, item: (term: string, value: Html | string) => Html): Html {
  const none = html`<span class="optional">none</span>`;
  const quota = key.usage
    ? html`${key.usage.limit}${key.usage.refill ? `, refilled to ${key.usage.refill.amount} each ${key.usage.refill.interval}` : ''}${key.usage.remaining === null ? '' : html` — <strong>${key.usage.remaining}</strong> left`}`
    : none;
  return html`${item('Rate limit', key.rateLimit ? `${key.rateLimit.limit} per ${key.rateLimit.windowSeconds} s` : none)}
    ${item('Usage quota', quota)}
    ${item('Allowed IPs', key.allowedIps ? html`${key.allowedIps.map((cidr) => html`<code>${cidr}</code> `)}` : html`<span class="optional">any address</span>`)}`;
}

export interface UsageDay {
  day: string;
  VALID: number;
  [code: string]: number | string;
}

const DENIED = ['RATE_LIMITED', 'USAGE_EXHAUSTED', 'IP_NOT_ALLOWED', 'CLIENT_IP_REQUIRED', 'REVOKED', 'EXPIRED', 'INSUFFICIENT_SCOPE'];

/** Verifications per day, last 30 days: a bar chart (inline SVG, no script) and the same numbers as a table. */
export function usageChart(days: UsageDay[]): Html {
  const denied = (day: UsageDay) => DENIED.reduce((sum, code) => sum + Number(day[code] ?? 0), 0);
  const max = Math.max(1, ...days.map((day) => day.VALID + denied(day)));
  const width = 12;
  const height = 80;
  const bars = days.map((day, i) => {
    const valid = (day.VALID / max) * height;
    const refused = (denied(day) / max) * height;
    return html`<g><title>${day.day}: ${day.VALID} valid, ${denied(day)} refused</title>
      <rect class="usage-valid" x="${i * width}" y="${height - valid}" width="${width - 2}" height="${valid}"></rect>
      <rect class="usage-refused" x="${i * width}" y="${height - valid - refused}" width="${width - 2}" height="${refused}"></rect></g>`;
  });
  const total = days.reduce((sum, day) => sum + day.VALID, 0);
  return html`<figure class="usage">
    <svg role="img" aria-label="Verifications per day, last ${days.length} days" viewBox="0 0 ${days.length * width} ${height}" width="${days.length * width * 2}" height="${height * 2}">${bars}</svg>
    <figcaption>${total} successful verifications in the last ${days.length} days (UTC); refused ones stacked above.</figcaption>
  </figure>
  <details><summary>The numbers</summary>
    <table class="usage-table"><thead><tr><th scope="col">Day</th><th scope="col">Valid</th><th scope="col">Refused</th></tr></thead>
    <tbody>${days.filter((day) => day.VALID + denied(day) > 0).map((day) => html`<tr><td>${day.day}</td><td>${day.VALID}</td><td>${denied(day)}</td></tr>`)}</tbody></table>
  </details>`;
}
