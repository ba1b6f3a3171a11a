import { NO_LIMITS } from '@pxxl/contracts';
import { checkLimitsAgainstPolicy } from './key-limits';
import { DEFAULT_KEY_POLICY, type KeyPolicy } from './workspace-policy';

const policy = (overrides: Partial<KeyPolicy>): KeyPolicy => ({ ...DEFAULT_KEY_POLICY, ...overrides });
const refused = (run: () => void) => {
  try {
    run();
  } catch (error) {
    return { code: (error as { code: string }).code, field: (error as { details: { field: string } }).details.field };
  }
  return null;
};

describe('limits against the workspace policy maxima (no escalation)', () => {
  const max = policy({ maxRateLimit: { limit: 100, windowSeconds: 60 } });

  it('accepts any limits, or none, when the policy sets no maxima', () => {
    expect(refused(() => checkLimitsAgainstPolicy(NO_LIMITS, DEFAULT_KEY_POLICY))).toBeNull();
  });

  it('accepts a rate limit with no bigger limit and no higher average rate than the maximum', () => {
    for (const rateLimit of [{ limit: 100, windowSeconds: 60 }, { limit: 10, windowSeconds: 6 }, { limit: 100, windowSeconds: 3600 }]) {
      expect(refused(() => checkLimitsAgainstPolicy({ ...NO_LIMITS, rateLimit }, max))).toBeNull();
    }
  });

  it('refuses a missing rate limit, a bigger burst, or a higher average rate with LIMIT_NOT_ALLOWED', () => {
    for (const rateLimit of [null, { limit: 101, windowSeconds: 3600 }, { limit: 100, windowSeconds: 59 }, { limit: 10, windowSeconds: 1 }]) {
      expect(refused(() => checkLimitsAgainstPolicy({ ...NO_LIMITS, rateLimit }, max))).toEqual({ code: 'LIMIT_NOT_ALLOWED', field: 'rateLimit' });
    }
  });

  it('holds the usage quota (limit and refill) to maxUsageLimit and requires one when it is set', () => {
    const quota = policy({ maxUsageLimit: 1000 });
    expect(refused(() => checkLimitsAgainstPolicy({ ...NO_LIMITS, usage: { limit: 1000, refill: { amount: 500, interval: 'day' } } }, quota))).toBeNull();
    for (const usage of [null, { limit: 1001, refill: null }, { limit: 10, refill: { amount: 1001, interval: 'day' as const } }]) {
      expect(refused(() => checkLimitsAgainstPolicy({ ...NO_LIMITS, usage }, quota))).toEqual({ code: 'LIMIT_NOT_ALLOWED', field: 'usage' });
    }
  });

  it('requires an IP allow-list when the policy says so', () => {
    const ips = policy({ requireAllowedIps: true });
    expect(refused(() => checkLimitsAgainstPolicy(NO_LIMITS, ips))).toEqual({ code: 'LIMIT_NOT_ALLOWED', field: 'allowedIps' });
    expect(refused(() => checkLimitsAgainstPolicy({ ...NO_LIMITS, allowedIps: ['10.0.0.0/8'] }, ips))).toBeNull();
  });
});
