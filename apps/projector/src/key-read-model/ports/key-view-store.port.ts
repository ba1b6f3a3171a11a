import type { KeyView } from '@pxxl/key-read-model';

/**
 * The verification read model, as the projector writes it. Both writes are
 * guarded, so a second projector racing on the same event cannot apply it
 * twice: an insert collides on `_id` when the view exists, an update matches
 * only the version before the event's.
 */
export interface KeyViewStore {
  find(keyId: string): Promise<KeyView | null>;
  /** False when a view with its `_id` exists already. */
  insert(view: KeyView): Promise<boolean>;
  /** False when the stored view is not at `expectedVersion` (any more). */
  updateAt(keyId: string, expectedVersion: number, set: Partial<KeyView>): Promise<boolean>;
}

export const KEY_VIEW_STORE = 'KEY_VIEW_STORE';
