import { compareTrail, type StoredEventRef } from './reconcile';

const NOW = new Date('2026-03-01T12:00:00Z');
const event = (n: number, storedAt = '2026-03-01T11:00:00Z'): StoredEventRef => ({
  eventId: `e${n}`,
  keyId: `k${n}`,
  workspaceId: 'acme',
  version: 1,
  type: 'KeyCreated',
  storedAt,
});
const entry = (n: number) => ({ eventId: `e${n}`, keyId: `k${n}`, workspaceId: 'acme' });

describe('compareTrail', () => {
  it('is ok when every stored event has its entry', () => {
    expect(compareTrail([event(1), event(2)], [entry(1), entry(2)], { now: NOW, graceMs: 60000 })).toMatchObject({
      ok: true,
      events: 2,
      entries: 2,
      missing: { count: 0, items: [] },
      unexpected: { count: 0, items: [] },
    });
  });

  it('names events without an entry and entries without an event', () => {
    const report = compareTrail([event(1), event(2)], [entry(2), entry(9)], { now: NOW, graceMs: 60000 });
    expect(report.ok).toBe(false);
    expect(report.missing).toEqual({ count: 1, items: [{ eventId: 'e1', keyId: 'k1', workspaceId: 'acme', version: 1, type: 'KeyCreated' }] });
    expect(report.unexpected).toEqual({ count: 1, items: [entry(9)] });
  });

  it('counts an event stored within the grace period as in flight, not missing', () => {
    const report = compareTrail([event(1, '2026-03-01T11:59:30Z')], [], { now: NOW, graceMs: 60000 });
    expect(report).toMatchObject({ ok: true, inFlight: 1, missing: { count: 0 } });
  });

  it('lists at most listLimit items but counts them all', () => {
    const events = Array.from({ length: 5 }, (_, i) => event(i));
    expect(compareTrail(events, [], { now: NOW, graceMs: 0, listLimit: 2 }).missing).toMatchObject({ count: 5, items: [{ eventId: 'e0' }, { eventId: 'e1' }] });
  });
});
