import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { SCOPES } from '@pxxl/contracts';
import { KeyView } from '@pxxl/key-read-model';
import type { Model } from 'mongoose';
import type { KeyDirectory } from '../ports';

@Injectable()
export class MongoKeyDirectory implements KeyDirectory {
  constructor(@InjectModel(KeyView.name) private readonly views: Model<KeyView>) {}

  /** An unexpired, unrevoked key of the workspace that can manage keys. Rare (bootstrap): a scan is fine. */
  async hasActiveAdminKey(workspaceId: string): Promise<boolean> {
    const now = new Date();
    const found = await this.views
      .findOne({
        workspaceId,
        status: 'active',
        scopes: SCOPES.API_KEYS_WRITE,
        $or: [{ expiresAt: null }, { expiresAt: { $gt: now } }],
      })
      .lean()
      .exec();
    return found !== null;
  }
}
