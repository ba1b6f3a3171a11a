import type { Verdict } from '@pxxl/contracts';
import type { VerifyContext } from '@pxxl/verification';

/**
 * What the guard, the key service and apps call: the verification pipeline
 * (@pxxl/verification) as this module composed it. Every expected outcome is
 * a Verdict, throttling included; only broken infrastructure throws
 * (VerificationUnavailableError).
 */
export interface KeyVerifier {
  /** With a `context.path`, the answer is counted in pxxl_keys_verifications_total (docs/operations.md). */
  verify(token: string, requiredScopes?: readonly string[], context?: VerifyContext): Promise<Verdict>;
}

export const KEY_VERIFIER = 'KEY_VERIFIER';
/** The same pipeline's cache: `invalidateKey`, `stats` (KeyCache of @pxxl/verification). */
export const KEY_CACHE = 'KEY_CACHE';
