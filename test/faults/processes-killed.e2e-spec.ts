import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { httpRequest } from '../support/http';
import { ProcessStack } from '../support/process-stack';
import { NO_DIFFERENCES, reconcileWhenSettled } from '../support/reconcile';
import { isolatedEnv } from '../support/test-infra';
import mongoose from 'mongoose';

const LONG = process.env.PXXL_FAULTS === 'long';
const ROOT = join(__dirname, '..', '..');
const inDays = (days: number) => new Date(Date.now() + days * 86400_000).toISOString();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The apps run as processes and are SIGKILLed mid-work: two projectors (one
 * killed: its partitions move to the other), the audit consumer (killed and
 * restarted) and the key service (killed with commands in flight, between
 * append and publish by chance, and restarted). Every command answered 2xx
 * must be in the store, the read model and the audit trail exactly once.
 */
describe('fault: app processes are killed and restarted', () => {
  const env = isolatedEnv({ READ_YOUR_WRITES_TIMEOUT_MS: '2000', OUTBOX_SWEEP_INTERVAL_MS: '1000', LOG_LEVEL: 'warn' });
  const stack = new ProcessStack(env, mkdtempSync(join(tmpdir(), 'pxxl-faults-logs-')));
  let admin: string;

  beforeAll(async () => {
    await stack.start('projector-1', 'projector');
    await stack.start('projector-2', 'projector');
    await stack.start('audit', 'audit');
    await stack.start('key-service', 'key-service');
    const out = execFileSync(process.execPath, [join(ROOT, 'bin/pxxl-keys.js'), 'bootstrap', '--workspace', 'acme', '--json'], {
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    admin = JSON.parse(out).key;
  }, 180000);

  afterAll(() => stack.stop());

  it('loses nothing and applies nothing twice', async () => {
    const accepted: Array<{ op: string; keyId: string; version: number }> = [];
    const live: string[] = [];
    let stop = false;
    const request = (method: string, path: string, body: unknown) => httpRequest(stack.url, method, path, { token: admin, body }).catch(() => undefined);

    const stream = (async () => {
      for (let i = 0; !stop; i++) {
        const op = i % 3 === 0 || live.length === 0 ? 'create' : i % 3 === 1 ? 'rotate' : 'revoke';
        const target = op === 'create' ? undefined : op === 'rotate' ? live[live.length - 1] : live[0];
        const response =
          op === 'create'
            ? await request('POST', '/v1/keys', { name: `k${i}`, scopes: ['usage:read'], expiresAt: inDays(5) })
            : await request('POST', `/v1/keys/${target}/${op}`, {});
        if (!response) {
          await sleep(100); // key service down: the client retries later, nothing was answered
          continue;
        }
        expect(response.status).toBeLessThan(500);
        if (response.status < 300) {
          const keyId = response.body.id;
          accepted.push({ op, keyId, version: response.body.version });
          if (op === 'create') live.push(keyId);
          if (op === 'revoke') live.splice(live.indexOf(keyId), 1);
        }
      }
    })();

    await sleep(1500);
    await stack.kill('projector-1');
    await sleep(1500);
    await stack.kill('audit');
    await sleep(LONG ? 4000 : 1500);
    await stack.start('audit', 'audit');
    await stack.kill('key-service');
    await sleep(1000);
    await stack.start('key-service', 'key-service');
    await sleep(LONG ? 10000 : 3000);
    stop = true;
    await stream;
    expect(accepted.length).toBeGreaterThan(5);

    const db = await mongoose.createConnection(env.MONGODB_URI).asPromise();
    try {
      const differences = await reconcileWhenSettled(db, env);
      expect(differences).toEqual(NO_DIFFERENCES);
      for (const { keyId, version } of accepted) {
        const stored = await db.collection('key_events').countDocuments({ _id: `${keyId}:${version}` as never });
        const event = await db.collection('key_events').findOne({ _id: `${keyId}:${version}` as never });
        expect([keyId, version, stored]).toEqual([keyId, version, 1]);
        expect(await db.collection('audit_entries').countDocuments({ eventId: event!.eventId })).toBe(1);
      }
    } finally {
      await db.close();
    }
  }, 420000);
});
