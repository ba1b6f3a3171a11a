import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { streamIdOf, type StreamEvent } from '@pxxl/contracts';
import { isDuplicateKeyError } from '@pxxl/mongo';
import { inSpan, METRICS, traceparentOf, type HistogramCell, type Metrics } from '@pxxl/observability';
import type { Model } from 'mongoose';
import type { Collection } from 'mongodb';
import { ConcurrencyError } from './concurrency.error';
import { markPublished, unpublishedFilter, type OutboxMarked } from './outbox-marks';
import { StoredEvent, storedEventId, toStreamEvent } from './stored-event.schema';

/** Versions fetched per round trip when loading a stream (most keys have fewer events). */
const LOAD_BATCH = 4;
/** Streams whose events this instance keeps in memory (stored events never change). */
const KNOWN_STREAMS = 2_000;

/** A stored event's stream position, as an admin check reads it: keyId null for workspace events. */
export interface StoredHead {
  keyId: string | null;
  version: number;
  published: boolean;
}

/**
 * The event store on MongoDB (FerretDB in development): one document per
 * event (stored-event.schema.ts), appended with the optimistic-concurrency
 * check of its `_id`, read stream by stream, and marked once on the topic
 * (the outbox is a field on the event, see event-outbox.ts).
 */
@Injectable()
export class MongoEventStore {
  /** Events already read or written, per stream, least recently used first. */
  private readonly known = new Map<string, StreamEvent[]>();

  private readonly appendDuration?: HistogramCell;
  /** The stored `traceparent` of events this instance appended or read unpublished, for the outbox relay. */
  private readonly traceparents = new WeakMap<StreamEvent, string>();

  constructor(@InjectModel(StoredEvent.name) private readonly model: Model<StoredEvent>, @Optional() @Inject(METRICS) metrics?: Metrics) {
    this.appendDuration = metrics?.hotHistogram('eventStoreAppend').bind();
  }

  /**
   * Reads `<streamId>:1`, `<streamId>:2`, … by `_id` in small parallel batches
   * until one is missing: versions have no gaps, and `_id` equality is the
   * lookup every backend serves from its primary index. Stored events never
   * change, so a stream this instance has seen is read from memory, and only
   * the versions after it are looked for: usually one lookup that finds none
   * (another instance may have appended; that lookup sees it).
   */
  async load(streamId: string): Promise<StreamEvent[]> {
    const events = [...(this.known.get(streamId) ?? [])];
    for (let first = events.length + 1, batch = events.length > 0 ? 1 : LOAD_BATCH; ; first += batch, batch = LOAD_BATCH) {
      const ids = Array.from({ length: batch }, (_, i) => storedEventId(streamId, first + i));
      const docs = await Promise.all(ids.map((id) => this.model.findById(id).lean<StoredEvent>().exec()));
      for (const doc of docs) {
        if (!doc) {
          this.remember(streamId, events);
          return events;
        }
        events.push(toStreamEvent(doc));
      }
    }
  }

  private remember(streamId: string, events: StreamEvent[]): void {
    this.known.delete(streamId);
    if (events.length === 0) return;
    this.known.set(streamId, [...events]);
    if (this.known.size > KNOWN_STREAMS) this.known.delete(this.known.keys().next().value!);
  }

  /** Every stored event's stream position, in storage order (a full scan: admin checks only). */
  async *scanHeads(): AsyncIterable<StoredHead> {
    const cursor = this.model.find({}, { keyId: 1, version: 1, publishedAt: 1 }).lean<StoredEvent[]>().cursor();
    for await (const doc of cursor) yield { keyId: doc.keyId ?? null, version: doc.version, published: doc.publishedAt != null };
  }

  /** Appends events; throws ConcurrencyError when one of their versions is stored already. */
  async append(events: StreamEvent[]): Promise<void> {
    // The caller's trace (the request's), kept with the events: publishing continues it.
    const traceparent = traceparentOf();
    const started = performance.now();
    try {
      await inSpan('append', () => this.insertInOrder(events, traceparent), { attributes: { 'pxxl.events': events.length } });
    } finally {
      this.appendDuration?.observe((performance.now() - started) / 1000);
    }
  }

  /** The trace context stored with the event, when it was appended or read here within a trace. */
  traceparentOf(event: StreamEvent): string | undefined {
    return this.traceparents.get(event);
  }

  private unpublishedEventOf(doc: StoredEvent): StreamEvent {
    const event = toStreamEvent(doc);
    if (doc.traceparent) this.traceparents.set(event, doc.traceparent);
    return event;
  }

  private async insertInOrder(events: StreamEvent[], traceparent: string | undefined): Promise<void> {
    const storedAt = new Date();
    // One at a time, in order: a collision stops the rest, so no version is stored after a gap.
    for (const event of events) {
      const streamId = streamIdOf(event);
      try {
        await this.model.collection.insertOne({
          _id: storedEventId(streamId, event.version) as never,
          ...event,
          storedAt,
          publishedAt: null,
          // Only when traced: untraced documents keep the shape they always had.
          ...(traceparent ? { traceparent } : {}),
        });
      } catch (error) {
        if (isDuplicateKeyError(error)) throw new ConcurrencyError(streamId, event.version);
        throw error;
      }
      if (traceparent) this.traceparents.set(event, traceparent);
      const known = this.known.get(streamId) ?? [];
      if (known.length === event.version - 1) this.remember(streamId, [...known, event]);
    }
  }

  /** The outbox: every event not yet on the topic, stored at least `minAgeMs` ago, in stream and version order. */
  async unpublished(minAgeMs: number): Promise<StreamEvent[]> {
    const docs = await this.model.find(unpublishedFilter(minAgeMs)).lean<StoredEvent[]>().exec();
    return docs.map((doc) => this.unpublishedEventOf(doc)).sort((a, b) => streamIdOf(a).localeCompare(streamIdOf(b)) || a.version - b.version);
  }

  /** The event of this `_id` if it is stored and not yet on the topic. */
  async unpublishedEvent(id: string): Promise<StreamEvent | null> {
    const doc = await this.model.findById(id).lean<StoredEvent>().exec();
    return doc && doc.publishedAt === null ? this.unpublishedEventOf(doc) : null;
  }

  /** Marks events as on the topic. */
  markPublished(events: StreamEvent[]): Promise<void> {
    const ids = events.map((event) => storedEventId(streamIdOf(event), event.version));
    return markPublished(this.model.collection as unknown as Collection<OutboxMarked>, ids);
  }
}
