import { newKeyId, type KeyEvent } from '@pxxl/contracts';
import { asMessage, produce, sampleEvent } from '../../../test/support/key-events';
import { eventually, isolatedEnv } from '../../../test/support/test-infra';
import { notifyOwnersOfExpiry, type OwnerNotice } from './expiry-notifier';

const NOW = new Date('2027-01-20T00:00:00.000Z');

function notice(type: 'KeyExpiring' | 'KeyExpired', keyId: string, version: number, data: Partial<Record<string, unknown>> = {}): KeyEvent {
  const event = sampleEvent(type, keyId, version);
  return { ...event, data: { ...event.data, ...data } } as KeyEvent;
}

describe('examples/expiry-notifier', () => {
  const env = isolatedEnv();
  const groupId = `expiry-notifier-${env.KAFKA_TOPIC}`;
  const [owned, unowned, stale] = [newKeyId(), newKeyId(), newKeyId()];
  const told: OwnerNotice[] = [];
  const start = () => notifyOwnersOfExpiry({ brokers: env.KAFKA_BROKERS.split(','), topic: env.KAFKA_TOPIC, groupId, notify: (n) => void told.push(n), now: () => NOW });

  it('tells the owner, or the workspace’s admins for a key without one, once per notice though delivery is at least once', async () => {
    const expiring = notice('KeyExpiring', owned, 2);
    await produce(env, [
      asMessage(sampleEvent('KeyCreated', owned, 1)),
      asMessage(expiring),
      asMessage(expiring),
      asMessage(notice('KeyExpiring', unowned, 2, { thresholdDays: 1, owner: null })),
      // About an expiry that has passed by now: KeyExpired says it, the warning would only confuse.
      asMessage(notice('KeyExpiring', stale, 2, { expiresAt: '2027-01-01T00:00:00.000Z' })),
      asMessage(sampleEvent('KeyRevoked', stale, 3)),
    ]);
    const notifier = await start();
    try {
      await eventually(async () => (told.length >= 2 ? true : undefined), 40000, 'two owners told');
      // Two keys, two partitions: no order between them.
      expect(told).toHaveLength(2);
      expect(told).toEqual(expect.arrayContaining([
        expect.objectContaining({ to: 'team:payments', keyId: owned, kind: 'expiring', thresholdDays: 14, text: `key ${owned} expires within 14 days (at 2027-01-31T00:00:00.000Z): rotate or replace it before then` }),
        expect.objectContaining({ to: 'workspace:acme', keyId: unowned, kind: 'expiring', thresholdDays: 1 }),
      ]));
    } finally {
      await notifier.stop();
    }
  });

  it('goes on after a restart where it stopped, telling nobody twice', async () => {
    await produce(env, [asMessage(notice('KeyExpired', owned, 3))]);
    const notifier = await start();
    try {
      await eventually(async () => (told.length >= 3 ? true : undefined), 20000, 'the expired notice');
      expect(told.slice(2)).toEqual([expect.objectContaining({ to: 'team:payments', keyId: owned, kind: 'expired', expiresAt: '2027-01-31T00:00:00.000Z' })]);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(told).toHaveLength(3);
    } finally {
      await notifier.stop();
    }
  });
});
