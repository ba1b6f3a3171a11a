import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { KeyView } from './key-view.schema';

/** Read access to the verification read model, by `_id` only on the hot path. */
@Injectable()
export class KeyViewReader {
  constructor(@InjectModel(KeyView.name) private readonly model: Model<KeyView>) {}

  findById(keyId: string): Promise<KeyView | null> {
    return this.model.findById(keyId).lean<KeyView>().exec();
  }

  async versionOf(keyId: string): Promise<number> {
    const view = await this.model.findById(keyId, { version: 1 }).lean<{ version: number }>().exec();
    return view?.version ?? 0;
  }
}
