import { Inject, Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { KeySignal } from '@pxxl/contracts';
import { KafkaClient, topicMessage } from '@pxxl/kafka';
import { isDuplicateKeyError } from '@pxxl/mongo';
import type { Collection, Connection } from 'mongoose';
import { markPublished, unpublishedFilter, type OutboxMarked } from './outbox-marks';
import { OUTBOX_RELAY_SETTINGS, OutboxRelay, type OutboxRelaySettings } from './outbox-relay';
import { KEY_SIGNALS_COLLECTION, type StoredSignal } from './stored-signal';

type PendingSignal = Pick<StoredSignal, '_id' | 'signal'>;

/**
 * The outbox of key signals (stored-signal.ts), relayed to the key topic by
 * the same relay as the events. Signals need no order among themselves, so
 * they go out as queued.
 */
@Injectable()
export class MongoKeySignalOutbox extends OutboxRelay<PendingSignal> {
  private readonly collection: Collection<StoredSignal>;

  constructor(@InjectConnection() connection: Connection, kafka: KafkaClient, @Inject(OUTBOX_RELAY_SETTINGS) settings: OutboxRelaySettings) {
    const collection = connection.collection<StoredSignal>(KEY_SIGNALS_COLLECTION);
    super(
      {
        name: MongoKeySignalOutbox.name,
        idOf: (doc) => doc._id,
        unpublished: (minAgeMs) => collection.find(unpublishedFilter(minAgeMs), { projection: { signal: 1 } }).toArray(),
        message: (doc) => topicMessage(doc.signal),
        markPublished: (docs) => markPublished(collection as unknown as Collection<OutboxMarked>, docs.map((doc) => doc._id)),
      },
      kafka,
      settings,
    );
    this.collection = collection;
  }

  /**
   * Stores the signal under `dedupeId` (a second one with the same id is
   * refused: 'duplicate'), then hands it to the relay without waiting for the
   * topic: it is durable once stored, and the relay retries until it is out.
   */
  async record(signal: KeySignal, dedupeId: string): Promise<'recorded' | 'duplicate'> {
    try {
      await this.collection.insertOne({ _id: dedupeId, signal, storedAt: new Date(), publishedAt: null });
    } catch (error) {
      if (isDuplicateKeyError(error)) return 'duplicate';
      throw error;
    }
    void this.publish([{ _id: dedupeId, signal }]);
    return 'recorded';
  }
}
