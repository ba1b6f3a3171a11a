import { TestStack } from '../support/stack';
import { eventually } from '../support/test-infra';
import { waitForCaughtUp } from '../support/topic-reader';

const inDays = (days: number) => new Date(Date.now() + days * 86400_000).toISOString();
const HOUR = 3600_000;

describe('key lifecycle: rotate, revoke, expire, describe, last used', () => {
  let stack: TestStack;
  let admin: string;
  let reader: string;
  let otherAdmin: string;

  beforeAll(async () => {
    stack = await TestStack.start({ env: { LAST_USED_FLUSH_INTERVAL_MS: '200' } });
    admin = (await stack.bootstrap('acme')).token;
    otherAdmin = (await stack.bootstrap('globex')).token;
    reader = (await createKey({ name: 'Reader', scopes: ['api_keys:read'] })).body.key;
  });

  afterAll(() => stack.stop());
  afterEach(() => stack.clock.reset());

  function createKey(body: Record<string, unknown> = {}, token = admin) {
    return stack.request('POST', '/v1/keys', { token, body: { name: 'Deploy bot', scopes: ['deployments:read'], expiresAt: inDays(30), ...body } });
  }
  const verify = (key: string, requiredScopes?: string[]) => stack.request('POST', '/v1/verify', { body: { key, requiredScopes } });
  const rotate = (id: string, body: unknown = {}, headers: Record<string, string> = {}, token = admin) =>
    stack.request('POST', `/v1/keys/${id}/rotate`, { token, body, headers });
  const revoke = (id: string, body: unknown = {}, headers: Record<string, string> = {}, token = admin) =>
    stack.request('POST', `/v1/keys/${id}/revoke`, { token, body, headers });

  describe('GET /v1/keys/:id', () => {
    it('200: shows one key with an ETag, never its secret or hash', async () => {
      const created = await createKey({ description: 'checks deploys' });
      const response = await stack.request('GET', `/v1/keys/${created.body.id}`, { token: reader });
      expect(response.status).toBe(200);
      expect(response.headers.get('etag')).toBe('"1"');
      expect(response.body).toMatchObject({
        id: created.body.id,
        name: 'Deploy bot',
        description: 'checks deploys',
        status: 'active',
        displayPrefix: created.body.key.slice(0, 26),
        lastUsedAt: null,
        rotatedAt: null,
        revokedAt: null,
        version: 1,
      });
      expect(response.text).not.toContain(created.body.key.slice(22, 54));
      expect(response.text).not.toMatch(/\$2[aby]\$/);
    });

    it('404: another workspace’s key looks like a missing one', async () => {
      const theirs = await createKey({}, otherAdmin);
      const response = await stack.request('GET', `/v1/keys/${theirs.body.id}`, { token: reader });
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('KEY_NOT_FOUND');
      const missing = await stack.request('GET', '/v1/keys/AAAAAAAAAAAAAAAA', { token: reader });
      expect(missing.status).toBe(404);
      // The same body, but for the id each one echoes.
      const idless = (body: unknown, id: string) => JSON.parse(JSON.stringify(body).split(id).join('<id>'));
      expect(idless(response.body, theirs.body.id)).toEqual(idless(missing.body, 'AAAAAAAAAAAAAAAA'));
    });

    it('400: refuses a malformed key id', async () => {
      const response = await stack.request('GET', '/v1/keys/not-an-id', { token: reader });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('INVALID_KEY_ID');
    });

    it('401 and 403: needs a key with api_keys:read', async () => {
      expect((await stack.request('GET', '/v1/keys/AAAAAAAAAAAAAAAA')).status).toBe(401);
      const deployBot = await createKey();
      const response = await stack.request('GET', '/v1/keys/AAAAAAAAAAAAAAAA', { token: deployBot.body.key });
      expect(response.status).toBe(403);
      expect(response.body.code).toBe('INSUFFICIENT_SCOPE');
    });
  });

  describe('GET /v1/keys', () => {
    it('200: lists newest first with cursor pagination, and never a secret or hash', async () => {
      const ws = await stack.bootstrap('paging');
      const made: string[] = [];
      for (let i = 0; i < 5; i++) made.push((await createKey({ name: `key ${i}` }, ws.token)).body.id);
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = `?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const page = await stack.request('GET', `/v1/keys${query}`, { token: ws.token });
        expect(page.status).toBe(200);
        expect(page.text).not.toMatch(/\$2[aby]\$|secretHash|pxxl_[0-9A-Za-z]{16}_[0-9A-Za-z]{38}/);
        seen.push(...page.body.items.map((item: { id: string }) => item.id));
        cursor = page.body.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(3);
      expect(seen).toEqual([...made].reverse().concat(ws.keyId));
    });

    it('filters by status; a deleted key is hidden by default and shown with status=deleted', async () => {
      const ws = await stack.bootstrap('filters');
      const active = (await createKey({ name: 'active' }, ws.token)).body.id;
      const revoked = (await createKey({ name: 'revoked' }, ws.token)).body.id;
      const deleted = (await createKey({ name: 'deleted' }, ws.token)).body.id;
      const expiring = (await createKey({ name: 'expiring', expiresAt: inDays(1) }, ws.token)).body.id;
      expect((await revoke(revoked, { reason: 'rotated out' }, {}, ws.token)).status).toBe(200);
      expect((await stack.request('DELETE', `/v1/keys/${deleted}`, { token: ws.token })).status).toBe(200);
      stack.clock.advance(2 * 24 * HOUR);
      const ids = async (query: string) =>
        (await stack.request('GET', `/v1/keys${query}`, { token: ws.token })).body.items.map((i: { id: string }) => i.id);
      expect(await ids('')).toEqual([expiring, revoked, active, ws.keyId]);
      expect(await ids('?status=active')).toEqual([active, ws.keyId]);
      expect(await ids('?status=expired')).toEqual([expiring]);
      expect(await ids('?status=revoked')).toEqual([revoked]);
      expect(await ids('?status=deleted')).toEqual([deleted]);
      expect(await ids('?status=revoked,deleted')).toEqual([deleted, revoked]);
    });

    it('400: refuses an unknown status, a bad limit and a forged cursor', async () => {
      for (const [query, code] of [
        ['?status=bogus', 'VALIDATION_FAILED'],
        ['?limit=0', 'VALIDATION_FAILED'],
        ['?limit=101', 'VALIDATION_FAILED'],
        ['?cursor=eyJjIjoibm9wZSJ9', 'INVALID_CURSOR'],
        ['?cursor=%7B%22%24ne%22%3Anull%7D', 'INVALID_CURSOR'],
      ]) {
        const response = await stack.request('GET', `/v1/keys${query}`, { token: reader });
        expect([query, response.status, response.body.code]).toEqual([query, 400, code]);
      }
    });
  });

  describe('PATCH /v1/keys/:id', () => {
    it('200: changes name and description (KeyUpdated), visible at once', async () => {
      const created = await createKey();
      const response = await stack.request('PATCH', `/v1/keys/${created.body.id}`, { token: admin, body: { name: 'Deploy bot (prod)', description: 'owned by SRE' } });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ id: created.body.id, version: 2, consistency: 'verifiable' });
      const key = await stack.request('GET', `/v1/keys/${created.body.id}`, { token: admin });
      expect(key.body).toMatchObject({ name: 'Deploy bot (prod)', description: 'owned by SRE', version: 2 });
    });

    it('400: refuses an empty change, a too-long name and unknown fields', async () => {
      const created = await createKey();
      for (const [body, code] of [
        [{}, 'NOTHING_TO_UPDATE'],
        [{ name: 'x'.repeat(101) }, 'INVALID_NAME'],
        [{ scopes: ['billing:write'] }, 'VALIDATION_FAILED'],
      ] as const) {
        const response = await stack.request('PATCH', `/v1/keys/${created.body.id}`, { token: admin, body });
        expect([response.status, response.body.code]).toEqual([400, code]);
      }
    });

    it('409: refuses to update a revoked key', async () => {
      const created = await createKey();
      await revoke(created.body.id);
      const response = await stack.request('PATCH', `/v1/keys/${created.body.id}`, { token: admin, body: { name: 'x' } });
      expect([response.status, response.body.code]).toEqual([409, 'KEY_REVOKED']);
    });

    it('412: refuses a stale If-Match and changes nothing', async () => {
      const created = await createKey();
      const response = await stack.request('PATCH', `/v1/keys/${created.body.id}`, { token: admin, body: { name: 'x' }, headers: { 'if-match': '"7"' } });
      expect(response.status).toBe(412);
      expect(response.body).toMatchObject({ code: 'VERSION_MISMATCH', details: { expectedVersion: 7, currentVersion: 1 } });
      expect((await stack.request('GET', `/v1/keys/${created.body.id}`, { token: admin })).body.name).toBe('Deploy bot');
    });
  });

  describe('POST /v1/keys/:id/rotate', () => {
    it('200: a new secret, same id, name and scopes; the old one stops at once', async () => {
      const created = await createKey({ scopes: ['cdn:upload'] });
      const rotated = await rotate(created.body.id);
      expect(rotated.status).toBe(200);
      expect(rotated.body).toMatchObject({ id: created.body.id, name: 'Deploy bot', scopes: ['cdn:upload'], version: 2, gracePeriodSeconds: 0, previousSecretValidUntil: null });
      expect(rotated.body.key).not.toBe(created.body.key);
      expect((await verify(created.body.key)).body).toEqual({ valid: false, code: 'NOT_FOUND' });
      expect((await verify(rotated.body.key)).body).toMatchObject({ valid: true, keyId: created.body.id });
    });

    it('keeps the old secret valid until the grace deadline, and not after', async () => {
      const created = await createKey();
      const rotated = await rotate(created.body.id, { gracePeriodSeconds: 3600 });
      expect(rotated.body.gracePeriodSeconds).toBe(3600);
      expect((await verify(created.body.key)).body.valid).toBe(true);
      expect((await verify(rotated.body.key)).body.valid).toBe(true);
      stack.clock.advance(HOUR - 60_000);
      expect((await verify(created.body.key)).body.valid).toBe(true);
      stack.clock.advance(61_000);
      expect((await verify(created.body.key)).body).toEqual({ valid: false, code: 'NOT_FOUND' });
      expect((await verify(rotated.body.key)).body.valid).toBe(true);
    });

    it('caps the grace period at the key’s expiry', async () => {
      const expiresAt = new Date(Date.now() + 2 * HOUR).toISOString();
      const created = await createKey({ expiresAt });
      const rotated = await rotate(created.body.id, { gracePeriodSeconds: 7 * 24 * 3600 });
      expect(rotated.body.previousSecretValidUntil).toBe(new Date(expiresAt).toISOString());
    });

    it('400: refuses a grace period beyond the policy’s 7 days, or not an integer', async () => {
      const created = await createKey();
      const tooLong = await rotate(created.body.id, { gracePeriodSeconds: 7 * 24 * 3600 + 1 });
      expect([tooLong.status, tooLong.body.code]).toEqual([400, 'INVALID_GRACE_PERIOD']);
      for (const body of [{ gracePeriodSeconds: 1.5 }, { gracePeriodSeconds: '60' }]) {
        const response = await rotate(created.body.id, body);
        expect([response.status, response.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      }
    });

    it('404 and 409: refuses a missing key and a revoked one', async () => {
      expect((await rotate('AAAAAAAAAAAAAAAA')).status).toBe(404);
      const created = await createKey();
      await revoke(created.body.id);
      const response = await rotate(created.body.id);
      expect([response.status, response.body.code]).toEqual([409, 'KEY_REVOKED']);
    });

    it('403: needs api_keys:write', async () => {
      const created = await createKey();
      const response = await rotate(created.body.id, {}, {}, reader);
      expect([response.status, response.body.code]).toEqual([403, 'INSUFFICIENT_SCOPE']);
    });
  });

  describe('POST /v1/keys/:id/revoke and DELETE /v1/keys/:id', () => {
    it('200: revocation is immediate at the verify endpoint, even for a key verified a moment before', async () => {
      const created = await createKey();
      expect((await verify(created.body.key)).body.valid).toBe(true);
      const revoked = await revoke(created.body.id, { reason: 'owner left the team' });
      expect(revoked.status).toBe(200);
      expect(revoked.body).toEqual({ id: created.body.id, version: 2, consistency: 'verifiable' });
      expect((await verify(created.body.key)).body).toEqual({ valid: false, code: 'REVOKED' });
      const key = await stack.request('GET', `/v1/keys/${created.body.id}`, { token: admin });
      expect(key.body).toMatchObject({ status: 'revoked', revokedReason: 'owner left the team' });
      expect(key.body.revokedAt).toEqual(expect.any(String));
    });

    it('pays bcrypt once per key per cache lifetime, and still refuses a revoked key at once', async () => {
      const { KEY_CACHE } = await import('@pxxl/bearer-auth');
      const cache = stack.app('key-service').get(KEY_CACHE, { strict: false }) as { stats(): { hits: number; lookups: number } };
      const created = await createKey();
      const before = cache.stats();
      for (let i = 0; i < 5; i++) expect((await verify(created.body.key)).body.valid).toBe(true);
      const after = cache.stats();
      expect(after.lookups - before.lookups).toBe(1);
      expect(after.hits - before.hits).toBe(4);
      await revoke(created.body.id);
      expect((await verify(created.body.key)).body).toEqual({ valid: false, code: 'REVOKED' });
    });

    it('409: revoking a revoked key answers KEY_ALREADY_REVOKED', async () => {
      const created = await createKey();
      await revoke(created.body.id);
      const again = await revoke(created.body.id);
      expect([again.status, again.body.code]).toEqual([409, 'KEY_ALREADY_REVOKED']);
      const deleted = await stack.request('DELETE', `/v1/keys/${created.body.id}`, { token: admin });
      expect([deleted.status, deleted.body.code]).toEqual([409, 'KEY_ALREADY_REVOKED']);
    });

    it('DELETE revokes with reason "deleted"; the key is gone from GET (404) and listed with status=deleted', async () => {
      const created = await createKey();
      expect((await stack.request('DELETE', `/v1/keys/${created.body.id}`, { token: admin })).status).toBe(200);
      expect((await verify(created.body.key)).body.code).toBe('REVOKED');
      const key = await stack.request('GET', `/v1/keys/${created.body.id}`, { token: admin });
      expect([key.status, key.body.code]).toEqual([404, 'KEY_NOT_FOUND']);
      const listed = await stack.request('GET', '/v1/keys?status=deleted&limit=100', { token: admin });
      expect(listed.body.items.find((item: { id: string }) => item.id === created.body.id)).toMatchObject({ status: 'deleted', revokedReason: 'deleted' });
    });

    it('404: cannot revoke another workspace’s key', async () => {
      const theirs = await createKey({}, otherAdmin);
      expect((await revoke(theirs.body.id)).status).toBe(404);
      expect((await verify(theirs.body.key)).body.valid).toBe(true);
    });
  });

  describe('expiry', () => {
    it('verify answers EXPIRED after expiresAt, and the listing says expired, with no event', async () => {
      const created = await createKey({ expiresAt: inDays(1) });
      expect((await verify(created.body.key)).body.valid).toBe(true);
      stack.clock.advance(24 * HOUR + 1000);
      expect((await verify(created.body.key)).body).toEqual({ valid: false, code: 'EXPIRED' });
      const key = await stack.request('GET', `/v1/keys/${created.body.id}`, { token: admin });
      expect(key.body).toMatchObject({ status: 'expired', version: 1 });
      const rotated = await rotate(created.body.id);
      expect([rotated.status, rotated.body.code]).toEqual([409, 'KEY_EXPIRED']);
    });
  });

  it('records lastUsedAt off the hot path after a successful verification', async () => {
    const created = await createKey();
    await verify(created.body.key);
    const used = await eventually(async () => {
      const key = await stack.request('GET', `/v1/keys/${created.body.id}`, { token: admin });
      return key.body.lastUsedAt ?? undefined;
    });
    expect(new Date(used).getTime()).toBeLessThanOrEqual(Date.now());
  });

  describe('twenty concurrent rotations of one key', () => {
    it('with the same If-Match, exactly one succeeds', async () => {
      const created = await createKey();
      const answers = await Promise.all(Array.from({ length: 20 }, () => rotate(created.body.id, {}, { 'if-match': '"1"' })));
      expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
      for (const answer of answers.filter((a) => a.status !== 200)) {
        expect(['CONCURRENT_MODIFICATION', 'VERSION_MISMATCH']).toContain(answer.body.code);
      }
    });

    it('without If-Match, every 2xx is one KeyRotated event everywhere, and only the last secret verifies', async () => {
      const created = await createKey();
      const answers = await Promise.all(Array.from({ length: 20 }, () => rotate(created.body.id)));
      const ok = answers.filter((a) => a.status === 200);
      for (const answer of answers.filter((a) => a.status !== 200)) expect([answer.status, answer.body.code]).toEqual([409, 'CONCURRENT_MODIFICATION']);
      expect(ok.length).toBeGreaterThanOrEqual(1);

      const events = await stack.db().collection('key_events').find({ keyId: created.body.id, type: 'KeyRotated' }).toArray();
      expect(events).toHaveLength(ok.length);
      expect(new Set(events.map((e) => e.version)).size).toBe(ok.length);
      expect(ok.map((a) => a.body.version).sort((x, y) => x - y)).toEqual(events.map((e) => e.version).sort((x, y) => x - y));

      const view = await stack.db().collection('key_views').findOne({ _id: created.body.id as never });
      expect(view!.version).toBe(1 + ok.length);
      await waitForCaughtUp(stack.env, [stack.env.AUDIT_GROUP_ID]);
      expect(await stack.db().collection('audit_entries').countDocuments({ keyId: created.body.id, type: 'KeyRotated' })).toBe(ok.length);

      const last = ok.reduce((a, b) => (a.body.version > b.body.version ? a : b));
      for (const answer of ok) {
        expect([answer.body.version, (await verify(answer.body.key)).body.valid]).toEqual([answer.body.version, answer === last]);
      }
    });
  });

  it('serves the OpenAPI document at /docs-json, with every route and the error shape', async () => {
    const response = await stack.request('GET', '/docs-json');
    expect(response.status).toBe(200);
    const paths = response.body.paths;
    expect(Object.keys(paths).sort()).toEqual([
      '/health',
      '/metrics',
      '/v1/keys',
      '/v1/keys/{id}',
      '/v1/keys/{id}/revoke',
      '/v1/keys/{id}/rotate',
      '/v1/keys/{id}/usage',
      '/v1/leaks',
      '/v1/owners/{owner}/revoke',
      '/v1/owners/{owner}/rotate',
      '/v1/reviews',
      '/v1/reviews/{id}',
      '/v1/reviews/{id}/apply',
      '/v1/reviews/{id}/attestation',
      '/v1/reviews/{id}/keys/{keyId}',
      '/v1/reviews/{id}/sign-off',
      '/v1/scopes',
      '/v1/verify',
      '/v1/workspace/policy',
    ]);
    expect(paths['/v1/keys/{id}/rotate'].post.responses['412']).toBeDefined();
    // Prometheus text, not JSON, and no security requirement: it is scraped from the internal network.
    expect(paths['/metrics'].get).toMatchObject({ responses: { '200': { content: { 'text/plain': {} } } } });
    expect(paths['/metrics'].get.security).toBeUndefined();
    expect(response.body.components.schemas.ErrorResponse.required).toEqual(['code', 'message', 'details']);
    expect((await stack.request('GET', '/docs')).status).toBe(200);
  });
});
