import { html, type Html } from './html';

/** What the header shows of the signed-in operator. */
export interface Operator {
  keyName: string;
  displayPrefix: string;
  workspaceId: string;
  canWrite: boolean;
  csrfToken: string;
}

export interface PageInput {
  title: string;
  operator?: Operator | null;
  current?: 'keys' | 'review' | 'reviews';
  body: Html;
}

function nav(operator: Operator, current: PageInput['current']): Html {
  const link = (href: string, label: string, name: PageInput['current']) =>
    html`<a href="${href}"${current === name ? html` aria-current="page"` : ''}>${label}</a>`;
  return html`<nav aria-label="Dashboard">
      ${link('/dashboard/keys', 'API Keys', 'keys')}
      ${link('/dashboard/review', 'Review', 'review')}
      ${link('/dashboard/reviews', 'Reviews', 'reviews')}
    </nav>
    <div class="operator">
      <span>Workspace <strong>${operator.workspaceId}</strong> · signed in with <strong>${operator.keyName}</strong>
        <code>${operator.displayPrefix}</code>${operator.canWrite ? '' : html` <span class="badge">read-only</span>`}</span>
      <form method="post" action="/dashboard/sign-out">
        <input type="hidden" name="_csrf" value="${operator.csrfToken}">
        <button type="submit" class="link">Sign out</button>
      </form>
    </div>`;
}

/** Every page: no inline script or style (the CSP allows only these two files). */
export function page({ title, operator, current, body }: PageInput): Html {
  return html`<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${title} · Pxxl Keys</title>
  <link rel="stylesheet" href="/dashboard/assets/dashboard.css">
  <script src="/dashboard/assets/dashboard.js" defer></script>
</head>
<body>
  <a class="skip" href="#main">Skip to content</a>
  <header class="top">
    <span class="brand">Pxxl · Dashboard</span>
    ${operator ? nav(operator, current) : ''}
  </header>
  <main id="main" tabindex="-1">
${body}
  </main>
</body>
</html>
`;
}

/** Field errors by field name, from the API's error codes. */
export type FieldErrors = Record<string, { code: string; message: string }>;

/**
 * The error text under a field, and the attributes that tie it (and the
 * field's hint, if any) to the field for screen readers.
 */
export function fieldError(errors: FieldErrors, field: string, hintId?: string): { attrs: Html; text: Html } {
  const error = errors[field];
  const describedBy = [hintId, error ? `${field}-error` : undefined].filter(Boolean).join(' ');
  const attrs = html`${describedBy ? html` aria-describedby="${describedBy}"` : ''}${error ? html` aria-invalid="true"` : ''}`;
  if (!error) return { attrs, text: html`` };
  return {
    attrs,
    text: html`<p class="field-error" id="${field}-error" data-error-code="${error.code}"><strong>${error.code}</strong>: ${error.message}</p>`,
  };
}

/** A summary at the top of a refused form, each line linking to its field. */
export function errorSummary(errors: FieldErrors): Html {
  const fields = Object.keys(errors);
  if (fields.length === 0) return html``;
  return html`<div class="error-summary" role="alert" tabindex="-1" data-focus-on-load>
    <h2>The key was not saved</h2>
    <ul>${fields.map((field) => html`<li><a href="#${field}">${errors[field].message}</a></li>`)}</ul>
  </div>`;
}

export function csrfField(operator: Operator): Html {
  return html`<input type="hidden" name="_csrf" value="${operator.csrfToken}">`;
}
