import type { EventEnvelope } from './envelope';

export interface KeyExpiredV1Data {
  /** The expiry that passed. */
  expiresAt: string;
  /** The key's owner handle, or null when it has none. */
  owner: string | null;
}

/**
 * A notice, decided by the key service's expiry scheduler (actor `system`):
 * the key's expiry has passed, so it verifies as EXPIRED. Expiry itself needs
 * no event (verification compares `expiresAt` with the clock); this one tells
 * subscribers, once per key and expiry.
 */
export type KeyExpiredV1 = EventEnvelope<'KeyExpired', 1, KeyExpiredV1Data>;
