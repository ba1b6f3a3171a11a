// The reviews module's public entry: the app, the CLI and the dashboard import this, never a deep path.
export { ReviewsModule } from './reviews.module';

export { OpenReviewCommand } from './commands/open-review/open-review.command';
export { DecideKeyCommand } from './commands/decide-key/decide-key.command';
export { ApplyReviewCommand, type AppliedOutcome, type ApplyReviewResult } from './commands/apply-review/apply-review.command';
export { SignOffReviewCommand } from './commands/sign-off-review/sign-off-review.command';
export { GetReviewQuery } from './queries/get-review/get-review.query';
export { ListReviewsQuery } from './queries/list-reviews/list-reviews.query';
export { GetAttestationQuery } from './queries/get-attestation/get-attestation.query';
export type { ReviewView, ReviewSummaryView, ReviewKeyView } from './queries/shared/review-view';
export type { Attestation } from './queries/shared/attestation';
export { renderAttestationPage } from './queries/get-attestation/attestation-page';
export { ReviewError } from './domain/review.errors';
export { reviewErrorMapper, reviewErrorStatus } from './http/review-error.mapper';
export type { ReviewState } from './domain/review';
export { ReviewIdPipe } from './http/review-id.pipe';
