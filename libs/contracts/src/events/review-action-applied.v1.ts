import type { ReviewDecision } from './key-reviewed.v1';
import type { ReviewEnvelope } from './review-opened.v1';

export interface ReviewActionAppliedV1Data {
  keyId: string;
  decision: Exclude<ReviewDecision, 'keep'>;
  /** The key event that carried the decision out (KeyRotated, KeyRevoked, KeyUpdated, …). */
  followUpEventId: string;
  followUpEventType: string;
  /** The key's version after that event. */
  keyVersion: number;
}

/** A change decision carried out through the key service's own command. */
export type ReviewActionAppliedV1 = ReviewEnvelope<'ReviewActionApplied', ReviewActionAppliedV1Data>;
