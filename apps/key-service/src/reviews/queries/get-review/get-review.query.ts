import { Query } from '@nestjs/cqrs';
import type { ReviewView } from '../shared/review-view';

export class GetReviewQuery extends Query<ReviewView> {
  constructor(
    readonly workspaceId: string,
    readonly reviewId: string,
  ) {
    super();
  }
}
