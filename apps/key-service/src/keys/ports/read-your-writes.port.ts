import type { KeyEvent } from '@pxxl/contracts';

/**
 * Read-your-writes against the verification read model, whose writer is the
 * projector: a command answers once verification reflects its change.
 */
export interface ReadYourWrites {
  /**
   * Puts a new key's view in the read model now, exactly as the projector
   * will (same projection function, over the KeyCreated and the limits stored with it). Only ever an insert: it never overwrites,
   * so whichever of the two writers comes second changes nothing, and every
   * later change of the view stays the projector's alone. true once the view
   * is in place.
   */
  showCreated(events: KeyEvent[]): Promise<boolean>;
  /** true once the read model holds `version` (or later) of the key; false when `timeoutMs` passes first. */
  waitForVersion(keyId: string, version: number, timeoutMs: number): Promise<boolean>;
}

export const READ_YOUR_WRITES = 'READ_YOUR_WRITES';
