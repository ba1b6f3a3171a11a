import { isKeyLifecycleEvent, type KeyEvent } from '@pxxl/contracts';
import { readEventLog } from '@pxxl/event-store';
import { foldViews, inVersionOrder, ViewDigest, type KeyView } from '@pxxl/key-read-model';
import type { Connection } from 'mongoose';
import type { TestResponse } from '../support/http';
import { TestStack } from '../support/stack';

const inDays = (days: number) => new Date(Date.now() + days * 86400_000).toISOString();

/**
 * A key's limits at two key-service instances sharing one store: the rate
 * limit within its stated bound, the usage quota exact across a restart, IP
 * allow-lists for IPv4 and IPv6 with and without a trusted proxy, and limits
 * that survive a rebuild of the read model (docs/limits.md).
 */
describe('limits at verification, two key-service instances', () => {
  let a: TestStack;
  let b: TestStack;
  let admin: string;

  beforeAll(async () => {
    a = await TestStack.start({ env: { TRUSTED_PROXIES: '127.0.0.1', LAST_USED_FLUSH_INTERVAL_MS: '200' } });
    // A second key service on the same store and topic: another instance of the same deployment,
    // behind another proxy (so the test's own address is not one it trusts).
    b = new TestStack({ ...a.env, TRUSTED_PROXIES: '192.0.2.1' });
    await b.startApp('key-service');
    admin = (await a.bootstrap('acme')).token;
  });

  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  const create = async (body: Record<string, unknown>) => {
    const created = await a.request('POST', '/v1/keys', { token: admin, body: { name: 'limited', scopes: ['usage:read'], expiresAt: inDays(5), ...body } });
    expect(created.status).toBe(201);
    return created.body as { id: string; key: string };
  };
  const verifyAt = (stack: TestStack, key: string, extra: Record<string, unknown> = {}): Promise<TestResponse> =>
    stack.request('POST', '/v1/verify', { body: { key, ...extra } });

  it('checks an IP allow-list for IPv4 and IPv6, and refuses a key with one when no client address is given', async () => {
    const { key } = await create({ allowedIps: ['10.0.0.0/8', '2001:db8::/32'] });
    const codes = async (clientIp?: string) => (await verifyAt(b, key, clientIp === undefined ? {} : { clientIp })).body.code;
    expect(await codes('10.1.2.3')).toBe('VALID');
    expect(await codes('::ffff:10.9.9.9')).toBe('VALID');
    expect(await codes('2001:db8:abcd::7')).toBe('VALID');
    expect(await codes('11.0.0.1')).toBe('IP_NOT_ALLOWED');
    expect(await codes('2001:db9::1')).toBe('IP_NOT_ALLOWED');
    expect(await codes()).toBe('CLIENT_IP_REQUIRED');
    const bad = await verifyAt(a, key, { clientIp: '10.0.0.256' });
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('enforces the calling key’s own IP list on the management API, reading X-Forwarded-For from a trusted proxy only', async () => {
    const { key } = await create({ scopes: ['api_keys:read'], allowedIps: ['203.0.113.0/24', '2001:db8::/32'] });
    const list = (headers: Record<string, string> = {}) => a.request('GET', '/v1/keys', { token: key, headers });
    // The test talks from 127.0.0.1, which is not on the list.
    const direct = await list();
    expect([direct.status, direct.body.code]).toEqual([403, 'IP_NOT_ALLOWED']);
    // Behind the trusted proxy (127.0.0.1), the client it forwards for is what counts: IPv4 and IPv6.
    expect((await list({ 'x-forwarded-for': '203.0.113.9' })).status).toBe(200);
    expect((await list({ 'x-forwarded-for': '2001:db8::9' })).status).toBe(200);
    expect((await list({ 'x-forwarded-for': '198.51.100.1' })).status).toBe(403);
    // Instance B trusts no proxy: a forwarded address is ignored there, and the peer is refused.
    const viaB = await b.request('GET', '/v1/keys', { token: key, headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect([viaB.status, viaB.body.code]).toEqual([403, 'IP_NOT_ALLOWED']);
  });

  it('holds a rate limit across two instances: never above the limit, at most a block per extra instance below it', async () => {
    const limit = 40;
    const { key } = await create({ rateLimit: { limit, windowSeconds: 3600 } });
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => verifyAt(i % 2 === 0 ? a : b, key)));
    const valid = answers.filter((answer) => answer.body.code === 'VALID');
    const limited = answers.filter((answer) => answer.body.code === 'RATE_LIMITED');
    expect(valid.length + limited.length).toBe(100);
    // Block size ceil(40 / 20) = 2: one other instance may strand at most one credit.
    expect(valid.length).toBeLessThanOrEqual(limit);
    expect(valid.length).toBeGreaterThanOrEqual(limit - 1);
    expect(limited[0].body).toMatchObject({ valid: false, rateLimit: { limit, windowSeconds: 3600, remaining: 0 } });
    expect(Date.parse(limited[0].body.rateLimit.resetAt)).toBeGreaterThan(Date.now());
    expect(valid[0].body).toMatchObject({ limited: true, rateLimit: { limit } });
    expect(typeof valid[0].body.rateLimit.remaining).toBe('number');
  });

  it('answers a rate-limited key 429 with Retry-After and the RateLimit headers at the bearer-auth guard', async () => {
    const { key } = await create({ scopes: ['api_keys:read'], rateLimit: { limit: 2, windowSeconds: 3600 } });
    const statuses: number[] = [];
    let refused: TestResponse | undefined;
    for (let i = 0; i < 4; i++) {
      const answer = await a.request('GET', '/v1/keys', { token: key });
      statuses.push(answer.status);
      if (answer.status === 429) refused = answer;
    }
    expect(statuses).toEqual([200, 200, 429, 429]);
    expect(refused!.body.code).toBe('RATE_LIMITED');
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused!.headers.get('ratelimit-policy')).toBe('"key";q=2;w=3600');
    expect(refused!.headers.get('ratelimit')).toMatch(/^"key";r=0;t=\d+$/);
  });

  it('keeps a usage quota exact across two instances and a restart of one, and a top-up adds exactly its amount', async () => {
    const quota = 60;
    const { id, key } = await create({ usage: { limit: quota } });
    let valid = 0;
    let exhausted = 0;
    const round = async (count: number) => {
      const answers = await Promise.all(Array.from({ length: count }, (_, i) => verifyAt(i % 2 === 0 ? a : b, key)));
      for (const answer of answers) {
        if (answer.body.code === 'VALID') valid++;
        else if (answer.body.code === 'USAGE_EXHAUSTED') exhausted++;
        else throw new Error(`unexpected answer ${answer.status} ${answer.text}`);
      }
    };
    await round(30);
    // B restarts mid-quota: on its way down it gives back what it held and had not spent.
    await b.stopApp('key-service');
    await b.startApp('key-service');
    for (let i = 0; i < 6; i++) await round(20);
    expect(valid).toBe(quota);
    expect(exhausted).toBe(150 - quota);
    const spent = await verifyAt(a, key);
    expect(spent.body).toEqual({ valid: false, code: 'USAGE_EXHAUSTED', usage: { remaining: 0, refillAt: null } });

    const topUp = await a.request('POST', `/v1/keys/${id}/usage`, { token: admin, body: { amount: 5 } });
    expect(topUp.status).toBe(200);
    valid = 0;
    exhausted = 0;
    await round(20);
    expect(valid).toBe(5);
    // The management API shows the quota and what is left of it.
    const shown = await a.request('GET', `/v1/keys/${id}`, { token: admin });
    expect(shown.body).toMatchObject({ rateLimit: null, allowedIps: null, usage: { limit: quota, refill: null, remaining: 0 } });
    const fresh = await create({ usage: { limit: 10, refill: { amount: 3, interval: 'month' } } });
    const listed = await a.request('GET', '/v1/keys', { token: admin });
    expect(listed.body.items.find((item: { id: string }) => item.id === fresh.id).usage).toEqual({ limit: 10, refill: { amount: 3, interval: 'month' }, remaining: 10 });
  });

  it('counts each key’s verifications per day by outcome, rolled up over both instances (GET /v1/keys/{id}/usage)', async () => {
    const { id, key } = await create({ allowedIps: ['10.0.0.0/8'] });
    for (const stack of [a, b, a]) expect((await verifyAt(stack, key, { clientIp: '10.0.0.1' })).body.code).toBe('VALID');
    expect((await verifyAt(b, key, { clientIp: '10.0.0.1', requiredScopes: ['api_keys:write'] })).body.code).toBe('INSUFFICIENT_SCOPE');
    for (const stack of [a, b]) expect((await verifyAt(stack, key, { clientIp: '192.0.2.1' })).body.code).toBe('IP_NOT_ALLOWED');
    const today = new Date().toISOString().slice(0, 10);
    let report: TestResponse | undefined;
    for (let attempt = 0; attempt < 50; attempt++) {
      report = await a.request('GET', `/v1/keys/${id}/usage?days=7`, { token: admin });
      if (report.body.totals?.VALID === 3 && report.body.totals.IP_NOT_ALLOWED === 2) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(report!.status).toBe(200);
    expect(report!.body.days).toHaveLength(7);
    expect(report!.body.days[6]).toEqual({
      day: today, VALID: 3, RATE_LIMITED: 0, USAGE_EXHAUSTED: 0, IP_NOT_ALLOWED: 2, CLIENT_IP_REQUIRED: 0, REVOKED: 0, EXPIRED: 0, INSUFFICIENT_SCOPE: 1,
    });
    expect(report!.body.days[0]).toMatchObject({ VALID: 0 });
    for (const days of ['0', '91', 'x']) expect((await a.request('GET', `/v1/keys/${id}/usage?days=${days}`, { token: admin })).status).toBe(400);
  });

  it('refuses bad limits with 400 INVALID_LIMIT or VALIDATION_FAILED, and changes nothing', async () => {
    const { id } = await create({});
    for (const body of [
      { allowedIps: ['10.0.0.1/8'] },
      { allowedIps: [] },
      { rateLimit: { limit: 0, windowSeconds: 60 } },
      { rateLimit: { limit: 10 } },
      { usage: { limit: 10, refill: { amount: 5, interval: 'week' } } },
      { usage: { limit: -1 } },
    ]) {
      const answer = await a.request('PATCH', `/v1/keys/${id}`, { token: admin, body });
      expect(answer.status).toBe(400);
      expect(['INVALID_LIMIT', 'VALIDATION_FAILED']).toContain(answer.body.code);
    }
    const topUp = await a.request('POST', `/v1/keys/${id}/usage`, { token: admin, body: { amount: 5 } });
    expect([topUp.status, topUp.body.code]).toEqual([409, 'NO_USAGE_QUOTA']);
    expect((await a.request('GET', `/v1/keys/${id}`, { token: admin })).body.version).toBe(1);
  });

  it('keeps every limit through a rebuild of the read model from the event log', async () => {
    const { id } = await create({ rateLimit: { limit: 5, windowSeconds: 60 }, usage: { limit: 100, refill: { amount: 50, interval: 'day' } }, allowedIps: ['192.0.2.0/24'] });
    await a.request('PATCH', `/v1/keys/${id}`, { token: admin, body: { rateLimit: null, allowedIps: ['192.0.2.0/24', '2001:db8::/48'] } });
    await a.request('POST', `/v1/keys/${id}/usage`, { token: admin, body: { amount: 7 } });
    const db: Connection = a.db();
    const stored = await db.collection<KeyView>('key_views').find({}).sort({ _id: 1 }).toArray();
    const storedDigest = new ViewDigest();
    for (const view of stored) storedDigest.add(view as KeyView);
    async function* lifecycle(): AsyncGenerator<KeyEvent> {
      for await (const event of readEventLog(db.db!, { order: '_id' })) if (isKeyLifecycleEvent(event)) yield event;
    }
    const rebuilt = new ViewDigest();
    for await (const view of foldViews(inVersionOrder(lifecycle()))) rebuilt.add(view);
    expect(rebuilt.count).toBe(storedDigest.count);
    expect(rebuilt.hex()).toBe(storedDigest.hex());
    const view = stored.find((v) => v._id === id)!;
    expect(view).toMatchObject({ rateLimit: null, usage: { limit: 100, refill: { amount: 50, interval: 'day' } }, allowedIps: ['192.0.2.0/24', '2001:db8::/48'] });
    expect(view.credits?.topUps).toEqual([{ period: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), start: 100, amount: 7 }]);
  });
});

