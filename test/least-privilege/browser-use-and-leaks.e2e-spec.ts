import { CommandBus } from '@nestjs/cqrs';
import { formatToken, newKeyId, newSecret, parseToken } from '@pxxl/contracts';
import { request as httpRequest } from 'node:http';
import { RecordBrowserUseCommand } from '../../apps/key-service/src/keys/commands/record-browser-use/record-browser-use.command';
import { reconcileTrail, type ReadableDb } from '@pxxl/audit-trail';
import { httpRequest as apiRequest } from '../support/http';
import { TestStack } from '../support/stack';
import { eventually } from '../support/test-infra';

const inDays = (days: number) => new Date(Date.now() + days * 86400_000).toISOString();
const BROWSER = { origin: 'https://app.example', 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'empty' };

describe('backend only, and leaked keys', () => {
  let stack: TestStack;
  let admin: string;

  beforeAll(async () => {
    stack = await TestStack.start();
    admin = (await stack.bootstrap('acme')).token;
  });

  afterAll(() => stack.stop());
  afterEach(() => stack.clock.reset());

  const create = async (body: Record<string, unknown> = {}) =>
    (await stack.request('POST', '/v1/keys', { token: admin, body: { name: 'Probe', scopes: ['usage:read'], expiresAt: inDays(30), ...body } })).body as {
      id: string;
      key: string;
    };
  const verify = (key: string) => stack.request('POST', '/v1/verify', { body: { key } });
  const plainGet = (path: string, headers: Record<string, string>) =>
    new Promise<number>((resolve, reject) => {
      const request = httpRequest(stack.url + path, { headers }, (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      });
      request.on('error', reject).end();
    });
  const signalsOf = (keyId: string) => stack.db().collection('audit_entries').find({ keyId, type: 'KeyBrowserUseRefused' }).toArray();

  describe('browser use is refused: 403 BROWSER_USE_FORBIDDEN', () => {
    it.each<[string, Record<string, string>]>([
      ['an Origin header', { origin: 'https://app.example' }],
      ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
      ['Sec-Fetch-Site: same-origin', { 'sec-fetch-site': 'same-origin' }],
      ['Sec-Fetch-Mode: cors as a browser sends it', { 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'empty' }],
    ])('refuses a Bearer key sent with %s, saying why', async (_signal, headers) => {
      const response = await stack.request('GET', '/v1/keys', { token: admin, headers });
      expect(response.status).toBe(403);
      expect(response.body.code).toBe('BROWSER_USE_FORBIDDEN');
      expect(response.body.message).toMatch(/backend services only.*docs\/security\.md/);
    });

    it('refuses on the verify route too, with the key in the body or the header', async () => {
      const inBody = await stack.request('POST', '/v1/verify', { body: { key: admin }, headers: { origin: 'https://app.example' } });
      const inHeader = await stack.request('POST', '/v1/verify', { token: admin, body: {}, headers: { 'sec-fetch-site': 'same-site' } });
      for (const response of [inBody, inHeader]) expect([response.status, response.body.code]).toEqual([403, 'BROWSER_USE_FORBIDDEN']);
    });

    it('refuses before authentication and routing: an unknown key, or an unknown route, still answers 403', async () => {
      const unknown = await stack.request('GET', '/v1/keys', { token: formatToken(newKeyId(), newSecret()), headers: BROWSER });
      const noRoute = await stack.request('GET', '/v1/nowhere', { token: admin, headers: BROWSER });
      for (const response of [unknown, noRoute]) expect([response.status, response.body.code]).toEqual([403, 'BROWSER_USE_FORBIDDEN']);
    });

    it('lets backends through: no browser signals, a typed navigation, and Node’s fetch with its lone sec-fetch-mode: cors', async () => {
      // fetch always adds `sec-fetch-mode: cors` (undici): node:http sends exactly the headers given.
      const backends: Array<Record<string, string>> = [{}, { 'sec-fetch-site': 'none', 'sec-fetch-mode': 'navigate' }, { 'sec-fetch-mode': 'cors' }];
      for (const headers of backends) {
        expect(await plainGet('/v1/keys?limit=1', { authorization: `Bearer ${admin}`, ...headers })).toBe(200);
      }
      expect((await stack.request('GET', '/v1/keys?limit=1', { token: admin })).status).toBe(200);
      // Without a key, browser signals alone are nobody's business: the public catalog answers.
      expect((await stack.request('GET', '/v1/scopes', { headers: BROWSER })).status).toBe(200);
    });

    it('answers CORS preflights without any Access-Control-Allow header', async () => {
      for (const path of ['/v1/keys', '/v1/verify']) {
        const response = await stack.request('OPTIONS', path, {
          headers: { origin: 'https://app.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
        });
        expect([response.status, response.body.code]).toEqual([403, 'BROWSER_USE_FORBIDDEN']);
        expect([...response.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
      }
    });

    it('records the attempt for the key at most once a minute, in its audit history, without changing its version', async () => {
      const key = await create();
      for (let i = 0; i < 3; i++) {
        expect((await stack.request('POST', '/v1/verify', { body: { key: key.key }, headers: BROWSER })).status).toBe(403);
      }
      const [first] = await eventually(async () => ((await signalsOf(key.id)).length > 0 ? signalsOf(key.id) : undefined));
      expect(first).toMatchObject({
        workspaceId: 'acme',
        version: 1,
        actor: `key:${key.id}`,
        details: { origin: 'https://app.example', secFetchSite: 'cross-site', secFetchMode: 'cors', route: 'POST /v1/verify' },
      });
      expect(first.summary).toContain('browser use refused on POST /v1/verify');

      stack.clock.advance(61_000);
      await stack.request('GET', '/v1/keys', { token: key.key, headers: { origin: 'https://app.example' } });
      await eventually(async () => ((await signalsOf(key.id)).length === 2 ? true : undefined));
      expect(await stack.db().collection('key_signals').countDocuments({ 'signal.keyId': key.id, publishedAt: { $ne: null } })).toBe(2);

      // A signal is no change of the key: its version and ETag stay, If-Match keeps working.
      const shown = await stack.request('GET', `/v1/keys/${key.id}`, { token: admin });
      expect([shown.body.version, shown.headers.get('etag')]).toEqual([1, '"1"']);
      expect(await stack.db().collection('key_events').countDocuments({ keyId: key.id })).toBe(1);
      const renamed = await stack.request('PATCH', `/v1/keys/${key.id}`, { token: admin, body: { name: 'Renamed' }, headers: { 'if-match': '"1"' } });
      expect(renamed.status).toBe(200);

      // The signals are stored by the key service (in its outbox), so the trail stays complete and intact.
      await eventually(async () => ((await stack.db().collection('audit_entries').countDocuments({ keyId: key.id })) === 4 ? true : undefined));
      const report = await reconcileTrail(stack.db().db as unknown as ReadableDb, { now: new Date(Date.now() + 3600_000), graceMs: 0, workspaceId: 'acme' });
      expect([report.ok, report.missing.count, report.unexpected.count]).toEqual([true, 0, 0]);
      const integrity = await apiRequest(stack.auditUrl, 'GET', '/v1/audit/integrity', { token: admin });
      expect([integrity.status, integrity.body.ok]).toEqual([200, true]);
    });

    it('records nothing for a token whose secret does not verify', async () => {
      const key = await create();
      const parsed = parseToken(key.key);
      const wrong = formatToken(parsed.ok ? parsed.token.keyId : '', newSecret());
      expect((await stack.request('GET', '/v1/keys', { token: wrong, headers: BROWSER })).status).toBe(403);
      const commandBus = stack.app('key-service').get(CommandBus);
      expect(await commandBus.execute(new RecordBrowserUseCommand(wrong, 'https://app.example', null, null, 'GET /v1/keys'))).toBe('not-a-key');
      expect(await commandBus.execute(new RecordBrowserUseCommand('pxxl_garbage', 'https://app.example', null, null, 'GET /v1/keys'))).toBe('not-a-key');
      expect(await stack.db().collection('key_signals').countDocuments({ 'signal.keyId': key.id })).toBe(0);
    });
  });

  describe('POST /v1/leaks', () => {
    it('202 alike for every report; a live key is revoked (leaked, by system) and the report kept without the token; the rest change nothing', async () => {
      const leaked = await create({ name: 'Leaked CI key' });
      const bystander = await create({ name: 'Bystander' });
      const parsed = parseToken(bystander.key);
      const wrongSecret = formatToken(parsed.ok ? parsed.token.keyId : '', newSecret());
      const eventsBefore = await stack.db().collection('key_events').countDocuments();

      // Processed in arrival order: once the leaked key is revoked, the reports before it were handled too.
      const answers = [];
      for (const token of [wrongSecret, formatToken(newKeyId(), newSecret()), 'pxxl_not_a_key', leaked.key]) {
        answers.push(await stack.request('POST', '/v1/leaks', { body: [{ token, type: 'pxxl_api_key', url: 'https://github.com/acme/app/blob/abc/.env', source: 'content' }] }));
      }
      for (const answer of answers) {
        expect(answer.status).toBe(202);
        expect(answer.text).toBe('{"received":1}');
      }

      await eventually(async () => ((await verify(leaked.key)).body.code === 'REVOKED' ? true : undefined));
      // Verification refuses the key from the moment the revocation is stored; the listing follows the projection.
      const shown = await eventually(async () => {
        const key = await stack.request('GET', `/v1/keys/${leaked.id}`, { token: admin });
        return key.body.status === 'revoked' ? key : undefined;
      });
      expect(shown.body).toMatchObject({ status: 'revoked', revokedReason: 'leaked' });
      expect(await stack.db().collection('key_events').findOne({ _id: `${leaked.id}:2` as never })).toMatchObject({ type: 'KeyRevoked', actor: 'system', data: { reason: 'leaked' } });
      const entry = await eventually(async () => (await stack.db().collection('audit_entries').findOne({ keyId: leaked.id, type: 'KeyRevoked' })) ?? undefined);
      expect(entry).toMatchObject({ actor: 'system', summary: 'revoked: leaked' });

      const reports = await stack.db().collection('leak_reports').find({}).toArray();
      expect(reports).toEqual([
        expect.objectContaining({ keyId: leaked.id, workspaceId: 'acme', outcome: 'revoked', source: 'content', url: 'https://github.com/acme/app/blob/abc/.env' }),
      ]);
      expect(JSON.stringify(reports)).not.toContain(leaked.key.slice(22, 54));

      expect(await stack.db().collection('key_events').countDocuments()).toBe(eventsBefore + 1);
      expect((await verify(bystander.key)).body).toMatchObject({ valid: true, code: 'VALID' });
      expect(stack.logs.lines.join('\n')).not.toContain(leaked.key.slice(22, 54));
    });

    it('keeps a report of an already revoked key, and changes nothing else', async () => {
      const key = await create();
      await stack.request('POST', `/v1/keys/${key.id}/revoke`, { token: admin, body: { reason: 'rotated out' } });
      expect((await stack.request('POST', '/v1/leaks', { body: { token: key.key, source: 'pastebin' } })).status).toBe(202);
      const report = await eventually(async () => (await stack.db().collection('leak_reports').findOne({ keyId: key.id })) ?? undefined);
      expect(report).toMatchObject({ outcome: 'already_revoked', source: 'pastebin', url: null });
      expect(await stack.db().collection('key_events').countDocuments({ keyId: key.id })).toBe(2);
    });

    it('400 INVALID_LEAK_REPORT for a body that is not a report, or over 100 tokens', async () => {
      for (const body of [{ url: 'x' }, [{ token: 3 }], 'token', Array.from({ length: 101 }, () => ({ token: 'x' }))]) {
        const response = await stack.request('POST', '/v1/leaks', { body });
        expect([response.status, response.body.code]).toEqual([400, 'INVALID_LEAK_REPORT']);
      }
    });
  });
});
