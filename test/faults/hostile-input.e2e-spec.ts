import { createHash } from 'node:crypto';
import { connect } from 'node:net';
import { formatToken, newKeyId, newSecret } from '@pxxl/contracts';
import { TestStack } from '../support/stack';
import { waitForCaughtUp } from '../support/topic-reader';

const inDays = (days: number) => new Date(Date.now() + days * 86400_000).toISOString();

interface Case {
  name: string;
  method: string;
  path: string;
  token?: string | null;
  rawBody?: string;
  headers?: Record<string, string>;
  /** Expected status when it is not just "some 4xx". */
  status?: number;
}

/** Sends bytes exactly as given (fetch refuses to send malformed headers). */
function rawHttp(port: number, request: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(request));
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString('latin1')));
    socket.on('end', () => resolve({ status: Number(data.slice(9, 12)), body: data.slice(data.indexOf('\r\n\r\n') + 4) }));
    socket.on('error', reject);
  });
}

/**
 * A corpus of hostile requests: each must get a 4xx with a stable code in the
 * common error shape, never a 5xx, and change nothing.
 */
describe('hostile input', () => {
  let stack: TestStack;
  let admin: string;
  let keyId: string;
  let foreignKeyId: string;

  beforeAll(async () => {
    stack = await TestStack.start();
    admin = (await stack.bootstrap('acme')).token;
    const created = await stack.request('POST', '/v1/keys', { token: admin, body: { name: 'target', scopes: ['usage:read'], expiresAt: inDays(9) } });
    keyId = created.body.id;
    const otherAdmin = (await stack.bootstrap('globex')).token;
    foreignKeyId = (await stack.request('POST', '/v1/keys', { token: otherAdmin, body: { name: 'theirs', scopes: ['usage:read'], expiresAt: inDays(9) } })).body.id;
    // The state compared before and after must be settled: every setup event projected and audited.
    await waitForCaughtUp(stack.env, [stack.env.PROJECTOR_GROUP_ID, stack.env.AUDIT_GROUP_ID]);
  });

  afterAll(() => stack.stop());

  async function snapshot(): Promise<string> {
    const hash = createHash('sha256');
    for (const name of ['key_events', 'key_views', 'audit_entries']) {
      const docs = await stack.db().collection(name).find({}, { projection: { lastUsedAt: 0, recordedAt: 0 } }).sort({ _id: 1 }).toArray();
      hash.update(name + JSON.stringify(docs));
    }
    return hash.digest('hex');
  }

  function corpus(): Case[] {
    const cases: Case[] = [];
    const valid = { name: 'ok', scopes: ['usage:read'], expiresAt: inDays(5) };
    const bodyCase = (name: string, method: string, path: string, rawBody: string, status?: number) =>
      cases.push({ name, method, path, rawBody, status });
    const mutations: Array<[string, string]> = [
      ['POST', '/v1/keys'],
      ['PATCH', `/v1/keys/${keyId}`],
      ['POST', `/v1/keys/${keyId}/rotate`],
      ['POST', `/v1/keys/${keyId}/revoke`],
      ['POST', '/v1/verify'],
    ];

    const brokenJson = ['{', '{"name":', '[', '{"name":"x",}', "{'name':'x'}", 'nul', '{"a":1}{"b":2}', '\u0000\u0001', '{"name":"x"', '}', '{"name"::"x"}', '"', '{"name":"\\x"}', '{"name":1e999999}', '{,}', 'undefined', 'NaN', '{"name":"x"]', '--', '\uFEFF{'];
    for (const [method, path] of mutations) {
      brokenJson.forEach((raw, i) => bodyCase(`broken JSON #${i} to ${method} ${path}`, method, path, raw, 400));
      bodyCase(`deeply nested arrays to ${path}`, method, path, '['.repeat(5000) + ']'.repeat(5000));
      bodyCase(`deeply nested objects to ${path}`, method, path, '{"a":'.repeat(3000) + '1' + '}'.repeat(3000));
      bodyCase(`a 100 KB body to ${path}`, method, path, JSON.stringify({ ...valid, description: 'x'.repeat(100_000) }), 413);
      bodyCase(`a 2 MB body to ${path}`, method, path, JSON.stringify({ pad: 'y'.repeat(2_000_000) }), 413);
      for (const pollution of ['{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}', '{"name":"x","__proto__":{"polluted":true}}']) {
        bodyCase(`prototype pollution ${pollution} to ${path}`, method, path, pollution);
      }
    }

    const wrong: Record<string, unknown[]> = {
      name: [1, true, null, [], {}, { $ne: null }, 'x'.repeat(101), '\u202Eevil', 'tab\there', '\ud800', '   ', '😀'.repeat(51)],
      description: [1, true, [], {}, { $gt: '' }, 'x'.repeat(501), 'bell\u0007'],
      scopes: ['usage:read', 1, [1], [null], {}, [{ $gt: '' }], [], ['usage'], ['USAGE:READ'], ['usage:read:'], ['a:b:c:d'], Array(101).fill('usage:read'), ['x'.repeat(201)]],
      expiresAt: [1, true, 'tomorrow', {}, { $gt: '' }, '2020-01-01T00:00:00Z', '2999-01-01T00:00:00Z', '2026-13-45T99:99:99Z', []],
    };
    for (const [field, values] of Object.entries(wrong)) {
      values.forEach((value, i) => bodyCase(`create with ${field} #${i}`, 'POST', '/v1/keys', JSON.stringify({ ...valid, [field]: value })));
    }
    for (const extra of [{ admin: true }, { workspaceId: 'globex' }, { id: 'AAAAAAAAAAAAAAAA' }, { key: 'pxxl_x' }, { version: 9 }, { $where: '1' }]) {
      bodyCase(`create with unknown field ${Object.keys(extra)[0]}`, 'POST', '/v1/keys', JSON.stringify({ ...valid, ...extra }));
    }
    [{ gracePeriodSeconds: -1 }, { gracePeriodSeconds: 604801 }, { gracePeriodSeconds: '60' }, { gracePeriodSeconds: 1.5 }, { gracePeriodSeconds: [60] }, { gracePeriodSeconds: { $gt: 0 } }, { reason: 'x' }].forEach((body, i) =>
      bodyCase(`rotate with bad body #${i}`, 'POST', `/v1/keys/${keyId}/rotate`, JSON.stringify(body)),
    );
    [{ reason: 1 }, { reason: 'x'.repeat(501) }, { reason: { $ne: null } }, { reason: 'x', force: true }].forEach((body, i) =>
      bodyCase(`revoke with bad body #${i}`, 'POST', `/v1/keys/${keyId}/revoke`, JSON.stringify(body)),
    );
    [{}, { name: '' }, { name: null }, { name: 5 }, { scopes: ['billing:write'] }, { expiresAt: inDays(1) }, { description: ['a'] }].forEach((body, i) =>
      bodyCase(`update with bad body #${i}`, 'PATCH', `/v1/keys/${keyId}`, JSON.stringify(body)),
    );
    [{ key: 1 }, { key: { $ne: null } }, { key: ['a'] }, { key: 'x'.repeat(600) }, { requiredScopes: 'usage:read' }, { requiredScopes: [1] }, { requiredScopes: Array(51).fill('a:b') }, {}, { key: null }, { token: 'x' }].forEach((body, i) =>
      cases.push({ name: `verify with bad body #${i}`, method: 'POST', path: '/v1/verify', rawBody: JSON.stringify(body), token: null }),
    );

    // Wrong media types and methods.
    for (const [method, path] of mutations) {
      cases.push({ name: `text/plain to ${path}`, method, path, rawBody: 'name=x', headers: { 'content-type': 'text/plain' }, status: 415 });
      cases.push({ name: `form data to ${path}`, method, path, rawBody: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' }, status: 415 });
    }
    // A known path with a method it does not take: 405 METHOD_NOT_ALLOWED with Allow (RFC 9110), not 404.
    for (const path of ['/v1/keys/AAAAAAAAAAAAAAAA/rotate', '/v1/verify', '/v1/keys/AAAAAAAAAAAAAAAA/revoke']) cases.push({ name: `GET ${path}`, method: 'GET', path, status: 405 });
    cases.push({ name: 'PUT /v1/keys', method: 'PUT', path: '/v1/keys', rawBody: '{}', status: 405 });

    // Parameters and pagination.
    for (const id of ['x', '%00', '..%2F..%2Fetc%2Fpasswd', '%7B%22%24ne%22%3Anull%7D', 'A'.repeat(17), 'A'.repeat(15), 'AAAAAAAAAAAAAAA%21', "'%20OR%201%3D1", 'A'.repeat(2000)]) {
      for (const [method, suffix] of [['GET', ''], ['PATCH', ''], ['DELETE', ''], ['POST', '/rotate'], ['POST', '/revoke']]) {
        cases.push({ name: `${method} key id ${id.slice(0, 20)}${suffix}`, method, path: `/v1/keys/${id}${suffix}`, rawBody: method === 'GET' || method === 'DELETE' ? undefined : '{}' });
      }
    }
    const queries = ['limit=-1', 'limit=0', 'limit=abc', 'limit=1e9', 'limit=101', 'limit[$gt]=1', 'status=all', 'status[$ne]=x', 'status=active,bogus', 'status=', 'cursor=' + 'A'.repeat(5000), 'cursor=%FF%FE', 'cursor=eyIkbmUiOm51bGx9', 'cursor=' + Buffer.from(JSON.stringify({ c: { $gt: '' }, i: 'x' })).toString('base64url'), 'cursor=' + Buffer.from(JSON.stringify({ c: 'not a date', i: keyId })).toString('base64url'), 'cursor=' + Buffer.from(JSON.stringify({ c: new Date().toISOString(), i: { $ne: 1 } })).toString('base64url'), 'unknown=1', 'workspaceId=globex', 'cursor=a&cursor=b', 'limit=1&limit=2'];
    for (const query of queries) cases.push({ name: `list with ${query.slice(0, 40)}`, method: 'GET', path: `/v1/keys?${query}` });

    // Authorization headers.
    const badChecksum = (() => {
      const token = formatToken(newKeyId(), newSecret());
      return token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    })();
    const authHeaders: Array<[string, number]> = [
      ['Bearer', 400], ['Bearer ', 400], ['Basic dXNlcjpwYXNz', 400], ['Bearer a b', 400], ['bearer ' + badChecksum, 401], ['Bearer ' + badChecksum, 401],
      ['Bearer ' + 'x'.repeat(8000), 401], ['Bearer ' + formatToken(newKeyId(), newSecret()), 401], ['Token abc', 400], ['Bearer pxxl_', 401],
      ['Bearer ' + '\u00ff'.repeat(50), 401], ['Bearer {"$ne":null}', 401], ['Digest x', 400], [' x', 400],
    ];
    for (const [header, status] of authHeaders) {
      for (const [method, path, body] of [['GET', '/v1/keys', undefined], ['POST', '/v1/keys', JSON.stringify(valid)], ['GET', `/v1/keys/${keyId}`, undefined], ['POST', `/v1/keys/${keyId}/revoke`, '{}']] as const) {
        cases.push({ name: `${method} ${path} with Authorization "${header.slice(0, 24)}"`, method, path, rawBody: body, headers: { authorization: header }, token: null, status });
      }
    }
    // Another workspace's key, by id: 404 on every route.
    for (const [method, suffix, body] of [['GET', '', undefined], ['PATCH', '', '{"name":"mine now"}'], ['DELETE', '', undefined], ['POST', '/rotate', '{}'], ['POST', '/revoke', '{}']] as const) {
      cases.push({ name: `${method} another workspace's key${suffix}`, method, path: `/v1/keys/${foreignKeyId}${suffix}`, rawBody: body, status: 404 });
    }
    // If-Match garbage.
    for (const ifMatch of ['abc', '"-1"', '"1.5"', '*', '"1", "2"', 'W/"x"', '"99999999999"']) {
      cases.push({ name: `revoke with If-Match ${ifMatch}`, method: 'POST', path: `/v1/keys/${keyId}/revoke`, rawBody: '{}', headers: { 'if-match': ifMatch } });
    }
    return cases;
  }

  it('answers at least 300 hostile requests with a 4xx and a stable code, and changes nothing', async () => {
    const cases = corpus();
    expect(cases.length).toBeGreaterThanOrEqual(300);
    const before = await snapshot();
    const problems: string[] = [];
    for (const c of cases) {
      const response = await stack.request(c.method, c.path, {
        token: c.token === null ? undefined : (c.token ?? admin),
        rawBody: c.rawBody,
        headers: { ...(c.rawBody !== undefined && !c.headers?.['content-type'] ? { 'content-type': 'application/json' } : {}), ...c.headers },
      });
      const shapeOk = response.body && typeof response.body.code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(response.body.code) && typeof response.body.message === 'string' && typeof response.body.details === 'object';
      const statusOk = c.status !== undefined ? response.status === c.status : response.status >= 400 && response.status < 500;
      if (!statusOk || !shapeOk) problems.push(`${c.name}: ${response.status} ${response.text.slice(0, 120)}`);
    }
    expect(problems).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await snapshot()).toBe(before);
  }, 120000);

  it('answers malformed HTTP (header injection, oversized headers) in the error shape', async () => {
    const port = Number(new URL(stack.url).port);
    const requests: Array<[string, number, string]> = [
      ['GET /v1/keys HTTP/1.1\r\nHost: x\r\nX-Evil: a\rb\r\n\r\n', 400, 'MALFORMED_HTTP_REQUEST'],
      ['GET /v1/keys HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer a\u0000b\r\n\r\n', 400, 'MALFORMED_HTTP_REQUEST'],
      [`GET /v1/keys HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${'x'.repeat(20000)}\r\n\r\n`, 431, 'HEADERS_TOO_LARGE'],
      ['GARBAGE\r\n\r\n', 400, 'MALFORMED_HTTP_REQUEST'],
      ['POST /v1/keys HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello', 400, 'MALFORMED_HTTP_REQUEST'],
    ];
    for (const [request, status, code] of requests) {
      const response = await rawHttp(port, request);
      expect([response.status, JSON.parse(response.body).code]).toEqual([status, code]);
    }
  });
});
