import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { REVIEW_INDEX, type ReviewIndex } from '../../ports';
import { ReviewLoader } from '../shared/review-loader';
import { toReviewSummary, type ReviewSummaryView } from '../shared/review-view';
import { ListReviewsQuery } from './list-reviews.query';

/** Newest first: the index names them, each one's stream says where it stands. */
@QueryHandler(ListReviewsQuery)
export class ListReviewsHandler implements IQueryHandler<ListReviewsQuery, { items: ReviewSummaryView[] }> {
  constructor(
    @Inject(REVIEW_INDEX) private readonly index: ReviewIndex,
    private readonly reviews: ReviewLoader,
  ) {}

  async execute(query: ListReviewsQuery): Promise<{ items: ReviewSummaryView[] }> {
    const ids = await this.index.list(query.workspaceId);
    const states = await Promise.all(ids.map((id) => this.reviews.load(query.workspaceId, id).catch(() => null)));
    return { items: states.filter((state) => state !== null).map(toReviewSummary) };
  }
}
