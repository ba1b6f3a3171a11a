import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { TestStack } from '../support/stack';
import { waitForCaughtUp } from '../support/topic-reader';

const ROOT = join(__dirname, '..', '..');
const inDays = (days: number) => new Date(Date.now() + days * 86400_000).toISOString();

describe('pxxl-keys projections rebuild', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await TestStack.start();
  });

  afterAll(() => stack.stop());

  const rebuild = (env: Record<string, string> = {}) => {
    const run = spawnSync(process.execPath, [join(ROOT, 'bin/pxxl-keys.js'), 'projections', 'rebuild', '--json'], {
      env: { ...process.env, ...stack.env, LOG_LEVEL: 'warn', ...env },
      encoding: 'utf8',
    });
    return { status: run.status, report: run.stdout ? JSON.parse(run.stdout) : undefined, stderr: run.stderr };
  };

  it('rebuilds a read model identical to the live one, and repairs a tampered live model in place', async () => {
    const admin = await stack.bootstrap('acme');
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const created = await stack.request('POST', '/v1/keys', { token: admin.token, body: { name: `key ${i}`, scopes: ['usage:read'], expiresAt: inDays(30) } });
      ids.push(created.body.id);
      if (i % 3 === 0) await stack.request('POST', `/v1/keys/${created.body.id}/rotate`, { token: admin.token, body: { gracePeriodSeconds: 600 } });
      if (i % 4 === 0) await stack.request('POST', `/v1/keys/${created.body.id}/revoke`, { token: admin.token, body: { reason: 'test' } });
    }
    await waitForCaughtUp(stack.env, [stack.env.PROJECTOR_GROUP_ID]);

    const clean = rebuild();
    expect(clean.status).toBe(0);
    expect(clean.report).toMatchObject({ views: 13, identical: true, inStep: true, order: 'storage order' });
    expect(clean.report.events).toBe(13 + 4 + 3);
    // A log over the in-memory bound is read in _id order instead, one key at a time: same views.
    const sorted = rebuild({ REBUILD_IN_MEMORY_MAX_EVENTS: '0' });
    expect(sorted.report).toMatchObject({ views: 13, identical: true, inStep: true, order: '_id order', rebuilt: clean.report.rebuilt });
    expect(rebuild({ REBUILD_IN_MEMORY_MAX_EVENTS: 'lots' }).status).toBe(78);

    const views = stack.db().collection('key_views');
    await views.updateOne({ _id: ids[1] as never }, { $set: { name: 'tampered', status: 'revoked' } });
    await views.deleteOne({ _id: ids[2] as never });
    await views.insertOne({ _id: 'StrayStrayStray1' as never, workspaceId: 'acme', version: 1 } as never);

    const repaired = rebuild();
    expect(repaired.status).toBe(0);
    expect(repaired.report).toMatchObject({ identical: false, inStep: true, repaired: { replaced: 1, inserted: 1, removed: 1 } });
    expect((await views.findOne({ _id: ids[1] as never }))!.name).toBe('key 1');
    expect(await views.findOne({ _id: 'StrayStrayStray1' as never })).toBeNull();
  });
});
