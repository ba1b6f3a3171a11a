import { DEFAULT_KEY_EVENTS_TOPIC, displayPrefix, newSecret, SYSTEM_ACTOR, type KeyEvent, type KeyEventType } from '@pxxl/contracts';
import { Kafka, logLevel, Partitioners, type Message } from 'kafkajs';
import { randomUUID } from 'node:crypto';

const HASH = '$2b$08$' + 'a'.repeat(53);

/** A valid event of each type (schemaVersion 1), for tests that feed the topic directly. */
export function sampleEvent(type: KeyEventType, keyId: string, version: number, workspaceId = 'acme'): KeyEvent {
  const envelope = { eventId: randomUUID(), keyId, workspaceId, version, occurredAt: new Date().toISOString(), actor: SYSTEM_ACTOR, schemaVersion: 1 as const };
  const prefix = displayPrefix(keyId, newSecret());
  switch (type) {
    case 'KeyCreated':
      return {
        ...envelope,
        type,
        data: { name: 'sample', description: null, scopes: ['deployments:read'], expiresAt: null, secretHash: HASH, displayPrefix: prefix },
      };
    case 'KeyRotated':
      return { ...envelope, type, data: { secretHash: HASH, displayPrefix: prefix, gracePeriodSeconds: 0, previousSecretValidUntil: null } };
    case 'KeyRevoked':
      return { ...envelope, type, data: { reason: 'leaked' } };
    case 'KeyUpdated':
      return { ...envelope, type, data: { name: 'renamed' } };
    case 'KeyLimitsChanged':
      return { ...envelope, type, data: { rateLimit: { limit: 100, windowSeconds: 60 }, usage: null, allowedIps: ['10.0.0.0/8'] } };
    case 'KeyCreditsAdded':
      return { ...envelope, type, data: { amount: 10, period: 'all' } };
    case 'KeyExpiring':
      return { ...envelope, type, data: { thresholdDays: 14, expiresAt: '2027-01-31T00:00:00.000Z', owner: 'team:payments' } };
    case 'KeyExpired':
      return { ...envelope, type, data: { expiresAt: '2027-01-31T00:00:00.000Z', owner: 'team:payments' } };
    case 'KeyOwnerChanged':
      return { ...envelope, type, data: { owner: 'team:payments', previousOwner: null } };
  }
}

/** As the outbox relay sends them: message key = keyId, JSON value. */
export function asMessage(event: KeyEvent): Message {
  return { key: event.keyId, value: JSON.stringify(event), headers: { 'event-type': event.type } };
}

/** Creates the key topic (3 partitions, kept forever) and its dead-letter topic if missing, then produces `messages` in order. */
export async function produce(env: Record<string, string>, messages: Message[], topic = env.KAFKA_TOPIC ?? DEFAULT_KEY_EVENTS_TOPIC): Promise<void> {
  const kafka = new Kafka({ clientId: 'test-producer', brokers: env.KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const wanted = [topic, `${topic}.dlq`].filter((t) => !existing.has(t));
    if (wanted.length > 0) {
      await admin.createTopics({ waitForLeaders: true, topics: wanted.map((t) => ({ topic: t, numPartitions: t === topic ? 3 : 1 })) });
    }
  } finally {
    await admin.disconnect();
  }
  if (messages.length === 0) return;
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
  await producer.connect();
  try {
    await producer.send({ topic, acks: -1, messages });
  } finally {
    await producer.disconnect();
  }
}
