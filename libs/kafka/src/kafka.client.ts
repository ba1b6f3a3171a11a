import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { deadLetterTopic } from '@pxxl/contracts';
import { Kafka, logLevel, Partitioners, type Admin, type Consumer, type ConsumerConfig, type Message, type Producer } from 'kafkajs';
import type { KafkaSecurityConfig } from '@pxxl/config';
import { connectOrExplain, kafkaConnectionOptions, type KafkaConnectionOptions } from './kafka-connection';
import { kafkaLogCreator } from './kafka-log';
import { keptForeverTopic } from './topic-replication';
import { ConsumerLagReader } from './consumer-lag';

export interface KafkaOptions {
  brokers: string[];
  clientId: string;
  topic: string;
  topicPartitions: number;
  /** TLS and SASL (KAFKA_SSL*, KAFKA_SASL*); plaintext when absent. */
  security?: KafkaSecurityConfig;
}

export const KAFKA_OPTIONS = 'KAFKA_OPTIONS';

const defaultPartitioner = Partitioners.DefaultPartitioner();

/** The partition kafkajs's default partitioner gives `message` on a topic of `count` partitions (murmur2 of the key, as the Java client). */
export function partitionOf(topic: string, message: Message, count: number): number {
  const partitionMetadata = Array.from({ length: count }, (_, partitionId) => ({ partitionId, leader: 0, partitionErrorCode: 0, replicas: [], isr: [] }));
  return defaultPartitioner({ topic, partitionMetadata, message });
}

/** What every producer of the apps runs with (see `KafkaClient.producer`). */
export const PRODUCER_CONFIG = {
  idempotent: false,
  maxInFlightRequests: 1,
  allowAutoTopicCreation: false,
  createPartitioner: Partitioners.DefaultPartitioner,
} as const;

/**
 * How long the broker holds a consumer's fetch when there is nothing to read (a long poll). 1000 ms
 * cut the idle stack's CPU, but with it (and the kafkajs idle-spin patch) revocations took longer
 * than a second to reach subscribers during a rolling broker restart in the cluster fault test, so
 * it stays at 20 ms (docs/operations.md, "Idle").
 */
export const CONSUMER_MAX_WAIT_MS = 20;

/**
 * Retries of one request inside kafkajs (a leader change answers
 * NOT_LEADER_OR_FOLLOWER or NOT_ENOUGH_REPLICAS for a few seconds): about
 * 20 s in all before the send fails, after which the outbox relay retries the
 * whole batch, with backoff, until it succeeds.
 */
export const CLIENT_RETRY = { initialRetryTime: 100, retries: 10, maxRetryTime: 5000 } as const;

/**
 * Owns the kafkajs client, one shared producer and every consumer an app
 * starts, so shutdown disconnects them all. On start it makes sure the key
 * topic (kept forever, for replay) and its dead-letter topic exist.
 */
@Injectable()
export class KafkaClient implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(KafkaClient.name);
  readonly kafka: Kafka;
  /** TLS and SASL: the kafkajs client and the boot-time certificate check use the same. */
  private readonly connection: KafkaConnectionOptions;
  private readonly admin: Admin;
  private producerPromise?: Promise<Producer>;
  private readonly consumers: Consumer[] = [];
  private readonly lagReaders: ConsumerLagReader[] = [];
  /** Set at shutdown: nothing may open a connection after it (it would outlive the app). */
  private closed = false;

  constructor(@Inject(KAFKA_OPTIONS) readonly options: KafkaOptions) {
    this.connection = kafkaConnectionOptions(options.security);
    this.kafka = new Kafka({
      ...this.connection,
      clientId: options.clientId,
      brokers: options.brokers,
      logLevel: logLevel.INFO,
      logCreator: kafkaLogCreator(),
      connectionTimeout: 3000,
      retry: CLIENT_RETRY,
    });
    this.admin = this.kafka.admin();
  }

  get topic(): string {
    return this.options.topic;
  }

  async onModuleInit(): Promise<void> {
    // An untrusted certificate or refused credentials fail the boot with a ConfigError (exit 78), not a retry loop.
    await connectOrExplain(this.options.brokers, this.connection, () => this.admin.connect());
    await this.ensureTopics();
  }

  async ensureTopics(): Promise<void> {
    const names = [this.topic, deadLetterTopic(this.topic)];
    const existing = new Set(await this.admin.listTopics());
    const wanted = [
      { topic: this.topic, numPartitions: this.options.topicPartitions },
      { topic: deadLetterTopic(this.topic), numPartitions: 1 },
    ].filter((t) => !existing.has(t.topic));
    if (wanted.length > 0) {
      // Not kafkajs's waitForLeaders: it asks one broker once, and a broker that has not heard of the new
      // topic yet ("does not host this topic-partition") failed the boot (a projector, in the long cluster
      // scenario). waitForLeaders below asks again until every partition has a leader.
      await this.admin.createTopics({
        waitForLeaders: false,
        topics: await Promise.all(wanted.map((t) => keptForeverTopic(this.admin, t.topic, t.numPartitions))),
      });
      this.logger.log({ msg: 'created topics', topics: wanted.map((t) => t.topic) });
    }
    await this.waitForLeaders(names);
  }

  /**
   * Apps started together on a fresh cluster: one creates the topics, the others find them listed
   * before every broker can serve them ("does not host this topic-partition" at subscribe). Boot
   * goes on once every partition has a leader.
   */
  private async waitForLeaders(topics: string[], timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      let problem: unknown = 'a partition without a leader';
      try {
        const { topics: found } = await this.admin.fetchTopicMetadata({ topics });
        if (found.length === topics.length && found.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) return;
      } catch (error) {
        problem = error;
      }
      if (Date.now() > deadline) throw new Error(`topics ${topics.join(', ')} not served within ${timeoutMs / 1000} s: ${String(problem)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /**
   * One producer per app, sending with acks=-1 (every in-sync replica, at
   * least min.insync.replicas, has the write). One request in flight keeps a
   * key's events in order through retries; a retry may duplicate a message,
   * which consumers ignore (delivery is at least once anyway). kafkajs's
   * idempotent producer stays off: it is experimental, and after an
   * OUT_OF_ORDER_SEQUENCE_NUMBER answer (a retry across a leader change) it
   * stays broken until restarted (tulios/kafkajs#598) — a lost publish path
   * is worse than a duplicate every consumer already ignores. See
   * docs/operations.md, "Scaling out".
   */
  producer(): Promise<Producer> {
    if (this.closed) return Promise.reject(new Error('the Kafka client is shut down'));
    this.producerPromise ??= (async () => {
      const producer = this.kafka.producer(PRODUCER_CONFIG);
      await producer.connect();
      return producer;
    })().catch((error) => {
      this.producerPromise = undefined;
      throw error;
    });
    return this.producerPromise;
  }

  /**
   * Sends with acks=-1 and resolves only when every message is on its
   * partition's in-sync replicas. One `send` per partition, all at once: a
   * kafkajs send that spans brokers keeps, across its retries, the answer of
   * a broker that already acknowledged its part, so a partition whose leader
   * moved onto that broker during the retries is silently never sent
   * (tulios/kafkajs#1303, PR #1798; seen here losing an event when the
   * busiest leader was killed). A single-partition send has one broker to
   * answer. Partitions are the ones the default partitioner picks, so keys
   * stay where they always were. Any part failing fails the whole call
   * (the caller retries; the parts that went out become duplicates).
   */
  async sendAcknowledged(topic: string, messages: Message[]): Promise<void> {
    const producer = await this.producer();
    const partitions = await this.partitionCount(topic);
    const byPartition = new Map<number, Message[]>();
    for (const message of messages) {
      const partition = message.partition ?? partitionOf(topic, message, partitions);
      byPartition.set(partition, [...(byPartition.get(partition) ?? []), { ...message, partition }]);
    }
    await Promise.all(
      [...byPartition].map(async ([partition, part]) => {
        const answers = await producer.send({ topic, acks: -1, messages: part });
        if (!answers.some((a) => a.partition === partition && a.errorCode === 0)) {
          throw new Error(`no acknowledgement for ${topic}[${partition}] (answers: ${JSON.stringify(answers)})`);
        }
      }),
    );
  }

  private readonly partitionCounts = new Map<string, Promise<number>>();

  /** The topic's partition count, looked up once per topic (it can only grow; a grown topic is picked up at restart). */
  private partitionCount(topic: string): Promise<number> {
    let count = this.partitionCounts.get(topic);
    if (!count) {
      count = this.admin.fetchTopicMetadata({ topics: [topic] }).then(({ topics }) => {
        const found = topics[0]?.partitions.length ?? 0;
        if (found === 0) throw new Error(`topic ${topic} has no partitions (yet)`);
        return found;
      });
      count.catch(() => this.partitionCounts.delete(topic));
      this.partitionCounts.set(topic, count);
    }
    return count;
  }

  consumer(config: ConsumerConfig): Consumer {
    if (this.closed) throw new Error('the Kafka client is shut down');
    const consumer = this.kafka.consumer({
      sessionTimeout: 10000,
      heartbeatInterval: 1000,
      maxWaitTimeInMs: CONSUMER_MAX_WAIT_MS,
      allowAutoTopicCreation: false,
      ...config,
    });
    this.consumers.push(consumer);
    return consumer;
  }

  /** A group's lag per partition for the metrics, closed with this client. */
  lagReader(groupId: string, uncommitted: 'earliest' | 'latest'): ConsumerLagReader {
    const reader = new ConsumerLagReader(this.kafka, this.topic, groupId, uncommitted);
    if (this.closed) void reader.close();
    this.lagReaders.push(reader);
    return reader;
  }

  async ping(): Promise<void> {
    await this.admin.describeCluster();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.consumers.map((c) => c.disconnect()), ...this.lagReaders.map((r) => r.close())]);
    if (this.producerPromise) await this.producerPromise.then((p) => p.disconnect()).catch(() => undefined);
    await this.admin.disconnect().catch(() => undefined);
  }
}
