import type { KafkaClient } from '@pxxl/kafka';

/** Creates a one-partition topic kept forever (`retention.ms = -1`) unless it exists: where the audit app publishes what must outlive its database. */
export async function ensureForeverTopic(kafka: KafkaClient, topic: string): Promise<void> {
  const admin = kafka.kafka.admin();
  await admin.connect();
  try {
    if (!(await admin.listTopics()).includes(topic)) {
      await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 1, replicationFactor: -1, configEntries: [{ name: 'retention.ms', value: '-1' }] }] });
    }
  } finally {
    await admin.disconnect();
  }
}
