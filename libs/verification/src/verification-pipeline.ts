import { parseToken, systemClock, type Clock, type Verdict } from '@pxxl/contracts';
import { checkScopes } from './steps/check-scopes';
import { compareSecret, type SecretComparer } from './steps/compare-secret';
import { evaluateKey } from './steps/evaluate-key';
import { freshReads } from './steps/fresh-reads';
import type { FreshnessSource } from './steps/freshness-source';
import type { HeardEvent } from './steps/invalidation-ledger';
import type { KeySource } from './steps/read-key';
import { Throttle, type ThrottleOptions } from './steps/throttle';
import { VerdictCache, type CacheOptions, type KeyCache, type KeyCacheStats } from './steps/verdict-cache';
import type { CreditLedger } from './steps/credit-ledger';
import { LimitSteps } from './steps/key-limits';
import { COUNTED_OUTCOMES, type OutcomeCounter } from './steps/outcome-counter';
import { VerificationUnavailableError } from './verification-unavailable.error';

/** Where a verdict the cache cannot give comes from: the read model checked here, or the key service asked. */
export type VerificationBackend =
  /** read → compare → evaluate, in this process (the key service; services inside the trust boundary). */
  | { keys: KeySource; secrets: SecretComparer }
  /**
   * The key service's POST /v1/verify, asked without scopes (they are checked here, last) and with
   * the client's address: a key's limits are counted there, and its answers (`limited`) never cached here.
   */
  | { ask: (token: string, clientIp: string | undefined) => Promise<Verdict> };

/** Who is asking, as the edge trusts it. */
export interface VerifyContext {
  /** The address the request came from: the throttle's subject (per-source limit on unknown key ids). */
  source?: string;
  /** The address the key is presented from: checked against a key's IP allow-list. */
  clientIp?: string;
  /** Who asked, for the observer (metrics): without one the answer is not counted there. */
  path?: VerificationPath;
}

export interface VerificationPipelineOptions {
  backend: VerificationBackend;
  /** The ledger the rate-limit and quota steps take credit from; without one, keys with those limits fail closed. */
  credits?: CreditLedger;
  /** Told each verdict about a known key (VALID, the limit codes, REVOKED, EXPIRED, INSUFFICIENT_SCOPE). */
  outcomes?: OutcomeCounter;
  /** The cache step; null: every request is checked. */
  cache: CacheOptions | null;
  /** What vouches for cached VALID verdicts beyond the staleness bound (the revocation listener). */
  freshness?: FreshnessSource;
  /** The throttle step; null: none. */
  throttle: ThrottleOptions | null;
  /** Time for expiry, grace and every window. */
  clock?: Clock;
  /** Told of every answer given for a path (metrics); called on warm hits too, so it must be cheap. */
  observer?: VerificationObserver;
  /**
   * The key's current version where it is cheap to read (the key service: one `_id` read of the
   * read model, no bcrypt; VERIFY_CONFIRMS_READ_MODEL). Given, a cached VALID verdict is served
   * only while the key is still at the version it saw: a change another instance answered for
   * is enforced at once, not when this instance's revocation listener hears of it. If the read
   * fails, the cached verdict is served as before (no command can change the key meanwhile).
   * Concurrent requests for one key share reads that began after they came (steps/fresh-reads.ts).
   */
  confirmVersion?: (keyId: string) => Promise<number>;
}

/** Who asked: the key service's POST /v1/verify (`http`) or a bearer-auth guard in process (`guard`). */
export type VerificationPath = 'http' | 'guard';

export interface VerificationObserver {
  /** One answer that went past the cache: its code (`UNAVAILABLE` when the backend failed) and how long it took. */
  answered(path: VerificationPath, code: string, seconds: number): void;
  /**
   * One warm cache hit, counted every time. It takes microseconds, which two
   * clock reads would noticeably add to, so one hit in WARM_HIT_SAMPLE is
   * timed (`seconds`) and stands for the others; -1 for the rest.
   */
  hit(path: VerificationPath, code: string, seconds: number): void;
}

/** One warm hit in this many is timed for the latency histogram (weighted by it). */
export const WARM_HIT_SAMPLE = 16;

const MALFORMED: Verdict = { valid: false, code: 'MALFORMED' };
const NOT_FOUND: Verdict = { valid: false, code: 'NOT_FOUND' };
const NO_SCOPES: readonly string[] = [];
const NO_STATS: KeyCacheStats = { hits: 0, lookups: 0, joined: 0, refreshedStale: 0, invalidations: 0, entries: 0 };

/**
 * Verification, as one explicit pipeline (docs/architecture.md walks it):
 *
 *   cache → parse (format, checksum) → throttle (key id) → read → throttle (source, unknown key ids only)
 *         → compare (secret, grace) → evaluate (status, expiry) → cache fill → check scopes
 *         → limits (IP allow-list, rate limit, usage quota)
 *
 * Each step is a unit in steps/ with its own spec; this class only orders them.
 * The token is parsed once, each rule is checked once, and every denial,
 * throttling included, is a value (a Verdict) until the edge maps it to an
 * HTTP answer. Only an unreachable store or key service throws
 * (VerificationUnavailableError). The key service and @pxxl/bearer-auth both
 * run this class; the backend is the only part that differs between them.
 */
export class VerificationPipeline implements KeyCache {
  private readonly cache: VerdictCache | null;
  private readonly throttle: Throttle | null;
  private readonly backend: VerificationBackend;
  private readonly clock: Clock;
  private readonly limits: LimitSteps | null;
  private readonly outcomes: OutcomeCounter | null;
  private readonly nowMs: () => number;
  private readonly observer: VerificationObserver | undefined;
  private observedCalls = 0;
  private readonly confirmVersion: ((keyId: string) => Promise<number>) | undefined;

  constructor(options: VerificationPipelineOptions) {
    this.clock = options.clock ?? systemClock;
    const now = this.clock === systemClock ? Date.now : () => this.clock.now().getTime();
    this.cache = options.cache ? new VerdictCache(options.cache, options.freshness, now) : null;
    this.throttle = options.throttle ? new Throttle(options.throttle, now) : null;
    this.backend = options.backend;
    this.limits = options.credits ? new LimitSteps(options.credits, now) : null;
    this.outcomes = options.outcomes ?? null;
    this.nowMs = now;
    this.observer = options.observer;
    this.confirmVersion = options.confirmVersion ? freshReads(options.confirmVersion) : undefined;
  }

  /**
   * The verdict for a presented token, for these scopes, from this caller
   * (`context`: without a source no source limit applies; without a clientIp a
   * key with an IP allow-list is refused; with a `path`, the answer is counted
   * and timed by the observer).
   */
  verify(token: string, requiredScopes: readonly string[] = NO_SCOPES, context: VerifyContext = {}): Promise<Verdict> {
    const path = context.path;
    const observer = path === undefined ? undefined : this.observer;
    const sampled = observer !== undefined && ++this.observedCalls % WARM_HIT_SAMPLE === 0;
    const sampledAt = sampled ? performance.now() : 0;
    const cache = this.cache;
    const hash = cache === null ? null : cache.keyOf(token);
    const hit = hash === null ? undefined : cache!.get(hash);
    if (hit !== undefined && hit.valid && this.confirmVersion !== undefined) return this.confirmed(hit, token, hash!, requiredScopes, context);
    let waiting: Promise<Verdict> | undefined;
    if (hit !== undefined) {
      // A warm hit: one HMAC, one map lookup, the scope check. No I/O, no bcrypt.
      const scoped = checkScopes(hit, requiredScopes);
      // A limited key's limits are checked from memory too, while its pools hold credit.
      const verdict = scoped.valid && scoped.limits !== undefined ? this.limitedNow(scoped, context) : scoped;
      if (!(verdict instanceof Promise)) {
        if (verdict.valid) this.outcomes?.count(verdict.keyId, 'VALID', this.nowMs());
        else this.counted(verdict, token);
        if (observer !== undefined) observer.hit(path!, verdict.code, sampled ? (performance.now() - sampledAt) / 1000 : -1);
        return Promise.resolve(verdict);
      }
      // Its pools ran dry: this request waits for the ledger.
      waiting = verdict.catch(ledgerFailure);
    }
    // Past the cache (or a limited key's limits) every answer is timed (from here unless sampled).
    const started = sampled ? sampledAt : observer === undefined ? 0 : performance.now();
    const answer = (waiting ?? this.uncached(token, hash, requiredScopes, context)).then((verdict) => this.counted(verdict, token));
    if (observer === undefined) return answer;
    return answer.then(
      (verdict) => {
        observer.answered(path!, verdict.code, (performance.now() - started) / 1000);
        return verdict;
      },
      (error: unknown) => {
        observer.answered(path!, 'UNAVAILABLE', (performance.now() - started) / 1000);
        throw error;
      },
    );
  }

  /** A cached VALID verdict, served only while the read model still holds the key at its version. */
  private async confirmed(
    hit: Extract<Verdict, { valid: true }>,
    token: string,
    hash: string,
    requiredScopes: readonly string[],
    context: VerifyContext,
  ): Promise<Verdict> {
    let current = hit.version;
    try {
      current = await this.confirmVersion!(hit.keyId);
    } catch {
      // the store is unreachable: serve what is cached, as without the check
    }
    if (current !== hit.version) {
      this.cache?.invalidateKey(hit.keyId);
      return this.verify(token, requiredScopes, context);
    }
    const scoped = checkScopes(hit, requiredScopes);
    const verdict = scoped.valid && scoped.limits !== undefined ? await Promise.resolve(this.limitedNow(scoped, context)).catch(ledgerFailure) : scoped;
    this.counted(verdict, token);
    if (context.path !== undefined) this.observer?.answered(context.path, verdict.code, 0);
    return verdict;
  }

  /** Gives back the quota credits this process holds: Nest calls it on shutdown, before connections close. */
  async beforeApplicationShutdown(): Promise<void> {
    // A failure loses those credits (never grants extra ones): nothing to undo.
    await this.limits?.close().catch(() => undefined);
  }

  invalidateKey(keyId: string, heard?: HeardEvent): void {
    this.cache?.invalidateKey(keyId, heard);
  }

  stats(): KeyCacheStats {
    return this.cache?.stats() ?? NO_STATS;
  }

  private async uncached(token: string, hash: string | null, requiredScopes: readonly string[], context: VerifyContext): Promise<Verdict> {
    const parsed = parseToken(token);
    // Malformed tokens reach neither the store nor the cache.
    if (!parsed.ok) return MALFORMED;
    const { keyId, secret } = parsed.token;
    const check = () => this.check(keyId, secret, token, context);
    if (hash === null || this.cache === null) return this.limited(checkScopes(await check(), requiredScopes), context);
    let asked = false;
    let verdict = await this.cache.fill(hash, keyId, () => ((asked = true), check()));
    // A limited key's remote answer was counted for the request that asked: one that joined asks for itself.
    if (!asked && verdict.valid && verdict.limited) verdict = await check();
    return this.limited(checkScopes(verdict, requiredScopes), context);
  }

  /** Reports a verdict about a known key (its secret matched) to the outcome counter. */
  private counted(verdict: Verdict, token: string): Verdict {
    if (this.outcomes === null || !COUNTED_OUTCOMES.has(verdict.code as never)) return verdict;
    const keyId = verdict.valid ? verdict.keyId : parseToken(token);
    const id = typeof keyId === 'string' ? keyId : keyId.ok ? keyId.token.keyId : null;
    if (id !== null) this.outcomes.count(id, verdict.code as never, this.nowMs());
    return verdict;
  }

  /** The limit steps, for a VALID verdict of a key that has limits; the rest pass as they are. */
  private async limited(verdict: Verdict, context: VerifyContext): Promise<Verdict> {
    if (!verdict.valid || verdict.limits === undefined) return verdict;
    return Promise.resolve(this.limitedNow(verdict, context)).catch(ledgerFailure);
  }

  /** The limit steps without waiting when credit is at hand: a verdict now, or a promise when the ledger must be asked. */
  private limitedNow(verdict: Extract<Verdict, { valid: true }>, context: VerifyContext): Verdict | Promise<Verdict> {
    if (this.limits === null) return Promise.reject(new VerificationUnavailableError('this key has limits, and no credit ledger is configured to count them'));
    return this.limits.apply(verdict, verdict.limits!, context.clientIp);
  }

  private async check(keyId: string, secret: string, token: string, context: VerifyContext): Promise<Verdict> {
    const { source } = context;
    const refused = this.throttle?.refuseKey(keyId);
    if (refused) return refused;
    let verdict: Verdict;
    let unknownKey = false;
    try {
      if ('ask' in this.backend) {
        verdict = await this.backend.ask(token, context.clientIp);
      } else {
        const key = await this.backend.keys.read(keyId);
        if (key === null) {
          unknownKey = true;
          const refusedSource = this.throttle?.refuseUnknownKey(source);
          if (refusedSource) return refusedSource;
          await this.backend.secrets.spendOne(secret);
          verdict = NOT_FOUND;
        } else {
          const now = this.clock.now();
          verdict = evaluateKey(key, await compareSecret(secret, key, now, this.backend.secrets), now);
        }
      }
    } catch (error) {
      if (error instanceof VerificationUnavailableError) throw error;
      throw new VerificationUnavailableError(`the key store failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    this.throttle?.count(keyId, verdict, unknownKey, source);
    return verdict;
  }
}

/** A failing credit ledger is an outage, never a denial. */
function ledgerFailure(error: unknown): never {
  throw error instanceof VerificationUnavailableError ? error : new VerificationUnavailableError(`the credit ledger failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}
