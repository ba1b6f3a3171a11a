import { newKeyId } from '@pxxl/contracts';
import { asMessage, produce, sampleEvent } from '../../../test/support/key-events';
import { eventually, isolatedEnv } from '../../../test/support/test-infra';
import { subscribeToRevocations, type Revocation } from './revocation-subscriber';

describe('examples/revocation-subscriber', () => {
  const env = isolatedEnv();
  const [early, kept, late] = [newKeyId(), newKeyId(), newKeyId()];
  const printed: Revocation[] = [];
  const skipped: string[] = [];
  let subscription: Awaited<ReturnType<typeof subscribeToRevocations>>;

  beforeAll(async () => {
    // History written before the subscriber exists.
    await produce(env, [
      asMessage(sampleEvent('KeyCreated', early, 1)),
      asMessage(sampleEvent('KeyCreated', kept, 1)),
      asMessage(sampleEvent('KeyRevoked', early, 2)),
      { key: kept, value: '{"type":"KeyRevoked","schemaVersion":1}' },
      asMessage(sampleEvent('KeyUpdated', kept, 2)),
    ]);
    subscription = await subscribeToRevocations({
      brokers: env.KAFKA_BROKERS.split(','),
      topic: env.KAFKA_TOPIC,
      onRevoked: (revocation) => printed.push(revocation),
      onSkipped: (problem) => skipped.push(problem),
    });
  });

  afterAll(() => subscription.stop());

  it('catches up from the start of the topic, skipping a poison message', async () => {
    await eventually(async () => (subscription.revoked.has(early) ? true : undefined), 20000, 'the early revocation');
    expect(printed).toEqual([{ keyId: early, workspaceId: 'acme', reason: 'leaked', occurredAt: expect.any(String) }]);
    await eventually(async () => (skipped.length === 1 ? true : undefined), 5000, 'the poison message');
    expect(skipped[0]).toContain('KeyRevoked.v1 violates its schema');
    expect(subscription.revoked.has(kept)).toBe(false);
  });

  it('then follows live revocations, printing each key once though delivery is at least once', async () => {
    const revocation = sampleEvent('KeyRevoked', late, 2);
    await produce(env, [asMessage(sampleEvent('KeyCreated', late, 1)), asMessage(revocation), asMessage(revocation)]);
    await eventually(async () => (subscription.revoked.has(late) ? true : undefined), 10000, 'the live revocation');
    await produce(env, [asMessage(sampleEvent('KeyRevoked', early, 2))]);
    await eventually(async () => (printed.length >= 2 ? true : undefined), 5000, 'two revocations printed');
    expect(printed.map((r) => r.keyId)).toEqual([early, late]);
  });
});
