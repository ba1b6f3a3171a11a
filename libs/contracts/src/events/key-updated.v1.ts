import type { EventEnvelope } from './envelope';

/** Only the fields that changed are present. */
export interface KeyUpdatedV1Data {
  name?: string;
  description?: string | null;
}

export type KeyUpdatedV1 = EventEnvelope<'KeyUpdated', 1, KeyUpdatedV1Data>;
