import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { KeyView, KeyViewReader, withUsage } from '@pxxl/key-read-model';
import type { FilterQuery, Model } from 'mongoose';
import { DELETED_REASON } from '../domain/api-key';
import type { KeyReadModel, ListedStatus, ListKeysParams } from '../ports';

function statusClause(status: ListedStatus, now: Date): FilterQuery<KeyView> {
  switch (status) {
    case 'active':
      return { status: 'active', $or: [{ expiresAt: null }, { expiresAt: { $gt: now } }] };
    case 'expired':
      return { status: 'active', expiresAt: { $lte: now } };
    case 'revoked':
      return { status: 'revoked', revokedReason: { $ne: DELETED_REASON } };
    case 'deleted':
      return { status: 'revoked', revokedReason: DELETED_REASON };
  }
}

/**
 * Listing is a filtered, sorted scan: served by the {workspaceId, createdAt}
 * index on MongoDB, in memory on FerretDB (fine for a management page).
 */
@Injectable()
export class MongoKeyReadModel implements KeyReadModel {
  constructor(
    @InjectModel(KeyView.name) private readonly model: Model<KeyView>,
    private readonly reader: KeyViewReader,
  ) {}

  async get(keyId: string): Promise<KeyView | null> {
    const view = await this.reader.findById(keyId);
    return view === null ? null : (await withUsage(this.model.db, [view]))[0];
  }

  async versions(): Promise<Map<string, number>> {
    const views = await this.model.find({}, { version: 1 }).lean<Array<{ _id: string; version: number }>>().exec();
    return new Map(views.map((view) => [view._id, view.version]));
  }

  async list({ workspaceId, statuses, owner, after, limit, now }: ListKeysParams): Promise<KeyView[]> {
    const clauses: FilterQuery<KeyView>[] = [{ workspaceId }];
    clauses.push(
      statuses.length === 0 ? { revokedReason: { $ne: DELETED_REASON } } : { $or: statuses.map((s) => statusClause(s, now)) },
    );
    if (owner !== undefined) clauses.push({ owner });
    if (after) {
      clauses.push({ $or: [{ createdAt: { $lt: after.createdAt } }, { createdAt: after.createdAt, _id: { $lt: after.keyId } }] });
    }
    const views = await this.model
      .find({ $and: clauses })
      .sort({ createdAt: -1, _id: -1 })
      .limit(limit)
      .lean<KeyView[]>()
      .exec();
    return withUsage(this.model.db, views);
  }
}
