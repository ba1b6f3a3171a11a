import type { EventEnvelope } from './envelope';

/**
 * Who answers for the key from this event on. A key created with an owner
 * has it as version 2, in the same append as its KeyCreated
 * (`previousOwner: null`); a later change names the owner before. A change
 * from one owner to another (or to none) makes the key "rotation due": the
 * previous owner may still hold the secret.
 */
export interface KeyOwnerChangedV1Data {
  /** `team:…`, `user:…` or `service:…` (OWNER_PATTERN), or null: no owner. */
  owner: string | null;
  previousOwner: string | null;
}

export type KeyOwnerChangedV1 = EventEnvelope<'KeyOwnerChanged', 1, KeyOwnerChangedV1Data>;
