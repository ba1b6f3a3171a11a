import type { EventEnvelope } from './envelope';

/** A top-up of the key's usage quota: `amount` more successful verifications in `period` (`all`, a UTC day or month). */
export interface KeyCreditsAddedV1Data {
  amount: number;
  period: string;
}

export type KeyCreditsAddedV1 = EventEnvelope<'KeyCreditsAdded', 1, KeyCreditsAddedV1Data>;
