import { periodGrant, usagePeriod, usagePeriodEnd, type KeyLimitsInForce, type RateLimit, type Verdict } from '@pxxl/contracts';
import { IpCheck } from './check-ip';
import type { CreditLedger } from './credit-ledger';
import { CreditPool, type PoolGrant } from './credit-pool';

type Valid = Extract<Verdict, { valid: true }>;

const MAX_KEYS = 100_000;
const DAY_MS = 86_400_000;

/** Blocks per window (rate) or period (quota): the fewer, the fewer writes; the more, the less a second instance strands. */
const RATE_BLOCKS_PER_WINDOW = 20;
const QUOTA_BLOCKS_PER_PERIOD = 50;
const MAX_QUOTA_BLOCK = 1000;

/**
 * The limit steps, after every other rule: IP allow-list, then rate limit,
 * then usage quota (docs/limits.md). Credits come from the ledger in blocks
 * (credit-pool.ts), so counting writes to the store once per block, never
 * once per verification, and no two processes ever spend the same credit:
 * - rate limit: at most `limit` VALID answers per window across every
 *   process sharing the store; a process may strand up to a block unspent,
 *   so with N processes at least `limit - (N-1)·(block-1)` are served;
 * - usage quota: exact, never more VALID answers than granted; a process
 *   gives back what it holds on shutdown, and a crash loses at most a block.
 */
export class LimitSteps {
  private readonly ip = new IpCheck();
  /** Per key: the current window's pool, its end and its reset time, computed once per window. */
  private readonly rates = new Map<string, RateState>();
  /** Per key: the current period's pool, computed once per period (or when the quota or its top-ups change). */
  private readonly quotas = new Map<string, QuotaState>();

  constructor(
    private readonly ledger: CreditLedger,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The limit steps for a VALID verdict of a key with limits. Synchronous while
   * credits are at hand (the warm path: no promise, no I/O); a promise only
   * when a pool must take its next range from the ledger.
   */
  apply(verdict: Valid, limits: KeyLimitsInForce, clientIp: string | undefined): Verdict | Promise<Verdict> {
    if (limits.allowedIps !== null) {
      const refused = this.ip.check(limits.allowedIps, clientIp);
      if (refused) return refused;
    }
    if (limits.rateLimit === null) return this.quota(verdict, limits);
    const rate = this.rateState(verdict.keyId, limits.rateLimit);
    const spent = rate.pool.trySpend() || spend(rate.pool);
    if (spent === true) return this.quota(this.withRate(verdict, rate), limits);
    return spent.then((ok) => (ok ? this.quota(this.withRate(verdict, rate), limits) : rate.denied));
  }

  /** Gives back every unspent quota credit this process holds (rate credits simply expire with their window). */
  async close(): Promise<void> {
    const pools = [...this.quotas.values()];
    this.quotas.clear();
    this.rates.clear();
    await Promise.all(pools.map(({ pool }) => pool.close()));
  }

  private quota(answer: Valid, limits: KeyLimitsInForce): Verdict | Promise<Verdict> {
    if (limits.usage === null || limits.credits === null) return answer;
    const quota = this.quotaState(answer.keyId, limits);
    const spent = quota.pool.trySpend() || spend(quota.pool);
    if (spent === true) return { ...answer, usage: { remaining: quota.pool.remainingEstimate(), refillAt: quota.refillAt } };
    return spent.then((ok) => (ok ? { ...answer, usage: { remaining: quota.pool.remainingEstimate(), refillAt: quota.refillAt } } : quota.denied));
  }

  private withRate(answer: Valid, rate: RateState): Valid {
    return { ...answer, rateLimit: { limit: rate.limit, windowSeconds: rate.windowSeconds, remaining: Math.min(rate.limit, rate.pool.remainingEstimate()), resetAt: rate.resetAt } };
  }

  private rateState(keyId: string, { limit, windowSeconds }: RateLimit): RateState {
    const now = this.now();
    const current = this.rates.get(keyId);
    if (current && now < current.end && current.limit === limit && current.windowSeconds === windowSeconds) return current;
    // A new window (or a changed limit): the old window's leftovers simply expire.
    const windowMs = windowSeconds * 1000;
    const start = Math.floor(now / windowMs) * windowMs;
    const resetAt = new Date(start + windowMs).toISOString();
    const pool = new CreditPool(
      this.ledger,
      { scope: `r:${keyId}:${windowSeconds}:${start}`, grant: limit, blockSize: Math.max(1, Math.ceil(limit / RATE_BLOCKS_PER_WINDOW)), extra: [], expiresAt: new Date(start + windowMs + 60_000) },
      this.now,
    );
    const state: RateState = { limit, windowSeconds, end: start + windowMs, resetAt, pool, denied: { valid: false, code: 'RATE_LIMITED', rateLimit: { limit, windowSeconds, remaining: 0, resetAt } } };
    bounded(this.rates, keyId, state);
    return state;
  }

  private quotaState(keyId: string, limits: KeyLimitsInForce): QuotaState {
    const now = this.now();
    const current = this.quotas.get(keyId);
    if (current && now < current.end && current.credits === limits.credits) return current;
    const grant = quotaScope(keyId, limits, new Date(now))!;
    if (current && current.scope === grant.scope) {
      // The same period and quota, with new top-ups (a new verdict after KeyCreditsAdded).
      current.pool.update(grant);
      current.credits = limits.credits;
      return current;
    }
    // A new period or quota: the old one's unspent credits go back to the ledger (of no more use either).
    if (current) void current.pool.close().catch(() => undefined);
    const { refillAt, ...poolGrant } = grant;
    const state: QuotaState = {
      scope: grant.scope,
      credits: limits.credits,
      end: refillAt === null ? Infinity : Date.parse(refillAt),
      refillAt,
      pool: new CreditPool(this.ledger, poolGrant, this.now),
      denied: { valid: false, code: 'USAGE_EXHAUSTED', usage: { remaining: 0, refillAt } },
    };
    const evicted = bounded(this.quotas, keyId, state);
    if (evicted) void evicted.pool.close().catch(() => undefined);
    return state;
  }
}

interface RateState {
  limit: number;
  windowSeconds: number;
  end: number;
  resetAt: string;
  pool: CreditPool;
  denied: Verdict;
}

interface QuotaState {
  scope: string;
  credits: KeyLimitsInForce['credits'];
  end: number;
  refillAt: string | null;
  pool: CreditPool;
  denied: Verdict;
}

/** Sets a key's state, keeping at most MAX_KEYS (the least recently set go); the one pushed out, if any. */
function bounded<T>(states: Map<string, T>, keyId: string, state: T): T | undefined {
  states.delete(keyId);
  let evicted: T | undefined;
  if (states.size >= MAX_KEYS) {
    const oldest = states.keys().next().value as string;
    evicted = states.get(oldest);
    states.delete(oldest);
  }
  states.set(keyId, state);
  return evicted;
}

/** A quota's credits now: the ledger scope of the current period, its grant and top-ups, and when it refills. */
export function quotaScope(keyId: string, limits: Pick<KeyLimitsInForce, 'usage' | 'credits'>, now: Date): (PoolGrant & { refillAt: string | null }) | null {
  if (limits.usage === null || limits.credits === null) return null;
  const period = usagePeriod(limits.usage, now);
  const end = usagePeriodEnd(period);
  const grant = periodGrant(limits.usage, period, limits.credits.firstPeriod);
  return {
    scope: `q:${keyId}:${limits.credits.epoch}:${period}`,
    grant,
    blockSize: Math.max(1, Math.min(MAX_QUOTA_BLOCK, Math.ceil(grant / QUOTA_BLOCKS_PER_PERIOD))),
    extra: limits.credits.topUps.filter((topUp) => topUp.period === period).map((topUp) => ({ start: topUp.start, end: topUp.start + topUp.amount })),
    expiresAt: end === null ? null : new Date(end.getTime() + DAY_MS),
    refillAt: end === null ? null : end.toISOString(),
  };
}

/** Credits of the current period not yet handed to any instance (held-but-unspent ones count as used). */
export async function remainingCredits(ledger: CreditLedger, keyId: string, limits: Pick<KeyLimitsInForce, 'usage' | 'credits'>, now: Date): Promise<number | null> {
  const quota = quotaScope(keyId, limits, now);
  if (quota === null) return null;
  const total = quota.grant + quota.extra.reduce((sum, range) => sum + range.end - range.start, 0);
  return Math.max(0, total - (await ledger.taken(quota.scope)));
}

async function spend(pool: CreditPool): Promise<boolean> {
  if (pool.trySpend()) return true;
  while (await pool.refill()) if (pool.trySpend()) return true;
  return false;
}
