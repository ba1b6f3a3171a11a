import type { RateLimit, UsageQuota } from '@pxxl/client';
import { isOn, list, text, UsageError, type ParsedArgs } from '../args';

// The limit flags of "keys create" and "keys update" (docs/limits.md).

export const LIMIT_FLAGS = ['rate-limit', 'usage-limit', 'usage-refill', 'allowed-ip', 'no-rate-limit', 'no-usage-limit', 'no-allowed-ips'];

export const LIMIT_HELP = `  --rate-limit   at most N VALID answers per window: 100/60s, 5000/1h, 10/1s
  --usage-limit  at most N VALID answers in all (or in the first period with --usage-refill)
  --usage-refill each later UTC day or month starts with N: 500/day, 10000/month
  --allowed-ip   an IPv4/IPv6 CIDR the key may be used from (repeat it, or comma-separate)`;

export const LIFT_HELP = `  --no-rate-limit, --no-usage-limit, --no-allowed-ips   lift that limit`;

const WINDOW_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

function rateLimit(args: ParsedArgs): RateLimit | undefined {
  const value = text(args, 'rate-limit');
  if (value === undefined) return undefined;
  const match = /^(\d+)\/(\d+)([smhd])$/.exec(value);
  if (!match) throw new UsageError('--rate-limit is N per window, e.g. 100/60s, 5000/1h');
  return { limit: Number(match[1]), windowSeconds: Number(match[2]) * WINDOW_UNITS[match[3]] };
}

function usage(args: ParsedArgs): UsageQuota | undefined {
  const limit = text(args, 'usage-limit');
  const refill = text(args, 'usage-refill');
  if (limit === undefined) {
    if (refill !== undefined) throw new UsageError('--usage-refill goes with --usage-limit');
    return undefined;
  }
  if (!/^\d+$/.test(limit)) throw new UsageError('--usage-limit must be a whole number');
  if (refill === undefined) return { limit: Number(limit), refill: null };
  const match = /^(\d+)\/(day|month)$/.exec(refill);
  if (!match) throw new UsageError('--usage-refill is N per day or month, e.g. 500/day');
  return { limit: Number(limit), refill: { amount: Number(match[1]), interval: match[2] as 'day' | 'month' } };
}

/** The limits the flags name; on update, --no-… lifts one (sent as null). Absent flags are left out. */
export function limitsFrom(args: ParsedArgs): { rateLimit?: RateLimit | null; usage?: UsageQuota | null; allowedIps?: string[] | null } {
  const limits: { rateLimit?: RateLimit | null; usage?: UsageQuota | null; allowedIps?: string[] | null } = {};
  const both = (set: string, lift: string) => {
    if (args.flags[set] !== undefined && isOn(args, lift)) throw new UsageError(`give --${set} or --${lift}, not both`);
  };
  both('rate-limit', 'no-rate-limit');
  both('usage-limit', 'no-usage-limit');
  both('allowed-ip', 'no-allowed-ips');
  const rate = rateLimit(args);
  if (rate !== undefined) limits.rateLimit = rate;
  else if (isOn(args, 'no-rate-limit')) limits.rateLimit = null;
  const quota = usage(args);
  if (quota !== undefined) limits.usage = quota;
  else if (isOn(args, 'no-usage-limit')) limits.usage = null;
  const ips = list(args, 'allowed-ip');
  if (ips.length > 0) limits.allowedIps = ips;
  else if (isOn(args, 'no-allowed-ips')) limits.allowedIps = null;
  return limits;
}

/** "100 per 60 s", "1000, 500 a day (740 left)", "10.0.0.0/8 2001:db8::/32", or "-". */
export function describeKeyLimits(key: { rateLimit: RateLimit | null; usage: (UsageQuota & { remaining: number | null }) | null; allowedIps: string[] | null }): {
  rate: string;
  quota: string;
  ips: string;
} {
  const rate = key.rateLimit ? `${key.rateLimit.limit} per ${key.rateLimit.windowSeconds} s` : '-';
  const quota = key.usage
    ? `${key.usage.limit}${key.usage.refill ? `, then ${key.usage.refill.amount} a ${key.usage.refill.interval}` : ''}${key.usage.remaining === null ? '' : ` (${key.usage.remaining} left)`}`
    : '-';
  return { rate, quota, ips: key.allowedIps ? key.allowedIps.join(' ') : 'any' };
}
