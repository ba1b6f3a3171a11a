import type { KeySummary } from '../../keys';
import { formatDate } from './format';
import { limitsFieldset, type LimitsForm } from './key-limits.view';
import { html, type Html } from './html';
import { csrfField, errorSummary, fieldError, page, type FieldErrors, type Operator } from './layout';

/** An action page: the key, what the form holds, and the API's refusal by field. */
export interface ActionInput<F> {
  operator: Operator;
  key: KeySummary;
  errors: FieldErrors;
  form: F;
}

function actionPage(input: ActionInput<unknown>, title: string, action: string, fields: Html, submit: Html): Html {
  return page({
    title: `${title}: ${input.key.name}`,
    operator: input.operator,
    current: 'keys',
    body: html`<p><a href="/dashboard/keys/${input.key.id}">← ${input.key.name}</a></p>
    <h1>${title}: ${input.key.name}</h1>
    ${errorSummary(input.errors)}
    <form method="post" action="/dashboard/keys/${input.key.id}/${action}" class="stack" novalidate>
      ${csrfField(input.operator)}
      <input type="hidden" name="version" value="${input.key.version}">
      ${fields}
      <div class="actions">${submit}<a href="/dashboard/keys/${input.key.id}">Cancel</a></div>
    </form>`,
  });
}

export function editKeyPage(input: ActionInput<{ name: string; description: string; limits: LimitsForm }>): Html {
  const name = fieldError(input.errors, 'name');
  const description = fieldError(input.errors, 'description');
  return actionPage(
    input,
    'Edit',
    'edit',
    html`<label for="name">Key name</label>
      <input id="name" name="name" type="text" maxlength="100" value="${input.form.name}"${name.attrs}>
      ${name.text}
      <label for="description">Description <span class="optional">(optional)</span></label>
      <textarea id="description" name="description" rows="2" maxlength="500"${description.attrs}>${input.form.description}</textarea>
      ${description.text}
      ${limitsFieldset(input.form.limits, input.errors)}`,
    html`<button type="submit" class="primary">Save</button>`,
  );
}

export const GRACE_PERIODS = [
  { seconds: 0, label: 'None: the current secret stops now' },
  { seconds: 3600, label: '1 hour' },
  { seconds: 86400, label: '1 day' },
  { seconds: 604800, label: '7 days' },
] as const;

export function rotateKeyPage(input: ActionInput<{ gracePeriodSeconds: number }>): Html {
  const grace = fieldError(input.errors, 'gracePeriodSeconds', 'grace-hint');
  return actionPage(
    input,
    'Rotate',
    'rotate',
    html`<p>Rotation gives the key a new secret; its name, scopes and expiry stay. The new key is shown once.</p>
      <label for="gracePeriodSeconds">How long the current secret keeps working</label>
      <p class="hint" id="grace-hint">A grace period lets the services that use the key switch over; it never outlives the key's expiry${
        input.key.expiresAt ? html` (${formatDate(input.key.expiresAt)})` : ''
      }.</p>
      <select id="gracePeriodSeconds" name="gracePeriodSeconds"${grace.attrs}>${GRACE_PERIODS.map(
        (option) => html`<option value="${option.seconds}"${option.seconds === input.form.gracePeriodSeconds ? html` selected` : ''}>${option.label}</option>`,
      )}</select>
      ${grace.text}`,
    html`<button type="submit" class="primary">Rotate key</button>`,
  );
}

export function revokeKeyPage(input: ActionInput<{ reason: string }>): Html {
  const reason = fieldError(input.errors, 'reason');
  return actionPage(
    input,
    'Revoke',
    'revoke',
    html`<p class="warning" role="note"><strong>This cannot be undone.</strong> The key <code>${input.key.displayPrefix}</code> stops working
        the moment you confirm, and every service that still uses it is refused.</p>
      <label for="reason">Reason <span class="optional">(recorded in the audit trail)</span></label>
      <input id="reason" name="reason" type="text" maxlength="500" value="${input.form.reason}" placeholder="e.g. owner left the team"${reason.attrs}>
      ${reason.text}`,
    html`<button type="submit" class="danger">Revoke ${input.key.name}</button>`,
  );
}
