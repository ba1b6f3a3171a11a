import { AttemptThrottle } from './attempt-throttle';

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
