import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { httpRequest } from '../support/http';
import { ProcessStack } from '../support/process-stack';
import { NO_DIFFERENCES, reconcileWhenSettled } from '../support/reconcile';
import { isolatedEnv } from '../support/test-infra';

const LONG = process.env.PXXL_FAULTS === 'long';
const DURATION_MS = LONG ? 10 * 60_000 : 30_000;
const WORKERS = 8;
const ROOT = join(__dirname, '..', '..');
const APPS = ['key-service', 'projector', 'audit'] as const;
const inDays = (days: number) => new Date(Date.now() + days * 86400_000).toISOString();

/** Statuses that are correct outcomes of racing workers, not errors. */
const EXPECTED: Record<string, number[]> = {
  verify: [200],
  create: [201, 202],
  rotate: [200, 202, 409],
  revoke: [200, 202, 409],
};

/**
 * A soak: mixed traffic (mostly verification) from this process against the
 * apps running as processes, on loopback. No unexpected answers, no memory
 * growth trend, and a reconciliation with zero differences at the end.
 * Figures go to bench/results/soak-<short|long>.{json,md}.
 */
describe('load: soak with mixed traffic', () => {
  const env = isolatedEnv({ LOG_LEVEL: 'warn', READ_YOUR_WRITES_TIMEOUT_MS: '5000' });
  const stack = new ProcessStack(env, mkdtempSync(join(tmpdir(), 'pxxl-soak-logs-')));
  let admin: string;

  beforeAll(async () => {
    for (const app of APPS) await stack.start(app, app);
    admin = JSON.parse(
      execFileSync(process.execPath, [join(ROOT, 'bin/pxxl-keys.js'), 'bootstrap', '--workspace', 'soak', '--json'], { env: { ...process.env, ...env }, encoding: 'utf8' }),
    ).key;
  }, 180000);

  afterAll(() => stack.stop());

  it(`runs ${DURATION_MS / 1000} s of mixed traffic without unexpected answers or memory growth`, async () => {
    const keys: Array<{ id: string; key: string }> = [];
    for (let i = 0; i < 20; i++) {
      const created = await httpRequest(stack.url, 'POST', '/v1/keys', { token: admin, body: { name: `seed ${i}`, scopes: ['usage:read'], expiresAt: inDays(5) } });
      keys.push({ id: created.body.id, key: created.body.key });
    }
    const counts: Record<string, Record<number, number>> = {};
    const unexpected: string[] = [];
    const samples: Array<{ atS: number } & Record<string, number | undefined>> = [];
    const started = Date.now();
    const sampler = setInterval(() => samples.push({ atS: Math.round((Date.now() - started) / 1000), ...Object.fromEntries(APPS.map((a) => [a, stack.rssMiB(a)])) }), 2000);

    const worker = async (w: number) => {
      for (let i = 0; Date.now() - started < DURATION_MS; i++) {
        const roll = (i * 7 + w * 13) % 100;
        const target = keys[(i + w) % keys.length];
        const op = roll < 85 ? 'verify' : roll < 90 ? 'create' : roll < 95 ? 'rotate' : 'revoke';
        const response =
          op === 'verify'
            ? await httpRequest(stack.url, 'POST', '/v1/verify', { body: { key: target.key } })
            : op === 'create'
              ? await httpRequest(stack.url, 'POST', '/v1/keys', { token: admin, body: { name: `w${w}-${i}`, scopes: ['usage:read'], expiresAt: inDays(5) } })
              : await httpRequest(stack.url, 'POST', `/v1/keys/${target.id}/${op}`, { token: admin, body: {} });
        counts[op] ??= {};
        counts[op][response.status] = (counts[op][response.status] ?? 0) + 1;
        if (!EXPECTED[op].includes(response.status)) unexpected.push(`${op} ${response.status} ${response.text.slice(0, 100)}`);
        if (op === 'create' && response.status < 300) keys.push({ id: response.body.id, key: response.body.key });
        if (op === 'rotate' && response.status < 300) target.key = response.body.key;
        if (op === 'revoke' && response.status < 300) keys.splice(keys.indexOf(target), 1, ...(keys.length > 5 ? [] : [target]));
      }
    };
    await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));
    clearInterval(sampler);
    const elapsedS = (Date.now() - started) / 1000;

    const db = await mongoose.createConnection(env.MONGODB_URI).asPromise();
    const settleStarted = Date.now();
    let differences;
    try {
      differences = await reconcileWhenSettled(db, env);
    } finally {
      await db.close();
    }
    const settledS = (Date.now() - settleStarted) / 1000;

    const total = Object.values(counts).reduce((sum, byStatus) => sum + Object.values(byStatus).reduce((a, b) => a + b, 0), 0);
    const third = samples[Math.floor(samples.length / 3)] ?? samples[0];
    const last = samples[samples.length - 1];
    const report = {
      scenario: `soak (${LONG ? 'long' : 'short'})`,
      date: new Date().toISOString(),
      node: process.version,
      durationS: elapsedS,
      workers: WORKERS,
      requests: total,
      requestsPerSecond: Math.round(total / elapsedS),
      counts,
      unexpected: unexpected.length,
      rssMiB: { atOneThird: third, atEnd: last, samples },
      reconciliation: differences,
      settledS,
    };
    const name = `soak-${LONG ? 'long' : 'short'}`;
    writeFileSync(join(ROOT, 'bench/results', `${name}.json`), JSON.stringify(report, null, 2) + '\n');
    writeFileSync(
      join(ROOT, 'bench/results', `${name}.md`),
      [
        `# Soak (${LONG ? '10 min' : '30 s'}), ${report.date}`,
        '',
        `${total} requests in ${elapsedS.toFixed(0)} s (${report.requestsPerSecond}/s) from ${WORKERS} concurrent clients on loopback; Node ${process.version}.`,
        '',
        '| operation | answers by status |',
        '| --- | --- |',
        ...Object.entries(counts).map(([op, byStatus]) => `| ${op} | ${Object.entries(byStatus).map(([s, n]) => `${s}: ${n}`).join(', ')} |`),
        '',
        '| app | RSS at 1/3 (MiB) | RSS at end (MiB) |',
        '| --- | --- | --- |',
        ...APPS.map((app) => `| ${app} | ${third?.[app] ?? '?'} | ${last?.[app] ?? '?'} |`),
        '',
        `Unexpected answers: ${unexpected.length}. Store, topic, read model and audit trail agreed ${settledS.toFixed(0)} s after the traffic stopped; differences: ${JSON.stringify(differences) === JSON.stringify(NO_DIFFERENCES) ? 0 : 'some'}.`,
        '',
      ].join('\n'),
    );
    console.log(`[soak] ${total} requests, ${report.requestsPerSecond}/s; RSS MiB at 1/3 ${JSON.stringify(third)} at end ${JSON.stringify(last)}`);

    expect(unexpected).toEqual([]);
    expect(differences).toEqual(NO_DIFFERENCES);
    // A leak shows as growth after warm-up; allow generous noise, flag doubling.
    for (const app of APPS) expect(last[app]!).toBeLessThan(2 * third[app]!);
  }, DURATION_MS + 480000);
});
