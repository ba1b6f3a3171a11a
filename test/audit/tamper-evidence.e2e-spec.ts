import { hashRecord, recordLine, sealRecord, type AuditRecord } from '@pxxl/audit-trail';
import type { Collection, Document } from 'mongodb';
import { ChainHeadPublisher, chainHeadTopic } from '../../apps/audit/src/audit-trail/infrastructure/chain-head.publisher';
import { auditCaughtUp, auditGet, created, fakeSecretHash, keyEvent, newTestKeyId, storeAndPublish } from '../support/audit';
import { TestStack } from '../support/stack';
import { readTopic } from '../support/topic-reader';

const COLLECTIONS = ['audit_entries', 'audit_chain_links', 'audit_chain_segments', 'audit_chain_heads'] as const;
type Tamper = () => Promise<void>;

describe('tamper evidence: the integrity check finds every kind of tampering and names the first broken entry', () => {
  let stack: TestStack;
  let token: string;
  let chain: AuditRecord[]; // the intact chain, by seq - 1
  let snapshot: Map<string, Document[]>;
  const col = (name: string) => stack.db('audit').collection(name) as unknown as Collection<Document>;
  const integrity = async (query = '') => (await auditGet(stack, `/v1/audit/integrity${query}`, token)).body;
  const at = (seq: number) => chain[seq - 1];

  // --- the ways an attacker with write access to MongoDB can change the trail ---
  const setEntry = (seq: number, fields: Document) => col('audit_entries').updateOne({ workspaceId: 'acme', seq }, { $set: fields });
  const deleteEntries = (seqs: number[]) => col('audit_entries').deleteMany({ workspaceId: 'acme', seq: { $in: seqs } });
  const deleteLinks = (seqs: number[]) => col('audit_chain_links').deleteMany({ workspaceId: 'acme', seq: { $in: seqs } });
  const setLinkLine = (seq: number, record: AuditRecord) => col('audit_chain_links').updateOne({ workspaceId: 'acme', seq }, { $set: { line: recordLine(record), hash: record.hash } });
  const sealed = async () => (await col('audit_chain_segments').findOne({ _id: 'acme:0000000000' as never }))!.records as string[];
  const setSealed = (records: string[]) => col('audit_chain_segments').updateOne({ _id: 'acme:0000000000' as never }, { $set: { records } });
  const forged = (seq: number, prevHash: string, summary = 'created "backdoor"; scopes granted: billing:write') =>
    sealRecord({ ...at(seq > chain.length ? chain.length : seq), eventId: '11111111-1111-4111-8111-111111111111', keyId: 'ForgedKey0000001', keyName: 'backdoor', summary }, { seq, prevHash });
  const entryOf = (record: AuditRecord) => ({ _id: record.eventId, ...record, occurredAt: new Date(record.occurredAt), recordedAt: new Date(record.recordedAt) }) as Document;

  beforeAll(async () => {
    stack = await TestStack.start();
    token = (await stack.bootstrap('acme')).token;
    // 49 keys, each created, rotated and revoked: with the bootstrap key, 148 entries (seq 1–100 sealed, 101–148 in links).
    const events = Array.from({ length: 49 }, () => newTestKeyId()).flatMap((keyId) => [
      keyEvent(created(keyId), { keyId, workspaceId: 'acme', version: 1 }),
      keyEvent({ type: 'KeyRotated', data: { secretHash: fakeSecretHash(), displayPrefix: `pxxl_${keyId}_wxyz`, gracePeriodSeconds: 0, previousSecretValidUntil: null } }, { keyId, workspaceId: 'acme', version: 2 }),
      keyEvent({ type: 'KeyRevoked', data: { reason: 'owner left' } }, { keyId, workspaceId: 'acme', version: 3 }),
    ]);
    await storeAndPublish(stack, events);
    await auditCaughtUp(stack);
    const exported = await auditGet(stack, '/v1/audit/export', token);
    chain = exported.text.trim().split('\n').map((line) => JSON.parse(line) as AuditRecord);
    expect(chain).toHaveLength(148);
    snapshot = new Map();
    for (const name of COLLECTIONS) snapshot.set(name, await col(name).find({}).toArray());
  });

  afterEach(async () => {
    for (const name of COLLECTIONS) {
      await col(name).deleteMany({});
      await col(name).insertMany(snapshot.get(name)!);
    }
  });

  afterAll(() => stack.stop());

  it('finds nothing wrong with the intact trail: 148 entries, 100 of them sealed', async () => {
    expect(await integrity()).toMatchObject({ ok: true, checked: 148, entriesChecked: 148, head: { seq: 148, hash: at(148).hash } });
    expect(await col('audit_chain_segments').countDocuments({ workspaceId: 'acme' })).toBe(1);
  });

  const cases: Array<[string, Tamper, { reason: string; seq: number | null; eventId?: () => string }]> = [
    ['modify: an entry reviewers query', () => setEntry(42, { summary: 'rotated' }).then(() => undefined), { reason: 'ENTRY_ALTERED', seq: 42, eventId: () => at(42).eventId }],
    [
      'modify: a sealed record of the chain',
      async () => {
        const records = await sealed();
        records[41] = records[41].replace('"actor":"system"', '"actor":"key:AAAAAAAAAAAAAAAA"');
        await setSealed(records);
      },
      { reason: 'RECORD_ALTERED', seq: 42, eventId: () => at(42).eventId },
    ],
    [
      'modify: a recent record and its entry, re-hashed to look consistent',
      async () => {
        const changed = { ...at(120), summary: 'revoked: expired' };
        const resealed = { ...changed, hash: hashRecord(changed) };
        await setLinkLine(120, resealed);
        await col('audit_entries').replaceOne({ _id: resealed.eventId as never }, entryOf(resealed));
      },
      { reason: 'BROKEN_LINK', seq: 121, eventId: () => at(121).eventId },
    ],
    ['delete: an entry reviewers query', () => deleteEntries([60]).then(() => undefined), { reason: 'ENTRY_MISSING', seq: 60, eventId: () => at(60).eventId }],
    ['delete: an entry in the middle, everywhere', async () => void (await Promise.all([deleteEntries([125]), deleteLinks([125])])), { reason: 'ENTRIES_MISSING', seq: 125 }],
    [
      'delete: a sealed entry, everywhere',
      async () => {
        await setSealed((await sealed()).filter((_, slot) => slot !== 29));
        await deleteEntries([30]);
      },
      { reason: 'ENTRIES_MISSING', seq: 30 },
    ],
    ['delete: the newest entries', async () => void (await Promise.all([deleteEntries([147, 148]), deleteLinks([147, 148])])), { reason: 'TAIL_MISSING', seq: 147 }],
    [
      'delete: one key’s whole history',
      async () => {
        const keyId = at(110).keyId;
        const seqs = chain.filter((r) => r.keyId === keyId).map((r) => r.seq);
        await Promise.all([deleteEntries(seqs), deleteLinks(seqs)]);
      },
      { reason: 'ENTRIES_MISSING', seq: 0 /* the key's first entry, below */ },
    ],
    [
      'insert: a well-formed record between two sealed ones',
      async () => {
        const records = await sealed();
        records.splice(20, 0, recordLine(forged(21, at(20).hash)));
        await setSealed(records.slice(0, 100));
      },
      { reason: 'OUT_OF_ORDER', seq: 21, eventId: () => at(21).eventId },
    ],
    [
      'insert: a well-formed entry after the newest, in the chain and in the entries',
      async () => {
        const record = forged(149, at(148).hash);
        await col('audit_chain_links').insertOne({ _id: 'acme:000000000149:0' as never, workspaceId: 'acme', seq: 149, attempt: 0, eventId: record.eventId, hash: record.hash, line: recordLine(record), state: 'committed' });
        await col('audit_entries').insertOne(entryOf(record));
      },
      { reason: 'ENTRY_WITHOUT_EVENT', seq: 149, eventId: () => '11111111-1111-4111-8111-111111111111' },
    ],
    [
      'insert: an entry the chain does not hold',
      async () => {
        const { seq: _seq, prevHash: _prev, hash: _hash, ...loose } = entryOf(forged(1, at(1).hash));
        await col('audit_entries').insertOne(loose);
      },
      { reason: 'ENTRY_NOT_IN_CHAIN', seq: null, eventId: () => '11111111-1111-4111-8111-111111111111' },
    ],
    [
      'reorder: two sealed records',
      async () => {
        const records = await sealed();
        [records[9], records[10]] = [records[10], records[9]];
        await setSealed(records);
      },
      { reason: 'OUT_OF_ORDER', seq: 10, eventId: () => at(10).eventId },
    ],
    [
      'reorder: two entries reviewers query',
      async () => {
        const entries = col('audit_entries');
        await entries.updateOne({ _id: at(130).eventId as never }, { $set: { seq: 131, prevHash: at(131).prevHash, hash: at(131).hash } });
        await entries.updateOne({ _id: at(131).eventId as never }, { $set: { seq: 130, prevHash: at(130).prevHash, hash: at(130).hash } });
      },
      { reason: 'ENTRY_ALTERED', seq: 130 },
    ],
  ];

  it.each(cases)('%s', async (_what, tamper, expected) => {
    await tamper();
    const report = await integrity();
    let seq = expected.seq;
    if (seq === 0) seq = chain.find((r) => r.keyId === at(110).keyId)!.seq;
    expect(report).toMatchObject({ ok: false, reason: expected.reason, message: expect.any(String), firstBrokenEntry: { seq } });
    if (expected.eventId) expect(report.firstBrokenEntry.eventId).toBe(expected.eventId());
  });

  it('cannot see the newest entries removed together with the head, until checked against a published head', async () => {
    const publisher = stack.app('audit').get(ChainHeadPublisher, { strict: false });
    await publisher.publish();
    const messages = await readTopic(stack.env, (all) => all.some((m) => m.key?.toString() === 'acme'), { topic: chainHeadTopic(stack.env.KAFKA_TOPIC) });
    const published = JSON.parse(messages.find((m) => m.key?.toString() === 'acme')!.value!.toString());
    expect(published).toMatchObject({ workspaceId: 'acme', seq: 148, hash: at(148).hash });
    expect(stack.logs.lines.some((line) => line.includes('"msg":"audit chain head"') && line.includes(at(148).hash))).toBe(true);

    // The attacker deletes the two newest entries everywhere and rewinds the head.
    await Promise.all([deleteEntries([147, 148]), deleteLinks([147, 148])]);
    await col('audit_chain_heads').updateOne({ _id: 'acme' as never }, { $set: { seq: 146, hash: at(146).hash, eventId: at(146).eventId } });
    expect(await integrity()).toMatchObject({ ok: true, checked: 146 });

    const anchored = await integrity(`?expectSeq=${published.seq}&expectHash=${published.hash}`);
    expect(anchored).toMatchObject({ ok: false, reason: 'ANCHOR_MISMATCH', anchor: 'broken', firstBrokenEntry: { seq: 147 } });
  });

  it('confirms an intact trail against a head published earlier, and checks a range', async () => {
    expect(await integrity(`?expectSeq=100&expectHash=${at(100).hash}`)).toMatchObject({ ok: true, anchor: 'matched' });
    expect(await integrity(`?expectSeq=100&expectHash=${at(99).hash}`)).toMatchObject({ ok: false, reason: 'ANCHOR_MISMATCH', firstBrokenEntry: { seq: 100 } });
    expect(await integrity('?fromSeq=90&toSeq=110')).toMatchObject({ ok: true, range: { fromSeq: 90, toSeq: 110 }, checked: 22, entriesChecked: 21 });
    await setEntry(95, { keyName: 'renamed' });
    expect(await integrity('?fromSeq=100')).toMatchObject({ ok: true });
    expect(await integrity('?fromSeq=90&toSeq=110')).toMatchObject({ ok: false, reason: 'ENTRY_ALTERED', firstBrokenEntry: { seq: 95 } });
    const from = at(95).occurredAt;
    expect(await integrity(`?from=${from}`)).toMatchObject({ ok: false, firstBrokenEntry: { seq: 95 } });
  });
});
