import type { StoredCheckpoint } from './checkpoint-store.port';

/** Where signed checkpoints go outside the database: the Kafka topic `<topic>.audit-checkpoints` (kept forever) and the log. */
export interface CheckpointLog {
  publish(checkpoints: StoredCheckpoint[]): Promise<void>;
}

export const CHECKPOINT_LOG = 'CHECKPOINT_LOG';

/** The signing key and origin prefix (AUDIT_SIGNING_KEY_FILE, AUDIT_LOG_ORIGIN); `signerKey` null when none is configured. */
export interface CheckpointSettings {
  originPrefix: string;
  signerKey: string | null;
  intervalMs: number;
  /** Cosignature/v1 verifier keys of the witnesses whose cosignatures are accepted (AUDIT_WITNESS_KEYS). */
  witnessKeys: readonly string[];
}

export const CHECKPOINT_SETTINGS = 'CHECKPOINT_SETTINGS';
