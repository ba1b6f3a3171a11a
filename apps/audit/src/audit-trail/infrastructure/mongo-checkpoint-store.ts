import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { isDuplicateKeyError } from '@pxxl/mongo';
import type { Model } from 'mongoose';
import type { CheckpointStore, StoredCheckpoint } from '../ports';
import { CheckpointDoc } from './tree.schema';

const latestId = (workspaceId: string) => `${workspaceId}:latest`;
const sizeId = (workspaceId: string, size: number) => `${workspaceId}:${String(size).padStart(15, '0')}`;
const stored = (doc: CheckpointDoc | null): StoredCheckpoint | null => (doc ? { workspaceId: doc.workspaceId, size: doc.size, note: doc.note, signedAt: doc.signedAt } : null);

@Injectable()
export class MongoCheckpointStore implements CheckpointStore {
  constructor(@InjectModel(CheckpointDoc.name) private readonly checkpoints: Model<CheckpointDoc>) {}

  /** Read by `_id` (FerretDB v1 would scan every checkpoint for a sorted query): the `<ws>:latest` copy. */
  async latest(workspaceId: string): Promise<StoredCheckpoint | null> {
    return stored(await this.checkpoints.findById(latestId(workspaceId)).lean<CheckpointDoc>().exec());
  }

  async at(workspaceId: string, size: number): Promise<StoredCheckpoint | null> {
    return stored(await this.checkpoints.findById(sizeId(workspaceId, size)).lean<CheckpointDoc>().exec());
  }

  /** Keeps it (once per size) and moves the latest copy forward, never back on MongoDB; on FerretDB a race may leave it a step behind, which only means the next take signs again. */
  async save(checkpoint: StoredCheckpoint): Promise<void> {
    await this.insertOnce(sizeId(checkpoint.workspaceId, checkpoint.size), checkpoint);
    const moved = await this.checkpoints.collection.updateOne({ _id: latestId(checkpoint.workspaceId) as never, size: { $lt: checkpoint.size } }, { $set: { ...checkpoint } });
    if (moved.matchedCount === 0) await this.insertOnce(latestId(checkpoint.workspaceId), checkpoint);
  }

  private async insertOnce(id: string, checkpoint: StoredCheckpoint): Promise<void> {
    try {
      await this.checkpoints.collection.insertOne({ _id: id as never, ...checkpoint });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error; // there already
    }
  }
}
