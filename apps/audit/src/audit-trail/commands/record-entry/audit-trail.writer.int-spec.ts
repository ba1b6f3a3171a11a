import { GENESIS_HASH, leafHash, recordLine, sealRecord, StreamingRoot } from '@pxxl/audit-trail';
import { envelopeEvent, systemClock, type KeyEvent } from '@pxxl/contracts';
import { KEY_EVENTS_COLLECTION, storedEventId } from '@pxxl/event-store';
import mongoose, { type Connection, type Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { isolatedEnv } from '../../../../../../test/support/test-infra';
import { toAuditRecord } from './event-record';
import {
  AuditEntryDoc,
  AuditEntrySchema,
  AuditKeyName,
  AuditKeyNameSchema,
  ChainHeadDoc,
  ChainHeadSchema,
  ChainLinkDoc,
  ChainLinkSchema,
  ChainSegmentDoc,
  ChainSegmentSchema,
} from '../../infrastructure/audit-entry.schema';
import { MongoAuditEntryStore } from '../../infrastructure/mongo-audit-entry-store';
import { MongoChainStore } from '../../infrastructure/mongo-chain-store';
import { MongoEventLogReader } from '../../infrastructure/mongo-event-log-reader';
import { MongoTreeStore } from '../../infrastructure/mongo-tree-store';
import { TreeNodeDoc, TreeNodeSchema } from '../../infrastructure/tree.schema';
import { ChainReader } from '../../queries/shared/chain-reader';
import { MerkleTree } from '../../queries/shared/merkle-tree';
import { IntegrityService } from '../../queries/verify-integrity/integrity.service';
import { AuditTrailWriter } from './audit-trail.writer';

describe('AuditTrailWriter on a real MongoDB-wire server (FerretDB: only _id inserts are atomic)', () => {
  let connection: Connection;
  let entries: Model<AuditEntryDoc>;
  let chain: MongoChainStore;
  let store: MongoAuditEntryStore;
  let integrity: IntegrityService;
  let treeStore: MongoTreeStore;
  let tree: MerkleTree;
  const writer = () => new AuditTrailWriter(store, chain, systemClock, treeStore, tree);
  const source = (offset: number) => ({ partition: 0, offset: String(offset) });

  /** A KeyCreated event, stored in the event store as the key service would. */
  async function created(workspaceId: string, n: number): Promise<KeyEvent> {
    const keyId = `W${workspaceId.slice(0, 5).padEnd(5, 'x')}${String(n).padStart(10, '0')}`;
    const event = envelopeEvent(
      {
        type: 'KeyCreated',
        data: { name: `key ${n}`, description: null, scopes: ['usage:read'], expiresAt: null, secretHash: '$2b$08$' + 'h'.repeat(53), displayPrefix: `pxxl_${keyId}_abcd` },
      },
      { eventId: randomUUID(), keyId, workspaceId, version: 1, occurredAt: new Date().toISOString(), actor: 'system' },
    );
    await connection.collection(KEY_EVENTS_COLLECTION).insertOne({ _id: storedEventId(keyId, 1) as never, ...event, storedAt: new Date(), publishedAt: new Date() });
    return event;
  }

  /** What a writer that dies right after claiming a position leaves behind. */
  async function claimOnly(event: KeyEvent, seq: number, attempt: number, prevHash: string) {
    const record = sealRecord(toAuditRecord(event, { nameBefore: null, recordedAt: new Date(), ...source(99) }), { seq, prevHash });
    return chain.claim(record, recordLine(record), attempt);
  }

  beforeAll(async () => {
    connection = await mongoose.createConnection(isolatedEnv().MONGODB_URI).asPromise();
    entries = connection.model(AuditEntryDoc.name, AuditEntrySchema);
    store = new MongoAuditEntryStore(entries, connection.model(AuditKeyName.name, AuditKeyNameSchema));
    chain = new MongoChainStore(
      connection.model(ChainHeadDoc.name, ChainHeadSchema),
      connection.model(ChainLinkDoc.name, ChainLinkSchema),
      connection.model(ChainSegmentDoc.name, ChainSegmentSchema),
    );
    integrity = new IntegrityService(chain, new ChainReader(chain, store), store, new MongoEventLogReader(connection), systemClock);
    treeStore = new MongoTreeStore(connection.model(TreeNodeDoc.name, TreeNodeSchema));
    tree = new MerkleTree(treeStore, new ChainReader(chain, store));
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('keeps one unbroken chain and one entry per event with three writers racing, every event delivered twice', async () => {
    const events = await Promise.all(Array.from({ length: 110 }, (_, n) => created('race', n)));
    // Like consumers around a rebalance: overlapping shares, each in its own order.
    const shares = [events.slice(0, 80), events.slice(30), [...events].reverse().filter((_, i) => i % 2 === 0)];
    const outcomes = await Promise.all(
      shares.map(async (share) => {
        const w = writer();
        const results: string[] = [];
        for (const [i, event] of share.entries()) results.push(await w.record(event, source(i)));
        return results;
      }),
    );
    expect(outcomes.flat().filter((o) => o === 'recorded')).toHaveLength(110);
    expect(await entries.countDocuments({ workspaceId: 'race' })).toBe(110);
    const seqs = (await entries.find({ workspaceId: 'race' }, { seq: 1 }).lean()).map((e) => e.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 110 }, (_, i) => i + 1));
    expect(await integrity.check('race', {})).toMatchObject({ ok: true, checked: 110, entriesChecked: 110, head: { seq: 110 } });
    // The first 100 positions are sealed into a segment.
    expect(await connection.collection('audit_chain_segments').countDocuments({ workspaceId: 'race' })).toBe(1);
    // The racing writers also built the Merkle tree: every leaf and every subtree it completes, and the root the chain gives.
    const streamed = new StreamingRoot();
    const lines: string[] = [];
    for await (const { line } of new ChainReader(chain, store).records('race')) {
      streamed.push(line);
      lines.push(line);
    }
    expect(await connection.collection('audit_tree_nodes').countDocuments({ _id: { $regex: '^race:' } } as never)).toBe(110 + 55 + 27 + 13 + 6 + 3 + 1);
    const leaf = await treeStore.subtrees('race', [{ level: 0, index: 41 }]);
    expect(leaf.get('0:41')).toEqual(leafHash(lines[41]));
    await connection.collection('audit_tree_nodes').deleteMany({ _id: { $in: ['race:0:0', 'race:3:5'] } } as never); // lost: rebuilt from the chain
    expect((await tree.root('race', 110)).toString('hex')).toBe(streamed.root().toString('hex'));
  });

  it('finishes the claim of a writer that died after taking a position, before taking the next', async () => {
    const w = writer();
    const first = await created('crash', 1);
    expect(await w.record(first, source(1))).toBe('recorded');
    const orphan = await created('crash', 2);
    expect(await claimOnly(orphan, 2, 0, (await chain.headRef('crash'))!.hash)).not.toBeNull();
    expect(await integrity.check('crash', {})).toMatchObject({ ok: true, checked: 1 }); // claimed, not yet part of the chain

    expect(await w.record(await created('crash', 3), source(3))).toBe('recorded');
    expect(await w.record(orphan, source(2))).toBe('duplicate'); // its redelivery finds it written
    const timeline = await entries.find({ workspaceId: 'crash' }).sort({ seq: 1 }).lean();
    expect(timeline.map((e) => [e.seq, e.keyName])).toEqual([
      [1, 'key 1'],
      [2, 'key 2'],
      [3, 'key 3'],
    ]);
    expect(await integrity.check('crash', {})).toMatchObject({ ok: true, checked: 3, entriesChecked: 3 });
  });

  it('claims a position again when its first claim holds an event already in the chain, so nothing forks', async () => {
    const w = writer();
    const once = await created('fork', 1);
    expect(await w.record(once, source(1))).toBe('recorded');
    // A racing writer that checked before the first one finished claims seq 2 for the same event.
    await claimOnly(once, 2, 0, (await chain.headRef('fork'))!.hash);

    expect(await w.record(await created('fork', 2), source(2))).toBe('recorded');
    expect(await w.record(once, source(3))).toBe('duplicate');
    expect(await entries.countDocuments({ workspaceId: 'fork' })).toBe(2);
    const links = await connection.collection('audit_chain_links').find({ workspaceId: 'fork' }).sort({ _id: 1 }).toArray();
    expect(links.map((l) => [l.seq, l.attempt, l.state])).toEqual([
      [1, 0, 'committed'],
      [2, 0, 'phantom'],
      [2, 1, 'committed'],
    ]);
    expect(await integrity.check('fork', {})).toMatchObject({ ok: true, checked: 2, head: { seq: 2 } });
  });

  it('starts every chain from the genesis hash', async () => {
    await writer().record(await created('genesis', 1), source(1));
    const [first] = await entries.find({ workspaceId: 'genesis' }).lean();
    expect(first).toMatchObject({ seq: 1, prevHash: GENESIS_HASH });
  });
});
