import { TOKEN_PATTERN } from '@pxxl/contracts';
import { pxxlKeys } from '../support/cli-process';
import { TestStack } from '../support/stack';

const inDays = (days: number) => new Date(Date.now() + days * 86400_000).toISOString();
const tokenOf = (text: string) => text.match(TOKEN_PATTERN)?.[0];

/** The remote commands, spawned as an operator runs them, against the apps over HTTP. */
describe('pxxl-keys keys | verify | scopes, over the HTTP API', () => {
  let stack: TestStack;
  let admin: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    stack = await TestStack.start();
    admin = (await stack.bootstrap('acme')).token;
    env = { PXXL_URL: stack.url, PXXL_API_KEY: admin };
  });

  afterAll(() => stack.stop());

  const cli = (argv: string[], options: { env?: Record<string, string | undefined>; input?: string } = {}) => pxxlKeys(argv, { env, ...options });

  describe('the lifecycle of a key', () => {
    let id: string;
    let key: string;

    it('create prints the key alone on stdout, once, and what it is with the warning on stderr', async () => {
      const run = await cli(['keys', 'create', '--name', 'CDN uploader', '--description', 'release assets', '--scope', 'cdn:upload:web', '--scope', 'usage:read', '--expires-in', '30d']);
      expect(run.code).toBe(0);
      key = run.stdout.trim();
      expect(run.stdout).toBe(`${key}\n`);
      expect(key).toMatch(TOKEN_PATTERN);
      id = key.slice(5, 21);
      expect(run.stderr).toContain(`Created key ${id} "CDN uploader": scopes cdn:upload:web usage:read; expires ${inDays(30).slice(0, 10)}`);
      expect(run.stderr).toContain('Copy it now, it will not be shown again.');
      expect(run.stderr).not.toContain(key);
    });

    it('verify reads the key from stdin (or PXXL_VERIFY_KEY) and says VALID, or which scope it lacks', async () => {
      const valid = await cli(['verify', '--scope', 'cdn:upload:web'], { env: { PXXL_URL: stack.url }, input: `${key}\n` });
      expect(valid.code).toBe(0);
      expect(valid.stdout).toMatch(new RegExp(`^VALID: key ${id} of workspace acme; scopes cdn:upload:web usage:read; expires \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\dZ\\n$`));
      const lacking = await cli(['verify', '--scope', 'cdn:upload:docs,deployments:trigger', '--json'], { env: { PXXL_URL: stack.url, PXXL_VERIFY_KEY: key } });
      expect(lacking.code).toBe(4);
      expect(JSON.parse(lacking.stdout)).toEqual({ valid: false, code: 'INSUFFICIENT_SCOPE', missingScopes: ['cdn:upload:docs', 'deployments:trigger'] });
      const garbage = await cli(['verify'], { env: { PXXL_URL: stack.url }, input: 'not-a-key' });
      expect([garbage.code, garbage.stdout]).toEqual([4, 'NOT VALID: MALFORMED\n']);
    });

    it('list shows aligned columns for people and the API page for scripts', async () => {
      const table = await cli(['keys', 'list']);
      expect(table.code).toBe(0);
      const [header, ...rows] = table.stdout.trimEnd().split('\n');
      expect(header).toMatch(/^ID {16}NAME +STATUS +OWNER +SCOPES +EXPIRES +LAST USED$/);
      const row = rows.find((line) => line.startsWith(id))!;
      expect(row.indexOf('CDN uploader')).toBe(header.indexOf('NAME'));
      expect(row.indexOf('active')).toBe(header.indexOf('STATUS'));
      // The verify above counts as a use once the usage flush ran (every 10 s): either is right.
      expect(row).toMatch(/(never|\d{4}-\d\d-\d\d \d\d:\d\dZ)$/);
      const json = JSON.parse((await cli(['keys', 'list', '--json', '--status', 'active', '--limit', '1'])).stdout);
      expect(json.items).toHaveLength(1);
      expect(json.nextCursor).toEqual(expect.any(String));
      const all = JSON.parse((await cli(['keys', 'list', '--all', '--json', '--limit', '1'])).stdout);
      expect(all.items.map((k: { id: string }) => k.id)).toContain(id);
      expect(all).toMatchObject({ nextCursor: null });
    });

    it('get shows one key field by field, or as JSON; update renames it', async () => {
      const updated = await cli(['keys', 'update', id, '--name', 'CDN uploader (web)']);
      expect([updated.code, updated.stdout]).toEqual([0, `Updated key ${id} (now version 2).\n`]);
      const shown = await cli(['keys', 'get', id]);
      expect(shown.code).toBe(0);
      expect(shown.stdout).toMatch(/^id: +\w{16}\nname: +CDN uploader \(web\)\ndescription: +release assets\nstatus: +active\n/);
      expect(shown.stdout).toMatch(/last used: +(never|\d{4}-\d\d-\d\d \d\d:\d\dZ)\n/);
      expect(JSON.parse((await cli(['keys', 'get', id, '--json'])).stdout)).toMatchObject({ id, name: 'CDN uploader (web)', version: 2, scopes: ['cdn:upload:web', 'usage:read'] });
    });

    it('rotate prints the new key once; the old one keeps working for the grace period', async () => {
      const rotated = await cli(['keys', 'rotate', id, '--grace', '1h']);
      expect(rotated.code).toBe(0);
      const fresh = rotated.stdout.trim();
      expect(fresh).toMatch(TOKEN_PATTERN);
      expect(fresh).not.toBe(key);
      expect(rotated.stderr).toMatch(/the previous secret keeps working until \d{4}-\d\d-\d\d \d\d:\d\dZ/);
      expect(rotated.stderr).toContain('Copy it now, it will not be shown again.');
      for (const k of [key, fresh]) expect((await cli(['verify'], { input: k })).code).toBe(0);
      key = fresh;
    });

    it('refuses a change on a stale --if-version with exit 7 and the API code', async () => {
      const stale = await cli(['keys', 'update', id, '--description', 'x', '--if-version', '1']);
      expect(stale.code).toBe(7);
      expect(stale.stderr).toContain('412 VERSION_MISMATCH');
      expect(stale.stderr).toContain('keys get');
    });

    it('revoke ends the key at once; revoking again or rotating it is a conflict (7)', async () => {
      const revoked = await cli(['keys', 'revoke', id, '--reason', 'owner left the team', '--json']);
      expect(revoked.code).toBe(0);
      expect(JSON.parse(revoked.stdout)).toMatchObject({ id, consistency: 'verifiable' });
      const after = await cli(['verify'], { input: key });
      expect([after.code, after.stdout]).toEqual([4, 'NOT VALID: REVOKED\n']);
      const again = await cli(['keys', 'revoke', id]);
      expect([again.code, again.stderr]).toEqual([7, expect.stringContaining('409 KEY_ALREADY_REVOKED')]);
      const rotate = await cli(['keys', 'rotate', id, '--json']);
      expect(rotate.code).toBe(7);
      expect(JSON.parse(rotate.stderr)).toEqual({ error: expect.objectContaining({ exitCode: 7, status: 409, code: 'KEY_REVOKED' }) });
      expect((await cli(['keys', 'get', id, '--json'])).stdout).toContain('"revokedReason":"owner left the team"');
    });
  });

  it('create --json answers the whole API response; --no-expiry needs the policy (65 EXPIRY_REQUIRED); unknown scopes are 65', async () => {
    const created = await cli(['keys', 'create', '--name', 'deploys', '--preset', 'deployment-checks', '--expires-at', inDays(10), '--json']);
    expect(created.code).toBe(0);
    // The preset gives the key its rate limit: KeyLimitsChanged in the same append, so version 2.
    expect(JSON.parse(created.stdout)).toMatchObject({ key: expect.stringMatching(TOKEN_PATTERN), name: 'deploys', consistency: 'verifiable', version: 2 });
    const forever = await cli(['keys', 'create', '--name', 'forever', '--scope', 'usage:read', '--no-expiry']);
    expect([forever.code, forever.stderr]).toEqual([65, expect.stringContaining('EXPIRY_REQUIRED')]);
    const unknown = await cli(['keys', 'create', '--name', 'x', '--scope', 'usage:fly']);
    expect([unknown.code, unknown.stderr]).toEqual([65, expect.stringContaining('UNKNOWN_SCOPE')]);
  });

  it('answers 404 with exit 5, naming the id and how to find ids', async () => {
    const missing = await cli(['keys', 'get', 'AAAAAAAAAAAAAAAA']);
    expect(missing.code).toBe(5);
    expect(missing.stderr).toContain('404 KEY_NOT_FOUND');
    expect(missing.stderr).toContain('no key AAAAAAAAAAAAAAAA in your key\'s workspace: "pxxl-keys keys list" shows the ids');
  });

  it('answers 401 and 403 with exit 6, saying what is wrong with PXXL_API_KEY', async () => {
    const reader = await stack.request('POST', '/v1/keys', { token: admin, body: { name: 'reader', scopes: ['api_keys:read'], expiresAt: inDays(5) } });
    const forbidden = await cli(['keys', 'create', '--name', 'x', '--scope', 'usage:read'], { env: { ...env, PXXL_API_KEY: reader.body.key } });
    expect([forbidden.code, forbidden.stderr]).toEqual([6, expect.stringContaining('403 INSUFFICIENT_SCOPE')]);
    expect(forbidden.stderr).toContain('lacks api_keys:write');
    await stack.request('POST', `/v1/keys/${reader.body.id}/revoke`, { token: admin, body: {} });
    const revoked = await cli(['keys', 'list'], { env: { ...env, PXXL_API_KEY: reader.body.key } });
    expect([revoked.code, revoked.stderr]).toEqual([6, expect.stringContaining('401 TOKEN_REVOKED')]);
    expect(revoked.stderr).toContain('the key in PXXL_API_KEY is revoked');
    expect(revoked.stderr + revoked.stdout).not.toContain(reader.body.key);
  });

  it('reads the caller key from stdin with --key-stdin', async () => {
    const run = await cli(['keys', 'list', '--key-stdin', '--json'], { env: { PXXL_URL: stack.url }, input: `${admin}\n` });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).items.length).toBeGreaterThan(0);
  });

  it('scopes prints the catalog and presets as tables, or the API answer as JSON, without a key', async () => {
    const table = await cli(['scopes'], { env: { PXXL_URL: stack.url } });
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^SCOPE +RESOURCE +DESCRIPTION\n/);
    expect(table.stdout).toMatch(/\ncdn:upload +cdn_space +/);
    expect(table.stdout).toMatch(/\nPRESET +RESOURCE +SCOPES +DESCRIPTION\n/);
    const json = JSON.parse((await cli(['scopes', '--json'], { env: { PXXL_URL: stack.url } })).stdout);
    expect(json.presets.map((p: { name: string }) => p.name)).toContain('cdn-uploader');
  });

  it('audit export, verify and review reach the audit app at PXXL_AUDIT_URL', async () => {
    const auditEnv = { PXXL_AUDIT_URL: stack.auditUrl, PXXL_API_KEY: admin };
    const verify = await cli(['audit', 'verify'], { env: auditEnv });
    expect([verify.code, verify.stdout]).toEqual([0, expect.stringContaining('workspace acme: INTACT')]);
    const exported = await cli(['audit', 'export', '--type', 'KeyCreated'], { env: auditEnv });
    expect(exported.code).toBe(0);
    expect(exported.stdout.trim().split('\n').map((line) => JSON.parse(line).type)).toEqual(expect.arrayContaining(['KeyCreated']));
    const review = await cli(['audit', 'review', '--json'], { env: auditEnv });
    expect(JSON.parse(review.stdout)).toMatchObject({ workspaceId: 'acme' });
  });

  it('says how to set a missing PXXL_URL or PXXL_API_KEY (78), and names an unreachable service (69)', async () => {
    const noUrl = await cli(['keys', 'list'], { env: {} });
    expect([noUrl.code, noUrl.stderr]).toEqual([78, expect.stringContaining('PXXL_URL: is required (the key service, e.g. export PXXL_URL=http://127.0.0.1:3000')]);
    const noKey = await cli(['keys', 'list'], { env: { PXXL_URL: stack.url } });
    expect([noKey.code, noKey.stderr]).toEqual([78, expect.stringContaining('PXXL_API_KEY: is required')]);
    const down = await cli(['keys', 'list'], { env: { ...env, PXXL_URL: 'http://127.0.0.1:9' } });
    expect([down.code, down.stderr]).toEqual([69, expect.stringContaining('cannot reach http://127.0.0.1:9/v1/keys')]);
    const wrongApp = await cli(['keys', 'list'], { env: { ...env, PXXL_URL: stack.auditUrl } });
    expect([wrongApp.code, wrongApp.stderr]).toEqual([78, expect.stringContaining('ROUTE_NOT_FOUND')]);
  });

  it('refuses a key given on the command line (exit 2) and never echoes it', async () => {
    for (const argv of [['verify', admin], ['keys', 'get', admin], ['keys', 'list', `--key=${admin}`], ['keys', 'create', '--name', admin, '--scope', 'usage:read']]) {
      const run = await cli(argv);
      expect([argv[0], run.code]).toEqual([argv[0], 2]);
      expect(run.stderr).toContain('a key on the command line stays in your shell history');
      expect(run.stdout + run.stderr).not.toContain(admin);
      expect(tokenOf(run.stdout + run.stderr)).toBeUndefined();
    }
  });

  it('create, update and get carry a key’s limits; top-up adds to its quota; usage shows its verifications per day', async () => {
    const created = await cli(['keys', 'create', '--name', 'metered', '--scope', 'usage:read', '--rate-limit', '100/1m', '--usage-limit', '50', '--usage-refill', '10/day', '--allowed-ip', '10.0.0.0/8,2001:db8::/32', '--json']);
    expect(created.code).toBe(0);
    const metered = JSON.parse(created.stdout) as { id: string };
    const shown = await cli(['keys', 'get', metered.id]);
    expect(shown.stdout).toMatch(/rate limit: +100 per 60 s\n/);
    expect(shown.stdout).toMatch(/usage quota: +50, then 10 a day \(50 left\)\n/);
    expect(shown.stdout).toMatch(/allowed IPs: +10\.0\.0\.0\/8 2001:db8::\/32\n/);
    expect((await cli(['keys', 'update', metered.id, '--no-rate-limit', '--no-allowed-ips'])).code).toBe(0);
    expect((await cli(['keys', 'top-up', metered.id, '--amount', '5'])).stdout).toContain(`Added 5 to the quota of key ${metered.id}`);
    const after = JSON.parse((await cli(['keys', 'get', metered.id, '--json'])).stdout);
    expect(after).toMatchObject({ rateLimit: null, allowedIps: null, usage: { limit: 50, refill: { amount: 10, interval: 'day' }, remaining: 55 } });
    const usage = await cli(['keys', 'usage', metered.id, '--days', '3']);
    expect(usage.code).toBe(0);
    const lines = usage.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^day +VALID +RATE_LIMITED +USAGE_EXHAUSTED +IP_NOT_ALLOWED +REVOKED +EXPIRED +INSUFFICIENT_SCOPE$/);
    expect(lines).toHaveLength(5);
    expect(lines[4]).toMatch(/^total /);
    const bad = await cli(['keys', 'update', metered.id, '--rate-limit', '100']);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('--rate-limit is N per window')]);
  });

  it('refuses wrong command lines with exit 2 and points at the help', async () => {
    const cases: Array<[string[], string]> = [
      [['frobnicate'], 'unknown command "frobnicate"'],
      [['keys', 'delete', 'AAAAAAAAAAAAAAAA'], 'unknown keys subcommand "delete"'],
      [['keys', 'get'], 'give the key id'],
      [['keys', 'list', '--colour'], 'unknown option --colour'],
      [['keys', 'create', '--scope', 'usage:read'], 'give the key a --name'],
      [['keys', 'create', '--name', 'x', '--scope', 'usage:read', '--expires-in', '90'], '--expires-in must be a number with a unit'],
      [['keys', 'create', '--name', 'x', '--scope', 'usage:read', '--expires-in', '9d', '--no-expiry'], 'give one of --expires-in, --expires-at and --no-expiry'],
      [['keys', 'rotate', 'AAAAAAAAAAAAAAAA', '--grace', 'soon'], '--grace must be a number with a unit'],
      [['keys', 'update', 'AAAAAAAAAAAAAAAA'], 'give --name, --description or --owner'],
    ];
    for (const [argv, message] of cases) {
      const run = await cli(argv);
      expect([argv.join(' '), run.code, run.stderr]).toEqual([argv.join(' '), 2, expect.stringContaining(message)]);
      expect(run.stderr).toContain('--help" shows the usage');
    }
    expect((await cli(['keys'])).code).toBe(2);
  });
});

describe('pxxl-keys --help', () => {
  const COMMANDS = [
    'keys list', 'keys get', 'keys create', 'keys update', 'keys rotate', 'keys revoke', 'keys usage', 'keys top-up',
    'verify', 'scopes', 'audit export', 'audit verify', 'audit review', 'audit reconcile',
    'bootstrap', 'projections reconcile', 'projections rebuild',
  ];

  it('lists every command, the environment and the exit codes', async () => {
    const help = await pxxlKeys(['--help']);
    expect(help.code).toBe(0);
    for (const command of COMMANDS) expect(help.stdout).toContain(command.split(' ')[1] ?? command);
    for (const variable of ['PXXL_URL', 'PXXL_API_KEY', 'PXXL_AUDIT_URL', 'MONGODB_URI']) expect(help.stdout).toContain(variable);
    for (const code of ['0 ', '1 ', '2 ', '4 ', '5 ', '6 ', '7 ', '65', '69', '78']) expect(help.stdout).toContain(`\n  ${code}`);
    expect((await pxxlKeys(['help'])).stdout).toBe(help.stdout);
  });

  it.each(COMMANDS)('%s --help shows its usage and an example, never a key', async (command) => {
    const help = await pxxlKeys([...command.split(' '), '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain(`Usage: pxxl-keys ${command}`);
    expect(help.stdout).toMatch(new RegExp(`Example:\\n  .*pxxl-keys ${command}`));
    expect(help.stdout).not.toMatch(TOKEN_PATTERN);
  });

  it.each(['keys', 'audit', 'projections'])('%s --help lists its subcommands, with an example', async (group) => {
    const help = await pxxlKeys([group, '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain(`Usage: pxxl-keys ${group} <`);
    expect(help.stdout).toMatch(new RegExp(`Example:\\n  pxxl-keys ${group} `));
  });
});
