import { envelopeEvent, type DecidedEvent, type KeyEvent } from '@pxxl/contracts';
import { randomBytes, randomUUID } from 'node:crypto';
import { EventOutbox } from '@pxxl/event-store';
import { runCli } from '../../apps/key-service/src/cli/run-cli';
import type { TestStack } from './stack';
import { eventually } from './test-infra';
import { waitForCaughtUp } from './topic-reader';

/** A GET on the audit app's reviewer API. */
export function auditGet(stack: TestStack, path: string, token?: string) {
  return stack.request('GET', path, { token, app: 'audit' });
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const base62 = (length: number) => Array.from(randomBytes(length), (b) => BASE62[b % 62]).join('');

/** A bcrypt-shaped hash (the schema's pattern), unique per call: never a real one. */
export const fakeSecretHash = () => `$2b$08$${base62(53)}`;
export const newTestKeyId = () => base62(16);

/**
 * Valid events of the real schemas, for what the key service cannot do
 * through its API (a key that never expires) or for bulk: stamped here,
 * then stored as the key service stores them (see storeAndPublish).
 */
export function keyEvent(decided: DecidedEvent, fields: { keyId: string; workspaceId: string; version: number; occurredAt?: Date; actor?: string }): KeyEvent {
  return envelopeEvent(decided, {
    eventId: randomUUID(),
    keyId: fields.keyId,
    workspaceId: fields.workspaceId,
    version: fields.version,
    occurredAt: (fields.occurredAt ?? new Date()).toISOString(),
    actor: fields.actor ?? 'system',
  });
}

export function created(keyId: string, data: Partial<Extract<DecidedEvent, { type: 'KeyCreated' }>['data']> = {}): DecidedEvent {
  return {
    type: 'KeyCreated',
    data: { name: `key ${keyId}`, description: null, scopes: ['usage:read'], expiresAt: null, secretHash: fakeSecretHash(), displayPrefix: `pxxl_${keyId}_${base62(4)}`, ...data },
  };
}

/**
 * Appends events to the key service's event store, unpublished, and has its
 * outbox relay publish them: the path every real event takes to the topic.
 */
export async function storeAndPublish(stack: TestStack, events: KeyEvent[]): Promise<void> {
  const storedAt = new Date();
  const docs = events.map((event) => ({ _id: `${event.keyId}:${event.version}`, ...event, storedAt, publishedAt: null }));
  for (let i = 0; i < docs.length; i += 1000) await stack.db().collection('key_events').insertMany(docs.slice(i, i + 1000) as never[]);
  await stack.app('key-service').get(EventOutbox, { strict: false }).sweep(0);
  const ids = docs.map((doc) => doc._id);
  await eventually(async () => ((await stack.db().collection('key_events').countDocuments({ publishedAt: null })) === 0 ? true : undefined), 30000, `${ids.length} events published`);
}

export async function auditCaughtUp(stack: TestStack): Promise<void> {
  await waitForCaughtUp(stack.env, [stack.env.AUDIT_GROUP_ID], 30000);
}

/** Runs `pxxl-keys …` in this process with the given environment; answers its exit code and output. */
export async function cli(argv: string[], env: Record<string, string | undefined>) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (chunk: string | Uint8Array) => (stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    env,
  });
  return { code, stdout, stderr };
}
