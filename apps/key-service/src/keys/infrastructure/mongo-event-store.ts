import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { KeyEvent } from '@pxxl/contracts';
import { isDuplicateKeyError } from '@pxxl/mongo';
import type { Model } from 'mongoose';
import { ConcurrencyError, type EventStore } from '../ports';
import { StoredEvent, storedEventId } from './stored-event.schema';

/** Versions fetched per round trip when loading a key (most keys have fewer events). */
const LOAD_BATCH = 4;

export function toKeyEvent(doc: StoredEvent): KeyEvent {
  const { eventId, type, schemaVersion, keyId, workspaceId, version, occurredAt, actor, data } = doc;
  return { eventId, type, schemaVersion, keyId, workspaceId, version, occurredAt, actor, data } as KeyEvent;
}

@Injectable()
export class MongoEventStore implements EventStore {
  constructor(@InjectModel(StoredEvent.name) private readonly model: Model<StoredEvent>) {}

  /**
   * Reads `<keyId>:1`, `<keyId>:2`, … by `_id` in small parallel batches until
   * one is missing: versions have no gaps, and `_id` equality is the lookup
   * every backend serves from its primary index.
   */
  async load(keyId: string): Promise<KeyEvent[]> {
    const events: KeyEvent[] = [];
    for (let first = 1; ; first += LOAD_BATCH) {
      const ids = Array.from({ length: LOAD_BATCH }, (_, i) => storedEventId(keyId, first + i));
      const docs = await Promise.all(ids.map((id) => this.model.findById(id).lean<StoredEvent>().exec()));
      for (const doc of docs) {
        if (!doc) return events;
        events.push(toKeyEvent(doc));
      }
    }
  }

  async *scanHeads(): AsyncIterable<{ keyId: string; version: number; published: boolean }> {
    const cursor = this.model.find({}, { keyId: 1, version: 1, publishedAt: 1 }).lean<StoredEvent[]>().cursor();
    for await (const doc of cursor) yield { keyId: doc.keyId, version: doc.version, published: doc.publishedAt != null };
  }

  async append(events: KeyEvent[]): Promise<void> {
    const storedAt = new Date();
    // One at a time, in order: a collision stops the rest, so no version is stored after a gap.
    for (const event of events) {
      try {
        await this.model.collection.insertOne({
          _id: storedEventId(event.keyId, event.version) as never,
          ...event,
          storedAt,
          publishedAt: null,
        });
      } catch (error) {
        if (isDuplicateKeyError(error)) throw new ConcurrencyError(event.keyId, event.version);
        throw error;
      }
    }
  }
}
