import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { KeyView, withUsage } from '@pxxl/key-read-model';
import { validCountsSince } from '@pxxl/verification';
import type { Model } from 'mongoose';
import type { ReviewKey } from '../domain/review-report';
import type { KeySource } from '../ports';

/** The verification read model (`key_views`), with each key's usage from `key_usage`. */
@Injectable()
export class MongoKeySource implements KeySource {
  constructor(@InjectModel(KeyView.name) private readonly keys: Model<KeyView>) {}

  async keysOf(workspaceId: string): Promise<ReviewKey[]> {
    const views = await this.keys.find({ workspaceId }).lean<KeyView[]>().exec();
    const since = new Date(Date.now() - 29 * 86_400_000).toISOString().slice(0, 10);
    const [used, verifications] = await Promise.all([withUsage(this.keys.db, views), validCountsSince(this.keys.db, views.map((view) => view._id), since)]);
    return used.map((view) => toReviewKey(view, verifications.get(view._id) ?? null));
  }
}

const date = (value: Date | null | undefined) => (value == null ? null : new Date(value));

function toReviewKey(view: KeyView, verificationsLast30Days: number | null): ReviewKey {
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
    limits: { rateLimit: view.rateLimit ?? null, usage: view.usage ?? null, allowedIps: view.allowedIps ?? null },
    verificationsLast30Days,
    owner: view.owner ?? null,
    rotationDue: view.rotationDue ? { reason: view.rotationDue.reason, since: new Date(view.rotationDue.since) } : null,
  };
}
