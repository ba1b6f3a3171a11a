import { ADMIN_SCOPES } from '@pxxl/contracts';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { FORCED_BOOTSTRAP_DESCRIPTION } from '../../apps/key-service/src/keys/commands/bootstrap-workspace/bootstrap-workspace.handler';
import { recordTokensIn } from '../support/secret-ledger';
import { TestStack } from '../support/stack';
import { eventually } from '../support/test-infra';

const root = join(__dirname, '..', '..');
const run = promisify(execFile);

describe('bootstrap CLI: npx pxxl-keys bootstrap --workspace <id>', () => {
  let stack: TestStack;

  beforeAll(async () => {
    // The CLI runs from dist/, as it does for an operator (built by jest's global setup).
    stack = await TestStack.start();
  }, 120_000);

  afterAll(() => stack.stop());

  /** Runs the CLI against the stack's Kafka and database; the stack's projector makes the new key verifiable. */
  async function cli(args: string[], via: 'node' | 'npx' = 'node') {
    const [command, prefix] = via === 'npx' ? ['npx', ['--no', 'pxxl-keys']] : [process.execPath, [join(root, 'bin/pxxl-keys.js')]];
    try {
      const { stdout, stderr } = await run(command, [...prefix, ...args], { cwd: root, env: { ...process.env, ...stack.env } });
      recordTokensIn(stdout); // the end-of-suite scan checks that no printed key was stored or logged anywhere
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }
  const verify = (key: string) => stack.request('POST', '/v1/verify', { body: { key } });
  const keysOf = (workspaceId: string) => stack.db().collection('key_events').find({ workspaceId, type: 'KeyCreated' }).toArray();

  it('prints the admin key once, usable at once and holding every catalog scope (npx resolves the repo’s own bin)', async () => {
    const result = await cli(['bootstrap', '--workspace', 'cli-human'], 'npx');
    expect(result.code).toBe(0);
    const tokens = result.stdout.match(/pxxl_[0-9A-Za-z]{16}_[0-9A-Za-z]{38}/g) ?? [];
    expect(tokens).toHaveLength(1);
    expect(result.stdout).toContain('shown once');
    const verified = await verify(tokens[0]!);
    expect(verified.body).toMatchObject({ valid: true, workspaceId: 'cli-human' });
    expect(verified.body.scopes).toEqual([...ADMIN_SCOPES].sort());
    const [created] = await keysOf('cli-human');
    expect(created).toMatchObject({ actor: 'system', data: { name: 'Bootstrap admin key' } });
  });

  it('with --json prints exactly {id, key}', async () => {
    const result = await cli(['bootstrap', '--workspace', 'cli-json', '--json']);
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout);
    expect(Object.keys(printed)).toEqual(['id', 'key']);
    expect(printed.key.startsWith(`pxxl_${printed.id}_`)).toBe(true);
    expect((await verify(printed.key)).body.valid).toBe(true);
  });

  it('refuses with exit code 3 while the workspace has an active admin key, creating nothing', async () => {
    const result = await cli(['bootstrap', '--workspace', 'cli-json', '--json']);
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('already has an active admin key');
    expect(await keysOf('cli-json')).toHaveLength(1);
  });

  it('with --force creates another admin key, and the audit trail says it was forced', async () => {
    const result = await cli(['bootstrap', '--workspace', 'cli-json', '--json', '--force']);
    expect(result.code).toBe(0);
    const { id } = JSON.parse(result.stdout);
    const created = await stack.db().collection('key_events').findOne({ _id: `${id}:1` as never });
    expect(created).toMatchObject({ actor: 'system', data: { description: FORCED_BOOTSTRAP_DESCRIPTION } });
    const entry = await eventually(async () => (await stack.db().collection('audit_entries').findOne({ keyId: id })) ?? undefined);
    expect(entry.details.description).toContain('bootstrap --force while another admin key of the workspace was active');
  });
});
