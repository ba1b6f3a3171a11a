import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { TestStack } from '../support/stack';

const ROOT = join(__dirname, '..', '..');
const inDays = (days: number) => new Date(Date.now() + days * 86400_000).toISOString();

describe('pxxl-keys projections reconcile', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await TestStack.start();
  });

  afterAll(() => stack.stop());

  const cli = (...args: string[]) =>
    spawnSync(process.execPath, [join(ROOT, 'bin/pxxl-keys.js'), ...args], { env: { ...process.env, ...stack.env, LOG_LEVEL: 'warn' }, encoding: 'utf8' });

  it('reports no difference when the read model is in step, and names the key when it is not', async () => {
    const admin = await stack.bootstrap('acme');
    const created = await stack.request('POST', '/v1/keys', { token: admin.token, body: { name: 'x', scopes: ['usage:read'], expiresAt: inDays(3) } });
    await stack.request('POST', `/v1/keys/${created.body.id}/revoke`, { token: admin.token, body: {} });

    const clean = cli('projections', 'reconcile', '--json');
    expect(clean.status).toBe(0);
    expect(JSON.parse(clean.stdout)).toEqual({ checkedKeys: 2, checkedEvents: 3, behind: [], unexpected: [], unpublished: 0 });

    // Tamper: the read model loses the revocation.
    await stack.db().collection('key_views').updateOne({ _id: created.body.id as never }, { $set: { version: 1, status: 'active' } });
    const dirty = cli('projections', 'reconcile');
    expect(dirty.status).toBe(4);
    expect(dirty.stdout).toContain(`behind     ${created.body.id}: event store v2, read model v1`);
  });

  it('prints help with an example, and refuses unknown subcommands with exit 2', () => {
    const help = cli('projections', '--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Example:');
    expect(cli('projections', 'frobnicate').status).toBe(2);
  });
});
