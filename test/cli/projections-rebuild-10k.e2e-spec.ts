import type { KeyEvent } from '@pxxl/contracts';
import type { KeyView } from '@pxxl/key-read-model';
import { randomBytes } from 'node:crypto';
import { applyToView } from '@pxxl/key-read-model';
import { created, fakeSecretHash, keyEvent, newTestKeyId } from '../support/audit';
import { pxxlKeys } from '../support/cli-process';
import { TestStack } from '../support/stack';
import { waitForCaughtUp } from '../support/topic-reader';

const KEYS = 10_000;
const inDays = (days: number) => new Date(Date.now() + days * 86400_000).toISOString();

/**
 * The history of 10,000 keys, as the key service would have stored it: every
 * key created, every third rotated (some with a grace period), every fifth
 * revoked. Events are stamped one second apart, in the order they happened.
 */
function history(): KeyEvent[] {
  const start = Date.now() - 3 * 86400_000;
  let tick = 0;
  const at = () => new Date(start + tick++ * 1000);
  const ids = Array.from({ length: KEYS }, newTestKeyId);
  const events: KeyEvent[] = ids.map((keyId, i) =>
    keyEvent(created(keyId, { scopes: i % 2 ? ['usage:read'] : ['cdn:upload:web', 'deployments:read'], expiresAt: i % 10 ? inDays(90) : null }), {
      keyId,
      workspaceId: `ws${i % 7}`,
      version: 1,
      occurredAt: at(),
    }),
  );
  const versions = new Map(ids.map((id) => [id, 1]));
  const next = (keyId: string) => {
    const version = versions.get(keyId)! + 1;
    versions.set(keyId, version);
    return version;
  };
  ids.forEach((keyId, i) => {
    if (i % 3 !== 0) return;
    const grace = i % 2 ? 0 : 3600;
    const occurredAt = at();
    const data = {
      secretHash: fakeSecretHash(),
      displayPrefix: `pxxl_${keyId}_${randomBytes(2).toString('hex')}`,
      gracePeriodSeconds: grace,
      previousSecretValidUntil: grace ? new Date(occurredAt.getTime() + grace * 1000).toISOString() : null,
    };
    events.push(keyEvent({ type: 'KeyRotated', data }, { keyId, workspaceId: `ws${i % 7}`, version: next(keyId), occurredAt }));
  });
  ids.forEach((keyId, i) => {
    if (i % 5 !== 0) return;
    events.push(keyEvent({ type: 'KeyRevoked', data: { reason: i % 2 ? 'leaked' : 'owner left the team' } }, { keyId, workspaceId: `ws${i % 7}`, version: next(keyId), occurredAt: at() }));
  });
  return events;
}

describe('pxxl-keys projections rebuild at 10,000 keys', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await TestStack.start({ apps: ['projector', 'key-service'] });
  });

  afterAll(() => stack.stop());

  it('rebuilds a read model of 10,000 keys with rotations and revocations into one with the identical digest', async () => {
    // A few keys the whole way: HTTP, event store, outbox relay, Kafka, projector.
    const admin = await stack.bootstrap('acme');
    for (let i = 0; i < 3; i++) {
      const made = await stack.request('POST', '/v1/keys', { token: admin.token, body: { name: `live ${i}`, scopes: ['usage:read'], expiresAt: inDays(30) } });
      await stack.request('POST', `/v1/keys/${made.body.id}/rotate`, { token: admin.token, body: { gracePeriodSeconds: 600 } });
      if (i === 0) await stack.request('POST', `/v1/keys/${made.body.id}/revoke`, { token: admin.token, body: { reason: 'test' } });
    }
    await waitForCaughtUp(stack.env, [stack.env.PROJECTOR_GROUP_ID]);

    // The bulk, stored as the key service stores events (already published) and
    // projected as the projector consumes them: event by event, in the order they
    // happened, by the projector's own projection. Writing them through Kafka one
    // at a time would take minutes on FerretDB.
    const events = history();
    const views = new Map<string, KeyView>();
    for (const event of events) views.set(event.keyId, applyToView(views.get(event.keyId) ?? null, event)!);
    let used = 0;
    for (const view of views.values()) if (used++ % 7 === 0) view.lastUsedAt = new Date(Date.now() - used * 1000);
    const storedAt = new Date();
    const docs = events.map((event) => ({ _id: `${event.keyId}:${event.version}`, ...event, storedAt, publishedAt: storedAt }));
    const db = stack.db();
    for (let i = 0; i < docs.length; i += 1000) await db.collection('key_events').insertMany(docs.slice(i, i + 1000) as never[], { ordered: false });
    const viewDocs = [...views.values()];
    for (let i = 0; i < viewDocs.length; i += 1000) await db.collection('key_views').insertMany(viewDocs.slice(i, i + 1000) as never[], { ordered: false });

    const run = await pxxlKeys(['projections', 'rebuild', '--json'], { env: { ...stack.env, LOG_LEVEL: 'warn' } });
    expect({ code: run.code, stderr: run.stderr }).toMatchObject({ code: 0 });
    const report = JSON.parse(run.stdout);
    const realPath = { views: 4, events: 4 + 3 + 1 };
    expect(report).toMatchObject({ views: KEYS + realPath.views, events: events.length + realPath.events, identical: true, inStep: true });
    expect(report.rebuilt).toEqual({ digest: report.live.digest, views: KEYS + realPath.views });
    expect(report.repaired).toEqual({ replaced: 0, inserted: 0, removed: 0 });
    expect(events.length).toBe(KEYS + Math.ceil(KEYS / 3) + KEYS / 5);

    // For people, off a terminal: plain progress lines with rate and ETA, then the verdict.
    const plain = await pxxlKeys(['projections', 'rebuild'], { env: { ...stack.env, LOG_LEVEL: 'warn' } });
    expect(plain.code).toBe(0);
    expect(plain.stderr).toMatch(/^\d+\/\d+ events, \d+ views, \d+ events\/s, ETA \d+ s$/m);
    expect(plain.stdout).toMatch(new RegExp(`^rebuilt ${report.events} events into ${KEYS + realPath.views} views in [\\d.]+ s`));
    expect(plain.stdout).toContain(`digest live ${report.live.digest.slice(0, 12)}…  rebuilt ${report.live.digest.slice(0, 12)}…  identical: nothing to switch`);

    // Usage lives in key_usage: a live view's own lastUsedAt (from before usage moved there) is not carried over.
    const sample = viewDocs[7];
    expect(sample.lastUsedAt).toBeInstanceOf(Date);
    expect((await db.collection('key_views_rebuild').findOne({ _id: sample._id as never }))!.lastUsedAt).toBeNull();
  }, 180_000);
});
