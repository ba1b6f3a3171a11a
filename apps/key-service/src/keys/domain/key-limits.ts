import { LIMIT_BOUNDS, parseCidr, type KeyLimits, type RateLimit, type UsageQuota } from '@pxxl/contracts';
import { KeyErrors } from './api-key.errors';
import type { KeyPolicy } from './workspace-policy';

/** What create and update may say about limits: a field absent keeps it, null lifts it. */
export type LimitsChange = Partial<KeyLimits>;

const isInt = (value: unknown, min: number, max: number): value is number => Number.isInteger(value) && (value as number) >= min && (value as number) <= max;

function checkRateLimit(value: RateLimit | null): RateLimit | null {
  if (value === null) return null;
  const { maxLimit, minWindowSeconds, maxWindowSeconds } = LIMIT_BOUNDS.rateLimit;
  if (typeof value !== 'object' || !isInt(value.limit, 1, maxLimit) || !isInt(value.windowSeconds, minWindowSeconds, maxWindowSeconds)) {
    throw KeyErrors.invalidLimit('rateLimit', `give {limit, windowSeconds}: limit an integer from 1 to ${maxLimit}, windowSeconds from ${minWindowSeconds} to ${maxWindowSeconds}`);
  }
  return { limit: value.limit, windowSeconds: value.windowSeconds };
}

function checkUsage(value: UsageQuota | null): UsageQuota | null {
  if (value === null) return null;
  const max = LIMIT_BOUNDS.usage.maxLimit;
  const refill = value?.refill ?? null;
  const refillOk = refill === null || (typeof refill === 'object' && isInt(refill.amount, 1, max) && (refill.interval === 'day' || refill.interval === 'month'));
  if (typeof value !== 'object' || !isInt(value.limit, 1, max) || !refillOk) {
    throw KeyErrors.invalidLimit('usage', `give {limit, refill?}: limit an integer from 1 to ${max}; refill null or {amount (1 to ${max}), interval ("day" or "month")}`);
  }
  return { limit: value.limit, refill: refill === null ? null : { amount: refill.amount, interval: refill.interval } };
}

function checkAllowedIps(value: string[] | null): string[] | null {
  if (value === null) return null;
  const max = LIMIT_BOUNDS.allowedIps.maxEntries;
  if (!Array.isArray(value) || value.length === 0 || value.length > max) {
    throw KeyErrors.invalidLimit('allowedIps', `give 1 to ${max} CIDRs, e.g. ["10.0.0.0/8", "2001:db8::/32"], or null to allow any address`);
  }
  const invalid = value.filter((entry) => typeof entry !== 'string' || parseCidr(entry.trim()) === null);
  if (invalid.length > 0) {
    throw KeyErrors.invalidLimit('allowedIps', 'each entry must be an IPv4 or IPv6 address or CIDR with its host bits zero, e.g. 10.0.0.0/8', {
      invalid: invalid.slice(0, 10).map((entry) => String(entry).slice(0, 60)),
    });
  }
  return [...new Set(value.map((entry) => entry.trim()))];
}

/** The limits after a change, each checked; absent fields keep their current value. */
export function applyLimitsChange(current: KeyLimits, change: LimitsChange): KeyLimits {
  return {
    rateLimit: change.rateLimit === undefined ? current.rateLimit : checkRateLimit(change.rateLimit),
    usage: change.usage === undefined ? current.usage : checkUsage(change.usage),
    allowedIps: change.allowedIps === undefined ? current.allowedIps : checkAllowedIps(change.allowedIps),
  };
}

export function hasLimits(limits: KeyLimits): boolean {
  return limits.rateLimit !== null || limits.usage !== null || limits.allowedIps !== null;
}

export function sameLimits(a: KeyLimits, b: KeyLimits): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function isLimitsChange(change: LimitsChange | undefined): change is LimitsChange {
  return change !== undefined && (change.rateLimit !== undefined || change.usage !== undefined || change.allowedIps !== undefined);
}

/** Whether `rate` lets through no more than `max`: neither a bigger burst (limit) nor a higher average rate. */
function withinRate(rate: RateLimit, max: RateLimit): boolean {
  return rate.limit <= max.limit && rate.limit * max.windowSeconds <= max.limit * rate.windowSeconds;
}

/**
 * No escalation through limits: a key's limits may be no looser than the
 * workspace policy's maxima (LIMIT_NOT_ALLOWED). A maximum set means the
 * limit is required: no limit at all is the loosest there is.
 */
export function checkLimitsAgainstPolicy(limits: KeyLimits, policy: KeyPolicy): void {
  const details = { policy: 'GET /v1/workspace/policy' };
  const max = policy.maxRateLimit;
  if (max !== null && (limits.rateLimit === null || !withinRate(limits.rateLimit, max))) {
    throw KeyErrors.limitNotAllowed(
      'rateLimit',
      `the workspace policy requires a rate limit of at most ${max.limit} per ${max.windowSeconds} s (no more per window, no higher average rate)`,
      { ...details, maxRateLimit: max },
    );
  }
  const maxUsage = policy.maxUsageLimit;
  if (maxUsage !== null && (limits.usage === null || limits.usage.limit > maxUsage || (limits.usage.refill?.amount ?? 0) > maxUsage)) {
    throw KeyErrors.limitNotAllowed('usage', `the workspace policy requires a usage quota of at most ${maxUsage} verifications (limit and refill amount)`, {
      ...details,
      maxUsageLimit: maxUsage,
    });
  }
  if (policy.requireAllowedIps && limits.allowedIps === null) {
    throw KeyErrors.limitNotAllowed('allowedIps', 'the workspace policy requires an IP allow-list (allowedIps) on every key', { ...details, requireAllowedIps: true });
  }
}
