import type { ThrottledVerdict, Verdict } from '@pxxl/contracts';
import { AttemptThrottle } from './attempt-throttle';

export interface ThrottleOptions {
  /** Wrong secrets per key id and window before the key id is refused without a check (default 10). */
  maxFailuresPerKey: number;
  /**
   * Checks of key ids that do not exist, per source address and window, after which a source's
   * further unknown key ids are refused without spending a comparison (default 100).
   */
  maxFailuresPerSource: number;
  windowMs: number;
}

export const DEFAULT_THROTTLE_OPTIONS: ThrottleOptions = { maxFailuresPerKey: 10, maxFailuresPerSource: 100, windowMs: 60_000 };

/**
 * The throttle step: failing checks cost a bcrypt comparison each, so the
 * subjects that collect too many are refused without one, as a value
 * (a ThrottledVerdict the edge answers 429), never as an exception.
 * - per key id: a key id with too many wrong secrets is refused, whoever asks;
 *   a caller whose key is warm in the cache never reaches this step;
 * - per source address: a source that asked for too many key ids that do not
 *   exist is refused for unknown key ids only. A key id that exists is still
 *   checked, so a key that verifies is never refused by its neighbours'
 *   failures behind a shared address (load balancer, sidecar, egress).
 * Per instance and in memory: nothing is written on the hot path.
 */
export class Throttle {
  private readonly byKey: AttemptThrottle;
  private readonly bySource: AttemptThrottle;

  constructor(options: ThrottleOptions = DEFAULT_THROTTLE_OPTIONS, now: () => number = Date.now) {
    this.byKey = new AttemptThrottle(options.maxFailuresPerKey, options.windowMs, now);
    this.bySource = new AttemptThrottle(options.maxFailuresPerSource, options.windowMs, now);
  }

  /** Before the read: is this key id being guessed at? */
  refuseKey(keyId: string): ThrottledVerdict | null {
    return refusal('TOO_MANY_ATTEMPTS', this.byKey.retryAfterMs(keyId));
  }

  /** After a read found no such key: has this source asked for too many of those? */
  refuseUnknownKey(source: string | undefined): ThrottledVerdict | null {
    return source === undefined ? null : refusal('TOO_MANY_FAILURES_FROM_SOURCE', this.bySource.retryAfterMs(source));
  }

  /**
   * Counts a checked NOT_FOUND against its key id, and against its source when
   * the key id does not exist (`unknownKey`; a wrong secret for a real key is
   * the key id's business only).
   */
  count(keyId: string, verdict: Verdict, unknownKey: boolean, source: string | undefined): void {
    if (verdict.code !== 'NOT_FOUND') return;
    this.byKey.recordFailure(keyId);
    if (unknownKey && source !== undefined) this.bySource.recordFailure(source);
  }
}

function refusal(code: ThrottledVerdict['code'], retryAfterMs: number): ThrottledVerdict | null {
  return retryAfterMs > 0 ? { valid: false, code, retryAfterMs } : null;
}
