/**
 * The in-process cache of verification answers. A command forgets the key's
 * cached answers as soon as its events are stored, so this instance never
 * answers from a stale entry; other instances hear it from Kafka.
 */
export interface VerificationCache {
  forget(keyId: string, version: number, revoked: boolean): void;
}

export const VERIFICATION_CACHE = 'VERIFICATION_CACHE';
