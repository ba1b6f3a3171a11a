import type { ReviewDecision, Reviewer } from '../events/key-reviewed.v1';
import type { ReviewedKeySnapshot } from '../events/review-opened.v1';
import type { SignedOffCheckpoint } from '../events/review-signed-off.v1';
import type { KeyStatus } from './key-summary';

/**
 * A review campaign as the management API shows it (GET /v1/reviews/{id}): shared by the key
 * service that answers it and the clients that read it (libs/client, the pxxl-keys CLI).
 */
export interface ReviewKeyView {
  keyId: string;
  name: string;
  owner: string | null;
  scopes: string[];
  lastUsedAt: string | null;
  expiresAt: string | null;
  /** The key's status now; `missing` when it is gone from the read model. */
  status: KeyStatus | 'missing';
  /** The key as the review froze it when it opened. */
  snapshot: ReviewedKeySnapshot;
  decision: {
    decision: ReviewDecision;
    justification: string | null;
    expiresAt: string | null;
    owner: string | null;
    reviewer: Reviewer;
    decidedAt: string;
    eventId: string;
  } | null;
  /** Decided, and (for a change) carried out. */
  done: boolean;
  followUp: { eventId: string; type: string; keyVersion: number; appliedAt: string } | null;
}

export interface ReviewSummaryView {
  id: string;
  workspaceId: string;
  title: string;
  dueAt: string;
  owner: string | null;
  scope: string | null;
  status: 'open' | 'signed-off';
  openedAt: string;
  openedBy: string;
  version: number;
  progress: { keys: number; decided: number; done: number };
  signOff: { by: Reviewer; at: string; checkpoint: SignedOffCheckpoint | null } | null;
}

export interface ReviewView extends ReviewSummaryView {
  keys: ReviewKeyView[];
  /** Active keys in scope created after the review opened: listed, not silently left out, and not part of this review. */
  newSinceOpened: ReviewedKeySnapshot[];
}

/** What applying did to one key: carried out (with the new secret of a rotation, shown once), skipped or refused. */
export interface AppliedOutcome {
  keyId: string;
  decision: Exclude<ReviewDecision, 'keep'>;
  outcome: 'applied' | 'skipped' | 'failed';
  followUpEventId: string | null;
  followUpEventType: string | null;
  /** The rotated key's new token: the only time it is shown. */
  key: string | null;
  /** Why it was skipped or refused: the key service's error code. */
  code: string | null;
  message: string | null;
}
