import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { AuditEntry } from '../audit-entry';
import { AuditEntryDoc } from '../audit-entry.schema';
import { AuditErrors } from '../audit-errors';
import { afterCursor, decodeCursor, encodeCursor, eventsFilter, sortFor, toEntryView, type AuditEntryView, type EventFilters, type EventOrder } from './event-query';

export interface EventPage {
  items: AuditEntryView[];
  nextCursor: string | null;
}

/** Reads the queryable trail (`audit_entries`), always within one workspace. */
@Injectable()
export class AuditQueryService {
  constructor(@InjectModel(AuditEntryDoc.name) private readonly entries: Model<AuditEntryDoc>) {}

  async events(workspaceId: string, filters: EventFilters, page: { order: EventOrder; limit: number; cursor?: string }): Promise<EventPage> {
    let filter = eventsFilter(workspaceId, filters);
    if (page.cursor) filter = { $and: [filter, afterCursor(decodeCursor(page.cursor, page.order))] };
    const docs = await this.entries.collection.find(filter, { sort: sortFor(page.order), limit: page.limit + 1 }).toArray();
    const items = (docs as unknown as AuditEntry[]).slice(0, page.limit);
    const last = items[items.length - 1];
    return {
      items: items.map(toEntryView),
      nextCursor: docs.length > page.limit && last ? encodeCursor({ order: page.order, occurredAt: last.occurredAt, seq: last.seq }) : null,
    };
  }

  /** A key's whole history, oldest first. Another workspace's key is not found, like a missing one. */
  async timeline(workspaceId: string, keyId: string): Promise<{ keyId: string; items: AuditEntryView[] }> {
    const docs = await this.entries.collection.find({ keyId, workspaceId }, { sort: { version: 1, seq: 1 } }).toArray();
    if (docs.length === 0) throw AuditErrors.keyNotFound(keyId);
    return { keyId, items: (docs as unknown as AuditEntry[]).map(toEntryView) };
  }
}
