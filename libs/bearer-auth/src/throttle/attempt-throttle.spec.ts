import { formatToken, newKeyId, newSecret, type VerificationResult } from '@pxxl/contracts';
import { AttemptThrottle } from '@pxxl/http';
import { TooManyAttemptsError } from './too-many-attempts.error';
import { ThrottledKeyVerifier } from './throttled-key-verifier';

describe('AttemptThrottle', () => {
  it('refuses a subject after the limit until its window passes', () => {
    let now = 0;
    const throttle = new AttemptThrottle(3, 60_000, () => now);
    for (let i = 0; i < 3; i++) throttle.recordFailure('k');
    expect(throttle.retryAfterMs('k')).toBe(60_000);
    now = 59_000;
    expect(throttle.retryAfterMs('k')).toBe(1_000);
    now = 60_000;
    expect(throttle.retryAfterMs('k')).toBe(0);
    expect(throttle.retryAfterMs('other')).toBe(0);
  });

  it('stays bounded under a flood of distinct subjects', () => {
    const throttle = new AttemptThrottle(1, 60_000, () => 0, 100);
    for (let i = 0; i < 1000; i++) throttle.recordFailure(`s${i}`);
    expect((throttle as unknown as { windows: Map<string, unknown> }).windows.size).toBeLessThanOrEqual(100);
  });
});

describe('ThrottledKeyVerifier', () => {
  it('checks no more secrets for a key id after too many wrong ones, and counts nothing else', async () => {
    const keyId = newKeyId();
    let checks = 0;
    const answer: VerificationResult = { valid: false, code: 'NOT_FOUND' };
    const verifier = new ThrottledKeyVerifier({ verify: async () => (checks++, answer) }, { maxFailuresPerKey: 3, windowMs: 60_000 });
    for (let i = 0; i < 3; i++) await verifier.verify(formatToken(keyId, newSecret()));
    await expect(verifier.verify(formatToken(keyId, newSecret()))).rejects.toBeInstanceOf(TooManyAttemptsError);
    expect(checks).toBe(3);
    await verifier.verify(formatToken(newKeyId(), newSecret()));
    expect(checks).toBe(4);
  });
});
