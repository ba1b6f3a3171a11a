import { createHash } from 'node:crypto';
import { TestStack } from '../support/stack';
import { waitForCaughtUp } from '../support/topic-reader';

const inDays = (days: number) => new Date(Date.now() + days * 86400_000).toISOString();

/**
 * The classes of bad body the outside fuzzer found (issue 14): null where a value is required,
 * bodies that are not objects, no body at all, an empty If-Match. Each is a 400 with a stable code
 * and changes nothing.
 */
describe('request bodies and headers the fuzzer found', () => {
  let stack: TestStack;
  let admin: string;
  let keyId: string;

  beforeAll(async () => {
    stack = await TestStack.start();
    admin = (await stack.bootstrap('acme')).token;
    keyId = (await stack.request('POST', '/v1/keys', { token: admin, body: { name: 'target', scopes: ['usage:read'], expiresAt: inDays(9) } })).body.id;
    const tightened = await stack.request('PUT', '/v1/workspace/policy', {
      token: admin,
      body: { maxLifetimeDays: 30, scopeAllowList: ['api_keys:read', 'api_keys:write', 'usage:read'] },
    });
    expect(tightened.status).toBe(200);
    await waitForCaughtUp(stack.env, [stack.env.PROJECTOR_GROUP_ID, stack.env.AUDIT_GROUP_ID]);
  });

  afterAll(() => stack.stop());

  async function snapshot(): Promise<string> {
    const hash = createHash('sha256');
    for (const name of ['key_events', 'key_views']) {
      const docs = await stack.db().collection(name).find({}, { projection: { lastUsedAt: 0 } }).sort({ _id: 1 }).toArray();
      hash.update(name + JSON.stringify(docs));
    }
    return hash.digest('hex');
  }

  async function expectRefused(method: string, path: string, options: { rawBody?: string; headers?: Record<string, string>; token?: string | null }, code?: string) {
    const response = await stack.request(method, path, { token: options.token === null ? undefined : admin, rawBody: options.rawBody, headers: options.headers });
    expect({ request: `${method} ${path} ${options.rawBody ?? '(no body)'}`, status: response.status, code: code ? response.body?.code : typeof response.body?.code }).toEqual({
      request: `${method} ${path} ${options.rawBody ?? '(no body)'}`,
      status: 400,
      code: code ?? 'string',
    });
  }

  const json = { 'content-type': 'application/json' };
  const valid = () => ({ name: 'x', scopes: ['usage:read'], expiresAt: inDays(5) });

  it('400 VALIDATION_FAILED for null in every field that does not take null, on every route with a body', async () => {
    const before = await snapshot();
    const cases: Array<[string, string, Record<string, unknown>]> = [
      ...['name', 'scopes', 'preset', 'presetResource'].map((field) => ['POST', '/v1/keys', { ...valid(), [field]: null }] as [string, string, Record<string, unknown>]),
      ['POST', '/v1/keys', { name: 'x', scopes: null, expiresAt: '2027-01-01T00:00:00Z' }],
      ['POST', '/v1/keys', { name: 'x', preset: null, presetResource: null, scopes: ['usage:read'], expiresAt: inDays(5) }],
      ['PATCH', `/v1/keys/${keyId}`, { name: null }],
      ['POST', `/v1/keys/${keyId}/rotate`, { gracePeriodSeconds: null }],
      ['POST', `/v1/keys/${keyId}/revoke`, { reason: null }],
      ['POST', '/v1/verify', { key: 'pxxl_x', requiredScopes: null }],
      ...['maxLifetimeDays', 'allowNonExpiring', 'maxGracePeriodSeconds'].map((field) => ['PUT', '/v1/workspace/policy', { [field]: null }] as [string, string, Record<string, unknown>]),
    ];
    for (const [method, path, body] of cases) await expectRefused(method, path, { rawBody: JSON.stringify(body), headers: json }, 'VALIDATION_FAILED');
    expect(await snapshot()).toBe(before);
  });

  it('400 for a JSON body that is not an object (null, an array, a string, a number, a boolean)', async () => {
    const before = await snapshot();
    const routes: Array<[string, string]> = [
      ['POST', '/v1/keys'],
      ['PATCH', `/v1/keys/${keyId}`],
      ['POST', `/v1/keys/${keyId}/rotate`],
      ['POST', `/v1/keys/${keyId}/revoke`],
      ['PUT', '/v1/workspace/policy'],
      ['POST', '/v1/verify'],
    ];
    for (const [method, path] of routes) {
      for (const raw of ['null', '[]', '[{}]', '"x"', '5', 'true']) await expectRefused(method, path, { rawBody: raw, headers: json }, 'INVALID_BODY');
    }
    for (const raw of ['null', '"x"', '5', 'true', '[null]', '[5]']) await expectRefused('POST', '/v1/leaks', { rawBody: raw, headers: json, token: null }, 'INVALID_LEAK_REPORT');
    expect(await snapshot()).toBe(before);
  });

  it('400 FORBIDDEN_PROPERTY for __proto__ or constructor.prototype at any depth (they were MALFORMED_JSON), on every route with a body', async () => {
    const before = await snapshot();
    const bodies = ['{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}', '[{"token":"x","extra":[{"a":{"__proto__":null}}]}]', '{"name":"x","scopes":[{"constructor":{"prototype":1}}]}'];
    for (const [method, path, token] of [['POST', '/v1/keys', undefined], ['PUT', '/v1/workspace/policy', undefined], ['POST', '/v1/verify', null], ['POST', '/v1/leaks', null]] as const) {
      for (const raw of bodies) await expectRefused(method, path, { rawBody: raw, headers: json, token }, 'FORBIDDEN_PROPERTY');
    }
    // A key named constructor is only data.
    const harmless = await stack.request('POST', '/v1/leaks', { rawBody: '[{"token":"x","constructor":"scanner"}]', headers: json });
    expect(harmless.status).toBe(202);
    expect(await snapshot()).toBe(before);
  });

  it('400 BODY_REQUIRED for PUT /v1/workspace/policy without a body, with or without a Content-Type, and the policy stays', async () => {
    const before = await stack.request('GET', '/v1/workspace/policy', { token: admin });
    await expectRefused('PUT', '/v1/workspace/policy', {}, 'BODY_REQUIRED');
    // The request: no body, no Content-Type, an empty If-Match.
    await expectRefused('PUT', '/v1/workspace/policy', { headers: { 'if-match': '' } }, 'BODY_REQUIRED');
    await expectRefused('PUT', '/v1/workspace/policy', { rawBody: '', headers: json }, 'BODY_REQUIRED');
    await expectRefused('PUT', '/v1/workspace/policy', { rawBody: '  ', headers: json }, 'BODY_REQUIRED');
    const after = await stack.request('GET', '/v1/workspace/policy', { token: admin });
    expect(after.body).toEqual(before.body);
    expect(after.body).toMatchObject({ maxLifetimeDays: 30, scopeAllowList: ['api_keys:read', 'api_keys:write', 'usage:read'] });
  });

  it('400 BODY_REQUIRED for POST /v1/keys and PATCH without a body', async () => {
    const before = await snapshot();
    await expectRefused('POST', '/v1/keys', {}, 'BODY_REQUIRED');
    await expectRefused('PATCH', `/v1/keys/${keyId}`, {}, 'BODY_REQUIRED');
    expect(await snapshot()).toBe(before);
  });

  it('400 INVALID_IF_MATCH for an empty or blank If-Match on every route that reads it, and nothing changes', async () => {
    const before = await snapshot();
    for (const ifMatch of ['', ' ']) {
      const headers = { ...json, 'if-match': ifMatch };
      await expectRefused('PATCH', `/v1/keys/${keyId}`, { rawBody: '{"name":"renamed"}', headers }, 'INVALID_IF_MATCH');
      await expectRefused('POST', `/v1/keys/${keyId}/rotate`, { rawBody: '{}', headers }, 'INVALID_IF_MATCH');
      await expectRefused('POST', `/v1/keys/${keyId}/revoke`, { rawBody: '{}', headers }, 'INVALID_IF_MATCH');
      await expectRefused('DELETE', `/v1/keys/${keyId}`, { headers: { 'if-match': ifMatch } }, 'INVALID_IF_MATCH');
      await expectRefused('PUT', '/v1/workspace/policy', { rawBody: '{"maxLifetimeDays":30}', headers }, 'INVALID_IF_MATCH');
    }
    expect(await snapshot()).toBe(before);
  });

  it('still takes null where the contract says a field is nullable, and no body where every field is optional', async () => {
    const created = await stack.request('POST', '/v1/keys', { token: admin, body: { name: 'nullable', description: null, scopes: ['usage:read'], expiresAt: inDays(5) } });
    expect(created.status).toBe(201);
    const updated = await stack.request('PATCH', `/v1/keys/${created.body.id}`, { token: admin, body: { description: null } });
    expect(updated.status).toBe(200);
    const revoked = await stack.request('POST', `/v1/keys/${created.body.id}/revoke`, { token: admin });
    expect(revoked.status).toBe(200);
  });
});
