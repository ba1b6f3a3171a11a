export interface StoredCheckpoint {
  workspaceId: string;
  size: number;
  /** The signed note, exactly as served. */
  note: string;
  signedAt: Date;
}

/** Every checkpoint signed, `_id = <workspaceId>:<size>`; one per size (Ed25519 signs a text the same way twice). */
export interface CheckpointStore {
  latest(workspaceId: string): Promise<StoredCheckpoint | null>;
  /** The checkpoint signed at this tree size, if any. */
  at(workspaceId: string, size: number): Promise<StoredCheckpoint | null>;
  save(checkpoint: StoredCheckpoint): Promise<void>;
}

export const CHECKPOINT_STORE = 'CHECKPOINT_STORE';
