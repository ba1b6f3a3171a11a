import type { AbstractCursor, Collection, Document } from 'mongodb';

/**
 * Yields a cursor's documents while the store prepares the next batch. The
 * driver asks for the next batch only once its buffer is empty, so a plain
 * `for await` leaves the store idle while the caller works through a batch,
 * and the caller idle while the store reads; here the two overlap.
 */
export async function* readAhead<T>(cursor: AbstractCursor<T>): AsyncGenerator<T> {
  let more = cursor.hasNext();
  try {
    while (await more) {
      const batch = cursor.readBufferedDocuments();
      more = cursor.hasNext();
      yield* batch;
    }
  } finally {
    more.catch(() => undefined);
    await cursor.close();
  }
}

/**
 * A collection's size as the store keeps it (`$collStats`: metadata on
 * MongoDB, page statistics on FerretDB's SQLite), without reading documents:
 * the driver's estimatedDocumentCount runs `count`, which FerretDB answers by
 * reading every document (8 s for 100,000 events).
 */
export async function storedCount(collection: Collection<Document>): Promise<number> {
  try {
    const [stats] = await collection.aggregate<{ count?: number }>([{ $collStats: { count: {} } }]).toArray();
    if (typeof stats?.count === 'number') return stats.count;
  } catch {
    // A store without $collStats: count the slow way.
  }
  return collection.estimatedDocumentCount();
}
