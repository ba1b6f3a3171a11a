import type { StreamEvent } from '@pxxl/contracts';
import { readAhead, storedCount } from '@pxxl/mongo';
import type { Db } from 'mongodb';
import { KEY_EVENTS_COLLECTION, storedEventId, toStreamEvent, type StoredEvent } from './stored-event.schema';
import { KEY_SIGNALS_COLLECTION, type StoredSignal } from './stored-signal';

/**
 * The whole log, for the readers that are not the key service: the
 * projector's rebuild, the audit completeness check and the reconcile
 * commands. They read it through these functions, so the stored format stays
 * this library's alone.
 */

/** The little of a MongoDB `Db` a scan needs (mongoose's `connection.db` fits). */
export interface ScannableDb {
  collection(name: string): { find(filter: object, options?: object): AsyncIterable<unknown> };
}

/** Every stored event as its stream has it: in storage order, which every backend streams at once, or in `_id` order (one stream's events together). */
export async function* readEventLog(db: Db, { order = 'storage', batchSize = 1000 }: { order?: 'storage' | '_id'; batchSize?: number } = {}): AsyncGenerator<StreamEvent> {
  const cursor = db.collection<StoredEvent>(KEY_EVENTS_COLLECTION).find({}).batchSize(batchSize);
  for await (const doc of readAhead(order === '_id' ? cursor.sort({ _id: 1 }) : cursor)) yield toStreamEvent(doc);
}

/** How many events are stored, from the store's statistics (no scan). */
export function countStoredEvents(db: Db): Promise<number> {
  return storedCount(db.collection(KEY_EVENTS_COLLECTION));
}

/** true when the stream has a first event (one `_id` lookup). */
export async function streamExists(db: Db, streamId: string): Promise<boolean> {
  return (await db.collection<{ _id: string }>(KEY_EVENTS_COLLECTION).findOne({ _id: storedEventId(streamId, 1) })) !== null;
}

export type StoredEventField = Exclude<keyof StoredEvent, '_id' | 'data'>;

/** Some fields of every stored event (of one workspace, when given), in storage order: a scan without payloads. */
export async function* scanEventLog<F extends StoredEventField>(
  db: ScannableDb,
  fields: readonly F[],
  workspaceId?: string,
): AsyncGenerator<Pick<StoredEvent, F>> {
  const projection = Object.fromEntries([['_id', 0], ...fields.map((field) => [field, 1])]);
  for await (const doc of db.collection(KEY_EVENTS_COLLECTION).find(workspaceId ? { workspaceId } : {}, { projection })) yield doc as Pick<StoredEvent, F>;
}

/** Every stored key signal (of one workspace, when given) and when it was stored, in storage order. */
export async function* scanKeySignals(db: ScannableDb, workspaceId?: string): AsyncGenerator<Pick<StoredSignal, 'signal' | 'storedAt'>> {
  const filter = workspaceId ? { 'signal.workspaceId': workspaceId } : {};
  for await (const doc of db.collection(KEY_SIGNALS_COLLECTION).find(filter, { projection: { _id: 0, signal: 1, storedAt: 1 } })) {
    yield doc as Pick<StoredSignal, 'signal' | 'storedAt'>;
  }
}
