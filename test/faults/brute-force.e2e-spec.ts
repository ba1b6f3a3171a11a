import { formatToken, newKeyId, newSecret, parseToken } from '@pxxl/contracts';
import { request as httpRequestRaw } from 'node:http';
import { TestStack } from '../support/stack';

const inDays = (days: number) => new Date(Date.now() + days * 86400_000).toISOString();

/** POST /v1/verify from a chosen loopback source address (127.0.0.x), so sources can be told apart. */
function verifyFrom(stack: TestStack, localAddress: string, key: string): Promise<{ status: number; body: any }> {
  const url = new URL(stack.url + '/v1/verify');
  const body = JSON.stringify({ key });
  return new Promise((resolve, reject) => {
    const req = httpRequestRaw(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', localAddress, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let data = '';
        res.on('data', (chunk) => (data += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(data) }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Guessing secrets: wrong secrets for one key id are throttled per key id and
 * per source address; the legitimate key keeps working throughout.
 */
describe('brute force on verification', () => {
  let stack: TestStack;
  let admin: string;

  beforeAll(async () => {
    stack = await TestStack.start({ env: { FAILED_ATTEMPTS_PER_KEY_PER_MINUTE: '5', FAILED_ATTEMPTS_PER_SOURCE_PER_MINUTE: '30' } });
    admin = (await stack.bootstrap('acme')).token;
  });

  afterAll(() => stack.stop());

  it('refuses a key id with 429 after 5 wrong secrets a minute, while its holder keeps verifying', async () => {
    const created = await stack.request('POST', '/v1/keys', { token: admin, body: { name: 'target', scopes: ['usage:read'], expiresAt: inDays(5) } });
    const legit: string = created.body.key;
    expect((await verifyFrom(stack, '127.0.0.1', legit)).body.valid).toBe(true);
    const keyId = (parseToken(legit) as { ok: true; token: { keyId: string } }).token.keyId;

    const answers = [];
    for (let i = 0; i < 8; i++) answers.push(await verifyFrom(stack, '127.0.0.2', formatToken(keyId, newSecret())));
    expect(answers.slice(0, 5).map((a) => a.body.code)).toEqual(Array(5).fill('NOT_FOUND'));
    expect(answers.slice(5).map((a) => [a.status, a.body.code])).toEqual(Array(3).fill([429, 'TOO_MANY_ATTEMPTS']));

    expect((await verifyFrom(stack, '127.0.0.1', legit)).body).toMatchObject({ valid: true, keyId });
    // Time heals: a minute later the key id may be tried again.
    stack.clock.advance(61_000);
    expect((await verifyFrom(stack, '127.0.0.2', formatToken(keyId, newSecret()))).body.code).toBe('NOT_FOUND');
  });

  it('refuses a source address with 429 after 30 failures a minute; other sources are unaffected', async () => {
    const created = await stack.request('POST', '/v1/keys', { token: admin, body: { name: 'bystander', scopes: ['usage:read'], expiresAt: inDays(5) } });
    let refusedAt = -1;
    for (let i = 0; i < 40 && refusedAt < 0; i++) {
      const answer = await verifyFrom(stack, '127.0.0.3', formatToken(newKeyId(), newSecret()));
      if (answer.status === 429) refusedAt = i;
    }
    expect(refusedAt).toBe(30);
    const refused = await verifyFrom(stack, '127.0.0.3', created.body.key);
    expect([refused.status, refused.body.code]).toEqual([429, 'TOO_MANY_FAILURES_FROM_SOURCE']);
    expect((await verifyFrom(stack, '127.0.0.1', created.body.key)).body.valid).toBe(true);
  });
});
