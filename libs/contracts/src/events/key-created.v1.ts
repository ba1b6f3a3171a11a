import type { EventEnvelope } from './envelope';

export interface KeyCreatedV1Data {
  name: string;
  description: string | null;
  scopes: string[];
  /** ISO-8601, or null for a non-expiring key (only where workspace policy allows it). */
  expiresAt: string | null;
  /** bcrypt hash of the secret part of the token: for the projector, never the plaintext. */
  secretHash: string;
  /** `pxxl_<keyId>_<4 chars>`: recognisable, never usable. */
  displayPrefix: string;
}

export type KeyCreatedV1 = EventEnvelope<'KeyCreated', 1, KeyCreatedV1Data>;
