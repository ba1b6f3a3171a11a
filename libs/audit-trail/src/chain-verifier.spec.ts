import { GENESIS_HASH, hashRecord, recordLine, sealRecord, type AuditRecord, type UnsealedRecord } from './audit-record';
import { ChainVerifier, type ChainHeadRef } from './chain-verifier';

const WS = 'acme';

function unsealed(i: number, keyId = `Key${String(i).padStart(13, '0')}`): UnsealedRecord {
  return {
    eventId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    type: 'KeyCreated',
    schemaVersion: 1,
    keyId,
    workspaceId: WS,
    version: 1,
    keyName: `key ${i}`,
    actor: 'system',
    occurredAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
    recordedAt: new Date(Date.UTC(2026, 0, 1, 0, i, 1)).toISOString(),
    summary: `created "key ${i}"; scopes granted: usage:read; expires never`,
    details: { name: `key ${i}`, description: null, scopes: ['usage:read'], expiresAt: null, displayPrefix: 'pxxl_x' },
    source: { partition: 0, offset: String(i) },
  };
}

function chain(length: number, keyOf: (i: number) => string | undefined = () => undefined): AuditRecord[] {
  const records: AuditRecord[] = [];
  for (let i = 1; i <= length; i++) {
    records.push(sealRecord(unsealed(i, keyOf(i)), { seq: i, prevHash: records[i - 2]?.hash ?? GENESIS_HASH }));
  }
  return records;
}

const headOf = (records: AuditRecord[]): ChainHeadRef => {
  const last = records[records.length - 1];
  return { seq: last.seq, hash: last.hash, eventId: last.eventId };
};

function verify(records: Array<AuditRecord | string>, head: ChainHeadRef | null, options: { anchor?: ChainHeadRef; trustFirstLink?: boolean } = {}) {
  const verifier = new ChainVerifier({ workspaceId: WS, head, ...options });
  for (const record of records) verifier.push(typeof record === 'string' ? record : recordLine(record));
  return verifier.finish({ reachedEnd: true });
}

describe('ChainVerifier', () => {
  const intact = chain(6);
  const head = headOf(intact);

  it('accepts an intact chain and reports how much it checked', () => {
    expect(verify(intact, head)).toEqual({ ok: true, checked: 6, first: { seq: 1, hash: intact[0].hash }, last: { seq: 6, hash: head.hash } });
  });

  it('accepts stored documents with Date fields and a database _id as well as export lines', () => {
    const verifier = new ChainVerifier({ workspaceId: WS, head });
    for (const record of intact) verifier.push({ _id: record.eventId, ...record, occurredAt: new Date(record.occurredAt), recordedAt: new Date(record.recordedAt) });
    expect(verifier.finish({ reachedEnd: true }).ok).toBe(true);
  });

  it('names an entry whose content was changed', () => {
    const tampered = intact.map((r) => (r.seq === 3 ? { ...r, keyName: 'innocent' } : r));
    expect(verify(tampered, head).firstBrokenEntry).toMatchObject({ reason: 'RECORD_ALTERED', seq: 3, eventId: intact[2].eventId });
  });

  it('finds a changed entry whose hash was recomputed by the link of the entry after it', () => {
    const rewritten = { ...intact[2], summary: 'revoked' };
    const tampered = intact.map((r) => (r.seq === 3 ? { ...rewritten, hash: hashRecord(rewritten) } : r));
    expect(verify(tampered, head).firstBrokenEntry).toMatchObject({ reason: 'BROKEN_LINK', seq: 4, eventId: intact[3].eventId });
  });

  it('finds a deleted entry in the middle and names the missing position', () => {
    const report = verify(intact.filter((r) => r.seq !== 3), head);
    expect(report.firstBrokenEntry).toMatchObject({ reason: 'ENTRIES_MISSING', seq: 3 });
    expect(report.firstBrokenEntry!.message).toContain(intact[3].eventId);
  });

  it('finds deleted newest entries against the head, naming the newest one', () => {
    expect(verify(intact.slice(0, 5), head).firstBrokenEntry).toMatchObject({ reason: 'TAIL_MISSING', seq: 6, eventId: intact[5].eventId });
    expect(verify(intact.slice(0, 3), head).firstBrokenEntry).toMatchObject({ reason: 'TAIL_MISSING', seq: 4 });
    expect(verify([], head).firstBrokenEntry).toMatchObject({ reason: 'TAIL_MISSING', seq: 1 });
  });

  it('finds the removal of one key’s whole history', () => {
    const mixed = chain(8, (i) => (i % 3 === 0 ? 'VictimKey0000001' : undefined));
    const report = verify(mixed.filter((r) => r.keyId !== 'VictimKey0000001'), headOf(mixed));
    expect(report.firstBrokenEntry).toMatchObject({ reason: 'ENTRIES_MISSING', seq: 3 });
  });

  it('finds an entry inserted between others, renumbered or not', () => {
    const forged = sealRecord(unsealed(99), { seq: 3, prevHash: intact[1].hash });
    expect(verify([...intact.slice(0, 3), forged, ...intact.slice(3)], head).firstBrokenEntry).toMatchObject({
      reason: 'OUT_OF_ORDER',
      seq: 3,
      eventId: forged.eventId,
    });
    const shifted = [...intact.slice(0, 2), forged, ...intact.slice(2).map((r) => ({ ...r, seq: r.seq + 1 }))];
    expect(verify(shifted, head).firstBrokenEntry).toMatchObject({ reason: 'RECORD_ALTERED', seq: 4, eventId: intact[2].eventId });
  });

  it('accepts records after the head, which moves only once a record is written', () => {
    const next = sealRecord(unsealed(7), { seq: 7, prevHash: intact[5].hash });
    expect(verify([...intact, next], head).ok).toBe(true);
  });

  it('finds reordered entries, moved as they are or renumbered', () => {
    const moved = [intact[0], intact[1], intact[3], intact[2], intact[4], intact[5]];
    expect(verify(moved, head).firstBrokenEntry).toMatchObject({ reason: 'OUT_OF_ORDER', seq: 3, eventId: intact[2].eventId });
    const renumbered = moved.map((r, i) => ({ ...r, seq: i + 1 }));
    expect(verify(renumbered, head).firstBrokenEntry).toMatchObject({ reason: 'RECORD_ALTERED', seq: 3, eventId: intact[3].eventId });
  });

  it('cannot see a chain rebuilt from scratch by itself, but the published head exposes it', () => {
    // An attacker with write access drops entry 4 and re-seals everything after it, head included.
    const survivors = intact.filter((r) => r.seq !== 4).map((r) => ({ ...r }) as AuditRecord);
    const rebuilt: AuditRecord[] = [];
    survivors.forEach((r, i) => rebuilt.push(sealRecord(r, { seq: i + 1, prevHash: rebuilt[i - 1]?.hash ?? GENESIS_HASH })));
    expect(verify(rebuilt, headOf(rebuilt)).ok).toBe(true);
    const published = headOf(intact);
    const report = verify(rebuilt, headOf(rebuilt), { anchor: published });
    expect(report).toMatchObject({ ok: false, anchor: 'broken', firstBrokenEntry: { reason: 'ANCHOR_MISMATCH', seq: 6 } });
    const earlier = { seq: 5, hash: intact[4].hash };
    expect(verify(rebuilt, headOf(rebuilt), { anchor: earlier }).firstBrokenEntry).toMatchObject({ reason: 'ANCHOR_MISMATCH', seq: 5 });
  });

  it('confirms an intact chain against a head published earlier', () => {
    expect(verify(intact, head, { anchor: { seq: 4, hash: intact[3].hash } })).toMatchObject({ ok: true, anchor: 'matched' });
  });

  it('verifies a range that starts later, taking only its first link on trust', () => {
    expect(verify(intact.slice(2), head, { trustFirstLink: true })).toMatchObject({ ok: true, checked: 4 });
    expect(verify(intact.slice(2), head).firstBrokenEntry).toMatchObject({ reason: 'ENTRIES_MISSING', seq: 1 });
  });

  it('finds a head that names another entry than the chain holds', () => {
    expect(verify(intact, { seq: 4, hash: intact[2].hash }).firstBrokenEntry).toMatchObject({ reason: 'HEAD_MISMATCH', seq: 4 });
  });

  it('reports an unreadable record and a record of another workspace', () => {
    expect(verify([intact[0], 'not json', ...intact.slice(2)], head).firstBrokenEntry).toMatchObject({ reason: 'UNREADABLE_RECORD', seq: 2 });
    const foreign = { ...intact[1], workspaceId: 'globex' };
    expect(verify([intact[0], foreign], null).firstBrokenEntry).toMatchObject({ reason: 'WRONG_WORKSPACE', seq: 2 });
  });
});
