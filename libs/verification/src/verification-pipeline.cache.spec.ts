import { formatToken, newSecret, type VerificationResult } from '@pxxl/contracts';
import type { FreshnessSource } from './steps/freshness-source';
import { DEFAULT_CACHE_OPTIONS, type CacheOptions } from './steps/verdict-cache';
import { VerificationPipeline } from './verification-pipeline';
import { VerificationUnavailableError } from './verification-unavailable.error';

// The cache step, seen through the pipeline that runs it (steps/verdict-cache.ts).

const KEY_ID = 'AbCdEfGh12345678';
const T0 = Date.parse('2026-03-01T00:00:00.000Z');

const valid = (overrides: Partial<Extract<VerificationResult, { valid: true }>> = {}): VerificationResult => ({
  valid: true,
  code: 'VALID',
  keyId: KEY_ID,
  workspaceId: 'acme',
  scopes: ['deployments:read'],
  expiresAt: '2026-04-01T00:00:00.000Z',
  validUntil: '2026-04-01T00:00:00.000Z',
  version: 1,
  ...overrides,
});

/** A backend whose answers the test sets and whose calls it counts; `hold` keeps lookups pending. */
class ScriptedBackend {
  answer: VerificationResult | Error = valid();
  calls = 0;
  private held: Array<() => void> | null = null;

  hold(): void {
    this.held = [];
  }

  release(): void {
    const held = this.held ?? [];
    this.held = null;
    held.forEach((go) => go());
  }

  async verify(): Promise<VerificationResult> {
    this.calls++;
    const answer = this.answer;
    if (this.held) await new Promise<void>((resolve) => this.held!.push(resolve));
    if (answer instanceof Error) throw answer;
    return answer;
  }
}

class Listener implements FreshnessSource {
  heardAt = 0;
  since = Infinity;
  lastHeardAt = () => this.heardAt;
  coveredSince = () => this.since;
}

function setup(options: Partial<CacheOptions> = {}) {
  const backend = new ScriptedBackend();
  const listener = new Listener();
  const clock = { now: T0 };
  const cache = new VerificationPipeline({
    backend: { ask: () => backend.verify() },
    cache: { ...DEFAULT_CACHE_OPTIONS, ...options },
    freshness: listener,
    throttle: null,
    clock: { now: () => new Date(clock.now) },
  });
  return { backend, listener, clock, cache };
}

const token = formatToken(KEY_ID, newSecret());

describe('VerificationPipeline: the cache step', () => {
  it('answers a warm token from memory: one backend lookup for many verifications', async () => {
    const { backend, cache } = setup();
    for (let i = 0; i < 5; i++) expect(await cache.verify(token)).toMatchObject({ code: 'VALID', keyId: KEY_ID });
    expect(backend.calls).toBe(1);
    expect(cache.stats()).toMatchObject({ lookups: 1, hits: 4 });
  });

  it('checks required scopes against the cached key without asking the backend again', async () => {
    const { backend, cache } = setup();
    await cache.verify(token);
    expect(await cache.verify(token, ['deployments:read:web'])).toMatchObject({ code: 'VALID' });
    expect(await cache.verify(token, ['billing:read'])).toEqual({ valid: false, code: 'INSUFFICIENT_SCOPE', missingScopes: ['billing:read'] });
    expect(backend.calls).toBe(1);
  });

  it('sends a burst of concurrent misses on one new token to the backend once (single-flight)', async () => {
    const { backend, cache } = setup();
    backend.hold();
    const burst = Array.from({ length: 20 }, () => cache.verify(token));
    backend.release();
    const results = await Promise.all(burst);
    expect(results.every((r) => r.code === 'VALID')).toBe(true);
    expect(backend.calls).toBe(1);
    expect(cache.stats().joined).toBe(19);
  });

  it('never sends a malformed token to the backend', async () => {
    const { backend, cache } = setup();
    expect(await cache.verify('pxxl_nonsense')).toEqual({ valid: false, code: 'MALFORMED' });
    expect(backend.calls).toBe(0);
  });

  it('keeps NOT_FOUND only for the negative TTL', async () => {
    const { backend, cache, clock } = setup({ negativeTtlMs: 2000 });
    backend.answer = { valid: false, code: 'NOT_FOUND' };
    await cache.verify(token);
    clock.now += 1999;
    expect(await cache.verify(token)).toEqual({ valid: false, code: 'NOT_FOUND' });
    expect(backend.calls).toBe(1);
    clock.now += 1;
    backend.answer = valid();
    expect(await cache.verify(token)).toMatchObject({ code: 'VALID' });
    expect(backend.calls).toBe(2);
  });

  it('drops every entry of a key on invalidateKey, so the next request asks the backend', async () => {
    const { backend, cache } = setup();
    const otherSecret = formatToken(KEY_ID, newSecret());
    await cache.verify(token);
    await cache.verify(otherSecret);
    cache.invalidateKey(KEY_ID, { version: 2 });
    backend.answer = valid({ version: 2, scopes: ['usage:read'] });
    expect(await cache.verify(token)).toMatchObject({ code: 'VALID', scopes: ['usage:read'] });
    expect(await cache.verify(otherSecret)).toMatchObject({ code: 'VALID', scopes: ['usage:read'] });
    expect(backend.calls).toBe(4);
  });

  it('answers REVOKED at once, with no lookup, for the tokens it had found VALID when a revocation is heard', async () => {
    const { backend, cache, clock } = setup({ negativeTtlMs: 1000 });
    const unseen = formatToken(KEY_ID, newSecret());
    await cache.verify(token);
    cache.invalidateKey(KEY_ID, { version: 2, revoked: true });
    expect(await cache.verify(token)).toEqual({ valid: false, code: 'REVOKED' });
    clock.now += 60_000; // longer than the negative TTL: a revocation is final
    expect(await cache.verify(token)).toEqual({ valid: false, code: 'REVOKED' });
    expect(backend.calls).toBe(1);
    // A token never seen VALID proves nothing about its secret: it is checked by the backend.
    backend.answer = { valid: false, code: 'NOT_FOUND' };
    expect(await cache.verify(unseen)).toEqual({ valid: false, code: 'NOT_FOUND' });
    expect(backend.calls).toBe(2);
  });

  it('does not cache an answer whose lookup was in flight when the key was invalidated', async () => {
    const { backend, cache } = setup();
    backend.hold();
    const before = cache.verify(token);
    cache.invalidateKey(KEY_ID);
    backend.release();
    expect(await before).toMatchObject({ code: 'VALID' });
    backend.answer = { valid: false, code: 'REVOKED' };
    expect(await cache.verify(token)).toEqual({ valid: false, code: 'REVOKED' });
    expect(backend.calls).toBe(2);
  });

  it('caches an answer from a lookup in flight when what was heard meanwhile is not newer than the answer', async () => {
    const { backend, cache } = setup();
    backend.answer = valid({ version: 1 });
    backend.hold();
    const first = cache.verify(token);
    cache.invalidateKey(KEY_ID, { version: 1 }); // the listener hears the key's own KeyCreated
    backend.release();
    expect(await first).toMatchObject({ code: 'VALID', version: 1 });
    expect(await cache.verify(token)).toMatchObject({ code: 'VALID', version: 1 });
    expect(backend.calls).toBe(1);
  });

  it('lets a burst on a new key share one lookup though the key’s creation is heard meanwhile', async () => {
    const { backend, cache } = setup();
    backend.answer = valid({ version: 1 });
    backend.hold();
    const early = cache.verify(token);
    cache.invalidateKey(KEY_ID, { version: 1 });
    const late = cache.verify(token);
    backend.release();
    expect(await Promise.all([early, late])).toEqual([expect.objectContaining({ code: 'VALID' }), expect.objectContaining({ code: 'VALID' })]);
    expect(backend.calls).toBe(1);
  });

  it('keeps a VALID entry when it hears the very version the entry holds, and drops it for a newer one', async () => {
    const { backend, cache } = setup();
    backend.answer = valid({ version: 1 });
    await cache.verify(token);
    cache.invalidateKey(KEY_ID, { version: 1 });
    expect(await cache.verify(token)).toMatchObject({ code: 'VALID', version: 1 });
    expect(backend.calls).toBe(1);
    cache.invalidateKey(KEY_ID, { version: 2 });
    backend.answer = valid({ version: 2 });
    expect(await cache.verify(token)).toMatchObject({ code: 'VALID', version: 2 });
    expect(backend.calls).toBe(2);
    cache.invalidateKey(KEY_ID); // no version named: nothing is assumed current
    expect(await cache.verify(token)).toMatchObject({ code: 'VALID' });
    expect(backend.calls).toBe(3);
  });

  it('does not cache an answer from a lookup in flight when a newer version was heard meanwhile', async () => {
    const { backend, cache } = setup();
    backend.answer = valid({ version: 1 });
    backend.hold();
    const first = cache.verify(token);
    cache.invalidateKey(KEY_ID, { version: 2 });
    backend.release();
    expect(await first).toMatchObject({ code: 'VALID' });
    backend.answer = valid({ version: 2 });
    expect(await cache.verify(token)).toMatchObject({ code: 'VALID', version: 2 });
    expect(backend.calls).toBe(2);
  });

  it('does not join a lookup that began before an invalidation', async () => {
    const { backend, cache } = setup();
    backend.hold();
    const early = cache.verify(token);
    cache.invalidateKey(KEY_ID, { version: 2, revoked: true });
    backend.answer = { valid: false, code: 'REVOKED' };
    const late = cache.verify(token);
    backend.release();
    await early;
    expect(await late).toEqual({ valid: false, code: 'REVOKED' });
    expect(backend.calls).toBe(2);
  });

  it('refuses as REVOKED a VALID answer from a backend that has not yet applied a heard revocation', async () => {
    const { backend, cache } = setup();
    cache.invalidateKey(KEY_ID, { version: 2, revoked: true });
    backend.answer = valid({ version: 1 });
    expect(await cache.verify(token)).toEqual({ valid: false, code: 'REVOKED' });
    expect(await cache.verify(token)).toEqual({ valid: false, code: 'REVOKED' });
    expect(backend.calls).toBe(2);
  });

  it('answers but does not cache a VALID answer older than a heard update, nor one without validity metadata', async () => {
    const { backend, cache } = setup();
    cache.invalidateKey(KEY_ID, { version: 3 });
    backend.answer = valid({ version: 2 });
    expect(await cache.verify(token)).toMatchObject({ code: 'VALID' });
    await cache.verify(token);
    expect(backend.calls).toBe(2);
    backend.answer = valid({ version: undefined, validUntil: undefined });
    const { cache: other, backend: otherBackend } = setup();
    otherBackend.answer = backend.answer;
    await other.verify(token);
    await other.verify(token);
    expect(otherBackend.calls).toBe(2);
  });

  it('never keeps a VALID entry past validUntil (expiry or end of the grace period)', async () => {
    const { backend, cache, clock } = setup({ ttlMs: 60_000, maxStalenessMs: 60_000 });
    backend.answer = valid({ validUntil: new Date(T0 + 1000).toISOString() });
    await cache.verify(token);
    clock.now += 999;
    await cache.verify(token);
    expect(backend.calls).toBe(1);
    clock.now += 1;
    backend.answer = { valid: false, code: 'NOT_FOUND' };
    expect(await cache.verify(token)).toEqual({ valid: false, code: 'NOT_FOUND' });
    expect(backend.calls).toBe(2);
  });

  it('keeps a VALID entry at most ttlMs, even while the listener vouches for it', async () => {
    const { backend, cache, clock, listener } = setup({ ttlMs: 10_000, maxStalenessMs: 1000 });
    listener.since = T0 - 1;
    await cache.verify(token);
    clock.now += 9_999;
    listener.heardAt = clock.now;
    await cache.verify(token);
    expect(backend.calls).toBe(1);
    clock.now += 1;
    listener.heardAt = clock.now;
    await cache.verify(token);
    expect(backend.calls).toBe(2);
  });

  describe('staleness bound: never fail open', () => {
    it('serves a cached key while the listener has heard from Kafka within the bound', async () => {
      const { backend, cache, clock, listener } = setup({ maxStalenessMs: 1000 });
      listener.since = T0;
      await cache.verify(token);
      backend.answer = new VerificationUnavailableError('key service down');
      clock.now += 30_000;
      listener.heardAt = clock.now - 1000;
      expect(await cache.verify(token)).toMatchObject({ code: 'VALID' });
    });

    it('checks a cached key again once Kafka has been silent beyond the bound, and answers if the backend does', async () => {
      const { backend, cache, clock, listener } = setup({ maxStalenessMs: 1000 });
      listener.since = T0;
      listener.heardAt = T0;
      await cache.verify(token);
      clock.now += 1001;
      backend.answer = { valid: false, code: 'REVOKED' };
      expect(await cache.verify(token)).toEqual({ valid: false, code: 'REVOKED' });
      expect(cache.stats().refreshedStale).toBe(1);
    });

    it('fails closed once neither Kafka nor the backend has vouched for an entry within the bound', async () => {
      const { backend, cache, clock, listener } = setup({ maxStalenessMs: 1000 });
      listener.since = T0;
      listener.heardAt = T0;
      await cache.verify(token);
      backend.answer = new VerificationUnavailableError('key service down');
      clock.now += 1000;
      expect(await cache.verify(token)).toMatchObject({ code: 'VALID' });
      clock.now += 1;
      await expect(cache.verify(token)).rejects.toBeInstanceOf(VerificationUnavailableError);
    });

    it('does not let the listener vouch for entries checked before it started covering the topic', async () => {
      const { backend, cache, clock, listener } = setup({ maxStalenessMs: 1000 });
      await cache.verify(token);
      listener.since = T0 + 500;
      clock.now += 2000;
      listener.heardAt = clock.now;
      await cache.verify(token);
      expect(backend.calls).toBe(2);
      clock.now += 2000;
      listener.heardAt = clock.now;
      await cache.verify(token);
      expect(backend.calls).toBe(2);
    });

    it('turns any backend failure into VerificationUnavailableError', async () => {
      const { backend, cache } = setup();
      backend.answer = Object.assign(new Error('connection closed'), { name: 'MongoNetworkError' });
      await expect(cache.verify(token)).rejects.toBeInstanceOf(VerificationUnavailableError);
    });
  });

  it('evicts the least recently used entries beyond maxEntries', async () => {
    const { backend, cache } = setup({ maxEntries: 2 });
    const [a, b, c] = [token, formatToken(KEY_ID, newSecret()), formatToken(KEY_ID, newSecret())];
    await cache.verify(a);
    await cache.verify(b);
    await cache.verify(a);
    await cache.verify(c);
    expect(cache.stats().entries).toBe(2);
    await cache.verify(a);
    expect(backend.calls).toBe(3);
    await cache.verify(b);
    expect(backend.calls).toBe(4);
  });
});

describe('VerificationPipeline: the cache step with the read model at hand (the key service, several instances)', () => {
  const token = formatToken(KEY_ID, newSecret());

  function withReadModel() {
    const backend = new ScriptedBackend();
    const readModel = { version: 1, down: false };
    const cache = new VerificationPipeline({
      backend: { ask: () => backend.verify() },
      cache: DEFAULT_CACHE_OPTIONS,
      throttle: null,
      clock: { now: () => new Date(T0) },
      confirmVersion: async () => {
        if (readModel.down) throw new Error('store down');
        return readModel.version;
      },
    });
    return { backend, readModel, cache };
  }

  it('serves a hit while the key is still at the version it saw, without a lookup', async () => {
    const { backend, cache } = withReadModel();
    await cache.verify(token);
    expect(await cache.verify(token)).toMatchObject({ valid: true });
    expect(backend.calls).toBe(1);
  });

  it('refuses at once a key another instance revoked, before any listener hears of it', async () => {
    const { backend, readModel, cache } = withReadModel();
    await cache.verify(token);
    readModel.version = 2;
    backend.answer = { valid: false, code: 'REVOKED' };
    expect(await cache.verify(token)).toEqual({ valid: false, code: 'REVOKED' });
    expect(backend.calls).toBe(2);
  });

  it('keeps serving the cached answer while the store cannot be read (no command can change the key then)', async () => {
    const { backend, readModel, cache } = withReadModel();
    await cache.verify(token);
    readModel.down = true;
    expect(await cache.verify(token)).toMatchObject({ valid: true });
    expect(backend.calls).toBe(1);
  });

  it('shares a version read among concurrent hits, and refuses a hit that came after a revocation the read in flight predates', async () => {
    const backend = new ScriptedBackend();
    let version = 1;
    const reads: Array<() => void> = [];
    const cache = new VerificationPipeline({
      backend: { ask: () => backend.verify() },
      cache: DEFAULT_CACHE_OPTIONS,
      throttle: null,
      clock: { now: () => new Date(T0) },
      confirmVersion: (keyId) => {
        expect(keyId).toBe(KEY_ID);
        const saw = version;
        return new Promise<number>((resolve) => reads.push(() => resolve(saw)));
      },
    });
    const fill = cache.verify(token);
    await fill;
    const before = cache.verify(token); // its read starts now, at version 1
    await new Promise((resolve) => setImmediate(resolve));
    version = 2; // another instance revokes
    backend.answer = { valid: false, code: 'REVOKED' };
    const after = [cache.verify(token), cache.verify(token), cache.verify(token)];
    await new Promise((resolve) => setImmediate(resolve));
    expect(reads).toHaveLength(1);
    reads[0]();
    expect(await before).toMatchObject({ valid: true });
    await new Promise((resolve) => setImmediate(resolve));
    expect(reads).toHaveLength(2); // one read for the three that came meanwhile
    reads[1]();
    for (const verdict of await Promise.all(after)) expect(verdict).toEqual({ valid: false, code: 'REVOKED' });
  });
});
