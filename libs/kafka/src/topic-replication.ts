import type { Admin, ITopicConfig } from 'kafkajs';

/**
 * How many copies of a topic the cluster keeps, and how many must have a
 * write before it is acknowledged (producers send with acks=-1): three and
 * two from three brokers on, so one broker can be lost (killed, restarted,
 * paused) without losing an acknowledged event or refusing writes; on a
 * smaller cluster (development) every broker, and one.
 */
export function topicReplication(brokerCount: number): { replicationFactor: number; minInsyncReplicas: number } {
  const replicationFactor = Math.max(1, Math.min(3, brokerCount));
  return { replicationFactor, minInsyncReplicas: replicationFactor >= 3 ? 2 : 1 };
}

/** A topic kept forever (replay from the start), replicated as `topicReplication` says for the cluster `admin` talks to. */
export async function keptForeverTopic(admin: Admin, topic: string, numPartitions: number): Promise<ITopicConfig> {
  const { brokers } = await admin.describeCluster();
  const { replicationFactor, minInsyncReplicas } = topicReplication(brokers.length);
  return {
    topic,
    numPartitions,
    replicationFactor,
    configEntries: [
      { name: 'retention.ms', value: '-1' },
      { name: 'min.insync.replicas', value: String(minInsyncReplicas) },
    ],
  };
}
