import { ADMIN_SCOPES, formatToken, newKeyId, newSecret, SCOPE_CATALOG } from '@pxxl/contracts';
import { TestStack } from '../support/stack';
import { eventually } from '../support/test-infra';

const inDays = (days: number) => new Date(Date.now() + days * 86400_000).toISOString();
const DAY = 86400_000;

describe('least privilege: scope catalog, resource-scoped grants and management authorization', () => {
  let stack: TestStack;
  let admin: string;
  let adminId: string;
  let otherAdmin: string;

  beforeAll(async () => {
    stack = await TestStack.start();
    const bootstrapped = await stack.bootstrap('acme');
    admin = bootstrapped.token;
    adminId = bootstrapped.keyId;
    otherAdmin = (await stack.bootstrap('globex')).token;
  });

  afterAll(() => stack.stop());
  afterEach(() => stack.clock.reset());

  const create = (body: Record<string, unknown>, token = admin) =>
    stack.request('POST', '/v1/keys', { token, body: { name: 'Test key', expiresAt: inDays(30), ...body } });
  const verify = (key: string, requiredScopes?: string[]) => stack.request('POST', '/v1/verify', { body: { key, requiredScopes } });
  const storedEvent = (keyId: string, version: number) => stack.db().collection('key_events').findOne({ _id: `${keyId}:${version}` as never });
  const eventCount = () => stack.db().collection('key_events').countDocuments();

  describe('GET /v1/scopes', () => {
    it('200 without authentication: every catalog scope with its resource kind, the grammar and the presets', async () => {
      const response = await stack.request('GET', '/v1/scopes');
      expect(response.status).toBe(200);
      expect(response.body.scopes.map((s: { name: string }) => s.name)).toEqual(SCOPE_CATALOG.map((s) => s.name));
      expect(response.body.scopes).toContainEqual(expect.objectContaining({ name: 'cdn:upload', resource: 'cdn_space', description: expect.any(String) }));
      expect(response.body.grammar.syntax).toEqual(['area:action', 'area:action:<resource>']);
      expect(response.body.presets.map((p: { name: string }) => p.name)).toEqual(['deployment-checks', 'cdn-uploader', 'internal-automation', 'monitoring']);
    });
  });

  describe('the scope matrix: POST /v1/verify with requiredScopes', () => {
    let key: string;
    beforeAll(async () => {
      key = (await create({ scopes: ['cdn:upload:web', 'cdn:read', 'deployments:read', 'usage:read'] })).body.key;
    });

    it.each<[string[], string[]]>([
      [['cdn:upload:web'], []],
      [['cdn:upload:docs'], ['cdn:upload:docs']],
      [['cdn:upload'], ['cdn:upload']],
      [['cdn:read'], []],
      [['cdn:read:docs'], []],
      [['deployments:read:api'], []],
      [['deployments:trigger:api'], ['deployments:trigger:api']],
      [['billing:read'], ['billing:read']],
      [['usage:read', 'cdn:upload:web'], []],
      [['usage:read', 'billing:write', 'cdn:upload:docs'], ['billing:write', 'cdn:upload:docs']],
    ])('granted cdn:upload:web, cdn:read, deployments:read, usage:read; required %j → missing %j', async (required, missing) => {
      const response = await verify(key, required);
      expect(response.status).toBe(200);
      if (missing.length === 0) expect(response.body).toMatchObject({ valid: true, code: 'VALID' });
      else expect(response.body).toEqual({ valid: false, code: 'INSUFFICIENT_SCOPE', missingScopes: missing });
    });

    it('400 UNKNOWN_SCOPE for a required scope that is not in the catalog', async () => {
      const response = await verify(key, ['cdn:uplod', 'usage:read']);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'UNKNOWN_SCOPE', details: { scopes: ['cdn:uplod'], catalog: 'GET /v1/scopes' } });
    });
  });

  describe('creating keys from the catalog and presets', () => {
    it('201: expands a preset narrowed to a CDN space into explicit scopes, in the KeyCreated event and the audit trail', async () => {
      const created = await create({ preset: 'cdn-uploader', presetResource: 'web-assets', scopes: ['usage:read'] });
      expect(created.status).toBe(201);
      expect(created.body.scopes).toEqual(['cdn:read:web-assets', 'cdn:upload:web-assets', 'usage:read']);
      const event = await storedEvent(created.body.id, 1);
      expect(event!.data.scopes).toEqual(['cdn:read:web-assets', 'cdn:upload:web-assets', 'usage:read']);
      expect(JSON.stringify(event)).not.toContain('cdn-uploader');
      const entry = await eventually(async () => (await stack.db().collection('audit_entries').findOne({ keyId: created.body.id })) ?? undefined);
      expect(entry.summary).toContain('scopes granted: cdn:read:web-assets, cdn:upload:web-assets, usage:read');
    });

    it.each<[string, Record<string, unknown>, string, Record<string, unknown>]>([
      ['an unknown scope', { scopes: ['cdn:delete', 'usage:read', 'billing:read:acct-1'] }, 'UNKNOWN_SCOPE', { scopes: ['cdn:delete', 'billing:read:acct-1'] }],
      ['a malformed scope', { scopes: ['cdn upload'] }, 'UNKNOWN_SCOPE', { scopes: ['cdn upload'], catalog: 'GET /v1/scopes' }],
      ['an unknown preset', { preset: 'admin' }, 'UNKNOWN_PRESET', { catalog: 'GET /v1/scopes' }],
      ['a resource on a preset that takes none', { preset: 'monitoring', presetResource: 'web' }, 'INVALID_PRESET_RESOURCE', {}],
      ['no scopes at all', { preset: 'internal-automation' }, 'NO_SCOPES', {}],
    ])('400: refuses %s and stores nothing', async (_what, body, code, details) => {
      const before = await eventCount();
      const response = await create(body);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code, details });
      expect(await eventCount()).toBe(before);
    });
  });

  describe('no escalation', () => {
    let manager: { id: string; key: string };
    beforeAll(async () => {
      const created = await create({ name: 'Key manager', scopes: ['api_keys:read', 'api_keys:write', 'cdn:upload:web'] });
      manager = { id: created.body.id, key: created.body.key };
    });

    it('403 SCOPE_ESCALATION: api_keys:write alone does not mint a billing key; nothing is stored', async () => {
      const before = await eventCount();
      const response = await create({ scopes: ['billing:read', 'cdn:upload:web'] }, manager.key);
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({ code: 'SCOPE_ESCALATION', details: { scopes: ['billing:read'] } });
      expect(response.body.message).toContain('billing:read');
      expect(await eventCount()).toBe(before);
    });

    it('403 SCOPE_ESCALATION: a resource-scoped grant does not mint the unscoped scope or another resource', async () => {
      for (const scopes of [['cdn:upload'], ['cdn:upload:docs']]) {
        const response = await create({ scopes }, manager.key);
        expect([response.status, response.body.code, response.body.details.scopes]).toEqual([403, 'SCOPE_ESCALATION', scopes]);
      }
    });

    it('201: a key grants what it holds, and records itself as the actor', async () => {
      const created = await create({ scopes: ['cdn:upload:web'] }, manager.key);
      expect(created.status).toBe(201);
      expect(created.body.createdBy).toBe(`key:${manager.id}`);
      expect((await storedEvent(created.body.id, 1))!.actor).toBe(`key:${manager.id}`);
      expect((await storedEvent(adminId, 1))!.actor).toBe('system');
    });

    it('403 SCOPE_ESCALATION on rotating a key with scopes the caller lacks; renaming and revoking it are allowed', async () => {
      const billing = await create({ name: 'Billing sync', scopes: ['billing:read'] });
      const rotated = await stack.request('POST', `/v1/keys/${billing.body.id}/rotate`, { token: manager.key, body: {} });
      expect(rotated.status).toBe(403);
      expect(rotated.body).toMatchObject({ code: 'SCOPE_ESCALATION', details: { scopes: ['billing:read'] } });
      expect((await verify(billing.body.key)).body.valid).toBe(true);

      const renamed = await stack.request('PATCH', `/v1/keys/${billing.body.id}`, { token: manager.key, body: { name: 'Billing sync (old)' }, headers: { 'if-match': '"1"' } });
      expect(renamed.status).toBe(200);
      const revoked = await stack.request('POST', `/v1/keys/${billing.body.id}/revoke`, { token: manager.key, body: { reason: 'replaced' } });
      expect(revoked.status).toBe(200);
      expect((await storedEvent(billing.body.id, 3))!).toMatchObject({ type: 'KeyRevoked', actor: `key:${manager.id}` });
    });

    it('200: rotating a key within the caller’s scopes', async () => {
      const narrow = await create({ scopes: ['cdn:upload:web'] });
      const rotated = await stack.request('POST', `/v1/keys/${narrow.body.id}/rotate`, { token: manager.key, body: {} });
      expect(rotated.status).toBe(200);
      expect(rotated.body.createdBy).toBe(`key:${manager.id}`);
    });

    it('gives the bootstrap key every catalog scope, so it can grant anything', async () => {
      expect((await verify(admin)).body.scopes).toEqual([...ADMIN_SCOPES].sort());
      expect((await create({ scopes: ['billing:write', 'domains:write:example.com'] })).status).toBe(201);
    });
  });

  describe('RFC 6750 answers of the management routes', () => {
    const challenge = (response: { headers: Headers }) => response.headers.get('www-authenticate');

    it('401 without a key: a bare Bearer challenge', async () => {
      const response = await stack.request('GET', '/v1/keys');
      expect([response.status, response.body.code]).toEqual([401, 'MISSING_TOKEN']);
      expect(challenge(response)).toBe('Bearer realm="pxxl-keys"');
    });

    it('400 invalid_request for an Authorization header that is not Bearer', async () => {
      const response = await stack.request('GET', '/v1/keys', { headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } });
      expect([response.status, response.body.code]).toEqual([400, 'MALFORMED_AUTHORIZATION']);
      expect(challenge(response)).toContain('error="invalid_request"');
    });

    it('401 invalid_token for a malformed, unknown, expired or revoked key', async () => {
      const expiring = await create({ scopes: ['api_keys:read'], expiresAt: inDays(1) });
      const revoked = await create({ scopes: ['api_keys:read'] });
      await stack.request('POST', `/v1/keys/${revoked.body.id}/revoke`, { token: admin, body: {} });
      stack.clock.advance(2 * DAY);
      const cases: Array<[string, string]> = [
        ['pxxl_not_a_key', 'MALFORMED_TOKEN'],
        [formatToken(newKeyId(), newSecret()), 'INVALID_TOKEN'],
        [expiring.body.key, 'TOKEN_EXPIRED'],
        [revoked.body.key, 'TOKEN_REVOKED'],
      ];
      for (const [token, code] of cases) {
        const response = await stack.request('GET', '/v1/keys', { token });
        expect([response.status, response.body.code]).toEqual([401, code]);
        expect(challenge(response)).toMatch(/^Bearer realm="pxxl-keys", error="invalid_token", error_description="[^"]+"$/);
      }
    });

    it('403 insufficient_scope naming the scope the route needs', async () => {
      const reader = await create({ scopes: ['api_keys:read'] });
      const response = await stack.request('PUT', '/v1/workspace/policy', { token: reader.body.key, body: {} });
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({ code: 'INSUFFICIENT_SCOPE', details: { missingScopes: ['api_keys:write'] } });
      expect(challenge(response)).toBe('Bearer realm="pxxl-keys", error="insufficient_scope", scope="api_keys:write"');
    });
  });

  describe('workspace isolation: another workspace’s key is 404 on every route, never 403', () => {
    let theirs: { id: string; key: string };
    beforeAll(async () => {
      const created = await create({ name: 'Globex deploy bot', scopes: ['deployments:read'] }, otherAdmin);
      theirs = { id: created.body.id, key: created.body.key };
    });

    it.each<[string, string, unknown]>([
      ['GET', '', undefined],
      ['PATCH', '', { name: 'hijacked' }],
      ['POST', '/rotate', {}],
      ['POST', '/revoke', { reason: 'hijacked' }],
      ['DELETE', '', undefined],
    ])('%s /v1/keys/:id%s answers 404 KEY_NOT_FOUND, like a missing key, and changes nothing', async (method, suffix, body) => {
      const response = await stack.request(method, `/v1/keys/${theirs.id}${suffix}`, { token: admin, body });
      const missing = await stack.request(method, `/v1/keys/AAAAAAAAAAAAAAAA${suffix}`, { token: admin, body });
      expect([response.status, response.body.code]).toEqual([404, 'KEY_NOT_FOUND']);
      expect({ ...response.body, details: {} }).toEqual({ ...missing.body, details: {} });
      expect(await stack.db().collection('key_events').countDocuments({ keyId: theirs.id })).toBe(1);
      expect((await verify(theirs.key)).body).toMatchObject({ valid: true, workspaceId: 'globex' });
    });

    it('GET /v1/keys lists only the caller’s workspace', async () => {
      const listed = await stack.request('GET', '/v1/keys?limit=100', { token: admin });
      expect(listed.status).toBe(200);
      expect(listed.body.items.every((k: { workspaceId: string }) => k.workspaceId === 'acme')).toBe(true);
      expect(listed.body.items.map((k: { id: string }) => k.id)).not.toContain(theirs.id);
    });

    it('POST /v1/keys creates in the caller’s workspace and cannot name another one', async () => {
      const targeted = await create({ scopes: ['usage:read'], workspaceId: 'globex' });
      expect([targeted.status, targeted.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect((await create({ scopes: ['usage:read'] }, otherAdmin)).body.workspaceId).toBe('globex');
    });

    it('the workspace policy routes read and change the caller’s workspace only', async () => {
      const changed = await stack.request('PUT', '/v1/workspace/policy', { token: admin, body: { maxLifetimeDays: 400 } });
      expect(changed.body).toMatchObject({ workspaceId: 'acme', maxLifetimeDays: 400, version: 1 });
      const theirsPolicy = await stack.request('GET', '/v1/workspace/policy', { token: otherAdmin });
      expect(theirsPolicy.body).toMatchObject({ workspaceId: 'globex', maxLifetimeDays: 365, version: 0 });
      await stack.request('PUT', '/v1/workspace/policy', { token: admin, body: {} });
    });

    it('POST /v1/verify answers for any key but says whose workspace it belongs to', async () => {
      expect((await verify(theirs.key)).body.workspaceId).toBe('globex');
    });
  });
});
