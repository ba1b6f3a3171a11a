import type { RevealedKey } from '../sessions/dashboard-sessions';
import { formatDate } from './format';
import { html, type Html } from './html';

/**
 * The new key, once, in a modal dialog. Without script the dialog is simply
 * open; dashboard.js makes it modal, copies, and on close removes it from the
 * page and leaves for the key list (replacing this page in the history).
 */
export function revealDialog(reveal: RevealedKey, keyName: string): Html {
  return html`<dialog id="reveal" class="reveal" open data-show-once aria-labelledby="reveal-title" aria-describedby="reveal-warning">
    <h2 id="reveal-title">${reveal.kind === 'created' ? 'API key created' : 'API key rotated'}: ${keyName}</h2>
    <p id="reveal-warning" class="warning"><strong>Copy the key now.</strong> Pxxl will not display the full key value again after you
      close this dialog. Store it in your backend's secrets manager or environment, never in browser code or a repository.</p>
    <label for="reveal-key">Your new API key</label>
    <div class="secret-row">
      <input id="reveal-key" class="secret" type="text" readonly value="${reveal.token}" autocomplete="off" spellcheck="false">
      <button type="button" class="primary" data-copy="reveal-key" autofocus>Copy key</button>
    </div>
    <p class="copy-status" data-copy-status role="status" aria-live="polite"></p>
    ${reveal.previousSecretValidUntil
      ? html`<p>The previous secret keeps working until <time datetime="${reveal.previousSecretValidUntil}">${formatDate(reveal.previousSecretValidUntil)}</time>.</p>`
      : reveal.kind === 'rotated'
        ? html`<p>The previous secret has stopped working.</p>`
        : ''}
    <a class="button" href="/dashboard/keys" data-close-reveal>I have stored the key — close</a>
  </dialog>`;
}
