import { keptForeverTopic, type KafkaClient } from '@pxxl/kafka';

/**
 * Creates a one-partition topic kept forever (`retention.ms = -1`) unless it exists: where the audit
 * app publishes what must outlive its database. Replicated as the cluster allows (3 copies and
 * `min.insync.replicas=2` from three brokers on: libs/kafka topic-replication).
 */
export async function ensureForeverTopic(kafka: KafkaClient, topic: string): Promise<void> {
  const admin = kafka.kafka.admin();
  await admin.connect();
  try {
    if (!(await admin.listTopics()).includes(topic)) {
      await admin.createTopics({ waitForLeaders: true, topics: [await keptForeverTopic(admin, topic, 1)] });
    }
  } finally {
    await admin.disconnect();
  }
}
