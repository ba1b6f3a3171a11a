import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { streamIdOf, type StreamEvent } from '@pxxl/contracts';
import { KafkaClient, topicMessage } from '@pxxl/kafka';
import { chunks } from '@pxxl/mongo';
import type { Model } from 'mongoose';
import type { EventPublisher } from '../ports';
import { StoredEvent, storedEventId, toStreamEvent } from './stored-event.schema';

export interface OutboxRelaySettings {
  /** How often stored-but-unpublished events of other (crashed) instances are looked for. */
  sweepIntervalMs: number;
  /** An unpublished event younger than this is presumed in flight at its own instance. */
  sweepMinAgeMs: number;
}

export const OUTBOX_RELAY_SETTINGS = 'OUTBOX_RELAY_SETTINGS';
const BATCH_SIZE = 100;
const MAX_BACKOFF_MS = 5000;
const RECENTLY_SENT_LIMIT = 10_000;

const idOf = (event: StreamEvent) => storedEventId(streamIdOf(event), event.version);

/**
 * The outbox relay: publishes stored events to the key topic (message key =
 * keyId, or `workspace:<id>` for workspace events), then marks them published. Events appended here are published at
 * once; a sweep at start and at intervals publishes anything left unpublished
 * by a crash. Delivery is at least once: a crash between publish and mark
 * publishes again, and consumers dedupe by version/eventId.
 *
 * Per-stream order holds across instances: before version N of a key (or a
 * workspace policy) goes out, version N-1 must be on the topic; if it is not
 * (its instance crashed), it goes first.
 */
@Injectable()
export class OutboxRelay implements EventPublisher, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly queue: StreamEvent[] = [];
  private readonly queued = new Set<string>();
  private readonly waiters = new Map<string, Array<() => void>>();
  /** Ids this relay put on the topic lately: their successors need not look them up. */
  private readonly recentlySent = new Set<string>();
  /** Marks of sent events, written while the next batch goes out. */
  private readonly marking = new Set<Promise<void>>();
  private draining?: Promise<void>;
  private sweepTimer?: NodeJS.Timeout;
  private stopping = false;

  constructor(
    @InjectModel(StoredEvent.name) private readonly model: Model<StoredEvent>,
    private readonly kafka: KafkaClient,
    @Inject(OUTBOX_RELAY_SETTINGS) private readonly settings: OutboxRelaySettings,
  ) {}

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

  /** Never rejects: failures are retried with backoff until the events are on the topic. */
  publish(events: StreamEvent[]): Promise<void> {
    const done = Promise.all(
      events.map((event) => new Promise<void>((resolve) => this.waiters.set(idOf(event), [...(this.waiters.get(idOf(event)) ?? []), resolve]))),
    );
    this.enqueue(events);
    return done.then(() => undefined);
  }

  /** Publishes every unpublished event stored at least `minAgeMs` ago. */
  async sweep(minAgeMs: number): Promise<number> {
    try {
      const filter: Record<string, unknown> = { publishedAt: null };
      if (minAgeMs > 0) filter.storedAt = { $lt: new Date(Date.now() - minAgeMs) };
      const docs = await this.model.find(filter).lean<StoredEvent[]>().exec();
      const events = docs.map(toStreamEvent).sort((a, b) => streamIdOf(a).localeCompare(streamIdOf(b)) || a.version - b.version);
      if (events.length > 0) this.logger.log({ msg: 'outbox sweep found unpublished events', count: events.length });
      this.enqueue(events);
      return events.length;
    } catch (error) {
      this.logger.warn({ msg: 'outbox sweep failed; will retry', error: String(error) });
      return 0;
    }
  }

  private enqueue(events: StreamEvent[]): void {
    for (const event of events) {
      if (this.queued.has(idOf(event))) continue;
      this.queued.add(idOf(event));
      this.queue.push(event);
    }
    this.draining ??= this.drain().finally(() => (this.draining = undefined));
  }

  private async drain(): Promise<void> {
    let backoff = 100;
    while (this.queue.length > 0 && !this.stopping) {
      const batch = this.queue.slice(0, BATCH_SIZE);
      try {
        const ordered = await this.withUnpublishedPredecessors(batch);
        await this.send(ordered);
        for (const event of ordered) {
          this.resolveWaiters(idOf(event));
          this.rememberSent(idOf(event));
        }
        this.queue.splice(0, batch.length);
        // The next batch need not wait for this one's mark; until it lands the events stay
        // "queued", so a sweep does not publish them again.
        this.markInBackground(ordered, batch);
        backoff = 100;
      } catch (error) {
        this.logger.warn({ msg: 'publishing stored events failed; retrying', pending: this.queue.length, retryInMs: backoff, error: String(error) });
        await new Promise((resolve) => setTimeout(resolve, backoff));
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      }
    }
  }

  /** The batch, with any unpublished earlier versions of its streams put before them. */
  private async withUnpublishedPredecessors(batch: StreamEvent[]): Promise<StreamEvent[]> {
    const inBatch = new Set(batch.map(idOf));
    const ordered: StreamEvent[] = [];
    const seen = new Set<string>();
    for (const event of batch) {
      const missing: StreamEvent[] = [];
      for (let version = event.version - 1; version >= 1; version--) {
        const id = storedEventId(streamIdOf(event), version);
        if (inBatch.has(id) || seen.has(id) || this.recentlySent.has(id)) break;
        const doc = await this.model.findById(id).lean<StoredEvent>().exec();
        if (!doc || doc.publishedAt !== null) break;
        missing.unshift(toStreamEvent(doc));
      }
      for (const e of [...missing, event]) {
        if (seen.has(idOf(e))) continue;
        seen.add(idOf(e));
        ordered.push(e);
      }
    }
    return ordered;
  }

  private async send(events: StreamEvent[]): Promise<void> {
    const producer = await this.kafka.producer();
    await producer.send({
      topic: this.kafka.topic,
      acks: -1,
      messages: events.map(topicMessage),
    });
  }

  private markInBackground(sent: StreamEvent[], batch: StreamEvent[]): void {
    const mark: Promise<void> = this.markPublished(sent)
      .catch((error) => this.logger.warn({ msg: 'marking published events failed; a sweep will publish them again', count: sent.length, error: String(error) }))
      .finally(() => {
        for (const event of batch) this.queued.delete(idOf(event));
        this.marking.delete(mark);
      });
    this.marking.add(mark);
  }

  private rememberSent(id: string): void {
    this.recentlySent.add(id);
    if (this.recentlySent.size > RECENTLY_SENT_LIMIT) this.recentlySent.delete(this.recentlySent.values().next().value!);
  }

  private async markPublished(events: StreamEvent[]): Promise<void> {
    const publishedAt = new Date();
    for (const part of chunks(events)) {
      await this.model.bulkWrite(
        part.map((event) => ({ updateOne: { filter: { _id: idOf(event) }, update: { $set: { publishedAt } } } })),
        { ordered: false },
      );
    }
  }

  private resolveWaiters(id: string): void {
    for (const resolve of this.waiters.get(id) ?? []) resolve();
    this.waiters.delete(id);
  }
}
