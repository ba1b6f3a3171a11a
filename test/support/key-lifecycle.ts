import { displayPrefix, formatToken, newSecret, parseToken, SYSTEM_ACTOR, type KeyEvent } from '@pxxl/contracts';
import * as bcrypt from 'bcrypt';
import { EventRecorder } from '../../apps/key-service/src/keys/commands/shared/event-recorder';
import { decide, fold, type KeyCommand } from '../../apps/key-service/src/keys/domain/api-key';
import { EVENT_STORE, type EventStore } from '../../apps/key-service/src/keys/ports';
import type { TestStack } from './stack';

/**
 * Key lifecycle changes made the way the key service makes them: load the
 * key's events, decide with the domain decider, then append, publish through
 * the outbox relay and wait for the read model (EventRecorder), in the running
 * key-service app. Stands in for `POST /v1/keys/:id/revoke` and
 * `POST /v1/keys/:id/rotate` until those endpoints land (#3): then these
 * helpers become plain HTTP calls and their callers stay as they are.
 */
export async function recordAsKeyService(stack: TestStack, keyId: string, command: KeyCommand): Promise<KeyEvent[]> {
  const app = stack.app('key-service');
  const store = app.get<EventStore>(EVENT_STORE, { strict: false });
  const history = await store.load(keyId);
  const state = fold(history);
  if (!state.exists) throw new Error(`no key ${keyId} in the event store`);
  const decided = decide(command, state);
  const { events, projected } = await app.get(EventRecorder, { strict: false }).record(decided, {
    keyId,
    workspaceId: state.workspaceId,
    expectedVersion: state.version,
    actor: SYSTEM_ACTOR,
    now: new Date(),
  });
  if (!projected) throw new Error(`the read model did not catch up with ${keyId} v${events[events.length - 1].version}`);
  return events;
}

/** Revokes the key of `token` (or with this id); resolves when the key service would answer. */
export async function revokeKey(stack: TestStack, keyIdOrToken: string, reason: string | null = null): Promise<KeyEvent> {
  const [event] = await recordAsKeyService(stack, keyIdOf(keyIdOrToken), { type: 'RevokeKey', reason });
  return event;
}

/** Rotates the key of `token` to a new secret; returns the new token, shown once as the key service would. */
export async function rotateKey(stack: TestStack, keyIdOrToken: string, gracePeriodSeconds = 0): Promise<{ token: string; event: KeyEvent }> {
  const keyId = keyIdOf(keyIdOrToken);
  const secret = newSecret();
  const [event] = await recordAsKeyService(stack, keyId, {
    type: 'RotateKey',
    secretHash: await bcrypt.hash(secret, stack.keyServiceConfig.bcryptCost),
    displayPrefix: displayPrefix(keyId, secret),
    gracePeriodSeconds,
    now: new Date(),
  });
  return { token: formatToken(keyId, secret), event };
}

function keyIdOf(keyIdOrToken: string): string {
  const parsed = parseToken(keyIdOrToken);
  return parsed.ok ? parsed.token.keyId : keyIdOrToken;
}
