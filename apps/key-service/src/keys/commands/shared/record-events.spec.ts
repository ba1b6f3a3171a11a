import type { DecidedEvent, StoredWorkspaceEvent, StreamEvent } from '@pxxl/contracts';
import { decide, fold, type KeyCommand } from '../../domain/api-key';
import { afterAppend, stampKeyEvents, type AfterAppend } from './record-events';

const NOW = new Date('2026-01-10T12:00:00.000Z');
const KEY_ID = 'AbCdEfGh12345678';
const created: DecidedEvent = {
  type: 'KeyCreated',
  data: { name: 'Deploy bot', description: null, scopes: ['deployments:read'], expiresAt: null, secretHash: '$2b$10$' + 'a'.repeat(53), displayPrefix: `pxxl_${KEY_ID}_abcd` },
};
const stamp = (decided: DecidedEvent[], expectedVersion: number) => stampKeyEvents(decided, { keyId: KEY_ID, workspaceId: 'acme', expectedVersion, actor: 'system', now: NOW });
const policyChanged = (version: number): StoredWorkspaceEvent => ({
  eventId: `p-${version}`,
  type: 'WorkspacePolicyChanged',
  schemaVersion: 1,
  workspaceId: 'acme',
  version,
  occurredAt: NOW.toISOString(),
  actor: 'system',
  data: { maxLifetimeDays: 30, allowNonExpiring: false, maxGracePeriodSeconds: 0, scopeAllowList: null },
});

/** given(the key's decided history) / when(a command, decided and stamped) / then(what recording does after the append). */
function given(history: DecidedEvent[]) {
  const stored = stamp(history, 0);
  return {
    when(command: KeyCommand) {
      const appended = stamp(decide(command, fold(stored)), stored.length);
      return { then: (expected: AfterAppend) => expect(afterAppend(appended)).toBe(expected) };
    },
  };
}

describe('afterAppend: what a command waits for once its events are stored', () => {
  it('shows a creation at once and publishes without waiting', () => {
    expect(afterAppend(stamp([created], 0))).toBe('show-created');
  });

  it('publishes a revocation and waits for the projection', () => {
    given([created]).when({ type: 'RevokeKey', reason: 'rotated out' }).then('publish-and-wait-for-projection');
  });

  it('publishes a rename and waits for the projection', () => {
    given([created]).when({ type: 'UpdateKey', name: 'Renamed bot' }).then('publish-and-wait-for-projection');
  });

  it('shows a creation with its limits at once too', () => {
    const limits: DecidedEvent = { type: 'KeyLimitsChanged', data: { rateLimit: { limit: 10, windowSeconds: 60 }, usage: null, allowedIps: null } };
    expect(afterAppend(stamp([created, limits], 0))).toBe('show-created');
    const owner: DecidedEvent = { type: 'KeyOwnerChanged', data: { owner: 'team:payments', previousOwner: null } };
    expect(afterAppend(stamp([created, owner, limits], 0))).toBe('show-created');
  });

  it('waits for the projection when a creation comes with further events', () => {
    const events: StreamEvent[] = stamp([created, { type: 'KeyRevoked', data: { reason: null } }], 0);
    expect(afterAppend(events)).toBe('publish-and-wait-for-projection');
  });

  it('publishes a workspace policy change without a projection to wait for', () => {
    expect(afterAppend([policyChanged(1)])).toBe('publish');
  });

  it('publishes an expiry notice without waiting for the projection: verification reads nothing it changes', () => {
    const expiring = { ...created, data: { ...created.data, expiresAt: '2026-01-20T12:00:00.000Z' } } as DecidedEvent;
    given([expiring]).when({ type: 'NoticeExpiry', thresholdDays: [14, 1], now: new Date('2026-01-19T13:00:00.000Z') }).then('publish');
  });

  it('stamps an expiry notice with the same eventId however often it is decided, other events with fresh ones', () => {
    const notice: DecidedEvent = { type: 'KeyExpiring', data: { thresholdDays: 14, expiresAt: '2026-01-20T12:00:00.000Z', owner: null } };
    expect(stamp([notice], 3)[0].eventId).toBe(stamp([notice], 4)[0].eventId);
    expect(stamp([created], 0)[0].eventId).not.toBe(stamp([created], 0)[0].eventId);
  });

  it('does nothing when the decision changed nothing', () => {
    expect(afterAppend([])).toBe('nothing');
  });
});
