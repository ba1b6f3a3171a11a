import { Injectable, Logger } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { isKeyLifecycleEvent, type KeyEvent, type TopicEvent } from '@pxxl/contracts';
import { countStoredEvents, readEventLog, streamExists } from '@pxxl/event-store';
import { foldViews, inVersionOrder, KEY_VIEWS_COLLECTION, ViewDigest, ViewFolder, type KeyView } from '@pxxl/key-read-model';
import { isDuplicateKeyError, readAhead } from '@pxxl/mongo';
import type { Collection, Connection } from 'mongoose';

const BATCH = 1000;
/** Up to this many events the log is folded in memory (roughly 1 KB per key); above, in `_id` order. */
export const DEFAULT_IN_MEMORY_MAX_EVENTS = 1_000_000;

export interface RebuildOptions {
  inMemoryMaxEvents?: number;
}

export interface RebuildProgress {
  events: number;
  views: number;
  totalEvents: number;
}

export interface RebuildResult {
  events: number;
  views: number;
  seconds: number;
  eventsPerSecond: number;
  target: string;
  /** `storage order`: read as stored, folded in memory; `_id order`: read sorted, one key at a time. */
  order: 'storage order' | '_id order';
}

/**
 * Rebuilds the verification read model from the event log into a fresh
 * collection, folding with the projector's own rules and inserting views in
 * batches. Usage is no part of it: it lives in `key_usage`, apart from the views.
 *
 * A log of up to `inMemoryMaxEvents` is read in storage order, which every
 * backend streams at once, and folded in memory; revoked views (final) are
 * written during the read, the rest when it ends. A larger one is read in `_id` order (each key's events together,
 * memory one key), which MongoDB streams from its primary index but FerretDB
 * sorts in full before its first document: on FerretDB 100,000 events took
 * 28 s that way and 20–22 s in storage order (see docs/operations.md).
 */
@Injectable()
export class KeyViewRebuilder {
  private readonly logger = new Logger(KeyViewRebuilder.name);

  constructor(@InjectConnection() private readonly connection: Connection) {}

  private collection<T extends object>(name: string): Collection<T> {
    return this.connection.collection<T>(name) as unknown as Collection<T>;
  }

  async rebuild(
    target: string,
    onProgress: (progress: RebuildProgress) => void = () => undefined,
    { inMemoryMaxEvents = DEFAULT_IN_MEMORY_MAX_EVENTS }: RebuildOptions = {},
  ): Promise<RebuildResult> {
    const started = Date.now();
    await this.collection(target).drop().catch(() => undefined);
    const db = this.connection.db!;
    const totalEvents = await countStoredEvents(db);
    const progress: RebuildProgress = { events: 0, views: 0, totalEvents };
    const order = totalEvents <= inMemoryMaxEvents ? 'storage order' : '_id order';
    const read = async function* (readOrder: 'storage' | '_id') {
      for await (const event of readEventLog(db, { order: readOrder, batchSize: BATCH })) {
        progress.events++;
        // The store also holds workspace policy streams: they make no key view.
        if (isKeyLifecycleEvent(event)) yield event;
      }
    };
    const changedAfter: KeyView[] = [];
    const views = order === 'storage order' ? this.foldInMemory(read('storage'), changedAfter) : foldViews(inVersionOrder(read('_id')));
    let batch: KeyView[] = [];
    // One insert in flight while the next batch is read and folded: reading and writing overlap.
    let inFlight: Promise<void> = Promise.resolve();
    const flush = async () => {
      if (batch.length === 0) return;
      const views = batch;
      batch = [];
      await inFlight;
      inFlight = this.collection<KeyView>(target)
        .insertMany(views as never[], { ordered: false })
        .then(() => {
          progress.views += views.length;
          onProgress({ ...progress });
        });
    };
    for await (const view of views) {
      batch.push(view);
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    await inFlight;
    // Only if the log holds an event after a revocation (the domain never decides one).
    for (const { _id, ...fields } of changedAfter) {
      await this.collection<KeyView>(target).replaceOne({ _id } as never, fields as never);
    }
    const seconds = (Date.now() - started) / 1000;
    this.logger.log({ msg: 'read model rebuilt', target, order, events: progress.events, views: progress.views, seconds });
    return { events: progress.events, views: progress.views, seconds, eventsPerSecond: Math.round(progress.events / seconds), target, order };
  }

  /**
   * Yields revoked views while the log is read (they are final), the rest at
   * its end; views changed after they were yielded go to `changedAfter`.
   */
  private async *foldInMemory(events: AsyncIterable<KeyEvent>, changedAfter: KeyView[]): AsyncGenerator<KeyView> {
    const folder = new ViewFolder();
    for await (const event of events) {
      folder.add(event);
      yield* folder.takeFinal();
    }
    yield* folder.takeRest();
    if (folder.stranded > 0) this.logger.error({ msg: 'events after a gap in the log were not applied', count: folder.stranded });
    changedAfter.push(...folder.changedAfterTaken());
  }

  /**
   * Makes the live read model equal to the rebuilt one, document by document,
   * so verification never meets a missing collection or document (FerretDB has
   * no atomic rename-over). Each replace is guarded by the live version, so a
   * view the live projector moved on meanwhile is left alone; a live view with
   * no event behind it is removed.
   */
  async repairLive(rebuilt: string): Promise<{ replaced: number; inserted: number; removed: number }> {
    const live = this.collection<KeyView>(KEY_VIEWS_COLLECTION);
    const digestOf = (view: KeyView) => {
      const d = new ViewDigest();
      d.add(view);
      return d.hex();
    };
    const liveById = new Map<string, KeyView>();
    for await (const view of live.find({})) liveById.set(view._id, view);
    let replaced = 0;
    let inserted = 0;
    // Views missing from the live model go in batches; one the projector created meanwhile collides and is kept.
    let missing: KeyView[] = [];
    const insertMissing = async () => {
      if (missing.length === 0) return;
      const batch = missing;
      missing = [];
      inserted += await live.insertMany(batch as never[], { ordered: false }).then(
        (result) => result.insertedCount,
        (error: { insertedCount?: number }) => {
          if (!isDuplicateKeyError(error)) throw error;
          return error.insertedCount ?? 0;
        },
      );
    };
    for await (const view of this.collection<KeyView>(rebuilt).find({})) {
      const current = liveById.get(view._id);
      liveById.delete(view._id);
      if (!current) {
        missing.push(view);
        if (missing.length >= BATCH) await insertMissing();
      } else if (current.version <= view.version && digestOf(current) !== digestOf(view)) {
        const { _id, ...fields } = view;
        const result = await live.replaceOne({ _id, version: current.version } as never, fields as never);
        replaced += result.modifiedCount;
      }
    }
    await insertMissing();
    let removed = 0;
    for (const keyId of liveById.keys()) {
      if (!(await streamExists(this.connection.db!, keyId))) removed += (await live.deleteOne({ _id: keyId } as never)).deletedCount;
    }
    return { replaced, inserted, removed };
  }

  /** Digest of a view collection, in `_id` order. */
  async digest(collection: string): Promise<{ digest: string; views: number }> {
    const digest = new ViewDigest();
    for await (const view of this.collection<KeyView>(collection).find({}).sort({ _id: 1 })) digest.add(view);
    return { digest: digest.hex(), views: digest.count };
  }
}
