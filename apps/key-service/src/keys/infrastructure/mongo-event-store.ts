import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { streamIdOf, type StreamEvent } from '@pxxl/contracts';
import { isDuplicateKeyError } from '@pxxl/mongo';
import type { Model } from 'mongoose';
import { ConcurrencyError, type EventStore } from '../ports';
import { StoredEvent, storedEventId, toStreamEvent } from './stored-event.schema';

/** Versions fetched per round trip when loading a stream (most keys have fewer events). */
const LOAD_BATCH = 4;

@Injectable()
export class MongoEventStore implements EventStore {
  constructor(@InjectModel(StoredEvent.name) private readonly model: Model<StoredEvent>) {}

  /**
   * Reads `<streamId>:1`, `<streamId>:2`, … by `_id` in small parallel batches
   * until one is missing: versions have no gaps, and `_id` equality is the
   * lookup every backend serves from its primary index.
   */
  async load(streamId: string): Promise<StreamEvent[]> {
    const events: StreamEvent[] = [];
    for (let first = 1; ; first += LOAD_BATCH) {
      const ids = Array.from({ length: LOAD_BATCH }, (_, i) => storedEventId(streamId, first + i));
      const docs = await Promise.all(ids.map((id) => this.model.findById(id).lean<StoredEvent>().exec()));
      for (const doc of docs) {
        if (!doc) return events;
        events.push(toStreamEvent(doc));
      }
    }
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
    }
  }
}
