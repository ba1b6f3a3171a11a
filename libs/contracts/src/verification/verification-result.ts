/**
 * What verifying a presented key can answer. Expected outcomes are values,
 * not exceptions; only broken infrastructure throws.
 * - NOT_FOUND covers unknown id, wrong secret and rotated-out secret alike.
 * - REVOKED and EXPIRED are reported only to a caller who presented the right secret.
 */
export type VerificationCode = 'VALID' | 'MALFORMED' | 'NOT_FOUND' | 'REVOKED' | 'EXPIRED' | 'INSUFFICIENT_SCOPE';

export interface VerifiedKey {
  keyId: string;
  workspaceId: string;
  scopes: string[];
  expiresAt: string | null;
}

/**
 * What a cache needs to keep a VALID answer no longer than it is true. Every
 * verifier in this repository sets both; a cache refuses to keep an answer
 * without them (libs/bearer-auth, docs/bearer-auth.md).
 */
export interface ValidityMetadata {
  /**
   * When this answer stops being VALID by itself: the key's expiry, or the end
   * of the grace period when a rotated-out secret was presented. null: never.
   */
  validUntil?: string | null;
  /** The key's event version the answer was computed from. */
  version?: number;
}

export type VerificationResult =
  | ({ valid: true; code: 'VALID' } & VerifiedKey & ValidityMetadata)
  | { valid: false; code: Exclude<VerificationCode, 'VALID' | 'INSUFFICIENT_SCOPE'> }
  | { valid: false; code: 'INSUFFICIENT_SCOPE'; missingScopes: string[] };

/**
 * A verification refused before any secret was checked, with when to try again:
 * the key id collected too many wrong secrets (TOO_MANY_ATTEMPTS), or the
 * caller's address too many failed attempts on key ids that do not exist
 * (TOO_MANY_FAILURES_FROM_SOURCE). A key that verifies is never refused so.
 * The edge answers it 429 with Retry-After; it is never a 200 body.
 */
export interface ThrottledVerdict {
  valid: false;
  code: 'TOO_MANY_ATTEMPTS' | 'TOO_MANY_FAILURES_FROM_SOURCE';
  retryAfterMs: number;
}

/** Everything the verification pipeline answers: a result, or a throttled refusal. */
export type Verdict = VerificationResult | ThrottledVerdict;

export function isThrottled(verdict: Verdict): verdict is ThrottledVerdict {
  return verdict.code === 'TOO_MANY_ATTEMPTS' || verdict.code === 'TOO_MANY_FAILURES_FROM_SOURCE';
}
