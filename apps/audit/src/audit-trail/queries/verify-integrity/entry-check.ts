import { hashRecord, type ChainBreak } from '@pxxl/audit-trail';
import type { StoredEntry } from '../../ports';

/** Stable codes for an `audit_entries` document that disagrees with the chain. */
export type EntryBreakReason = 'ENTRY_ALTERED' | 'ENTRY_MISSING' | 'ENTRY_NOT_IN_CHAIN' | 'ENTRY_WITHOUT_EVENT';

export interface EntryBreak extends Omit<ChainBreak, 'reason' | 'seq'> {
  reason: EntryBreakReason;
  /** null for a document that claims no chain position at all. */
  seq: number | null;
}

const about = (entry: { eventId?: unknown; keyId?: unknown; type?: unknown; occurredAt?: unknown }) => ({
  eventId: typeof entry.eventId === 'string' ? entry.eventId : undefined,
  keyId: typeof entry.keyId === 'string' ? entry.keyId : undefined,
  type: typeof entry.type === 'string' ? entry.type : undefined,
  occurredAt: entry.occurredAt instanceof Date ? entry.occurredAt.toISOString() : typeof entry.occurredAt === 'string' ? entry.occurredAt : undefined,
});

function parse(line: string): Record<string, unknown> {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/**
 * The queryable entries must be exactly the chain's records: walks both in
 * seq order side by side (memory flat) and reports the first disagreement:
 * an entry whose content no longer hashes to its chain record (ENTRY_ALTERED),
 * a chain record without its entry (ENTRY_MISSING: deleted from what
 * reviewers query), an entry the chain does not hold (ENTRY_NOT_IN_CHAIN:
 * inserted). `entries` must come sorted by seq, those without one first.
 */
export async function checkEntriesAgainstChain(
  records: AsyncIterable<{ seq: number; line: string }>,
  entries: AsyncIterable<StoredEntry>,
  options: { inFlight?: (entry: StoredEntry) => boolean } = {},
): Promise<{ checked: number; firstBroken?: EntryBreak }> {
  const recordIterator = records[Symbol.asyncIterator]();
  const entryIterator = entries[Symbol.asyncIterator]();
  const nextEntry = async (): Promise<StoredEntry | null> => {
    for (;;) {
      const step = await entryIterator.next();
      if (step.done) return null;
      // An entry committed after the chain was read is not a disagreement.
      if (options.inFlight?.(step.value)) continue;
      return step.value;
    }
  };
  const nextRecord = async () => {
    const step = await recordIterator.next();
    return step.done ? null : step.value;
  };
  let record = await nextRecord();
  let entry = await nextEntry();
  let checked = 0;
  let firstBroken: EntryBreak | undefined;
  const found = (problem: EntryBreak) => {
    if (!firstBroken || (problem.seq !== null && (firstBroken.seq === null || problem.seq < firstBroken.seq))) firstBroken = problem;
  };
  while (record || entry) {
    const entrySeq = entry && Number.isInteger(entry.seq) ? (entry.seq as number) : null;
    if (entry && entrySeq === null) {
      found({ reason: 'ENTRY_NOT_IN_CHAIN', seq: null, ...about(entry), message: `entry ${String(entry.eventId)} claims no position in the chain: it was added outside the audit writer` });
      entry = await nextEntry();
    } else if (record && (!entry || record.seq < entrySeq!)) {
      const content = parse(record.line);
      found({ reason: 'ENTRY_MISSING', seq: record.seq, ...about(content), message: `the chain holds entry ${String(content.eventId)} (seq ${record.seq}) but the queryable trail lost it` });
      record = await nextRecord();
    } else if (entry && (!record || entrySeq! < record.seq)) {
      found({ reason: 'ENTRY_NOT_IN_CHAIN', seq: entrySeq, ...about(entry), message: `entry ${String(entry.eventId)} (seq ${entrySeq}) is not in the chain: it was added outside the audit writer` });
      entry = await nextEntry();
    } else {
      checked++;
      const content = parse(record!.line);
      if (entry!.eventId !== content.eventId || entry!.hash !== content.hash || hashRecord(entry!) !== content.hash) {
        found({ reason: 'ENTRY_ALTERED', seq: entrySeq, ...about(entry!), message: `entry ${String(entry!.eventId)} (seq ${entrySeq}) differs from its record in the chain: it was changed` });
      }
      record = await nextRecord();
      entry = await nextEntry();
    }
  }
  return { checked, ...(firstBroken ? { firstBroken } : {}) };
}
