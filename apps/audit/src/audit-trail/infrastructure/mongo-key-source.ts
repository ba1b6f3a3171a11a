import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { KeyView, withUsage } from '@pxxl/key-read-model';
import type { Model } from 'mongoose';
import type { ReviewKey } from '../domain/review-report';
import type { KeySource } from '../ports';

/** The verification read model (`key_views`), with each key's usage from `key_usage`. */
@Injectable()
export class MongoKeySource implements KeySource {
  constructor(@InjectModel(KeyView.name) private readonly keys: Model<KeyView>) {}

  async keysOf(workspaceId: string): Promise<ReviewKey[]> {
    const views = await this.keys.find({ workspaceId }).lean<KeyView[]>().exec();
    return (await withUsage(this.keys.db, views)).map(toReviewKey);
  }
}

const date = (value: Date | null | undefined) => (value == null ? null : new Date(value));

function toReviewKey(view: KeyView): ReviewKey {
  return {
    id: view._id,
    name: view.name,
    scopes: view.scopes,
    status: view.status,
    createdAt: new Date(view.createdAt),
    createdBy: view.createdBy,
    expiresAt: date(view.expiresAt),
    lastUsedAt: date(view.lastUsedAt),
    rotatedAt: date(view.rotatedAt),
    revokedAt: date(view.revokedAt),
    revokedReason: view.revokedReason ?? null,
  };
}
