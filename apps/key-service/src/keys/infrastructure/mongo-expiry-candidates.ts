import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { KeyView } from '@pxxl/key-read-model';
import type { Model } from 'mongoose';
import type { ExpiryCandidate, ExpiryCandidates } from '../ports';

type CandidateFields = Pick<KeyView, '_id' | 'workspaceId' | 'status' | 'createdAt' | 'expiresAt' | 'expiryNotices' | 'expiredAt'>;

/**
 * The scheduler's scan of `key_views`: per workspace, the keys whose expiry
 * is before a horizon, by the {workspaceId, expiresAt} index on MongoDB (a
 * filtered scan on FerretDB, which pushes down only `_id`), with only the
 * fields the notice rules need. `expiredAt: null` also matches views written
 * before the field existed; a comparison on `expiresAt` never matches a key
 * that does not expire.
 */
@Injectable()
export class MongoExpiryCandidates implements ExpiryCandidates {
  constructor(@InjectModel(KeyView.name) private readonly model: Model<KeyView>) {}

  async workspaces(): Promise<string[]> {
    return (await this.model.distinct('workspaceId').exec()) as string[];
  }

  async expiringBy(workspaceId: string, horizon: Date): Promise<ExpiryCandidate[]> {
    const views = await this.model
      .find(
        { workspaceId, status: 'active', expiresAt: { $lte: horizon }, expiredAt: null },
        { workspaceId: 1, status: 1, createdAt: 1, expiresAt: 1, expiryNotices: 1, expiredAt: 1 },
      )
      .lean<CandidateFields[]>()
      .exec();
    return views.map((view) => ({
      keyId: view._id,
      workspaceId: view.workspaceId,
      revoked: view.status !== 'active',
      createdAt: new Date(view.createdAt).toISOString(),
      expiresAt: view.expiresAt === null ? null : new Date(view.expiresAt).toISOString(),
      noticedDays: view.expiryNotices ?? [],
      expiredNoticed: view.expiredAt !== null && view.expiredAt !== undefined,
    }));
  }
}
