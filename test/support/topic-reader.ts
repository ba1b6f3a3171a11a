import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';
import { MongoClient } from 'mongodb';
import type { Connection } from 'mongoose';

/** Reads a topic from the beginning with a throwaway consumer group until `done(messages)` is true. */
export async function readTopic(
  env: Record<string, string>,
  done: (messages: KafkaMessage[]) => boolean,
  options: { topic?: string; timeoutMs?: number } = {},
): Promise<KafkaMessage[]> {
  const kafka = new Kafka({ clientId: 'test-reader', brokers: env.KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `reader-${randomBytes(4).toString('hex')}`, maxWaitTimeInMs: 100 });
  const messages: KafkaMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: options.topic ?? env.KAFKA_TOPIC, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`topic reader timed out with ${messages.length} messages`)), options.timeoutMs ?? 20000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          messages.push(message);
          if (done(messages)) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return messages;
}

/**
 * Waits until every stored event is on the topic (a creation answers before
 * its event is published), then until every named consumer group has
 * committed offsets up to the end of the topic.
 */
export async function waitForCaughtUp(env: Record<string, string>, groupIds: string[], timeoutMs = 20000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const store = await MongoClient.connect(env.MONGODB_URI);
  try {
    while ((await store.db().collection('key_events').countDocuments({ publishedAt: null })) > 0) {
      if (Date.now() > deadline) throw new Error('stored events were not all published');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await store.close();
  }
  const kafka = new Kafka({ clientId: 'test-lag', brokers: env.KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (;;) {
      const ends = await admin.fetchTopicOffsets(env.KAFKA_TOPIC);
      const lags = await Promise.all(
        groupIds.map(async (groupId) => {
          const [committed] = await admin.fetchOffsets({ groupId, topics: [env.KAFKA_TOPIC] });
          return ends.some((end) => {
            if (end.high === end.low) return false; // an empty partition has nothing to consume
            const at = committed.partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
            return Number(at) < Number(end.high);
          });
        }),
      );
      if (!lags.includes(true)) return;
      if (Date.now() > deadline) throw new Error(`consumer groups ${groupIds.join(', ')} did not catch up`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await admin.disconnect();
  }
}

/**
 * Publishes every event of the stack's event store again, as a relay retry
 * after a crash would: consumers must change nothing. Answers how many.
 */
export async function redeliverStoredEvents(db: Connection, env: Record<string, string>): Promise<number> {
  const stored = await db.collection('key_events').find({}).toArray();
  const kafka = new Kafka({ clientId: 'redeliver', brokers: env.KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });
  const producer = kafka.producer();
  await producer.connect();
  try {
    await producer.send({
      topic: env.KAFKA_TOPIC,
      messages: stored.map(({ _id, storedAt, publishedAt, ...event }) => ({ key: event.keyId as string, value: JSON.stringify(event) })),
    });
  } finally {
    await producer.disconnect();
  }
  return stored.length;
}
