import type { Reviewer, ReviewDecision, SignedOffCheckpoint } from '@pxxl/contracts';
import type { ReviewState } from '../../domain/review';
import { ReviewErrors } from '../../domain/review.errors';

export const ATTESTATION_FORMAT = 'pxxl-keys/review-attestation/v1';

/** One reviewed key in the attestation: as reviewed (the frozen snapshot), the decision, who made it, and the follow-up. */
export interface AttestedKey {
  keyId: string;
  name: string;
  owner: string | null;
  scopes: string[];
  lastUsedAt: string | null;
  expiresAt: string | null;
  decision: ReviewDecision;
  justification: string | null;
  newExpiresAt: string | null;
  newOwner: string | null;
  decidedBy: Reviewer;
  decidedAt: string;
  /** The KeyReviewed event: an entry of the audit trail. */
  decisionEventId: string;
  /** The key event that carried a change out (an entry of the audit trail too); null for keep. */
  followUp: { eventId: string; type: string; keyVersion: number; appliedAt: string } | null;
}

/**
 * The evidence a signed-off review hands an auditor: the same document every time it is fetched
 * (it is a function of the review's events), each event id an entry of the audit trail, and the
 * trail's signed checkpoint at sign-off (verify it with the audit verifier key: docs/audit.md).
 */
export interface Attestation {
  format: typeof ATTESTATION_FORMAT;
  workspaceId: string;
  review: { id: string; title: string; dueAt: string; owner: string | null; scope: string | null; openedAt: string; openedBy: string };
  period: { from: string; to: string };
  keys: AttestedKey[];
  signOff: { by: Reviewer; at: string; eventId: string };
  checkpoint: SignedOffCheckpoint | null;
}

export function toAttestation(state: ReviewState): Attestation {
  const signOff = state.signOff;
  if (!signOff) throw ReviewErrors.notSignedOff(state.reviewId);
  return {
    format: ATTESTATION_FORMAT,
    workspaceId: state.workspaceId,
    review: { id: state.reviewId, title: state.title, dueAt: state.dueAt, owner: state.owner, scope: state.scope, openedAt: state.openedAt, openedBy: state.openedBy },
    period: { from: state.openedAt, to: signOff.at },
    keys: state.items.map(({ key, decision, applied }) => ({
      keyId: key.keyId,
      name: key.name,
      owner: key.owner,
      scopes: key.scopes,
      lastUsedAt: key.lastUsedAt,
      expiresAt: key.expiresAt,
      decision: decision!.decision,
      justification: decision!.justification,
      newExpiresAt: decision!.expiresAt,
      newOwner: decision!.owner,
      decidedBy: decision!.reviewer,
      decidedAt: decision!.decidedAt,
      decisionEventId: decision!.eventId,
      followUp: applied && { eventId: applied.followUpEventId, type: applied.followUpEventType, keyVersion: applied.keyVersion, appliedAt: applied.appliedAt },
    })),
    signOff: { by: signOff.by, at: signOff.at, eventId: signOff.eventId },
    checkpoint: signOff.checkpoint,
  };
}
