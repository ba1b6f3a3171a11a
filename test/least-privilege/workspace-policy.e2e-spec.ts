import { parseKeyEvent } from '@pxxl/contracts';
import { TestStack } from '../support/stack';
import { eventually } from '../support/test-infra';
import { readTopic } from '../support/topic-reader';

const inDays = (days: number) => new Date(Date.now() + days * 86400_000).toISOString();
const ALLOW_LIST = ['api_keys:read', 'api_keys:write', 'cdn:upload:web', 'usage:read'];

describe('workspace policy: recorded as an event, enforced on creation and rotation', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await TestStack.start();
  });

  afterAll(() => stack.stop());

  /** A fresh workspace per test, so that one test's policy never leaks into another. */
  async function workspace(id: string) {
    const admin = (await stack.bootstrap(id)).token;
    return {
      admin,
      policy: (body: unknown, headers: Record<string, string> = {}, token = admin) => stack.request('PUT', '/v1/workspace/policy', { token, body, headers }),
      create: (body: Record<string, unknown>, token = admin) =>
        stack.request('POST', '/v1/keys', { token, body: { name: 'Policy probe', scopes: ['usage:read'], expiresAt: inDays(30), ...body } }),
      rotate: (id: string, body: unknown = {}) => stack.request('POST', `/v1/keys/${id}/rotate`, { token: admin, body }),
    };
  }

  it('GET: the defaults (version 0) until changed, with api_keys:read', async () => {
    const ws = await workspace('pol-defaults');
    const reader = (await ws.create({ scopes: ['api_keys:read'] })).body.key;
    const response = await stack.request('GET', '/v1/workspace/policy', { token: reader });
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"0"');
    expect(response.body).toEqual({
      workspaceId: 'pol-defaults',
      maxLifetimeDays: 365,
      allowNonExpiring: false,
      maxGracePeriodSeconds: 604800,
      scopeAllowList: null,
      requireOwner: false,
      expiryNoticeDays: [14, 1],
      maxRateLimit: null,
      maxUsageLimit: null,
      requireAllowedIps: false,
      version: 0,
      changedAt: null,
      changedBy: null,
    });
    expect((await ws.policy({ maxLifetimeDays: 30 }, {}, reader)).status).toBe(403);
  });

  it('PUT: records WorkspacePolicyChanged in the store, on the topic (key workspace:<id>) and in the audit trail', async () => {
    const ws = await workspace('pol-event');
    const response = await ws.policy({ maxLifetimeDays: 90, maxGracePeriodSeconds: 3600, scopeAllowList: ALLOW_LIST });
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"1"');
    expect(response.body).toMatchObject({ maxLifetimeDays: 90, allowNonExpiring: false, maxGracePeriodSeconds: 3600, scopeAllowList: ALLOW_LIST, version: 1 });
    expect(response.body.changedBy).toMatch(/^key:[0-9A-Za-z]{16}$/);

    const stored = await stack.db().collection('key_events').findOne({ _id: 'policy:pol-event:1' as never });
    expect(stored).toMatchObject({ type: 'WorkspacePolicyChanged', workspaceId: 'pol-event', version: 1, data: { maxLifetimeDays: 90 } });
    expect(stored!.keyId).toBeUndefined();

    const messages = await readTopic(stack.env, (all) => all.some((m) => m.key?.toString() === 'workspace:pol-event'));
    const event = parseKeyEvent(messages.find((m) => m.key?.toString() === 'workspace:pol-event')!.value!);
    expect(event).toMatchObject({ type: 'WorkspacePolicyChanged', workspaceId: 'pol-event', data: { scopeAllowList: ALLOW_LIST } });

    const entry = await eventually(async () => (await stack.db().collection('audit_entries').findOne({ type: 'WorkspacePolicyChanged', workspaceId: 'pol-event' })) ?? undefined);
    expect(entry).toMatchObject({ keyId: null, actor: response.body.changedBy });
    expect(entry.summary).toContain('workspace policy changed: max lifetime 90 d');

    // The same policy again is no change: no event, same version.
    expect((await ws.policy({ maxLifetimeDays: 90, maxGracePeriodSeconds: 3600, scopeAllowList: ALLOW_LIST })).body.version).toBe(1);
  });

  it('PUT: 412 on a stale If-Match, 400 on values out of range or an allow-list that locks key management out', async () => {
    const ws = await workspace('pol-invalid');
    expect((await ws.policy({ maxLifetimeDays: 30 }, { 'if-match': '"0"' })).status).toBe(200);
    const stale = await ws.policy({ maxLifetimeDays: 60 }, { 'if-match': '"0"' });
    expect([stale.status, stale.body.code, stale.body.details.currentVersion]).toEqual([412, 'VERSION_MISMATCH', 1]);
    const cases: Array<[unknown, string]> = [
      [{ maxLifetimeDays: 0 }, 'INVALID_POLICY'],
      [{ maxGracePeriodSeconds: 31 * 86400 }, 'INVALID_POLICY'],
      [{ scopeAllowList: ['usage:read'] }, 'INVALID_POLICY'],
      [{ scopeAllowList: ['api_keys:read', 'api_keys:write', 'cdn:delete'] }, 'UNKNOWN_SCOPE'],
      [{ maxLifetimeDays: '30' }, 'VALIDATION_FAILED'],
      [{ maxAge: 30 }, 'VALIDATION_FAILED'],
    ];
    for (const [body, code] of cases) {
      const response = await ws.policy(body);
      expect([response.status, response.body.code]).toEqual([400, code]);
    }
    expect(await stack.db().collection('key_events').countDocuments({ workspaceId: 'pol-invalid', type: 'WorkspacePolicyChanged' })).toBe(1);
  });

  it('PUT: the v2 fields (owners, expiry notices, limit maxima) are stored as WorkspacePolicyChanged v2; maxima refuse looser limits with 400 LIMIT_NOT_ALLOWED', async () => {
    const ws = await workspace('pol-maxima');
    const response = await ws.policy({ expiryNoticeDays: [1, 30, 7], maxRateLimit: { limit: 100, windowSeconds: 60 }, maxUsageLimit: 1000 });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ expiryNoticeDays: [30, 7, 1], maxRateLimit: { limit: 100, windowSeconds: 60 }, maxUsageLimit: 1000, requireAllowedIps: false, requireOwner: false });
    const stored = await stack.db().collection('key_events').findOne({ _id: 'policy:pol-maxima:1' as never });
    expect(stored).toMatchObject({ schemaVersion: 2, data: { expiryNoticeDays: [30, 7, 1], maxUsageLimit: 1000 } });
    expect((await ws.policy({ expiryNoticeDays: [7, 7] })).status).toBe(400);

    const within = { rateLimit: { limit: 50, windowSeconds: 60 }, usage: { limit: 1000, refill: null } };
    const none = await ws.create({});
    expect([none.status, none.body.code, none.body.details.field]).toEqual([400, 'LIMIT_NOT_ALLOWED', 'rateLimit']);
    const looser = await ws.create({ ...within, rateLimit: { limit: 100, windowSeconds: 30 } });
    expect([looser.status, looser.body.code]).toEqual([400, 'LIMIT_NOT_ALLOWED']);
    const bigQuota = await ws.create({ ...within, usage: { limit: 1001 } });
    expect([bigQuota.status, bigQuota.body.details.field]).toEqual([400, 'usage']);
    const ok = await ws.create(within);
    expect(ok.status).toBe(201);
    const lift = await stack.request('PATCH', `/v1/keys/${ok.body.id}`, { token: ws.admin, body: { rateLimit: null } });
    expect([lift.status, lift.body.code]).toEqual([400, 'LIMIT_NOT_ALLOWED']);
    expect((await stack.request('PATCH', `/v1/keys/${ok.body.id}`, { token: ws.admin, body: { name: 'renamed' } })).status).toBe(200);
  });

  it('publishes an earlier policy version left unpublished by a crash before the next one (per-stream order)', async () => {
    const ws = await workspace('pol-crash');
    const orphan = {
      eventId: '3f1d1c9e-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
      type: 'WorkspacePolicyChanged',
      schemaVersion: 1,
      workspaceId: 'pol-crash',
      version: 1,
      occurredAt: new Date().toISOString(),
      actor: 'system',
      data: { maxLifetimeDays: 30, allowNonExpiring: false, maxGracePeriodSeconds: 0, scopeAllowList: null },
    };
    await stack.db().collection('key_events').insertOne({ _id: 'policy:pol-crash:1' as never, ...orphan, storedAt: new Date(), publishedAt: null });
    // The stored (unpublished) version is already the policy in force: the next change builds on it.
    expect((await ws.create({ expiresAt: inDays(31) })).body.code).toBe('EXPIRY_TOO_FAR');
    expect((await ws.policy({ maxLifetimeDays: 60 }, { 'if-match': '"1"' })).body.version).toBe(2);

    const messages = await readTopic(stack.env, (all) => all.filter((m) => m.key?.toString() === 'workspace:pol-crash').length >= 2);
    const versions = messages.filter((m) => m.key?.toString() === 'workspace:pol-crash').map((m) => parseKeyEvent(m.value!).version);
    expect(versions.slice(0, 2)).toEqual([1, 2]);
  });

  it('enforces the maximum lifetime and non-expiring keys on creation', async () => {
    const ws = await workspace('pol-lifetime');
    const forever = await ws.create({ expiresAt: null });
    expect([forever.status, forever.body.code]).toEqual([400, 'EXPIRY_REQUIRED']);
    await ws.policy({ maxLifetimeDays: 20, allowNonExpiring: true });
    const tooFar = await ws.create({ expiresAt: inDays(21) });
    expect([tooFar.status, tooFar.body.code, tooFar.body.details.maxLifetimeDays]).toEqual([400, 'EXPIRY_TOO_FAR', 20]);
    expect((await ws.create({ expiresAt: inDays(19) })).status).toBe(201);
    const allowed = await ws.create({ expiresAt: null });
    expect([allowed.status, allowed.body.expiresAt]).toEqual([201, null]);
  });

  it('enforces the maximum grace period, and today’s lifetime, on rotation', async () => {
    const ws = await workspace('pol-rotation');
    const key = (await ws.create({ expiresAt: inDays(60) })).body;
    await ws.policy({ maxGracePeriodSeconds: 3600 });
    const tooLong = await ws.rotate(key.id, { gracePeriodSeconds: 3601 });
    expect([tooLong.status, tooLong.body.code, tooLong.body.details.maxGracePeriodSeconds]).toEqual([400, 'INVALID_GRACE_PERIOD', 3600]);
    expect((await ws.rotate(key.id, { gracePeriodSeconds: 3600 })).status).toBe(200);
    await ws.policy({ maxLifetimeDays: 30, maxGracePeriodSeconds: 3600 });
    const outlives = await ws.rotate(key.id);
    expect([outlives.status, outlives.body.code]).toEqual([400, 'EXPIRY_TOO_FAR']);
    expect(outlives.body.message).toContain('revoke it and create a key');
  });

  it('enforces the scope allow-list on creation and rotation, and bounds a new admin key by it', async () => {
    const ws = await workspace('pol-allow');
    const billing = (await ws.create({ scopes: ['billing:read'] })).body;
    await ws.policy({ scopeAllowList: ALLOW_LIST });
    const outside = await ws.create({ scopes: ['cdn:upload', 'usage:read'] });
    expect([outside.status, outside.body.code, outside.body.details.scopes]).toEqual([400, 'SCOPE_NOT_ALLOWED', ['cdn:upload']]);
    expect((await ws.create({ preset: 'cdn-uploader', presetResource: 'web' })).body.code).toBe('SCOPE_NOT_ALLOWED'); // cdn:read:web is not allowed
    expect((await ws.create({ scopes: ['cdn:upload:web', 'usage:read'] })).status).toBe(201);
    const rotated = await ws.rotate(billing.id);
    expect([rotated.status, rotated.body.code]).toEqual([400, 'SCOPE_NOT_ALLOWED']);
    const forced = await stack.bootstrap('pol-allow', true);
    expect(forced.scopes).toEqual(ALLOW_LIST);
  });
});
