import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { KeySignal } from '@pxxl/contracts';
import { KafkaClient, topicMessage } from '@pxxl/kafka';
import { chunks, isDuplicateKeyError } from '@pxxl/mongo';
import type { Collection, Connection } from 'mongoose';
import type { KeySignalOutbox } from '../ports';
import { OUTBOX_RELAY_SETTINGS, type OutboxRelaySettings } from './outbox-relay';

export const KEY_SIGNALS_COLLECTION = 'key_signals';

interface StoredSignal {
  _id: string;
  signal: KeySignal;
  storedAt: Date;
  publishedAt: Date | null;
}

/**
 * The outbox of key signals: `key_signals`, one document per signal with the
 * caller's dedupe id as `_id` (a second signal of the same id collides), the
 * signal, and `publishedAt` null until it is on the key topic. Publishing is
 * attempted at once; a sweep at start and at the outbox interval publishes
 * whatever a failure or crash left behind. Signals need no order among
 * themselves, so this is simpler than the event relay.
 */
@Injectable()
export class MongoKeySignalOutbox implements KeySignalOutbox, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MongoKeySignalOutbox.name);
  private readonly collection: Collection<StoredSignal>;
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectConnection() connection: Connection,
    private readonly kafka: KafkaClient,
    @Inject(OUTBOX_RELAY_SETTINGS) private readonly settings: OutboxRelaySettings,
  ) {
    this.collection = connection.collection<StoredSignal>(KEY_SIGNALS_COLLECTION);
  }

  onApplicationBootstrap(): void {
    void this.sweep(0);
    this.timer = setInterval(() => void this.sweep(this.settings.sweepMinAgeMs), this.settings.sweepIntervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async record(signal: KeySignal, dedupeId: string): Promise<'recorded' | 'duplicate'> {
    try {
      await this.collection.insertOne({ _id: dedupeId, signal, storedAt: new Date(), publishedAt: null });
    } catch (error) {
      if (isDuplicateKeyError(error)) return 'duplicate';
      throw error;
    }
    await this.publish([{ _id: dedupeId, signal }]);
    return 'recorded';
  }

  /** Publishes every unpublished signal stored at least `minAgeMs` ago. */
  async sweep(minAgeMs: number): Promise<number> {
    try {
      const filter: Record<string, unknown> = { publishedAt: null };
      if (minAgeMs > 0) filter.storedAt = { $lt: new Date(Date.now() - minAgeMs) };
      const pending = await this.collection.find(filter).toArray();
      if (pending.length > 0) await this.publish(pending);
      return pending.length;
    } catch (error) {
      this.logger.warn({ msg: 'key signal sweep failed; will retry', error: String(error) });
      return 0;
    }
  }

  /** Never throws: a signal that could not be published stays for the next sweep. */
  private async publish(docs: Array<Pick<StoredSignal, '_id' | 'signal'>>): Promise<void> {
    try {
      const producer = await this.kafka.producer();
      await producer.send({ topic: this.kafka.topic, acks: -1, messages: docs.map((doc) => topicMessage(doc.signal)) });
      const publishedAt = new Date();
      // In chunks: FerretDB stops answering on a bulkWrite of 100+ updates (docs/operations.md).
      for (const part of chunks(docs)) {
        await this.collection.bulkWrite(
          part.map((doc) => ({ updateOne: { filter: { _id: doc._id }, update: { $set: { publishedAt } } } })),
          { ordered: false },
        );
      }
    } catch (error) {
      this.logger.warn({ msg: 'could not publish key signals; the sweep retries', count: docs.length, error: String(error) });
    }
  }
}
