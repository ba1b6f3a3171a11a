import { isKeyLifecycleEvent, type KeyEvent } from '@pxxl/contracts';
import { readEventLog } from '@pxxl/event-store';
import { foldViews, inVersionOrder, ViewDigest, type KeyView } from '@pxxl/key-read-model';
import type { Connection } from 'mongoose';
import { TestStack } from '../support/stack';
import { eventually } from '../support/test-infra';

const inDays = (days: number) => new Date(Date.now() + days * 86400_000).toISOString();

/**
 * Owners (issue 18): set and changed through the API, filtered, required by
 * the workspace policy; a change of hands makes a key rotation due until it
 * is rotated; when someone leaves, all of an owner's keys are rotated or
 * revoked in one call, each through its own command, safely retried.
 */
describe('key owners', () => {
  let stack: TestStack;
  let admin: string;

  beforeAll(async () => {
    stack = await TestStack.start();
    admin = (await stack.bootstrap('owners')).token;
  });

  afterAll(() => stack.stop());

  const create = async (body: Record<string, unknown>, token = admin) => {
    const response = await stack.request('POST', '/v1/keys', { token, body: { name: 'owned', scopes: ['usage:read'], expiresAt: inDays(30), ...body } });
    expect(response.status).toBe(201);
    return response.body as { id: string; key: string; owner: string | null; version: number };
  };
  const get = async (id: string) => (await stack.request('GET', `/v1/keys/${id}`, { token: admin })).body;
  const verify = async (key: string) => (await stack.request('POST', '/v1/verify', { body: { key } })).body;

  it('201/200: sets the owner on create (KeyOwnerChanged in the same append) and shows it; 400 on a malformed handle', async () => {
    const key = await create({ owner: 'team:payments' });
    expect(key.owner).toBe('team:payments');
    expect(await get(key.id)).toMatchObject({ owner: 'team:payments', rotationDue: false, rotationDueReason: null, rotationDueSince: null, version: 2 });
    const stored = await stack.db().collection('key_events').findOne({ _id: `${key.id}:2` as never });
    expect(stored).toMatchObject({ type: 'KeyOwnerChanged', data: { owner: 'team:payments', previousOwner: null } });
    for (const owner of ['payments', 'team:Payments', 'group:x']) {
      const bad = await stack.request('POST', '/v1/keys', { token: admin, body: { name: 'x', scopes: ['usage:read'], expiresAt: inDays(1), owner } });
      expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    }
    const entry = await eventually(async () => (await stack.db().collection('audit_entries').findOne({ keyId: key.id, type: 'KeyOwnerChanged' })) ?? undefined);
    expect(entry.summary).toBe('owner set to team:payments');
  });

  it('200: a change of owner is KeyOwnerChanged and makes the key rotation due until it is rotated; the review report lists it', async () => {
    const key = await create({ owner: 'user:alice' });
    const changed = await stack.request('PATCH', `/v1/keys/${key.id}`, { token: admin, body: { owner: 'user:bob' } });
    expect(changed.status).toBe(200);
    const due = await get(key.id);
    expect(due).toMatchObject({ owner: 'user:bob', rotationDue: true, rotationDueReason: 'OWNER_CHANGED' });
    expect(Date.parse(due.rotationDueSince)).not.toBeNaN();

    const entry = await eventually(async () => (await stack.db().collection('audit_entries').findOne({ keyId: key.id, type: 'KeyOwnerChanged', 'details.previousOwner': 'user:alice' })) ?? undefined);
    expect(entry.summary).toBe('owner changed from user:alice to user:bob; rotation due');
    const report = await stack.request('GET', '/v1/audit/review', { app: 'audit', token: admin });
    expect(report.status).toBe(200);
    expect(report.body.findings.rotationDue).toContainEqual(expect.objectContaining({ keyId: key.id, owner: 'user:bob', rotationDueSince: due.rotationDueSince }));

    expect((await stack.request('POST', `/v1/keys/${key.id}/rotate`, { token: admin, body: {} })).status).toBe(200);
    expect(await get(key.id)).toMatchObject({ owner: 'user:bob', rotationDue: false, rotationDueReason: null, rotationDueSince: null });
  });

  it('200: GET /v1/keys?owner= lists only that owner’s keys; 400 on a malformed owner', async () => {
    const mine = await create({ owner: 'service:cdn-uploader' });
    await create({ owner: 'service:other' });
    const listed = await stack.request('GET', '/v1/keys?owner=service:cdn-uploader', { token: admin });
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((k: { id: string }) => k.id)).toEqual([mine.id]);
    expect((await stack.request('GET', '/v1/keys?owner=nobody', { token: admin })).status).toBe(400);
  });

  it('400 OWNER_REQUIRED: a workspace policy with requireOwner refuses new keys without one, and removing one', async () => {
    const ws = (await stack.bootstrap('owners-required')).token;
    expect((await stack.request('PUT', '/v1/workspace/policy', { token: ws, body: { requireOwner: true } })).status).toBe(200);
    const none = await stack.request('POST', '/v1/keys', { token: ws, body: { name: 'x', scopes: ['usage:read'], expiresAt: inDays(1) } });
    expect([none.status, none.body.code]).toEqual([400, 'OWNER_REQUIRED']);
    const owned = await create({ owner: 'team:ops' }, ws);
    const removed = await stack.request('PATCH', `/v1/keys/${owned.id}`, { token: ws, body: { owner: null } });
    expect([removed.status, removed.body.code]).toEqual([400, 'OWNER_REQUIRED']);
  });

  it('200: POST /v1/owners/{owner}/rotate rotates every active key of the owner, reassigning it first; every new secret once; a retry finds nothing left', async () => {
    const [one, two] = [await create({ owner: 'user:carol' }), await create({ owner: 'user:carol', scopes: ['usage:read', 'health:read'] })];
    const other = await create({ owner: 'user:dave' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const body = { gracePeriodSeconds: 60, newOwner: 'team:platform', notRotatedSince: new Date().toISOString() };
    const response = await stack.request('POST', '/v1/owners/user:carol/rotate', { token: admin, body });
    expect(response.status).toBe(200);
    expect(response.body.owner).toBe('user:carol');
    const results = response.body.results as Array<{ keyId: string; outcome: string; key: string; owner: string }>;
    expect(results.map((r) => r.keyId).sort()).toEqual([one.id, two.id].sort());
    for (const result of results) {
      expect(result).toMatchObject({ outcome: 'rotated', owner: 'team:platform', gracePeriodSeconds: 60 });
      expect((await verify(result.key)).code).toBe('VALID');
      // Reassigned, then rotated: the rotation cleared the "rotation due" the change set.
      expect(await get(result.keyId)).toMatchObject({ owner: 'team:platform', rotationDue: false });
    }
    // The old secrets keep their grace; the other owner's key was not touched.
    expect((await verify(one.key)).code).toBe('VALID');
    expect((await get(other.id)).version).toBe(other.version);
    const retry = await stack.request('POST', '/v1/owners/user:carol/rotate', { token: admin, body });
    expect([retry.status, retry.body.results]).toEqual([200, []]);
  });

  it('200: a rotate without newOwner is retry-safe through notRotatedSince; a key its caller may not rotate is failed with its code', async () => {
    const writer = await create({ scopes: ['api_keys:write', 'api_keys:read', 'usage:read'] });
    const plain = await create({ owner: 'user:erin' });
    const broad = await create({ owner: 'user:erin', scopes: ['usage:read', 'billing:read'] });
    await new Promise((resolve) => setTimeout(resolve, 5));
    // The moment the operator starts: keys rotated from then on are done, so a retry skips them.
    const since = new Date().toISOString();
    const response = await stack.request('POST', '/v1/owners/user:erin/rotate', { token: writer.key, body: { notRotatedSince: since } });
    expect(response.status).toBe(200);
    const byId = new Map((response.body.results as Array<{ keyId: string }>).map((r) => [r.keyId, r]));
    expect(byId.get(plain.id)).toMatchObject({ outcome: 'rotated' });
    expect(byId.get(broad.id)).toMatchObject({ outcome: 'failed', code: 'SCOPE_ESCALATION' });
    expect(byId.get(broad.id)).not.toHaveProperty('key');
    const retry = await stack.request('POST', '/v1/owners/user:erin/rotate', { token: writer.key, body: { notRotatedSince: since } });
    expect((retry.body.results as Array<{ keyId: string; outcome: string }>).map((r) => [r.keyId, r.outcome])).toEqual([[broad.id, 'failed']]);
  });

  it('200: POST /v1/owners/{owner}/revoke revokes every active key of the owner as its own KeyRevoked; a retry finds none; 403 without api_keys:write, 400 on a bad owner', async () => {
    const keys = [await create({ owner: 'user:frank' }), await create({ owner: 'user:frank' })];
    const reader = await create({ scopes: ['api_keys:read'] });
    expect((await stack.request('POST', '/v1/owners/user:frank/revoke', { token: reader.key, body: {} })).status).toBe(403);
    expect((await stack.request('POST', '/v1/owners/frank/revoke', { token: admin, body: {} })).body.code).toBe('INVALID_OWNER');
    const response = await stack.request('POST', '/v1/owners/user:frank/revoke', { token: admin, body: { reason: 'frank left' } });
    expect(response.status).toBe(200);
    expect((response.body.results as Array<{ keyId: string; outcome: string }>).map((r) => r.outcome)).toEqual(['revoked', 'revoked']);
    for (const key of keys) {
      expect((await verify(key.key)).code).toBe('REVOKED');
      expect(await get(key.id)).toMatchObject({ status: 'revoked', revokedReason: 'frank left' });
    }
    const retry = await stack.request('POST', '/v1/owners/user:frank/revoke', { token: admin, body: {} });
    expect([retry.status, retry.body.results]).toEqual([200, []]);
  });

  it('keeps owners and rotation due through a rebuild of the read model from the event log', async () => {
    const db: Connection = stack.db();
    await eventually(async () => {
      const views = await db.collection<KeyView>('key_views').find({}).sort({ _id: 1 }).toArray();
      const stored = new ViewDigest();
      for (const view of views) stored.add(view as KeyView);
      async function* lifecycle(): AsyncGenerator<KeyEvent> {
        for await (const event of readEventLog(db.db!, { order: '_id' })) if (isKeyLifecycleEvent(event)) yield event;
      }
      const rebuilt = new ViewDigest();
      for await (const view of foldViews(inVersionOrder(lifecycle()))) rebuilt.add(view);
      return rebuilt.hex() === stored.hex() && views.some((view) => view.owner === 'user:bob') ? true : undefined;
    });
  });
});
