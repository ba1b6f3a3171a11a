import { parseCsv } from '@pxxl/audit-trail';
import { auditCaughtUp, auditGet, created, keyEvent, newTestKeyId, storeAndPublish } from '../support/audit';
import { TestStack } from '../support/stack';
import { eventually } from '../support/test-infra';

const DAY = 86400_000;

describe('the periodic review report, on prepared keys and an injected clock', () => {
  let stack: TestStack;
  let admin: { token: string; keyId: string };
  const ids: Record<string, string> = {};
  let t0: number;

  const create = async (name: string, scopes: string[], expiresInDays = 300) => {
    const response = await stack.request('POST', '/v1/keys', {
      token: admin.token,
      body: { name, scopes, expiresAt: new Date(t0 + expiresInDays * DAY).toISOString() },
    });
    expect(response.status).toBe(201);
    ids[name] = response.body.id;
    return response.body as { id: string; key: string };
  };

  beforeAll(async () => {
    stack = await TestStack.start({ env: { LAST_USED_FLUSH_INTERVAL_MS: '100' } });
    t0 = stack.clock.now().getTime();
    const bootstrap = await stack.bootstrap('acme');
    admin = { token: bootstrap.token, keyId: bootstrap.keyId };
    ids.admin = bootstrap.keyId;

    // Day 0: the keys under review.
    await create('idle', ['usage:read']);
    await create('soon', ['usage:read'], 115);
    await create('billing', ['billing:write']);
    await create('wide-cdn', ['cdn:upload']);
    await create('narrow-cdn', ['cdn:upload:space-1']);
    const busy = await create('busy', ['usage:read']);
    await create('rotated', ['usage:read']);
    await create('leaky', ['usage:read']);
    await create('departed', ['usage:read']);
    // The default policy refuses a key that never expires (workspace policy, #4, will allow it): its event comes straight from the store.
    ids.forever = newTestKeyId();
    await storeAndPublish(stack, [keyEvent(created(ids.forever, { name: 'forever', expiresAt: null }), { keyId: ids.forever, workspaceId: 'acme', version: 1, occurredAt: new Date(t0) })]);

    // Day 50: two revocations, one of them a leak.
    stack.clock.advance(50 * DAY);
    expect((await stack.request('POST', `/v1/keys/${ids.leaky}/revoke`, { token: admin.token, body: { reason: 'leaked' } })).status).toBe(200);
    expect((await stack.request('POST', `/v1/keys/${ids.departed}/revoke`, { token: admin.token, body: { reason: 'owner left the team' } })).status).toBe(200);

    // Day 95: one key is used, one is rotated.
    stack.clock.advance(45 * DAY);
    expect((await stack.request('POST', '/v1/verify', { body: { key: busy.key } })).body.valid).toBe(true);
    expect((await stack.request('POST', `/v1/keys/${ids.rotated}/rotate`, { token: admin.token, body: {} })).status).toBe(200);
    await eventually(async () => ((await stack.db().collection('key_usage').findOne({ _id: ids.busy as never }))?.lastUsedAt ? true : undefined), 10000, 'lastUsedAt');

    // Day 100: the review.
    stack.clock.advance(5 * DAY);
    await auditCaughtUp(stack);
  });

  afterAll(() => stack.stop());

  const review = async (query = '') => {
    const response = await auditGet(stack, `/v1/audit/review${query}`, admin.token);
    expect(response.status).toBe(200);
    return response;
  };
  const keysIn = (findings: Array<{ keyId: string }>) => findings.map((f) => Object.keys(ids).find((name) => ids[name] === f.keyId)).sort();

  it('covers the 90 days before now by default, and counts the keys', async () => {
    const report = (await review()).body;
    expect(Math.abs(new Date(report.generatedAt).getTime() - (t0 + 100 * DAY))).toBeLessThan(60_000);
    expect(report.period.to).toBe(report.generatedAt);
    expect(new Date(report.period.to).getTime() - new Date(report.period.from).getTime()).toBe(90 * DAY);
    expect(report.parameters).toEqual({ expiringWithinDays: 30, unusedForDays: 90, notRotatedForDays: 90 });
    expect(report.keys).toEqual({ active: 9, expired: 0, revoked: 2 });
  });

  it('lists keys with no expiry and keys expiring within N days', async () => {
    const report = (await review()).body;
    expect(keysIn(report.findings.noExpiry)).toEqual(['forever']);
    expect(report.findings.expiringSoon).toEqual([expect.objectContaining({ keyId: ids.soon, keyName: 'soon', detail: 'expires in 15 days' })]);
    expect((await review('?expiringWithinDays=10')).body.findings.expiringSoon).toEqual([]);
  });

  it('lists keys unused for N days (never used counts from creation) and keys not rotated for N days', async () => {
    const report = (await review()).body;
    expect(keysIn(report.findings.unused)).toEqual(['admin', 'billing', 'forever', 'idle', 'narrow-cdn', 'rotated', 'soon', 'wide-cdn']);
    expect(report.findings.unused.find((f: any) => f.keyId === ids.idle).detail).toBe('never used (created 100 days ago)');
    expect(keysIn(report.findings.notRotated)).toEqual(['admin', 'billing', 'busy', 'forever', 'idle', 'narrow-cdn', 'soon', 'wide-cdn']);
    expect(report.findings.notRotated.find((f: any) => f.keyId === ids.busy).detail).toBe('never rotated (created 100 days ago)');
    const recent = (await review('?unusedForDays=3')).body.findings.unused;
    expect(recent.find((f: any) => f.keyId === ids.busy).detail).toBe('last used 5 days ago');
  });

  it('lists broad grants: key administration, billing writes, and unscoped grants where a narrowed one is in use', async () => {
    const report = (await review()).body;
    expect(keysIn(report.findings.broadScopes)).toEqual(['admin', 'billing', 'wide-cdn']);
    expect(report.findings.broadScopes.find((f: any) => f.keyId === ids['wide-cdn']).reasons).toEqual([
      'cdn:upload covers every resource where a grant for one resource (cdn:upload:<resource>) would do',
    ]);
  });

  it('lists the period’s revocations and leaks, and counts created, rotated and revoked keys per month', async () => {
    const report = (await review()).body;
    expect(report.findings.leakedInPeriod).toEqual([expect.objectContaining({ keyId: ids.leaky, keyName: 'leaky', detail: 'revoked: leaked', actor: `key:${admin.keyId}` })]);
    expect(report.findings.revokedInPeriod).toEqual([expect.objectContaining({ keyId: ids.departed, detail: 'revoked: owner left the team' })]);
    expect(report.findings.browserUseAttempts).toEqual([]);
    expect(report.notYetRecorded).toEqual([]);
    expect(report.activity.total).toEqual({ created: 0, rotated: 1, revoked: 2, leaked: 1, updated: 0, limitsChanged: 0, toppedUp: 0, ownerChanged: 0 });
    const sum = (column: string) => report.activity.byMonth.reduce((n: number, month: any) => n + month[column], 0);
    expect([sum('created'), sum('rotated'), sum('revoked')]).toEqual([0, 1, 2]);
    // A period that starts before the keys were created counts their creation too.
    const all = (await review(`?from=${new Date(t0 - DAY).toISOString()}`)).body;
    expect(all.activity.total.created).toBe(11);
  });

  it('answers the same report as one CSV sheet', async () => {
    const response = await review('?format=csv');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="review-acme-\d{4}-\d{2}-\d{2}\.csv"$/);
    const rows = parseCsv(response.text);
    expect(rows[0].slice(0, 4)).toEqual(['section', 'keyId', 'keyName', 'detail']);
    expect(rows.filter((r) => r[0] === 'noExpiry').map((r) => [r[1], r[2], r[3]])).toEqual([[ids.forever, 'forever', 'never expires']]);
    expect(rows.filter((r) => r[0] === 'leakedInPeriod').map((r) => r[1])).toEqual([ids.leaky]);
    expect(rows.filter((r) => r[0] === 'unused')).toHaveLength(8);
  });
});
