import type { Connection } from 'mongoose';

/**
 * When each key was last used: `_id = keyId`, `lastUsedAt`. Kept apart from
 * the views on purpose: only the projector changes a view. FerretDB
 * v1 applies an update by rewriting the whole document, so a usage write
 * racing a projection on the same view could put back the version before
 * it (seen in a soak: a view stuck two events behind).
 */
export const KEY_USAGE_COLLECTION = 'key_usage';

export interface KeyUsageDoc {
  _id: string;
  lastUsedAt: Date;
}

/** The views with their usage filled in from `key_usage` (one read for the lot); a view's own value only where `key_usage` has none. */
export async function withUsage<V extends { _id: string; lastUsedAt?: Date | null }>(connection: Connection, views: V[]): Promise<V[]> {
  if (views.length === 0) return views;
  const usage = connection.collection<KeyUsageDoc>(KEY_USAGE_COLLECTION);
  const docs =
    views.length === 1
      ? [await usage.findOne({ _id: views[0]._id })].filter((doc): doc is KeyUsageDoc => doc !== null)
      : await usage.find({ _id: { $in: views.map((view) => view._id) } }).toArray();
  const lastUsed = new Map(docs.map((doc) => [doc._id, doc.lastUsedAt]));
  return views.map((view) => ({ ...view, lastUsedAt: lastUsed.get(view._id) ?? view.lastUsedAt ?? null }));
}
