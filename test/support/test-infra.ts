import { generateSignerKey } from '@pxxl/audit-trail';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let signingKeyFile: string | undefined;

/** A checkpoint signing key for this test process's audit apps (note format), made once. */
export function testSigningKeyFile(): string {
  if (!signingKeyFile) {
    signingKeyFile = join(mkdtempSync(join(tmpdir(), 'pxxl-audit-key-')), 'audit-signing.key');
    writeFileSync(signingKeyFile, generateSignerKey('pxxl-keys.test', randomBytes(32)) + '\n', { mode: 0o600 });
  }
  return signingKeyFile;
}

/**
 * Every test file gets its own topic, database and consumer groups on the
 * shared broker and store (started by test/infra/global-setup.js), so test
 * files can run in parallel without seeing each other's events.
 */
export function isolatedEnv(overrides: Record<string, string> = {}): Record<string, string> {
  const brokers = process.env.KAFKA_BROKERS;
  const mongo = process.env.MONGODB_URI;
  if (!brokers || !mongo) throw new Error('KAFKA_BROKERS and MONGODB_URI must be set (jest globalSetup starts them)');
  const id = randomBytes(4).toString('hex');
  const base = mongo.replace(/\/[^/?]*(\?.*)?$/, '/');
  return {
    KAFKA_BROKERS: brokers,
    MONGODB_URI: `${base}t_${id}`,
    KAFKA_TOPIC: `pxxl.keys.events.t-${id}`,
    KAFKA_TOPIC_PARTITIONS: '3',
    PROJECTOR_GROUP_ID: `projector-t-${id}`,
    AUDIT_GROUP_ID: `audit-t-${id}`,
    BCRYPT_COST: '8',
    LOG_LEVEL: 'info',
    HOST: '127.0.0.1',
    PORT: '0',
    AUDIT_SIGNING_KEY_FILE: testSigningKeyFile(),
    AUDIT_LOG_ORIGIN: 'pxxl-keys.test/audit',
    // The expiry scheduler would add notices to keys whose clock a test moves, at moments no test
    // chooses: it runs once a day unless a test asks for it (test/keys/expiry-notices.e2e-spec.ts).
    EXPIRY_NOTICE_INTERVAL_MS: '86400000',
    ...overrides,
  };
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 15000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
