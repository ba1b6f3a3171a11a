import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { KeyView } from '@pxxl/key-read-model';
import { isDuplicateKeyError } from '@pxxl/mongo';
import type { Model } from 'mongoose';
import type { KeyViewStore } from '../ports';

/** `key_views`. Only the projector changes a view; the key service may insert a new key's first. */
@Injectable()
export class MongoKeyViewStore implements KeyViewStore {
  constructor(@InjectModel(KeyView.name) private readonly model: Model<KeyView>) {}

  find(keyId: string): Promise<KeyView | null> {
    return this.model.findById(keyId).lean<KeyView>().exec();
  }

  /** Not an upsert with $setOnInsert: FerretDB v1 drops null fields from $setOnInsert. */
  async insert(view: KeyView): Promise<boolean> {
    try {
      await this.model.collection.insertOne(view as never);
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  async updateAt(keyId: string, expectedVersion: number, set: Partial<KeyView>): Promise<boolean> {
    const result = await this.model.collection.updateOne({ _id: keyId as never, version: expectedVersion }, { $set: set });
    return result.modifiedCount === 1;
  }
}
