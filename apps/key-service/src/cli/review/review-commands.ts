import type { ReviewSummaryView, ReviewView } from '@pxxl/contracts';
import { duration, isOn, operand, text, UsageError } from '../args';
import { fields, json, table, when } from '../output/table';
import { remoteCommand } from '../remote/remote-command';

const DECISIONS = ['keep', 'rotate', 'revoke', 'shorten-expiry', 'reassign'];

function reviewFields(review: ReviewSummaryView): string {
  return fields([
    ['id', review.id],
    ['title', review.title],
    ['status', review.status],
    ['due', when(review.dueAt)],
    ['scope', [review.owner && `owner ${review.owner}`, review.scope && `scope ${review.scope}`].filter(Boolean).join(', ') || 'every key'],
    ['progress', `${review.progress.decided}/${review.progress.keys} decided, ${review.progress.done} done`],
    ['version', String(review.version)],
  ]);
}

function reviewKeys(review: ReviewView): string {
  const rows = (review.keys ?? []).map((key) => [
    key.keyId,
    key.name,
    key.owner ?? '-',
    key.scopes.join(','),
    when(key.lastUsedAt),
    when(key.expiresAt),
    key.decision ? key.decision.decision : '-',
    key.done ? 'yes' : 'no',
  ]);
  const late = (review.newSinceOpened ?? []).map((key) => `  ${key.keyId} ${key.name} (created ${when(key.createdAt)})`);
  return (
    table(['KEY', 'NAME', 'OWNER', 'SCOPES', 'LAST USED', 'EXPIRES', 'DECISION', 'DONE'], rows) +
    (late.length > 0 ? `New since the review opened (not in it):\n${late.join('\n')}\n` : '')
  );
}

export const openReviewCommand = remoteCommand({
  help: `Usage: pxxl-keys review open --title <text> (--due <date-time> | --due-in <30d>) [--owner <owner>] [--scope <scope>] [--json]

Opens a review of your workspace's active keys (needs keys:review): the keys
in scope are frozen as they are now; keys created later are listed as new.

Example:
  pxxl-keys review open --title "Q4 2026 CDN keys" --due-in 30d --scope cdn:upload`,
  flags: ['title', 'due', 'due-in', 'owner', 'scope'],
  async run(client, args, io) {
    const title = text(args, 'title');
    if (!title) throw new UsageError('--title is required');
    const dueIn = duration(args, 'due-in');
    const dueAt = text(args, 'due') ?? (dueIn === undefined ? undefined : new Date(Date.now() + dueIn * 1000).toISOString());
    if (!dueAt) throw new UsageError('give --due <date-time> or --due-in <duration>');
    const review = await client.reviews.open({ title, dueAt, owner: text(args, 'owner'), scope: text(args, 'scope') });
    io.stdout.write(isOn(args, 'json') ? json(review) : reviewFields(review) + reviewKeys(review));
    return 0;
  },
});

export const listReviewsCommand = remoteCommand({
  help: `Usage: pxxl-keys review list [--json]

Your workspace's reviews, newest first (needs keys:review).

Example:
  pxxl-keys review list`,
  flags: [],
  async run(client, args, io) {
    const { items } = await client.reviews.list();
    const rows = items.map((r) => [r.id, r.title, r.status, when(r.dueAt), `${r.progress.decided}/${r.progress.keys}`, String(r.progress.done)]);
    io.stdout.write(isOn(args, 'json') ? json({ items }) : table(['ID', 'TITLE', 'STATUS', 'DUE', 'DECIDED', 'DONE'], rows));
    return 0;
  },
});

export const showReviewCommand = remoteCommand({
  help: `Usage: pxxl-keys review show <id> [--json]

One review: each key in scope with its owner, scopes, last use, expiry, the
decision and whether it is done, and the keys new since it opened.

Example:
  pxxl-keys review show Rv7Qm2xK9pLs4TbN`,
  flags: [],
  async run(client, args, io) {
    const review = await client.reviews.get(operand(args, 2, 'review id'));
    io.stdout.write(isOn(args, 'json') ? json(review) : reviewFields(review) + reviewKeys(review));
    return 0;
  },
});

export const decideReviewCommand = remoteCommand({
  help: `Usage: pxxl-keys review decide <review id> <key id> --decision <keep|rotate|revoke|shorten-expiry|reassign>
         [--justification <text>] [--expires-at <date-time>] [--owner <owner>] [--json]

Records your decision on one key (your key is the reviewer). keep needs a
justification, and is refused (SELF_REVIEW) for a key you created or last
rotated yourself; shorten-expiry takes --expires-at, reassign --owner.

Example:
  pxxl-keys review decide Rv7Qm2xK9pLs4TbN k3PXrQ8yZt2mW9aB --decision keep --justification "uploads release assets"`,
  flags: ['decision', 'justification', 'expires-at', 'owner'],
  async run(client, args, io) {
    const decision = text(args, 'decision');
    if (!decision || !DECISIONS.includes(decision)) throw new UsageError(`--decision must be one of ${DECISIONS.join(', ')}`);
    const [reviewId, keyId, ...extra] = args.positional.slice(2);
    if (!reviewId || !keyId || extra.length > 0) throw new UsageError('give the review id and the key id');
    const review = await client.reviews.decide(reviewId, keyId, {
      decision: decision as never,
      justification: text(args, 'justification'),
      expiresAt: text(args, 'expires-at'),
      owner: text(args, 'owner'),
    });
    io.stdout.write(isOn(args, 'json') ? json(review) : `Recorded ${decision} on ${keyId}.\n` + reviewFields(review));
    return 0;
  },
});

export const applyReviewCommand = remoteCommand({
  help: `Usage: pxxl-keys review apply <id> [--grace <duration>] [--json]

Carries out the review's pending rotate and revoke decisions through the key
service's own commands (needs api_keys:write). A rotated key's new secret is
printed once. Safe to run again: what is done is not pending any more.

Example:
  pxxl-keys review apply Rv7Qm2xK9pLs4TbN --grace 1h`,
  flags: ['grace'],
  async run(client, args, io) {
    const grace = duration(args, 'grace');
    const { results, review } = await client.reviews.apply(operand(args, 2, 'review id'), grace === undefined ? {} : { gracePeriodSeconds: grace });
    if (isOn(args, 'json')) {
      io.stdout.write(json({ results, review }));
      return 0;
    }
    const rows = results.map((r) => [r.keyId, r.decision, r.outcome, r.followUpEventType ?? r.code ?? '-']);
    io.stdout.write(table(['KEY', 'DECISION', 'OUTCOME', 'EVENT OR CODE'], rows));
    for (const r of results.filter((result) => result.key)) io.stdout.write(`New secret of ${r.keyId} (shown once):\n${r.key}\n`);
    io.stdout.write(reviewFields(review));
    return 0;
  },
});

export const signOffReviewCommand = remoteCommand({
  help: `Usage: pxxl-keys review sign-off <id> [--json]

Signs the review off once every key has a decision and every change is carried
out; records you, the time and the audit trail's latest signed checkpoint.
Prints the attestation.

Example:
  pxxl-keys review sign-off Rv7Qm2xK9pLs4TbN --json > attestation.json`,
  flags: [],
  async run(client, args, io) {
    const attestation = await client.reviews.signOff(operand(args, 2, 'review id'));
    io.stdout.write(json(attestation));
    return 0;
  },
});

export const attestationCommand = remoteCommand({
  help: `Usage: pxxl-keys review attestation <id> [--html] [--json]

The signed-off review's attestation: JSON (the default), or the printable HTML
page with --html (print it to PDF from a browser).

Example:
  pxxl-keys review attestation Rv7Qm2xK9pLs4TbN --html > attestation.html`,
  flags: ['html'],
  async run(client, args, io) {
    const id = operand(args, 2, 'review id');
    io.stdout.write(isOn(args, 'html') ? await client.reviews.attestationPage(id) : json(await client.reviews.attestation(id)));
    return 0;
  },
});
