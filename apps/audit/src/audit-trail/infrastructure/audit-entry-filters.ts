import { assertRange, type EventCursor, type EventFilters, type EventOrder } from '../domain/event-query';

/** The MongoDB filter for a workspace's entries matching the filters. */
export function eventsFilter(workspaceId: string, filters: EventFilters): Record<string, unknown> {
  const filter: Record<string, unknown> = { workspaceId };
  if (filters.keyId) filter.keyId = filters.keyId;
  if (filters.types?.length) filter.type = filters.types.length === 1 ? filters.types[0] : { $in: filters.types };
  if (filters.actor) filter.actor = filters.actor;
  if (filters.from || filters.to) {
    assertRange(filters);
    filter.occurredAt = { ...(filters.from ? { $gte: filters.from } : {}), ...(filters.to ? { $lt: filters.to } : {}) };
  }
  return filter;
}

/** Entries strictly after the cursor in the page order. */
export function afterCursor(cursor: EventCursor): Record<string, unknown> {
  const beyond = cursor.order === 'newest' ? '$lt' : '$gt';
  return { $or: [{ occurredAt: { [beyond]: cursor.occurredAt } }, { occurredAt: cursor.occurredAt, seq: { [beyond]: cursor.seq } }] };
}

export function sortFor(order: EventOrder): Record<string, 1 | -1> {
  const direction = order === 'newest' ? -1 : 1;
  return { occurredAt: direction, seq: direction };
}
