import { GENESIS_HASH, recordLine, sealRecord, type AuditRecord } from '@pxxl/audit-trail';
import { toAuditEntry } from '../../infrastructure/mongo-audit-entry-store';
import type { StoredEntry } from '../../ports';
import { checkEntriesAgainstChain } from './entry-check';

function chain(length: number): AuditRecord[] {
  const records: AuditRecord[] = [];
  for (let i = 1; i <= length; i++) {
    const unsealed = {
      eventId: `e${i}`,
      type: 'KeyCreated',
      schemaVersion: 1,
      keyId: `k${i}`,
      workspaceId: 'acme',
      version: 1,
      keyName: `key ${i}`,
      actor: 'system',
      occurredAt: `2026-01-0${i}T00:00:00.000Z`,
      recordedAt: `2026-01-0${i}T00:00:01.000Z`,
      summary: 'created',
      details: { scopes: ['usage:read'], description: null },
      source: { partition: 1, offset: String(i) },
    };
    records.push(sealRecord(unsealed, { seq: i, prevHash: records[i - 2]?.hash ?? GENESIS_HASH }));
  }
  return records;
}

async function* iterate<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}

const records = chain(5);
const lines = records.map((r) => ({ seq: r.seq, line: recordLine(r) }));
const entries = (): StoredEntry[] => records.map((r) => toAuditEntry(r) as unknown as StoredEntry);
const check = (stored: StoredEntry[], chainLines = lines, inFlightId?: string) =>
  checkEntriesAgainstChain(iterate(chainLines), iterate(stored), { inFlight: (entry) => entry.eventId === inFlightId });

describe('checkEntriesAgainstChain', () => {
  it('accepts entries that are exactly the chain’s records', async () => {
    expect(await check(entries())).toEqual({ checked: 5 });
  });

  it('names a changed entry, even when its chain fields were left alone', async () => {
    const stored = entries();
    (stored[2] as Record<string, unknown>).keyName = 'renamed';
    expect((await check(stored)).firstBroken).toMatchObject({ reason: 'ENTRY_ALTERED', seq: 3, eventId: 'e3' });
  });

  it('names an entry deleted from the queryable trail', async () => {
    expect((await check(entries().filter((e) => e.eventId !== 'e2'))).firstBroken).toMatchObject({ reason: 'ENTRY_MISSING', seq: 2, eventId: 'e2' });
  });

  it('names an inserted entry, with or without a position', async () => {
    const forged = { ...entries()[4], eventId: 'forged', seq: 6 };
    expect((await check([...entries(), forged])).firstBroken).toMatchObject({ reason: 'ENTRY_NOT_IN_CHAIN', seq: 6, eventId: 'forged' });
    const unplaced = { eventId: 'loose', keyId: 'k9' };
    expect((await check([unplaced, ...entries()])).firstBroken).toMatchObject({ reason: 'ENTRY_NOT_IN_CHAIN', seq: null, eventId: 'loose' });
  });

  it('reports the lowest position when several entries disagree', async () => {
    const stored = entries().filter((e) => e.eventId !== 'e4');
    (stored[1] as Record<string, unknown>).summary = 'changed';
    expect((await check(stored)).firstBroken).toMatchObject({ reason: 'ENTRY_ALTERED', seq: 2 });
  });

  it('ignores an entry written after the chain was read', async () => {
    const sixth = chain(6)[5];
    expect(await check([...entries(), toAuditEntry(sixth) as unknown as StoredEntry], lines, 'e6')).toEqual({ checked: 5 });
  });
});
