import { chunks } from '@pxxl/mongo';
import type { Collection } from 'mongodb';

/** The outbox mark every stored event and signal carries: `publishedAt` null until it is on the topic. */
export interface OutboxMarked {
  _id: string;
  storedAt: Date;
  publishedAt: Date | null;
}

/** Unpublished documents stored at least `minAgeMs` ago (younger ones are presumed in flight at their own instance). */
export function unpublishedFilter(minAgeMs: number): Record<string, unknown> {
  const filter: Record<string, unknown> = { publishedAt: null };
  if (minAgeMs > 0) filter.storedAt = { $lt: new Date(Date.now() - minAgeMs) };
  return filter;
}

/**
 * Marks documents as on the topic, in chunks: FerretDB stops answering on a bulkWrite of 100+ updates (docs/operations.md).
 * A mark needs no majority: one lost to a failover only has the sweep publish the item again, which consumers ignore.
 */
export async function markPublished(collection: Collection<OutboxMarked>, ids: string[]): Promise<void> {
  const publishedAt = new Date();
  for (const part of chunks(ids)) {
    await collection.bulkWrite(
      part.map((_id) => ({ updateOne: { filter: { _id }, update: { $set: { publishedAt } } } })),
      { ordered: false, writeConcern: { w: 1 } },
    );
  }
}
