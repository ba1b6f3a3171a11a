import { formatToken, newKeyId, newSecret, type Verdict } from '@pxxl/contracts';
import type { SecretComparer } from './steps/compare-secret';
import type { KeySource, VerifiableKey } from './steps/read-key';
import { DEFAULT_CACHE_OPTIONS } from './steps/verdict-cache';
import { VerificationPipeline } from './verification-pipeline';
import { VerificationUnavailableError } from './verification-unavailable.error';

const NOW = new Date('2026-03-01T00:00:00.000Z');

/** Hashes are `h:<secret>`; every read and comparison is counted. */
class Store implements KeySource, SecretComparer {
  keys = new Map<string, VerifiableKey>();
  reads = 0;
  comparisons = 0;
  failing = false;
  async read(keyId: string): Promise<VerifiableKey | null> {
    this.reads++;
    if (this.failing) throw Object.assign(new Error('connection closed'), { name: 'MongoNetworkError' });
    return this.keys.get(keyId) ?? null;
  }
  async matches(secret: string, hash: string): Promise<boolean> {
    this.comparisons++;
    return hash === `h:${secret}`;
  }
  async spendOne(): Promise<void> {
    this.comparisons++;
  }
  add(overrides: Partial<VerifiableKey> = {}): string {
    const keyId = newKeyId();
    const secret = newSecret();
    this.keys.set(keyId, {
      _id: keyId,
      workspaceId: 'acme',
      scopes: ['deployments:read'],
      status: 'active',
      expiresAt: null,
      secretHash: `h:${secret}`,
      previousSecretHash: null,
      previousSecretValidUntil: null,
      version: 1,
      ...overrides,
    });
    return formatToken(keyId, secret);
  }
}

function pipeline(options: { cache?: boolean } = {}) {
  const store = new Store();
  const verification = new VerificationPipeline({
    backend: { keys: store, secrets: store },
    cache: options.cache ? DEFAULT_CACHE_OPTIONS : null,
    throttle: { maxFailuresPerKey: 3, maxFailuresPerSource: 5, windowMs: 60_000 },
    clock: { now: () => NOW },
  });
  return { store, verification };
}

const unknownToken = () => formatToken(newKeyId(), newSecret());

describe('VerificationPipeline', () => {
  it('given a valid key, reads it once, compares once and answers VALID for the scopes it holds', async () => {
    const { store, verification } = pipeline();
    const token = store.add();
    expect(await verification.verify(token, ['deployments:read'])).toMatchObject({ valid: true, code: 'VALID', workspaceId: 'acme', version: 1 });
    expect(await verification.verify(token, ['billing:read'])).toEqual({ valid: false, code: 'INSUFFICIENT_SCOPE', missingScopes: ['billing:read'] });
    expect([store.reads, store.comparisons]).toEqual([2, 2]);
  });

  it('given a malformed token, answers MALFORMED with no read and no comparison', async () => {
    const { store, verification } = pipeline();
    expect(await verification.verify('pxxl_nonsense')).toEqual({ valid: false, code: 'MALFORMED' });
    expect([store.reads, store.comparisons]).toEqual([0, 0]);
  });

  it('given an unknown key id, spends one comparison like a wrong secret, and answers NOT_FOUND', async () => {
    const { store, verification } = pipeline();
    expect(await verification.verify(unknownToken())).toEqual({ valid: false, code: 'NOT_FOUND' });
    expect(store.comparisons).toBe(1);
  });

  it('given a revoked or expired key, says so only to the holder of its secret', async () => {
    const { store, verification } = pipeline();
    const revoked = store.add({ status: 'revoked' });
    const expired = store.add({ expiresAt: NOW });
    expect((await verification.verify(revoked)).code).toBe('REVOKED');
    expect((await verification.verify(expired)).code).toBe('EXPIRED');
    const wrongSecret = formatToken(revoked.slice(5, 21), newSecret());
    expect((await verification.verify(wrongSecret)).code).toBe('NOT_FOUND');
  });

  it('given too many wrong secrets for a key id, refuses it as a value without reading or comparing', async () => {
    const { store, verification } = pipeline();
    const token = store.add();
    const keyId = token.slice(5, 21);
    for (let i = 0; i < 3; i++) await verification.verify(formatToken(keyId, newSecret()));
    const before = [store.reads, store.comparisons];
    const refused: Verdict = await verification.verify(token);
    expect(refused).toEqual({ valid: false, code: 'TOO_MANY_ATTEMPTS', retryAfterMs: 60_000 });
    expect([store.reads, store.comparisons]).toEqual(before);
  });

  it('given a source over its limit, refuses its unknown key ids without a comparison, and still verifies its real keys', async () => {
    const { store, verification } = pipeline();
    const token = store.add();
    for (let i = 0; i < 5; i++) await verification.verify(unknownToken(), [], { source: '10.0.0.1' });
    const comparisons = store.comparisons;
    expect(await verification.verify(unknownToken(), [], { source: '10.0.0.1' })).toEqual({ valid: false, code: 'TOO_MANY_FAILURES_FROM_SOURCE', retryAfterMs: 60_000 });
    expect(store.comparisons).toBe(comparisons);
    // A neighbour behind the same address, with a key that verifies, is never refused.
    expect(await verification.verify(token, [], { source: '10.0.0.1' })).toMatchObject({ code: 'VALID' });
    // Another address is not affected at all.
    expect(await verification.verify(unknownToken(), [], { source: '10.0.0.2' })).toEqual({ valid: false, code: 'NOT_FOUND' });
  });

  it('given a store that cannot be reached, throws VerificationUnavailableError: an outage is never a denial', async () => {
    const { store, verification } = pipeline();
    const token = store.add();
    store.failing = true;
    await expect(verification.verify(token)).rejects.toBeInstanceOf(VerificationUnavailableError);
  });

  it('given a cache, answers a warm token with no read, and checks scopes on the cached verdict', async () => {
    const { store, verification } = pipeline({ cache: true });
    const token = store.add();
    await verification.verify(token);
    expect(await verification.verify(token, ['deployments:read'])).toMatchObject({ code: 'VALID' });
    expect((await verification.verify(token, ['billing:read'])).code).toBe('INSUFFICIENT_SCOPE');
    expect(store.reads).toBe(1);
    expect(verification.stats()).toMatchObject({ hits: 2, lookups: 1 });
  });
});
