import type { AuditEntry } from '../../ports';

/** An entry as the reviewer API shows it. */
export interface AuditEntryView {
  eventId: string;
  type: string;
  /** null for workspace events (WorkspacePolicyChanged). */
  keyId: string | null;
  keyName: string | null;
  version: number;
  actor: string;
  occurredAt: string;
  recordedAt: string;
  summary: string;
  details: Record<string, unknown>;
  chain: { seq: number; prevHash: string; hash: string };
}

export function toEntryView(entry: AuditEntry): AuditEntryView {
  return {
    eventId: entry.eventId,
    type: entry.type,
    keyId: entry.keyId,
    keyName: entry.keyName,
    version: entry.version,
    actor: entry.actor,
    occurredAt: new Date(entry.occurredAt).toISOString(),
    recordedAt: new Date(entry.recordedAt).toISOString(),
    summary: entry.summary,
    details: entry.details,
    chain: { seq: entry.seq, prevHash: entry.prevHash, hash: entry.hash },
  };
}
