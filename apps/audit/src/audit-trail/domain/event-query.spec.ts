import { decodeCursor, encodeCursor } from './event-query';

describe('event cursors', () => {
  it('round-trip a cursor, and refuse garbage or a cursor of the other order', () => {
    const cursor = { order: 'newest' as const, occurredAt: new Date('2026-02-01T00:00:00Z'), seq: 7 };
    expect(decodeCursor(encodeCursor(cursor), 'newest')).toEqual(cursor);
    for (const bad of ['x', '!!', Buffer.from('{"d":"n"}').toString('base64url')]) {
      expect(() => decodeCursor(bad, 'newest')).toThrow(expect.objectContaining({ code: 'INVALID_CURSOR' }));
    }
    expect(() => decodeCursor(encodeCursor(cursor), 'oldest')).toThrow(expect.objectContaining({ code: 'INVALID_CURSOR' }));
  });
});
