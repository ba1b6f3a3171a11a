import type { EventEnvelope } from './envelope';

export interface KeyRevokedV1Data {
  /** Free text from the operator, or `deleted` / `leaked` for those flows. */
  reason: string | null;
}

export type KeyRevokedV1 = EventEnvelope<'KeyRevoked', 1, KeyRevokedV1Data>;
