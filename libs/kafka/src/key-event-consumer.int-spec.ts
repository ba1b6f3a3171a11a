import { Logger } from '@nestjs/common';
import { deadLetterTopic, newKeyId, type TopicEvent } from '@pxxl/contracts';
import { asMessage, produce, sampleEvent } from '../../../test/support/key-events';
import { eventually, isolatedEnv } from '../../../test/support/test-infra';
import { readTopic } from '../../../test/support/topic-reader';
import { KafkaClient } from './kafka.client';
import { startKeyEventConsumer } from './key-event-consumer';

describe('startKeyEventConsumer (real Kafka)', () => {
  const env = isolatedEnv();
  const client = new KafkaClient({ brokers: env.KAFKA_BROKERS.split(','), clientId: 'dlq-test', topic: env.KAFKA_TOPIC, topicPartitions: 3 });
  const handled: TopicEvent[] = [];

  beforeAll(async () => {
    Logger.overrideLogger(false);
    await client.onModuleInit();
  });

  afterAll(() => client.onApplicationShutdown());

  it('sends a poison message to the dead-letter topic with its reason, and goes on consuming', async () => {
    const keyId = newKeyId();
    await produce(env, [
      { key: keyId, value: 'not json' },
      { key: keyId, value: JSON.stringify({ ...sampleEvent('KeyRevoked', keyId, 2), data: { reason: 42 } }) },
      asMessage(sampleEvent('KeyCreated', keyId, 1)),
    ]);
    await startKeyEventConsumer(client, { groupId: `dlq-test-${keyId}`, handle: async (event) => void handled.push(event) });

    await eventually(async () => (handled.length === 1 ? true : undefined), 20000, 'the valid event');
    expect(handled[0]).toMatchObject({ type: 'KeyCreated', keyId });
    const dead = await readTopic(env, (all) => all.length >= 2, { topic: deadLetterTopic(env.KAFKA_TOPIC) });
    expect(dead.map((m) => m.headers?.['x-dlq-reason']?.toString())).toEqual(['NOT_JSON', 'SCHEMA_VIOLATION']);
    expect(dead.map((m) => m.value?.toString())[0]).toBe('not json');
    expect(dead[1].headers?.['x-original-topic']?.toString()).toBe(env.KAFKA_TOPIC);
  });
});
