import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { CLOCK, type Clock } from '@pxxl/contracts';
import { KeyView, withUsage } from '@pxxl/key-read-model';
import type { Model } from 'mongoose';
import type { AuditEntry } from '../audit-entry';
import { AuditEntryDoc } from '../audit-entry.schema';
import { AuditErrors } from '../audit-errors';
import { buildReviewReport, REVIEW_DEFAULTS, type ReviewKey, type ReviewReport } from './review-report';

export interface ReviewRequest {
  from?: Date;
  to?: Date;
  expiringWithinDays?: number;
  unusedForDays?: number;
  notRotatedForDays?: number;
}

const DAY_MS = 24 * 3600 * 1000;

/** Gathers the workspace's keys (the verification read model) and the period's entries for the review report. */
@Injectable()
export class ReviewService {
  constructor(
    @InjectModel(KeyView.name) private readonly keys: Model<KeyView>,
    @InjectModel(AuditEntryDoc.name) private readonly entries: Model<AuditEntryDoc>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async report(workspaceId: string, request: ReviewRequest): Promise<ReviewReport> {
    const now = this.clock.now();
    const to = request.to ?? now;
    const from = request.from ?? new Date(to.getTime() - REVIEW_DEFAULTS.periodDays * DAY_MS);
    if (from >= to) throw AuditErrors.invalidRange(from.toISOString(), to.toISOString());
    const [views, entries] = await Promise.all([
      this.keys.find({ workspaceId }).lean<KeyView[]>().exec().then((found) => withUsage(this.keys.db, found)),
      this.entries.collection
        .find({ workspaceId, occurredAt: { $gte: from, $lt: to } }, { projection: { eventId: 1, type: 1, keyId: 1, keyName: 1, actor: 1, occurredAt: 1, summary: 1, details: 1 } })
        .toArray(),
    ]);
    return buildReviewReport({
      workspaceId,
      now,
      parameters: {
        from,
        to,
        expiringWithinDays: request.expiringWithinDays ?? REVIEW_DEFAULTS.expiringWithinDays,
        unusedForDays: request.unusedForDays ?? REVIEW_DEFAULTS.unusedForDays,
        notRotatedForDays: request.notRotatedForDays ?? REVIEW_DEFAULTS.notRotatedForDays,
      },
      keys: views.map(toReviewKey),
      entries: (entries as unknown as AuditEntry[]).map((e) => ({ ...e, occurredAt: new Date(e.occurredAt) })),
    });
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
