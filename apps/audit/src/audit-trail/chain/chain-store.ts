import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { AuditRecord, ChainHeadRef } from '@pxxl/audit-trail';
import { isDuplicateKeyError } from '@pxxl/mongo';
import type { Model } from 'mongoose';
import { ChainHeadDoc, ChainSegmentDoc, type PendingRecord } from '../audit-entry.schema';
import { SEGMENT_CAPACITY, segmentId, segmentOf } from './chain-segments';

export type ChainHead = Pick<ChainHeadDoc, '_id' | 'seq' | 'hash' | 'eventId' | 'pending'>;

/** Thrown when the stored chain cannot take the next record: it was changed outside the writer. */
export class ChainCorruptedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChainCorruptedError';
  }
}

/**
 * The chain's storage: the head of each workspace (advanced only by
 * compare-and-set on its seq, so two writers cannot both take a position)
 * and the segments holding the records. Every write is keyed by `_id`.
 */
@Injectable()
export class ChainStore {
  constructor(
    @InjectModel(ChainHeadDoc.name) private readonly heads: Model<ChainHeadDoc>,
    @InjectModel(ChainSegmentDoc.name) private readonly segments: Model<ChainSegmentDoc>,
  ) {}

  head(workspaceId: string): Promise<ChainHead | null> {
    return this.heads.findById(workspaceId).lean<ChainHead>().exec();
  }

  /** The newest record that is fully written: a pending claim does not count yet. */
  async committedHead(workspaceId: string): Promise<ChainHeadRef | null> {
    const head = await this.head(workspaceId);
    return head ? committed(head) : null;
  }

  async allHeads(): Promise<Array<ChainHeadRef & { workspaceId: string }>> {
    const heads = await this.heads.find({}).lean<ChainHead[]>().exec();
    return heads.map((head) => ({ workspaceId: head._id, ...committed(head) }));
  }

  /**
   * Takes the position after `head` for `record`, or answers null when
   * another writer moved the head first. The record rides along as `pending`
   * until it is written everywhere, so any writer can finish or undo it.
   */
  async claim(head: ChainHead | null, record: AuditRecord, line: string, at: Date): Promise<ChainHead | null> {
    const pending: PendingRecord = { eventId: record.eventId, prevHash: record.prevHash, prevEventId: head?.eventId ?? null, line };
    const next = { seq: record.seq, hash: record.hash, eventId: record.eventId, updatedAt: at, pending };
    if (head === null) {
      try {
        await this.heads.collection.insertOne({ _id: record.workspaceId as never, ...next });
      } catch (error) {
        if (isDuplicateKeyError(error)) return null;
        throw error;
      }
    } else {
      const result = await this.heads.collection.updateOne({ _id: head._id as never, seq: head.seq, pending: null }, { $set: next });
      if (result.matchedCount !== 1) return null;
    }
    return { _id: record.workspaceId, seq: next.seq, hash: next.hash, eventId: next.eventId, pending };
  }

  /** The pending record is written everywhere: the head keeps its position. */
  async release(head: ChainHead): Promise<void> {
    await this.heads.collection.updateOne({ _id: head._id as never, seq: head.seq, 'pending.eventId': head.pending!.eventId }, { $unset: { pending: '' } });
  }

  /** The pending record turned out to be a second copy of an event already in the chain: give its position back. */
  async rollback(head: ChainHead, at: Date): Promise<void> {
    const pending = head.pending!;
    await this.heads.collection.updateOne(
      { _id: head._id as never, seq: head.seq, 'pending.eventId': pending.eventId },
      { $set: { seq: head.seq - 1, hash: pending.prevHash, eventId: pending.prevEventId, updatedAt: at }, $unset: { pending: '' } },
    );
  }

  /** Writes a record into its segment slot; writing the same record again changes nothing. */
  async append(record: AuditRecord, line: string): Promise<void> {
    const { segment, slot, firstSeq } = segmentOf(record.seq);
    const _id = segmentId(record.workspaceId, segment);
    if (slot === 0) {
      try {
        await this.segments.collection.insertOne({ _id: _id as never, workspaceId: record.workspaceId, segment, firstSeq, capacity: SEGMENT_CAPACITY, count: 1, records: [line] });
        return;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
    } else {
      const result = await this.segments.collection.updateOne({ _id: _id as never, count: slot }, { $push: { records: line }, $inc: { count: 1 } } as never);
      if (result.matchedCount === 1) return;
    }
    const stored = await this.segments.findById(_id, { records: 1 }).lean<{ records: string[] }>().exec();
    if (stored?.records[slot] === line) return;
    throw new ChainCorruptedError(`chain segment ${_id} cannot take seq ${record.seq} at slot ${slot}: it was changed outside the audit writer`);
  }

  /**
   * The stored records of a workspace in chain order, from the segments that
   * hold `fromSeq`..`toSeq`, a few segments per round trip: memory stays flat
   * however long the chain. `seq` is the slot's position, not read from the record.
   */
  async *records(workspaceId: string, range: { fromSeq?: number; toSeq?: number } = {}): AsyncGenerator<{ seq: number; line: string }> {
    const fromSeq = Math.max(1, range.fromSeq ?? 1);
    const toSeq = range.toSeq ?? Number.MAX_SAFE_INTEGER;
    if (toSeq < fromSeq) return;
    const filter = { workspaceId, firstSeq: { $gt: fromSeq - SEGMENT_CAPACITY, $lte: toSeq } };
    const cursor = this.segments.collection.find(filter, { sort: { firstSeq: 1 }, batchSize: 4 });
    for await (const doc of cursor) {
      const segment = doc as unknown as ChainSegmentDoc;
      for (let slot = 0; slot < segment.records.length; slot++) {
        const seq = segment.firstSeq + slot;
        if (seq < fromSeq) continue;
        if (seq > toSeq) return;
        yield { seq, line: segment.records[slot] };
      }
    }
  }
}

function committed(head: ChainHead): ChainHeadRef {
  if (!head.pending) return { seq: head.seq, hash: head.hash, eventId: head.eventId };
  return { seq: head.seq - 1, hash: head.pending.prevHash, eventId: head.pending.prevEventId };
}
