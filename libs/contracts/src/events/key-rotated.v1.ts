import type { EventEnvelope } from './envelope';

export interface KeyRotatedV1Data {
  secretHash: string;
  displayPrefix: string;
  gracePeriodSeconds: number;
  /** Until when the previous secret still verifies; null when it stopped at once. */
  previousSecretValidUntil: string | null;
}

export type KeyRotatedV1 = EventEnvelope<'KeyRotated', 1, KeyRotatedV1Data>;
