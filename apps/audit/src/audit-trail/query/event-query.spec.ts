import { afterCursor, decodeCursor, encodeCursor, eventsFilter, sortFor } from './event-query';

describe('event queries', () => {
  it('always confine the filter to the caller’s workspace', () => {
    expect(eventsFilter('acme', {})).toEqual({ workspaceId: 'acme' });
    expect(eventsFilter('acme', { keyId: 'AbCdEfGh12345678', types: ['KeyRevoked'], actor: 'system' })).toEqual({
      workspaceId: 'acme',
      keyId: 'AbCdEfGh12345678',
      type: 'KeyRevoked',
      actor: 'system',
    });
  });

  it('take from inclusive and to exclusive, and refuse an empty range', () => {
    const from = new Date('2026-01-01T00:00:00Z');
    const to = new Date('2026-04-01T00:00:00Z');
    expect(eventsFilter('acme', { from, to, types: ['KeyCreated', 'KeyRotated'] })).toEqual({
      workspaceId: 'acme',
      type: { $in: ['KeyCreated', 'KeyRotated'] },
      occurredAt: { $gte: from, $lt: to },
    });
    expect(() => eventsFilter('acme', { from: to, to: from })).toThrow(expect.objectContaining({ code: 'INVALID_RANGE' }));
  });

  it('page newest first by (occurredAt, seq), continuing strictly after the cursor', () => {
    const at = new Date('2026-02-01T00:00:00Z');
    expect(sortFor('newest')).toEqual({ occurredAt: -1, seq: -1 });
    expect(afterCursor({ order: 'newest', occurredAt: at, seq: 7 })).toEqual({ $or: [{ occurredAt: { $lt: at } }, { occurredAt: at, seq: { $lt: 7 } }] });
    expect(afterCursor({ order: 'oldest', occurredAt: at, seq: 7 })).toEqual({ $or: [{ occurredAt: { $gt: at } }, { occurredAt: at, seq: { $gt: 7 } }] });
  });

  it('round-trip a cursor, and refuse garbage or a cursor of the other order', () => {
    const cursor = { order: 'newest' as const, occurredAt: new Date('2026-02-01T00:00:00Z'), seq: 7 };
    expect(decodeCursor(encodeCursor(cursor), 'newest')).toEqual(cursor);
    for (const bad of ['x', '!!', Buffer.from('{"d":"n"}').toString('base64url')]) {
      expect(() => decodeCursor(bad, 'newest')).toThrow(expect.objectContaining({ code: 'INVALID_CURSOR' }));
    }
    expect(() => decodeCursor(encodeCursor(cursor), 'oldest')).toThrow(expect.objectContaining({ code: 'INVALID_CURSOR' }));
  });
});
