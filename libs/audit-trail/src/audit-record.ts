import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/**
 * One entry of the audit trail as the chain seals it, and as one line of an
 * NDJSON export carries it. Never a plaintext key, never a hash of one.
 */
export interface AuditRecord {
  /** Position in the workspace's chain: 1, 2, 3, … without gaps. */
  seq: number;
  /** `hash` of the record at `seq - 1`; GENESIS_HASH for seq 1. */
  prevHash: string;
  /** SHA-256 (hex) of the canonical JSON of every other field of this record. */
  hash: string;
  eventId: string;
  type: string;
  schemaVersion: number;
  /** null for workspace events (WorkspacePolicyChanged). */
  keyId: string | null;
  workspaceId: string;
  /** The key's version after the event. */
  version: number;
  /** The key's name at the time of the event; null for workspace events. */
  keyName: string | null;
  actor: string;
  occurredAt: string;
  recordedAt: string;
  summary: string;
  /** The event's data minus secret material. */
  details: Record<string, unknown>;
  /** Where the audit consumer read the event. */
  source: { partition: number; offset: string };
}

export type UnsealedRecord = Omit<AuditRecord, 'seq' | 'prevHash' | 'hash'>;

/** The `prevHash` of the first record of every chain. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The hash of a record: SHA-256 over the canonical JSON of all its fields
 * except `hash` itself (and a database `_id`, which only repeats eventId).
 * Works for a parsed export line and for a stored document with Date fields alike.
 */
export function hashRecord(record: object): string {
  const { hash: _hash, _id: _ignored, ...content } = record as Record<string, unknown>;
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

/** Puts a record at a position of its chain. */
export function sealRecord(unsealed: UnsealedRecord, position: { seq: number; prevHash: string }): AuditRecord {
  const withPosition = { ...unsealed, seq: position.seq, prevHash: position.prevHash };
  return { ...withPosition, hash: hashRecord(withPosition) } as AuditRecord;
}

/** The record as stored in the chain and written to an NDJSON export: canonical JSON, one line. */
export function recordLine(record: AuditRecord): string {
  return canonicalJson(record);
}

export function parseRecordLine(line: string): AuditRecord {
  return JSON.parse(line) as AuditRecord;
}
