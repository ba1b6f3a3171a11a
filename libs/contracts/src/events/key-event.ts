import type { KeyCreatedV1 } from './key-created.v1';
import type { KeyRevokedV1 } from './key-revoked.v1';
import type { KeyRotatedV1 } from './key-rotated.v1';
import type { KeyUpdatedV1 } from './key-updated.v1';
import type { KeyLimitsChangedV1 } from './key-limits-changed.v1';
import type { KeyCreditsAddedV1 } from './key-credits-added.v1';
import type { KeyExpiringV1 } from './key-expiring.v1';
import type { KeyExpiredV1 } from './key-expired.v1';
import type { KeyOwnerChangedV1 } from './key-owner-changed.v1';

/** The current (latest-version) shape of every key event; upcasting yields these. */
export type KeyEvent = KeyCreatedV1 | KeyRotatedV1 | KeyRevokedV1 | KeyUpdatedV1 | KeyLimitsChangedV1 | KeyCreditsAddedV1 | KeyExpiringV1 | KeyExpiredV1 | KeyOwnerChangedV1;
export type KeyEventType = KeyEvent['type'];
export const KEY_EVENT_TYPES: readonly KeyEventType[] = ['KeyCreated', 'KeyRotated', 'KeyRevoked', 'KeyUpdated', 'KeyLimitsChanged', 'KeyCreditsAdded', 'KeyExpiring', 'KeyExpired', 'KeyOwnerChanged'];

/** The payload part of an event, before the envelope is put around it. */
export type KeyEventData<T extends KeyEventType = KeyEventType> = Extract<KeyEvent, { type: T }>['data'];

/** What a decision produces: a type and its data; the envelope is added when it is stored. */
export type DecidedEvent = { [T in KeyEventType]: { type: T; data: KeyEventData<T> } }[KeyEventType];

export interface EnvelopeFields {
  eventId: string;
  keyId: string;
  workspaceId: string;
  version: number;
  occurredAt: string;
  actor: string;
}

/** Puts the envelope around a decided event; every event type is at schemaVersion 1 today. */
export function envelopeEvent(decided: DecidedEvent, fields: EnvelopeFields): KeyEvent {
  return { ...fields, type: decided.type, schemaVersion: 1, data: decided.data } as KeyEvent;
}
