import type { AuditRecord } from '@pxxl/audit-trail';
import type { EventCursor, EventFilters, EventOrder } from '../domain/event-query';

/** An entry as stored for queries: its sealed record, dates as Dates, `_id = eventId` so redelivery cannot duplicate it. */
export type AuditEntry = Omit<AuditRecord, 'occurredAt' | 'recordedAt'> & {
  _id: string;
  occurredAt: Date;
  recordedAt: Date;
};

/** A stored entry as the integrity check reads it: nothing trusted, every field may have been tampered with. */
export interface StoredEntry {
  eventId?: unknown;
  keyId?: unknown;
  type?: unknown;
  occurredAt?: unknown;
  recordedAt?: unknown;
  seq?: unknown;
  hash?: unknown;
}


export interface PlacedEntryRef {
  eventId: string;
  keyId: string | null;
  type: string;
  occurredAt: Date;
  seq: number;
}

/** The queryable trail (`audit_entries`, one entry per event) and the key names the writer remembers. */
export interface AuditEntryStore {
  isRecorded(eventId: string): Promise<boolean>;
  /** Inserts the entry of a sealed record; false when an entry with its eventId is there already. */
  insert(record: AuditRecord): Promise<boolean>;
  /** Where the entry of an event sits in the chain, or null when it has none. */
  positionOf(eventId: string): Promise<{ seq: number; hash: string } | null>;
  /** The latest known name of a key, or null when none is known. */
  nameOf(keyId: string): Promise<string | null>;
  rememberName(keyId: string, name: string): Promise<void>;

  /** A workspace's entries matching the filters, in page order, strictly after `after`; at most `limit`. */
  page(workspaceId: string, filters: EventFilters, page: { order: EventOrder; limit: number; after?: EventCursor }): Promise<AuditEntry[]>;
  /** A key's entries within a workspace, oldest first. */
  timeline(workspaceId: string, keyId: string): Promise<AuditEntry[]>;
  /** The entries of a workspace that occurred in [from, to). */
  occurredIn(workspaceId: string, from: Date, to: Date): Promise<AuditEntry[]>;
  /**
   * Entries of a workspace in seq order, those claiming no seq first, for the
   * check against the chain: seq in `fromSeq..toSeq`, or from `fromSeq` on
   * when `toSeq` is omitted. Streamed.
   */
  bySeq(workspaceId: string, fromSeq: number, toSeq?: number): AsyncIterable<StoredEntry>;
  /** The entries placed at `fromSeq..toSeq`, in seq order, reduced to what names their event. Streamed. */
  placedBetween(workspaceId: string, fromSeq: number, toSeq: number): AsyncIterable<PlacedEntryRef>;
}

export const AUDIT_ENTRY_STORE = 'AUDIT_ENTRY_STORE';
