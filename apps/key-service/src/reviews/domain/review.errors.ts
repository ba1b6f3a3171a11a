/**
 * A review's refusals: a stable `code`, a message for people and details.
 * The HTTP status is chosen at the edge (http/review-error.mapper.ts).
 */
export class ReviewError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ReviewError';
  }
}

export const ReviewErrors = {
  notFound: (reviewId: string) => new ReviewError('REVIEW_NOT_FOUND', 'no such review in this workspace', { reviewId }),
  invalidTitle: () => new ReviewError('INVALID_REVIEW', 'title must be 1 to 200 characters after trimming, without control characters', { field: 'title' }),
  invalidDueAt: (dueAt: string) => new ReviewError('INVALID_REVIEW', 'dueAt must be a date-time in the future', { field: 'dueAt', dueAt }),
  invalidScope: (scope: string) => new ReviewError('INVALID_REVIEW', 'scope must be a scope of the catalog (GET /v1/scopes)', { field: 'scope', scope }),
  tooLarge: (keys: number, max: number) =>
    new ReviewError('REVIEW_TOO_LARGE', `${keys} keys match; a review holds at most ${max}: narrow it with owner or scope`, { keys, max }),
  signedOff: (reviewId: string) => new ReviewError('REVIEW_SIGNED_OFF', 'the review is signed off: it changes no more', { reviewId }),
  keyNotInReview: (reviewId: string, keyId: string) =>
    new ReviewError('KEY_NOT_IN_REVIEW', 'the key is not in this review’s scope (keys created after it opened are listed as new, not reviewed here)', { reviewId, keyId }),
  invalidDecision: (message: string, field: string) => new ReviewError('INVALID_DECISION', message, { field }),
  selfReview: (keyId: string, reason: 'own-key' | 'created-by-reviewer' | 'rotated-by-reviewer' | 'same-owner') =>
    new ReviewError('SELF_REVIEW', 'a reviewer cannot keep a key it created or last rotated itself, or that a key of the same owner did: another reviewer must decide', {
      keyId,
      reason,
    }),
  alreadyApplied: (keyId: string, followUpEventId: string) =>
    new ReviewError('DECISION_ALREADY_APPLIED', 'the decision on this key has been carried out: it cannot change any more', { keyId, followUpEventId }),
  decidedMeanwhile: (keyId: string) =>
    new ReviewError('CONCURRENT_DECISION', 'another reviewer decided this key at the same moment: reload the review and decide again if needed', { keyId }),
  incomplete: (undecided: string[], notApplied: string[]) =>
    new ReviewError(
      'REVIEW_INCOMPLETE',
      `sign-off needs a decision on every key and every change carried out: ${undecided.length} undecided, ${notApplied.length} not yet applied (POST /v1/reviews/{id}/apply)`,
      { undecided, notApplied },
    ),
  versionMismatch: (reviewId: string, expected: number, actual: number) =>
    new ReviewError('VERSION_MISMATCH', `the review is at version ${actual}, not ${expected}: reload it and retry`, { reviewId, expectedVersion: expected, currentVersion: actual }),
  notSignedOff: (reviewId: string) => new ReviewError('REVIEW_NOT_SIGNED_OFF', 'the attestation exists once the review is signed off', { reviewId }),
};
