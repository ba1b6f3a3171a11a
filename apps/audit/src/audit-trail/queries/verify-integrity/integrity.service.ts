import { Inject, Injectable } from '@nestjs/common';
import { ChainVerifier, type ChainBreak, type ChainHeadRef } from '@pxxl/audit-trail';
import { CLOCK, type Clock } from '@pxxl/contracts';
import { AUDIT_ENTRY_STORE, CHAIN_STORE, EVENT_LOG_READER, type AuditEntryStore, type ChainStore, type EventLogReader, type StoredEntry } from '../../ports';
import { ChainReader } from '../shared/chain-reader';
import { checkEntriesAgainstChain, type EntryBreak } from './entry-check';

/** How recent an entry past the end of the chain must be to count as on its way. */
const IN_FLIGHT_MS = 60_000;

export interface IntegrityRequest {
  fromSeq?: number;
  toSeq?: number;
  /** occurredAt ≥ from */
  from?: Date;
  /** occurredAt < to */
  to?: Date;
  /** A head published earlier: the chain must still hold it. */
  anchor?: ChainHeadRef;
}

export interface IntegrityReport {
  ok: boolean;
  workspaceId: string;
  /** Chain records verified (hash and link). */
  checked: number;
  /** Queryable entries compared with their chain record. */
  entriesChecked: number;
  range: { fromSeq: number; toSeq: number } | null;
  head: { seq: number; hash: string } | null;
  anchor?: 'matched' | 'broken' | 'not-in-range';
  firstBrokenEntry?: Omit<ChainBreak | EntryBreak, 'reason' | 'message'>;
  /** A stable code (docs/audit.md), with `message` saying it in words. */
  reason?: string;
  message?: string;
}

/**
 * Proves a workspace's trail intact, or names the first entry where it is
 * not: the chain (positions, hashes, links, head, a published head), the
 * queryable entries against it, and every entry against the event store.
 * Reads stream; only the workspace's event ids are held in memory.
 */
@Injectable()
export class IntegrityService {
  constructor(
    @Inject(CHAIN_STORE) private readonly chain: ChainStore,
    private readonly reader: ChainReader,
    @Inject(AUDIT_ENTRY_STORE) private readonly entries: AuditEntryStore,
    @Inject(EVENT_LOG_READER) private readonly eventLog: EventLogReader,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async check(workspaceId: string, request: IntegrityRequest): Promise<IntegrityReport> {
    const head = await this.chain.headRef(workspaceId);
    const base = { workspaceId, head: head ? { seq: head.seq, hash: head.hash } : null };
    const reachesEnd = request.toSeq === undefined && request.to === undefined;
    const range = await this.resolveRange(workspaceId, request);
    // Nothing in the range (no entry in [from, to), or fromSeq after toSeq): nothing to break.
    if (range === null) {
      return { ok: true, ...base, checked: 0, entriesChecked: 0, range: null, ...(request.anchor ? { anchor: 'not-in-range' as const } : {}) };
    }
    const fromSeq = range?.fromSeq ?? 1;
    // One record before the range, so that its first link is checked too.
    const startSeq = Math.max(1, fromSeq - 1);
    const verifier = new ChainVerifier({ workspaceId, head, anchor: request.anchor, trustFirstLink: startSeq > 1 });
    let lastSeq = 0;
    for await (const { seq, line } of this.reader.records(workspaceId, { fromSeq: startSeq, toSeq: reachesEnd ? undefined : range?.toSeq })) {
      verifier.push(line);
      lastSeq = seq;
    }
    const chainReport = verifier.finish({ reachedEnd: reachesEnd });
    const toSeq = reachesEnd ? lastSeq : range!.toSeq;

    // Open-ended: entries past the chain's end must show up too (as not in the chain).
    const entries = this.entries.bySeq(workspaceId, fromSeq, reachesEnd ? undefined : toSeq);
    // An entry written after the chain was read is on its way, not a break.
    const recent = this.clock.now().getTime() - IN_FLIGHT_MS;
    const inFlight = (entry: StoredEntry) => reachesEnd && Number(entry.seq) > toSeq && new Date(entry.recordedAt as Date).getTime() >= recent;
    const entryReport = await checkEntriesAgainstChain(this.reader.records(workspaceId, { fromSeq, toSeq }), entries, { inFlight });
    const eventReport = await this.checkEventsExist(workspaceId, fromSeq, toSeq);

    const breaks = [chainReport.firstBrokenEntry, entryReport.firstBroken, eventReport].filter((b): b is ChainBreak | EntryBreak => b !== undefined);
    breaks.sort((a, b) => (a.seq ?? Number.MAX_SAFE_INTEGER) - (b.seq ?? Number.MAX_SAFE_INTEGER));
    return this.answer(
      { ...base, checked: chainReport.checked, entriesChecked: entryReport.checked, range: { fromSeq, toSeq }, anchor: chainReport.anchor },
      breaks[0],
    );
  }

  /**
   * An entry whose event (or key signal) the key service never stored was written outside
   * the audit writer, whatever its hashes say: appending a well-formed record
   * after the end of the chain is the one insertion the chain alone cannot show.
   */
  private async checkEventsExist(workspaceId: string, fromSeq: number, toSeq: number): Promise<EntryBreak | undefined> {
    const stored = new Set<string>();
    for await (const eventId of this.eventLog.storedEventIds(workspaceId)) stored.add(eventId);
    for await (const entry of this.entries.placedBetween(workspaceId, fromSeq, toSeq)) {
      if (stored.has(String(entry.eventId))) continue;
      return {
        reason: 'ENTRY_WITHOUT_EVENT',
        seq: entry.seq as number,
        eventId: String(entry.eventId),
        keyId: String(entry.keyId),
        type: String(entry.type),
        occurredAt: new Date(entry.occurredAt as Date).toISOString(),
        message: `entry ${String(entry.eventId)} (seq ${String(entry.seq)}) has no event in the key service's event store: it was added outside the audit writer`,
      };
    }
    return undefined;
  }

  private answer(report: Omit<IntegrityReport, 'ok'>, broken: ChainBreak | EntryBreak | undefined): IntegrityReport {
    const anchor = report.anchor === undefined ? {} : { anchor: report.anchor };
    if (!broken) return { ok: true, ...report, ...anchor };
    const { reason, message, ...entry } = broken;
    return { ok: false, ...report, ...anchor, firstBrokenEntry: entry, reason, message };
  }

  /** The seq range to check: given directly, or the records whose occurredAt falls in [from, to). Null: nothing in it. */
  private async resolveRange(workspaceId: string, request: IntegrityRequest): Promise<{ fromSeq: number; toSeq: number } | null> {
    const fromSeq = request.fromSeq ?? 1;
    const toSeq = request.toSeq ?? Number.MAX_SAFE_INTEGER;
    if (request.from === undefined && request.to === undefined) return fromSeq <= toSeq ? { fromSeq, toSeq } : null;
    let first: number | null = null;
    let final: number | null = null;
    for await (const { seq, line } of this.reader.records(workspaceId, { fromSeq, toSeq })) {
      const at = occurredAt(line);
      if (at === null || (request.from && at < request.from) || (request.to && at >= request.to)) continue;
      first ??= seq;
      final = seq;
    }
    return first === null || final === null ? null : { fromSeq: first, toSeq: final };
  }
}

function occurredAt(line: string): Date | null {
  try {
    const at = new Date(String((JSON.parse(line) as { occurredAt?: unknown }).occurredAt));
    return Number.isNaN(at.getTime()) ? null : at;
  } catch {
    return null;
  }
}
