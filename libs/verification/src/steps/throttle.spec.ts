import type { Verdict } from '@pxxl/contracts';
import { Throttle } from './throttle';

const NOT_FOUND: Verdict = { valid: false, code: 'NOT_FOUND' };
const REVOKED: Verdict = { valid: false, code: 'REVOKED' };

function setup() {
  const clock = { now: 0 };
  const throttle = new Throttle({ maxFailuresPerKey: 3, maxFailuresPerSource: 2, windowMs: 60_000 }, () => clock.now);
  return { clock, throttle };
}

describe('Throttle', () => {
  it('given too many wrong secrets for a key id, refuses that key id as a value until its window passes', () => {
    const { clock, throttle } = setup();
    for (let i = 0; i < 3; i++) throttle.count('key-a', NOT_FOUND, false, '10.0.0.1');
    expect(throttle.refuseKey('key-a')).toEqual({ valid: false, code: 'TOO_MANY_ATTEMPTS', retryAfterMs: 60_000 });
    expect(throttle.refuseKey('key-b')).toBeNull();
    clock.now = 60_000;
    expect(throttle.refuseKey('key-a')).toBeNull();
  });

  it('given a source that asked for too many unknown key ids, refuses its unknown key ids only', () => {
    const { throttle } = setup();
    throttle.count('ghost-1', NOT_FOUND, true, '10.0.0.1');
    throttle.count('ghost-2', NOT_FOUND, true, '10.0.0.1');
    expect(throttle.refuseUnknownKey('10.0.0.1')).toEqual({ valid: false, code: 'TOO_MANY_FAILURES_FROM_SOURCE', retryAfterMs: 60_000 });
    expect(throttle.refuseUnknownKey('10.0.0.2')).toBeNull();
    expect(throttle.refuseUnknownKey(undefined)).toBeNull();
    // The key ids themselves are not refused by the source's failures.
    expect(throttle.refuseKey('real-key')).toBeNull();
  });

  it('counts only NOT_FOUND, and a wrong secret for a real key not against its source', () => {
    const { throttle } = setup();
    for (let i = 0; i < 5; i++) throttle.count('key-a', REVOKED, false, '10.0.0.1');
    for (let i = 0; i < 2; i++) throttle.count('key-b', NOT_FOUND, false, '10.0.0.1');
    expect(throttle.refuseKey('key-a')).toBeNull();
    expect(throttle.refuseUnknownKey('10.0.0.1')).toBeNull();
  });
});
