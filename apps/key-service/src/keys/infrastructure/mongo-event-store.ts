import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { streamIdOf, type StreamEvent } from '@pxxl/contracts';
import { isDuplicateKeyError } from '@pxxl/mongo';
import type { Model } from 'mongoose';
import { ConcurrencyError, type EventStore } from '../ports';
import { StoredEvent, storedEventId, toStreamEvent } from './stored-event.schema';

/** Versions fetched per round trip when loading a stream (most keys have fewer events). */
const LOAD_BATCH = 4;
/** Streams whose events this instance keeps in memory (stored events never change). */
const KNOWN_STREAMS = 2_000;

@Injectable()
export class MongoEventStore implements EventStore {
  /** Events already read or written, per stream, least recently used first. */
  private readonly known = new Map<string, StreamEvent[]>();

  constructor(@InjectModel(StoredEvent.name) private readonly model: Model<StoredEvent>) {}

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

  /** Key streams carry their keyId; workspace policy streams yield null. */
  async *scanHeads(): AsyncIterable<{ keyId: string | null; version: number; published: boolean }> {
    const cursor = this.model.find({}, { keyId: 1, version: 1, publishedAt: 1 }).lean<StoredEvent[]>().cursor();
    for await (const doc of cursor) yield { keyId: doc.keyId ?? null, version: doc.version, published: doc.publishedAt != null };
  }

  async append(events: StreamEvent[]): Promise<void> {
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
        });
      } catch (error) {
        if (isDuplicateKeyError(error)) throw new ConcurrencyError(streamId, event.version);
        throw error;
      }
      const known = this.known.get(streamId) ?? [];
      if (known.length === event.version - 1) this.remember(streamId, [...known, event]);
    }
  }
}
