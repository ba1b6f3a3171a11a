/**
 * The in-process cache of verification answers (the verification pipeline's
 * cache step). A command drops the key's cached answers as soon as its events
 * are stored, so this instance never answers from a stale entry; other
 * instances hear it from Kafka. After a revocation, tokens it had found VALID
 * are answered REVOKED at once.
 */
export interface VerificationCache {
  invalidateKey(keyId: string, heard: { version: number; revoked: boolean }): void;
}

export const VERIFICATION_CACHE = 'VERIFICATION_CACHE';
