export interface StoredCosignature {
  workspaceId: string;
  /** The tree size and root hash (base64) of the checkpoint it cosigns: a checkpoint signed again over a rewritten tree of the same size is another checkpoint. */
  size: number;
  root: string;
  /** `<name>+<key hash>` of the witness. */
  witness: string;
  /** The C2SP signature line, with its newline, exactly as the witness wrote it. */
  line: string;
  /** The POSIX time the witness signed. */
  timestamp: number;
  receivedAt: Date;
}

/** Cosignatures of signed checkpoints, one per checkpoint and witness (a witness that cosigns again keeps its first). */
export interface CosignatureStore {
  /** Keeps it unless this witness's cosignature of that checkpoint is already kept. */
  add(cosignature: StoredCosignature): Promise<void>;
  /** The cosignatures of one checkpoint by the given witnesses, in their order; missing ones left out. */
  of(workspaceId: string, size: number, root: string, witnesses: readonly string[]): Promise<StoredCosignature[]>;
}

export const COSIGNATURE_STORE = 'COSIGNATURE_STORE';
