import { ApiError, type ErrorMapper } from '@pxxl/http';
import { ConcurrencyError } from '../../keys';
import { ReviewError } from '../domain/review.errors';

/** HTTP status per review error code; anything not listed is a 400. */
const STATUS: Record<string, number> = {
  REVIEW_NOT_FOUND: 404,
  KEY_NOT_IN_REVIEW: 404,
  SELF_REVIEW: 403,
  REVIEW_SIGNED_OFF: 409,
  REVIEW_NOT_SIGNED_OFF: 409,
  REVIEW_INCOMPLETE: 409,
  DECISION_ALREADY_APPLIED: 409,
  CONCURRENT_DECISION: 409,
  REVIEW_TOO_LARGE: 422,
  VERSION_MISMATCH: 412,
};

const REVIEW_STREAM = /^review:(.+)$/;

/** The reviews module's errors, and a concurrent append to a review's stream; undefined for the rest (the keys module maps those). */
export const reviewErrorMapper: ErrorMapper = (error) => {
  if (error instanceof ReviewError) return new ApiError(STATUS[error.code] ?? 400, error.code, error.message, error.details);
  const reviewId = error instanceof ConcurrencyError ? REVIEW_STREAM.exec(error.streamId)?.[1] : undefined;
  if (reviewId !== undefined) return new ApiError(409, 'CONCURRENT_MODIFICATION', 'another decision on this review landed first; reload it and retry', { reviewId });
  return undefined;
};

/** The status of a review code that is not a 400, or undefined (the keys module's mapping answers the rest, 400 by default). */
export function reviewErrorStatus(code: string): number | undefined {
  return STATUS[code];
}
