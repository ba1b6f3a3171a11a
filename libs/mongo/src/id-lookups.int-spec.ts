import { MongoClient } from 'mongodb';
import { isolatedEnv } from '../../../test/support/test-infra';

/**
 * Every hot path (verification reads, projector upserts, outbox marks, audit
 * chain claims) looks documents up by `_id`. FerretDB v1.24.2 as published
 * scans the whole SQLite table for those lookups: its `_id` filter does not
 * match the text of its own `_id` index. scripts/infra builds it with the fix
 * in tools/ferretdb/patches.js; this test fails if that build step is lost.
 */
describe('the MongoDB-wire store answers _id lookups from its index', () => {
  let client: MongoClient;

  beforeAll(async () => {
    client = await MongoClient.connect(isolatedEnv().MONGODB_URI);
  });

  afterAll(async () => {
    await client.db().dropDatabase();
    await client.close();
  });

  it('plans a find by _id as an index search, not a table scan', async () => {
    const collection = client.db().collection<{ _id: string; n: number }>('id_lookups');
    await collection.insertMany(Array.from({ length: 50 }, (_, n) => ({ _id: `doc-${n}`, n })));
    const explained = await client.db().command({ explain: { find: 'id_lookups', filter: { _id: 'doc-7' } } });
    const plan = JSON.stringify(explained.queryPlanner);
    // FerretDB (SQLite): "SEARCH <table> USING INDEX <table>__id_ (<expr>=?)"; MongoDB: IDHACK / EXPRESS_IXSCAN.
    expect(plan).toMatch(/USING INDEX|IDHACK|EXPRESS/);
    expect(plan).not.toContain('detail=SCAN');
    expect(await collection.findOne({ _id: 'doc-7' })).toEqual({ _id: 'doc-7', n: 7 });
  });
});
