import { formatToken, newKeyId, newSecret, parseToken } from '@pxxl/contracts';
import { request as httpRequestRaw } from 'node:http';
import { TestStack } from '../support/stack';

const inDays = (days: number) => new Date(Date.now() + days * 86400_000).toISOString();

/** POST /v1/verify from a chosen loopback source address (127.0.0.x), so sources can be told apart. */
function verifyFrom(stack: TestStack, localAddress: string, key: string, forwardedFor?: string): Promise<{ status: number; body: any }> {
  const url = new URL(stack.url + '/v1/verify');
  const body = JSON.stringify({ key });
  const headers: Record<string, string | number> = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
  if (forwardedFor) headers['x-forwarded-for'] = forwardedFor;
  return new Promise((resolve, reject) => {
    const req = httpRequestRaw(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', localAddress, headers },
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

/** Asks for key ids that do not exist from one source until it is refused; the attempt it was refused at. */
async function failUntilRefused(stack: TestStack, localAddress: string, forwardedFor?: string): Promise<number> {
  for (let i = 0; i < 40; i++) {
    const answer = await verifyFrom(stack, localAddress, formatToken(newKeyId(), newSecret()), forwardedFor);
    if (answer.status === 429) return i;
  }
  return -1;
}

/**
 * Guessing secrets: wrong secrets for one key id are throttled per key id, and
 * unknown key ids per source address; the legitimate key keeps working
 * throughout, even from the refused address.
 */
describe('brute force on verification', () => {
  let stack: TestStack;
  let admin: string;

  beforeAll(async () => {
    stack = await TestStack.start({ env: { FAILED_ATTEMPTS_PER_KEY_PER_MINUTE: '5', FAILED_ATTEMPTS_PER_SOURCE_PER_MINUTE: '30', TRUSTED_PROXIES: '127.0.0.5' } });
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

  it('refuses a source address’s unknown key ids with 429 after 30 a minute, never its keys that verify; other sources are unaffected', async () => {
    const created = await stack.request('POST', '/v1/keys', { token: admin, body: { name: 'bystander', scopes: ['usage:read'], expiresAt: inDays(5) } });
    expect(await failUntilRefused(stack, '127.0.0.3')).toBe(30);
    const refused = await verifyFrom(stack, '127.0.0.3', formatToken(newKeyId(), newSecret()));
    expect([refused.status, refused.body.code]).toEqual([429, 'TOO_MANY_FAILURES_FROM_SOURCE']);
    // A neighbour behind the same address (a load balancer, a sidecar, a shared egress) still gets in.
    const neighbour = await verifyFrom(stack, '127.0.0.3', created.body.key);
    expect([neighbour.status, neighbour.body.valid]).toEqual([200, true]);
    expect((await verifyFrom(stack, '127.0.0.1', created.body.key)).body.valid).toBe(true);
  });

  it('reads X-Forwarded-For from a trusted proxy only (TRUSTED_PROXIES), and ignores it from anyone else', async () => {
    // Behind the trusted proxy, each client is its own source.
    expect(await failUntilRefused(stack, '127.0.0.5', '203.0.113.7')).toBe(30);
    expect((await verifyFrom(stack, '127.0.0.5', formatToken(newKeyId(), newSecret()), '203.0.113.8')).body.code).toBe('NOT_FOUND');
    // From an untrusted peer the header changes nothing: the peer is the source, whatever it claims.
    expect((await verifyFrom(stack, '127.0.0.6', formatToken(newKeyId(), newSecret()), '203.0.113.7')).body.code).toBe('NOT_FOUND');
    expect(await failUntilRefused(stack, '127.0.0.6', '203.0.113.99')).toBe(29);
  });
});
