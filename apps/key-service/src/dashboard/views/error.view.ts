import { html, type Html } from './html';
import { page, type Operator } from './layout';

export function errorPage(input: { status: number; code: string; message: string; operator?: Operator | null }): Html {
  return page({
    title: 'Error',
    operator: input.operator,
    body: html`<h1>${input.status >= 500 ? 'Something went wrong' : 'That did not work'}</h1>
      <p class="error-summary" role="alert" data-error-code="${input.code}"><strong>${input.code}</strong>: ${input.message}</p>
      <p><a href="/dashboard/keys">Back to API Keys</a></p>`,
  });
}
