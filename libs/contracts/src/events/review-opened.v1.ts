/** A key as the review froze it when it opened: what the reviewer decides on. */
export interface ReviewedKeySnapshot {
  keyId: string;
  name: string;
  /** The key's owner (`team:payments`); null when it has none. */
  owner: string | null;
  scopes: string[];
  createdAt: string;
  /** `key:<keyId>` of the key that created it, or `system`. */
  createdBy: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  /** The key's version when the review opened. */
  version: number;
}

export interface ReviewOpenedV1Data {
  title: string;
  /** When the review must be signed off. */
  dueAt: string;
  /** Only keys of this owner are in scope; null: every owner. */
  owner: string | null;
  /** Only keys holding this scope (or a narrower grant of it) are in scope; null: every key. */
  scope: string | null;
  /** The frozen list of keys in scope: every active key of the workspace that matched, in creation order. */
  keys: ReviewedKeySnapshot[];
}

/**
 * A review campaign is its own aggregate in the key event store, stream
 * `review:<reviewId>`, published on the key topic with the message key
 * `review:<reviewId>`. Its envelope names the review, not a key.
 */
export interface ReviewEnvelope<TType extends string, TData> {
  eventId: string;
  type: TType;
  schemaVersion: 1;
  reviewId: string;
  workspaceId: string;
  /** Per-review sequence number, 1 for ReviewOpened. */
  version: number;
  occurredAt: string;
  actor: string;
  data: TData;
}

export type ReviewOpenedV1 = ReviewEnvelope<'ReviewOpened', ReviewOpenedV1Data>;
