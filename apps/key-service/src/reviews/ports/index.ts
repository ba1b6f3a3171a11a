import type { LatestCheckpoint } from '@pxxl/audit-trail';
import type { ReviewEvent } from '@pxxl/contracts';
import type { CandidateKey, KeyProvenance } from '../domain/review';

/** A review's stream in the key event store (`review:<reviewId>`): the append of version N+1 is the concurrency check. */
export interface ReviewEventStore {
  load(reviewId: string): Promise<ReviewEvent[]>;
  /** Throws ConcurrencyError (libs/event-store) when another writer appended one of these versions first. */
  append(events: ReviewEvent[]): Promise<void>;
  /** Resolves once the events are on the topic; keeps retrying in the background. */
  publish(events: ReviewEvent[]): Promise<void>;
}
export const REVIEW_EVENT_STORE = 'REVIEW_EVENT_STORE';

/** Every review of a workspace: the index written when a review opens (the event store is read by `_id` only). */
export interface ReviewIndex {
  add(entry: { reviewId: string; workspaceId: string; openedAt: Date }): Promise<void>;
  /** Newest first. */
  list(workspaceId: string): Promise<string[]>;
}
export const REVIEW_INDEX = 'REVIEW_INDEX';

/** A key event that carried a decision out. */
export interface FollowUp {
  eventId: string;
  type: string;
  version: number;
}

/** A key's state now, as a review shows it next to its frozen snapshot. */
export interface CurrentKey extends CandidateKey {
  status: 'active' | 'expired' | 'revoked' | 'deleted';
}

/** What a review needs to know about the workspace's keys (the key read model and the key streams). */
export interface ReviewedKeys {
  /** Every active key of the workspace, oldest first. */
  active(workspaceId: string, now: Date): Promise<CandidateKey[]>;
  /** The keys as they are now; missing ids are left out. */
  current(workspaceId: string, keyIds: string[], now: Date): Promise<Map<string, CurrentKey>>;
  /** Who created and last rotated the key, and their owners; null for a key not in this workspace. */
  provenance(workspaceId: string, keyId: string): Promise<KeyProvenance | null>;
  /** The owner of a key: the one accessor (r-owners' `owner` field of the key view). */
  ownerOf(keyId: string): Promise<string | null>;
  /** The key's event of this version, or its latest event of this type. */
  event(keyId: string, which: { version: number } | { type: string }): Promise<FollowUp | null>;
}
export const REVIEWED_KEYS = 'REVIEWED_KEYS';

/** The audit trail's latest signed checkpoint of a workspace (the audit app signs them; libs/audit-trail reads them). */
export interface AuditCheckpoints {
  latest(workspaceId: string): Promise<LatestCheckpoint | null>;
}
export const AUDIT_CHECKPOINTS = 'AUDIT_CHECKPOINTS';
