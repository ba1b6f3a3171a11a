import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';

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
