import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { GENESIS_HASH, type AuditRecord } from '@pxxl/audit-trail';
import { isDuplicateKeyError } from '@pxxl/mongo';
import type { Model } from 'mongoose';
import { linkId, SEGMENT_CAPACITY, segmentId, segmentOf } from '../domain/chain-segments';
import type { ChainLink, ChainPoint, ChainStore } from '../ports';
import { ChainHeadDoc, ChainLinkDoc, ChainSegmentDoc } from './audit-entry.schema';

const EMPTY_CHAIN: ChainPoint = { seq: 0, hash: GENESIS_HASH, eventId: null };

/**
 * The chain in `audit_chain_heads`, `audit_chain_links` and
 * `audit_chain_segments`. FerretDB v1 does not apply a filtered update
 * atomically (two "compare-and-set" updates of one document can both
 * match): that is why decisions here are inserts colliding on `_id`.
 */
@Injectable()
export class MongoChainStore implements ChainStore {
  constructor(
    @InjectModel(ChainHeadDoc.name) private readonly heads: Model<ChainHeadDoc>,
    @InjectModel(ChainLinkDoc.name) private readonly links: Model<ChainLinkDoc>,
    @InjectModel(ChainSegmentDoc.name) private readonly segments: Model<ChainSegmentDoc>,
  ) {}

  private head(workspaceId: string): Promise<ChainHeadDoc | null> {
    return this.heads.findById(workspaceId).lean<ChainHeadDoc>().exec();
  }

  async headRef(workspaceId: string): Promise<ChainPoint | null> {
    const head = await this.head(workspaceId);
    return head ? { seq: head.seq, hash: head.hash, eventId: head.eventId } : null;
  }

  async allHeads(): Promise<Array<ChainPoint & { workspaceId: string }>> {
    const heads = await this.heads.find({}).lean<ChainHeadDoc[]>().exec();
    return heads.map((head) => ({ workspaceId: head._id, seq: head.seq, hash: head.hash, eventId: head.eventId }));
  }

  /** The head may lag (a writer died between sealing and moving it): everything after it is still read from the links. */
  async sealedEnd(workspaceId: string): Promise<ChainPoint> {
    const head = await this.head(workspaceId);
    return head && head.sealedThrough > 0 ? { seq: head.sealedThrough, hash: head.sealedHash, eventId: head.sealedEventId } : EMPTY_CHAIN;
  }

  async linksAfter(workspaceId: string, afterSeq: number, toSeq = Number.MAX_SAFE_INTEGER): Promise<ChainLink[]> {
    return this.links.find({ workspaceId, seq: { $gt: afterSeq, $lte: toSeq } }).sort({ seq: 1, attempt: 1 }).lean<ChainLink[]>().exec();
  }

  async claim(record: AuditRecord, line: string, attempt: number): Promise<ChainLink | null> {
    const link: ChainLink = { _id: linkId(record.workspaceId, record.seq, attempt), workspaceId: record.workspaceId, seq: record.seq, attempt, eventId: record.eventId, hash: record.hash, line };
    try {
      await this.links.collection.insertOne(link as never);
      return link;
    } catch (error) {
      if (isDuplicateKeyError(error)) return null;
      throw error;
    }
  }

  async judge(link: ChainLink, state: 'committed' | 'phantom'): Promise<void> {
    await this.links.collection.updateOne({ _id: link._id as never }, { $set: { state } });
  }

  async seal(workspaceId: string, segment: number, lines: string[]): Promise<void> {
    try {
      await this.segments.collection.insertOne({ _id: segmentId(workspaceId, segment) as never, workspaceId, segment, firstSeq: segment * SEGMENT_CAPACITY + 1, records: lines });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }

  /** Never back, on MongoDB; on FerretDB a race may leave it a little behind, which only means it lags. */
  async advanceHead(workspaceId: string, to: ChainPoint, sealed: ChainPoint | null, at: Date): Promise<void> {
    const fields = { seq: to.seq, hash: to.hash, eventId: to.eventId, updatedAt: at };
    const moved = await this.heads.collection.updateOne({ _id: workspaceId as never, seq: { $lt: to.seq } }, { $set: fields });
    if (moved.matchedCount === 0) {
      try {
        await this.heads.collection.insertOne({ _id: workspaceId as never, ...fields, sealedThrough: 0, sealedHash: GENESIS_HASH, sealedEventId: null });
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error; // it exists, at or past `to` already
      }
    }
    if (sealed && sealed.seq > 0) {
      await this.heads.collection.updateOne(
        { _id: workspaceId as never, sealedThrough: { $lt: sealed.seq } },
        { $set: { sealedThrough: sealed.seq, sealedHash: sealed.hash, sealedEventId: sealed.eventId } },
      );
    }
  }

  async sealedLine(workspaceId: string, seq: number): Promise<string | null> {
    const { segment, slot } = segmentOf(seq);
    const doc = await this.segments.findById(segmentId(workspaceId, segment)).lean<ChainSegmentDoc>().exec();
    return doc?.records[slot] ?? null;
  }

  /** A few segments per round trip. */
  async *sealedLines(workspaceId: string, fromSeq: number, toSeq: number): AsyncGenerator<{ seq: number; line: string }> {
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
