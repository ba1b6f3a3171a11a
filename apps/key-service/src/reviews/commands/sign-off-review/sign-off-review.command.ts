import { Command } from '@nestjs/cqrs';
import type { ReviewState } from '../../domain/review';

export class SignOffReviewCommand extends Command<ReviewState> {
  constructor(
    readonly workspaceId: string,
    readonly reviewId: string,
    readonly callerKeyId: string,
  ) {
    super();
  }
}
