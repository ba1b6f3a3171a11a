import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { isDuplicateKeyError } from '@pxxl/mongo';
import type { Model } from 'mongoose';
import { subtreeId, subtreeKey, type TreePosition } from '../domain/tree-positions';
import type { StoredSubtree, TreeStore } from '../ports';
import { TreeNodeDoc } from './tree.schema';

/** Inserts of 500 at most: a few round trips for a rebuilt range, and well under what FerretDB v1 takes in one batch. */
const INSERT_CHUNK = 500;

@Injectable()
export class MongoTreeStore implements TreeStore {
  constructor(@InjectModel(TreeNodeDoc.name) private readonly nodes: Model<TreeNodeDoc>) {}

  /**
   * One lookup by `_id` per hash, all at once: FerretDB v1 uses the `_id`
   * index for an equality but scans the collection for `$in`, and a proof
   * needs a few dozen hashes out of millions.
   */
  async subtrees(workspaceId: string, positions: TreePosition[]): Promise<Map<string, Buffer>> {
    const docs = await Promise.all(positions.map((position) => this.nodes.collection.findOne({ _id: subtreeId(workspaceId, position) as never })));
    const found = new Map<string, Buffer>();
    docs.forEach((doc, i) => {
      if (doc) found.set(subtreeKey(positions[i]), Buffer.from((doc as unknown as TreeNodeDoc).h, 'base64'));
    });
    return found;
  }

  async store(workspaceId: string, subtrees: StoredSubtree[]): Promise<void> {
    for (let start = 0; start < subtrees.length; start += INSERT_CHUNK) {
      const docs = subtrees.slice(start, start + INSERT_CHUNK).map(({ position, hash }) => ({ _id: subtreeId(workspaceId, position), h: hash.toString('base64') }));
      try {
        await this.nodes.collection.insertMany(docs as never[], { ordered: false });
      } catch (error) {
        // Written already by another writer: the same hash, since the leaves below are the same.
        if (!isDuplicateKeyError(error) || !everyErrorIsDuplicate(error)) throw error;
      }
    }
  }
}

function everyErrorIsDuplicate(error: unknown): boolean {
  const writeErrors = (error as { writeErrors?: Array<{ code?: number }> | { code?: number } }).writeErrors;
  if (!writeErrors) return true;
  return (Array.isArray(writeErrors) ? writeErrors : [writeErrors]).every((w) => w.code === 11000);
}
