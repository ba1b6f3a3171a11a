import type { KeyReviewedV1 } from './key-reviewed.v1';
import type { ReviewActionAppliedV1 } from './review-action-applied.v1';
import type { ReviewOpenedV1 } from './review-opened.v1';
import type { ReviewSignedOffV1 } from './review-signed-off.v1';

/** The events of a review campaign (stream `review:<reviewId>`). */
export type ReviewEvent = ReviewOpenedV1 | KeyReviewedV1 | ReviewActionAppliedV1 | ReviewSignedOffV1;
export type ReviewEventType = ReviewEvent['type'];
export const REVIEW_EVENT_TYPES: readonly ReviewEventType[] = ['ReviewOpened', 'KeyReviewed', 'ReviewActionApplied', 'ReviewSignedOff'];

/** A review's id: 16 letters and digits, like a key id. */
export const REVIEW_ID_PATTERN = /^[0-9A-Za-z]{16}$/;

export function isReviewEvent(event: { type: string }): event is ReviewEvent {
  return (REVIEW_EVENT_TYPES as readonly string[]).includes(event.type);
}

/** The event-store stream of a review: `review:<reviewId>`. */
export function reviewStreamId(reviewId: string): string {
  return `review:${reviewId}`;
}

/** The key a review event is about (KeyReviewed, ReviewActionApplied), else null. */
export function reviewedKeyOf(event: ReviewEvent): string | null {
  return event.type === 'KeyReviewed' || event.type === 'ReviewActionApplied' ? event.data.keyId : null;
}
