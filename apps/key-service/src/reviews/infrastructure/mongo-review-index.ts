import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import type { ReviewIndex } from '../ports';

export const REVIEW_INDEX_COLLECTION = 'review_index';

/**
 * `review_index`: one document per review, `_id = reviewId`, written when it opens and never
 * changed: the list of a workspace's reviews (a small filtered scan), whose state is read from
 * their streams.
 */
@Injectable()
export class MongoReviewIndex implements ReviewIndex {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  async add(entry: { reviewId: string; workspaceId: string; openedAt: Date }): Promise<void> {
    await this.connection.collection(REVIEW_INDEX_COLLECTION).insertOne({ _id: entry.reviewId as never, workspaceId: entry.workspaceId, openedAt: entry.openedAt });
  }

  async list(workspaceId: string): Promise<string[]> {
    const docs = await this.connection.collection<{ _id: string; openedAt: Date }>(REVIEW_INDEX_COLLECTION).find({ workspaceId }).toArray();
    return docs.sort((a, b) => b.openedAt.getTime() - a.openedAt.getTime() || b._id.localeCompare(a._id)).map((doc) => doc._id);
  }
}
