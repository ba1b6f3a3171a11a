import { Query } from '@nestjs/cqrs';
import type { ReviewSummaryView } from '../shared/review-view';

export class ListReviewsQuery extends Query<{ items: ReviewSummaryView[] }> {
  constructor(readonly workspaceId: string) {
    super();
  }
}
