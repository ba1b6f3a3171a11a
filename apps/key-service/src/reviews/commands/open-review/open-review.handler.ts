import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, randomBase62, type Clock } from '@pxxl/contracts';
import { decideOpen, initialReviewState, type ReviewState } from '../../domain/review';
import { REVIEW_INDEX, REVIEWED_KEYS, type ReviewedKeys, type ReviewIndex } from '../../ports';
import { ReviewRecording } from '../shared/review-recording';
import { OpenReviewCommand } from './open-review.command';

/** Freeze the workspace's active keys in scope (ReviewOpened), then list the review in the index. */
@CommandHandler(OpenReviewCommand)
export class OpenReviewHandler implements ICommandHandler<OpenReviewCommand, ReviewState> {
  constructor(
    @Inject(REVIEWED_KEYS) private readonly keys: ReviewedKeys,
    @Inject(REVIEW_INDEX) private readonly index: ReviewIndex,
    private readonly recording: ReviewRecording,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: OpenReviewCommand): Promise<ReviewState> {
    const now = this.clock.now();
    const opened = decideOpen({ type: 'OpenReview', ...command.review, now }, await this.keys.active(command.workspaceId, now));
    const reviewId = randomBase62(16);
    const state = await this.recording.record(initialReviewState, [opened], { reviewId, workspaceId: command.workspaceId, actor: command.actor, now });
    await this.index.add({ reviewId, workspaceId: command.workspaceId, openedAt: now });
    return state;
  }
}
