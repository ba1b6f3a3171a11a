import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { KafkaClient } from '@pxxl/kafka';
import { contextOf, openSpan, SpanKind, tracingEnabled, type OpenSpan } from '@pxxl/observability';
import type { Message } from 'kafkajs';

export interface OutboxRelaySettings {
  /** How often stored-but-unpublished items of other (crashed) instances are looked for. */
  sweepIntervalMs: number;
  /** An unpublished item younger than this is presumed in flight at its own instance. */
  sweepMinAgeMs: number;
}

export const OUTBOX_RELAY_SETTINGS = 'OUTBOX_RELAY_SETTINGS';

/** What the relay needs of one outbox: where its unpublished items are, how they go out, how they are marked. */
export interface Outbox<T> {
  /** Names the outbox in logs. */
  readonly name: string;
  idOf(item: T): string;
  /** Every unpublished item stored at least `minAgeMs` ago, in the order they should go out. */
  unpublished(minAgeMs: number): Promise<T[]>;
  /** The batch as it must go on the topic (the event outbox puts unpublished predecessors first); as queued when absent. */
  inTopicOrder?(batch: T[], sentLately: (id: string) => boolean): Promise<T[]>;
  message(item: T): Message;
  /** The trace context stored with the item: its `publish` span continues it, and the message carries the span's. */
  traceparentOf?(item: T): string | undefined;
  markPublished(items: T[]): Promise<void>;
}

const BATCH_SIZE = 100;
const FIRST_BACKOFF_MS = 100;
const MAX_BACKOFF_MS = 5000;
const RECENTLY_SENT_LIMIT = 10_000;

/**
 * The one relay mechanism of every outbox: publishes stored items to the key
 * topic, then marks them published. Items handed to `publish` go out at once;
 * a sweep at start and at intervals publishes whatever a crash left
 * unpublished. Delivery is at least once: a crash between publish and mark
 * publishes again, and consumers dedupe. A failed send is retried with
 * backoff until it succeeds. An outbox extends it (Nest starts and stops it
 * with the app) or a test constructs it.
 */
export class OutboxRelay<T> implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger: Logger;
  private readonly queue: T[] = [];
  /** Ids queued or sent and not yet marked (a sweep does not queue them again), with when they were queued. */
  private readonly queued = new Map<string, number>();
  private failedSends = 0;
  private readonly waiters = new Map<string, Array<() => void>>();
  /** Ids this relay put on the topic lately: their successors need not look them up. */
  private readonly recentlySent = new Set<string>();
  /** Marks of sent items, written while the next batch goes out. */
  private readonly marking = new Set<Promise<void>>();
  private draining?: Promise<void>;
  /** The sweep under way: on FerretDB it reads the whole collection, so ticks never stack while one is slow. */
  private sweeping?: Promise<number>;
  private sweepTimer?: NodeJS.Timeout;
  private stopping = false;

  constructor(
    private readonly outbox: Outbox<T>,
    private readonly kafka: KafkaClient,
    private readonly settings: OutboxRelaySettings,
  ) {
    this.logger = new Logger(outbox.name);
  }

  /** Sweeps now for anything left by a crash, then every `sweepIntervalMs`. */
  onApplicationBootstrap(): void {
    void this.sweep(0);
    this.sweepTimer = setInterval(() => void this.sweep(this.settings.sweepMinAgeMs), this.settings.sweepIntervalMs);
    this.sweepTimer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearInterval(this.sweepTimer);
    await this.draining;
    await Promise.all(this.marking);
  }

  /** Resolves once the items are on the topic; never rejects (failures are retried with backoff). */
  publish(items: T[]): Promise<void> {
    const sent = Promise.all(
      items.map((item) => {
        const id = this.outbox.idOf(item);
        return new Promise<void>((resolve) => this.waiters.set(id, [...(this.waiters.get(id) ?? []), resolve]));
      }),
    );
    this.enqueue(items);
    return sent.then(() => undefined);
  }

  /**
   * Publishes every unpublished item stored at least `minAgeMs` ago; answers how many it found.
   * One at a time: a call while a sweep runs answers that sweep's count. Overlapping sweeps of a
   * slow store each held a connection and a full scan, and made the store slower still, until
   * FerretDB stopped answering anyone (docs/operations.md, "A known problem: FerretDB stalling").
   */
  sweep(minAgeMs: number): Promise<number> {
    this.sweeping ??= this.sweepOnce(minAgeMs).finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  private async sweepOnce(minAgeMs: number): Promise<number> {
    try {
      const items = await this.outbox.unpublished(minAgeMs);
      if (items.length > 0) this.logger.log({ msg: 'outbox sweep found unpublished items', outbox: this.outbox.name, count: items.length });
      this.enqueue(items);
      return items.length;
    } catch (error) {
      this.logger.warn({ msg: 'outbox sweep failed; will retry', outbox: this.outbox.name, error: String(error) });
      return 0;
    }
  }

  /**
   * What this instance holds that is not yet on the topic and marked: how
   * many, how long the oldest has waited (since queued: a sweep queues what a
   * crash left), and how many sends failed so far. Read by the metrics.
   */
  backlog(now = Date.now()): { unpublished: number; oldestAgeMs: number; failedSends: number } {
    const oldest = this.queued.values().next();
    return { unpublished: this.queued.size, oldestAgeMs: oldest.done ? 0 : Math.max(0, now - oldest.value), failedSends: this.failedSends };
  }

  private enqueue(items: T[]): void {
    for (const item of items) {
      const id = this.outbox.idOf(item);
      if (this.queued.has(id)) continue;
      this.queued.set(id, Date.now());
      this.queue.push(item);
    }
    this.draining ??= this.drain().finally(() => (this.draining = undefined));
  }

  private async drain(): Promise<void> {
    let backoff = FIRST_BACKOFF_MS;
    while (this.queue.length > 0 && !this.stopping) {
      const batch = this.queue.slice(0, BATCH_SIZE);
      try {
        const sent = this.outbox.inTopicOrder ? await this.outbox.inTopicOrder(batch, (id) => this.recentlySent.has(id)) : batch;
        await this.send(sent);
        for (const item of sent) this.sent(this.outbox.idOf(item));
        this.queue.splice(0, batch.length);
        // The next batch need not wait for this one's mark; until it lands the items stay
        // "queued", so a sweep does not publish them again.
        this.markInBackground(sent, batch);
        backoff = FIRST_BACKOFF_MS;
      } catch (error) {
        this.failedSends++;
        this.logger.warn({ msg: 'publishing stored items failed; retrying', outbox: this.outbox.name, pending: this.queue.length, retryInMs: backoff, error: String(error) });
        await new Promise((resolve) => setTimeout(resolve, backoff));
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      }
    }
  }

  private async send(items: T[]): Promise<void> {
    if (!tracingEnabled() || !this.outbox.traceparentOf) {
      await this.kafka.sendAcknowledged(this.kafka.topic, items.map((item) => this.outbox.message(item)));
      return;
    }
    // One `publish` span per message, in the trace of the request that stored it; the
    // message's `traceparent` header is that span, so consumers continue the same trace.
    const spans: OpenSpan[] = [];
    const messages = items.map((item) => {
      const message = this.outbox.message(item);
      const stored = this.outbox.traceparentOf!(item);
      const span = stored ? openSpan(`publish ${this.kafka.topic}`, { kind: SpanKind.PRODUCER, parent: contextOf(stored), attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': this.kafka.topic } }) : undefined;
      if (!span?.traceparent) return message;
      spans.push(span);
      return { ...message, headers: { ...message.headers, traceparent: span.traceparent } };
    });
    try {
      await this.kafka.sendAcknowledged(this.kafka.topic, messages);
      for (const span of spans) span.end();
    } catch (error) {
      for (const span of spans) span.end(error);
      throw error;
    }
  }

  private sent(id: string): void {
    for (const resolve of this.waiters.get(id) ?? []) resolve();
    this.waiters.delete(id);
    this.recentlySent.add(id);
    if (this.recentlySent.size > RECENTLY_SENT_LIMIT) this.recentlySent.delete(this.recentlySent.values().next().value!);
  }

  private markInBackground(sent: T[], batch: T[]): void {
    const mark: Promise<void> = this.outbox
      .markPublished(sent)
      .catch((error) => this.logger.warn({ msg: 'marking published items failed; a sweep will publish them again', outbox: this.outbox.name, count: sent.length, error: String(error) }))
      .finally(() => {
        for (const item of batch) this.queued.delete(this.outbox.idOf(item));
        this.marking.delete(mark);
      });
    this.marking.add(mark);
  }
}
