import { scanEventLog, scanKeySignals, type ScannableDb } from '@pxxl/event-store';
import { AUDIT_COLLECTIONS } from './collections';

/** An event as the event store holds it, reduced to what names it. */
export interface StoredEventRef {
  eventId: string;
  keyId: string;
  workspaceId: string;
  version: number;
  type: string;
  storedAt?: Date | string | null;
}

export interface AuditEntryRef {
  eventId: string;
  keyId: string;
  workspaceId: string;
}

export interface ReconcileReport {
  ok: boolean;
  checkedAt: string;
  workspaceId: string | null;
  events: number;
  entries: number;
  /** Events of the store with no audit entry (older than the grace period). */
  missing: { count: number; items: StoredEventRef[] };
  /** Audit entries whose event is not in the store. */
  unexpected: { count: number; items: AuditEntryRef[] };
  /** Events stored within the grace period and not yet audited: on their way, not a gap. */
  inFlight: number;
}

export interface ReconcileOptions {
  now: Date;
  /** Events younger than this are still on their way to the audit consumer. */
  graceMs: number;
  /** How many missing / unexpected items to list (all are counted). */
  listLimit?: number;
  workspaceId?: string;
}

/** Pure: every stored event must have exactly one audit entry, and every entry an event. */
export function compareTrail(events: Iterable<StoredEventRef>, entries: Iterable<AuditEntryRef>, options: ReconcileOptions): ReconcileReport {
  const limit = options.listLimit ?? 100;
  const audited = new Map<string, AuditEntryRef>();
  for (const entry of entries) audited.set(entry.eventId, entry);
  const stored = new Set<string>();
  const missing: StoredEventRef[] = [];
  let missingCount = 0;
  let inFlight = 0;
  const cutoff = options.now.getTime() - options.graceMs;
  for (const event of events) {
    stored.add(event.eventId);
    if (audited.has(event.eventId)) continue;
    const storedAt = event.storedAt ? new Date(event.storedAt).getTime() : 0;
    if (storedAt > cutoff) {
      inFlight++;
      continue;
    }
    missingCount++;
    if (missing.length < limit) missing.push({ eventId: event.eventId, keyId: event.keyId, workspaceId: event.workspaceId, version: event.version, type: event.type });
  }
  const unexpected = [...audited.values()].filter((entry) => !stored.has(entry.eventId));
  return {
    ok: missingCount === 0 && unexpected.length === 0,
    checkedAt: options.now.toISOString(),
    workspaceId: options.workspaceId ?? null,
    events: stored.size,
    entries: audited.size,
    missing: { count: missingCount, items: missing },
    unexpected: { count: unexpected.length, items: unexpected.slice(0, limit) },
    inFlight,
  };
}

/** The little of a MongoDB `Db` reconciliation needs (mongoose's `connection.db` fits). */
export type ReadableDb = ScannableDb;

async function collect<T>(cursor: AsyncIterable<unknown>, map: (doc: Record<string, unknown>) => T): Promise<T[]> {
  const out: T[] = [];
  for await (const doc of cursor) out.push(map(doc as Record<string, unknown>));
  return out;
}

/**
 * Everything the key service stored that the audit trail records: the event
 * store's events, then the key signals of its outbox (refused browser use).
 */
export async function* storedEventRefs(db: ReadableDb, workspaceId?: string): AsyncGenerator<StoredEventRef> {
  for await (const event of scanEventLog(db, ['eventId', 'keyId', 'workspaceId', 'version', 'type', 'storedAt'], workspaceId)) yield event as StoredEventRef;
  for await (const { signal, storedAt } of scanKeySignals(db, workspaceId)) {
    yield { eventId: signal.eventId, keyId: signal.keyId, workspaceId: signal.workspaceId, version: signal.version, type: signal.type, storedAt };
  }
}

/**
 * Reads what the key service stored (events and key signals) and the audit
 * entries (only the fields that name an event) and compares them. Both are
 * scanned: this is an operator's check, run on demand and every few minutes,
 * not a hot path.
 */
export async function reconcileTrail(db: ReadableDb, options: ReconcileOptions): Promise<ReconcileReport> {
  const filter = options.workspaceId ? { workspaceId: options.workspaceId } : {};
  const [events, entries] = await Promise.all([
    collect(storedEventRefs(db, options.workspaceId), (doc) => doc as unknown as StoredEventRef),
    collect(db.collection(AUDIT_COLLECTIONS.entries).find(filter, { projection: { _id: 0, eventId: 1, keyId: 1, workspaceId: 1 } }), (doc) => doc as unknown as AuditEntryRef),
  ]);
  return compareTrail(events, entries, options);
}
