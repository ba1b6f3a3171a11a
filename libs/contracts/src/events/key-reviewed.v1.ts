import type { ReviewEnvelope } from './review-opened.v1';

export type ReviewDecision = 'keep' | 'rotate' | 'revoke' | 'shorten-expiry' | 'reassign';
export const REVIEW_DECISIONS: readonly ReviewDecision[] = ['keep', 'rotate', 'revoke', 'shorten-expiry', 'reassign'];

/** Who decided: the calling key and its owner. */
export interface Reviewer {
  keyId: string;
  owner: string | null;
}

export interface KeyReviewedV1Data {
  keyId: string;
  decision: ReviewDecision;
  /** Required for keep; optional otherwise. */
  justification: string | null;
  /** The new, earlier expiry of a shorten-expiry decision; null otherwise. */
  expiresAt: string | null;
  /** The new owner of a reassign decision; null otherwise. */
  owner: string | null;
  reviewer: Reviewer;
}

/** A decision on one key of a review; a later one for the same key replaces it until it is applied. */
export type KeyReviewedV1 = ReviewEnvelope<'KeyReviewed', KeyReviewedV1Data>;
