import type { AppliedOutcome, ReviewSummaryView, ReviewView } from '@pxxl/contracts';
import { formatDate } from './format';
import { html, type Html } from './html';
import { csrfField, page, type Operator } from './layout';

const DECISIONS = ['keep', 'rotate', 'revoke', 'shorten-expiry', 'reassign'];

/** The Reviews page: the workspace's review campaigns, and a form that opens one. */
export function campaignsPage(input: { operator: Operator; reviews: ReviewSummaryView[] }): Html {
  const { operator } = input;
  const rows = input.reviews.map(
    (r) => html`<tr data-review-id="${r.id}"><th scope="row"><a href="/dashboard/reviews/${r.id}">${r.title}</a></th>
      <td>${r.status}</td><td>${formatDate(r.dueAt)}</td><td>${String(r.progress.decided)}/${String(r.progress.keys)} decided, ${String(r.progress.done)} done</td></tr>`,
  );
  return page({
    title: 'Reviews',
    operator,
    current: 'reviews',
    body: html`<h1>Review campaigns</h1>
      <p class="hint">Open a review, decide every key with a justification, apply the changes, sign it off: the attestation is the evidence (docs/audit.md).</p>
      ${input.reviews.length === 0 ? html`<p class="none">No review yet.</p>` : html`<table class="findings"><thead><tr><th scope="col">Review</th><th scope="col">Status</th><th scope="col">Due</th><th scope="col">Progress</th></tr></thead><tbody>${rows}</tbody></table>`}
      <h2>Open a review</h2>
      <form method="post" action="/dashboard/reviews" class="stack">
        ${csrfField(operator)}
        <label for="title">Title</label><input id="title" name="title" required maxlength="200">
        <label for="dueOn">Due on</label><input id="dueOn" name="dueOn" type="date" required>
        <label for="scope">Only keys holding this scope (optional)</label><input id="scope" name="scope" placeholder="cdn:upload">
        <label for="owner">Only keys of this owner (optional)</label><input id="owner" name="owner" placeholder="team:payments">
        <button type="submit">Open review</button>
      </form>`,
  });
}

function decideForm(operator: Operator, review: ReviewView, key: ReviewView['keys'][number]): Html {
  if (review.status !== 'open' || key.followUp) return html``;
  return html`<form method="post" action="/dashboard/reviews/${review.id}/keys/${key.keyId}" class="decide">
    ${csrfField(operator)}
    <label for="decision-${key.keyId}">Decision</label>
    <select id="decision-${key.keyId}" name="decision">${DECISIONS.map((d) => html`<option value="${d}"${key.decision?.decision === d ? html` selected` : ''}>${d}</option>`)}</select>
    <label for="justification-${key.keyId}">Justification</label>
    <input id="justification-${key.keyId}" name="justification" maxlength="1000" value="${key.decision?.justification ?? ''}">
    <label for="expiresOn-${key.keyId}">New expiry (shorten-expiry)</label><input id="expiresOn-${key.keyId}" name="expiresOn" type="date">
    <label for="owner-${key.keyId}">New owner (reassign)</label><input id="owner-${key.keyId}" name="owner" maxlength="100">
    <button type="submit">Record decision</button>
  </form>`;
}

/** One review: each key with its usage, history link, decision and whether it is done; apply, sign off, attestation. */
export function campaignPage(input: { operator: Operator; review: ReviewView; applied?: AppliedOutcome[] }): Html {
  const { operator, review } = input;
  const keys = review.keys.map(
    (key) => html`<section class="review-key" data-key-id="${key.keyId}" aria-labelledby="key-${key.keyId}">
      <h3 id="key-${key.keyId}"><a href="/dashboard/keys/${key.keyId}">${key.name}</a> <code>${key.keyId}</code></h3>
      <p>Owner ${key.owner ?? '—'} · scopes ${key.scopes.join(', ')} · last used ${key.lastUsedAt ? formatDate(key.lastUsedAt) : 'never'} ·
        expires ${key.expiresAt ? formatDate(key.expiresAt) : 'never'} · now ${key.status} · <a href="/dashboard/keys/${key.keyId}">history</a></p>
      <p class="decision">${key.decision ? html`Decided <strong>${key.decision.decision}</strong> by <code>${key.decision.reviewer.keyId}</code> ${formatDate(key.decision.decidedAt)}${key.decision.justification ? html`: ${key.decision.justification}` : ''}` : 'Not decided yet.'}
        ${key.done ? html`<span class="badge">done</span>` : ''}${key.followUp ? html` (${key.followUp.type})` : ''}</p>
      ${decideForm(operator, review, key)}
    </section>`,
  );
  const applied = input.applied?.length
    ? html`<section aria-label="Applied"><h2>Applied</h2><ul>${input.applied.map(
        (a) => html`<li data-key-id="${a.keyId}">${a.keyId}: ${a.decision} ${a.outcome}${a.code ? html` (${a.code})` : ''}${a.key ? html` — new secret, shown once: <code class="secret">${a.key}</code>` : ''}</li>`,
      )}</ul></section>`
    : html``;
  const late = review.newSinceOpened.length
    ? html`<h2>New since the review opened</h2><ul>${review.newSinceOpened.map((k) => html`<li>${k.name} <code>${k.keyId}</code> (created ${formatDate(k.createdAt)})</li>`)}</ul>`
    : html``;
  const actions =
    review.status === 'open'
      ? html`<form method="post" action="/dashboard/reviews/${review.id}/apply">${csrfField(operator)}<button type="submit"${operator.canWrite ? '' : html` disabled`}>Apply pending changes</button></form>
        <form method="post" action="/dashboard/reviews/${review.id}/sign-off">${csrfField(operator)}<button type="submit">Sign off</button></form>`
      : html`<p>Signed off by <code>${review.signOff!.by.keyId}</code> ${formatDate(review.signOff!.at)}. <a href="/dashboard/reviews/${review.id}/attestation">Attestation</a></p>`;
  return page({
    title: review.title,
    operator,
    current: 'reviews',
    body: html`<h1>${review.title}</h1>
      <p>Due ${formatDate(review.dueAt)} · ${review.status} · ${String(review.progress.decided)}/${String(review.progress.keys)} decided, ${String(review.progress.done)} done</p>
      ${applied}${actions}${keys}${late}`,
  });
}
