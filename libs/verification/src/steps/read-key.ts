import type { KeyLimitsInForce } from '@pxxl/contracts';

/** The parts of a stored key that decide a verification (the read model's key view). */
export interface VerifiableKey extends Partial<KeyLimitsInForce> {
  _id: string;
  workspaceId: string;
  scopes: string[];
  status: 'active' | 'revoked';
  expiresAt: Date | null;
  secretHash: string;
  /** The rotated-out secret's hash, while its grace period may still run. */
  previousSecretHash?: string | null;
  previousSecretValidUntil: Date | null;
  /** The last event applied to the view. */
  version: number;
}

/**
 * The read step's port: one key by id, from the read model (MongoDB in
 * production: adapters/key-view-source.ts). null: no such key. Throws only
 * when the store cannot be reached.
 */
export interface KeySource {
  read(keyId: string): Promise<VerifiableKey | null>;
}
