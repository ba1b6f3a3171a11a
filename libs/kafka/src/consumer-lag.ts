import type { Metrics } from '@pxxl/observability';
import type { Admin, Kafka } from 'kafkajs';

const READ_TIMEOUT_MS = 2000;

/**
 * A consumer group's lag per partition, asked of the broker when Prometheus
 * scrapes (the topic's high watermarks minus the group's committed offsets),
 * so a consumer that is stuck shows a lag that grows rather than a number
 * frozen at its last batch. `uncommitted` says where a group that has not
 * committed yet reads from: the start of the topic (projector, audit) or its
 * end (a revocation listener).
 */
export class ConsumerLagReader {
  private admin?: Promise<Admin>;
  private closed = false;

  constructor(
    private readonly kafka: Kafka,
    private readonly topic: string,
    private readonly groupId: string,
    private readonly uncommitted: 'earliest' | 'latest',
  ) {}

  /** Lag per partition; empty when the broker does not answer in time (the series then disappears). */
  async read(): Promise<Array<{ partition: number; lag: number }>> {
    if (this.closed) return [];
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), READ_TIMEOUT_MS);
    });
    try {
      return await Promise.race([this.ask(), timeout]);
    } catch {
      return [];
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const admin = this.admin;
    this.admin = undefined;
    await admin?.then((a) => a.disconnect()).catch(() => undefined);
  }

  private async ask(): Promise<Array<{ partition: number; lag: number }>> {
    this.admin ??= (async () => {
      const admin = this.kafka.admin();
      await admin.connect();
      return admin;
    })().catch((error) => {
      this.admin = undefined;
      throw error;
    });
    const admin = await this.admin;
    const [ends, committed] = await Promise.all([admin.fetchTopicOffsets(this.topic), admin.fetchOffsets({ groupId: this.groupId, topics: [this.topic] })]);
    const offsets = new Map((committed[0]?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
    return ends.map(({ partition, high, low }) => {
      const at = offsets.get(partition) ?? -1;
      const from = at >= 0 ? at : this.uncommitted === 'earliest' ? Number(low) : Number(high);
      return { partition, lag: Math.max(0, Number(high) - from) };
    });
  }
}

/** pxxl_keys_consumer_lag{group,partition} from this reader; `group` is the label (bounded: not a per-process id). */
export function observeConsumerLag(metrics: Metrics, reader: ConsumerLagReader, group: string): void {
  metrics.gauge('consumerLag', async () => (await reader.read()).map(({ partition, lag }) => ({ labels: { group, partition: String(partition) }, value: lag })));
}

/** Seconds from an event's occurredAt to now, never negative (clocks of two hosts differ a little). */
export function secondsSinceOccurred(occurredAt: string, now = Date.now()): number {
  return Math.max(0, (now - Date.parse(occurredAt)) / 1000);
}
