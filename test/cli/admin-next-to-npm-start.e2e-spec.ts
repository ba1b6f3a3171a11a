import { DEFAULT_KEY_EVENTS_TOPIC } from '@pxxl/contracts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pxxlKeys } from '../support/cli-process';
import { TestStack } from '../support/stack';

const { recordLocalStack } = require('../../scripts/lib/local-stack');

/** `npx pxxl-keys bootstrap` in a shell with nothing exported, next to a running `npm start`. */
describe('admin commands next to npm start, with KAFKA_BROKERS and MONGODB_URI unset', () => {
  let stack: TestStack;
  let dataDir: string;
  /** The CLI inherits this process's environment: spawn it with the two variables unset. */
  const cli = (args: string[], env: Record<string, string | undefined>) => {
    const previous = { KAFKA_BROKERS: process.env.KAFKA_BROKERS, MONGODB_URI: process.env.MONGODB_URI };
    delete process.env.KAFKA_BROKERS;
    delete process.env.MONGODB_URI;
    try {
      return pxxlKeys(args, { env });
    } finally {
      Object.assign(process.env, previous);
    }
  };

  beforeAll(async () => {
    // npm start's apps read the default topic; the stack gets its own database, as npm start has pxxl_keys.
    stack = await TestStack.start({ env: { KAFKA_TOPIC: DEFAULT_KEY_EVENTS_TOPIC } });
    dataDir = mkdtempSync(join(tmpdir(), 'pxxl-npm-start-'));
    recordLocalStack(dataDir, { KAFKA_BROKERS: stack.env.KAFKA_BROKERS, MONGODB_URI: stack.env.MONGODB_URI });
  }, 120_000);

  afterAll(async () => {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('bootstrap finds the stack npm start recorded, says which Kafka and MongoDB it talks to, and prints a working key', async () => {
    const result = await cli(['bootstrap', '--workspace', 'next-to-npm-start', '--json'], { PXXL_DATA_DIR: dataDir });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`talking to Kafka ${stack.env.KAFKA_BROKERS} and MongoDB ${stack.env.MONGODB_URI}, of the running npm start`);
    const { key } = JSON.parse(result.stdout);
    expect((await stack.request('POST', '/v1/verify', { body: { key } })).body).toMatchObject({ valid: true, workspaceId: 'next-to-npm-start' });
  });

  it('with neither set and no npm start running, exits 78 naming both variables and npm start', async () => {
    const result = await cli(['bootstrap', '--workspace', 'nowhere'], { PXXL_DATA_DIR: join(dataDir, 'no-stack-here') });
    expect(result.code).toBe(78);
    expect(result.stderr).toContain('KAFKA_BROKERS: is required');
    expect(result.stderr).toContain('MONGODB_URI: is required');
    expect(result.stderr).toContain('npm start');
  });
});
