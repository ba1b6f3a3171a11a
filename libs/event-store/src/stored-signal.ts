import type { KeySignal } from '@pxxl/contracts';

export const KEY_SIGNALS_COLLECTION = 'key_signals';

/**
 * One key signal in its outbox: the caller's dedupe id as `_id` (a second
 * signal of the same id collides), the signal as published, and `publishedAt`
 * null until it is on the key topic.
 */
export interface StoredSignal {
  _id: string;
  signal: KeySignal;
  storedAt: Date;
  publishedAt: Date | null;
}
