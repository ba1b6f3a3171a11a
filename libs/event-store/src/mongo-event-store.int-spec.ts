import { envelopeEvent, workspacePolicyStreamId, type KeyEvent, type StreamEvent } from '@pxxl/contracts';
import mongoose, { type Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { isolatedEnv } from '../../../test/support/test-infra';
import { ConcurrencyError } from './concurrency.error';
import { MongoEventStore } from './mongo-event-store';
import { KEY_EVENTS_COLLECTION, StoredEvent, StoredEventSchema } from './stored-event.schema';

const KEY_ID = 'ConcurrencyTest01';

function revoked(version: number, reason: string): KeyEvent {
  return envelopeEvent(
    { type: 'KeyRevoked', data: { reason } },
    { eventId: randomUUID(), keyId: KEY_ID.slice(0, 16), workspaceId: 'acme', version, occurredAt: new Date().toISOString(), actor: 'system' },
  );
}

describe('MongoEventStore on a real MongoDB-wire server', () => {
  let connection: Connection;
  let store: MongoEventStore;

  beforeAll(async () => {
    connection = await mongoose.createConnection(isolatedEnv().MONGODB_URI).asPromise();
    store = new MongoEventStore(connection.model(StoredEvent.name, StoredEventSchema));
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('lets exactly one of two concurrent appends of the same version win; the other gets a conflict', async () => {
    const results = await Promise.allSettled([store.append([revoked(1, 'first')]), store.append([revoked(1, 'second')])]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected).toHaveLength(1);
    expect(rejected[0].reason).toBeInstanceOf(ConcurrencyError);
    expect(rejected[0].reason.code).toBe('CONCURRENT_MODIFICATION');
    expect(await connection.collection(KEY_EVENTS_COLLECTION).countDocuments({ _id: `${KEY_ID.slice(0, 16)}:1` as never })).toBe(1);
  });

  it('loads a key’s events in version order across load batches', async () => {
    const keyId = 'LoadOrderTest001';
    const events = Array.from({ length: 6 }, (_, i) => ({ ...revoked(i + 1, `r${i + 1}`), keyId }) as KeyEvent);
    for (const event of events) await store.append([event]);
    expect((await store.load(keyId)).map((e) => e.version)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await store.load('NoSuchKeyAtAll01')).toEqual([]);
  });

  it('keeps a workspace policy stream beside the key streams, with the same concurrency check', async () => {
    const changed = (version: number, maxLifetimeDays: number): StreamEvent => ({
      eventId: randomUUID(),
      type: 'WorkspacePolicyChanged',
      schemaVersion: 1,
      workspaceId: 'acme',
      version,
      occurredAt: new Date().toISOString(),
      actor: 'system',
      data: { maxLifetimeDays, allowNonExpiring: false, maxGracePeriodSeconds: 0, scopeAllowList: null },
    });
    await store.append([changed(1, 30), changed(2, 60)]);
    await expect(store.append([changed(2, 90)])).rejects.toMatchObject({ code: 'CONCURRENT_MODIFICATION', streamId: 'policy:acme', version: 2 });
    const loaded = await store.load(workspacePolicyStreamId('acme'));
    expect(loaded.map((e) => [e.version, e.type === 'WorkspacePolicyChanged' && e.data.maxLifetimeDays])).toEqual([
      [1, 30],
      [2, 60],
    ]);
    expect(loaded[0]).not.toHaveProperty('keyId');
    expect(await connection.collection(KEY_EVENTS_COLLECTION).countDocuments({ _id: 'policy:acme:2' as never })).toBe(1);
  });

  it('sees what another instance appended to a stream it already holds in memory', async () => {
    const other = new MongoEventStore(connection.model(StoredEvent.name, StoredEventSchema));
    const keyId = 'KnownStreamTest1';
    const at = (version: number, reason: string) => ({ ...revoked(version, reason), keyId });
    await store.append([at(1, 'first')]);
    expect((await store.load(keyId)).map((e) => e.version)).toEqual([1]);
    await other.append([at(2, 'second'), at(3, 'third')]);
    const loaded = await store.load(keyId);
    expect(loaded.map((e) => [e.version, e.type === 'KeyRevoked' && e.data.reason])).toEqual([
      [1, 'first'],
      [2, 'second'],
      [3, 'third'],
    ]);
    loaded.pop(); // a caller's copy: changing it changes nothing held
    expect((await store.load(keyId)).map((e) => e.version)).toEqual([1, 2, 3]);
    await expect(store.append([at(3, 'stale')])).rejects.toMatchObject({ code: 'CONCURRENT_MODIFICATION' });
  });
});

