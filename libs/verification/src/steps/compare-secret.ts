import type { VerifiableKey } from './read-key';

/** Which stored secret the presented one matched, if any. */
export type SecretMatch = 'current' | 'previous' | 'none';

/** The compare step's port: a slow hash comparison (bcrypt in production: adapters/bcrypt-secret-comparer.ts). */
export interface SecretComparer {
  matches(secret: string, hash: string): Promise<boolean>;
  /** Spends one comparison's time for a key id that does not exist, so that it looks like a wrong secret. */
  spendOne(secret: string): Promise<void>;
}

/**
 * Compares the presented secret with the key's current secret, then with the
 * rotated-out one only while its grace period runs: the one place the grace
 * deadline is checked. At most two comparisons.
 */
export async function compareSecret(secret: string, key: VerifiableKey, now: Date, comparer: SecretComparer): Promise<SecretMatch> {
  if (await comparer.matches(secret, key.secretHash)) return 'current';
  const inGrace = key.previousSecretHash && key.previousSecretValidUntil !== null && key.previousSecretValidUntil > now;
  if (inGrace && (await comparer.matches(secret, key.previousSecretHash as string))) return 'previous';
  return 'none';
}
