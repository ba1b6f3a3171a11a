import type { Reviewer } from './key-reviewed.v1';
import type { ReviewEnvelope } from './review-opened.v1';

/** The audit trail's latest signed checkpoint of the workspace at sign-off (C2SP signed note). */
export interface SignedOffCheckpoint {
  size: number;
  signedAt: string;
  note: string;
}

export interface ReviewSignedOffV1Data {
  by: Reviewer;
  /** null when the audit app had signed no checkpoint of the workspace yet. */
  checkpoint: SignedOffCheckpoint | null;
  keysReviewed: number;
}

/** The review is closed: every key decided, every change done. */
export type ReviewSignedOffV1 = ReviewEnvelope<'ReviewSignedOff', ReviewSignedOffV1Data>;
