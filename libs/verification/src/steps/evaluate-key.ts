import type { KeyLimitsInForce, VerificationResult } from '@pxxl/contracts';
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
  const limits = limitsOf(key);
  return {
    ...(limits === null ? {} : { limits }),
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

/** The key's limits for the limit steps, or null when it has none (views projected before limits existed have no fields). */
function limitsOf(key: VerifiableKey): KeyLimitsInForce | null {
  const limits: KeyLimitsInForce = { rateLimit: key.rateLimit ?? null, usage: key.usage ?? null, allowedIps: key.allowedIps ?? null, credits: key.credits ?? null };
  return limits.rateLimit === null && limits.usage === null && limits.allowedIps === null ? null : limits;
}

function earliest(a: Date | null, b: Date | null): Date | null {
  if (a === null) return b;
  if (b === null) return a;
  return a <= b ? a : b;
}
