import { Logger } from '@nestjs/common';
import { newKeyId } from '@pxxl/contracts';
import { cuttableNetwork } from '../../../../test/support/cuttable-network';
import { asMessage, produce, sampleEvent } from '../../../../test/support/key-events';
import { eventually, isolatedEnv } from '../../../../test/support/test-infra';
import type { HeardEvent, KeyCache, KeyCacheStats } from '@pxxl/verification';
import { KafkaLiveness } from './kafka-liveness';
import { instanceGroupId, RevocationListener } from './revocation-listener';

/** Records what the listener asks of the cache. */
class RecordingCache implements KeyCache {
  readonly calls: Array<{ keyId: string; heard?: HeardEvent }> = [];
  invalidateKey(keyId: string, heard?: HeardEvent): void {
    this.calls.push({ keyId, heard });
  }
  stats(): KeyCacheStats {
    return { hits: 0, lookups: 0, joined: 0, refreshedStale: 0, invalidations: this.calls.length, entries: 0 };
  }
  keys(): string[] {
    return this.calls.map((c) => c.keyId);
  }
}

describe('RevocationListener (real Kafka)', () => {
  const env = isolatedEnv();
  const started: RevocationListener[] = [];

  async function startInstance(kafka?: { socketFactory: ReturnType<typeof cuttableNetwork>['socketFactory'] }) {
    const cache = new RecordingCache();
    const liveness = new KafkaLiveness();
    const listener = new RevocationListener(
      { brokers: env.KAFKA_BROKERS.split(','), topic: env.KAFKA_TOPIC, serviceName: 'deploy-status', kafka },
      cache,
      liveness,
    );
    listener.start();
    started.push(listener);
    await listener.whenCovering();
    return { cache, liveness, listener };
  }

  beforeAll(async () => {
    Logger.overrideLogger(false);
    await produce(env, []);
  });
  afterAll(() => Promise.all(started.map((l) => l.onApplicationShutdown())));

  it('names a consumer group of its own for each process', () => {
    expect(instanceGroupId('deploy-status', 'pod-7f9c', 42, 'a1b2c3d4')).toBe('deploy-status.revocations.pod-7f9c.42.a1b2c3d4');
    expect(instanceGroupId('deploy-status')).not.toBe(instanceGroupId('deploy-status'));
  });

  it('delivers every event on every partition to every instance of a service', async () => {
    const [a, b] = await Promise.all([startInstance(), startInstance()]);
    expect(a.listener.groupId).not.toBe(b.listener.groupId);
    const keys = Array.from({ length: 12 }, () => newKeyId());
    await produce(env, keys.map((keyId) => asMessage(sampleEvent('KeyRevoked', keyId, 2))));
    for (const instance of [a, b]) {
      await eventually(async () => (keys.every((k) => instance.cache.keys().includes(k)) ? true : undefined), 10000, 'all revocations');
    }
    expect(a.cache.calls.find((c) => c.keyId === keys[0])?.heard).toEqual({ version: 2, revoked: true });
  });

  it('drops cached answers on KeyRotated and KeyUpdated too, remembering the version', async () => {
    const { cache } = await startInstance();
    const [rotated, updated] = [newKeyId(), newKeyId()];
    await produce(env, [asMessage(sampleEvent('KeyRotated', rotated, 2)), asMessage(sampleEvent('KeyUpdated', updated, 3))]);
    await eventually(async () => (cache.calls.length >= 2 ? true : undefined), 10000, 'two invalidations');
    expect(cache.calls).toEqual(
      expect.arrayContaining([
        { keyId: rotated, heard: { version: 2, revoked: false } },
        { keyId: updated, heard: { version: 3, revoked: false } },
      ]),
    );
  });

  it('skips a poison message with a warning and goes on; one keyed by a key id still drops that key', async () => {
    const { cache, listener } = await startInstance();
    const warn = jest.spyOn(listener['logger'] as Logger, 'warn');
    const [poisoned, next] = [newKeyId(), newKeyId()];
    await produce(env, [
      { key: poisoned, value: 'not json at all' },
      { key: 'not-a-key-id', value: JSON.stringify({ ...sampleEvent('KeyRevoked', next, 2), type: 'KeyExploded' }) },
      asMessage(sampleEvent('KeyRevoked', next, 2)),
    ]);
    const skips = () =>
      warn.mock.calls
        .map(([entry]) => entry as { msg: string; reason?: string })
        .filter((w) => w.msg === 'skipped a message that is not a valid key event')
        .map((w) => w.reason);
    await eventually(async () => (cache.keys().includes(next) && skips().length === 2 ? true : undefined), 10000, 'the revocation after the poison');
    // Different keys may sit on different partitions: no order between them.
    expect(cache.keys().sort()).toEqual([poisoned, next].sort());
    expect(skips().sort()).toEqual(['NOT_JSON', 'UNKNOWN_TYPE']);
    warn.mockRestore();
  });

  it('stays fresh while idle (no messages), and goes stale when Kafka becomes unreachable', async () => {
    const network = cuttableNetwork();
    const { liveness } = await startInstance({ socketFactory: network.socketFactory });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(Date.now() - liveness.lastHeardAt()).toBeLessThan(1000);
    network.cut();
    await eventually(async () => (Date.now() - liveness.lastHeardAt() > 2000 ? true : undefined), 10000, 'the listener to go stale');
    network.restore();
    await eventually(async () => (Date.now() - liveness.lastHeardAt() < 1000 ? true : undefined), 20000, 'the listener to recover');
  });
});
