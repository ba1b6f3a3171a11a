/**
 * The limits a key carries, checked on every verification (libs/verification):
 * a rate limit per window, a usage quota of successful verifications, and
 * the caller addresses it may be presented from. null: no such limit.
 */
export interface RateLimit {
  /** VALID answers per window. */
  limit: number;
  windowSeconds: number;
}

export type RefillInterval = 'day' | 'month';

export interface UsageQuota {
  /** Successful verifications allowed: in total, or in the first period when `refill` is set. */
  limit: number;
  /** Each later period (UTC calendar day or month) starts with `amount` credits. */
  refill: { amount: number; interval: RefillInterval } | null;
}

export interface KeyLimits {
  rateLimit: RateLimit | null;
  usage: UsageQuota | null;
  /** CIDRs (IPv4 and IPv6) the key may be presented from; null: anywhere. */
  allowedIps: string[] | null;
}

export const NO_LIMITS: KeyLimits = { rateLimit: null, usage: null, allowedIps: null };

export const LIMIT_BOUNDS = {
  rateLimit: { maxLimit: 1_000_000, minWindowSeconds: 1, maxWindowSeconds: 86_400 },
  usage: { maxLimit: 1_000_000_000, maxTopUp: 1_000_000_000 },
  allowedIps: { maxEntries: 50 },
} as const;

/**
 * The quota period a moment falls in: `all` without refill, else the UTC day
 * (`2026-12-02`) or month (`2026-12`). Credits are granted and counted per period.
 */
export function usagePeriod(quota: Pick<UsageQuota, 'refill'>, at: Date): string {
  if (quota.refill === null) return 'all';
  const iso = at.toISOString();
  return quota.refill.interval === 'day' ? iso.slice(0, 10) : iso.slice(0, 7);
}

/** When a period ends (the next one starts), or null for `all`. */
export function usagePeriodEnd(period: string): Date | null {
  if (period === 'all') return null;
  if (period.length === 10) return new Date(Date.parse(`${period}T00:00:00.000Z`) + 86_400_000);
  const [year, month] = period.split('-').map(Number);
  return new Date(Date.UTC(year, month, 1));
}

/** Credits a period starts with: the quota's limit in the period the quota was set in, its refill amount after. */
export function periodGrant(quota: UsageQuota, period: string, firstPeriod: string): number {
  return quota.refill === null || period === firstPeriod ? quota.limit : quota.refill.amount;
}
