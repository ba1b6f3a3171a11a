import type { VerificationResult } from '@pxxl/contracts';
import type { SecretMatch } from './compare-secret';
import type { VerifiableKey } from './read-key';

/**
 * The evaluate step, pure: status and expiry, once each. REVOKED and EXPIRED
 * are answered only to a caller who presented a matching secret, so they
 * reveal nothing to a guesser. A VALID answer says until when it holds by
 * itself (`validUntil`: expiry, or the end of the grace period for a
 * rotated-out secret) and which version of the key it saw, so that a cache
 * never keeps it longer than it is true. Scopes are checked after the cache
 * (check-scopes.ts), the grace deadline by the compare step.
 */
export function evaluateKey(key: VerifiableKey | null, match: SecretMatch, now: Date): VerificationResult {
  if (key === null || match === 'none') return { valid: false, code: 'NOT_FOUND' };
  if (key.status === 'revoked') return { valid: false, code: 'REVOKED' };
  if (key.expiresAt !== null && key.expiresAt <= now) return { valid: false, code: 'EXPIRED' };
  const validUntil = earliest(key.expiresAt, match === 'previous' ? key.previousSecretValidUntil : null);
  return {
    valid: true,
    code: 'VALID',
    keyId: key._id,
    workspaceId: key.workspaceId,
    scopes: key.scopes,
    expiresAt: key.expiresAt ? key.expiresAt.toISOString() : null,
    validUntil: validUntil ? validUntil.toISOString() : null,
    version: key.version,
  };
}

function earliest(a: Date | null, b: Date | null): Date | null {
  if (a === null) return b;
  if (b === null) return a;
  return a <= b ? a : b;
}
