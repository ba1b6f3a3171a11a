import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@pxxl/contracts';
import { AuditErrors } from '../../domain/audit-errors';
import { buildReviewReport, REVIEW_DEFAULTS, type ReviewReport } from '../../domain/review-report';
import { AUDIT_ENTRY_STORE, KEY_SOURCE, type AuditEntryStore, type KeySource } from '../../ports';

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
    @Inject(KEY_SOURCE) private readonly keys: KeySource,
    @Inject(AUDIT_ENTRY_STORE) private readonly entries: AuditEntryStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async report(workspaceId: string, request: ReviewRequest): Promise<ReviewReport> {
    const now = this.clock.now();
    const to = request.to ?? now;
    const from = request.from ?? new Date(to.getTime() - REVIEW_DEFAULTS.periodDays * DAY_MS);
    if (from >= to) throw AuditErrors.invalidRange(from.toISOString(), to.toISOString());
    const [keys, entries] = await Promise.all([this.keys.keysOf(workspaceId), this.entries.occurredIn(workspaceId, from, to)]);
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
      keys,
      entries: entries.map((e) => ({ ...e, occurredAt: new Date(e.occurredAt) })),
    });
  }
}
