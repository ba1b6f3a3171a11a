import type { KeyLimits } from '../limits/key-limits';

/**
 * What verifying a presented key can answer. Expected outcomes are values,
 * not exceptions; only broken infrastructure throws.
 * - NOT_FOUND covers unknown id, wrong secret and rotated-out secret alike.
 * - REVOKED and EXPIRED are reported only to a caller who presented the right secret.
 * - The limit codes come after every other check: only a key that would be
 *   VALID meets its IP list (IP_NOT_ALLOWED, CLIENT_IP_REQUIRED), then its rate
 *   limit (RATE_LIMITED), then its usage quota (USAGE_EXHAUSTED).
 */
export type VerificationCode =
  | 'VALID'
  | 'MALFORMED'
  | 'NOT_FOUND'
  | 'REVOKED'
  | 'EXPIRED'
  | 'INSUFFICIENT_SCOPE'
  | 'IP_NOT_ALLOWED'
  | 'CLIENT_IP_REQUIRED'
  | 'RATE_LIMITED'
  | 'USAGE_EXHAUSTED';

/** Where a key stands against its rate limit after this verification. */
export interface RateLimitState {
  limit: number;
  windowSeconds: number;
  remaining: number;
  /** ISO-8601: when the current window ends. */
  resetAt: string;
}

/** Where a key stands against its usage quota after this verification. */
export interface UsageState {
  /** Credits left in the period that no instance holds yet (docs/limits.md). */
  remaining: number;
  /** ISO-8601: when the period refills, or null for a quota without refill. */
  refillAt: string | null;
}

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

/** A key's limits as the read model holds them, with its quota's ledger keys (libs/key-read-model KeyCredits). */
export interface KeyLimitsInForce extends KeyLimits {
  credits: { epoch: number; firstPeriod: string; topUps: Array<{ period: string; start: number; amount: number }> } | null;
}

/** What a VALID answer says about the key's limits (absent: the key has none of that kind). */
export interface LimitsMetadata {
  /**
   * In process only: the key's limits, for the pipeline's limit steps. Set by
   * the read-model backend; no HTTP answer carries it.
   */
  limits?: KeyLimitsInForce;
  rateLimit?: RateLimitState;
  usage?: UsageState;
  /**
   * The key has limits, so this answer holds for this request only: a cache
   * (a remote bearer-auth guard's) must not keep it.
   */
  limited?: true;
}

export type VerificationResult =
  | ({ valid: true; code: 'VALID' } & VerifiedKey & ValidityMetadata & LimitsMetadata)
  | { valid: false; code: Exclude<VerificationCode, 'VALID' | 'INSUFFICIENT_SCOPE' | 'RATE_LIMITED' | 'USAGE_EXHAUSTED'> }
  | { valid: false; code: 'INSUFFICIENT_SCOPE'; missingScopes: string[] }
  | { valid: false; code: 'RATE_LIMITED'; rateLimit: RateLimitState }
  | { valid: false; code: 'USAGE_EXHAUSTED'; usage: UsageState };

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
