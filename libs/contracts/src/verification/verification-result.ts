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
