import { afterCursor, eventsFilter, sortFor } from './audit-entry-filters';

describe('entry filters', () => {
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
});
