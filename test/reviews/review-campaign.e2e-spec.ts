import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestStack } from '../support/stack';

const inDays = (days: number) => new Date(Date.now() + days * 86400_000).toISOString();
const ARTIFACT = join(__dirname, '..', '..', 'artifacts', 'review-attestation.json');

/**
 * A review campaign against the real stack (Kafka, FerretDB, the three apps): open, decide
 * (SELF_REVIEW, two reviewers on one key), apply through the key commands, sign off with the
 * audit trail's checkpoint, and the attestation as JSON and HTML (docs/audit.md, "The quarterly review").
 */
describe('review campaigns, end to end', () => {
  let stack: TestStack;
  let admin: { id: string; token: string };
  const keys: Record<string, { id: string; key: string }> = {};
  let reviewId = '';

  beforeAll(async () => {
    stack = await TestStack.start();
    const bootstrapped = await stack.bootstrap('acme-reviews');
    admin = { id: bootstrapped.keyId, token: bootstrapped.token };
    const create = async (token: string, name: string, scopes: string[]) => {
      const created = await stack.request('POST', '/v1/keys', { token, body: { name, scopes, expiresAt: inDays(60) } });
      expect(created.status).toBe(201);
      return created.body as { id: string; key: string };
    };
    // The reviewer may create keys; the second reviewer only reviews. Both hold cdn:upload, so both are in scope.
    keys.reviewer = await create(admin.token, 'security reviewer', ['keys:review', 'api_keys:write', 'cdn:upload']);
    keys.reviewer2 = await create(admin.token, 'second reviewer', ['keys:review']);
    keys.keep = await create(admin.token, 'CDN uploader', ['cdn:upload']);
    keys.rotate = await create(admin.token, 'old uploader', ['cdn:upload:web']);
    keys.revoke = await create(admin.token, 'unused uploader', ['cdn:upload']);
    keys.mine = await create(keys.reviewer.key, 'made by the reviewer', ['cdn:upload']);
    keys.outOfScope = await create(admin.token, 'billing reader', ['billing:read']);
  }, 240_000);

  afterAll(async () => {
    await stack?.stop();
  });

  const review = (token = keys.reviewer.key) => stack.request('GET', `/v1/reviews/${reviewId}`, { token });
  const decide = (token: string, keyId: string, body: object, headers: Record<string, string> = {}) =>
    stack.request('PUT', `/v1/reviews/${reviewId}/keys/${keyId}`, { token, body, headers });

  it('403: opening a review needs keys:review', async () => {
    const refused = await stack.request('POST', '/v1/reviews', { token: keys.keep.key, body: { title: 'Q4', dueAt: inDays(30) } });
    expect([refused.status, refused.body.code]).toEqual([403, 'INSUFFICIENT_SCOPE']);
  });

  it('400: refuses a due date in the past and an unknown scope', async () => {
    const past = await stack.request('POST', '/v1/reviews', { token: keys.reviewer.key, body: { title: 'Q4', dueAt: '2020-01-01T00:00:00Z' } });
    expect([past.status, past.body.code, past.body.details.field]).toEqual([400, 'INVALID_REVIEW', 'dueAt']);
    const scope = await stack.request('POST', '/v1/reviews', { token: keys.reviewer.key, body: { title: 'Q4', dueAt: inDays(30), scope: 'nope:nope' } });
    expect(scope.status).toBe(400);
  });

  it('201: opens a review and freezes the active keys in scope', async () => {
    const opened = await stack.request('POST', '/v1/reviews', { token: keys.reviewer.key, body: { title: 'Q4 2026 CDN keys', dueAt: inDays(30), scope: 'cdn:upload' } });
    expect(opened.status).toBe(201);
    reviewId = opened.body.id;
    expect(opened.body).toMatchObject({ title: 'Q4 2026 CDN keys', scope: 'cdn:upload', status: 'open', version: 1, progress: { keys: 6, decided: 0, done: 0 } });
    const inScope = opened.body.keys.map((key: { keyId: string }) => key.keyId).sort();
    // The bootstrap admin key holds every scope, cdn:upload included.
    expect(inScope).toEqual([admin.id, keys.reviewer.id, keys.keep.id, keys.rotate.id, keys.revoke.id, keys.mine.id].sort());
    expect(opened.body.keys[0]).toMatchObject({ decision: null, done: false, status: 'active' });
    const listed = await stack.request('GET', '/v1/reviews', { token: keys.reviewer2.key });
    expect(listed.body.items.map((item: { id: string }) => item.id)).toContain(reviewId);
  });

  it('lists a key created after the review opened as new since, not silently left out', async () => {
    const late = await stack.request('POST', '/v1/keys', { token: admin.token, body: { name: 'late uploader', scopes: ['cdn:upload'], expiresAt: inDays(10) } });
    const shown = await review();
    expect(shown.body.newSinceOpened.map((key: { keyId: string }) => key.keyId)).toEqual([late.body.id]);
    expect(shown.body.keys).toHaveLength(6);
  });

  it('403 SELF_REVIEW: the reviewer cannot keep a key it created, or its own key; another reviewer can', async () => {
    const self = await decide(keys.reviewer.key, keys.mine.id, { decision: 'keep', justification: 'mine, still needed' });
    expect([self.status, self.body.code, self.body.details.reason]).toEqual([403, 'SELF_REVIEW', 'created-by-reviewer']);
    const own = await decide(keys.reviewer.key, keys.reviewer.id, { decision: 'keep', justification: 'me' });
    expect([own.status, own.body.code]).toEqual([403, 'SELF_REVIEW']);
    expect((await decide(keys.reviewer2.key, keys.mine.id, { decision: 'keep', justification: 'CDN release job of the security team' })).status).toBe(200);
    expect((await decide(keys.reviewer2.key, keys.reviewer.id, { decision: 'keep', justification: 'the security team’s reviewer key' })).status).toBe(200);
    expect((await decide(keys.reviewer2.key, admin.id, { decision: 'keep', justification: 'the workspace’s bootstrap admin key, held by the platform team' })).status).toBe(200);
  });

  it('400 and 404: keep needs a justification; a key outside the snapshot is not in the review', async () => {
    const bare = await decide(keys.reviewer.key, keys.keep.id, { decision: 'keep' });
    expect([bare.status, bare.body.code, bare.body.details.field]).toEqual([400, 'INVALID_DECISION', 'justification']);
    const outside = await decide(keys.reviewer.key, keys.outOfScope.id, { decision: 'revoke' });
    expect([outside.status, outside.body.code]).toEqual([404, 'KEY_NOT_IN_REVIEW']);
    const decided = await decide(keys.reviewer.key, keys.keep.id, { decision: 'keep', justification: 'uploads release assets; used daily' });
    expect(decided.status).toBe(200);
  });

  it('409: two reviewers deciding the same key at once on the same version, one wins', async () => {
    const version = (await review()).body.version as number;
    const ifMatch = { 'if-match': `"${version}"` };
    const answers = await Promise.all([
      decide(keys.reviewer.key, keys.rotate.id, { decision: 'rotate', justification: 'held by a former contractor' }, ifMatch),
      decide(keys.reviewer2.key, keys.rotate.id, { decision: 'rotate', justification: 'never rotated' }, ifMatch),
    ]);
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses[0]).toBe(200);
    // Both loaded the same version: the loser's append collides (409); had it loaded after the winner, its If-Match is stale (412).
    expect([409, 412]).toContain(statuses[1]);
    const loser = answers.find((answer) => answer.status !== 200)!;
    expect(['CONCURRENT_MODIFICATION', 'VERSION_MISMATCH']).toContain(loser.body.code);
    expect((await review()).body.version).toBe(version + 1);
  });

  it('409 REVIEW_INCOMPLETE: sign-off names what is undecided and what is not carried out', async () => {
    const early = await stack.request('POST', `/v1/reviews/${reviewId}/sign-off`, { token: keys.reviewer.key });
    expect([early.status, early.body.code]).toEqual([409, 'REVIEW_INCOMPLETE']);
    expect(early.body.details).toEqual({ undecided: [keys.revoke.id], notApplied: [keys.rotate.id] });
    expect((await decide(keys.reviewer.key, keys.revoke.id, { decision: 'revoke', justification: 'not used in 90 days' })).status).toBe(200);
  });

  it('200: apply carries out rotate and revoke through the key commands (api_keys:write), once', async () => {
    const refused = await stack.request('POST', `/v1/reviews/${reviewId}/apply`, { token: keys.reviewer2.key });
    expect([refused.status, refused.body.code]).toEqual([403, 'INSUFFICIENT_SCOPE']);
    const applied = await stack.request('POST', `/v1/reviews/${reviewId}/apply`, { token: admin.token, body: {} });
    expect(applied.status).toBe(200);
    const byKey = new Map(applied.body.results.map((result: { keyId: string }) => [result.keyId, result]));
    expect(byKey.get(keys.rotate.id)).toMatchObject({ decision: 'rotate', outcome: 'applied', followUpEventType: 'KeyRotated', key: expect.stringMatching(/^pxxl_/) });
    expect(byKey.get(keys.revoke.id)).toMatchObject({ decision: 'revoke', outcome: 'applied', followUpEventType: 'KeyRevoked', key: null });
    const verify = async (key: string) => (await stack.request('POST', '/v1/verify', { body: { key } })).body.code;
    expect(await verify(keys.revoke.key)).toBe('REVOKED');
    expect(await verify((byKey.get(keys.rotate.id) as { key: string }).key)).toBe('VALID');
    // A second run finds nothing left to do.
    const again = await stack.request('POST', `/v1/reviews/${reviewId}/apply`, { token: admin.token });
    expect([again.status, again.body.results]).toEqual([200, []]);
    const shown = await review();
    expect(shown.body.progress).toEqual({ keys: 6, decided: 6, done: 6 });
    expect(shown.body.keys.find((key: { keyId: string }) => key.keyId === keys.revoke.id)).toMatchObject({ status: 'revoked', done: true, followUp: { type: 'KeyRevoked' } });
  });

  it('200: sign-off records who, when and the audit checkpoint; the attestation is the same document later, in JSON and HTML', async () => {
    // Wait until the audit trail holds the follow-up, then take a checkpoint that covers it.
    const timeline = async () => (await stack.request('GET', `/v1/audit/events?keyId=${keys.revoke.id}`, { app: 'audit', token: admin.token })).body.items ?? [];
    for (let i = 0; i < 300 && !(await timeline()).some((entry: { type: string }) => entry.type === 'ReviewActionApplied'); i++) await new Promise((r) => setTimeout(r, 100));
    const entries = await timeline();
    expect(entries.map((entry: { type: string }) => entry.type)).toEqual(expect.arrayContaining(['KeyCreated', 'KeyReviewed', 'KeyRevoked', 'ReviewActionApplied']));
    expect((await stack.request('GET', '/v1/audit/checkpoint', { app: 'audit', token: admin.token })).status).toBe(200);

    const signed = await stack.request('POST', `/v1/reviews/${reviewId}/sign-off`, { token: keys.reviewer.key });
    expect(signed.status).toBe(200);
    const attestation = signed.body;
    expect(attestation).toMatchObject({
      format: 'pxxl-keys/review-attestation/v1',
      workspaceId: 'acme-reviews',
      review: { id: reviewId, title: 'Q4 2026 CDN keys', scope: 'cdn:upload' },
      signOff: { by: { keyId: keys.reviewer.id } },
      checkpoint: { size: expect.any(Number), note: expect.stringContaining('\n') },
    });
    expect(attestation.checkpoint.size).toBeGreaterThan(0);
    expect(attestation.keys).toHaveLength(6);
    const revoked = attestation.keys.find((key: { keyId: string }) => key.keyId === keys.revoke.id);
    expect(revoked).toMatchObject({ decision: 'revoke', justification: 'not used in 90 days', decidedBy: { keyId: keys.reviewer.id }, followUp: { type: 'KeyRevoked' } });
    // Every decision and follow-up is an entry of the audit trail.
    const eventIds = new Set(entries.map((entry: { eventId: string }) => entry.eventId));
    expect(eventIds.has(revoked.decisionEventId)).toBe(true);
    expect(eventIds.has(revoked.followUp.eventId)).toBe(true);

    const again = await stack.request('POST', `/v1/reviews/${reviewId}/sign-off`, { token: keys.reviewer.key });
    expect([again.status, again.body.code]).toEqual([409, 'REVIEW_SIGNED_OFF']);
    const late = await decide(keys.reviewer2.key, keys.keep.id, { decision: 'revoke' });
    expect([late.status, late.body.code]).toEqual([409, 'REVIEW_SIGNED_OFF']);

    const fetched = await stack.request('GET', `/v1/reviews/${reviewId}/attestation`, { token: keys.reviewer2.key });
    expect(fetched.body).toEqual(attestation);
    const page = await stack.request('GET', `/v1/reviews/${reviewId}/attestation?format=html`, { token: keys.reviewer2.key });
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).toContain('Q4 2026 CDN keys');
    expect(page.text).toContain(keys.revoke.id);
    const accepted = await stack.request('GET', `/v1/reviews/${reviewId}/attestation`, { token: keys.reviewer2.key, headers: { accept: 'text/html' } });
    expect(accepted.text).toBe(page.text);

    mkdirSync(join(ARTIFACT, '..'), { recursive: true });
    writeFileSync(ARTIFACT, JSON.stringify(attestation, null, 2) + '\n');
  }, 180_000);

  it('409 and 404: no attestation before sign-off; another workspace’s review is not found', async () => {
    const other = await stack.request('POST', '/v1/reviews', { token: keys.reviewer.key, body: { title: 'next quarter', dueAt: inDays(90) } });
    const early = await stack.request('GET', `/v1/reviews/${other.body.id}/attestation`, { token: keys.reviewer.key });
    expect([early.status, early.body.code]).toEqual([409, 'REVIEW_NOT_SIGNED_OFF']);
    const stranger = await stack.bootstrap('elsewhere');
    const hidden = await stack.request('GET', `/v1/reviews/${reviewId}`, { token: stranger.token });
    expect([hidden.status, hidden.body.code]).toEqual([404, 'REVIEW_NOT_FOUND']);
    const malformed = await stack.request('GET', '/v1/reviews/not-an-id', { token: keys.reviewer.key });
    expect([malformed.status, malformed.body.code]).toEqual([400, 'INVALID_REVIEW_ID']);
  });
});
