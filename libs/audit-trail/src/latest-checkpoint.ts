import { AUDIT_COLLECTIONS } from './collections';

/** The latest checkpoint the audit app signed for a workspace: the C2SP signed note as served, and its tree size. */
export interface LatestCheckpoint {
  size: number;
  signedAt: string;
  note: string;
}

/** The little of a MongoDB `Db` the read needs (mongoose's `connection.db` fits). */
export interface CheckpointDb {
  collection(name: string): { findOne(filter: object): Promise<unknown> };
}

/**
 * Reads the audit app's `<workspaceId>:latest` checkpoint copy by `_id`, for
 * another app that must name the trail's state (a review's sign-off): the
 * collection's format stays this library's and the audit app's.
 */
export async function readLatestCheckpoint(db: CheckpointDb, workspaceId: string): Promise<LatestCheckpoint | null> {
  const doc = (await db.collection(AUDIT_COLLECTIONS.checkpoints).findOne({ _id: `${workspaceId}:latest` })) as
    | { size: number; note: string; signedAt: Date }
    | null;
  return doc ? { size: doc.size, signedAt: new Date(doc.signedAt).toISOString(), note: doc.note } : null;
}
