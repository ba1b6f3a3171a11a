import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '@pxxl/contracts';
import { inReviewScope } from '../../domain/review';
import { REVIEWED_KEYS, type ReviewedKeys } from '../../ports';
import { ReviewLoader } from '../shared/review-loader';
import { toReviewView, type ReviewView } from '../shared/review-view';
import { GetReviewQuery } from './get-review.query';

/** The review, each key as it is now beside its snapshot, and the keys in scope created since it opened. */
@QueryHandler(GetReviewQuery)
export class GetReviewHandler implements IQueryHandler<GetReviewQuery, ReviewView> {
  constructor(
    private readonly reviews: ReviewLoader,
    @Inject(REVIEWED_KEYS) private readonly keys: ReviewedKeys,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(query: GetReviewQuery): Promise<ReviewView> {
    const state = await this.reviews.load(query.workspaceId, query.reviewId);
    const now = this.clock.now();
    const inSnapshot = new Set(state.items.map((item) => item.key.keyId));
    const [current, active] = await Promise.all([this.keys.current(query.workspaceId, [...inSnapshot], now), this.keys.active(query.workspaceId, now)]);
    const newSinceOpened = active.filter((key) => !inSnapshot.has(key.keyId) && key.createdAt >= state.openedAt && inReviewScope(key, state));
    return toReviewView(state, current, newSinceOpened);
  }
}
