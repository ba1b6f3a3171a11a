import { parseKeyEvent } from '@pxxl/contracts';
import { KeyViewReader } from '@pxxl/key-read-model';
import { TestStack } from '../support/stack';
import { readTopic } from '../support/topic-reader';

const inDays = (days: number) => new Date(Date.now() + days * 86400_000).toISOString();

describe('walking skeleton: create a key → Kafka → projection → verify, with audit', () => {
  let stack: TestStack;
  let admin: string;

  beforeAll(async () => {
    stack = await TestStack.start();
    admin = (await stack.bootstrap('acme')).token;
  });

  afterAll(() => stack.stop());

  const create = (body: unknown, token = admin) => stack.request('POST', '/v1/keys', { token, body });
  const verify = (key: unknown, extra: Record<string, unknown> = {}) => stack.request('POST', '/v1/verify', { body: { key, ...extra } });

  it('201: creates a key that verifies immediately, with its scopes', async () => {
    const created = await create({ name: 'CDN uploader', description: 'uploads assets', scopes: ['cdn:upload', 'cdn:read'], expiresAt: inDays(30) });
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    expect(created.body).toMatchObject({ name: 'CDN uploader', scopes: ['cdn:read', 'cdn:upload'], workspaceId: 'acme', consistency: 'verifiable', version: 1 });
    expect(created.body.key).toMatch(/^pxxl_[0-9A-Za-z]{16}_[0-9A-Za-z]{38}$/);

    const verified = await verify(created.body.key);
    expect(verified.status).toBe(200);
    expect(verified.body).toEqual({
      valid: true,
      code: 'VALID',
      keyId: created.body.id,
      workspaceId: 'acme',
      scopes: ['cdn:read', 'cdn:upload'],
      expiresAt: created.body.expiresAt,
      validUntil: created.body.expiresAt,
      version: 1,
    });
  });

  it('200: verifies a key sent as Authorization: Bearer', async () => {
    const response = await stack.request('POST', '/v1/verify', { token: admin, body: {} });
    expect(response.body).toMatchObject({ valid: true, workspaceId: 'acme' });
  });

  it('answers MALFORMED for a garbled token without reading the database', async () => {
    const reader = stack.app('key-service').get(KeyViewReader, { strict: false });
    const spy = jest.spyOn(reader, 'findById');
    const garbled = admin.slice(0, -1) + (admin.endsWith('a') ? 'b' : 'a');
    for (const token of [garbled, 'pxxl_nonsense', 'x'.repeat(60)]) {
      expect((await verify(token)).body).toEqual({ valid: false, code: 'MALFORMED' });
    }
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });

  it('answers a wrong secret and an unknown key id exactly alike', async () => {
    const { formatToken, newKeyId, newSecret, parseToken } = await import('@pxxl/contracts');
    const parsed = parseToken(admin);
    if (!parsed.ok) throw new Error('admin token does not parse');
    const wrongSecret = await verify(formatToken(parsed.token.keyId, newSecret()));
    const unknownId = await verify(formatToken(newKeyId(), newSecret()));
    expect(wrongSecret.status).toBe(200);
    expect(wrongSecret.text).toBe(unknownId.text);
    expect(wrongSecret.body).toEqual({ valid: false, code: 'NOT_FOUND' });
  });

  it('publishes KeyCreated on the topic with the documented envelope, keyed by keyId, without the plaintext', async () => {
    const created = await create({ name: 'Internal monitor', scopes: ['usage:read'], expiresAt: inDays(10) });
    const secret = created.body.key.slice(22, 54);
    const messages = await readTopic(stack.env, (all) => all.some((m) => m.key?.toString() === created.body.id));
    const message = messages.find((m) => m.key?.toString() === created.body.id)!;
    const raw = message.value!.toString();
    expect(raw).not.toContain(created.body.key);
    expect(raw).not.toContain(secret);
    const event = parseKeyEvent(raw);
    expect(event).toMatchObject({ type: 'KeyCreated', schemaVersion: 1, keyId: created.body.id, workspaceId: 'acme', version: 1 });
    expect(event.actor).toMatch(/^key:[0-9A-Za-z]{16}$/);
    expect(message.headers?.['event-type']?.toString()).toBe('KeyCreated');
  });

  it('records an audit entry that holds neither the plaintext nor the hash', async () => {
    const created = await create({ name: 'Deploy checker', scopes: ['deployments:read'], expiresAt: inDays(10) });
    const stored = await stack.db().collection('key_events').findOne({ _id: `${created.body.id}:1` as never });
    const hash = (stored!.data as { secretHash: string }).secretHash;
    const { eventually } = await import('../support/test-infra');
    const entry = await eventually(async () => (await stack.db().collection('audit_entries').findOne({ _id: stored!.eventId })) ?? undefined);
    expect(entry).toMatchObject({ type: 'KeyCreated', keyId: created.body.id, keyName: 'Deploy checker', workspaceId: 'acme' });
    expect(entry.summary).toContain('scopes granted: deployments:read');
    const text = JSON.stringify(entry);
    expect(text).not.toContain(created.body.key);
    expect(text).not.toContain(created.body.key.slice(22, 54));
    expect(text).not.toContain(hash);
  });

  describe('400: bad input gets {code, message, details} and stores nothing', () => {
    const cases: Array<[string, { body?: unknown; rawBody?: string }, string]> = [
      ['malformed JSON', { rawBody: '{"name": "x", ' }, 'MALFORMED_JSON'],
      ['a missing name', { body: { scopes: ['usage:read'], expiresAt: inDays(5) } }, 'VALIDATION_FAILED'],
      ['empty scopes', { body: { name: 'x', scopes: [], expiresAt: inDays(5) } }, 'VALIDATION_FAILED'],
      ['an unknown field', { body: { name: 'x', scopes: ['usage:read'], expiresAt: inDays(5), admin: true } }, 'VALIDATION_FAILED'],
      ['a past expiry', { body: { name: 'x', scopes: ['usage:read'], expiresAt: '2020-01-01T00:00:00Z' } }, 'EXPIRY_IN_PAST'],
      ['a malformed scope', { body: { name: 'x', scopes: ['usage'], expiresAt: inDays(5) } }, 'UNKNOWN_SCOPE'],
      ['a body that is not an object', { rawBody: '"just a string"' }, 'INVALID_BODY'],
    ];

    it.each(cases)('rejects %s', async (_what, input, code) => {
      const events = stack.db().collection('key_events');
      const before = await events.countDocuments();
      const response = await stack.request('POST', '/v1/keys', { token: admin, ...input });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ code, message: expect.any(String), details: expect.any(Object) });
      expect(await events.countDocuments()).toBe(before);
    });
  });

  it('401: refuses a create without a key, with an RFC 6750 challenge', async () => {
    const response = await stack.request('POST', '/v1/keys', { body: { name: 'x', scopes: ['usage:read'], expiresAt: inDays(5) } });
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('MISSING_TOKEN');
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="pxxl-keys"');
  });

  it('403: refuses a create by a key without api_keys:write', async () => {
    const reader = await create({ name: 'Reader', scopes: ['api_keys:read'], expiresAt: inDays(5) });
    const response = await create({ name: 'x', scopes: ['usage:read'], expiresAt: inDays(5) }, reader.body.key);
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ code: 'INSUFFICIENT_SCOPE', details: { missingScopes: ['api_keys:write'] } });
    expect(response.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
  });

  it('never writes a plaintext key or a hash to the logs', async () => {
    const created = await create({ name: 'Log probe', scopes: ['usage:read'], expiresAt: inDays(5) });
    const logs = stack.logs.lines.join('\n');
    expect(logs).not.toContain(created.body.key.slice(22, 54));
    expect(logs).not.toContain(admin.slice(22, 54));
    expect(logs).not.toMatch(/\$2[aby]\$\d{2}\$/);
  });
});
