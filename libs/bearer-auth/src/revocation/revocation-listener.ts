import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DEFAULT_KEY_EVENTS_TOPIC, InvalidKeyEventError, isKeyId, isKeyLifecycleEvent, parseKeyEvent, type KeyEvent } from '@pxxl/contracts';
import { ConfigError } from '@pxxl/config';
import { connectOrExplain, ConsumerLagReader, kafkaLogCreator, observeConsumerLag, secondsSinceOccurred, traceparentHeader } from '@pxxl/kafka';
import { contextOf, inSpanSync, SpanKind, tracingEnabled, type HistogramCell, type Metrics } from '@pxxl/observability';
import { Kafka, logLevel, type Consumer, type KafkaConfig, type KafkaMessage } from 'kafkajs';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { KeyCache } from '@pxxl/verification';
import type { KafkaLiveness } from './kafka-liveness';

export interface RevocationListenerOptions {
  brokers: string[];
  /** The key topic (default pxxl.keys.events). */
  topic?: string;
  /** Names the consumer group and client: `<serviceName>.revocations.<host>.<pid>.<random>`. */
  serviceName: string;
  /**
   * Longest idle wait of a fetch (default 50): how often an idle listener asks again and so proves it
   * is alive (its freshness lags by up to this much). The broker answers a waiting fetch as soon as
   * an event arrives, but while partition leaders move (a broker restart or pause) a fetch parked on
   * a broker is what stands between a revocation and this listener: 500 ms took revocations past the
   * one-second promise in the cluster fault test, so the default stays short.
   */
  maxWaitTimeInMs?: number;
  /**
   * Passed to kafkajs as is: TLS, SASL, a socket factory, the connect timeout. From the
   * environment (KAFKA_SSL*, KAFKA_SASL*): `kafkaConnectionOptions(config.kafka.security)`.
   */
  kafka?: Pick<KafkaConfig, 'ssl' | 'sasl' | 'socketFactory' | 'connectionTimeout'>;
}

/**
 * A consumer group of its own for every process, so every instance of a
 * service reads every partition (a shared group would split them). The
 * random part keeps two processes with the same host and pid (containers)
 * apart.
 */
export function instanceGroupId(serviceName: string, host = hostname(), pid = process.pid, random = randomBytes(4).toString('hex')): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 60);
  return `${safe(serviceName)}.revocations.${safe(host)}.${pid}.${random}`;
}

/**
 * Reads the key topic and drops cached answers about a key the moment an
 * event about it arrives (KeyRevoked, KeyRotated, KeyUpdated; KeyCreated too,
 * which only clears a NOT_FOUND cached before the key existed).
 *
 * - Starts at the end of the topic: a new process has an empty cache, so
 *   history does not matter. Offsets are committed, so a rejoin within the
 *   process resumes where it left off.
 * - Starts in the background: an app boots even while Kafka is down; the
 *   cache then trusts nothing beyond the staleness bound (KafkaLiveness).
 * - A poison message is logged and skipped, not dead-lettered: every
 *   instance of every service reads it, and the projector's shared group
 *   already dead-letters it once. If its Kafka key is a key id, that key's
 *   entries are dropped anyway: a re-check is cheap, a missed revocation is not.
 */
export class RevocationListener implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly groupId: string;
  readonly topic: string;
  private readonly logger = new Logger(RevocationListener.name);
  private readonly kafka: Kafka;
  private consumer?: Consumer;
  private running?: Promise<void>;
  private stopping = false;
  private readonly lag?: ConsumerLagReader;
  private readonly propagation?: HistogramCell;

  constructor(
    private readonly options: RevocationListenerOptions,
    private readonly cache: KeyCache,
    private readonly liveness: KafkaLiveness,
    /** The host app's registry: this listener's lag and revocation propagation, labelled by service name (never the per-process group id). */
    metrics?: Metrics,
  ) {
    this.groupId = instanceGroupId(options.serviceName);
    this.topic = options.topic ?? DEFAULT_KEY_EVENTS_TOPIC;
    this.kafka = new Kafka({
      clientId: `${options.serviceName}-revocations`,
      brokers: options.brokers,
      logLevel: logLevel.INFO,
      logCreator: kafkaLogCreator(),
      connectionTimeout: 3000,
      retry: { initialRetryTime: 100, retries: 5, maxRetryTime: 2000 },
      ...options.kafka,
    });
    if (metrics) {
      this.lag = new ConsumerLagReader(this.kafka, this.topic, this.groupId, 'latest');
      observeConsumerLag(metrics, this.lag, `${options.serviceName}.revocations`);
      this.propagation = metrics.hotHistogram('revocationPropagation').bind({ subscriber: options.serviceName });
    }
  }

  onApplicationBootstrap(): void {
    this.start();
  }

  /** Starts consuming in the background, retrying until it succeeds or the listener stops. */
  start(): void {
    this.running ??= this.keepRunning().finally(() => (this.running = undefined));
  }

  /** Resolves once the listener covers the topic (has fetched after joining its group). */
  whenCovering(): Promise<void> {
    return this.liveness.whenCovering();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.disconnect().catch(() => undefined);
    this.liveness.stopped();
    await this.lag?.close();
    await this.deleteGroup();
  }

  private async keepRunning(): Promise<void> {
    let backoff = 250;
    while (!this.stopping && !this.consumer) {
      try {
        await this.run();
      } catch (error) {
        if (error instanceof ConfigError) {
          // An untrusted certificate or refused credentials: retrying would only repeat it. Cached
          // answers are then trusted for the staleness bound only, and the health check says so.
          this.logger.error({ msg: 'revocation listener cannot connect to Kafka; not retrying', problems: error.problems });
          return;
        }
        this.logger.warn({ msg: 'revocation listener could not start; retrying', retryInMs: backoff, error: String(error) });
        await new Promise((resolve) => setTimeout(resolve, backoff).unref());
        backoff = Math.min(backoff * 2, 10_000);
      }
    }
  }

  private async run(): Promise<void> {
    const consumer = this.kafka.consumer({
      groupId: this.groupId,
      maxWaitTimeInMs: this.options.maxWaitTimeInMs ?? 50,
      sessionTimeout: 10_000,
      heartbeatInterval: 1000,
      allowAutoTopicCreation: false,
      retry: { retries: 5, restartOnFailure: async () => true },
    });
    const { GROUP_JOIN, FETCH_START, FETCH, CRASH, STOP, DISCONNECT } = consumer.events;
    consumer.on(GROUP_JOIN, () => this.liveness.joined());
    consumer.on(FETCH_START, ({ payload }) => this.liveness.fetchStarted(payload.nodeId));
    consumer.on(FETCH, ({ payload }) => this.liveness.fetched(payload.nodeId));
    consumer.on(STOP, () => this.liveness.stopped());
    consumer.on(DISCONNECT, () => this.liveness.stopped());
    consumer.on(CRASH, ({ payload }) => {
      this.liveness.stopped();
      this.logger.warn({ msg: 'revocation listener crashed', restart: payload.restart, error: String(payload.error) });
      // kafkajs restarts after retriable errors; after any other, start a new consumer.
      if (!payload.restart && this.consumer === consumer) {
        this.consumer = undefined;
        void consumer.disconnect().catch(() => undefined);
        if (!this.stopping) this.start();
      }
    });
    try {
      await connectOrExplain(this.options.brokers, this.options.kafka ?? {}, () => consumer.connect());
      await consumer.subscribe({ topic: this.topic, fromBeginning: false });
      await consumer.run({ eachMessage: async ({ message, partition }) => this.handle(message, partition) });
    } catch (error) {
      await consumer.disconnect().catch(() => undefined);
      throw error;
    }
    if (this.stopping) await consumer.disconnect().catch(() => undefined);
    else this.consumer = consumer;
    this.logger.log({ msg: 'revocation listener started', groupId: this.groupId, topic: this.topic });
  }

  private handle(message: KafkaMessage, partition: number): void {
    let event;
    try {
      event = parseKeyEvent(message.value ?? Buffer.alloc(0));
    } catch (error) {
      if (!(error instanceof InvalidKeyEventError)) throw error;
      const key = message.key?.toString();
      const keyId = isKeyId(key) ? key : undefined;
      if (keyId) this.cache.invalidateKey(keyId);
      this.logger.warn({ msg: 'skipped a message that is not a valid key event', reason: error.reason, partition, offset: message.offset, keyId });
      return;
    }
    // Workspace policy changes and signals (browser-use refusals) change no key's answers.
    if (!isKeyLifecycleEvent(event)) return;
    if (tracingEnabled()) {
      // This subscriber's part of the trace that caused the event (the request, through the outbox's header).
      const lifecycleEvent = event;
      inSpanSync(`invalidate ${event.type}`, () => this.invalidate(lifecycleEvent), {
        kind: SpanKind.CONSUMER,
        parent: contextOf(traceparentHeader(message)),
        attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': this.topic, 'pxxl.subscriber': this.options.serviceName },
      });
    } else {
      this.invalidate(event);
    }
  }

  private invalidate(event: KeyEvent): void {
    this.cache.invalidateKey(event.keyId, { version: event.version, revoked: event.type === 'KeyRevoked' });
    if (event.type === 'KeyRevoked') this.propagation?.observe(secondsSinceOccurred(event.occurredAt));
    this.logger.debug({ msg: `dropped cached answers on ${event.type}`, keyId: event.keyId, version: event.version });
  }

  /** Best effort: a graceful shutdown leaves no consumer group behind (a crash leaves one for Kafka to expire). */
  private async deleteGroup(): Promise<void> {
    // No retries: a broker that is gone must not keep a connect attempt alive past the shutdown,
    // and the admin is disconnected only once its attempt settled (an earlier disconnect would
    // let a connect still under way open a socket that outlives the app).
    const admin = this.kafka.admin({ retry: { retries: 0 } });
    const attempt = (async () => {
      await admin.connect();
      await admin.deleteGroups([this.groupId]);
    })().catch(() => undefined);
    const done = attempt.then(() => admin.disconnect().catch(() => undefined));
    const timeout = new Promise((resolve) => setTimeout(resolve, 2000).unref());
    await Promise.race([done, timeout]);
  }
}
