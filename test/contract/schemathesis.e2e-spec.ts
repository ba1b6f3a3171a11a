import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { installSchemathesis, runSchemathesis, type FuzzRun } from '../support/schemathesis';
import { TestStack } from '../support/stack';

const inDays = (days: number) => new Date(Date.now() + days * 86400_000).toISOString();
const config = (app: string) => join(__dirname, `${app}.schemathesis.toml`);

/**
 * Every check schemathesis has, a fixed seed, bounded examples: the same run every time.
 * PXXL_FUZZ_EXAMPLES and PXXL_FUZZ_SEED make a longer or another hunt; PXXL_FUZZ_OUT keeps the reports;
 * PXXL_FUZZ_ARGS adds arguments (e.g. `--include-path /v1/leaks --report har`).
 */
const fuzzArgs = (token: string) => [
  '--checks', 'all',
  '--seed', process.env.PXXL_FUZZ_SEED ?? '14',
  '--max-examples', process.env.PXXL_FUZZ_EXAMPLES ?? '25',
  '--generation-database', 'none',
  '--workers', '1',
  '--header', `Authorization: Bearer ${token}`,
  '--request-timeout', '20',
  '--output-truncate', 'false',
  ...(process.env.PXXL_FUZZ_ARGS ? process.env.PXXL_FUZZ_ARGS.split(' ') : []),
];

function expectZeroFailures(name: string, run: FuzzRun): void {
  if (process.env.PXXL_FUZZ_OUT) writeFileSync(`${process.env.PXXL_FUZZ_OUT}.${name}.txt`, run.output);
  process.stderr.write(`[contract] schemathesis against the ${name}: exit ${run.exitCode} in ${run.seconds.toFixed(1)} s\n`);
  expect({ exitCode: run.exitCode, report: run.exitCode === 0 ? '' : run.output.slice(-8000) }).toEqual({ exitCode: 0, report: '' });
}

/**
 * schemathesis (an outside fuzzer, PyPI) against the OpenAPI document each app serves: the document
 * is the exact truth of what the server answers, or this fails. Set up as an operator would:
 * - its own workspace, and its own admin key from bootstrap (the audit run gets an audit:read key);
 * - the stateful links start from keys it creates itself (POST /v1/keys → get, update, rotate,
 *   revoke, delete), so the key it authenticates with is never one it learns an id of to revoke,
 *   and the test checks that key still verifies afterwards;
 * - the per-source failure limit raised (FAILED_ATTEMPTS_PER_SOURCE_PER_MINUTE) for this stack only:
 *   the fuzzer sends thousands of deliberate failures from one address, and its stack is its own.
 */
describe('the OpenAPI documents hold against schemathesis', () => {
  let stack: TestStack;
  let admin: string;

  beforeAll(async () => {
    installSchemathesis();
    stack = await TestStack.start({ env: { FAILED_ATTEMPTS_PER_SOURCE_PER_MINUTE: '1000000' } });
    admin = (await stack.bootstrap('fuzz')).token;
  }, 300_000);

  afterAll(() => stack.stop());

  it('key service: zero failures, and the admin key it used still verifies', async () => {
    const run = await runSchemathesis(`${stack.url}/docs-json`, fuzzArgs(admin), { configFile: config('key-service'), timeoutMs: 280_000 });
    expectZeroFailures('key service', run);
    expect((await stack.request('POST', '/v1/verify', { body: { key: admin } })).body).toMatchObject({ valid: true });
  }, 300_000);

  it('audit app: zero failures', async () => {
    // The key-service run may have left any policy the schema allows (an owner required, limit maxima): back to the defaults.
    expect((await stack.request('PUT', '/v1/workspace/policy', { token: admin, body: {} })).status).toBe(200);
    const reviewer = await stack.request('POST', '/v1/keys', { token: admin, body: { name: 'fuzz reviewer', scopes: ['audit:read'], expiresAt: inDays(5) } });
    expect(reviewer.status).toBe(201);
    const run = await runSchemathesis(`${stack.auditUrl}/docs-json`, fuzzArgs(reviewer.body.key), { configFile: config('audit'), timeoutMs: 280_000 });
    expectZeroFailures('audit app', run);
  }, 300_000);
});
