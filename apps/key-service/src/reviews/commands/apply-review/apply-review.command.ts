import { Command } from '@nestjs/cqrs';
import type { AppliedOutcome } from '@pxxl/contracts';
import type { ReviewState } from '../../domain/review';

export type { AppliedOutcome };

export interface ApplyReviewResult {
  results: AppliedOutcome[];
  review: ReviewState;
}

export class ApplyReviewCommand extends Command<ApplyReviewResult> {
  constructor(
    readonly workspaceId: string,
    readonly reviewId: string,
    readonly callerKeyId: string,
    /** The caller's scopes: a rotation hands out a new secret only for scopes the caller holds. */
    readonly callerScopes: string[],
    readonly gracePeriodSeconds: number | undefined,
  ) {
    super();
  }
}
