import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { ChainHeadRef } from '@pxxl/audit-trail';
import { CLOCK, type Clock } from '@pxxl/contracts';
import { KafkaClient, keptForeverTopic } from '@pxxl/kafka';
import { CHAIN_STORE, type ChainStore } from '../ports';

export const HEAD_PUBLISH_INTERVAL_MS = 'HEAD_PUBLISH_INTERVAL_MS';

/** The topic chain heads are published to: `<key topic>.audit-heads`, kept forever. */
export function chainHeadTopic(keyTopic: string): string {
  return `${keyTopic}.audit-heads`;
}

export interface PublishedHead extends ChainHeadRef {
  workspaceId: string;
  publishedAt: string;
}

/**
 * Publishes each workspace's chain head when it moved: one JSON log line and
 * one message on `<topic>.audit-heads` (key = workspaceId). Both leave the
 * database: someone who can rewrite the trail in MongoDB cannot take back a
 * head already published, and any later chain must still contain it
 * (docs/audit.md, "What someone with write access to the database can and cannot hide").
 */
@Injectable()
export class ChainHeadPublisher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AuditChainHead');
  private readonly published = new Map<string, string>();
  private timer?: NodeJS.Timeout;
  private topicReady?: Promise<void>;
  private running?: Promise<PublishedHead[]>;

  constructor(
    @Inject(CHAIN_STORE) private readonly chain: ChainStore,
    private readonly kafka: KafkaClient,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(HEAD_PUBLISH_INTERVAL_MS) private readonly intervalMs: number,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.publish().catch(() => undefined), this.intervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Publishes the heads that moved since the last time; answers what it published. */
  publish(): Promise<PublishedHead[]> {
    this.running ??= this.publishChanged().finally(() => (this.running = undefined));
    return this.running;
  }

  private async publishChanged(): Promise<PublishedHead[]> {
    const publishedAt = this.clock.now().toISOString();
    const moved = (await this.chain.allHeads())
      .filter((head) => head.seq > 0 && this.published.get(head.workspaceId) !== `${head.seq}:${head.hash}`)
      .map((head): PublishedHead => ({ workspaceId: head.workspaceId, seq: head.seq, hash: head.hash, eventId: head.eventId ?? null, publishedAt }));
    if (moved.length === 0) return [];
    try {
      await this.ensureTopic();
      await this.kafka.sendAcknowledged(
        chainHeadTopic(this.kafka.topic),
        moved.map((head) => ({ key: head.workspaceId, value: JSON.stringify(head) })),
      );
    } catch (error) {
      this.logger.warn({ msg: 'could not publish audit chain heads to Kafka; will retry', error: String(error) });
      throw error;
    }
    for (const head of moved) {
      this.logger.log({ msg: 'audit chain head', workspaceId: head.workspaceId, seq: head.seq, hash: head.hash, eventId: head.eventId });
      this.published.set(head.workspaceId, `${head.seq}:${head.hash}`);
    }
    return moved;
  }

  private ensureTopic(): Promise<void> {
    this.topicReady ??= (async () => {
      const admin = this.kafka.kafka.admin();
      await admin.connect();
      try {
        const topic = chainHeadTopic(this.kafka.topic);
        if (!(await admin.listTopics()).includes(topic)) {
          await admin.createTopics({ waitForLeaders: true, topics: [await keptForeverTopic(admin, topic, 1)] });
        }
      } finally {
        await admin.disconnect();
      }
    })().catch((error) => {
      this.topicReady = undefined;
      throw error;
    });
    return this.topicReady;
  }
}
