import type { VerificationResult, Verdict } from '@pxxl/contracts';
import { NO_FRESHNESS_SOURCE, type FreshnessSource } from './freshness-source';
import { InvalidationLedger, type HeardEvent } from './invalidation-ledger';

export type { HeardEvent };
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

type NegativeResult = Extract<VerificationResult, { valid: false }>;
type ValidResult = Extract<VerificationResult, { valid: true }>;

type Entry =
  | { kind: 'valid'; keyId: string; result: ValidResult; checkedAt: number; notAfter: number }
  | { kind: 'negative'; keyId: string; result: NegativeResult; notAfter: number };

const CACHED_NEGATIVES = new Set<Verdict['code']>(['NOT_FOUND', 'REVOKED', 'EXPIRED']);
const REVOKED: NegativeResult = { valid: false, code: 'REVOKED' };

/**
 * The pipeline's cache step: answers already checked, in process.
 * - keyed by an HMAC of the token (`keyOf`), never the token;
 * - single-flight (`fill`): concurrent misses on one token share one check;
 * - VALID entries live at most `ttlMs`, never past the key's expiry or the end
 *   of the grace period of the secret presented (`validUntil`), and are served
 *   only while something vouches that no revocation was missed (see `trusts`);
 * - NOT_FOUND / REVOKED / EXPIRED are kept for `negativeTtlMs`; nothing else is
 *   (a throttled refusal, a scope answer: scopes are checked after the cache);
 * - `invalidateKey` drops a key's entries at once (revocation listener, or the
 *   key service itself after a command), except VALID ones already at the
 *   version heard (hearing a key's KeyCreated after its first verification); on a revocation, tokens it had found
 *   VALID are kept as REVOKED instead (their secret was checked). A check that was in flight during an
 *   invalidation is answered but not cached, unless its answer is at or past the version heard.
 * A warm hit costs one HMAC and a map lookup: no I/O, no bcrypt.
 */
export class VerdictCache implements KeyCache {
  private readonly hasher = new TokenHasher();
  private readonly entries = new Map<string, Entry>();
  private readonly byKey = new Map<string, Set<string>>();
  private readonly flights = new Map<string, { keyId: string; promise: Promise<Verdict> }>();
  private readonly ledger = new InvalidationLedger();
  private readonly counters = { hits: 0, lookups: 0, joined: 0, refreshedStale: 0, invalidations: 0 };

  constructor(
    private readonly options: CacheOptions = DEFAULT_CACHE_OPTIONS,
    private readonly freshness: FreshnessSource = NO_FRESHNESS_SOURCE,
    private readonly now: () => number = Date.now,
  ) {}

  /** The cache key of a token: an HMAC under a key this process drew and never stores. */
  keyOf(token: string): string {
    return this.hasher.hash(token);
  }

  /** The answer kept for a token, if it is still true and vouched for; undefined: check it. */
  get(hash: string): VerificationResult | undefined {
    const entry = this.entries.get(hash);
    if (!entry) return undefined;
    const now = this.now();
    if (now >= entry.notAfter) {
      this.remove(hash);
      return undefined;
    }
    if (entry.kind === 'negative') {
      this.counters.hits++;
      return entry.result;
    }
    if (!this.trusts(entry, now)) {
      this.counters.refreshedStale++;
      return undefined;
    }
    this.counters.hits++;
    this.entries.delete(hash);
    this.entries.set(hash, entry);
    return entry.result;
  }

  /**
   * Runs `check` for a token the cache could not answer, once per burst of
   * concurrent misses on it, and keeps its answer if it is still current.
   */
  fill(hash: string, keyId: string, check: () => Promise<Verdict>): Promise<Verdict> {
    const inFlight = this.flights.get(hash);
    if (inFlight) {
      this.counters.joined++;
      return inFlight.promise;
    }
    this.counters.lookups++;
    const startedAt = this.now();
    const sequence = this.ledger.sequence;
    const flight = { keyId, promise: Promise.resolve<Verdict>(REVOKED) };
    const done = () => {
      if (this.flights.get(hash) === flight) this.flights.delete(hash);
    };
    flight.promise = check().then(
      (verdict) => {
        done();
        return this.admit(hash, keyId, verdict, startedAt, sequence);
      },
      (error: unknown) => {
        done();
        throw error;
      },
    );
    this.flights.set(hash, flight);
    return flight.promise;
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

  /** Caches a checked answer if it is still current, and returns what the caller gets. */
  private admit(hash: string, keyId: string, result: Verdict, startedAt: number, sequence: number): Verdict {
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
      // A remote answer for a key with limits holds for one request (the key service counted it).
      if (blindSince || behind || result.limited || result.version === undefined || result.validUntil === undefined) return result;
      const validUntil = result.validUntil === null ? Infinity : Date.parse(result.validUntil);
      const notAfter = Math.min(startedAt + this.options.ttlMs, validUntil);
      if (notAfter > now) this.store(hash, { kind: 'valid', keyId, result, checkedAt: startedAt, notAfter });
    } else if (CACHED_NEGATIVES.has(result.code) && !invalidatedSince) {
      this.store(hash, { kind: 'negative', keyId, result: result as NegativeResult, notAfter: now + this.options.negativeTtlMs });
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
