import type { Verdict } from '@pxxl/contracts';

/**
 * The verification pipeline (@pxxl/verification), as the use cases see it:
 * a verdict for a presented token, throttling and limits included. `source`
 * is the requesting address (the per-source limit on unknown key ids),
 * `clientIp` the address the key is presented from (its IP allow-list).
 * Throws only when keys cannot be checked (VerificationUnavailableError).
 */
export interface KeyVerification {
  /** `path` 'http' counts the answer as one of POST /v1/verify's (metrics). */
  verify(token: string, requiredScopes?: readonly string[], context?: { source?: string; clientIp?: string; path?: 'http' }): Promise<Verdict>;
}

export const KEY_VERIFICATION = 'KEY_VERIFICATION';
