/**
 * Every event on the key topic and in the event store has this envelope.
 * `type` is a past-tense literal and `schemaVersion` a literal number: a
 * published shape never changes, a new shape is a new version (docs/events.md).
 */
export interface EventEnvelope<TType extends string, TVersion extends number, TData> {
  /** UUID v4; consumers dedupe by it. */
  eventId: string;
  type: TType;
  schemaVersion: TVersion;
  /** The aggregate: the public key id (also the Kafka message key). */
  keyId: string;
  workspaceId: string;
  /** Per-key sequence number, 1 for KeyCreated, +1 per event, no gaps. */
  version: number;
  /** ISO-8601 UTC. */
  occurredAt: string;
  /** Who caused it: `key:<keyId>` of the calling key, or `system`. */
  actor: string;
  data: TData;
}

export const SYSTEM_ACTOR = 'system';

export function keyActor(keyId: string): string {
  return `key:${keyId}`;
}
