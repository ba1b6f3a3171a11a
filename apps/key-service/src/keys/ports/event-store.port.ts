import type { KeyEvent } from '@pxxl/contracts';

/** The key event store: the source of truth. One document per event, `_id = <keyId>:<version>`. */
export interface EventStore {
  /** All events of one key in version order (empty when the key does not exist). */
  load(keyId: string): Promise<KeyEvent[]>;
  /** Appends events; throws ConcurrencyError when one of their versions already exists. */
  append(events: KeyEvent[]): Promise<void>;
  /** Every stored event's stream position, streamed (admin checks only: a full scan). */
  scanHeads(): AsyncIterable<{ keyId: string; version: number; published: boolean }>;
}

export const EVENT_STORE = 'EVENT_STORE';

export class ConcurrencyError extends Error {
  readonly code = 'CONCURRENT_MODIFICATION';
  constructor(readonly keyId: string, readonly version: number) {
    super(`another change to key ${keyId} was stored first (version ${version} exists)`);
    this.name = 'ConcurrencyError';
  }
}
