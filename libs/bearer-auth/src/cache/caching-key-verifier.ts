import { missingScopes, parseToken, type VerificationResult } from '@pxxl/contracts';
import type { KeyVerifier } from '../verification/key-verifier';
import { TooManyAttemptsError } from '../throttle/too-many-attempts.error';
import { VerificationUnavailableError } from '../verification/verification-unavailable.error';
import { NO_FRESHNESS_SOURCE, type FreshnessSource } from './freshness-source';
import { InvalidationLedger, type HeardEvent } from './invalidation-ledger';
import { TokenHasher } from './token-hasher';

export interface CacheOptions {
  /** Longest life of a VALID entry; it is shorter when the key expires or its grace period ends first. */
  ttlMs: number;
  /** Life of a NOT_FOUND, REVOKED or EXPIRED entry. */
  negativeTtlMs: number;
  /** Entries kept; the least recently used go first. */
  maxEntries: number;
  /**
   * How long a VALID entry may be served without a way to learn of its
   * revocation: neither re-checked by the backend nor covered by a live
   * revocation listener. Past it the key is checked again, and if the
   * backend is unreachable too the answer is 503 (never a stale 200).
   */
  maxStalenessMs: number;
}

export const DEFAULT_CACHE_OPTIONS: CacheOptions = {
  ttlMs: 5 * 60_000,
  negativeTtlMs: 2_000,
  maxEntries: 10_000,
  maxStalenessMs: 5_000,
};

export interface KeyCacheStats {
  /** Answers served from the cache: no I/O, no bcrypt. */
  hits: number;
  /** Lookups sent to the backend (one per burst of concurrent misses on one token). */
  lookups: number;
  /** Requests that joined a lookup already in flight for the same token. */
  joined: number;
  /** VALID entries checked again because nothing vouched for them any longer. */
  refreshedStale: number;
  invalidations: number;
  entries: number;
}

/** What the key service and the revocation listener call when a key changes. */
export interface KeyCache {
  /**
   * Drops every cached answer about the key, at once. With `heard`, also
   * remembers the key's new version for a while, so that a backend answer
   * older than it is not cached (and a VALID one is refused if the key was revoked).
   */
  invalidateKey(keyId: string, heard?: HeardEvent): void;
  stats(): KeyCacheStats;
}

export const KEY_CACHE = 'KEY_CACHE';

type NegativeResult = Extract<VerificationResult, { valid: false }>;
type ValidResult = Extract<VerificationResult, { valid: true }>;

type Entry =
  | { kind: 'valid'; keyId: string; result: ValidResult; checkedAt: number; notAfter: number }
  | { kind: 'negative'; keyId: string; result: NegativeResult; notAfter: number };

const CACHED_NEGATIVES = new Set<VerificationResult['code']>(['NOT_FOUND', 'REVOKED', 'EXPIRED']);
const MALFORMED: VerificationResult = { valid: false, code: 'MALFORMED' };
const REVOKED: NegativeResult = { valid: false, code: 'REVOKED' };

/**
 * Decorates any KeyVerifier with an in-process cache:
 * - keyed by an HMAC of the token, never the token;
 * - single-flight: concurrent misses on one token share one backend lookup;
 * - VALID entries live at most `ttlMs`, never past the key's expiry or the end
 *   of the grace period of the secret presented (`validUntil`), and are served
 *   only while something vouches that no revocation was missed (see `trusts`);
 * - NOT_FOUND / REVOKED / EXPIRED are kept for `negativeTtlMs`;
 * - `invalidateKey` drops a key's entries at once (revocation listener, or the
 *   key service itself after a command), except VALID ones already at the
 *   version heard (hearing a key's KeyCreated after its first verification); on a revocation, tokens it had found
 *   VALID are kept as REVOKED instead (their secret was checked). A lookup that was in flight during an
 *   invalidation is answered but not cached, unless its answer is at or past the version heard.
 * A warm hit costs one HMAC and a map lookup: no I/O, no bcrypt.
 */
export class CachingKeyVerifier implements KeyVerifier, KeyCache {
  private readonly hasher = new TokenHasher();
  private readonly entries = new Map<string, Entry>();
  private readonly byKey = new Map<string, Set<string>>();
  private readonly flights = new Map<string, { keyId: string; promise: Promise<VerificationResult> }>();
  private readonly ledger: InvalidationLedger;
  private readonly counters = { hits: 0, lookups: 0, joined: 0, refreshedStale: 0, invalidations: 0 };

  constructor(
    private readonly inner: KeyVerifier,
    private readonly options: CacheOptions = DEFAULT_CACHE_OPTIONS,
    private readonly freshness: FreshnessSource = NO_FRESHNESS_SOURCE,
    private readonly now: () => number = Date.now,
    /**
     * The key's current version where it is cheap to read (the key service: one `_id` lookup in
     * the read model, no bcrypt). Given, a VALID hit is served only while the key is still at the
     * version the entry saw: a change another instance answered for is seen at once, not when
     * this instance's listener hears of it. If the read fails, the entry is served as before.
     */
    private readonly currentVersion?: (keyId: string) => Promise<number>,
  ) {
    this.ledger = new InvalidationLedger();
  }

  async verify(token: string, requiredScopes: readonly string[] = []): Promise<VerificationResult> {
    const now = this.now();
    const hash = this.hasher.hash(token);
    const entry = this.entries.get(hash);
    if (entry) {
      if (now >= entry.notAfter) {
        this.remove(hash);
      } else if (entry.kind === 'negative') {
        this.counters.hits++;
        return entry.result;
      } else if (!this.trusts(entry, now)) {
        this.counters.refreshedStale++;
      } else if (await this.stillCurrent(entry)) {
        this.counters.hits++;
        this.entries.delete(hash);
        this.entries.set(hash, entry);
        return withScopes(entry.result, requiredScopes);
      }
    }
    // Malformed tokens never reach the backend, nor the cache.
    const parsed = parseToken(token);
    if (!parsed.ok) return MALFORMED;
    const result = await this.lookup(hash, parsed.token.keyId, token);
    return result.valid ? withScopes(result, requiredScopes) : result;
  }

  invalidateKey(keyId: string, heard?: HeardEvent): void {
    const now = this.now();
    this.counters.invalidations++;
    this.ledger.record(keyId, now, heard);
    // A revocation is final, and a VALID entry proves its token's secret was right:
    // those tokens are answered REVOKED from here on, with no lookup (and no bcrypt).
    const revokedTokens = heard?.revoked ? [...(this.byKey.get(keyId) ?? [])].filter((hash) => this.entries.get(hash)?.kind === 'valid') : [];
    // A VALID answer already at (or past) the version heard stays: the event is the one it reflects.
    const keepFrom = heard && !heard.revoked ? heard.version : Infinity;
    const kept = new Set<string>();
    for (const hash of this.byKey.get(keyId) ?? []) {
      const entry = this.entries.get(hash);
      if (entry?.kind === 'valid' && (entry.result.version ?? 0) >= keepFrom) kept.add(hash);
      else this.entries.delete(hash);
    }
    if (kept.size > 0) this.byKey.set(keyId, kept);
    else this.byKey.delete(keyId);
    for (const hash of revokedTokens) this.store(hash, { kind: 'negative', keyId, result: REVOKED, notAfter: now + this.options.ttlMs });
    // Later requests must not join a lookup that began before the change, unless the change is the
    // key's creation: nothing older than it exists to be answered (a NOT_FOUND it may still bring is
    // not cached, see admit).
    const creation = heard !== undefined && heard.version === 1 && !heard.revoked;
    if (!creation) for (const [hash, flight] of this.flights) if (flight.keyId === keyId) this.flights.delete(hash);
  }

  stats(): KeyCacheStats {
    return { ...this.counters, entries: this.entries.size };
  }

  /**
   * A VALID entry is served while its answer is vouched for: it was checked by
   * the backend within the staleness bound, or it was checked after the
   * revocation listener started covering the topic and the listener has
   * heard from Kafka within the bound (so a revocation would have dropped it).
   */
  private trusts(entry: Extract<Entry, { kind: 'valid' }>, now: number): boolean {
    const bound = this.options.maxStalenessMs;
    if (now - entry.checkedAt <= bound) return true;
    return entry.checkedAt >= this.freshness.coveredSince() && now - this.freshness.lastHeardAt() <= bound;
  }

  private async stillCurrent(entry: Extract<Entry, { kind: 'valid' }>): Promise<boolean> {
    if (!this.currentVersion) return true;
    let version: number;
    try {
      version = await this.currentVersion(entry.keyId);
    } catch {
      return true; // the store is unreachable: no command can change the key meanwhile either
    }
    if (version === entry.result.version) return true;
    this.invalidateKey(entry.keyId);
    return false;
  }

  private lookup(hash: string, keyId: string, token: string): Promise<VerificationResult> {
    const inFlight = this.flights.get(hash);
    if (inFlight) {
      this.counters.joined++;
      return inFlight.promise;
    }
    this.counters.lookups++;
    const startedAt = this.now();
    const sequence = this.ledger.sequence;
    const flight = { keyId, promise: Promise.resolve(MALFORMED) };
    flight.promise = this.inner.verify(token).then(
      (result) => {
        if (this.flights.get(hash) === flight) this.flights.delete(hash);
        return this.admit(hash, keyId, result, startedAt, sequence);
      },
      (error: unknown) => {
        if (this.flights.get(hash) === flight) this.flights.delete(hash);
        // A refusal to check (brute-force throttle) is an answer, not an outage.
        if (error instanceof VerificationUnavailableError || error instanceof TooManyAttemptsError) throw error;
        throw new VerificationUnavailableError(`the key store failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      },
    );
    this.flights.set(hash, flight);
    return flight.promise;
  }

  /** Caches a backend answer if it is still current, and returns what the caller gets. */
  private admit(hash: string, keyId: string, result: VerificationResult, startedAt: number, sequence: number): VerificationResult {
    const now = this.now();
    const heard = this.ledger.get(keyId, now);
    const invalidatedSince = heard !== undefined && heard.seq > sequence;
    if (result.valid) {
      const behind = heard !== undefined && (result.version ?? 0) < heard.version;
      // The secret matched, and the listener has heard a revocation the backend has not applied yet.
      if (behind && heard.revoked) return { valid: false, code: 'REVOKED' };
      // An event heard during the lookup makes its answer stale only if the answer predates it
      // (`behind`; hearing a key's KeyCreated while its first lookup runs changes nothing), or if
      // it named no version.
      const blindSince = heard !== undefined && heard.blindSeq > sequence;
      if (blindSince || behind || result.version === undefined || result.validUntil === undefined) return result;
      const validUntil = result.validUntil === null ? Infinity : Date.parse(result.validUntil);
      const notAfter = Math.min(startedAt + this.options.ttlMs, validUntil);
      if (notAfter > now) this.store(hash, { kind: 'valid', keyId, result, checkedAt: startedAt, notAfter });
    } else if (CACHED_NEGATIVES.has(result.code) && !invalidatedSince) {
      this.store(hash, { kind: 'negative', keyId, result, notAfter: now + this.options.negativeTtlMs });
    }
    return result;
  }

  private store(hash: string, entry: Entry): void {
    this.remove(hash);
    while (this.entries.size >= this.options.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.remove(oldest.value);
    }
    this.entries.set(hash, entry);
    let hashes = this.byKey.get(entry.keyId);
    if (!hashes) this.byKey.set(entry.keyId, (hashes = new Set()));
    hashes.add(hash);
  }

  private remove(hash: string): void {
    const entry = this.entries.get(hash);
    if (!entry) return;
    this.entries.delete(hash);
    const hashes = this.byKey.get(entry.keyId);
    hashes?.delete(hash);
    if (hashes?.size === 0) this.byKey.delete(entry.keyId);
  }
}

function withScopes(result: ValidResult, requiredScopes: readonly string[]): VerificationResult {
  if (requiredScopes.length === 0) return result;
  const missing = missingScopes(result.scopes, requiredScopes);
  return missing.length > 0 ? { valid: false, code: 'INSUFFICIENT_SCOPE', missingScopes: missing } : result;
}
