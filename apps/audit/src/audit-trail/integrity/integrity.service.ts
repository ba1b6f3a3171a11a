import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ChainVerifier, type ChainBreak, type ChainHeadRef } from '@pxxl/audit-trail';
import type { Model } from 'mongoose';
import { AuditEntryDoc } from '../audit-entry.schema';
import { ChainStore } from '../chain/chain-store';
import { checkEntriesAgainstChain, type EntryBreak, type StoredEntry } from './entry-check';

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
 * not: the chain (positions, hashes, links, head, a published head) and the
 * queryable entries against it. Reads stream; nothing is held but counters.
 */
@Injectable()
export class IntegrityService {
  constructor(
    private readonly chain: ChainStore,
    @InjectModel(AuditEntryDoc.name) private readonly entries: Model<AuditEntryDoc>,
  ) {}

  async check(workspaceId: string, request: IntegrityRequest): Promise<IntegrityReport> {
    const rawHead = await this.chain.head(workspaceId);
    const head = await this.chain.committedHead(workspaceId);
    const range = await this.resolveRange(workspaceId, request, head);
    const base = { workspaceId, head: head ? { seq: head.seq, hash: head.hash } : null };
    const reachesEnd = request.toSeq === undefined && request.to === undefined;
    if (range === null && (request.from || request.to)) {
      return { ok: true, ...base, checked: 0, entriesChecked: 0, range: null, ...(request.anchor ? { anchor: 'not-in-range' as const } : {}) };
    }
    if (range === null) {
      const verifier = new ChainVerifier({ workspaceId, anchor: request.anchor });
      const report = verifier.finish({ head });
      return this.answer({ ...base, checked: 0, entriesChecked: 0, range: null, anchor: report.anchor }, report.firstBrokenEntry);
    }
    // One record before the range, so its first link is checked too.
    const startSeq = Math.max(1, range.fromSeq - 1);
    const verifier = new ChainVerifier({ workspaceId, trustFirstLink: startSeq > 1, anchor: request.anchor });
    for await (const { line } of this.chain.records(workspaceId, { fromSeq: startSeq, toSeq: reachesEnd ? undefined : range.toSeq })) verifier.push(line);
    const chainReport = verifier.finish(reachesEnd ? { head } : {});

    const entries = this.entries.collection.find(
      // Open-ended: entries past the head must show up too (as not in the chain).
      { workspaceId, $or: [{ seq: reachesEnd ? { $gte: range.fromSeq } : { $gte: range.fromSeq, $lte: range.toSeq } }, { seq: null }] },
      { sort: { seq: 1 }, batchSize: 1000 },
    ) as unknown as AsyncIterable<StoredEntry>;
    const entryReport = await checkEntriesAgainstChain(this.chain.records(workspaceId, range), entries, { skipEventId: rawHead?.pending?.eventId });

    const breaks = [chainReport.firstBrokenEntry, entryReport.firstBroken].filter((b): b is ChainBreak | EntryBreak => b !== undefined);
    breaks.sort((a, b) => (a.seq ?? Number.MAX_SAFE_INTEGER) - (b.seq ?? Number.MAX_SAFE_INTEGER));
    return this.answer({ ...base, checked: chainReport.checked, entriesChecked: entryReport.checked, range, anchor: chainReport.anchor }, breaks[0]);
  }

  private answer(report: Omit<IntegrityReport, 'ok'>, broken: ChainBreak | EntryBreak | undefined): IntegrityReport {
    const anchor = report.anchor === undefined ? {} : { anchor: report.anchor };
    if (!broken) return { ok: true, ...report, ...anchor };
    const { reason, message, ...entry } = broken;
    return { ok: false, ...report, ...anchor, firstBrokenEntry: entry, reason, message };
  }

  /** The seq range to check: given directly, or the records whose occurredAt falls in [from, to). */
  private async resolveRange(workspaceId: string, request: IntegrityRequest, head: ChainHeadRef | null): Promise<{ fromSeq: number; toSeq: number } | null> {
    const last = head?.seq ?? 0;
    let fromSeq = request.fromSeq ?? 1;
    let toSeq = Math.min(request.toSeq ?? last, last);
    if (request.from || request.to) {
      let first: number | null = null;
      let final: number | null = null;
      for await (const { seq, line } of this.chain.records(workspaceId, { fromSeq, toSeq })) {
        const at = occurredAt(line);
        if (at === null || (request.from && at < request.from) || (request.to && at >= request.to)) continue;
        first ??= seq;
        final = seq;
      }
      if (first === null || final === null) return null;
      fromSeq = first;
      toSeq = final;
    }
    return fromSeq <= toSeq ? { fromSeq, toSeq } : null;
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
