import type { KeySignal } from '@pxxl/contracts';

/**
 * Key signals (KeyBrowserUseRefused) go to the key topic through their own
 * small durable outbox, never into a key's event stream: they change no key
 * state and must not consume a key version.
 */
export interface KeySignalOutbox {
  /**
   * Stores the signal under `dedupeId` (a second one with the same id is
   * refused: 'duplicate'), then publishes it; one not yet published is
   * retried by a sweep.
   */
  record(signal: KeySignal, dedupeId: string): Promise<'recorded' | 'duplicate'>;
}

export const KEY_SIGNAL_OUTBOX = 'KEY_SIGNAL_OUTBOX';
