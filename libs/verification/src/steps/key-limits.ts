import { periodGrant, usagePeriod, usagePeriodEnd, type KeyLimitsInForce, type Verdict } from '@pxxl/contracts';
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
  private readonly rates = new Map<string, { scope: string; pool: CreditPool }>();
  private readonly quotas = new Map<string, { scope: string; pool: CreditPool }>();

  constructor(
    private readonly ledger: CreditLedger,
    private readonly now: () => number = Date.now,
  ) {}

  async apply(verdict: Valid, limits: KeyLimitsInForce, clientIp: string | undefined): Promise<Verdict> {
    if (limits.allowedIps !== null) {
      const refused = this.ip.check(limits.allowedIps, clientIp);
      if (refused) return refused;
    }
    let answer: Valid = verdict;
    if (limits.rateLimit !== null) {
      const { limit, windowSeconds } = limits.rateLimit;
      const windowMs = windowSeconds * 1000;
      const windowStart = Math.floor(this.now() / windowMs) * windowMs;
      const resetAt = new Date(windowStart + windowMs).toISOString();
      const pool = this.pool(this.rates, verdict.keyId, {
        scope: `r:${verdict.keyId}:${windowSeconds}:${windowStart}`,
        grant: limit,
        blockSize: Math.max(1, Math.ceil(limit / RATE_BLOCKS_PER_WINDOW)),
        extra: [],
        expiresAt: new Date(windowStart + windowMs + 60_000),
      });
      if (!(await spend(pool))) return { valid: false, code: 'RATE_LIMITED', rateLimit: { limit, windowSeconds, remaining: 0, resetAt } };
      answer = { ...answer, rateLimit: { limit, windowSeconds, remaining: Math.min(limit, pool.remainingEstimate()), resetAt } };
    }
    const quota = quotaScope(verdict.keyId, limits, new Date(this.now()));
    if (quota !== null) {
      const { refillAt, ...grant } = quota;
      const pool = this.pool(this.quotas, verdict.keyId, grant);
      if (!(await spend(pool))) return { valid: false, code: 'USAGE_EXHAUSTED', usage: { remaining: 0, refillAt } };
      answer = { ...answer, usage: { remaining: pool.remainingEstimate(), refillAt } };
    }
    return answer;
  }

  /** Gives back every unspent quota credit this process holds (rate credits simply expire with their window). */
  async close(): Promise<void> {
    const pools = [...this.quotas.values()];
    this.quotas.clear();
    this.rates.clear();
    await Promise.all(pools.map(({ pool }) => pool.close()));
  }

  private pool(pools: Map<string, { scope: string; pool: CreditPool }>, keyId: string, grant: PoolGrant): CreditPool {
    const current = pools.get(keyId);
    if (current && current.scope === grant.scope) {
      current.pool.update(grant);
      return current.pool;
    }
    // A new window, period or quota: a rate window's leftovers simply expire; a quota's unspent
    // credits go back to the ledger (a changed quota starts a new epoch, so they are of no more use either).
    if (current && pools === this.quotas) void current.pool.close().catch(() => undefined);
    if (pools.size >= MAX_KEYS) {
      const oldest = pools.keys().next().value as string;
      void pools.get(oldest)?.pool.close().catch(() => undefined);
      pools.delete(oldest);
    }
    const pool = new CreditPool(this.ledger, grant, this.now);
    pools.delete(keyId);
    pools.set(keyId, { scope: grant.scope, pool });
    return pool;
  }
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
