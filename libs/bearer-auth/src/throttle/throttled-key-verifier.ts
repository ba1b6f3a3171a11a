import { parseToken, type VerificationResult } from '@pxxl/contracts';
import type { KeyVerifier } from '../verification/key-verifier';
import { AttemptThrottle } from '@pxxl/http';
import { TooManyAttemptsError } from './too-many-attempts.error';

export interface ThrottleOptions {
  /** Wrong secrets per key id and window before the key id is refused without a check (default 10). */
  maxFailuresPerKey: number;
  windowMs: number;
}

export const DEFAULT_THROTTLE_OPTIONS: ThrottleOptions = { maxFailuresPerKey: 10, windowMs: 60_000 };

/**
 * Sits between the cache and the backend: a key id that collected too many
 * wrong secrets is refused without a bcrypt check until its window passes.
 * A legitimate caller whose key is warm in the cache never reaches this
 * point, so brute force on its id does not lock it out.
 */
export class ThrottledKeyVerifier implements KeyVerifier {
  private readonly throttle: AttemptThrottle;

  constructor(
    private readonly inner: KeyVerifier,
    options: ThrottleOptions = DEFAULT_THROTTLE_OPTIONS,
    now: () => number = Date.now,
  ) {
    this.throttle = new AttemptThrottle(options.maxFailuresPerKey, options.windowMs, now);
  }

  async verify(token: string, requiredScopes: readonly string[] = []): Promise<VerificationResult> {
    const parsed = parseToken(token);
    if (!parsed.ok) return this.inner.verify(token, requiredScopes);
    const { keyId } = parsed.token;
    const wait = this.throttle.retryAfterMs(keyId);
    if (wait > 0) throw new TooManyAttemptsError(wait);
    const result = await this.inner.verify(token, requiredScopes);
    if (result.code === 'NOT_FOUND') this.throttle.recordFailure(keyId);
    return result;
  }
}
