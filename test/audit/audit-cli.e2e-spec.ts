import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCsv } from '@pxxl/audit-trail';
import { CompletenessMonitor } from '../../apps/audit/src/audit-trail/infrastructure/completeness.monitor';
import { auditCaughtUp, auditGet, cli } from '../support/audit';
import { TestStack } from '../support/stack';

const inDays = (days: number) => new Date(Date.now() + days * 86400_000).toISOString();

describe('pxxl-keys audit: export, verify, review and reconcile from a reviewer’s script', () => {
  let stack: TestStack;
  let admin: string;
  let env: Record<string, string>;
  let dir: string;

  beforeAll(async () => {
    stack = await TestStack.start({ env: { AUDIT_RECONCILE_GRACE_MS: '0' } });
    admin = (await stack.bootstrap('acme')).token;
    for (const name of ['CDN uploader', 'Nightly backup']) {
      const created = await stack.request('POST', '/v1/keys', { token: admin, body: { name, scopes: ['usage:read'], expiresAt: inDays(30) } });
      await stack.request('POST', `/v1/keys/${created.body.id}/rotate`, { token: admin, body: { gracePeriodSeconds: 60 } });
    }
    await auditCaughtUp(stack);
    env = { PXXL_API_KEY: admin, PXXL_AUDIT_URL: stack.auditUrl, MONGODB_URI: stack.env.MONGODB_URI };
    dir = mkdtempSync(join(tmpdir(), 'pxxl-audit-cli-'));
  });

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await stack.stop();
  });

  it('--help explains each subcommand with an example', async () => {
    const top = await cli(['audit', '--help'], {});
    expect(top.code).toBe(0);
    for (const sub of ['export', 'verify', 'review', 'reconcile']) {
      expect(top.stdout).toContain(sub);
      const help = await cli(['audit', sub, '--help'], {});
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(new RegExp(`Usage: pxxl-keys audit ${sub}`));
      expect(help.stdout).toMatch(new RegExp(`Example:\\n  .*pxxl-keys audit ${sub}`));
    }
    expect((await cli(['--help'], {})).stdout).toContain('audit');
  });

  it('export writes the trail as CSV to a file and as NDJSON to stdout, with the same filters as the API', async () => {
    const file = join(dir, 'trail.csv');
    const csv = await cli(['audit', 'export', '--format', 'csv', '--out', file], env);
    expect(csv.code).toBe(0);
    expect(csv.stderr).toMatch(/chain head 5:[0-9a-f]{64}/);
    const rows = parseCsv(readFileSync(file, 'utf8'));
    expect(rows).toHaveLength(6);
    const rotated = await cli(['audit', 'export', '--type', 'KeyRotated'], env);
    expect(rotated.stdout.trim().split('\n').map((line) => JSON.parse(line).type)).toEqual(['KeyRotated', 'KeyRotated']);
  });

  it('verify re-checks the chain itself and against a head kept from an earlier review', async () => {
    const head = (await auditGet(stack, '/v1/audit/integrity', admin)).body.head;
    const plain = await cli(['audit', 'verify'], env);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('workspace acme: INTACT');
    expect(plain.stdout).toContain(`chain head now:  5:${head.hash}`);
    const anchored = await cli(['audit', 'verify', '--json', '--expect-head', `${head.seq}:${head.hash}`], env);
    expect(JSON.parse(anchored.stdout)).toMatchObject({ ok: true, server: { ok: true, anchor: 'matched' }, local: { ok: true, checked: 5, anchor: 'matched' } });
    expect((await cli(['audit', 'verify', '--from-seq', '3'], env)).code).toBe(0);
    expect((await cli(['audit', 'verify', '--expect-head', 'nonsense'], env)).code).toBe(2);
  });

  it('verify --file checks an archived export offline and names the first broken entry of a tampered one', async () => {
    const file = join(dir, 'trail.ndjson');
    await cli(['audit', 'export', '--out', file], env);
    const intact = await cli(['audit', 'verify', '--file', file], env);
    expect([intact.code, intact.stdout]).toEqual([0, expect.stringContaining('intact: 5 entries checked')]);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    lines[2] = lines[2].replace('CDN uploader', 'CDN upl0ader');
    writeFileSync(file, lines.join('\n') + '\n');
    const broken = await cli(['audit', 'verify', '--file', file], env);
    expect(broken.code).toBe(4);
    expect(broken.stdout).toMatch(/BROKEN at seq 3 \(entry [0-9a-f-]{36}\): RECORD_ALTERED/);
  });

  it('review prints the report as JSON or CSV, with the thresholds given', async () => {
    const json = await cli(['audit', 'review', '--unused-for-days', '1', '--not-rotated-for-days', '1'], env);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ workspaceId: 'acme', parameters: { unusedForDays: 1, notRotatedForDays: 1 } });
    const csv = await cli(['audit', 'review', '--format', 'csv'], env);
    expect(parseCsv(csv.stdout)[0][0]).toBe('section');
  });

  it('refuses a key without audit:read (6), a missing key (78), a bad store address (78) and an unknown subcommand (2)', async () => {
    const noScope = await stack.request('POST', '/v1/keys', { token: admin, body: { name: 'no audit', scopes: ['usage:read'], expiresAt: inDays(5) } });
    const refused = await cli(['audit', 'export'], { ...env, PXXL_API_KEY: noScope.body.key });
    expect([refused.code, refused.stderr]).toEqual([6, expect.stringContaining('403 INSUFFICIENT_SCOPE')]);
    expect(refused.stderr).toContain('lacks audit:read');
    const noKey = await cli(['audit', 'verify'], { PXXL_AUDIT_URL: stack.auditUrl });
    expect([noKey.code, noKey.stderr]).toEqual([78, expect.stringContaining('PXXL_API_KEY: is required')]);
    expect((await cli(['audit', 'reconcile'], { MONGODB_URI: 'postgres://nope' })).code).toBe(78);
    expect((await cli(['audit', 'sign'], env)).code).toBe(2);
  });

  it('reconcile and the health detail report an event whose audit entry was dropped', async () => {
    await auditCaughtUp(stack);
    const monitor = stack.app('audit').get(CompletenessMonitor, { strict: false });
    const complete = await cli(['audit', 'reconcile'], env);
    expect([complete.code, complete.stdout]).toEqual([0, expect.stringMatching(/^COMPLETE: \d+ stored events, \d+ audit entries/)]);
    await monitor.run();
    const healthy = (await (await fetch(`${stack.auditUrl}/health`)).json()) as any;
    expect(healthy.checks.auditTrail).toEqual({ ok: true, detail: expect.stringMatching(/^complete: \d+ events, \d+ entries/) });

    const dropped = await stack.db('audit').collection('audit_entries').findOne({ workspaceId: 'acme', type: 'KeyRotated' });
    await stack.db('audit').collection('audit_entries').deleteOne({ _id: dropped!._id });

    // Events stored within the grace period count as on their way; these were stored seconds ago.
    expect((await cli(['audit', 'reconcile'], env)).stdout).toMatch(/^COMPLETE: .* on their way/);
    const gap = await cli(['audit', 'reconcile', '--workspace', 'acme', '--grace-seconds', '0'], env);
    expect(gap.code).toBe(4);
    expect(gap.stdout).toContain('GAPS FOUND');
    expect(gap.stdout).toContain(`missing entry: event ${dropped!.eventId} (KeyRotated of key ${dropped!.keyId} v2, workspace acme)`);
    const json = JSON.parse((await cli(['audit', 'reconcile', '--json', '--grace-seconds', '0'], env)).stdout);
    expect(json).toMatchObject({ ok: false, missing: { count: 1, items: [{ eventId: dropped!.eventId }] } });

    await monitor.run();
    const response = await fetch(`${stack.auditUrl}/health`);
    expect(response.status).toBe(503);
    const health = (await response.json()) as any;
    expect(health.checks.auditTrail).toEqual({ ok: false, detail: expect.stringContaining(`1 events without an entry`) });
    expect(health.checks.auditTrail.detail).toContain(dropped!.eventId);

    const verify = await cli(['audit', 'verify'], env);
    expect(verify.code).toBe(4);
    expect(verify.stdout).toContain('NOT INTACT');
    expect(verify.stdout).toContain('ENTRY_MISSING');
  });
});
