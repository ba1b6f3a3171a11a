import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { deadLetterTopic } from '@pxxl/contracts';
import { Kafka, logLevel, Partitioners, type Admin, type Consumer, type ConsumerConfig, type Producer } from 'kafkajs';
import type { KafkaSecurityConfig } from '@pxxl/config';
import { connectOrExplain, kafkaConnectionOptions, type KafkaConnectionOptions } from './kafka-connection';
import { kafkaLogCreator } from './kafka-log';

export interface KafkaOptions {
  brokers: string[];
  clientId: string;
  topic: string;
  topicPartitions: number;
  /** TLS and SASL (KAFKA_SSL*, KAFKA_SASL*); plaintext when absent. */
  security?: KafkaSecurityConfig;
}

export const KAFKA_OPTIONS = 'KAFKA_OPTIONS';

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

  constructor(@Inject(KAFKA_OPTIONS) readonly options: KafkaOptions) {
    this.connection = kafkaConnectionOptions(options.security);
    this.kafka = new Kafka({
      ...this.connection,
      clientId: options.clientId,
      brokers: options.brokers,
      logLevel: logLevel.INFO,
      logCreator: kafkaLogCreator(),
      connectionTimeout: 3000,
      retry: { initialRetryTime: 100, retries: 8, maxRetryTime: 5000 },
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
    const existing = new Set(await this.admin.listTopics());
    const wanted = [
      { topic: this.topic, numPartitions: this.options.topicPartitions },
      { topic: deadLetterTopic(this.topic), numPartitions: 1 },
    ].filter((t) => !existing.has(t.topic));
    if (wanted.length === 0) return;
    await this.admin.createTopics({
      waitForLeaders: true,
      topics: wanted.map((t) => ({ ...t, replicationFactor: -1, configEntries: [{ name: 'retention.ms', value: '-1' }] })),
    });
    this.logger.log({ msg: 'created topics', topics: wanted.map((t) => t.topic) });
  }

  /**
   * One producer per app. One request in flight keeps a key's events in order
   * through retries; a retry may duplicate a message, which consumers ignore
   * (delivery is at least once anyway).
   */
  producer(): Promise<Producer> {
    this.producerPromise ??= (async () => {
      const producer = this.kafka.producer({
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await producer.connect();
      return producer;
    })().catch((error) => {
      this.producerPromise = undefined;
      throw error;
    });
    return this.producerPromise;
  }

  consumer(config: ConsumerConfig): Consumer {
    const consumer = this.kafka.consumer({
      sessionTimeout: 10000,
      heartbeatInterval: 1000,
      // The broker answers a fetch as soon as data arrives; this bounds the idle wait only.
      maxWaitTimeInMs: 20,
      allowAutoTopicCreation: false,
      ...config,
    });
    this.consumers.push(consumer);
    return consumer;
  }

  async ping(): Promise<void> {
    await this.admin.describeCluster();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled(this.consumers.map((c) => c.disconnect()));
    if (this.producerPromise) await this.producerPromise.then((p) => p.disconnect()).catch(() => undefined);
    await this.admin.disconnect().catch(() => undefined);
  }
}
