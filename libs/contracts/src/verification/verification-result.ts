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

export type VerificationResult =
  | ({ valid: true; code: 'VALID' } & VerifiedKey)
  | { valid: false; code: Exclude<VerificationCode, 'VALID' | 'INSUFFICIENT_SCOPE'> }
  | { valid: false; code: 'INSUFFICIENT_SCOPE'; missingScopes: string[] };
