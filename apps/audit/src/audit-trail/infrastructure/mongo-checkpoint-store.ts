import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { isDuplicateKeyError } from '@pxxl/mongo';
import type { Model } from 'mongoose';
import type { CheckpointStore, StoredCheckpoint } from '../ports';
import { CheckpointDoc } from './tree.schema';

@Injectable()
export class MongoCheckpointStore implements CheckpointStore {
  constructor(@InjectModel(CheckpointDoc.name) private readonly checkpoints: Model<CheckpointDoc>) {}

  async latest(workspaceId: string): Promise<StoredCheckpoint | null> {
    const doc = await this.checkpoints.findOne({ workspaceId }).sort({ size: -1 }).lean<CheckpointDoc>().exec();
    return doc ? { workspaceId: doc.workspaceId, size: doc.size, note: doc.note, signedAt: doc.signedAt } : null;
  }

  async save(checkpoint: StoredCheckpoint): Promise<void> {
    try {
      await this.checkpoints.collection.insertOne({ _id: `${checkpoint.workspaceId}:${String(checkpoint.size).padStart(15, '0')}` as never, ...checkpoint });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error; // signed at that size already
    }
  }
}
