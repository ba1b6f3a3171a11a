import { Command } from '@nestjs/cqrs';
import type { ReviewDecision } from '@pxxl/contracts';
import type { ReviewState } from '../../domain/review';

export class DecideKeyCommand extends Command<ReviewState> {
  constructor(
    readonly workspaceId: string,
    readonly reviewId: string,
    readonly keyId: string,
    /** The calling key: the reviewer. */
    readonly reviewerKeyId: string,
    readonly decision: { decision: ReviewDecision; justification?: string | null; expiresAt?: string | null; owner?: string | null },
    /** From If-Match: the review's version; undefined decides on the state loaded. */
    readonly expectedVersion?: number,
  ) {
    super();
  }
}
