import { Inject, Injectable } from '@nestjs/common';
import { AuditErrors } from '../../domain/audit-errors';
import { decodeCursor, encodeCursor, type EventFilters, type EventOrder } from '../../domain/event-query';
import { AUDIT_ENTRY_STORE, type AuditEntryStore } from '../../ports';
import { toEntryView, type AuditEntryView } from './entry-view';

export interface EventPage {
  items: AuditEntryView[];
  nextCursor: string | null;
}

/** Reads the queryable trail, always within one workspace. */
@Injectable()
export class AuditQueryService {
  constructor(@Inject(AUDIT_ENTRY_STORE) private readonly entries: AuditEntryStore) {}

  async events(workspaceId: string, filters: EventFilters, page: { order: EventOrder; limit: number; cursor?: string }): Promise<EventPage> {
    const after = page.cursor ? decodeCursor(page.cursor, page.order) : undefined;
    // One more than asked: whether there is a next page.
    const found = await this.entries.page(workspaceId, filters, { order: page.order, limit: page.limit + 1, after });
    const items = found.slice(0, page.limit);
    const last = items[items.length - 1];
    return {
      items: items.map(toEntryView),
      nextCursor: found.length > page.limit && last ? encodeCursor({ order: page.order, occurredAt: last.occurredAt, seq: last.seq }) : null,
    };
  }

  /** A key's whole history, oldest first. Another workspace's key is not found, like a missing one. */
  async timeline(workspaceId: string, keyId: string): Promise<{ keyId: string; items: AuditEntryView[] }> {
    const found = await this.entries.timeline(workspaceId, keyId);
    if (found.length === 0) throw AuditErrors.keyNotFound(keyId);
    return { keyId, items: found.map(toEntryView) };
  }
}
