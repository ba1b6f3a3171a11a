import type { KeyLimits } from '../limits/key-limits';
import type { EventEnvelope } from './envelope';

/** The key's limits as they are from this event on: all three, each null when not set. */
export type KeyLimitsChangedV1Data = KeyLimits;

export type KeyLimitsChangedV1 = EventEnvelope<'KeyLimitsChanged', 1, KeyLimitsChangedV1Data>;
