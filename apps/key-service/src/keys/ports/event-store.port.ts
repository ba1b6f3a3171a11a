import type { StreamEvent } from '@pxxl/contracts';

/**
 * The event store: the source of truth. One document per event,
 * `_id = <streamId>:<version>`; a stream is one key (streamId = keyId) or one
 * workspace's policy (streamId = `policy:<workspaceId>`).
 */
export interface EventStore {
  /** All events of one stream in version order (empty when the stream does not exist). */
  load(streamId: string): Promise<StreamEvent[]>;
  /** Appends events; throws ConcurrencyError when one of their versions already exists. */
  append(events: StreamEvent[]): Promise<void>;
  /** Every stored event's stream position, streamed (admin checks only: a full scan); keyId null for workspace events. */
  scanHeads(): AsyncIterable<{ keyId: string | null; version: number; published: boolean }>;
}

export const EVENT_STORE = 'EVENT_STORE';

/** What an append throws when another writer stored one of its versions first (the event store's own error). */
export { ConcurrencyError } from '@pxxl/event-store';
