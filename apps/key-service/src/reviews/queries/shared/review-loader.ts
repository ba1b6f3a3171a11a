import { Inject, Injectable } from '@nestjs/common';
import { foldReview, type ReviewState } from '../../domain/review';
import { ReviewErrors } from '../../domain/review.errors';
import { REVIEW_EVENT_STORE, type ReviewEventStore } from '../../ports';

/** A review's state, folded from its stream; another workspace's review answers like a missing one. */
@Injectable()
export class ReviewLoader {
  constructor(@Inject(REVIEW_EVENT_STORE) private readonly store: ReviewEventStore) {}

  async load(workspaceId: string, reviewId: string): Promise<ReviewState> {
    const state = foldReview(await this.store.load(reviewId));
    if (state.version === 0 || state.workspaceId !== workspaceId) throw ReviewErrors.notFound(reviewId);
    return state;
  }
}
