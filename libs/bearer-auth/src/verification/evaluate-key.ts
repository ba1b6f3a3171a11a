import { missingScopes, type VerificationResult } from '@pxxl/contracts';

/** The parts of a key view that decide a verification. */
export interface VerifiableKey {
  _id: string;
  workspaceId: string;
  scopes: string[];
  status: 'active' | 'revoked';
  expiresAt: Date | null;
  previousSecretValidUntil: Date | null;
  /** The last event applied to the view. */
  version: number;
}

/** Which stored secret the presented one matched, if any. */
export type SecretMatch = 'current' | 'previous' | 'none';

/**
 * Pure verification rules. REVOKED and EXPIRED are answered only to a caller
 * who presented a matching secret, so they reveal nothing to a guesser.
 * A VALID answer says until when it holds by itself (`validUntil`: expiry, or
 * the end of the grace period for a rotated-out secret) and which version of
 * the key it saw, so that a cache never keeps it longer than it is true.
 */
export function evaluateKey(
  view: VerifiableKey | null,
  match: SecretMatch,
  now: Date,
  requiredScopes: readonly string[] = [],
): VerificationResult {
  if (view === null || match === 'none') return { valid: false, code: 'NOT_FOUND' };
  if (match === 'previous' && !(view.previousSecretValidUntil && view.previousSecretValidUntil > now)) {
    return { valid: false, code: 'NOT_FOUND' };
  }
  if (view.status === 'revoked') return { valid: false, code: 'REVOKED' };
  if (view.expiresAt !== null && view.expiresAt <= now) return { valid: false, code: 'EXPIRED' };
  const missing = missingScopes(view.scopes, requiredScopes);
  if (missing.length > 0) return { valid: false, code: 'INSUFFICIENT_SCOPE', missingScopes: missing };
  const validUntil = earliest(view.expiresAt, match === 'previous' ? view.previousSecretValidUntil : null);
  return {
    valid: true,
    code: 'VALID',
    keyId: view._id,
    workspaceId: view.workspaceId,
    scopes: view.scopes,
    expiresAt: view.expiresAt ? view.expiresAt.toISOString() : null,
    validUntil: validUntil ? validUntil.toISOString() : null,
    version: view.version,
  };
}

function earliest(a: Date | null, b: Date | null): Date | null {
  if (a === null) return b;
  if (b === null) return a;
  return a <= b ? a : b;
}
