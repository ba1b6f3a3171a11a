import { html, type Html } from './html';
import { fieldError, page, type FieldErrors } from './layout';

const ENDED: Record<string, string> = {
  SESSION_EXPIRED: 'Your session ended after a time without activity, or reached its maximum length. Sign in again.',
  KEY_NO_LONGER_VALID: 'Your session ended: the key you signed in with was revoked, rotated or has expired.',
  SIGNED_OUT: 'You are signed out.',
};

export function signInPage(input: { csrfToken: string; errors?: FieldErrors; ended?: string }): Html {
  const key = fieldError(input.errors ?? {}, 'key');
  const notice = input.ended && ENDED[input.ended];
  return page({
    title: 'Sign in',
    body: html`<section class="narrow">
      <h1>Sign in to API Keys</h1>
      ${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
      <p>Paste a platform API key of your workspace that holds <code>api_keys:write</code> to manage keys, or
        <code>api_keys:read</code> for a read-only view. <code>audit:read</code> adds the review report and audit timelines.</p>
      <p class="hint">The key is checked on the server and not kept in your browser: the session lives on the server and ends
        when you sign out, after a while without activity, or as soon as the key is revoked or expires.</p>
      <form method="post" action="/dashboard/sign-in" class="stack" autocomplete="off">
        <input type="hidden" name="_csrf" value="${input.csrfToken}">
        <label for="key">API key</label>
        <input id="key" name="key" type="password" required autocomplete="off" spellcheck="false" autofocus${key.attrs}>
        ${key.text}
        <button type="submit" class="primary">Sign in</button>
      </form>
    </section>`,
  });
}
