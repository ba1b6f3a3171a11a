import { SCOPE_CATALOG, SCOPE_PRESETS } from '@pxxl/contracts';
import { LONG_EXPIRY_DAYS } from './format';
import { html, type Html } from './html';
import { csrfField, errorSummary, fieldError, page, type FieldErrors, type Operator } from './layout';
import { limitsFieldset, type LimitsForm } from './key-limits.view';

/** What the create form holds, as typed (re-shown after a refusal). */
export interface CreateKeyForm {
  name: string;
  description: string;
  preset: string;
  presetResource: string;
  scopes: string[];
  customScopes: string;
  expiresOn: string;
  noExpiry: boolean;
  limits: LimitsForm;
}

const areas = [...new Set(SCOPE_CATALOG.map((scope) => scope.area))];

function presetChoices(form: CreateKeyForm): Html {
  const choice = (value: string, title: string, description: string, scopes: readonly string[]) => html`<div class="choice">
      <input type="radio" id="preset-${value || 'none'}" name="preset" value="${value}"${form.preset === value ? html` checked` : ''}>
      <label for="preset-${value || 'none'}"><strong>${title}</strong> — ${description}
        ${scopes.length > 0 ? html`<span class="preset-scopes">Grants ${scopes.join(', ')}.</span>` : ''}</label>
    </div>`;
  return html`${choice('', 'No preset', 'pick the scopes below.', [])}
    ${SCOPE_PRESETS.map((preset) => choice(preset.name, preset.title, preset.description, preset.scopes))}`;
}

function scopeChoices(form: CreateKeyForm): Html {
  return html`${areas.map(
    (area) => html`<div class="scope-area"><span class="area">${area}</span>
      ${SCOPE_CATALOG.filter((scope) => scope.area === area).map(
        (scope) => html`<div class="choice">
          <input type="checkbox" id="scope-${scope.name.replace(':', '-')}" name="scopes" value="${scope.name}"${form.scopes.includes(scope.name) ? html` checked` : ''}>
          <label for="scope-${scope.name.replace(':', '-')}"><code>${scope.name}</code> ${scope.description}</label>
        </div>`,
      )}</div>`,
  )}`;
}

export function createKeyPage(input: { operator: Operator; form: CreateKeyForm; errors: FieldErrors; today: string }): Html {
  const { form, errors } = input;
  const name = fieldError(errors, 'name', 'name-hint');
  const description = fieldError(errors, 'description');
  const preset = fieldError(errors, 'preset');
  const scopes = fieldError(errors, 'scopes');
  const expires = fieldError(errors, 'expiresOn');
  return page({
    title: 'New API Key',
    operator: input.operator,
    current: 'keys',
    body: html`<h1>New API Key</h1>
    ${errorSummary(errors)}
    <form method="post" action="/dashboard/keys" class="stack" novalidate>
      ${csrfField(input.operator)}
      <label for="name">Key name</label>
      <p class="hint" id="name-hint">Where the key is used, e.g. Production deploy bot, CDN uploader, Internal monitor.</p>
      <input id="name" name="name" type="text" maxlength="100" value="${form.name}"${name.attrs}>
      ${name.text}

      <label for="description">Description <span class="optional">(optional)</span></label>
      <textarea id="description" name="description" rows="2" maxlength="500"${description.attrs}>${form.description}</textarea>
      ${description.text}

      <fieldset id="preset"${preset.attrs}>
        <legend>Common key pattern</legend>
        <p class="hint">A preset grants the least a common automation needs; you can add scopes below.</p>
        ${presetChoices(form)}
        <label for="presetResource">Limit the preset to one resource <span class="optional">(optional: a project id or CDN space)</span></label>
        <input id="presetResource" name="presetResource" type="text" maxlength="64" value="${form.presetResource}">
        ${preset.text}
      </fieldset>

      <fieldset id="scopes"${scopes.attrs}>
        <legend>Scopes / permissions</legend>
        <p class="hint">Restrict the key to the minimum scopes required for its purpose.</p>
        ${scopeChoices(form)}
        <label for="customScopes">Scopes for one resource <span class="optional">(optional, comma-separated, e.g. cdn:upload:web)</span></label>
        <input id="customScopes" name="customScopes" type="text" maxlength="1000" value="${form.customScopes}">
        ${scopes.text}
      </fieldset>

      <fieldset id="expiresOn-group">
        <legend>Expiration</legend>
        <label for="expiresOn">The key stops working at the start of (UTC)</label>
        <input id="expiresOn" name="expiresOn" type="date" min="${input.today}" value="${form.expiresOn}" data-long-after-days="${LONG_EXPIRY_DAYS}"${expires.attrs}>
        <div class="choice">
          <input type="checkbox" id="noExpiry" name="noExpiry" value="1"${form.noExpiry ? html` checked` : ''}>
          <label for="noExpiry">Never expires (not recommended; the workspace policy may refuse it)</label>
        </div>
        <p class="warn" data-expiry-warning role="status" aria-live="polite"></p>
        ${expires.text}
      </fieldset>

      ${limitsFieldset(form.limits, errors)}

      <div class="actions">
        <button type="submit" class="primary">Create API Key</button>
        <a href="/dashboard/keys">Cancel</a>
      </div>
    </form>`,
  });
}
