import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { isDuplicateKeyError } from '@pxxl/mongo';
import type { Model } from 'mongoose';
import type { AuditRecord } from '@pxxl/audit-trail';
import type { EventCursor, EventFilters, EventOrder } from '../domain/event-query';
import type { AuditEntry, AuditEntryStore, PlacedEntryRef, StoredEntry } from '../ports';
import { afterCursor, eventsFilter, sortFor } from './audit-entry-filters';
import { AuditEntryDoc, AuditKeyName } from './audit-entry.schema';

/** The queryable document of a sealed record: the same fields, dates as Dates. */
export function toAuditEntry(record: AuditRecord): AuditEntry {
  return { _id: record.eventId, ...record, occurredAt: new Date(record.occurredAt), recordedAt: new Date(record.recordedAt) };
}

/** `audit_entries` and `audit_key_names`. */
@Injectable()
export class MongoAuditEntryStore implements AuditEntryStore {
  constructor(
    @InjectModel(AuditEntryDoc.name) private readonly entries: Model<AuditEntryDoc>,
    @InjectModel(AuditKeyName.name) private readonly names: Model<AuditKeyName>,
  ) {}

  async isRecorded(eventId: string): Promise<boolean> {
    return (await this.entries.findById(eventId, { _id: 1 }).lean().exec()) !== null;
  }

  async insert(record: AuditRecord): Promise<boolean> {
    try {
      await this.entries.collection.insertOne(toAuditEntry(record) as never);
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  async positionOf(eventId: string): Promise<{ seq: number; hash: string } | null> {
    const entry = await this.entries.findById(eventId, { seq: 1, hash: 1 }).lean<{ seq: number; hash: string }>().exec();
    return entry ? { seq: entry.seq, hash: entry.hash } : null;
  }

  async nameOf(keyId: string): Promise<string | null> {
    return (await this.names.findById(keyId).lean<AuditKeyName>().exec())?.name ?? null;
  }

  /** Two writers upserting the same new key collide on `_id` (MongoDB and FerretDB alike): the loser updates. */
  async rememberName(keyId: string, name: string): Promise<void> {
    try {
      await this.names.collection.updateOne({ _id: keyId as never }, { $set: { name } }, { upsert: true });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      await this.names.collection.updateOne({ _id: keyId as never }, { $set: { name } });
    }
  }

  async page(workspaceId: string, filters: EventFilters, page: { order: EventOrder; limit: number; after?: EventCursor }): Promise<AuditEntry[]> {
    let filter = eventsFilter(workspaceId, filters);
    if (page.after) filter = { $and: [filter, afterCursor(page.after)] };
    const docs = await this.entries.collection.find(filter, { sort: sortFor(page.order), limit: page.limit }).toArray();
    return docs as unknown as AuditEntry[];
  }

  async timeline(workspaceId: string, keyId: string): Promise<AuditEntry[]> {
    const docs = await this.entries.collection.find({ keyId, workspaceId }, { sort: { version: 1, seq: 1 } }).toArray();
    return docs as unknown as AuditEntry[];
  }

  async occurredIn(workspaceId: string, from: Date, to: Date): Promise<AuditEntry[]> {
    const docs = await this.entries.collection
      .find({ workspaceId, occurredAt: { $gte: from, $lt: to } }, { projection: { eventId: 1, type: 1, keyId: 1, keyName: 1, actor: 1, occurredAt: 1, summary: 1, details: 1 } })
      .toArray();
    return docs as unknown as AuditEntry[];
  }

  bySeq(workspaceId: string, fromSeq: number, toSeq?: number): AsyncIterable<StoredEntry> {
    return this.entries.collection.find(
      { workspaceId, $or: [{ seq: toSeq === undefined ? { $gte: fromSeq } : { $gte: fromSeq, $lte: toSeq } }, { seq: null }] },
      { sort: { seq: 1 }, batchSize: 1000 },
    ) as unknown as AsyncIterable<StoredEntry>;
  }

  placedBetween(workspaceId: string, fromSeq: number, toSeq: number): AsyncIterable<PlacedEntryRef> {
    return this.entries.collection.find(
      { workspaceId, seq: { $gte: fromSeq, $lte: toSeq } },
      { projection: { eventId: 1, keyId: 1, type: 1, occurredAt: 1, seq: 1 }, sort: { seq: 1 } },
    ) as unknown as AsyncIterable<PlacedEntryRef>;
  }
}
