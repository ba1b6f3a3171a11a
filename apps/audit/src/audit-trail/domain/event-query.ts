import { AuditErrors } from './audit-errors';

export interface EventFilters {
  keyId?: string;
  types?: string[];
  actor?: string;
  /** occurredAt ≥ from */
  from?: Date;
  /** occurredAt < to */
  to?: Date;
}

export type EventOrder = 'newest' | 'oldest';

/** Where a page ended: the last entry's (occurredAt, seq). Entries of a workspace never share a seq. */
export interface EventCursor {
  order: EventOrder;
  occurredAt: Date;
  seq: number;
}

/** Refuses an empty time range: `from` must be before `to`. */
export function assertRange(filters: Pick<EventFilters, 'from' | 'to'>): void {
  if (filters.from && filters.to && filters.from >= filters.to) throw AuditErrors.invalidRange(filters.from.toISOString(), filters.to.toISOString());
}

/** Opaque to clients: base64url of the order and the last entry's position. */
export function encodeCursor(cursor: EventCursor): string {
  return Buffer.from(JSON.stringify({ d: cursor.order === 'newest' ? 'n' : 'o', t: cursor.occurredAt.toISOString(), s: cursor.seq })).toString('base64url');
}

export function decodeCursor(text: string, order: EventOrder): EventCursor {
  if (text.length > 200 || !/^[A-Za-z0-9_-]+$/.test(text)) throw AuditErrors.invalidCursor();
  let parsed: { d?: unknown; t?: unknown; s?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw AuditErrors.invalidCursor();
  }
  const occurredAt = new Date(String(parsed.t));
  const cursorOrder = parsed.d === 'n' ? 'newest' : parsed.d === 'o' ? 'oldest' : null;
  if (cursorOrder !== order || typeof parsed.t !== 'string' || Number.isNaN(occurredAt.getTime()) || !Number.isInteger(parsed.s)) {
    throw AuditErrors.invalidCursor();
  }
  return { order, occurredAt, seq: parsed.s as number };
}
